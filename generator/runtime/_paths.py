"""Dotted paths into decoded JSON and validated models: `result.data`, `errors.0.code`, and
paths with list selectors: `links[rel=next].href`, `_links.next.href`.

A path is segments joined by dots. A segment is a key, optionally followed by `[key=value]`,
which picks the first element of the list under that key whose `key` member equals `value`
(compared as text; a list member matches when it holds the value, as `rel: [next, last]`).
A digit segment indexes a list. Brackets may hold dots (`[rel=http://x/next]`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from pydantic import BaseModel

__all__ = ["MISSING", "get_path", "Step", "parse_path", "find_path", "matches"]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()


def get_path(obj: object, path: str | None) -> object:
    """The value at a dotted path of dict keys, list indexes or model wire names; MISSING if none."""
    if path is None:
        return MISSING
    node = obj
    for part in path.split(".") if path else ():
        node = _step(node, part)
        if node is MISSING:
            return MISSING
    return node


def _step(node: object, part: str) -> object:
    if isinstance(node, Mapping):
        return node.get(part, MISSING)
    if isinstance(node, list):
        if part.isdigit() and int(part) < len(node):
            return node[int(part)]
        return MISSING
    if isinstance(node, BaseModel):
        for name, info in type(node).model_fields.items():
            if part in (name, info.alias, info.validation_alias):
                return getattr(node, name)
        extra = node.model_extra or {}
        return extra.get(part, MISSING)
    return MISSING


_SEGMENT = re.compile(r"^([^\[\]]+)(?:\[([^=\[\]]+)=([^\[\]]*)\])?$")


@dataclass(frozen=True)
class Step:
    key: str
    select: tuple[str, str] | None = None  # (member, value): pick a list element


def _segments(path: str) -> list[str]:
    """Split at dots outside brackets."""
    parts, current, depth = [], "", 0
    for char in path:
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == "." and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def parse_path(path: str) -> tuple[Step, ...]:
    """The steps of a path; ValueError for a malformed one (empty segment, bad brackets)."""
    steps = []
    for segment in _segments(path):
        found = _SEGMENT.match(segment)
        if found is None:
            raise ValueError(f"bad path segment {segment!r} in {path!r}")
        key, member, value = found.groups()
        steps.append(Step(key, None if member is None else (member, value)))
    return tuple(steps)


def matches(element: object, member: str, value: str) -> bool:
    if not isinstance(element, Mapping):
        return False
    held = element.get(member)
    if isinstance(held, list):
        return any(str(item) == value for item in held)
    return held is not None and str(held) == value


def find_path(obj: object, path: str) -> object:
    """The value at `path`; MISSING if any step is absent. Plain paths read like get_path."""
    if "[" not in path:
        return get_path(obj, path)
    node = obj
    for step in parse_path(path):
        node = get_path(node, step.key)
        if step.select is not None:
            if not isinstance(node, list):
                return MISSING
            member, value = step.select
            node = next((item for item in node if matches(item, member, value)), MISSING)
        if node is MISSING:
            return MISSING
    return node
