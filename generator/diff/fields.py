"""Fields compared on one side of the wire: params and their properties (request) or bodies,
records and CSV rows (response), walking into named types, inline objects, arrays and enums."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from generator.diff.constraints import compare_constraints
from generator.diff.record import Recorder, label
from generator.diff.types import shown, wider
from generator.ir.nodes import (
    NO_VALUE, ArrayOf, EnumNode, EnumRef, FieldNode, ModelNode, ModelRef, TypeExpr,
)
from generator.spec.load import PathKey

__all__ = ["Direction", "FieldWalk"]

Direction = Literal["request", "response"]


@dataclass
class FieldWalk:
    """One direction's walk; models and enums already compared in it are not compared again."""

    rec: Recorder
    direction: Direction
    seen: set[tuple[str, str]] = field(default_factory=set)

    def fields(self, old: tuple[FieldNode, ...], new: tuple[FieldNode, ...], old_at: PathKey,
               new_at: PathKey) -> None:
        """Match by wire name; an unmatched pair with one Python name is a wire rename."""
        new_by = {node.wire: node for node in new}
        old_wires = {node.wire for node in old}
        removed = [node for node in old if node.wire not in new_by]
        added = [node for node in new if node.wire not in old_wires]
        for before in list(removed):
            after = next((node for node in added if node.python == before.python), None)
            if after is None:
                continue
            removed.remove(before)
            added.remove(after)
            self.rec.add("field-wire-renamed", f"{label(old_at + (before.wire,))} is sent as "
                         f"`{after.wire}` now (Python name `{after.python}` kept)",
                         old_at + (before.wire,), new_at + (after.wire,))
            self.field(before, after, old_at + (before.wire,), new_at + (after.wire,))
        for before in removed:
            self.rec.add(f"{self.direction}-field-removed", f"{label(old_at + (before.wire,))} "
                         "removed", old_at + (before.wire,), None)
        for after in added:
            self.added(after, new_at + (after.wire,))
        for before in old:
            if before.wire in new_by:
                wire = before.wire
                self.field(before, new_by[wire], old_at + (wire,), new_at + (wire,))

    def added(self, node: FieldNode, at: PathKey) -> None:
        required = self.direction == "request" and node.required and node.default is NO_VALUE
        kind = f"{self.direction}-field-added" + ("-required" if required else "")
        self.rec.add(kind, f"{label(at)} added" + (", required" if required else ""), None, at)

    def field(self, old: FieldNode, new: FieldNode, old_at: PathKey, new_at: PathKey) -> None:
        where, side = label(new_at), self.direction
        if old.python != new.python:
            self.rec.add("field-python-renamed", f"{where}: Python name `{old.python}` → "
                         f"`{new.python}`", old_at, new_at)
        if old.required != new.required:
            state = ("required" if new.required else "optional") if side == "request" else (
                "optional" if not new.required else "required")
            self.rec.add(f"{side}-field-became-{state}", f"{where} is {state} now", old_at, new_at)
        if old.nullable != new.nullable:
            state = "nullable" if new.nullable else "not-nullable"
            self.rec.add(f"{side}-field-became-{state}", f"{where} is {state.replace('-', ' ')} "
                         "now", old_at, new_at)
        if new.deprecated and not old.deprecated:
            self.rec.add("field-deprecated", f"{where} is deprecated", old_at, new_at)
        if old.description != new.description:
            self.rec.add("description-changed", f"{where}: description changed", old_at, new_at)
        self.values(old, new, old_at, new_at)
        compare_constraints(self.rec, side, old.constraints, new.constraints, old_at, new_at)
        self.type(old.type, new.type, old_at, new_at)

    def values(self, old: FieldNode, new: FieldNode, old_at: PathKey, new_at: PathKey) -> None:
        """Location, style, format, default and const."""
        where, side = label(new_at), self.direction
        if side == "request" and old.location != new.location:
            self.rec.add("request-param-location-changed", f"{where} is sent in "
                         f"{new.location} (was {old.location})", old_at, new_at)
        if side == "request" and old.style != new.style:
            self.rec.add("request-param-style-changed", f"{where}: query style {old.style} → "
                         f"{new.style}", old_at, new_at)
        if old.wire_type != new.wire_type:  # the Python type follows the wire type
            self.rec.add(f"{side}-field-format-changed", f"{where}: format {old.format} → "
                         f"{new.format}", old_at, new_at)
        elif (old.format, old.datetime_format, old.timezone) != (
                new.format, new.datetime_format, new.timezone):
            self.rec.add(f"{side}-field-wire-format-changed", f"{where}: wire format changed "
                         f"({old.format} {old.datetime_format or ''} → {new.format} "
                         f"{new.datetime_format or ''})".replace("  ", " "), old_at, new_at)
        if side == "request" and old.default != new.default:
            self.rec.add("request-field-default-changed", f"{where}: default "
                         f"{_value(old.default)} → {_value(new.default)}", old_at, new_at)
        if old.const != new.const:
            self.rec.add(f"{side}-field-const-changed", f"{where}: const {_value(old.const)} → "
                         f"{_value(new.const)}", old_at, new_at)

    def type(self, old: TypeExpr, new: TypeExpr, old_at: PathKey, new_at: PathKey) -> None:
        if isinstance(old, ModelRef) and isinstance(new, ModelRef):
            self.model(self.rec.old.models[old.name], self.rec.new.models[new.name], old_at, new_at)
        elif isinstance(old, ArrayOf) and isinstance(new, ArrayOf):
            if old.items_nullable != new.items_nullable:
                state = "nullable" if new.items_nullable else "not-nullable"
                self.rec.add(f"{self.direction}-field-became-{state}", f"{label(new_at)}: "
                             f"items are {state.replace('-', ' ')} now", old_at, new_at)
            self.type(old.items, new.items, old_at + ("items",), new_at + ("items",))
        elif isinstance(old, EnumRef) and isinstance(new, EnumRef):
            self.enum(self.rec.old.enums[old.name], self.rec.new.enums[new.name])
        elif old != new:
            self.retyped(old, new, old_at, new_at)

    def retyped(self, old: TypeExpr, new: TypeExpr, old_at: PathKey, new_at: PathKey) -> None:
        enums = {**self.rec.old.enums, **self.rec.new.enums}
        how = "widened" if wider(old, new, enums) else "narrowed" if wider(new, old, enums) else (
            "changed")
        self.rec.add(f"{self.direction}-field-type-{how}", f"{label(new_at)}: type "
                     f"{shown(old)} → {shown(new)}", old_at, new_at)

    def model(self, old: ModelNode, new: ModelNode, old_at: PathKey, new_at: PathKey,
              key: str = "properties") -> None:
        """`key`: where an inline model's fields are written (`columns` for CSV rows)."""
        old_fields = self.rec.old.model_fields_path(old, old_at + (key,))
        new_fields = self.rec.new.model_fields_path(new, new_at + (key,))
        if old.kind == new.kind == "type" and old.name != new.name:
            self.rec.add("type-renamed", f"type `{old.name}` renamed `{new.name}`",
                         old_fields[:2], new_fields[:2])
        if (f"model:{old.name}", new.name) in self.seen:
            return
        self.seen.add((f"model:{old.name}", new.name))
        if self.direction == "request" and old.additional_properties != new.additional_properties:
            how = "widened" if new.additional_properties else "tightened"
            self.rec.add(f"request-constraint-{how}", f"{label(new_fields[:-1])}: other keys "
                         f"{'allowed' if new.additional_properties else 'refused'} now",
                         old_fields[:-1], new_fields[:-1])
        self.fields(old.fields, new.fields, old_fields, new_fields)

    def enum(self, old: EnumNode, new: EnumNode) -> None:
        if (f"enum:{old.name}", new.name) in self.seen:
            return
        self.seen.add((f"enum:{old.name}", new.name))
        old_at, new_at = ("enums", old.spec_name), ("enums", new.spec_name)
        if old.name != new.name:
            self.rec.add("type-renamed", f"enum `{old.name}` renamed `{new.name}`", old_at, new_at)
        if old.kind != new.kind:
            self.rec.add("enum-type-changed", f"enum `{new.name}`: {old.kind} values → "
                         f"{new.kind}", old_at, new_at)
            return
        compare_members(self.rec, self.direction, old, new)


def compare_members(rec: Recorder, direction: Direction, old: EnumNode, new: EnumNode) -> None:
    old_at, new_at = ("enums", old.spec_name, "values"), ("enums", new.spec_name, "values")
    new_by = {member.value: member for member in new.members}
    old_values = {member.value for member in old.members}
    for member in old.members:
        after = new_by.get(member.value)
        at_old, at_new = old_at + (member.value,), new_at + (member.value,)
        if after is None:
            rec.add(f"{direction}-enum-value-removed", f"enum `{new.name}`: value "
                    f"{member.value!r} removed", at_old, None)
        elif after.name != member.name:
            rec.add("enum-member-renamed", f"enum `{new.name}`: member `{member.name}` → "
                    f"`{after.name}`", at_old, at_new)
        elif after.meaning != member.meaning:
            rec.add("description-changed", f"enum `{new.name}`: meaning of {member.value!r} "
                    "changed", at_old, at_new)
    for member in new.members:
        if member.value not in old_values:
            rec.add(f"{direction}-enum-value-added", f"enum `{new.name}`: value "
                    f"{member.value!r} added", None, new_at + (member.value,))


def _value(value: object) -> str:
    return "(none)" if value is NO_VALUE else repr(value)
