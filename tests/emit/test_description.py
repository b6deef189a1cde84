"""The runtime description as call values: declared defaults match the runtime and are left out."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

import generator.runtime as runtime_package
from generator.emit.description import DEFAULTS, described, operation
from generator.emit.pyvalue import Lit, Ref, TupleOf
from generator.emit.render import environment
from generator.paths import SPECS_DIR, spec_files
from generator.pipeline import load_apis
from generator.runtime import _description


def source(item: object) -> str:
    template = environment().from_string('{% import "_python.j2" as py %}{{ py.expr(v) }}')
    return template.render(v=item)


def _runtime_defaults(cls: type) -> dict[str, Any]:
    found = {}
    for field in dataclasses.fields(cls):
        if field.default is not dataclasses.MISSING:
            found[field.name] = field.default
        elif field.default_factory is not dataclasses.MISSING:
            found[field.name] = field.default_factory()
    return found


def _described_classes() -> list[str]:
    return [name for name in _description.__all__
            if dataclasses.is_dataclass(getattr(_description, name))]


# Set by the runtime itself, never by generated code.
_RUNTIME_ONLY = {("Operation", "anonymous")}


@pytest.mark.parametrize("name", _described_classes())
def test_declared_defaults_are_the_runtime_defaults(name: str) -> None:
    runtime_defaults = _runtime_defaults(getattr(_description, name))
    expected = {field: default for field, default in runtime_defaults.items()
                if (name, field) not in _RUNTIME_ONLY}
    declared = DEFAULTS.get(name, {})
    assert set(declared) == set(expected), name
    namespace = vars(runtime_package)
    for field, default in declared.items():
        assert eval(source(default), namespace) == expected[field], (name, field)  # noqa: S307


def test_fields_equal_to_their_default_are_left_out() -> None:
    made = described("CsvLayout", columns=("a",), header=True, delimiter=",", quote=";")
    assert [name for name, _ in made.kwargs] == ["columns", "header", "quote"]
    assert source(made) == 'CsvLayout(columns=("a",), header=True, quote=";")'


def test_empty_tuples_of_values_equal_an_empty_default_and_types_are_kept_apart() -> None:
    assert described("Server", url="u", variables=TupleOf(())).kwargs == (("url", Lit("u")),)
    assert described("Operation", idempotent=0).kwargs == (("idempotent", Lit(0)),)
    assert described("Variable", name="x", enum=["a"]).kwargs[1] == ("enum", Lit(["a"]))


def test_fields_without_a_default_are_always_kept() -> None:
    made = described("BodyCondition", path="status", value=None)
    assert source(made) == 'BodyCondition(path="status", value=None)'
    assert described("Pagination", offset=Ref("o"), limit="l", records="r").kwargs[0] == (
        "offset", Ref("o"))


@pytest.mark.parametrize("spec", spec_files(SPECS_DIR), ids=lambda path: path.stem)
def test_operations_evaluate_to_runtime_operations(spec: Path) -> None:
    """Every generated Operation(...) is valid runtime data naming the endpoint."""
    (api,) = load_apis([spec])
    for endpoint in api.endpoints:
        built = eval(source(operation(endpoint)), vars(runtime_package))  # noqa: S307
        assert isinstance(built, _description.Operation)
        assert (built.name, built.path, built.http_method) == (
            endpoint.name, endpoint.path, endpoint.http_method)
