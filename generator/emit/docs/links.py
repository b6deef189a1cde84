"""Anchors of the README's sections and types rendered as links to them."""

from __future__ import annotations

import re

from generator.ir.nodes import EnumRef, FieldNode, ModelRef, OneOf, Primitive, TypeExpr

__all__ = [
    "model_anchor",
    "enum_anchor",
    "endpoint_anchor",
    "scheme_anchor",
    "link",
    "model_link",
    "type_markup",
    "union_markup",
    "field_type",
]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-")


def model_anchor(name: str) -> str:
    return f"model-{_slug(name)}"


def enum_anchor(name: str) -> str:
    return f"enum-{_slug(name)}"


def endpoint_anchor(name: str) -> str:
    return f"endpoint-{_slug(name)}"


def scheme_anchor(name: str) -> str:
    return f"auth-{_slug(name)}"


def link(text: str, anchor: str) -> str:
    return f"[{text}](#{anchor})"


def model_link(name: str | None) -> str:
    return link(name, model_anchor(name)) if name else "not described"


def type_markup(expr: TypeExpr) -> str:
    """A type as Markdown: primitives by name, enums and models linked to their section."""
    if isinstance(expr, Primitive):
        return expr.kind
    if isinstance(expr, EnumRef):
        return link(expr.name, enum_anchor(expr.name))
    if isinstance(expr, ModelRef):
        return model_link(expr.name)
    if isinstance(expr, OneOf):  # a named union: its own section says what it holds
        return model_link(expr.name) if expr.name else union_markup(expr)
    return f"array of {type_markup(expr.items)}{' or null' if expr.items_nullable else ''}"


def union_markup(expr: OneOf) -> str:
    """`PhoneLeg or SipLeg, picked by `type` (phone → PhoneLeg, sip → SipLeg)`."""
    variants = " or ".join(type_markup(variant) for variant in expr.variants)
    if expr.discriminator is None:
        return variants
    tags = ", ".join(f"`{tag}` → {model_link(name)}" for tag, name in expr.mapping)
    return (f"{variants}, picked by `{expr.discriminator}` ({tags}; another tag is kept as "
            "UnknownVariant, with a warning)")


def field_type(node: FieldNode) -> str:
    several = "".join(f" or {kind}" for kind in node.also)  # where the doc contradicts itself
    return type_markup(node.type) + several + (", nullable" if node.nullable else "")
