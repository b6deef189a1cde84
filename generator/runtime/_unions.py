"""Unions in generated models: the discriminator that picks a variant by its tag property, the
generic object an unknown tag is kept as (tolerant reader; refused in strict mode), and a named
union standing where a record model goes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Discriminator, TypeAdapter, model_validator

from ._models import CallspecModel, note_unknown, strict_now

__all__ = ["OTHER_TAG", "UnknownVariant", "tag_of", "UnionRecords", "union_records"]

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


class UnionRecords:
    """A named union (a type alias of models.py) used as the record type of an endpoint: it
    validates like a model class (`model_validate`), into the variant the record is."""

    def __init__(self, alias: Any, name: str) -> None:
        self.alias = alias
        self.__name__ = name  # how errors name the record type
        self._adapter: TypeAdapter[Any] = TypeAdapter(alias)

    def model_validate(self, data: object, *, context: dict[str, object] | None = None) -> Any:
        return self._adapter.validate_python(data, context=context)

    def __repr__(self) -> str:
        return f"UnionRecords({self.__name__})"


_MADE: dict[int, UnionRecords] = {}  # by id of the alias, which its UnionRecords keeps alive


def union_records(alias: Any, name: str) -> Any:
    """The UnionRecords of `alias`, made once (typed Any: generated code passes it where a record
    model class goes, and the iterator yields the alias's variants)."""
    made = _MADE.get(id(alias))
    if made is None or made.alias is not alias:
        made = _MADE[id(alias)] = UnionRecords(alias, name)
    return made
