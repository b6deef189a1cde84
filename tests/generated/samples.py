"""Sample values for spec fields, derived from the field's own type, format and constraints."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from generator.spec.model import Field, Spec

__all__ = ["sample_value"]

_MOMENT = datetime(2025, 11, 20, 9, 30, 15)


def sample_value(spec: Spec, field: Field) -> Any:
    """A value that the generated model must accept for `field`."""
    if field.const is not None:
        return field.const
    if field.example is not None and not isinstance(field.example, (dict, list)):
        return field.example
    if field.type in spec.enums:
        return next(iter(spec.enums[field.type].values))
    if field.type in spec.types:
        return {}
    return _builtin(spec, field)


def _builtin(spec: Spec, field: Field) -> Any:
    if field.type == "array":
        assert field.items is not None
        return [sample_value(spec, field.items)]
    if field.type == "object":
        return {wire: sample_value(spec, sub) for wire, sub in (field.properties or {}).items()
                if sub.required or sub.const is not None}
    if field.type in ("integer", "number"):
        low = field.minimum if field.minimum is not None else 1
        return int(low) if field.type == "integer" else float(low)
    if field.type == "boolean":
        return True
    return _string(field)


def _string(field: Field) -> str:
    if field.datetime_format:
        return _MOMENT.strftime(field.datetime_format)
    return {
        "rfc3339": "2025-11-20T09:30:15Z",
        "sql-timestamp": "2025-11-20 09:30:15",
        "base64": "eyJhIjoxfQ==",
        "tz-name": "US/Pacific",
    }.get(field.format or "", "x")
