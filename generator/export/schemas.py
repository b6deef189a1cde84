"""JSON Schema (2020-12, as OpenAPI 3.1 and OpenRPC use it) of the IR's enums, models and fields."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from generator.emit.model_values import format_pattern, request_side
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

__all__ = ["Schema", "type_schema", "field_schema", "enum_schema", "model_schema",
           "component_schemas", "ref"]

Schema = dict[str, Any]

# Spec formats JSON Schema names itself; the others are said by x-callspec-format (and a pattern).
_STANDARD_FORMATS = {"rfc3339": "date-time", "rfc3339-millis": "date-time", "uri": "uri",
                     "duration-iso8601": "duration"}


def ref(name: str, prefix: str) -> Schema:
    return {"$ref": f"{prefix}{name}"}


def type_schema(expr: TypeExpr, prefix: str) -> Schema:
    """The schema of a type; references point under `prefix` (#/components/schemas/)."""
    if isinstance(expr, (EnumRef, ModelRef)):
        return ref(expr.name, prefix)
    if isinstance(expr, ArrayOf):
        items = type_schema(expr.items, prefix)
        return {"type": "array", "items": _or_null(items) if expr.items_nullable else items}
    if isinstance(expr, OneOf):
        return _union_schema(expr, prefix)
    assert isinstance(expr, Primitive)
    if expr.kind == "any":
        return {}
    return {"type": expr.kind}


def _union_schema(expr: OneOf, prefix: str) -> Schema:
    schema: Schema = {"oneOf": [type_schema(variant, prefix) for variant in expr.variants]}
    if expr.discriminator is not None:
        schema["discriminator"] = {
            "propertyName": expr.discriminator,
            "mapping": {tag: f"{prefix}{name}" for tag, name in expr.mapping},
        }
    return schema


def _or_null(schema: Schema) -> Schema:
    """`null` allowed too: in the type list when the schema has one, else beside it."""
    if isinstance(schema.get("type"), str) and len(schema) == 1:
        return {"type": [schema["type"], "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def _format_keys(node: FieldNode) -> Schema:
    """format / pattern / contentEncoding, and the spec's own words in x-callspec-* keys."""
    keys: Schema = {}
    if node.format is None and node.datetime_format is None:
        return keys
    if node.format in _STANDARD_FORMATS:
        keys["format"] = _STANDARD_FORMATS[node.format]
    elif node.format == "date" and node.datetime_format is None:
        keys["format"] = "date"
    if node.format == "base64":
        keys["contentEncoding"] = "base64"
    # A typed wire format (`%Y-%m-%d %H:%M:%S`, sql-timestamp) is a string of a known shape.
    pattern = format_pattern(replace(node, alias=None))
    if pattern is not None and isinstance(node.type, Primitive) and node.type.kind == "string":
        keys["pattern"] = pattern
    if node.format is not None:
        keys["x-callspec-format"] = node.format
    if node.datetime_format is not None:
        keys["x-callspec-datetime-format"] = node.datetime_format
    if node.timezone is not None:
        keys["x-callspec-timezone"] = node.timezone
    return keys


def _constraint_keys(node: FieldNode) -> Schema:
    found = {"minimum": node.constraints.minimum, "maximum": node.constraints.maximum,
             "minLength": node.constraints.min_length, "maxLength": node.constraints.max_length,
             "maxItems": node.constraints.max_items, "pattern": node.constraints.pattern}
    return {key: value for key, value in found.items() if value is not None}


def _metadata_keys(node: FieldNode) -> Schema:
    """What the spec says about a field beyond its value: x-callspec-* keys."""
    flags = {"filterable": node.filterable, "sortable": node.sortable,
             "returned_by_default": node.returned_by_default}
    keys: Schema = {}
    if any(value is not None for value in flags.values()):
        keys["x-callspec-field"] = {key: value for key, value in flags.items() if value is not None}
    if node.applies_to:
        keys["x-callspec-applies-to"] = list(node.applies_to)
    if node.unit:
        keys["x-callspec-unit"] = node.unit
    if node.note:
        keys["x-callspec-note"] = node.note
    if node.present_when is not None:
        keys["x-callspec-present-when"] = {"field": node.present_when.wire,
                                           "values": list(node.present_when.values)}
    if node.secret:
        keys["x-callspec-secret"] = True
    if node.python != node.wire:
        keys["x-callspec-python-name"] = node.python
    return keys


def field_schema(node: FieldNode, prefix: str) -> Schema:
    """The schema of one field or param: type, constraints, formats, default, example, meaning."""
    schema = type_schema(node.type, prefix)
    target = schema["items"] if isinstance(node.type, ArrayOf) and "type" in schema["items"] \
        else schema
    target.update(_format_keys(node))
    schema.update(_constraint_keys(node))
    if "maxItems" in schema and not isinstance(node.type, ArrayOf):
        del schema["maxItems"]
    if node.const is not NO_VALUE:
        schema["const"] = node.const
    if node.also:
        schema = {"anyOf": [schema, *({"type": kind} for kind in node.also)]}
    if node.nullable:
        schema = _or_null(schema)
    if node.default is not NO_VALUE:
        schema["default"] = node.default
    if node.example is not NO_VALUE:
        schema["examples"] = [node.example]
    if node.description:
        schema["description"] = node.description
    if node.deprecated:
        schema["deprecated"] = True
    schema.update(_metadata_keys(node))
    return schema


def enum_schema(enum: EnumNode) -> Schema:
    """The values, and their meanings as Redoc (x-enumDescriptions, a map) and
    openapi-generator (x-enum-descriptions, x-enum-varnames: lists in value order) read them."""
    values = [member.value for member in enum.members]
    schema: Schema = {"title": enum.name, "type": enum.kind, "enum": values,
                      "x-enum-varnames": [member.name for member in enum.members]}
    if any(member.meaning for member in enum.members):
        schema["x-enumDescriptions"] = {str(member.value): member.meaning or ""
                                        for member in enum.members}
        schema["x-enum-descriptions"] = [member.meaning or "" for member in enum.members]
    if enum.description:
        schema["description"] = enum.description
    return schema


def model_schema(model: ModelNode, prefix: str, writing: bool) -> Schema:
    """An object: a request-side model refuses unknown keys (strict writer); a read model keeps
    them (tolerant reader: vendors add fields without notice)."""
    schema: Schema = {
        "title": model.name,
        "type": "object",
        "properties": {node.wire: field_schema(node, prefix) for node in model.fields},
        "additionalProperties": model.additional_properties or not writing,
    }
    required = [node.wire for node in model.fields if node.required]
    if required:
        schema["required"] = required
    if model.description:
        schema["description"] = model.description
    if model.csv_columns:
        schema["x-callspec-csv-columns"] = list(model.csv_columns)
    return schema


def component_schemas(api: ApiNode, prefix: str) -> Schema:
    """Every enum and model by class name, sorted; not the request models, whose fields are
    the operations' parameters and bodies."""
    writing = request_side(api)
    found: Schema = {enum.name: enum_schema(enum) for enum in api.enums}
    found.update({model.name: model_schema(model, prefix, model.name in writing)
                  for model in api.models if model.kind != "request"})
    return dict(sorted(found.items()))
