"""Wire data that fits a spec: values for any IR field, deterministic for a given seed.

Used by the mock server to answer where a spec gives no example, and by benchmarks and tests
to make records. Every value respects the field's type, enum, const, format and constraints.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

from generator.runtime import codec

from generator.ir.nodes import (
    NO_VALUE,
    ApiNode,
    ArrayOf,
    EnumRef,
    FieldNode,
    ModelNode,
    ModelRef,
    OneOf,
    Primitive,
    TypeExpr,
)

from .regex_sample import sample_matching

__all__ = ["Sampler"]

_EPOCH = datetime(2025, 11, 20, 9, 30, 15)
_FORMATTED: dict[str, Callable[[datetime], str]] = {
    "rfc3339": lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
    "sql-timestamp": lambda moment: moment.strftime("%Y-%m-%d %H:%M:%S"),
    "tz-name": lambda moment: "US/Pacific",
    "base64": lambda moment: "eyJhIjoxfQ==",
    "uri": lambda moment: "https://example.test/recording/1",
    "ip-address": lambda moment: "192.0.2.10",
    "phone-number": lambda moment: "+15550100",
    "comma-separated": lambda moment: "1,2",
    "date": lambda moment: moment.strftime("%Y-%m-%d"),
    "datetime": lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%S"),
}


class Sampler:
    """Values for the fields of one API; `row` varies them from record to record."""

    def __init__(self, api: ApiNode, seed: int = 7) -> None:
        self.models = {model.name: model for model in api.models}
        self.enums = {enum.name: [member.value for member in enum.members] for enum in api.enums}
        self.random = random.Random(seed)
        self.aliases = {alias.name: alias for alias in api.aliases}
        self.unions = {alias.name: alias.union for alias in api.unions}

    def record(self, model_name: str, row: int = 0, *, complete: bool = True) -> dict[str, Any]:
        """A wire-named dict for `model_name`: every field when `complete`, else required ones.
        A named union gives its variants in turn, row by row."""
        union = self.unions.get(model_name)
        if union is not None:
            value: dict[str, Any] = self._variant(union, _record_field(union), row, 0)
            return value
        return self._object(self.models[model_name], row, complete, depth=0)

    def _object(self, model: ModelNode, row: int, complete: bool, depth: int) -> dict[str, Any]:
        fields = [f for f in model.fields if complete or f.required or f.const is not NO_VALUE]
        record = {f.wire: self.value(f, row, depth) for f in fields if f.present_when is None}
        for field in fields:  # sent only when the sibling holds what the doc says
            condition = field.present_when
            if condition is not None and record.get(condition.wire) in condition.values:
                record[field.wire] = self.value(field, row, depth)
        return record

    def value(self, field: FieldNode, row: int = 0, depth: int = 0) -> Any:
        if field.const is not NO_VALUE:
            return field.const
        if field.default is not NO_VALUE and field.default is not None and row % 3 == 0:
            return field.default
        return self._typed(field.type, field, row, depth)

    def _typed(self, expr: TypeExpr, field: FieldNode, row: int, depth: int) -> Any:
        if isinstance(expr, EnumRef):
            values = self.enums[expr.name]
            return values[(row + len(field.wire)) % len(values)]
        if isinstance(expr, ModelRef):
            return self._object(self.models[expr.name], row, depth < 2, depth + 1)
        if isinstance(expr, ArrayOf):
            count = 0 if depth > 2 else 1 + row % 2
            if field.constraints.max_items is not None:
                count = min(count, field.constraints.max_items)
            return [self._typed(expr.items, field, row + index, depth + 1)
                    for index in range(count)]
        if isinstance(expr, OneOf):
            return self._variant(expr, field, row, depth)
        assert isinstance(expr, Primitive)
        return self._primitive(expr.kind, field, row)

    def _variant(self, expr: OneOf, field: FieldNode, row: int, depth: int) -> Any:
        """One of the union's variants, by row; a tagged one carries the tag of its class."""
        if expr.discriminator is None:
            return self._typed(expr.variants[row % len(expr.variants)], field, row, depth)
        tag, name = expr.mapping[row % len(expr.mapping)]
        record = self._object(self.models[name], row, depth < 2, depth + 1)
        record[expr.discriminator] = tag
        return record

    def _primitive(self, kind: str, field: FieldNode, row: int) -> Any:
        alias = self.aliases.get(field.alias or "")
        if alias is not None and alias.kind == "names":
            return alias.values[(row + len(field.wire)) % len(alias.values)]
        if alias is not None:
            return self._wire(alias.format or "", alias.layout, alias.timezone, row)
        constraints = field.constraints
        if kind in ("integer", "number"):
            low = constraints.minimum if constraints.minimum is not None else 0
            high = constraints.maximum if constraints.maximum is not None else low + 100_000
            number = low + (row * 7919 + len(field.wire)) % max(1, int(high - low) + 1)
            if kind == "integer":
                return int(number)
            return number + 0.5 if number + 0.5 <= high else number  # a fraction, within bounds
        if kind == "boolean":
            return row % 2 == 0
        if kind in ("object", "any"):
            return {"key": f"value {row}"}
        return self._string(field, row)

    @staticmethod
    def _wire(fmt: str, layout: str | None, zone: str | None, row: int) -> Any:
        """A typed value written exactly as the vendor writes it (the runtime's own codec)."""
        wire = codec(fmt, layout, zone)
        moment = _EPOCH.replace(tzinfo=timezone.utc) + timedelta(minutes=row, milliseconds=250 * row)
        if wire.kind is timedelta:
            return wire.write(timedelta(seconds=5 + row * 7))
        if fmt == "time":
            return wire.write(moment.time())
        if fmt in ("datetime", "date") and layout and "%z" not in layout and "%Z" not in layout:
            moment = moment.replace(tzinfo=None)  # a naive layout writes the wall clock
        return wire.write(moment)

    def _string(self, field: FieldNode, row: int) -> str:
        """The first candidate that fits the field's pattern and lengths; else one made from the
        pattern itself."""
        constraints = field.constraints
        if constraints.pattern is None and constraints.min_length is None:
            # The common case, kept cheap: a pool of records is sampled on a mock's first answer.
            text = _first_candidate(field, row)
            return text if constraints.max_length is None else text[: constraints.max_length]
        for text in _candidates(field, row):
            if _fits(text, constraints.pattern, constraints.min_length, constraints.max_length):
                return text
        if constraints.pattern is not None:
            return sample_matching(constraints.pattern, row, max_length=constraints.max_length)
        text = f"{field.wire} {row}".ljust(constraints.min_length or 0, "x")
        return text[: constraints.max_length] if constraints.max_length is not None else text


def _first_candidate(field: FieldNode, row: int) -> str:
    """What a string field holds when nothing constrains it further (no generator: hot path)."""
    if field.datetime_format:
        return (_EPOCH + timedelta(minutes=row)).strftime(field.datetime_format)
    if field.format in _FORMATTED:
        return _FORMATTED[field.format](_EPOCH + timedelta(minutes=row))
    if isinstance(field.example, str) and row % 2 == 0:
        return field.example
    return f"{field.wire} {row}"


def _candidates(field: FieldNode, row: int) -> Iterator[str]:
    """Values to try against a pattern or lengths, the usual one first."""
    yield _first_candidate(field, row)
    if isinstance(field.example, str):
        yield field.example
    yield f"{field.wire} {row}"


def _fits(text: str, pattern: str | None, low: int | None, high: int | None) -> bool:
    if pattern is not None and re.search(pattern, text) is None:
        return False
    return (low is None or len(text) >= low) and (high is None or len(text) <= high)


def _record_field(union: OneOf) -> FieldNode:
    """A field holding a named union, for sampling it as a record: no name, no constraints."""
    return FieldNode(wire="", python="", type=union, description="")
