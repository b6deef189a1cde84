"""End-to-end fixtures: one mock server on 127.0.0.1 for the session, reset before each test.

Everything here goes over real HTTP on loopback; no httpx.MockTransport.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from generator.mock import MockServer
from generator.runtime import RetryPolicy

RECORDS = 25  # every list: 3 pages of 10
PAGE_SIZE = 10
FILE_BYTES = 10_000


class Mock:
    """The mock's control plane as a test uses it (over HTTP, like any other client would)."""

    def __init__(self, server: MockServer) -> None:
        self.server = server
        self.http = httpx.Client(base_url=server.url, timeout=10)

    def url(self, vendor: str) -> str:
        return self.server.vendor_url(vendor)

    def creds(self, vendor: str) -> dict[str, str]:
        config = self._ok(self.http.get("/_mock/config"))
        credentials: dict[str, str] = config[vendor]["credentials"]
        return credentials

    def fault(self, kind: str, **options: Any) -> None:
        self._ok(self.http.post("/_mock/faults", json={"kind": kind, **options}))

    def faults(self) -> list[dict[str, Any]]:
        pending: list[dict[str, Any]] = self._ok(self.http.get("/_mock/faults"))
        return pending

    def configure(self, vendor: str | None = None, **settings: Any) -> None:
        body = {"vendor": vendor, **settings} if vendor else settings
        self._ok(self.http.post("/_mock/config", json=body))

    def requests(self, vendor: str | None = None) -> list[dict[str, Any]]:
        params = {"vendor": vendor} if vendor else {}
        entries: list[dict[str, Any]] = self._ok(self.http.get("/_mock/requests", params=params))
        return entries

    def reset(self) -> None:
        self._ok(self.http.post("/_mock/reset"))

    @staticmethod
    def _ok(response: httpx.Response) -> Any:
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture(scope="session")
def mock_server() -> Iterator[MockServer]:
    with MockServer(records=RECORDS, page_size=PAGE_SIZE, file_bytes=FILE_BYTES) as server:
        yield server


@pytest.fixture
def mock(mock_server: MockServer) -> Iterator[Mock]:
    control = Mock(mock_server)
    control.reset()
    yield control
    control.http.close()


@pytest.fixture
def sleeps() -> list[float]:
    """The delays the retry loop chose (sync and async), instead of really waiting."""
    return []


@pytest.fixture
def retry(sleeps: list[float]) -> RetryPolicy:
    async def async_sleep(delay: float) -> None:
        sleeps.append(delay)

    return RetryPolicy(max_attempts=3, sleep=sleeps.append, async_sleep=async_sleep)
