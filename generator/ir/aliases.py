"""Type aliases of typed values: a wire date-time format or a set of field names, named once."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.ir.nodes import AliasNode
from generator.names import class_name
from generator.spec import model as spec
from generator.spec.typed_checks import WIRE_KINDS

__all__ = ["AliasTable"]

_FIXED = {
    "rfc3339": "Rfc3339DateTime", "rfc3339-millis": "Rfc3339MillisDateTime",
    "iso8601": "Iso8601DateTime", "rfc2822": "Rfc2822DateTime", "sql-timestamp": "SqlTimestamp",
    "epoch-seconds": "EpochSeconds", "epoch-millis": "EpochMillis", "date": "IsoDate",
    "time": "IsoTime", "duration-seconds": "DurationSeconds", "duration-millis": "DurationMillis",
    "duration-iso8601": "IsoDuration", "datetime": "IsoDateTime",
}
_KIND_NAMES = {"datetime": "DateTime", "date": "Date", "time": "Time"}
_FLAG_NAMES = {None: "Field", "sortable": "SortableField", "filterable": "FilterableField",
               "returned_by_default": "DefaultField"}


@dataclass
class AliasTable:
    """Aliases handed out so far, one per distinct wire format or field-name set."""

    claim: Callable[[str], str]  # the IR's class-name registry: aliases never clash with classes
    source: spec.Spec
    type_classes: dict[str, str]
    made: dict[tuple[object, ...], AliasNode] = field(default_factory=dict)

    def of(self, source: spec.Field) -> str | None:
        """The alias typing `source` (an array: its items), or None for a plain value."""
        target = source.items if source.type == "array" and source.items is not None else source
        if target.format in WIRE_KINDS:
            return self._wire(target).name
        if target.field_names is not None and target.field_names.of in self.source.object_types:
            return self._names(target.field_names).name
        return None

    def _wire(self, source: spec.Field) -> AliasNode:
        fmt, layout, zone = source.format or "", source.datetime_format, source.timezone
        key = ("wire", fmt, layout, zone)
        if key not in self.made:
            python_type = WIRE_KINDS[fmt][0]
            if layout and fmt in _KIND_NAMES:
                letters = "".join(re.findall(r"%([A-Za-z])", layout))
                wanted = f"{_KIND_NAMES[fmt]}{letters}"
            else:
                wanted = _FIXED[fmt]
            wanted += class_name(zone) if zone else ""
            self.made[key] = AliasNode(
                self.claim(wanted), "wire", python_type, fmt, layout, zone,
                description=f"{python_type} on the wire as {layout or fmt}"
                + (f", in {zone}" if zone else ""),
            )
        return self.made[key]

    def _names(self, names: spec.FieldNames) -> AliasNode:
        key = ("names", names.of, names.where)
        if key not in self.made:
            fields = self.source.object_types[names.of].fields
            values = tuple(wire for wire, item in fields.items()
                           if names.where is None or getattr(item, names.where))
            flag = f"{names.where.replace('_', ' ')} " if names.where else ""
            self.made[key] = AliasNode(
                self.claim(f"{self.type_classes[names.of]}{_FLAG_NAMES[names.where]}"), "names",
                "str", values=values, description=f"A {flag}field of {names.of}.",
            )
        return self.made[key]

    def wire_type(self, source: spec.Field) -> str | None:
        """The Python type a wire format gives `source` (an array: its items), if any."""
        target = source.items if source.type == "array" and source.items is not None else source
        return WIRE_KINDS[target.format][0] if target.format in WIRE_KINDS else None

    def nodes(self) -> tuple[AliasNode, ...]:
        return tuple(self.made.values())
