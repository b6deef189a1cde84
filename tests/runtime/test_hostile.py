"""A hostile server over real loopback HTTP: every misbehaviour ends in a documented exception,
within the deadline, without holding the body in memory (sync and async)."""

from __future__ import annotations

import logging
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from generator.runtime import (
    DeadlineExceeded,
    ResponseTooLarge,
    ResponseValidationError,
    RetryPolicy,
    ServerError,
    TransportError,
)

from .hostile import MB, HostileServer, Row, async_client, operation, sync_client

# Generous bounds: the drips would last 30 s; a deadline of 0.5 s must end the call long before.
DEADLINE = 0.5
WELL_BEFORE_THE_DRIP_ENDS = 10.0


@pytest.fixture(scope="module")
def server() -> Iterator[HostileServer]:
    with HostileServer() as hostile:
        yield hostile


def timed(call: Callable[[], object]) -> tuple[BaseException, float]:
    started = time.monotonic()
    try:
        call()
    except BaseException as exc:  # noqa: BLE001 - the test inspects it
        return exc, time.monotonic() - started
    raise AssertionError("the call ended without an error")


def peak_mb(call: Callable[[], object]) -> tuple[BaseException, float]:
    """The error a call ends in and the peak of memory traced while it ran, in MB."""
    tracemalloc.start()
    try:
        error, _ = timed(call)
        return error, tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()


# -- deadline ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers"])
def test_a_drip_ends_at_the_deadline(server: HostileServer, path: str) -> None:
    with sync_client(server.url, deadline=DEADLINE, timeout=5.0) as client:
        error, seconds = timed(lambda: client._call(operation(path), None, None))
    assert isinstance(error, DeadlineExceeded), repr(error)
    assert error.deadline == DEADLINE and "deadline of 0.5 s exceeded" in str(error)
    assert seconds < WELL_BEFORE_THE_DRIP_ENDS


def test_a_timeout_shorter_than_the_deadline_still_ends_a_stall(server: HostileServer) -> None:
    """The deadline only ever shortens a socket timeout: a stall outlasting `timeout` is a
    timeout (a TransportError), not a wait until the deadline."""
    with sync_client(server.url, deadline=3.0, timeout=0.2) as client:
        error, _ = timed(lambda: client._call(operation("/stall"), None, None))
    assert isinstance(error, TransportError), repr(error)
    assert not isinstance(error, DeadlineExceeded), repr(error)


def test_raw_csv_and_downloads_end_at_the_deadline(server: HostileServer, tmp_path: Path) -> None:
    with sync_client(server.url, timeout=5.0).with_options(deadline=DEADLINE) as client:
        calls: list[Callable[[], object]] = [
            lambda: client._call_raw(operation("/drip-body"), None),
            lambda: list(client._stream_csv(operation("/drip-rows", "csv"), None, Row)),
            lambda: client._download(operation("/drip-body", "file"), None, tmp_path / "f"),
            lambda: list(client._download(operation("/drip-body", "file"), None)),
        ]
        for call in calls:
            error, seconds = timed(call)
            assert isinstance(error, DeadlineExceeded), repr(error)
            assert seconds < WELL_BEFORE_THE_DRIP_ENDS
    assert list(tmp_path.iterdir()) == []  # no file, no .part left behind


def test_a_retry_is_not_waited_for_past_the_deadline(server: HostileServer) -> None:
    retry = RetryPolicy(max_attempts=5)
    with sync_client(server.url, deadline=2.0, retry=retry) as client:
        error, seconds = timed(lambda: client._call(operation("/retry-after"), None, None))
    # Retry-After: 10 would end past the deadline: the vendor's own error, at once.
    assert isinstance(error, ServerError) and error.attempts == 1
    assert seconds < 2.0


async def test_async_drips_end_at_the_deadline(server: HostileServer) -> None:
    async with async_client(server.url, deadline=DEADLINE, timeout=5.0) as client:
        for path in ("/drip-body", "/drip-headers"):
            started = time.monotonic()
            with pytest.raises(DeadlineExceeded):
                await client._call(operation(path), None, None)
            assert time.monotonic() - started < WELL_BEFORE_THE_DRIP_ENDS
        started = time.monotonic()
        with pytest.raises(DeadlineExceeded):
            async for _ in client._stream_csv(operation("/drip-rows", "csv"), None, Row):
                pass
        with pytest.raises(DeadlineExceeded):
            chunks = await client._download(operation("/drip-body", "file"), None)
            async for _ in chunks:
                pass
        assert time.monotonic() - started < 2 * WELL_BEFORE_THE_DRIP_ENDS


# -- bodies that are too large or malformed -------------------------------------------------------


@pytest.mark.parametrize("announce", ["1", "0"])
def test_a_huge_json_body_is_refused_before_it_is_held(server: HostileServer, announce: str) -> None:
    with sync_client(server.url, max_body_bytes=4 * MB) as client:
        op = operation(f"/huge?mb=50&announce={announce}")
        error, peak = peak_mb(lambda: client._call(op, None, None))
    assert isinstance(error, ResponseTooLarge), repr(error)
    assert error.limit == 4 * MB and "4,194,304 bytes" in str(error)
    assert peak < 20, f"{peak:.1f} MB traced for a 4 MB limit"


