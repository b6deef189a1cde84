"""Retries: when to try again and how long to wait, as small pure functions over a RetryPolicy."""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

from ._errors import APIError, CallspecError, TransportError

__all__ = ["RetryPolicy", "backoff_delay", "parse_retry_after", "retry_delay"]


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry. `random`, `sleep`, `async_sleep`, `clock` are seams."""

    max_attempts: int = 3  # total tries, the first included; 1 disables retries
    backoff_base: float = 0.5  # seconds before the first retry, before jitter
    backoff_factor: float = 2.0
    backoff_max: float = 8.0
    retry_after_max: float = 60.0  # a longer Retry-After is waited this long, then tried again
    random: Callable[[], float] = field(default=random.random, repr=False)
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    async_sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep, repr=False)
    clock: Callable[[], float] = field(default=time.time, repr=False)


def backoff_delay(policy: RetryPolicy, attempt: int) -> float:
    """Full jitter: uniform in [0, min(max, base * factor**(attempt-1))] after try `attempt`."""
    ceiling = min(policy.backoff_max, policy.backoff_base * policy.backoff_factor ** (attempt - 1))
    return policy.random() * ceiling


# Longer than any real "come back later": a value beyond it is clamped here already, so the
# arithmetic below never meets an overflow (retry_delay clamps further, to retry_after_max).
_RETRY_AFTER_CEILING = 86_400.0


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; None if unusable.

    None sends the caller to its own exponential backoff, which is always a sane wait.
    """
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        return _retry_after_date(value, now)
    if not math.isfinite(seconds) or seconds < 0:
        # "nan", "inf", "-5": no meaning a server could intend; max(0, nan) would be 0 and
        # retry at once, so these fall back to backoff instead.
        return None
    return min(seconds, _RETRY_AFTER_CEILING)  # huge values: clamped, never an overflow


def _retry_after_date(value: str, now: float) -> float | None:
    try:
        when = parsedate_to_datetime(value)
        stamp = when.timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None  # not a date either
    if when.tzinfo is None:  # HTTP dates are GMT; a date without a zone is no HTTP date
        return None
    if stamp <= now:
        # A date already past says "now", but mostly it says the clocks differ: back off
        # instead of retrying at once.
        return None
    return min(stamp - now, _RETRY_AFTER_CEILING)


def retry_delay(
    policy: RetryPolicy, idempotent: bool, attempt: int, error: CallspecError
) -> float | None:
    """Seconds to wait before the next try after `error` on try `attempt`, or None to give up."""
    if attempt >= policy.max_attempts:
        # Out of tries: the caller raises the last error, saying how many tries it took.
        return None
    if not idempotent:
        # A request that may have reached the vendor could act twice (export twice, bill twice);
        # only operations the spec marks idempotent are sent again.
        return None
    if isinstance(error, TransportError):
        if error.retryable:
            # Connection failed or timed out: the cause is usually passing; back off and retry.
            return backoff_delay(policy, attempt)
        # A body that is not JSON or is truncated will most likely come back the same.
        return None
    if isinstance(error, APIError) and error.status is not None:
        if error.status == 429 or error.status >= 500:
            if error.retry_after is not None:
                # The vendor said when to come back: honour it, but never wait unboundedly.
                return min(error.retry_after, policy.retry_after_max)
            # Overload or a passing failure on the vendor's side: back off and retry.
            return backoff_delay(policy, attempt)
    # Any other error (4xx, an error inside HTTP 200, bad body) will not change by asking again.
    return None
