"""A loopback HTTP server that answers a script of exchanges and records every difference.

Each request is checked against the next expected one (tests/features/wire.py); the answer is
the scripted one, or a 599 when the request was unexpected, so the client fails loudly too.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.features.wire import Answer, Exchange, Received, mismatches

__all__ = ["ScriptServer", "serve_script", "with_origin"]


def with_origin(value: object, origin: str) -> object:
    """`$ORIGIN` in any string of a scripted answer becomes the server's own origin."""
    if isinstance(value, str):
        return value.replace("$ORIGIN", origin)
    if isinstance(value, list):
        return [with_origin(item, origin) for item in value]
    if isinstance(value, dict):
        return {key: with_origin(item, origin) for key, item in value.items()}
    return value


class ScriptServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.script: list[Exchange] = []
        self.problems: list[str] = []
        self.seen = 0

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def load(self, exchanges: Sequence[Exchange]) -> None:
        with self.lock:
            self.script = list(exchanges)
            self.problems = []
            self.seen = 0

    def answer(self, received: Received) -> Answer:
        with self.lock:
            index = self.seen
            self.seen += 1
            if index >= len(self.script):
                self.problems.append(f"request {index + 1} was not expected: "
                                     f"{received.method} {received.target}")
                return Answer(599, {}, {"error": "unexpected request"}, None, True)
            exchange = self.script[index]
            self.problems += [f"request {index + 1}: {problem}"
                              for problem in mismatches(exchange.request, received)]
            return exchange.response

    def unanswered(self) -> list[str]:
        with self.lock:
            return [f"expected request {index + 1} never came: {exchange.request.method} "
                    f"{exchange.request.path}"
                    for index, exchange in enumerate(self.script) if index >= self.seen]


class _Handler(BaseHTTPRequestHandler):
    server: ScriptServer
    protocol_version = "HTTP/1.1"

    def _handle(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {name.lower(): value for name, value in self.headers.items()}
        answer = self.server.answer(Received(self.command, self.path, headers, body))
        self._send(answer)

    def _send(self, answer: Answer) -> None:
        origin = self.server.origin
        headers = {name: str(with_origin(value, origin)) for name, value in answer.headers.items()}
        if answer.has_json:
            payload = json.dumps(with_origin(answer.json, origin)).encode()
            headers.setdefault("content-type", "application/json")
        else:
            payload = str(with_origin(answer.text or "", origin)).encode()
            headers.setdefault("content-type", "text/plain; charset=utf-8")
        self.send_response(answer.status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib's name
        """Quiet: the test reports differences itself."""


@contextmanager
def serve_script() -> Iterator[ScriptServer]:
    server = ScriptServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True, name="script-server")
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
