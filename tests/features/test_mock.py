"""Every endpoint of every fixture and every spec in specs/, against the spec-driven mock.

No per-vendor code: a new spec or fixture is covered as soon as it exists.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from generator.mock import MockServer
from generator.paths import SPECS_DIR, spec_files
from generator.pipeline import load_apis
from generator.runtime import APIError
from tests.features.harness import fixtures, generated
from tests.features.mock_drive import (
    MOCK_FILE_BYTES,
    MOCK_PAGE_SIZE,
    MOCK_RECORDS,
    Target,
    add_fault,
    client_kwargs,
    quiet_invoke,
    targets,
    written,
)

FIXTURES = fixtures()
SPEC_APIS = load_apis(spec_files(SPECS_DIR))


def _fixture_targets(root: Path) -> list[Target]:
    found = []
    for fixture in FIXTURES:
        package = generated(fixture, root)
        found += targets(package.api, package.package.__name__, fixture.wire.calls)
    return found


SPEC_TARGETS = [target for api in SPEC_APIS for target in targets(api, f"generated.{api.vendor_id}")]


@pytest.fixture(scope="session")
def all_targets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Target]:
    root = tmp_path_factory.mktemp("mock-features")
    return {target.id: target for target in SPEC_TARGETS + _fixture_targets(root)}


@pytest.fixture(scope="session")
def server(all_targets: dict[str, Target]) -> Iterator[MockServer]:
    apis = {target.api.vendor_id: target.api for target in all_targets.values()}
    packages = {target.api.vendor_id: target.package for target in all_targets.values()}
    with MockServer(apis=list(apis.values()), packages=packages, records=MOCK_RECORDS,
                    page_size=MOCK_PAGE_SIZE, file_bytes=MOCK_FILE_BYTES) as mock:
        yield mock


@pytest.fixture
def mock(server: MockServer) -> MockServer:
    response = httpx.post(f"{server.url}/_mock/reset", timeout=10)
    assert response.status_code == 200
    return server


def _ids() -> list[str]:
    ids = [target.id for target in SPEC_TARGETS]
    for fixture in FIXTURES:
        ids += [f"{fixture.name}.{name}" for name in _spec_endpoints(fixture.spec)]
    return ids


def _spec_endpoints(path: Path) -> list[str]:
    """Endpoint names read from the YAML: ids are needed before anything is generated."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(raw.get("endpoints", {}))


def _client(target: Target, mock: MockServer, variant: str) -> tuple[type[Any], dict[str, Any]]:
    package = importlib.import_module(target.package)
    name = target.api.async_client_class if variant == "async" else target.api.client_class
    kwargs = client_kwargs(target.api, mock.credentials(target.api.vendor_id))
    return getattr(package, name), {**kwargs, "server_url": mock.vendor_url(target.api.vendor_id)}


@pytest.mark.parametrize("variant", ["sync", "async"])
@pytest.mark.parametrize("target_id", _ids())
def test_endpoint_answers_through_the_client(
    target_id: str, variant: str, all_targets: dict[str, Target], mock: MockServer,
    tmp_path: Path,
) -> None:
    target = all_targets[target_id]
    endpoint = target.endpoint
    cls, kwargs = _client(target, mock, variant)
    result = quiet_invoke(cls, endpoint.method, target.args, kwargs, variant)
    if endpoint.response.csv is not None:
        assert isinstance(result, list) and len(result) == MOCK_RECORDS
    if endpoint.pagination is not None and endpoint.response.record_model:
        records = quiet_invoke(cls, endpoint.iter_method, target.args, kwargs, variant)
        assert isinstance(records, list) and len(records) == MOCK_RECORDS
    if endpoint.response.download is not None:
        path = quiet_invoke(cls, endpoint.download_method, {**target.args, "dest": tmp_path},
                      kwargs, variant)
        assert written(path) == MOCK_FILE_BYTES


# The exception each category of the spec format promises (specs/README.md, Errors).
_CATEGORY_ERRORS = {"auth": "AuthError", "permission": "PermissionDenied",
                    "validation": "ValidationFailed", "not_found": "NotFound",
                    "rate_limit": "RateLimited", "server": "ServerError"}


def _declared_errors(target: Target) -> list[tuple[dict[str, object], str | None]]:
    """Each error the spec declares as a fault, with the exception its code's category names."""
    errors = target.endpoint.errors
    faults: list[tuple[dict[str, object], str | None]] = [
        ({"kind": "status", "status": status}, None) for status, _, _ in errors.http]
    faults += [({"kind": "vendor_error", "code": code.raw},
                _CATEGORY_ERRORS.get(code.category or "")) for code in errors.codes]
    return faults


@pytest.mark.parametrize("target_id", _ids())
def test_every_declared_error_is_raised_with_its_status_or_code(
    target_id: str, all_targets: dict[str, Target], mock: MockServer,
) -> None:
    target = all_targets[target_id]
    cls, kwargs = _client(target, mock, "sync")
    problems = []
    for fault, category_error in _declared_errors(target):
        add_fault(mock.url, vendor=target.api.vendor_id, endpoint=target.endpoint.name, **fault)
        try:
            quiet_invoke(cls, target.endpoint.method, target.args, kwargs, "sync")
        except APIError as error:
            expected = fault.get("status", fault.get("code"))
            got = error.status if "status" in fault else error.code
            if str(got) != str(expected):
                problems.append(f"{fault}: raised {type(error).__name__} with {got!r}")
            if category_error is not None and type(error).__name__ != category_error:
                problems.append(f"{fault}: raised {type(error).__name__}, not {category_error}")
        else:
            problems.append(f"{fault}: nothing raised")
        httpx.delete(f"{mock.url}/_mock/faults", timeout=10)
    assert not problems, "\n".join(problems)
