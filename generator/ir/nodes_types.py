"""IR of values: type expressions, fields and their aliases, and NO_VALUE for an unset default."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "NO_VALUE",
    "Primitive",
    "EnumRef",
    "ModelRef",
    "ArrayOf",
    "OneOf",
    "TypeExpr",
    "UnionAliasNode",
    "PresentWhenNode",
    "Constraints",
    "FieldNode",
    "AliasNode",
]


class _NoValue:
    """Marks a default or const the spec did not give (None is a legitimate value)."""

    _instance: _NoValue | None = None

    def __new__(cls) -> _NoValue:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NO_VALUE"

    def __bool__(self) -> bool:
        return False


NO_VALUE = _NoValue()


@dataclass(frozen=True)
class Primitive:
    kind: Literal["string", "integer", "number", "boolean", "any", "object"]


@dataclass(frozen=True)
class EnumRef:
    name: str  # class name of the enum


@dataclass(frozen=True)
class ModelRef:
    name: str  # class name of the model


@dataclass(frozen=True)
class ArrayOf:
    items: TypeExpr
    items_nullable: bool = False


@dataclass(frozen=True)
class OneOf:
    """One of several variants; tagged when `discriminator` names the property that picks one."""

    variants: tuple[TypeExpr, ...]
    discriminator: str | None = None  # wire name of the tag property
    mapping: tuple[tuple[str, str], ...] = ()  # (tag value, variant class name)
    name: str | None = None  # a named union (`types:`): the type alias models.py defines


TypeExpr = Primitive | EnumRef | ModelRef | ArrayOf | OneOf


@dataclass(frozen=True)
class UnionAliasNode:
    """A named union of `types:`, which models.py defines once as a type alias."""

    name: str
    description: str
    union: OneOf  # its `name` is this alias's


@dataclass(frozen=True)
class PresentWhenNode:
    """The field is present only when the sibling `wire` field holds one of `values`."""

    wire: str
    python: str
    values: tuple[object, ...]


@dataclass(frozen=True)
class Constraints:
    minimum: int | float | None = None
    maximum: int | float | None = None
    min_length: int | None = None
    max_length: int | None = None
    max_items: int | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class FieldNode:
    wire: str  # the name on the wire, e.g. fromEID
    python: str  # the attribute name, e.g. from_eid
    type: TypeExpr
    description: str
    required: bool = False
    nullable: bool = False
    default: object = NO_VALUE
    const: object = NO_VALUE
    format: str | None = None
    datetime_format: str | None = None
    constraints: Constraints = Constraints()
    location: str | None = None  # request params only: path, query, header, body, params
    unit: str | None = None
    example: object = NO_VALUE
    deprecated: bool = False
    secret: bool = False
    filterable: bool | None = None
    sortable: bool | None = None
    returned_by_default: bool | None = None
    applies_to: tuple[str, ...] = ()
    note: str | None = None
    style: str | None = None  # query params: explode, comma or deep_object
    present_when: PresentWhenNode | None = None
    send_default: bool = False  # request params: send `default` when the caller gives nothing
    timezone: str | None = None  # zone of a naive wire date-time
    also: tuple[str, ...] = ()  # other builtin types the vendor sends (doc contradicts itself)
    alias: str | None = None  # AliasNode typing the value (an array: its items)
    wire_type: str | None = None  # datetime, date, time or timedelta when a wire format types it


@dataclass(frozen=True)
class AliasNode:
    """A type alias models.py defines once and fields refer to by name."""

    name: str
    kind: Literal["wire", "names"]
    python_type: str  # wire: datetime, date, time or timedelta; names: str
    format: str | None = None  # wire: the spec format
    layout: str | None = None  # wire: the strftime layout
    timezone: str | None = None  # wire: the declared zone
    values: tuple[str, ...] = ()  # names: the field names, in the type's order
    description: str = ""
