"""What the union_named_type fixture generates beyond the wire: the variant classes a named
union builds wherever it is used, the alias and its docstring in models.py, the validator of
its records, and the mock serving every variant. (The wire exchanges run in test_wire.py.)"""

from __future__ import annotations

import ast
import importlib
import inspect
import json
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from generator.mock import MockServer
from generator.runtime import UnknownVariant
from tests.features.harness import Generated, fixtures, generated
from tests.features.mock_drive import invoke

FEATURE = "union_named_type"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    root = tmp_path_factory.mktemp("named-union")
    return next(generated(fixture, root) for fixture in fixtures() if fixture.name == FEATURE)


def _module(package: Generated, name: str) -> Any:
    return importlib.import_module(f"{package.package.__name__}.{name}")


def test_every_use_of_the_named_union_builds_the_variant_class(package: Generated) -> None:
    m = _module(package, "models")
    call = m.Call.model_validate({
        "id": 7, "caller": {"kind": "external", "number": "+1"},
        "participants": [{"kind": "user", "id": "u1"}, {"kind": "bot", "name": "b"}],
        "transfer": {"to": {"kind": "user", "id": "u2"}},
    })
    assert isinstance(call.caller, m.ExternalNumber)
    assert isinstance(call.participants[0], m.User)
    assert isinstance(call.participants[1], UnknownVariant)
    assert isinstance(call.transfer.to, m.User)
    assert call.id == 7 and m.Call.model_validate({"id": "x", "caller": call.caller}).id == "x"


def test_models_define_each_named_union_once_with_its_docstring(package: Generated) -> None:
    tree = ast.parse(inspect.getsource(_module(package, "models")))
    docs = {first.targets[0].id: second.value.value
            for first, second in zip(tree.body, tree.body[1:])
            if isinstance(first, ast.Assign) and isinstance(first.targets[0], ast.Name)
            and isinstance(second, ast.Expr) and isinstance(second.value, ast.Constant)}
    assert docs["Party"] == "Who took part in a call; its `kind` says which shape it has."
    assert docs["CallRef"] == "The vendor names a call by its number or its text id."
    classes = [node.name for node in tree.body if isinstance(node, ast.ClassDef)]
    assert "Party" not in classes and "CallRef" not in classes


def test_validator_checks_records_of_a_named_union(package: Generated) -> None:
    validator = _module(package, "validators").list_parties
    good = [{"kind": "user", "id": "u1"}, {"kind": "external", "number": "+1"}]
    assert validator.records(json.dumps(good)) == []
    problems = validator.records(json.dumps([*good, {"kind": "bot"}, {"kind": "user"}]))
    assert [(problem.row, problem.severity) for problem in problems] == [(3, "error")]
    warned = validator.records(json.dumps([*good, {"kind": "bot"}]))
    assert [(problem.row, problem.severity) for problem in warned] == [(2, "warning")]
    strict = validator.records(json.dumps([*good, {"kind": "bot"}]), strict=True)
    assert [(problem.row, problem.severity) for problem in strict] == [(2, "error")]
    assert validator.record({"kind": "external", "number": "+1"}, 4) == []
    assert [(p.row, p.severity) for p in validator.record({"kind": "external"}, 4)] == [(4, "error")]


@pytest.fixture(scope="module")
def mock(package: Generated) -> Iterator[MockServer]:
    with MockServer(apis=[package.api], packages={FEATURE: package.package.__name__},
                    records=6, page_size=2) as server:
        yield server


@pytest.mark.parametrize("variant", ["sync", "async"])
def test_mock_serves_every_variant_of_a_named_union(mock: MockServer, package: Generated,
                                                    variant: str) -> None:
    m = _module(package, "models")
    cls = package.client_class(variant)
    url = {"server_url": mock.vendor_url(FEATURE)}
    records = invoke(cls, "iter_list_parties", {}, url, variant)
    assert isinstance(records, list) and len(records) == 6
    assert {type(record) for record in records} == {m.User, m.ExternalNumber}
    call: Any = invoke(cls, "get_call", {"sid": "c1"}, url, variant)
    assert isinstance(call.caller, (m.User, m.ExternalNumber))
