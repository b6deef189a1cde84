"""Dotted paths into decoded JSON and validated models: `result.data`, `errors.0.code`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from pydantic import BaseModel

__all__ = ["MISSING", "get_path"]


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
