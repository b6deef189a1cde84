"""Every pagination fixture of tests/features against the spec-driven mock, over loopback:
each paginated endpoint iterates to the end (records and pages, sync and async) and reads
every record the mock holds exactly once, in order, in pages no larger than the maximum."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from generator.ir.nodes import ApiNode, EndpointNode
from generator.mock import MockServer
from tests.features.harness import Fixture, fixtures, generated

PAGED = [fixture for fixture in fixtures()
         if "pagination:" in fixture.spec.read_text(encoding="utf-8")]
RECORDS = 7


@pytest.fixture(scope="module", params=PAGED, ids=lambda fixture: fixture.name)
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[ApiNode, ModuleType, MockServer, Path]]:
    fixture: Fixture = request.param
    made = generated(fixture, tmp_path_factory.mktemp(fixture.name))
    with MockServer(apis=[made.api], packages={made.api.vendor_id: made.package.__name__},
                    records=RECORDS, page_size=3) as server:
        yield made.api, made.package, server, fixture.spec.parent / "wire.yaml"


def _args(wire: Path, method: str) -> dict[str, Any]:
    """The arguments the fixture's wire file gives the method first (path params and the
    like), without the paging ones."""
    calls = yaml.safe_load(wire.read_text(encoding="utf-8"))["calls"]
    for call in calls:
        if call["call"] == method and "raises" not in call:
            return {k: v for k, v in (call.get("args") or {}).items()
                    if k not in ("page_size", "max_items")}
    return {}


def _client_kwargs(api: ApiNode, server: MockServer) -> dict[str, Any]:
    wires = server.credentials(api.vendor_id)
    schemes = api.auth.schemes if api.auth else ()
    return {c.python: wires[c.wire] for s in schemes for c in s.credentials}


def _at(body: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        body = body[part]
    return body


def _paged(api: ApiNode) -> list[EndpointNode]:
    return [endpoint for endpoint in api.endpoints if endpoint.pagination is not None]


def test_every_record_once_sync(served: tuple[ApiNode, ModuleType, MockServer, Path]) -> None:
    api, package, server, wire = served
    kwargs = _client_kwargs(api, server)
    with getattr(package, api.client_class)(server_url=server.vendor_url(api.vendor_id),
                                            **kwargs) as client:
        for endpoint in _paged(api):
            page = endpoint.pagination
            assert page is not None
            args = _args(wire, page.items_method)
            records = list(getattr(client, page.items_method)(**args))
            assert len(records) == RECORDS, endpoint.name
            # the mock numbers records by row (a union's variants may have no id): none lost or twice
            if all(hasattr(record, "id") for record in records):
                assert [str(r.id) for r in records] == [str(n) for n in range(1, RECORDS + 1)]
            else:
                assert len({repr(record) for record in records}) == RECORDS
            pages = list(getattr(client, page.pages_method)(**args))
            assert pages and len(pages) <= RECORDS
            sizes = [len(_at(p.model_dump(by_alias=True), page.records)) for p in pages]
            assert sum(sizes) == RECORDS
            assert max(sizes) <= (page.max_limit or 3)  # the mock's default page is 3


def test_every_record_once_async(served: tuple[ApiNode, ModuleType, MockServer, Path]) -> None:
    api, package, server, wire = served
    kwargs = _client_kwargs(api, server)

    async def run() -> list[int]:
        counts = []
        async with getattr(package, api.async_client_class)(
            server_url=server.vendor_url(api.vendor_id), **kwargs
        ) as client:
            for endpoint in _paged(api):
                page = endpoint.pagination
                assert page is not None
                iterator = getattr(client, page.items_method)(**_args(wire, page.items_method))
                counts.append(len([record async for record in iterator]))
        return counts

    assert set(asyncio.run(run())) == {RECORDS}


def test_max_items_and_page_size(served: tuple[ApiNode, ModuleType, MockServer, Path]) -> None:
    api, package, server, wire = served
    with getattr(package, api.client_class)(server_url=server.vendor_url(api.vendor_id),
                                            **_client_kwargs(api, server)) as client:
        for endpoint in _paged(api):
            page = endpoint.pagination
            assert page is not None
            args = _args(wire, page.items_method)
            first = list(getattr(client, page.items_method)(**args, max_items=4))
            assert len(first) == 4
            if page.page_size_arg is not None:
                sized = list(getattr(client, page.pages_method)(**args, page_size=2))
                assert len(sized) >= RECORDS // 2
