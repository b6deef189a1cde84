"""Unions and conditional presence in models.py: the JSON Schema of a union, the annotation of a
tagged one (a pydantic callable discriminator with a generic fallback), and the sentence a
`present_when` field adds to its docstring."""

from __future__ import annotations

from typing import Any

from generator.emit.model_values import runtime
from generator.emit.pyvalue import Lit, Symbol, TypeRef, UnionOf, Value, builtin, call, imported
from generator.emit.render import py_literal
from generator.ir.nodes import ArrayOf, FieldNode, ModelNode, ModelRef, OneOf, TypeExpr

__all__ = ["union_schema", "union_annotations", "present_when_text"]

_ANNOTATED = imported("typing", "Annotated")


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


def union_annotations(model: ModelNode) -> dict[str, TypeRef]:
    """Python name → the annotation of each field holding a tagged union, which
    templates/datamodel/pydantic_v2/BaseModel.jinja2 writes in place of the one
    datamodel-code-generator would (it has no callable discriminator)."""
    found: dict[str, TypeRef] = {}
    for node in model.fields:
        union, array, items_optional = _tagged_in(node.type)
        if union is None:
            continue
        # optional as datamodel-code-generator types the fields it writes itself
        optional = node.nullable or not node.required
        tagged = _tagged(union, optional=items_optional if array else optional)
        if array:
            tagged = TypeRef(builtin("list"), (tagged,), optional=optional)
        if node.wire != node.python:
            tagged = TypeRef(_ANNOTATED, (tagged, call(imported("pydantic", "Field"),
                                                       alias=node.wire)))
        found[node.python] = tagged
    return found


def _tagged_in(expr: TypeExpr) -> tuple[OneOf | None, bool, bool]:
    """The tagged union a type is or holds as array items; (union, in an array, items nullable)."""
    if isinstance(expr, OneOf) and expr.discriminator is not None:
        return expr, False, False
    if isinstance(expr, ArrayOf) and isinstance(expr.items, OneOf) and expr.items.discriminator:
        return expr.items, True, expr.items_nullable
    return None, False, False


def _tagged(expr: OneOf, optional: bool) -> TypeRef:
    """`Annotated[A | B | fallback, tag_of(property, mapping)]`: each variant class under its
    Tag, the tag picks the class, an unknown tag the UnknownVariant fallback."""
    assert expr.discriminator is not None
    classes = dict.fromkeys(name for _, name in expr.mapping)
    for variant in expr.variants:  # variants no tag maps to are refused by the linter
        if isinstance(variant, ModelRef):
            classes.setdefault(variant.name)
    variants = [_under_tag(builtin(name), Lit(name)) for name in classes]
    variants.append(_under_tag(runtime("UnknownVariant"), runtime("OTHER_TAG")))
    pick = call(runtime("tag_of"), expr.discriminator, dict(expr.mapping))
    return TypeRef(_ANNOTATED, (UnionOf(tuple(variants)), pick), optional=optional)


def _under_tag(variant: Symbol, tag: Value) -> TypeRef:
    return TypeRef(_ANNOTATED, (TypeRef(variant), call(imported("pydantic", "Tag"), tag)))
