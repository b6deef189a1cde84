"""A stand-in for the feature-corpus harness (until it lands on main): generate a fixture into a
temp dir, serve its hand-written `wire.yaml` exchanges on 127.0.0.1, run every call with the sync
and the async client, and compare each request and result exactly."""

from __future__ import annotations

import asyncio
import importlib
import json
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import yaml
from pydantic import BaseModel

import generated
from generator.pipeline import render_tree

FEATURES = Path(__file__).resolve().parent


def load_feature(feature: str, root: Path) -> ModuleType:
    """`generated.<feature>` made from the fixture spec under `root`, importable."""
    spec = root / "specs" / f"{feature}.yaml"
    spec.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(FEATURES / feature / f"{feature}.yaml", spec)
    tree = render_tree([spec], jobs=1)
    for relative, content in tree.files.items():
        if relative.startswith(f"{feature}/") and relative.endswith(".py"):
            target = root / "generated" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
    if str(root / "generated") not in generated.__path__:
        generated.__path__.append(str(root / "generated"))
    importlib.invalidate_caches()
    return importlib.import_module(f"generated.{feature}.client")


def wire(feature: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((FEATURES / feature / "wire.yaml").read_text())
    return data


class Script:
    """The exchanges one call must make, checked as they arrive; `problems` lists differences."""

    def __init__(self, exchanges: list[dict[str, Any]], origin: str) -> None:
        self.pending = list(exchanges)
        self.origin = origin
        self.problems: list[str] = []

    def answer(self, method: str, target: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, str], bytes]:
        if not self.pending:
            self.problems.append(f"unexpected request {method} {target}")
            return 599, {}, b""
        exchange = self.pending.pop(0)
        self._compare(exchange["request"], method, target, headers, body)
        response = exchange.get("response", {})
        out_headers = {k: str(v).replace("$ORIGIN", self.origin)
                       for k, v in response.get("headers", {}).items()}
        if "json" in response:
            out_headers.setdefault("content-type", "application/json")
            content = json.dumps(response["json"]).encode()
        else:
            content = str(response.get("text", "")).encode()
        return int(response.get("status", 200)), out_headers, content

    def _compare(self, want: dict[str, Any], method: str, target: str, headers: dict[str, str],
                 body: bytes) -> None:
        url = urlsplit(target)
        query: dict[str, Any] = {}
        for key, value in parse_qsl(url.query, keep_blank_values=True):
            query[key] = [*query[key], value] if isinstance(query.get(key), list) else (
                [query[key], value] if key in query else value)
        expected_query = {k: v if isinstance(v, list) else str(v)
                          for k, v in (want.get("query") or {}).items()}
        checks = [("method", want["method"], method), ("path", want["path"], url.path),
                  ("query", expected_query, query)]
        checks += [(f"header {name}", str(value), headers.get(name.lower()))
                   for name, value in (want.get("headers") or {}).items()]
        checks.append(("json", want.get("json"), json.loads(body) if body else None))
        for what, expected, got in checks:
            if expected != got:
                self.problems.append(f"{what}: expected {expected!r}, got {got!r}")


@contextmanager
def loopback(script_box: list[Script]) -> Iterator[str]:
    """A server on 127.0.0.1 answering from the current script; yields its origin."""

    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, out_headers, content = script_box[0].answer(self.command, self.path, headers, body)
            self.send_response(status)
            for name, value in out_headers.items():
                self.send_header(name, value)
            self.send_header("content-length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def run_call(client_module: ModuleType, client_class: str, kwargs: dict[str, Any], call: str,
             args: dict[str, Any]) -> Any:
    """One call with a fresh client; iterators drained; async clients run on their own loop."""
    cls = getattr(client_module, client_class)
    if client_class.startswith("Async"):
        async def main() -> Any:
            async with cls(**kwargs) as client:
                result = getattr(client, call)(**args)
                if hasattr(result, "__aiter__"):
                    return [item async for item in result]
                return await result
        return asyncio.run(main())
    with cls(**kwargs) as client:
        result = getattr(client, call)(**args)
        return list(result) if isinstance(result, Iterator) else result


def dumped(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(by_alias=True, mode="json")
    if isinstance(value, list):
        return [dumped(item) for item in value]
    return value


def subset_problems(expected: Any, got: Any, path: str = "") -> list[str]:
    """Where `got` differs from `expected`, dicts compared as subsets."""
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return [f"{path or 'value'}: expected an object, got {got!r}"]
        return [problem for key, value in expected.items()
                for problem in (subset_problems(value, got[key], f"{path}.{key}") if key in got
                                else [f"{path}.{key}: missing"])]
    if isinstance(expected, list):
        if not isinstance(got, list) or len(got) != len(expected):
            return [f"{path or 'value'}: expected {expected!r}, got {got!r}"]
        return [p for i, (e, g) in enumerate(zip(expected, got))
                for p in subset_problems(e, g, f"{path}[{i}]")]
    return [] if expected == got else [f"{path or 'value'}: expected {expected!r}, got {got!r}"]
