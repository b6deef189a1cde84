"""Reading a response body within a deadline and a size limit, chunk by chunk (sync and async).

Nothing here calls `response.read()`: that would wait as long as a dripping server likes and
hold a body of any size. Each chunk is one step of the call's Deadline; a body read whole stops
at its limit (refused, or cut short for error bodies that only need their first bytes).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterator

import httpx

from ._deadline import Deadline
from ._errors import ResponseTooLarge
from ._response import Exchange

__all__ = ["ERROR_BODY_BYTES", "iter_chunks", "aiter_chunks", "read_body", "aread_body"]

# An error body is read for its code and message; the first 1 MiB holds them if anything does.
ERROR_BODY_BYTES = 1024 * 1024


def iter_chunks(response: httpx.Response, deadline: Deadline) -> Iterator[bytes]:
    """The decoded body, chunk by chunk; each read is one step of the deadline."""
    chunks = response.iter_bytes()
    while True:
        with deadline.sync():
            chunk = next(chunks, None)
        if chunk is None:
            return
        yield chunk


async def aiter_chunks(
    response: httpx.Response, deadline: Deadline
) -> AsyncGenerator[bytes, None]:
    """The decoded body, chunk by chunk; each read is one step of the deadline."""
    chunks = response.aiter_bytes()
    while True:
        try:
            async with deadline.step():
                chunk = await chunks.__anext__()
        except StopAsyncIteration:
            return
        yield chunk


def read_body(
    response: httpx.Response,
    deadline: Deadline,
    ex: Exchange,
    limit: int | None,
    *,
    cut: bool = False,
) -> bytes:
    """The whole body, at most `limit` bytes once decoded (ResponseTooLarge past it, or the
    first `limit` bytes if `cut`); kept as `response.content` too."""
    _check_length(response, ex, limit, cut)
    parts = _Parts(ex, limit, cut)
    for chunk in iter_chunks(response, deadline):
        if not parts.add(chunk):
            break
    return parts.done(response)


async def aread_body(
    response: httpx.Response,
    deadline: Deadline,
    ex: Exchange,
    limit: int | None,
    *,
    cut: bool = False,
) -> bytes:
    """The async read_body."""
    _check_length(response, ex, limit, cut)
    parts = _Parts(ex, limit, cut)
    chunks = aiter_chunks(response, deadline)
    try:
        async for chunk in chunks:
            if not parts.add(chunk):
                break
    finally:
        await chunks.aclose()  # not left to the collector: it would finalize it on the loop
    return parts.done(response)


def _check_length(response: httpx.Response, ex: Exchange, limit: int | None, cut: bool) -> None:
    """Refuse before reading a body whose announced length is already over the limit."""
    if limit is None or cut:
        return
    announced = response.headers.get("Content-Length", "")
    if announced.isdigit() and int(announced) > limit:
        raise _too_large(ex, limit, f"announces {int(announced):,} bytes")


def _too_large(ex: Exchange, limit: int, what: str) -> ResponseTooLarge:
    return ResponseTooLarge(
        f"{ex.where}: response body {what}, over the limit of {limit:,} bytes "
        f"(max_body_bytes; with_options(max_body_bytes=...) to change it)",
        limit=limit,
    )


class _Parts:
    """The chunks of a body read whole, counted against its limit."""

    def __init__(self, ex: Exchange, limit: int | None, cut: bool) -> None:
        self.ex, self.limit, self.cut = ex, limit, cut
        self.chunks: list[bytes] = []
        self.size = 0

    def add(self, chunk: bytes) -> bool:
        """Keep a chunk; False once a `cut` body is full."""
        self.size += len(chunk)
        if self.limit is not None and self.size > self.limit:
            if not self.cut:
                raise _too_large(self.ex, self.limit, "is larger")
            self.chunks.append(chunk[: len(chunk) - (self.size - self.limit)])
            return False
        self.chunks.append(chunk)
        return True

    def done(self, response: httpx.Response) -> bytes:
        body = b"".join(self.chunks)
        self.chunks.clear()
        # What response.read() would have set; callers of _call_raw and APIError.response read
        # .content and .text. httpx offers no public way to set a body read in chunks.
        response._content = body
        return body
