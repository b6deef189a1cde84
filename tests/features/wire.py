"""The hand-written wire file of a feature fixture (`wire.yaml`), and how a request is checked.

Each call lists, in order, the exact requests the generated client must send and what the
server answers. The expectations are written by hand from the fixture's spec, so a wrong
decision shared by the generator and the mock still fails.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import yaml

__all__ = ["Expected", "Answer", "Exchange", "Received", "WireCall", "WireFile", "load_wire",
           "mismatches"]


@dataclass(frozen=True)
class Expected:
    """What one request must be: method, path, query exactly; headers as a subset; body exactly."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    absent_headers: tuple[str, ...]
    body: tuple[str, object] | None  # ("json" | "form" | "text", value); None: no body


@dataclass(frozen=True)
class Answer:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    json: object = None
    text: str | None = None
    has_json: bool = False


@dataclass(frozen=True)
class Exchange:
    request: Expected
    response: Answer


@dataclass(frozen=True)
class WireCall:
    name: str
    call: str  # method of the generated client
    args: dict[str, Any]
    client: dict[str, Any]  # constructor kwargs, the file's merged with the call's
    exchanges: tuple[Exchange, ...]
    returns: object
    has_returns: bool
    raises: dict[str, Any] | None
    warns: str | None
    variants: tuple[str, ...]  # "sync", "async"


@dataclass(frozen=True)
class WireFile:
    path: Path
    server: str  # path appended to the loopback origin to form server_url
    calls: tuple[WireCall, ...]
    # generated file (relative to the vendor package) → texts it must contain: what the spec
    # says that no wire exchange shows (docstrings, docs, notes, deprecations)
    generated: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _wire_text(value: object) -> str:
    """How a YAML scalar is written in a query or header: booleans as JSON, the rest as str."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _query(raw: Mapping[str, object] | None) -> dict[str, list[str]]:
    query: dict[str, list[str]] = {}
    for key, value in (raw or {}).items():
        values = value if isinstance(value, list) else [value]
        query[str(key)] = [_wire_text(item) for item in values]
    return query


def _body(raw: Mapping[str, Any]) -> tuple[str, object] | None:
    for kind in ("json", "form", "text"):
        if kind in raw:
            value = raw[kind]
            return (kind, _query(value) if kind == "form" else value)
    return None


def _expected(raw: Mapping[str, Any]) -> Expected:
    unknown = set(raw) - {"method", "path", "query", "headers", "absent_headers", "json",
                          "form", "text"}
    if unknown:
        raise ValueError(f"unknown request key(s) {sorted(unknown)}")
    headers = {str(name).lower(): _wire_text(value)
               for name, value in (raw.get("headers") or {}).items()}
    return Expected(
        method=str(raw.get("method", "GET")).upper(),
        path=str(raw["path"]),
        query=_query(raw.get("query")),
        headers=headers,
        absent_headers=tuple(str(name).lower() for name in raw.get("absent_headers", ())),
        body=_body(raw),
    )


def _answer(raw: Mapping[str, Any]) -> Answer:
    unknown = set(raw) - {"status", "headers", "json", "text"}
    if unknown:
        raise ValueError(f"unknown response key(s) {sorted(unknown)}")
    headers = {str(name).lower(): _wire_text(value)
               for name, value in (raw.get("headers") or {}).items()}
    return Answer(int(raw.get("status", 200)), headers, raw.get("json"), raw.get("text"),
                  "json" in raw)


def _call(raw: Mapping[str, Any], client: Mapping[str, Any]) -> WireCall:
    unknown = set(raw) - {"name", "call", "args", "client", "exchanges", "returns", "raises",
                          "warns", "variants"}
    if unknown:
        raise ValueError(f"call {raw.get('name')!r}: unknown key(s) {sorted(unknown)}")
    raises = raw.get("raises")
    if isinstance(raises, str):
        raises = {"type": raises}
    exchanges = tuple(Exchange(_expected(item["request"]), _answer(item.get("response", {})))
                      for item in raw.get("exchanges", ()))
    return WireCall(
        name=str(raw["name"]),
        call=str(raw["call"]),
        args=dict(raw.get("args") or {}),
        client={**client, **(raw.get("client") or {})},
        exchanges=exchanges,
        returns=raw.get("returns"),
        has_returns="returns" in raw,
        raises=raises,
        warns=raw.get("warns"),
        variants=tuple(raw.get("variants", ("sync", "async"))),
    )


def load_wire(path: Path) -> WireFile:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    client = raw.get("client") or {}
    calls = tuple(_call(item, client) for item in raw.get("calls", ()))
    unknown = set(raw) - {"server", "client", "calls", "generated"}
    if unknown:
        raise ValueError(f"{path}: unknown key(s) {sorted(unknown)}")
    generated = {str(name): tuple(map(str, texts))
                 for name, texts in (raw.get("generated") or {}).items()}
    return WireFile(path, str(raw.get("server", "")), calls, generated)


@dataclass(frozen=True)
class Received:
    """A request as the loopback server saw it."""

    method: str
    target: str  # path and query, as sent
    headers: dict[str, str]  # lower-case names
    body: bytes


def _body_mismatch(expected: tuple[str, object] | None, received: Received) -> str | None:
    if expected is None:
        return None if not received.body else f"expected no body, got {received.body[:200]!r}"
    kind, value = expected
    text = received.body.decode("utf-8", "replace")
    if kind == "json":
        try:
            actual: object = json.loads(text)
        except ValueError:
            return f"expected a JSON body, got {text[:200]!r}"
    elif kind == "form":
        actual = _pairs(text)
    else:
        actual = text
    return None if actual == value else f"{kind} body: expected {value!r}, got {actual!r}"


def _pairs(query: str) -> dict[str, list[str]]:
    pairs: dict[str, list[str]] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        pairs.setdefault(key, []).append(value)
    return pairs


def mismatches(expected: Expected, received: Received) -> list[str]:
    """Every way the received request differs from the expected one (empty: it matches)."""
    problems = []
    parts = urlsplit(received.target)
    if received.method != expected.method:
        problems.append(f"method: expected {expected.method}, got {received.method}")
    # The raw path as sent: `%2F` and `/` are different requests to a server, so an unencoded
    # path param must fail here; wire.yaml writes `path:` exactly as it goes on the wire.
    if parts.path != expected.path:
        problems.append(f"path: expected {expected.path}, got {parts.path}")
    query = _pairs(parts.query)
    if query != expected.query:
        problems.append(f"query: expected {expected.query}, got {query}")
    for name, value in expected.headers.items():
        if received.headers.get(name) != value:
            problems.append(f"header {name}: expected {value!r}, got {received.headers.get(name)!r}")
    problems += [f"header {name} must be absent" for name in expected.absent_headers
                 if name in received.headers]
    body = _body_mismatch(expected.body, received)
    return problems + ([body] if body else [])
