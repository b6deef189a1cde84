"""`type: union` in the IR: its variants, the class each discriminator tag picks, and the named
unions of `types:`."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from dataclasses import replace

from generator.ir.nodes import OneOf, TypeExpr, UnionAliasNode
from generator.spec import model as spec

__all__ = ["union_node", "named_union", "union_aliases"]


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


def named_union(
    name: str,
    source: spec.Spec,
    type_of: Callable[[spec.Field], TypeExpr],
    type_classes: Mapping[str, str],
) -> OneOf:
    """The union `types.<name>` declares, carrying the name of its alias wherever it is used."""
    union = union_node(source.union_types[name].as_field(), type_of, type_classes)
    return replace(union, name=type_classes[name])


def union_aliases(
    source: spec.Spec,
    type_of: Callable[[spec.Field], TypeExpr],
    type_classes: Mapping[str, str],
) -> tuple[UnionAliasNode, ...]:
    """One alias per named union, in spec order, with its description as docstring."""
    return tuple(
        UnionAliasNode(type_classes[name], (union.description or "").strip(),
                       named_union(name, source, type_of, type_classes))
        for name, union in source.union_types.items()
    )
