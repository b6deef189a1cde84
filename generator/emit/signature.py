"""The keyword parameters of a generated method: annotations from IR types, defaults, and the
docstring documenting them (typed values, generator.emit.pyvalue)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.emit.pyvalue import (
    Annotation,
    Symbol,
    TypeRef,
    UnionOf,
    Value,
    attribute,
    builtin,
    call,
    imported,
    value,
)
from generator.emit.render import docstring_body, py_literal
from generator.ir.nodes import (
    NO_VALUE,
    ArrayOf,
    EndpointNode,
    EnumRef,
    FieldNode,
    ModelRef,
    OneOf,
    Primitive,
    TypeExpr,
)

__all__ = ["ANY", "STR", "Param", "model_symbol", "annotation", "optional", "signature",
           "docstring", "indented"]

ANY = TypeRef(imported("typing", "Any"))
STR = TypeRef(builtin("str"))
_PRIMITIVES = {
    "string": STR,
    "integer": TypeRef(builtin("int")),
    "number": TypeRef(builtin("float")),
    "boolean": TypeRef(builtin("bool")),
    "any": ANY,
    "object": TypeRef(builtin("dict"), (STR, ANY)),
}


@dataclass(frozen=True)
class Param:
    """A keyword parameter; `default` None means required."""

    name: str
    annotation: Annotation
    default: Value | None = None


def model_symbol(name: str) -> Symbol:
    return attribute(".models", name)


def annotation(expr: TypeExpr, field_format: str | None = None) -> TypeRef:
    if isinstance(expr, (EnumRef, ModelRef)):
        return TypeRef(model_symbol(expr.name))
    if isinstance(expr, ArrayOf):
        inner = annotation(expr.items)
        if expr.items_nullable:
            inner = TypeRef(inner.symbol, inner.args, optional=True)
        return TypeRef(builtin("list"), (inner,))
    if isinstance(expr, OneOf):  # a union param: its request model checks which variant fits
        return ANY
    assert isinstance(expr, Primitive)
    if expr.kind == "string" and field_format == "rfc3339":
        return TypeRef(imported("datetime", "datetime"))
    return _PRIMITIVES[expr.kind]


def _typed(node: FieldNode) -> Annotation | None:
    """A typed value's annotation: `datetime | str` (the Python type, or the text already in the
    wire format) or a field-name Literal of models.py; a list of them for an array."""
    if node.alias is None:
        return None
    array = isinstance(node.type, ArrayOf)
    wire = node.type.items if isinstance(node.type, ArrayOf) else node.type
    item: Annotation = TypeRef(model_symbol(node.alias))
    if node.wire_type is not None:
        item = UnionOf((TypeRef(imported("datetime", node.wire_type)), annotation(wire)))
    return TypeRef(builtin("list"), (item,)) if array else item


def optional(base: Annotation) -> Annotation:
    if isinstance(base, UnionOf):
        last = base.members[-1]
        return UnionOf((*base.members[:-1], TypeRef(last.symbol, last.args, optional=True)))
    assert isinstance(base, TypeRef)  # a parameter list is never a param's annotation
    return TypeRef(base.symbol, base.args, optional=True)


def _param(node: FieldNode) -> Param:
    typed = _typed(node)
    if typed is not None:
        if node.required:
            return Param(node.python, typed)
        return Param(node.python, optional(typed), value(None))
    base = annotation(node.type, node.format)
    if node.default is not NO_VALUE and node.default is not None and node.send_default:
        if isinstance(node.type, EnumRef):
            return Param(node.python, base, call(model_symbol(node.type.name), node.default))
        return Param(node.python, base, value(node.default))
    if node.required and node.default is NO_VALUE:
        return Param(node.python, base)
    return Param(node.python, optional(base), value(None))


def _default_note(node: FieldNode) -> str:
    """What the docs of a param say about a vendor default the client does not send."""
    if node.default is NO_VALUE or node.default is None or node.send_default:
        return ""
    return f" (vendor default {py_literal(node.default)}; not sent unless given)"


def signature(endpoint: EndpointNode) -> tuple[Param, ...]:
    """Every settable param, required ones first; consts are fixed by the model."""
    params = [_param(node) for node in endpoint.params if node.const is NO_VALUE]
    return tuple(sorted(params, key=lambda param: param.default is not None))


def docstring(endpoint: EndpointNode, extra: str = "") -> str:
    lines = [endpoint.summary.rstrip(".") + "." + extra]
    if endpoint.description:
        lines += ["", endpoint.description]
    if endpoint.deprecated:
        lines += ["", f"Deprecated: {endpoint.deprecated}"]
    documented = [node for node in endpoint.params if node.const is NO_VALUE]
    if documented:
        lines += ["", "Args:"]
        lines += [f"    {node.python}: {_one_line(node.description) or node.wire}"
                  f"{_default_note(node)}" for node in documented]
    return indented(docstring_body("\n".join(lines)), " " * 8)


def indented(body: str, indent: str) -> str:
    """A multi-line docstring laid out as black lays it out inside a method."""
    if "\n" not in body:
        return body
    lines = body.split("\n")
    rest = [f"{indent}{line}".rstrip() if line.strip() else "" for line in lines[1:]]
    return "\n".join([lines[0], *rest]) + f"\n{indent}"


def _one_line(text: str) -> str:
    return " ".join(text.split())
