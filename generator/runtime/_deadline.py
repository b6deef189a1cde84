"""Per-call deadlines: one time budget for connecting, every read, retries and their waits.

httpx's timeouts are per operation: a server that sends one byte every few seconds never trips
a read timeout and holds a call for as long as it likes. A Deadline is the call's total budget.
The runtime spends it only while it waits on the network or a backoff sleep, in steps:

- before each step, a spent budget ends the call (DeadlineReached, turned into
  DeadlineExceeded by the client);
- each request's httpx timeouts are shortened to what is left of the budget;
- sync: a guard in the connection pool's network backend shortens every socket read, write and
  connect to what is left, so even a drip inside the response headers ends on time;
- async: each step runs under `asyncio.timeout`, which cancels the step on time.

Time the caller spends between the items of a streamed result is not counted: it is not the
server's fault, and a slow consumer must not break a healthy stream.
"""

from __future__ import annotations

import asyncio
import contextvars
import math
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import httpx

__all__ = ["Deadline", "DeadlineReached", "guard_pool"]

# The monotonic instant a blocking socket operation on this thread must not outlast; set by
# Deadline.sync() around each step, read by the network-backend guard (sync clients only).
_UNTIL: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "callspec_deadline", default=None
)

# A timeout that fires with less than this left of the budget was the deadline's, not httpx's
# own per-read timeout (socket timers may fire a little early).
_SLACK = 0.05


class DeadlineReached(Exception):
    """The budget is spent; raised before a step, by the socket guard, or by asyncio.timeout.

    Internal: the client turns it into DeadlineExceeded naming the call.
    """


class Deadline:
    """One call's time budget in seconds; None: unbounded (only httpx's per-read timeouts)."""

    __slots__ = ("seconds", "_left")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._left = math.inf if seconds is None else seconds

    def left(self) -> float:
        return self._left

    def spent(self, slack: float = 0.0) -> bool:
        """Whether the budget is used up (within `slack` seconds)."""
        return self._left <= slack

    def was_deadline(self, exc: BaseException) -> bool:
        """Whether an exception out of a step means the budget ran out."""
        if isinstance(exc, DeadlineReached):
            return True
        return isinstance(exc, httpx.TimeoutException) and self.spent(_SLACK)

    def timeouts(self, base: httpx.Timeout) -> dict[str, float | None]:
        """httpx's per-operation timeouts (request extension form), none longer than the budget."""
        limits = base.as_dict()
        left = self._left
        if left == math.inf:
            return limits
        return {name: left if value is None else min(value, left) for name, value in limits.items()}

    def allows(self, delay: float) -> bool:
        """Whether a wait of `delay` seconds still leaves budget for another try."""
        return delay < self._left

    @contextmanager
    def sync(self) -> Iterator[None]:
        """One blocking step: refused if the budget is spent; its duration is charged."""
        if self._left == math.inf:
            yield
            return
        if self._left <= 0:
            raise DeadlineReached
        started = time.monotonic()
        token = _UNTIL.set(started + self._left)
        try:
            yield
        finally:
            _UNTIL.reset(token)
            self._left -= time.monotonic() - started

    @asynccontextmanager
    async def step(self) -> AsyncIterator[None]:
        """One awaited step, cancelled when the budget runs out; its duration is charged."""
        if self._left == math.inf:
            yield
            return
        if self._left <= 0:
            raise DeadlineReached
        started = time.monotonic()
        try:
            if _in_asyncio():
                async with asyncio.timeout(self._left):
                    yield
            else:  # another event loop (trio): the shortened httpx timeouts still apply
                yield
        except TimeoutError:
            if self._left - (time.monotonic() - started) <= _SLACK:
                raise DeadlineReached from None
            raise
        finally:
            self._left -= time.monotonic() - started


def _in_asyncio() -> bool:
    try:
        return asyncio.current_task() is not None
    except RuntimeError:
        return False


def _bounded(timeout: float | None) -> float | None:
    """A socket operation's timeout, shortened to the current step's deadline (if any)."""
    until = _UNTIL.get()
    if until is None:
        return timeout
    left = until - time.monotonic()
    if left <= 0:
        raise DeadlineReached
    return left if timeout is None or timeout > left else timeout


class _GuardedStream:
    """A sync network stream whose every read and write ends by the deadline."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        data: bytes = self._inner.read(max_bytes, timeout=_bounded(timeout))
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, timeout=_bounded(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, *args: Any, **kwargs: Any) -> _GuardedStream:
        if "timeout" in kwargs:
            kwargs["timeout"] = _bounded(kwargs["timeout"])
        return _GuardedStream(self._inner.start_tls(*args, **kwargs))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _GuardedBackend:
    """A sync network backend whose streams are guarded, and whose connects end by the deadline."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def connect_tcp(self, *args: Any, **kwargs: Any) -> _GuardedStream:
        if "timeout" in kwargs:
            kwargs["timeout"] = _bounded(kwargs["timeout"])
        return _GuardedStream(self.inner.connect_tcp(*args, **kwargs))

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> _GuardedStream:
        if "timeout" in kwargs:
            kwargs["timeout"] = _bounded(kwargs["timeout"])
        return _GuardedStream(self.inner.connect_unix_socket(*args, **kwargs))

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


def guard_pool(client: httpx.Client) -> bool:
    """Guard the network backend of the client's httpx.HTTPTransport pools (proxies included).

    httpx has no public hook below the transport, so this reaches for two private attributes
    (`_pool`, `_network_backend`) and does nothing when they are not there: the deadline then
    still holds between reads and through shortened timeouts. Returns whether it guarded any.
    """
    guarded = False
    mounts: dict[Any, Any] = getattr(client, "_mounts", {}) or {}
    for transport in (getattr(client, "_transport", None), *mounts.values()):
        if not isinstance(transport, httpx.HTTPTransport):
            continue  # a user's own transport (tests, mocks): nothing of ours below it
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if backend is None or isinstance(backend, _GuardedBackend):
            continue
        if not callable(getattr(backend, "connect_tcp", None)):
            continue
        setattr(pool, "_network_backend", _GuardedBackend(backend))
        guarded = True
    return guarded
