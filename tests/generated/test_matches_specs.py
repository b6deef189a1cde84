"""The generated packages say exactly what the specs say: enums, fields and examples.
(Rules: test_rules_match_specs.py.)

Everything here is derived from the spec files themselves; nothing is a hand-kept list.
"""

from __future__ import annotations

import ast
import importlib
import types
from collections.abc import Iterator, Mapping
from datetime import date, datetime, time, timedelta
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pytest
from pydantic import AwareDatetime, BaseModel, ValidationError

from generator.names import class_name, field_name
from generator.runtime import strict_enums
from generator.spec.model import Field, Spec
from generator.spec.typed_checks import WIRE_KINDS
from tests.conftest import ROOT
from tests.generated.spec_models import SPEC_MODELS, models_of


def _cases() -> Iterator[tuple[str, Spec]]:
    yield from SPEC_MODELS.items()


# -- enums -----------------------------------------------------------------------------------


def _enum_cases() -> list[tuple[str, str]]:
    return [(vendor, name) for vendor, spec in _cases() for name in spec.enums]


@pytest.mark.parametrize(("vendor", "enum_name"), _enum_cases())
def test_enum_has_exactly_the_spec_values_and_meanings(vendor: str, enum_name: str) -> None:
    spec_enum = SPEC_MODELS[vendor].enums[enum_name]
    generated = getattr(models_of(vendor), class_name(enum_name))
    assert issubclass(generated, Enum)
    assert [member.value for member in generated] == list(spec_enum.values)
    documented = _member_docstrings(vendor, class_name(enum_name))
    for value, meaning in spec_enum.values.items():
        member = generated(value)
        if meaning:
            assert " ".join(documented[member.name].split()) == " ".join(meaning.split())


def _member_docstrings(vendor: str, class_name_: str) -> dict[str, str]:
    """Each member's docstring, read from the generated source."""
    source = (ROOT / "generated" / vendor / "models.py").read_text(encoding="utf-8")
    [node] = [n for n in ast.parse(source).body
              if isinstance(n, ast.ClassDef) and n.name == class_name_]
    docs: dict[str, str] = {}
    for before, after in zip(node.body, node.body[1:]):
        if (isinstance(before, ast.Assign) and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant) and isinstance(after.value.value, str)):
            docs[before.targets[0].id] = after.value.value  # type: ignore[attr-defined]
    return docs


def test_unknown_enum_value_is_kept_and_reported_by_field() -> None:
    models = models_of("callgear")
    validators = importlib.import_module("generated.callgear.validators")
    body = b'[{"id": 1}, {"finish_reason": "brand_new_reason", "attributes": ["first", "odd"]}]'
    problems = validators.calls_report.records(body)
    assert [(p.row, p.field, p.severity) for p in problems] == [
        (1, "finish_reason", "warning"), (1, "attributes[1]", "warning")]
    assert "brand_new_reason" in problems[0].reason
    session = models.CallSession.model_validate({"finish_reason": "brand_new_reason"})
    assert session.finish_reason.value == "brand_new_reason"
    assert isinstance(session.finish_reason, models.FinishReason)
    strict = validators.calls_report.records(body, strict=True)
    assert [(p.row, p.field, p.severity) for p in strict] == [
        (1, "finish_reason", "error"), (1, "attributes.1", "error")]
    with strict_enums(), pytest.raises(ValidationError, match="finish_reason"):
        models.CallSession.model_validate({"finish_reason": "brand_new_reason"})


# -- fields ----------------------------------------------------------------------------------


