"""Unions and conditional presence in models.py: the JSON Schema of a union, the annotation of a
tagged one (a pydantic callable discriminator with a generic fallback), the type aliases of the
named unions, and the sentence a `present_when` field adds to its docstring."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from generator.emit.description import runtime
from generator.emit.model_values import LOCAL_MODULE
from generator.emit.pyvalue import Call, Lit, Symbol, call
from generator.emit.render import docstring_body, py_literal, render
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

__all__ = ["UNION_IMPORTS", "union_schema", "union_lines", "present_when_text",
           "union_alias_block", "record_value"]

_RUNTIME = "generator.runtime"
UNION_IMPORTS = [
    "typing.Annotated",
    "pydantic.Field",
    "pydantic.Tag",
    f"{_RUNTIME}.OTHER_TAG",
    f"{_RUNTIME}.UnknownVariant",
    f"{_RUNTIME}.tag_of",
]


def union_schema(expr: OneOf, variants: list[dict[str, Any]]) -> dict[str, Any]:
    """`oneOf` the variants: datamodel-code-generator types an untagged union `A | B` (pydantic's
    smart union picks the variant that fits best) and learns what a tagged one refers to. A
    named union is its alias, which models.py defines after the classes."""
    if expr.name is not None:
        return {"customTypePath": f"{LOCAL_MODULE}.{expr.name}"}
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
    # a named union is typed by its alias, which carries the discriminator
    if isinstance(expr, OneOf) and expr.discriminator is not None and expr.name is None:
        return expr, False, False
    if (isinstance(expr, ArrayOf) and isinstance(expr.items, OneOf) and expr.items.discriminator
            and expr.items.name is None):
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


_SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


def union_alias_block(unions: Sequence[UnionAliasNode]) -> tuple[dict[str, set[str]], str]:
    """The imports and the source of the named unions' aliases (each with its docstring), set
    after the classes they name."""
    if not unions:
        return {}, ""
    views = [_alias_view(node) for node in unions]
    imports: dict[str, set[str]] = {}
    if any(view["tagged"] for view in views):
        for path in UNION_IMPORTS:
            module, name = path.rsplit(".", 1)
            imports.setdefault(module, set()).add(name)
    return imports, render("union_aliases.py.j2", unions=views)


def _alias_view(node: UnionAliasNode) -> dict[str, object]:
    union = node.union
    docstring = docstring_body(node.description or f"One of {', '.join(_members(union))}.")
    if union.discriminator is not None:
        return {"name": node.name, "tagged": True, "docstring": docstring, **_tagged(union)}
    return {"name": node.name, "tagged": False, "docstring": docstring,
            "members": _members(union)}


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
