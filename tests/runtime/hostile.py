"""A hostile HTTP/1.1 server on 127.0.0.1 for tests: drips, deep JSON, huge bodies, long lines.

Each path is one misbehaviour. Bodies are generated lazily from one small block, so a 50 MB
body costs the test process nothing; every handler stops as soon as the client hangs up.
"""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from urllib.parse import parse_qs, urlsplit

from pydantic import BaseModel, ConfigDict, Field

from generator.runtime import (
    ApiDescription,
    AsyncClient,
    CsvLayout,
    Operation,
    RetryPolicy,
    Server,
    SyncClient,
)

MB = 1024 * 1024
_BLOCK = 64 * 1024
DRIP_SECONDS = 30.0  # how long a drip would last if nobody hung up: far above any deadline used

Send = Callable[[bytes], None]


class Row(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    call_id: int = Field(alias="callId")
    caller: str


LAYOUT = CsvLayout(columns=("callId", "caller"), header=False)
DESCRIPTION = ApiDescription(vendor="Hostile", server=Server("http://unused.invalid"))


def operation(path: str, fmt: str = "json", idempotent: bool = True) -> Operation:
    return Operation(
        name=path.strip("/").replace("-", "_") or "root",
        http_method="GET",
        path=path,
        locations={},
        idempotent=idempotent,
        response_format=fmt,  # type: ignore[arg-type]
        csv=LAYOUT if fmt == "csv" else None,
    )


def _head(status: str, content_type: str, length: int | None = None, extra: str = "") -> bytes:
    lines = [f"HTTP/1.1 {status}", f"Content-Type: {content_type}", "Connection: close"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n" + extra + "\r\n").encode()


def _repeat(block: bytes, total: int) -> Iterator[bytes]:
    """`total` bytes of `block` repeated, in chunks of about 64 KiB."""
    chunk = block * max(1, _BLOCK // len(block))
    sent = 0
    while sent < total:
        piece = chunk[: total - sent]
        sent += len(piece)
        yield piece


def _drip(send: Send, data: bytes, every: float = 0.05) -> None:
    deadline = time.monotonic() + DRIP_SECONDS
    for i in range(len(data)):
        if time.monotonic() > deadline:
            return
        send(data[i : i + 1])
        time.sleep(every)


def _drip_body(send: Send, query: dict[str, str]) -> None:
    kind = query.get("type", "application/json")
    send(_head("200 OK", kind, 1_000_000))
    _drip(send, b"1," * 500_000)


def _drip_headers(send: Send, query: dict[str, str]) -> None:
    _drip(send, b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 5000 + b"\r\n\r\n")


def _stall(send: Send, query: dict[str, str]) -> None:
    """Nothing at all, not even a status line, for DRIP_SECONDS (the client hangs up first)."""
    time.sleep(DRIP_SECONDS)


def _deep_json(send: Send, query: dict[str, str]) -> None:
    depth = int(query.get("depth", "100000"))
    body = b"[" * depth + b"]" * depth
    send(_head("200 OK", "application/json", len(body)) + body)


def _huge(send: Send, query: dict[str, str]) -> None:
    size = int(query.get("mb", "50")) * MB
    announce = query.get("announce", "1") == "1"
    kind = query.get("type", "application/json")
    send(_head("200 OK", kind, size if announce else None))
    first = b'{"data": "'
    send(first)
    for piece in _repeat(b"x", size - len(first)):
        send(piece)


def _long_line(send: Send, query: dict[str, str]) -> None:
    size = int(query.get("mb", "50")) * MB
    quoted = query.get("quoted", "0") == "1"
    send(_head("200 OK", "text/csv"))
    send(b'1,"' if quoted else b"1,")
    for piece in _repeat(b"abcdefgh\n" if quoted else b"abcdefgh", size):
        send(piece)


def _bad_utf8(send: Send, query: dict[str, str]) -> None:
    body = b"1,alice\n2,b\xff\xfeob\n3,carol\n"
    send(_head("200 OK", "text/csv; charset=utf-8", len(body)) + body)


def _html(send: Send, query: dict[str, str]) -> None:
    body = b"<html><body>Please log in</body></html>"
    send(_head("200 OK", "text/html", len(body)) + body)


def _drip_rows(send: Send, query: dict[str, str]) -> None:
    send(_head("200 OK", "text/csv"))
    end = time.monotonic() + DRIP_SECONDS
    row = 0
    while time.monotonic() < end:
        row += 1
        send(f"{row},caller{row}\n".encode())
        time.sleep(0.05)


def _retry_after(send: Send, query: dict[str, str]) -> None:
    value = query.get("value", "10")
    body = b'{"message": "busy"}'
    head = _head("503 Service Unavailable", "application/json", len(body), f"Retry-After: {value}\r\n")
    send(head + body)


def _redirect(send: Send, query: dict[str, str]) -> None:
    extra = "Location: http://127.0.0.1:9/next?access_token=SECRET-IN-LOCATION\r\n"
    send(_head("302 Found", "text/plain", 0, extra))


def _gzip_bomb(send: Send, query: dict[str, str]) -> None:
    import zlib

    size = int(query.get("mb", "200")) * MB
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip framing
    parts = [packer.compress(piece) for piece in _repeat(b"0", size)]
    body = b"".join(parts) + packer.flush()
    head = _head("200 OK", "application/json", len(body), "Content-Encoding: gzip\r\n")
    send(head + body)


ROUTES: dict[str, Callable[[Send, dict[str, str]], None]] = {
    "/drip-body": _drip_body,
    "/drip-headers": _drip_headers,
    "/stall": _stall,
    "/deep-json": _deep_json,
    "/huge": _huge,
    "/long-line": _long_line,
    "/bad-utf8": _bad_utf8,
    "/html": _html,
    "/drip-rows": _drip_rows,
    "/retry-after": _retry_after,
    "/redirect": _redirect,
    "/gzip-bomb": _gzip_bomb,
}


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(DRIP_SECONDS)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                return
            data += chunk
        target = data.split(b" ", 2)[1].decode()
        parts = urlsplit(target)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        route = ROUTES.get(parts.path)
        try:
            if route is None:
                sock.sendall(_head("404 Not Found", "text/plain", 0))
            else:
                route(sock.sendall, query)
        except OSError:
            pass  # the client hung up: what every test here wants it to do


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class HostileServer:
    """Start with `with HostileServer() as server:`; `server.url` is its base URL."""

    def __init__(self) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def no_retry() -> RetryPolicy:
    return RetryPolicy(max_attempts=1)


def sync_client(url: str, **kw: object) -> SyncClient:
    kw.setdefault("retry", no_retry())
    return SyncClient(DESCRIPTION, server_url=url, **kw)  # type: ignore[arg-type]


def async_client(url: str, **kw: object) -> AsyncClient:
    kw.setdefault("retry", no_retry())
    return AsyncClient(DESCRIPTION, server_url=url, **kw)  # type: ignore[arg-type]
