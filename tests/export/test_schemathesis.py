"""schemathesis, from each REST vendor's exported OpenAPI, against `callspec mock` on 127.0.0.1:
every answer's status is one the export declares, its JSON body conforms to the exported schema,
and no request makes a server error. Seeded (derandomized) and bounded (a few examples per
operation, no shrinking), so a run is the same every time."""

from __future__ import annotations

import base64
import copy
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import (
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.failures import FailureGroup

from generator.ir.nodes import ApiNode, SchemeNode
from generator.mock import MockServer
from tests.conftest import ROOT

VENDORS = ("cinnox", "deepcall", "ringcentral", "yeastar")
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
EXAMPLES = 6


@pytest.fixture(scope="module")
def mock() -> Iterator[MockServer]:
    with MockServer(VENDORS, records=20, page_size=5, seed=7) as server:
        yield server


def _document(vendor: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (ROOT / "generated" / vendor / "openapi.json").read_text(encoding="utf-8"))
    return loaded


class _Credentials:
    """The mock's credentials for the first scheme, placed where that scheme sends them."""

    def __init__(self, api: ApiNode, server: MockServer) -> None:
        assert api.auth is not None
        expected = server.credentials(api.vendor_id)
        self.scheme: SchemeNode = api.auth.schemes[0]
        values = {c.wire: expected[c.wire] for c in self.scheme.credentials}
        self.headers: dict[str, str] = {}
        self.query: dict[str, str] = {}
        self.body: dict[str, str] = {}
        self.every = {c.wire for scheme in api.auth.schemes for c in scheme.credentials}
        if self.scheme.location == "query":
            self.query = values
        elif self.scheme.location == "body":
            self.body = values
        else:
            self.headers = {self.scheme.header: self._header(values)}

    def _header(self, values: dict[str, str]) -> str:
        if self.scheme.style == "basic":
            pair = f"{values[self.scheme.username or '']}:{values[self.scheme.password or '']}"
            return "Basic " + base64.b64encode(pair.encode()).decode()
        token = next(iter(values.values()))
        return f"Bearer {token}" if self.scheme.style == "bearer" else token

    def apply(self, case: schemathesis.Case) -> None:
        """Generated credentials (and those of the other, exclusive schemes) out, real ones in."""
        if isinstance(case.body, dict):
            kept = {key: value for key, value in case.body.items() if key not in self.every}
            case.body = kept | self.body


def _operations(vendor: str) -> list[str]:
    return sorted(result.ok().label for result in
                  schemathesis.openapi.from_dict(_document(vendor)).get_all_operations())


CASES = [(vendor, label) for vendor in VENDORS for label in _operations(vendor)]


def _run(document: dict[str, Any], label: str, server: MockServer, api: ApiNode,
         seen: list[int]) -> None:
    operation = next(result.ok() for result in
                     schemathesis.openapi.from_dict(document).get_all_operations()
                     if result.ok().label == label)
    credentials = _Credentials(api, server)

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def run(case: schemathesis.Case) -> None:
        credentials.apply(case)
        response = case.call(base_url=server.vendor_url(api.vendor_id),
                             headers=credentials.headers, params=credentials.query, timeout=30)
        seen.append(response.status_code)
        case.validate_response(response, checks=CHECKS)

    run()


def _api(server: MockServer, vendor: str) -> ApiNode:
    return next(api for api in server.apis if api.vendor_id == vendor)


@pytest.mark.parametrize(("vendor", "label"), CASES, ids=[f"{v}:{l}" for v, l in CASES])
def test_mock_answers_conform_to_the_export(mock: MockServer, vendor: str, label: str) -> None:
    seen: list[int] = []
    _run(_document(vendor), label, mock, _api(mock, vendor), seen)
    assert len(seen) >= 1
    assert any(200 <= status < 300 for status in seen), seen  # real answers were checked


def _narrowed(mutate: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    document = copy.deepcopy(_document("cinnox"))
    mutate(document)
    return document


def test_the_checks_bite(mock: MockServer) -> None:
    """An export that says `id` is an integer (the mock sends strings) fails the schema check."""

    def integer_id(document: dict[str, Any]) -> None:
        document["components"]["schemas"]["CallDetail"]["properties"]["id"] = {"type": "integer"}

    label = _operations("cinnox")[0]
    with pytest.raises(FailureGroup) as failure:
        _run(_narrowed(integer_id), label, mock, _api(mock, "cinnox"), [])
    assert "is not of type \"integer\"" in str(failure.value)
