"""Unions and conditional presence in models.py: the JSON Schema of a union, the annotation of a
tagged one (a pydantic callable discriminator with a generic fallback), and the sentence a
`present_when` field adds to its docstring."""

from __future__ import annotations

from typing import Any

from generator.emit.pyvalue import imported
from generator.emit.render import py_literal
from generator.ir.nodes import ArrayOf, FieldNode, ModelNode, ModelRef, OneOf, TypeExpr

__all__ = ["UNION_SYMBOLS", "union_schema", "union_lines", "present_when_text"]

_RUNTIME = "generator.runtime"
# What the annotation of a tagged union uses (templates/datamodel/pydantic_v2/BaseModel.jinja2).
UNION_SYMBOLS = (
    imported("typing", "Annotated"),
    imported("pydantic", "Field"),
    imported("pydantic", "Tag"),
    imported(_RUNTIME, "OTHER_TAG"),
    imported(_RUNTIME, "UnknownVariant"),
    imported(_RUNTIME, "tag_of"),
)


def union_schema(variants: list[dict[str, Any]]) -> dict[str, Any]:
    """`oneOf` the variants: datamodel-code-generator types an untagged union `A | B` (pydantic's
    smart union picks the variant that fits best) and learns what a tagged one refers to."""
    return {"oneOf": variants}


def present_when_text(node: FieldNode) -> str:
    """`Present only when status is 'completed'.` — the doc's condition, for the docstring."""
    condition = node.present_when
    if condition is None:
        return ""
    values = " or ".join(py_literal(value) for value in condition.values)
    return f"Present only when `{condition.wire}` is {values}."


def union_lines(model: ModelNode) -> dict[str, dict[str, object]]:
    """Python name → the parts of the annotation of each field holding a tagged union, laid out
    by templates/datamodel/pydantic_v2/BaseModel.jinja2 in place of the one
    datamodel-code-generator would write (it has no callable discriminator)."""
    found: dict[str, dict[str, object]] = {}
    for node in model.fields:
        union, array, items_optional = _tagged_in(node.type)
        if union is None:
            continue
        found[node.python] = {
            **_tagged(union),
            "array": array,
            "items_optional": items_optional,
            # as datamodel-code-generator types the fields it writes itself
            "optional": node.nullable or not node.required,
            "alias": py_literal(node.wire) if node.wire != node.python else None,
        }
    return found


def _tagged_in(expr: TypeExpr) -> tuple[OneOf | None, bool, bool]:
    """The tagged union a type is or holds as array items; (union, in an array, items nullable)."""
    if isinstance(expr, OneOf) and expr.discriminator is not None:
        return expr, False, False
    if isinstance(expr, ArrayOf) and isinstance(expr.items, OneOf) and expr.items.discriminator:
        return expr.items, True, expr.items_nullable
    return None, False, False


def _tagged(expr: OneOf) -> dict[str, object]:
    """The variant classes with their Tag literals, and the arguments of `tag_of`: the tag
    picks the class, an unknown tag the UnknownVariant fallback."""
    assert expr.discriminator is not None
    classes = dict.fromkeys(name for _, name in expr.mapping)
    for variant in expr.variants:  # variants no tag maps to are refused by the linter
        if isinstance(variant, ModelRef):
            classes.setdefault(variant.name)
    return {
        "variants": [(name, py_literal(name)) for name in classes],
        "property": py_literal(expr.discriminator),
        "mapping": py_literal(dict(expr.mapping)),
    }
