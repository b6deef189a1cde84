"""Every pagination fixture of tests/features against the spec-driven mock, over loopback:
each paginated endpoint iterates to the end (records and pages, sync and async) and reads
every record the mock holds exactly once, in order, in pages no larger than the maximum."""

from __future__ import annotations

import asyncio
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from generator.ir.nodes import ApiNode, EndpointNode
from generator.mock import MockServer
from generator.pipeline import render_tree
from tests.conftest import ROOT

FEATURES = ROOT / "tests" / "features"
SPECS = sorted(path for path in FEATURES.glob("*/*.yaml") if path.stem == path.parent.name)
RECORDS = 7


def _paged_specs() -> list[Path]:
    return [path for path in SPECS if "pagination:" in path.read_text(encoding="utf-8")]


def _load(name: str, folder: Path) -> ModuleType:
    """Import a generated package as generated.<name>, where the mock looks for its models."""
    import importlib.util

    module_name = f"generated.{name}"
    spec = importlib.util.spec_from_file_location(
        module_name, folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module", params=_paged_specs(), ids=lambda path: path.stem)
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[ApiNode, ModuleType, MockServer, Path]]:
    spec: Path = request.param
    root = tmp_path_factory.mktemp(spec.stem)
    tree = render_tree([spec], jobs=1)
    for relative, text in tree.files.items():
        if relative.startswith(f"{spec.stem}/"):
            target = root / "pkg" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    package = _load(spec.stem, root / "pkg" / spec.stem)
    specs = root / "specs"
    specs.mkdir()
    shutil.copy(spec, specs / spec.name)
    with MockServer(records=RECORDS, page_size=3, specs=specs) as server:
        yield tree.apis[0], package, server, spec.parent / "wire.yaml"
    for name in [key for key in sys.modules if key.startswith(f"generated.{spec.stem}")]:
        del sys.modules[name]


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
            if hasattr(records[0], "id"):  # the mock numbers records by row: none lost or twice
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
