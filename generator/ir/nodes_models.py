"""IR of the classes a generated models module holds: models with their rules, and enums."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.ir.nodes_types import FieldNode
from generator.spec.model import RuleKind

__all__ = [
    "ModelKind",
    "ConditionNode",
    "RuleNode",
    "ModelNode",
    "EnumMember",
    "EnumNode",
]

ModelKind = Literal["request", "response", "row", "type", "inline", "error"]


@dataclass(frozen=True)
class ConditionNode:
    wire_path: tuple[str, ...]
    python_path: tuple[str, ...]
    test: Literal["equals", "one_of", "not_one_of", "present"]
    values: tuple[object, ...]  # equals: one value; (not_)one_of: several; present: (True|False,)


@dataclass(frozen=True)
class RuleNode:
    kind: RuleKind
    wire_paths: tuple[tuple[str, ...], ...]
    python_paths: tuple[tuple[str, ...], ...]
    when: ConditionNode | None
    description: str
    op: str | None = None  # compare: params[0] <op> params[1]
    span: tuple[float | None, float | None] = (None, None)  # window: min, max seconds
    # compare/window, per param: how its values compare — a strftime layout, "iso" (RFC 3339,
    # SQL timestamp, ISO date), "epoch_s"/"epoch_ms" (numbers of seconds / ms), None (as they are)
    formats: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class ModelNode:
    name: str
    kind: ModelKind
    description: str
    fields: tuple[FieldNode, ...]
    additional_properties: bool = False
    rules: tuple[RuleNode, ...] = ()
    csv_columns: tuple[str, ...] = ()  # row models: wire names in file order


@dataclass(frozen=True)
class EnumMember:
    name: str
    value: str | int
    meaning: str | None


@dataclass(frozen=True)
class EnumNode:
    name: str  # class name
    spec_name: str
    kind: Literal["string", "integer"]
    description: str
    members: tuple[EnumMember, ...]
