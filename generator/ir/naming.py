"""Python names the spec gives (`python:`) or the IR derives, for fields, params and members."""

from __future__ import annotations

from collections.abc import Mapping

from generator.ir.nodes import PresentWhenNode
from generator.names import chosen_field_name, enum_member_name, field_name
from generator.spec import model as spec

__all__ = ["field_python", "meaning", "member_name", "present_when_node"]

def meaning(given: str | spec.EnumValue | None) -> str | None:
    return given.meaning if isinstance(given, spec.EnumValue) else given


def member_name(value: str | int, given: str | spec.EnumValue | None) -> str:
    """The spec's `python:` name for the member, else one derived from the value."""
    if isinstance(given, spec.EnumValue) and given.python:
        return given.python
    return enum_member_name(value)


def field_python(wire: str, source: spec.Field, is_param: bool) -> str:
    """The spec's `python:` name, else one derived from the wire name (params avoid `self`)."""
    return chosen_field_name(wire, source.python, is_param)


def present_when_node(source: spec.Field, siblings: Mapping[str, spec.Field]) -> PresentWhenNode | None:
    condition = source.present_when
    if condition is None:
        return None
    values = tuple(condition.one_of) if condition.one_of is not None else (condition.equals,)
    sibling = siblings.get(condition.field)
    python = field_python(condition.field, sibling, False) if sibling else field_name(condition.field)
    return PresentWhenNode(condition.field, python, values)
