"""Unions in generated models: the discriminator that picks a variant by its tag property, and
the generic object an unknown tag is kept as (tolerant reader; refused in strict mode)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Discriminator, model_validator

from ._models import CallspecModel, note_unknown, strict_now

__all__ = ["OTHER_TAG", "UnknownVariant", "tag_of"]

OTHER_TAG = "*"  # the Tag of the UnknownVariant member of every tagged union


class UnknownVariant(CallspecModel):
    """A union value whose tag names no variant the spec lists: every key kept as it came."""

    model_config = ConfigDict(extra="allow")
    __callspec_unknown_variant__: ClassVar[bool] = True

    @model_validator(mode="after")
    def _count(self) -> UnknownVariant:
        note_unknown()  # lets the client's entry points find it and warn with its path
        return self


def tag_of(prop: str, mapping: Mapping[str, str]) -> Discriminator:
    """The Discriminator of a tagged union: the value's `prop` (wire name) → the variant class
    named in `mapping`; an unknown tag → UnknownVariant, or a validation error when strict."""
    known = ", ".join(repr(tag) for tag in mapping)
    classes = frozenset(mapping.values())

    def pick(value: object) -> str | None:
        if isinstance(value, BaseModel):  # a model built in Python: its class is its variant
            name = type(value).__name__
            return name if name in classes else OTHER_TAG
        tag = value.get(prop) if isinstance(value, Mapping) else None
        variant = mapping.get(tag) if isinstance(tag, str) else None
        if variant is not None:
            return variant
        return None if strict_now() else OTHER_TAG

    return Discriminator(
        pick,
        custom_error_type="unknown_variant",
        custom_error_message=f"{prop} must be one of {known}",
    )
