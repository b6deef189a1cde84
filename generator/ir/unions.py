"""`type: union` in the IR: its variants, and the class each discriminator tag picks."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from generator.ir.nodes import OneOf, TypeExpr
from generator.spec import model as spec

__all__ = ["union_node"]


def union_node(
    source: spec.Field,
    type_of: Callable[[spec.Field], TypeExpr],
    type_classes: Mapping[str, str],
) -> OneOf:
    """The variants in `one_of` order (typed by `type_of`), and tag → class of a discriminator."""
    variants = tuple(type_of(spec.Field(type=name)) for name in source.one_of or ())
    discriminator = source.discriminator
    if discriminator is None:
        return OneOf(variants)
    mapping = tuple((tag, type_classes[name]) for tag, name in discriminator.mapping.items())
    return OneOf(variants, discriminator.property, mapping)
