"""Run an auth fixture's wire.yaml over loopback: scripted exchanges, sync and async clients.

A stand-in for the feature corpus harness (tests/features/harness.py) until it lands; it reads
the same wire.yaml format, so the fixtures are written once.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs, urlsplit

import yaml

import generator.runtime as runtime
from generator.pipeline import render_tree

FEATURES = Path(__file__).resolve().parent


def generate(feature: str, into: Path) -> ModuleType:
    """The fixture's generated package, written under `into` and imported."""
    tree = render_tree([FEATURES / feature / f"{feature}.yaml"])
    for name, text in tree.files.items():
        if name.startswith(f"{feature}/"):
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    sys.path.insert(0, str(into))
    try:
        return importlib.import_module(feature)
    finally:
        sys.path.remove(str(into))


class Script:
    """The exchanges a server must see, in order; every difference is kept as a failure."""

    def __init__(self, exchanges: list[dict[str, Any]]) -> None:
        self.pending = list(exchanges)
        self.failures: list[str] = []
        self.lock = threading.Lock()

    def answer(self, method: str, target: str, headers: dict[str, str], body: bytes) -> dict[str, Any]:
        with self.lock:
            if not self.pending:
                self.failures.append(f"unexpected request {method} {target}")
                return {"status": 599, "json": {"message": "unexpected"}}
            exchange = self.pending.pop(0)
        self.failures += _differences(exchange["request"], method, target, headers, body)
        response: dict[str, Any] = exchange.get("response", {})
        return response


def _differences(want: dict[str, Any], method: str, target: str, headers: dict[str, str],
                 body: bytes) -> Iterator[str]:
    parts = urlsplit(target)
    if (want["method"], want["path"]) != (method, parts.path):
        yield f"expected {want['method']} {want['path']}, got {method} {parts.path}"
    query = {k: v if len(v) > 1 else v[0] for k, v in parse_qs(parts.query).items()}
    if query != {k: str(v) for k, v in want.get("query", {}).items()}:
        yield f"{want['path']}: query {query} != {want.get('query', {})}"
    for name, value in want.get("headers", {}).items():
        if headers.get(name.lower()) != value:
            yield f"{want['path']}: header {name} is {headers.get(name.lower())!r}, want {value!r}"
    if "json" in want and (not body or json.loads(body) != want["json"]):
        yield f"{want['path']}: body {body!r} != {want['json']}"
    if "form" in want:
        form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
        if form != want["form"]:
            yield f"{want['path']}: form {form} != {want['form']}"
    if "json" not in want and "form" not in want and body:
        yield f"{want['path']}: unexpected body {body!r}"


class Loopback:
    """A threaded HTTP server on 127.0.0.1 that answers from the current Script."""

    def __init__(self) -> None:
        self.script = Script([])
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                reply = owner.script.answer(self.command, self.path, headers, body)
                data = json.dumps(reply.get("json")).encode()
                self.send_response(reply.get("status", 200))
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _any

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def load_wire(feature: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((FEATURES / feature / "wire.yaml").read_text())
    return data


def run_call(package: ModuleType, wire: dict[str, Any], call: dict[str, Any], server: Loopback,
             is_async: bool) -> object:
    """The call's result (a list for iterators), or the exception it raised."""
    server.script = Script(call["exchanges"])
    kwargs = {**wire.get("client", {}), **call.get("client", {})}
    kwargs["server_url"] = server.origin + wire.get("server", "")
    names = [n for n in dir(package) if n.endswith("Client")]
    cls = getattr(package, next(n for n in names if n.startswith("Async") == is_async))
    try:
        if is_async:
            return asyncio.run(_async_call(cls, kwargs, call))
        with cls(**kwargs) as client:
            result = getattr(client, call["call"])(**call.get("args", {}))
            return list(result) if call["call"].startswith("iter_") else result
    except runtime.CallspecError as error:
        return error


async def _async_call(cls: Any, kwargs: dict[str, Any], call: dict[str, Any]) -> object:
    async with cls(**kwargs) as client:
        method = getattr(client, call["call"])
        if call["call"].startswith("iter_"):
            return [item async for item in method(**call.get("args", {}))]
        return await method(**call.get("args", {}))


def check_outcome(call: dict[str, Any], outcome: object, script: Script) -> None:
    assert not script.failures, script.failures
    assert not script.pending, f"requests never sent: {script.pending}"
    if "raises" in call:
        expected = dict(call["raises"])
        assert isinstance(outcome, getattr(runtime, expected.pop("type"))), outcome
        for name, value in expected.items():
            assert getattr(outcome, name) == value, (name, outcome)
        return
    assert not isinstance(outcome, Exception), outcome
    want = call["returns"]
    got = ([item.model_dump(by_alias=True, mode="json") for item in outcome]
           if isinstance(outcome, list) else outcome.model_dump(by_alias=True, mode="json"))  # type: ignore[attr-defined]
    assert _subset(want, got), (want, got)


def _subset(want: object, got: object) -> bool:
    if isinstance(want, dict):
        return isinstance(got, dict) and all(k in got and _subset(v, got[k]) for k, v in want.items())
    if isinstance(want, list):
        return isinstance(got, list) and len(want) == len(got) and all(map(_subset, want, got))
    return want == got
