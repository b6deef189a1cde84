"""Retries: pure delay functions, and the client's loop with an injected sleep (nothing waits)."""

from __future__ import annotations

from email.utils import format_datetime
from datetime import datetime, timezone

import httpx
import pytest

from generator.runtime import (
    Operation,
    RateLimited,
    RetryPolicy,
    ServerError,
    TransportError,
    ValidationFailed,
)
from generator.runtime._errors import APIError
from generator.runtime._retry import backoff_delay, parse_retry_after, retry_delay

from .helpers import CINNOX, Recorder, Sleeps, ok, sync_client

GET = Operation(name="get_calls", http_method="GET", path="/calls", locations={}, idempotent=True)
POST = Operation(name="export", http_method="POST", path="/export", locations={})
CREDS = {"access_token": "cinnox-secret"}


def test_backoff_is_exponential_capped_and_fully_jittered() -> None:
    top = RetryPolicy(random=lambda: 1.0)
    assert [backoff_delay(top, n) for n in range(1, 7)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    half = RetryPolicy(random=lambda: 0.5)
    assert backoff_delay(half, 3) == 1.0
    assert backoff_delay(RetryPolicy(random=lambda: 0.0), 3) == 0.0


def test_parse_retry_after_seconds_and_http_date() -> None:
    now = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc).timestamp()
    assert parse_retry_after("7", now) == 7.0
    assert parse_retry_after(" 1.5 ", now) == 1.5
    later = format_datetime(datetime(2024, 5, 1, 12, 0, 30, tzinfo=timezone.utc), usegmt=True)
    assert parse_retry_after(later, now) == 30.0
    earlier = format_datetime(datetime(2024, 5, 1, 11, 0, 0, tzinfo=timezone.utc), usegmt=True)
    assert parse_retry_after(earlier, now) is None  # clocks differ: back off instead
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None


def test_retry_delay_decisions() -> None:
    policy = RetryPolicy(random=lambda: 1.0, retry_after_max=10.0)
    timeout = TransportError("t", retryable=True)
    bad_json = TransportError("not JSON", retryable=False)
    assert retry_delay(policy, True, 1, timeout) == 0.5
    assert retry_delay(policy, False, 1, timeout) is None  # not idempotent
    assert retry_delay(policy, True, 3, timeout) is None  # out of attempts
    assert retry_delay(policy, True, 1, bad_json) is None
    assert retry_delay(policy, True, 2, ServerError("x", status=503)) == 1.0
    assert retry_delay(policy, True, 1, RateLimited("x", status=429, retry_after=4.0)) == 4.0
    assert retry_delay(policy, True, 1, RateLimited("x", status=429, retry_after=3600.0)) == 10.0
    assert retry_delay(policy, True, 1, ValidationFailed("x", status=400)) is None
    # an error category from an in-body code, without a retryable HTTP status, is not retried
    assert retry_delay(policy, True, 1, ServerError("x", status=None, code=1009)) is None
    assert retry_delay(policy, True, 1, APIError("x", status=418)) is None


def test_5xx_retried_with_backoff_then_succeeds() -> None:
    sleeps = Sleeps()
    rec = Recorder(ok({"e": 1}, 503), ok({"e": 2}, 502), ok({"data": []}))
    client = sync_client(CINNOX, rec, sleeps, credentials=CREDS)
    assert client._call(GET, None, None) == {"data": []}
    assert len(rec.requests) == 3
    assert sleeps.delays == [0.5, 1.0]


def test_connection_errors_and_timeouts_retried() -> None:
    sleeps = Sleeps()
    rec = Recorder(httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), ok({"ok": 1}))
    client = sync_client(CINNOX, rec, sleeps, credentials=CREDS)
    assert client._call(GET, None, None) == {"ok": 1}
    assert len(rec.requests) == 3 and sleeps.delays == [0.5, 1.0]


def test_retry_after_is_honoured_and_capped() -> None:
    sleeps = Sleeps()
    rec = Recorder(
        ok({}, 429, **{"Retry-After": "3"}), ok({}, 429, **{"Retry-After": "9999"}), ok({"ok": 1})
    )
    client = sync_client(CINNOX, rec, sleeps, credentials=CREDS)
    assert client._call(GET, None, None) == {"ok": 1}
    assert sleeps.delays == [3.0, 60.0]


def test_non_idempotent_post_is_not_retried() -> None:
    sleeps = Sleeps()
    rec = Recorder(ok({"message": "busy"}, 503), ok({"ok": 1}))
    client = sync_client(CINNOX, rec, sleeps, credentials=CREDS)
    with pytest.raises(ServerError) as info:
        client._call(POST, None, None)
    assert len(rec.requests) == 1 and sleeps.delays == []
    assert "gave up" not in str(info.value)

    rec = Recorder(httpx.ReadTimeout("slow"), ok({"ok": 1}))
    client = sync_client(CINNOX, rec, sleeps, credentials=CREDS)
    with pytest.raises(TransportError, match="timed out"):
        client._call(POST, None, None)
    assert len(rec.requests) == 1


def test_gives_up_after_max_attempts_with_the_last_error() -> None:
    sleeps = Sleeps()
    rec = Recorder(ok({"message": "first"}, 500), ok({"message": "down"}, 503))
    client = sync_client(CINNOX, rec, sleeps, credentials=CREDS)
    with pytest.raises(ServerError) as info:
        client._call(GET, None, None)
    assert len(rec.requests) == 3
    assert sleeps.delays == [0.5, 1.0]
    error = info.value
    assert error.status == 503 and error.attempts == 3
    assert "down" in str(error) and "gave up after 3 attempts" in str(error)


def test_max_attempts_one_disables_retries() -> None:
    rec = Recorder(ok({}, 503))
    client = sync_client(CINNOX, rec, credentials=CREDS)
    client = client.with_options(retry=RetryPolicy(max_attempts=1, sleep=lambda s: None))
    with pytest.raises(ServerError):
        client._call(GET, None, None)
    assert len(rec.requests) == 1


def test_client_error_is_not_retried() -> None:
    rec = Recorder(ok({"message": "bad date"}, 400), ok({}))
    client = sync_client(CINNOX, rec, credentials=CREDS)
    with pytest.raises(ValidationFailed, match="bad date"):
        client._call(GET, None, None)
    assert len(rec.requests) == 1
