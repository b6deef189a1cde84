"""Query strings: each param written in the style its spec declares (repeated keys, comma lists,
deep objects as `name[key][sub]=value`)."""

from __future__ import annotations

import json
from collections.abc import Mapping

from ._description import QueryStyle

__all__ = ["query_params", "scalar_text"]


def scalar_text(value: object) -> str:
    """A scalar as it appears in a URL or header: JSON spelling for booleans and objects."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, dict, list)) or value is None:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return str(value)


def query_params(
    values: Mapping[str, object], styles: Mapping[str, QueryStyle]
) -> dict[str, str | list[str]]:
    """wire name → text (or texts, for a repeated key), in the order the params were given."""
    query: dict[str, str | list[str]] = {}
    for wire, value in values.items():
        style = styles.get(wire, "explode")
        if style == "deep_object" and isinstance(value, Mapping):
            query.update(_deep_object(wire, value))
        elif isinstance(value, (list, tuple)):
            texts = [scalar_text(item) for item in value]
            query[wire] = ",".join(texts) if style == "comma" else texts  # a=1&a=2
        else:
            query[wire] = scalar_text(value)
    return query


def _deep_object(prefix: str, value: Mapping[str, object]) -> dict[str, str | list[str]]:
    """`{"created_at": {"gte": "x"}}` under `filter` → `{"filter[created_at][gte]": "x"}`."""
    flat: dict[str, str | list[str]] = {}
    for key, item in value.items():
        name = f"{prefix}[{key}]"
        if isinstance(item, Mapping):
            flat.update(_deep_object(name, item))
        elif isinstance(item, (list, tuple)):
            flat[name] = [scalar_text(element) for element in item]
        elif item is not None:
            flat[name] = scalar_text(item)
    return flat
