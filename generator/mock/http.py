"""Plain ASGI plumbing for the mock: read a request, send a response, cut or drop a connection."""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

__all__ = [
    "Scope",
    "Message",
    "Receive",
    "Send",
    "Request",
    "Response",
    "json_response",
    "basic_auth",
    "read_request",
    "send_response",
    "send_cut",
    "halved",
    "drop_connection",
]

Scope = Mapping[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


@dataclass(frozen=True)
class Request:
    """One HTTP request as the handlers see it: raw path, query lists, lower-case headers."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    origin: str  # scheme://host[:port] as the client addressed the mock

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    def json(self) -> object:
        """The body as JSON; ValueError when it is empty or not JSON."""
        return json.loads(self.body)

    def flat_query(self) -> dict[str, str | list[str]]:
        """The query as the journal shows it: one value, or a list for a repeated key."""
        return {
            key: values[0] if len(values) == 1 else values for key, values in self.query.items()
        }


@dataclass
class Response:
    """A whole body, or `chunks` streamed with chunked transfer encoding."""

    status: int = 200
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    chunks: Iterable[bytes] | None = None


def json_response(
    body: object, status: int = 200, headers: Iterable[tuple[str, str]] = ()
) -> Response:
    data = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    return Response(status, [("Content-Type", "application/json"), *headers], data)


async def read_request(scope: Scope, receive: Receive) -> Request:
    """The whole request: mock requests are small, so the body is read before routing."""
    parts: list[bytes] = []
    more = True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        parts.append(message.get("body", b""))
        more = bool(message.get("more_body", False))
    headers: dict[str, str] = {}
    for name, value in scope.get("headers", []):
        headers[name.decode("latin-1").lower()] = value.decode("latin-1")
    query: dict[str, list[str]] = {}
    raw_query = scope.get("query_string", b"").decode("latin-1")
    for key, value in parse_qsl(raw_query, keep_blank_values=True):
        query.setdefault(key, []).append(value)
    return Request(
        method=scope["method"].upper(),
        path=_raw_path(scope),
        query=query,
        headers=headers,
        body=b"".join(parts),
        origin=_origin(scope, headers),
    )


def _raw_path(scope: Scope) -> str:
    """The path as sent, still percent-encoded: an encoded "/" inside a path param stays one."""
    raw = scope.get("raw_path")
    if isinstance(raw, bytes) and raw:
        return raw.decode("latin-1").split("?", 1)[0]
    return str(scope["path"])


def _origin(scope: Scope, headers: Mapping[str, str]) -> str:
    scheme = scope.get("scheme", "http")
    host = headers.get("host")
    if not host:
        server = scope.get("server") or ("127.0.0.1", 80)
        host = f"{server[0]}:{server[1]}"
    return f"{scheme}://{host}"


def _start(response: Response, length: int | None) -> Message:
    headers = [(name.lower().encode(), value.encode()) for name, value in response.headers]
    if length is not None:
        headers.append((b"content-length", str(length).encode()))
    return {"type": "http.response.start", "status": response.status, "headers": headers}


async def send_response(send: Send, response: Response) -> None:
    if response.chunks is None:
        await send(_start(response, len(response.body)))
        await send({"type": "http.response.body", "body": response.body, "more_body": False})
        return
    await send(_start(response, None))
    for chunk in response.chunks:
        if chunk:
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
    await send({"type": "http.response.body", "body": b"", "more_body": False})


async def send_cut(send: Send, receive: Receive, response: Response) -> None:
    """Announce the whole response, send about half of it, then close the connection."""
    if response.chunks is None:
        await send(_start(response, len(response.body)))
        part = response.body[: len(response.body) // 2]
    else:
        await send(_start(response, None))
        first = next(iter(response.chunks), b"")  # the rest never comes
        part = first[: len(first) // 2]
    await send({"type": "http.response.body", "body": part, "more_body": True})
    await drop_connection(send, receive)


def halved(response: Response) -> Response:
    """A complete response whose body is cut in half: valid HTTP, broken content."""
    body = response.body if response.chunks is None else next(iter(response.chunks), b"")
    return Response(response.status, list(response.headers), body[: len(body) // 2])


async def drop_connection(send: Send, receive: Receive) -> None:
    """Close the TCP connection at once, whatever was sent so far.

    ASGI has no message for this, so the server's transport is closed directly: uvicorn's
    `send` is a method of the request cycle that owns it. Under a server without that, the
    app just returns; the server then ends the connection (or answers 500) its own way.
    """
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    close = getattr(transport, "close", None)
    if not callable(close):
        return
    close()
    try:
        # Wait until the server has seen the connection go, so it does not answer 500.
        await asyncio.wait_for(receive(), timeout=1.0)
    except (asyncio.TimeoutError, RuntimeError):
        pass


def basic_auth(value: str | None) -> tuple[str, str] | None:
    """The (user, password) of an HTTP Basic Authorization header value, or None."""
    prefix, _, encoded = (value or "").partition(" ")
    if prefix.lower() != "basic":
        return None
    try:
        pair = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    user, colon, password = pair.partition(":")
    return (user, password) if colon else None
