"""Query strings read back in the styles the spec declares: comma lists split, deep objects
(`filter[created_at][gte]=…`) folded into the nested object their param holds."""

from __future__ import annotations

import re
from collections.abc import Mapping

from generator.ir.nodes import EndpointNode

__all__ = ["fold_query"]

_BRACKETS = re.compile(r"\[([^\[\]]*)\]")


def fold_query(
    endpoint: EndpointNode, query: Mapping[str, list[str]]
) -> dict[str, list[str] | dict[str, object]]:
    """wire name → its values, or the nested object of a deep-object param."""
    styles = {node.wire: node.style for node in endpoint.params if node.style}
    folded: dict[str, list[str] | dict[str, object]] = {}
    for key, values in query.items():
        name, _, rest = key.partition("[")
        if rest and styles.get(name) == "deep_object":
            target = folded.setdefault(name, {})
            if isinstance(target, dict):
                _put(target, _BRACKETS.findall("[" + rest), values)
            continue
        if styles.get(key) == "comma":
            folded[key] = [part for value in values for part in value.split(",") if value]
            continue
        folded[key] = values
    return folded


def _put(target: dict[str, object], keys: list[str], values: list[str]) -> None:
    """Set `values` (one, or a list when repeated) at the nested `keys` of `target`."""
    node = target
    for key in keys[:-1]:
        child = node.setdefault(key, {})
        if not isinstance(child, dict):
            return  # `a[b]=1&a[b][c]=2`: a shape no object has; the model will refuse it
        node = child
    if keys:
        node[keys[-1]] = values[0] if len(values) == 1 else values
