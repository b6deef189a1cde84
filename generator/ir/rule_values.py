"""Compare and window rules in the IR: the operator, the span in seconds, how values compare."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.spec import model as spec

__all__ = ["ordering"]


def ordering(
    endpoint: spec.Endpoint, source: spec.Rule, wire_paths: tuple[tuple[str, ...], ...]
) -> dict[str, Any]:
    """op, span and per-param value formats of a compare or window rule; nothing for the rest."""
    if source.kind not in ("compare", "window"):
        return {}
    fields = [_param_field(endpoint, path) for path in wire_paths]
    return {
        "op": source.op,
        "span": (_seconds(source.min), _seconds(source.max)),
        "formats": tuple(_value_format(found) for found in fields),
    }


def _param_field(endpoint: spec.Endpoint, wire_path: tuple[str, ...]) -> spec.Field | None:
    fields: Mapping[str, spec.Field] | None = endpoint.params
    found: spec.Field | None = None
    for part in wire_path:
        found = fields.get(part) if fields else None
        fields = found.properties if found else None
    return found


def _value_format(found: spec.Field | None) -> str | None:
    """How a compared param's values become comparable at run time (see RuleNode.formats)."""
    if found is None:
        return None
    if found.datetime_format:
        return found.datetime_format
    if found.format in ("rfc3339", "sql-timestamp", "date", "datetime"):
        return "iso"
    if found.type in ("integer", "number") and found.unit:
        return "epoch_ms" if found.unit.lower().startswith("milli") else "epoch_s"
    return None


def _seconds(duration: spec.Duration | None) -> float | None:
    if duration is None:
        return None
    return float(((duration.days * 24 + duration.hours) * 60 + duration.minutes) * 60
                 + duration.seconds)