def _describe(annotation: Any) -> str:
    """A comparable description of a generated annotation: `list[enum:Direction]`, `str`…"""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _describe(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        inner = " | ".join(sorted(_describe(arg) for arg in members))
        return inner
    if origin is list:
        return f"list[{_describe(get_args(annotation)[0])}]"
    if origin is dict:
        return "object"
    if origin is Literal:
        return "const"
    if annotation is Any:
        return "any"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return f"enum:{annotation.__name__}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model"
    if annotation is AwareDatetime or (isinstance(annotation, type) and issubclass(annotation, datetime)):
        return "datetime"
    if annotation in (date, time, timedelta):
        return annotation.__name__
    return {str: "string", int: "integer", float: "number", bool: "boolean"}[annotation]


def _expected(spec: Spec, spec_field: Field, writing: bool = True) -> str:
    """What the generated annotation must be; a response (`writing` False) keeps a const as a
    check, not a Literal, so a value that differs is kept."""
    if spec_field.also:
        base = _expected(spec, spec_field.model_copy(update={"also": None}), writing)
        return " | ".join(sorted([base, *spec_field.also]))
    const = spec_field.const is not None and not isinstance(spec_field.const, (dict, list))
    if (const and writing) or spec_field.field_names is not None:
        return "const"
    if spec_field.format in WIRE_KINDS:
        return WIRE_KINDS[spec_field.format][0]
    kind = spec_field.type
    if kind in spec.enums:
        return f"enum:{class_name(kind)}"
    if isinstance(spec_field.const, dict):
        return "object"
    if kind in spec.types or (kind == "object" and spec_field.properties):
        return "model"
    if kind == "array":
        assert spec_field.items is not None
        inner = _expected(spec, spec_field.items, writing)
        return f"list[{inner}]"
    if kind == "string" and spec_field.format == "rfc3339":
        return "datetime"
    return kind


def _field_cases() -> Iterator[tuple[str, str, type[BaseModel], str, Field]]:
    """(vendor, where, generated class, wire name, spec field) for every field of every spec."""
    for vendor, spec in _cases():
        models = models_of(vendor)
        for type_name, type_spec in spec.types.items():
            yield from _fields(vendor, spec, f"types.{type_name}",
                               getattr(models, class_name(type_name)), type_spec.fields)
        for name, endpoint in spec.endpoints.items():
            base = class_name(name)
            yield from _fields(vendor, spec, f"{name}.params", getattr(models, f"{base}Request"),
                               endpoint.params)
            body = endpoint.response.body
            if body is not None and body.properties:
                yield from _fields(vendor, spec, f"{name}.response",
                                   getattr(models, f"{base}Response"), body.properties)
            if endpoint.response.csv is not None:
                yield from _fields(vendor, spec, f"{name}.csv", getattr(models, f"{base}Row"),
                                   endpoint.response.csv.columns)


def _fields(vendor: str, spec: Spec, where: str, model: type[BaseModel],
            fields: Mapping[str, Field]) -> Iterator[tuple[str, str, type[BaseModel], str, Field]]:
    for wire, spec_field in fields.items():
        yield vendor, where, model, wire, spec_field
        nested = _nested_model(model, wire, spec_field)
        if nested is None and isinstance(spec_field.const, dict):
            continue  # a constant object: its properties are fixed data, not a model
        if nested is not None and spec_field.properties:
            yield from _fields(vendor, spec, f"{where}.{wire}", nested, spec_field.properties)
        items = spec_field.items
        if nested is not None and items is not None and items.properties:
            yield from _fields(vendor, spec, f"{where}.{wire}[]", nested, items.properties)


def _nested_model(model: type[BaseModel], wire: str, spec_field: Field) -> type[BaseModel] | None:
    info = model.model_fields.get(_python(model, wire))
    return _model_in(info.annotation) if info else None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _python(model: type[BaseModel], wire: str) -> str:
    for name, info in model.model_fields.items():
        if (info.alias or name) == wire:
            return name
    return field_name(wire)


FIELD_CASES = list(_field_cases())


@pytest.mark.parametrize(("vendor", "where", "model", "wire", "spec_field"), FIELD_CASES,
                         ids=[f"{case[0]}:{case[1]}.{case[3]}" for case in FIELD_CASES])
def test_field_has_spec_type_optionality_and_wire_alias(
    vendor: str, where: str, model: type[BaseModel], wire: str, spec_field: Field
) -> None:
    spec = SPEC_MODELS[vendor]
    python = field_name(wire)
    assert python in model.model_fields, f"{model.__name__} lacks {python} ({wire})"
    info = model.model_fields[python]
    assert (info.alias or python) == wire
    has_default = spec_field.default is not None or spec_field.const is not None
    assert info.is_required() == (spec_field.required and not has_default)
    assert _describe(info.annotation) == _expected(spec, spec_field, ".params" in where)
    if spec_field.default is not None:
        default = info.default.value if isinstance(info.default, Enum) else info.default
        # A top-level request param's default is the vendor's: documented, never filled in
        # (so never sent) unless the spec says `send_default`.
        filled = spec_field.send_default or not where.endswith(".params")
        assert default == (spec_field.default if filled else None)


def test_every_spec_field_was_checked() -> None:
    """The cases above cover every field the specs declare (nested ones included)."""
    declared = 0
    for spec in SPEC_MODELS.values():
        declared += sum(_count(t.fields) for t in spec.types.values())
        for endpoint in spec.endpoints.values():
            declared += _count(endpoint.params)
            body = endpoint.response.body
            declared += _count(body.properties or {}) if body else 0
            declared += _count(endpoint.response.csv.columns) if endpoint.response.csv else 0
    assert len(FIELD_CASES) == declared


def _count(fields: Mapping[str, Field]) -> int:
    total = 0
    for spec_field in fields.values():
        total += 1
        if not isinstance(spec_field.const, dict):
            total += _count(spec_field.properties or {})
        if spec_field.items is not None:
            total += _count(spec_field.items.properties or {})
    return total


# -- examples --------------------------------------------------------------------------------


def _credentials(spec: Spec) -> set[str]:
    return {wire for scheme in (spec.auth.schemes.values() if spec.auth else ())
            for wire in scheme.credentials}


def _example_cases() -> Iterator[tuple[str, str, str]]:
    for vendor, spec in _cases():
        for name, endpoint in spec.endpoints.items():
            for example_name, example in endpoint.examples.items():
                if not example.schematic:
                    yield vendor, name, example_name


@pytest.mark.parametrize(("vendor", "endpoint_name", "example_name"), list(_example_cases()))
def test_example_validates_against_its_generated_model(
    vendor: str, endpoint_name: str, example_name: str
) -> None:
    spec = SPEC_MODELS[vendor]
    endpoint = spec.endpoints[endpoint_name]
    example = endpoint.examples[example_name]
    models = models_of(vendor)
    base = class_name(endpoint_name)
    if example.request is not None:
        params = {k: v for k, v in example.request.items() if k not in _credentials(spec)}
        getattr(models, f"{base}Request").model_validate(params)
    if example.response is not None:
        error_model = getattr(models, f"{base}Error{example.status}", None)
        model = error_model if example.error and error_model else getattr(models, f"{base}Response")
        with strict_enums():
            model.model_validate(example.response)
    if example.response_csv is not None:
        validators = importlib.import_module(f"generated.{vendor}.validators")
        problems = list(validators.ENDPOINTS[field_name(endpoint_name)].csv(
            example.response_csv.splitlines(keepends=True), strict=True))
        assert problems == []
