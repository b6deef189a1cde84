"""Cross-checks of typed values: wire formats, layouts, zones, several types, field names."""

from __future__ import annotations

import re
from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.spec.load import PathKey
from generator.spec.model import Field, Spec

__all__ = ["check_typed_field", "WIRE_KINDS", "LAYOUT_DIRECTIVES"]

# format → the Python type a field of it becomes, and the spec types it may have on the wire.
WIRE_KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "datetime": ("datetime", ("string",)),
    "rfc3339": ("datetime", ("string",)),
    "rfc3339-millis": ("datetime", ("string",)),
    "iso8601": ("datetime", ("string",)),
    "rfc2822": ("datetime", ("string",)),
    "sql-timestamp": ("datetime", ("string",)),
    "epoch-seconds": ("datetime", ("integer", "number", "string")),
    "epoch-millis": ("datetime", ("integer", "number", "string")),
    "date": ("date", ("string",)),
    "time": ("time", ("string",)),
    "duration-seconds": ("timedelta", ("integer", "number", "string")),
    "duration-millis": ("timedelta", ("integer", "number", "string")),
    "duration-iso8601": ("timedelta", ("string",)),
}
# What generator.runtime's compiled layouts understand (runtime/_layout.py DIRECTIVES).
LAYOUT_DIRECTIVES = frozenset(
    ["%Y", "%y", "%m", "%d", "%H", "%I", "%M", "%S", "%f", "%p", "%j", "%a", "%A", "%b", "%B",
     "%z", "%Z", "%%"]
)
_FLAGS = {"sortable": "sortable", "filterable": "filterable",
          "returned_by_default": "returned_by_default"}

Add = Callable[[PathKey, str, str, str], None]


def check_typed_field(add: Add, spec: Spec, path: PathKey, field: Field) -> None:
    """Every problem of `field`'s format, layout, zone, `also` and `field_names` keys."""
    _check_format(add, path, field)
    if field.timezone is not None:
        _check_zone(add, path, field)
    if field.also is not None and not field.note:
        add((*path, "also"), "bad-field", "`also` (several types) needs a `note`",
            "add `note:` saying where the doc contradicts itself")
    if field.field_names is not None:
        _check_field_names(add, spec, path, field)


def _check_format(add: Add, path: PathKey, field: Field) -> None:
    kind = WIRE_KINDS.get(field.format or "")
    if kind is not None and field.type not in kind[1]:
        add((*path, "format"), "bad-field",
            f"format {field.format} is for a {' or '.join(kind[1])} on the wire, not {field.type}",
            f"set `type: {kind[1][0]}`")
    if field.datetime_format is None:
        return
    unknown = sorted(set(re.findall(r"%.", field.datetime_format)) - LAYOUT_DIRECTIVES)
    if unknown:
        add((*path, "datetime_format"), "bad-value",
            f"strftime directive {', '.join(unknown)} is not supported in a wire layout",
            f"use only {' '.join(sorted(LAYOUT_DIRECTIVES))}")


def _check_zone(add: Add, path: PathKey, field: Field) -> None:
    if WIRE_KINDS.get(field.format or "", ("",))[0] != "datetime":
        add((*path, "timezone"), "bad-field", "`timezone` on a value that is not a date-time",
            "give a date-time `format:` or remove `timezone`")
        return
    if (field.timezone or "").upper() in ("UTC", "Z"):
        return
    try:
        ZoneInfo(field.timezone or "")
    except (ZoneInfoNotFoundError, ValueError):
        add((*path, "timezone"), "bad-value", f"unknown time zone {field.timezone!r}",
            "write UTC or an IANA name such as Europe/Moscow")


def _check_field_names(add: Add, spec: Spec, path: PathKey, field: Field) -> None:
    names = field.field_names
    assert names is not None
    where = (*path, "field_names")
    if field.type != "string":
        add(where, "bad-field", f"`field_names` on a field of type {field.type}", "put it on a string "
            "(for a list of names, on its `items`)")
    target = spec.object_types.get(names.of)
    if target is None:
        add((*where, "of"), "unknown-type", f"`field_names.of` {names.of!r} is not a type of "
            "this spec", "name a type declared under `types:`")
        return
    if names.where and not any(getattr(f, _FLAGS[names.where]) for f in target.fields.values()):
        add((*where, "where"), "bad-value", f"no field of {names.of} is {names.where}",
            f"set `{names.where}: true` on its fields, or drop `where`")
