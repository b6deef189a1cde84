"""Unions and conditional presence in models.py: the JSON Schema of a union, the annotation of a
tagged one (a pydantic callable discriminator with a generic fallback), and the sentence a
`present_when` field adds to its docstring."""

from __future__ import annotations

from typing import Any

from generator.emit.render import py_literal
from generator.ir.nodes import ArrayOf, FieldNode, ModelNode, ModelRef, OneOf, TypeExpr

__all__ = ["UNION_IMPORTS", "union_schema", "union_lines", "present_when_text"]

_RUNTIME = "generator.runtime"
UNION_IMPORTS = [
    "typing.Annotated",
    "pydantic.Field",
    "pydantic.Tag",
    f"{_RUNTIME}.OTHER_TAG",
    f"{_RUNTIME}.UnknownVariant",
    f"{_RUNTIME}.tag_of",
]


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


def union_lines(model: ModelNode) -> dict[str, str]:
    """Python name → annotation of each field holding a tagged union; the template writes these
    in place of the annotation datamodel-code-generator would give."""
    found: dict[str, str] = {}
    for node in model.fields:
        annotation = _annotation(node.type)
        if annotation is None:
            continue
        if node.nullable or not node.required:  # as datamodel-code-generator types the others
            annotation = f"{annotation} | None"
        if node.wire != node.python:
            annotation = f"Annotated[{annotation}, Field(alias={py_literal(node.wire)})]"
        found[node.python] = annotation
    return found


def _annotation(expr: TypeExpr) -> str | None:
    """The annotation of a type holding a tagged union, or None when it holds none."""
    if isinstance(expr, OneOf) and expr.discriminator is not None:
        return _tagged(expr)
    if isinstance(expr, ArrayOf):
        inner = _annotation(expr.items)
        if inner is None:
            return None
        return f"list[{inner} | None]" if expr.items_nullable else f"list[{inner}]"
    return None


def _tagged(expr: OneOf) -> str:
    """`Annotated[Annotated[A, Tag("A")] | … | Annotated[UnknownVariant, Tag(OTHER_TAG)],
    tag_of("type", {"a": "A", …})]`: the tag picks the class, an unknown tag the fallback."""
    assert expr.discriminator is not None
    classes = dict.fromkeys(name for _, name in expr.mapping)
    for variant in expr.variants:  # variants no tag maps to are refused by the linter
        if isinstance(variant, ModelRef):
            classes.setdefault(variant.name)
    members = [f"Annotated[{name}, Tag({py_literal(name)})]" for name in classes]
    members.append("Annotated[UnknownVariant, Tag(OTHER_TAG)]")
    mapping = py_literal(dict(expr.mapping))
    return (f"Annotated[{' | '.join(members)}, "
            f"tag_of({py_literal(expr.discriminator)}, {mapping})]")
