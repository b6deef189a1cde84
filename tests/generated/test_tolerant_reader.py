"""Tolerant reader, by property: any record of the right shape — whatever its values (random
strings where a date is expected, numbers out of range, consts that differ, unknown enum values,
either of a field's several types, keys the spec does not list) — parses in default mode."""

from __future__ import annotations

import importlib
import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from generated.cinnox.models import RecordingFileType

from generator.emit.models import request_side
from generator.ir.nodes import ApiNode, ArrayOf, EnumRef, FieldNode, ModelRef, OneOf, Primitive, TypeExpr
from generator.pipeline import load_apis
from generator.runtime import UnknownEnumValueWarning
from tests.conftest import SPECS

APIS = load_apis(SPECS)
_SCALARS: dict[str, st.SearchStrategy[Any]] = {
    "string": st.text(max_size=12),
    "integer": st.integers(min_value=-(2**40), max_value=2**40),
    "number": st.floats(allow_nan=False, allow_infinity=False, width=32),
    "boolean": st.booleans(),
    "any": st.none() | st.integers() | st.text(max_size=5),
    "object": st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
}
_EXTRA = st.dictionaries(st.text(min_size=1, max_size=8).map(lambda key: f"x_{key}"),
                         st.integers() | st.text(max_size=5), max_size=2)


def _value(api: ApiNode, expr: TypeExpr, field: FieldNode, depth: int) -> st.SearchStrategy[Any]:
    if isinstance(expr, EnumRef):
        [enum] = [enum for enum in api.enums if enum.name == expr.name]
        base = st.integers(0, 9) if enum.kind == "integer" else st.text(max_size=8)
        return st.sampled_from([member.value for member in enum.members]) | base
    if isinstance(expr, ModelRef):
        return _record(api, expr.name, depth + 1)
    if isinstance(expr, ArrayOf):
        return st.lists(_value(api, expr.items, field, depth + 1), max_size=2 if depth < 3 else 0)
    if isinstance(expr, OneOf):
        return st.one_of([_value(api, variant, field, depth) for variant in expr.variants])
    assert isinstance(expr, Primitive)
    return st.one_of([_SCALARS[expr.kind], *(_SCALARS[kind] for kind in field.also)])


def _record(api: ApiNode, name: str, depth: int = 0) -> st.SearchStrategy[dict[str, Any]]:
    [model] = [model for model in api.models if model.name == name]
    if depth > 3:
        return st.just({field.wire: None for field in model.fields if field.required})
    fields = {field.wire: _value(api, field.type, field, depth) for field in model.fields}
    required = {wire: fields[wire] for wire in (f.wire for f in model.fields if f.required)}
    optional = {wire: value for wire, value in fields.items() if wire not in required}
    return st.fixed_dictionaries(required, optional=optional).flatmap(
        lambda record: _EXTRA.map(lambda extra: {**extra, **record}))


CASES = [(api.vendor_id, model.name) for api in APIS for model in api.models
         if model.name not in request_side(api) and model.kind in ("type", "response", "row")
         and not any(isinstance(field.type, OneOf) for field in model.fields)]


@pytest.mark.parametrize(("vendor", "name"), CASES, ids=[f"{v}:{n}" for v, n in CASES])
def test_any_record_of_the_right_shape_parses_and_keeps_unknown_keys(vendor: str, name: str) -> None:
    [api] = [api for api in APIS if api.vendor_id == vendor]
    model = getattr(importlib.import_module(f"generated.{vendor}.models"), name)

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(_record(api, name))
    def parses(record: dict[str, Any]) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = model.model_validate(record)
        extra = {key for key in record if key.startswith("x_")}
        assert extra <= set(parsed.model_extra or {})

    parses()


def test_a_boolean_is_no_unknown_value_of_an_integer_enum() -> None:
    """An unknown number is kept (with a warning); true is the wrong shape, not a new member."""
    adapter = TypeAdapter(RecordingFileType)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnknownEnumValueWarning)
        assert adapter.validate_python(7).value == 7
    with pytest.raises(ValidationError):
        adapter.validate_python(True)
