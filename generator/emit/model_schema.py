"""The JSON Schema of an API's enums and models, from the IR: what datamodel-code-generator reads
to write models.py."""

from __future__ import annotations

from typing import Any

from generator.emit.model_values import (
    LOCAL_MODULE,
    checks,
    format_pattern,
    request_side,
    runtime,
)
from generator.emit.pyvalue import imported
from generator.emit.unions import present_when_text, union_schema
from generator.ir.nodes import (
    NO_VALUE,
    ApiNode,
    ArrayOf,
    EnumNode,
    EnumRef,
    FieldNode,
    ModelNode,
    ModelRef,
    OneOf,
    Primitive,
    TypeExpr,
)

__all__ = ["json_schema", "docstring_text"]

# The runtime base class of each kind of model (customBasePath takes its import path).
_BASES = {
    "plain": runtime("CallspecModel"),
    "request": runtime("RequestModel"),
    "checked": runtime("CheckedModel"),
}


def _type_schema(expr: TypeExpr) -> dict[str, Any]:
    if isinstance(expr, (EnumRef, ModelRef)):
        return {"$ref": f"#/$defs/{expr.name}"}
    if isinstance(expr, ArrayOf):
        items = _type_schema(expr.items)
        if expr.items_nullable:
            items = {"anyOf": [items, {"type": "null"}]}
        return {"type": "array", "items": items}
    if isinstance(expr, OneOf):
        return union_schema(expr, [_type_schema(variant) for variant in expr.variants])
    assert isinstance(expr, Primitive)
    if expr.kind == "any":
        return {}
    if expr.kind == "object":
        return {"type": "object", "additionalProperties": True}
    return {"type": expr.kind}


def _field_schema(node: FieldNode, tolerant: bool = False) -> dict[str, Any]:
    """The property of one field; `tolerant` (response side): constraints and consts are left
    to the model's checks (see `model_values.checks`), which keep a value that breaks them."""
    schema = _value_schema(node)
    pattern = node.constraints.pattern or format_pattern(node)
    constraints = node.constraints
    for key, value in (("minimum", constraints.minimum), ("maximum", constraints.maximum),
                       ("minLength", constraints.min_length), ("maxLength", constraints.max_length),
                       ("maxItems", constraints.max_items), ("pattern", pattern)):
        if value is not None and not tolerant:
            schema[key] = value
    if node.const is not NO_VALUE and not isinstance(node.const, (dict, list)) and not tolerant:
        schema = {"const": node.const}
    if node.also:
        schema = {"anyOf": [schema, *({"type": kind} for kind in node.also)]}
    if node.nullable:
        schema = _nullable(schema)
    default = node.const if node.const is not NO_VALUE else _sent_default(node)
    if default is not NO_VALUE:
        schema["default"] = default
    description = " ".join(filter(None, (node.description, present_when_text(node))))
    if description:
        schema["description"] = docstring_text(description)
    return schema


def _value_schema(node: FieldNode) -> dict[str, Any]:
    """The field's type: an alias models.py defines (a wire date-time, field names) or the IR's."""
    if node.alias is None:
        schema = _type_schema(node.type)
        if node.format == "rfc3339":
            schema["format"] = "date-time"
        return schema
    aliased = {"customTypePath": imported(LOCAL_MODULE, node.alias).dotted}
    if isinstance(node.type, ArrayOf):
        items = {"anyOf": [aliased, {"type": "null"}]} if node.type.items_nullable else aliased
        return {"type": "array", "items": items}
    return aliased


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """`null` allowed too. A typed schema gets `type: [kind, "null"]`, so its constraints stay
    on the field (`Annotated[str | None, Field(pattern=…)]`): wrapped in anyOf, a constrained
    string became a RootModel that no longer compares equal to a str."""
    if isinstance(schema.get("type"), str) and "$ref" not in schema and "const" not in schema:
        return {**schema, "type": [schema["type"], "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def _sent_default(node: FieldNode) -> object:
    """A request param's default is the vendor's business: documented, not filled in (and so
    not sent, nor seen as given by rules) unless the spec says it must be sent."""
    if node.location is not None and not node.send_default:
        return NO_VALUE
    return node.default


def docstring_text(text: str) -> str:
    """datamodel-code-generator escapes backslashes and triple quotes in docstrings, but a
    closing `"` would still merge with the docstring's own quotes: keep them apart."""
    return f"{text} " if text.endswith('"') else text


def _model_schema(model: ModelNode, writing: bool) -> dict[str, Any]:
    # Responses (every nested and inline object too) keep fields a vendor adds without notice;
    # requests refuse typos.
    extra = model.additional_properties or not writing
    # Every request-side object is a RequestModel: built alone (a sort item), it still refuses
    # unknown enum values and keys with a RequestError.
    base = "request" if writing else "checked" if checks(model) else "plain"
    schema: dict[str, Any] = {
        "title": model.name,
        "type": "object",
        "properties": {field.wire: _field_schema(field, not writing) for field in model.fields},
        "additionalProperties": extra,
        "customBasePath": _BASES[base].dotted,
    }
    required = [field.wire for field in model.fields if field.required and not _has_default(field)]
    if required:
        schema["required"] = required
    if model.description:
        schema["description"] = docstring_text(model.description)
    return schema


def _has_default(node: FieldNode) -> bool:
    return node.const is not NO_VALUE or node.default is not NO_VALUE


def _enum_schema(enum: EnumNode) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "title": enum.name,
        "type": enum.kind,
        "enum": [member.value for member in enum.members],
        "x-enum-varnames": [member.name for member in enum.members],
        "x-enum-descriptions": [
            docstring_text(member.meaning) if member.meaning else None for member in enum.members
        ],
    }
    if enum.description:
        schema["description"] = docstring_text(enum.description)
    return schema


def json_schema(api: ApiNode) -> dict[str, Any]:
    """One JSON Schema holding every enum and model of the API under $defs."""
    definitions: dict[str, Any] = {enum.name: _enum_schema(enum) for enum in api.enums}
    writing = request_side(api)
    definitions.update({model.name: _model_schema(model, model.name in writing)
                        for model in api.models})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{api.vendor_name} models",
        "$defs": definitions,
    }
