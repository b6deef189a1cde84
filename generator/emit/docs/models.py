"""The Models and Enums sections: each model's kind and fields, each enum's values."""

from __future__ import annotations

from generator.ir.nodes import EnumMember, EnumNode, ModelNode

from .text import cell_code, code_span, format_value, table_cell, table_row

__all__ = ["model_kind", "model_extras", "has_metadata", "enum_kind", "member_row"]

_MODEL_KINDS = {
    "request": "request parameters",
    "response": "response body",
    "row": "CSV row",
    "type": "named type",
    "inline": "inline object",
    "error": "error body",
}
_ADDITIONAL = "Other keys than those listed may appear (additional properties)."


def model_kind(model: ModelNode) -> str:
    return _MODEL_KINDS[model.kind]


def model_extras(model: ModelNode) -> tuple[str, ...]:
    extras = (_ADDITIONAL,) if model.additional_properties else ()
    return extras + (() if model.fields else ("Has no fields.",))


def has_metadata(model: ModelNode) -> bool:
    """Whether any field says it is filterable, sortable or returned by default (CallGear)."""
    flags = ("filterable", "sortable", "returned_by_default")
    return any(getattr(node, flag) is not None for node in model.fields for flag in flags)


def enum_kind(enum: EnumNode) -> str:
    spec_name = f", spec name {code_span(enum.spec_name)}" if enum.spec_name != enum.name else ""
    return f"{enum.kind} enum, {len(enum.members)} values{spec_name}"


def member_row(member: EnumMember) -> str:
    return table_row(cell_code(format_value(member.value)), cell_code(member.name),
                     table_cell(member.meaning) if member.meaning else "")
