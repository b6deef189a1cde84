"""The mock the README examples run against: small, so that paging and downloads are quick."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.mock import MockServer


@pytest.fixture(scope="package")
def server() -> Iterator[MockServer]:
    with MockServer(records=25, page_size=10, file_bytes=1000) as mock:
        yield mock