def test_a_compressed_body_counts_once_decompressed(server: HostileServer) -> None:
    with sync_client(server.url, max_body_bytes=4 * MB) as client:
        error, peak = peak_mb(lambda: client._call(operation("/gzip-bomb?mb=100"), None, None))
    assert isinstance(error, ResponseTooLarge), repr(error)
    # httpx inflates each network read whole: one 64 KiB read of zeros is ~64 MB. Bounded by
    # the read size (deflate cannot expand more than ~1000x), never by the body's 100 MB.
    assert peak < 200


def test_deeply_nested_json_is_a_documented_error(server: HostileServer) -> None:
    with sync_client(server.url) as client:
        with pytest.raises(ResponseTooLarge, match="nested too deeply"):
            client._call(operation("/deep-json"), None, None)


@pytest.mark.parametrize("quoted", ["0", "1"])
def test_a_csv_line_without_end_is_cut_at_the_record_limit(
    server: HostileServer, quoted: str
) -> None:
    with sync_client(server.url, max_csv_record_chars=MB) as client:
        op = operation(f"/long-line?mb=50&quoted={quoted}", "csv")
        error, peak = peak_mb(lambda: list(client._stream_csv(op, None, Row)))
    assert isinstance(error, ResponseTooLarge), repr(error)
    assert error.row == 1 and error.limit == MB
    assert peak < 20


def test_invalid_utf8_in_csv_names_the_row(server: HostileServer) -> None:
    with sync_client(server.url) as client:
        with pytest.raises(ResponseValidationError, match=r"row 1 or later: body is not valid utf-8"):
            list(client._stream_csv(operation("/bad-utf8", "csv"), None, Row))


def test_an_html_page_is_not_read_as_csv_or_json(server: HostileServer) -> None:
    with sync_client(server.url) as client:
        with pytest.raises(ResponseValidationError, match="expected CSV, got text/html"):
            list(client._stream_csv(operation("/html", "csv"), None, Row))
        with pytest.raises(TransportError, match=r"\(text/html\) is not valid JSON"):
            client._call(operation("/html"), None, None)


async def test_async_bodies_are_bounded(server: HostileServer) -> None:
    async with async_client(server.url, max_body_bytes=4 * MB) as client:
        with pytest.raises(ResponseTooLarge):
            await client._call(operation("/huge?mb=50&announce=0"), None, None)
        with pytest.raises(ResponseTooLarge, match="nested too deeply"):
            await client._call(operation("/deep-json"), None, None)
        with pytest.raises(ResponseTooLarge):
            async for _ in client._stream_csv(operation("/long-line?mb=20", "csv"), None, Row):
                pass
        with pytest.raises(ResponseValidationError, match="not valid utf-8"):
            async for _ in client._stream_csv(operation("/bad-utf8", "csv"), None, Row):
                pass


# -- logs ------------------------------------------------------------------------------------------


def test_dependency_debug_logs_are_redacted(
    server: HostileServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with sync_client(server.url) as client:
        with pytest.raises(TransportError, match="unexpected redirect") as caught:
            client._call(operation("/redirect"), None, None)
    assert "SECRET-IN-LOCATION" not in str(caught.value)
    loggers = {record.name for record in caplog.records}
    assert {"httpx", "httpcore.http11"} <= loggers, loggers
    assert "SECRET-IN-LOCATION" not in caplog.text
    assert "access_token=***" in caplog.text


# -- settings ------------------------------------------------------------------------------------


def test_with_options_shares_the_pool_and_changes_only_the_copy(server: HostileServer) -> None:
    client = sync_client(server.url, headers={"X-Team": "a"})
    copy = client.with_options(
        deadline=None, timeout=httpx.Timeout(3.0, connect=1.0), headers={"X-Call": "b"}
    )
    assert copy._http is client._http
    assert copy._core.settings.deadline is None and client._core.settings.deadline == 300.0
    assert copy._core.timeout.connect == 1.0 and client._core.timeout.connect == 30.0
    assert {"X-Team": "a", "X-Call": "b"}.items() <= dict(copy._core.headers).items()
    assert "X-Call" not in client._core.headers
    copy.close()  # a copy does not own the pool
    assert not client._http.is_closed
    client.close()
    assert client._http.is_closed


@pytest.mark.parametrize(
    "options",
    [{"deadline": -1.0}, {"deadline": float("nan")}, {"max_body_bytes": 0},
     {"max_csv_record_chars": -5}],
)
def test_settings_that_cannot_work_are_config_errors(
    server: HostileServer, options: dict[str, Any]
) -> None:
    from generator.runtime import ConfigError

    with sync_client(server.url) as client:
        with pytest.raises(ConfigError):
            client.with_options(**options)
        with pytest.raises(ConfigError):
            sync_client(server.url, **options)
