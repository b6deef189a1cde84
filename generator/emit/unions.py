"""Unions and conditional presence in models.py: the JSON Schema of a union, the annotation of a
tagged one (a pydantic callable discriminator with a generic fallback), the type aliases of the
named unions, and the sentence a `present_when` field adds to its docstring."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from generator.emit.model_values import LOCAL_MODULE, runtime
from generator.emit.pyvalue import (
    Assign,
    Call,
    Lit,
    Symbol,
    TypeRef,
    UnionOf,
    Value,
    builtin,
    call,
    imported,
)
from generator.emit.render import docstring_body, py_literal
from generator.ir.nodes import (
    ArrayOf,
    EnumRef,
    FieldNode,
    ModelNode,
    ModelRef,
    OneOf,
    Primitive,
    ResponseNode,
    TypeExpr,
    UnionAliasNode,
)

__all__ = ["union_schema", "union_annotations", "present_when_text", "union_alias_statements",
           "record_value"]

_ANNOTATED = imported("typing", "Annotated")


def union_schema(expr: OneOf, variants: list[dict[str, Any]]) -> dict[str, Any]:
    """`oneOf` the variants: datamodel-code-generator types an untagged union `A | B` (pydantic's
    smart union picks the variant that fits best) and learns what a tagged one refers to. A
    named union is its alias, which models.py defines after the classes."""
    if expr.name is not None:
        return {"customTypePath": imported(LOCAL_MODULE, expr.name).dotted}
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
    # a named union is typed by its alias, which carries the discriminator
    if isinstance(expr, OneOf) and expr.discriminator is not None and expr.name is None:
        return expr, False, False
    if (isinstance(expr, ArrayOf) and isinstance(expr.items, OneOf) and expr.items.discriminator
            and expr.items.name is None):
        return expr.items, True, expr.items_nullable
    return None, False, False


def _tagged(expr: OneOf, optional: bool = False, one_per_line: bool = False) -> TypeRef:
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
    return TypeRef(_ANNOTATED, (UnionOf(tuple(variants)), pick), optional, one_per_line)


def _under_tag(variant: Symbol, tag: Value) -> TypeRef:
    return TypeRef(_ANNOTATED, (TypeRef(variant), call(imported("pydantic", "Tag"), tag)))


_SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


def union_alias_statements(unions: Sequence[UnionAliasNode]) -> tuple[Assign, ...]:
    """The named unions' aliases, each with its docstring, set after the classes they name: a
    tagged one as a field's annotation is (one argument per line), an untagged one `A | B`."""
    statements = []
    for node in unions:
        union, members = node.union, _members(node.union)
        docstring = docstring_body(node.description or f"One of {', '.join(members)}.")
        annotation = (_tagged(union, one_per_line=True) if union.discriminator is not None
                      else UnionOf(tuple(TypeRef(builtin(name)) for name in members)))
        statements.append(Assign(node.name, annotation, docstring))
    return tuple(statements)


def _members(union: OneOf) -> list[str]:
    """The Python type of each variant: a class of models.py, or a builtin scalar."""
    names = []
    for variant in union.variants:
        if isinstance(variant, (ModelRef, EnumRef)):
            names.append(variant.name)
        else:
            assert isinstance(variant, Primitive)  # the linter allows types and scalars only
            names.append(_SCALARS[variant.kind])
    return names


def record_value(response: ResponseNode, model: Symbol | Lit) -> Symbol | Lit | Call:
    """What generated code passes as an endpoint's record model: the class, or for a named
    union `union_records(models.Party, "Party")` (an alias has no model_validate)."""
    if response.record_union and response.record_model is not None:
        return call(runtime("union_records"), model, response.record_model)
    return model
