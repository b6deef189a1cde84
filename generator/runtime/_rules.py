"""Conditional rules of request models: conditions, presence rules, comparisons and windows.

Generated request models hand their rules over as data (`__callspec_rules__`); a rule only
ever sees values the caller gave (a spec default that is not sent counts as not given). Messages
name each param by its Python name and, when it differs, its wire name.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel

__all__ = ["Rule", "When", "RuleKind", "lookup"]

# The spec format's rule kinds (generator/spec/model.py), which generated models hand over.
RuleKind = Literal["required_if", "only_when", "mutually_exclusive", "exactly_one_of",
                   "at_least_one_of", "compare", "window"]
CompareOp = Literal["<", "<=", ">", ">=", "==", "!="]

_OPS: dict[str, tuple[Callable[[Any, Any], Any], str]] = {
    "<": (operator.lt, "before / less than"),
    "<=": (operator.le, "at most"),
    ">": (operator.gt, "after / greater than"),
    ">=": (operator.ge, "at least"),
    "==": (operator.eq, "equal to"),
    "!=": (operator.ne, "different from"),
}
# How a compared param's values become comparable: a strftime layout, or one of these.
_ISO = "iso"  # RFC 3339, ISO dates, SQL timestamps: datetime.fromisoformat reads them all
_EPOCH = {"epoch_s": 1.0, "epoch_ms": 1000.0}  # numbers counting seconds / ms since 1970


def lookup(model: BaseModel, path: tuple[str, ...]) -> object:
    """The value at a path of Python names; None when any step is absent."""
    current: object = model
    for name in path:
        current = getattr(current, name, None)
        if current is None:
            return None
    return current


def _plain(value: object) -> object:
    return value.value if isinstance(value, Enum) else value


@dataclass(frozen=True)
class When:
    """The condition of a rule: the param at `path` (Python names) equals / is one of / is not
    one of / is given."""

    path: tuple[str, ...]
    test: Literal["equals", "one_of", "not_one_of", "present"]
    values: tuple[object, ...]
    wire: str

    def holds(self, model: BaseModel) -> bool:
        value = lookup(model, self.path)
        if self.test == "present":
            return (value is not None) is bool(self.values[0])
        if self.test == "not_one_of":
            # Only a given value can be "not one of" the list: an absent param tests nothing.
            return value is not None and _plain(value) not in self.values
        return _plain(value) in self.values

    def describe(self) -> str:
        if self.test == "present":
            return f"{self.wire} is {'given' if self.values[0] else 'not given'}"
        if self.test == "equals":
            return f"{self.wire} is {self.values[0]!r}"
        negation = "not " if self.test == "not_one_of" else ""
        return f"{self.wire} is {negation}one of {', '.join(map(repr, self.values))}"


@dataclass(frozen=True)
class Rule:
    kind: RuleKind
    paths: tuple[tuple[str, ...], ...]  # Python names
    wires: tuple[str, ...]  # dotted wire names, for messages
    when: When | None = None
    op: CompareOp | None = None  # compare: paths[0] <op> paths[1]
    span: tuple[float | None, float | None] = (None, None)  # window: min, max seconds
    formats: tuple[str | None, ...] = ()  # compare/window: per param, see `_comparable`

    def violation(self, model: BaseModel) -> str | None:
        """Why `model` breaks this rule, or None when it holds."""
        if self.when is not None and self.kind not in ("required_if", "only_when"):
            if not self.when.holds(model):
                return None  # compare, window and the counting rules apply only when `when` holds
        values = [lookup(model, path) for path in self.paths]
        if self.kind in ("compare", "window"):
            return self._ordering(values)
        given = [label for label, value in zip(self.labels, values) if value is not None]
        names = ", ".join(self.labels)
        if self.kind == "required_if" and self.when and self.when.holds(model):
            missing = [label for label, value in zip(self.labels, values) if value is None]
            return f"{', '.join(missing)} required when {self.when.describe()}" if missing else None
        if self.kind == "only_when" and self.when and given and not self.when.holds(model):
            return f"{', '.join(given)} allowed only when {self.when.describe()}"
        if self.kind == "mutually_exclusive" and len(given) > 1:
            return f"give at most one of {names} (got {', '.join(given)})"
        if self.kind == "exactly_one_of" and len(given) != 1:
            return f"give exactly one of {names}" + (f" (got {', '.join(given)})" if given else "")
        if self.kind == "at_least_one_of" and not given:
            return f"give at least one of {names}"
        return None

    @property
    def labels(self) -> tuple[str, ...]:
        """`python (wire)` per param, or just the name when both spell it the same."""
        pythons = (".".join(path) for path in self.paths)
        return tuple(p if p == w else f"{p} ({w})" for p, w in zip(pythons, self.wires))

    def _ordering(self, values: list[object]) -> str | None:
        if any(value is None for value in values):
            return None  # nothing to compare: whether they must be given is another rule's job
        formats = self.formats or (None,) * len(values)
        try:
            left, right = (_comparable(v, f) for v, f in zip(values, formats))
            if self.kind == "compare":
                return self._compare(left, right)
            return self._window(left, right)
        except (TypeError, ValueError) as exc:
            return f"cannot compare {self.labels[0]} with {self.labels[1]}: {exc}"

    def _compare(self, left: object, right: object) -> str | None:
        assert self.op is not None
        check, words = _OPS[self.op]
        if check(left, right):
            return None
        return f"{self.labels[0]} must be {words} {self.labels[1]} ({self.op})"

    def _window(self, start: object, end: object) -> str | None:
        seconds = _seconds_between(start, end)
        low, high = self.span
        if seconds < 0:
            return f"{self.labels[1]} must not be before {self.labels[0]}"
        if high is not None and seconds > high:
            return (f"{self.labels[0]} to {self.labels[1]} spans {_span(seconds)}, more than "
                    f"the {_span(high)} allowed")
        if low is not None and seconds < low:
            return f"{self.labels[0]} to {self.labels[1]} must span at least {_span(low)}"
        return None


def _comparable(value: object, layout: str | None) -> object:
    """A value ready for <, >: a datetime for date-time params, a number for numbers."""
    value = _plain(value)
    if layout is None or isinstance(value, (datetime, date)):
        return value
    if layout in _EPOCH:
        if not isinstance(value, (int, float)):
            raise TypeError(f"{value!r} is not a number")
        return value / _EPOCH[layout]
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not a date-time text")
    if layout == _ISO:
        return datetime.fromisoformat(value)
    return datetime.strptime(value, layout)


def _seconds_between(start: object, end: object) -> float:
    if isinstance(start, datetime) and isinstance(end, datetime):
        return (end - start).total_seconds()
    if isinstance(start, date) and isinstance(end, date):
        return float((end - start).days * 86400)
    if isinstance(start, (int, float)) and isinstance(end, (int, float)):
        return float(end - start)
    raise TypeError(f"{start!r} and {end!r} are not both dates or both numbers")


def _span(seconds: float) -> str:
    """`1 day, 2:00:00` style text of a span in seconds."""
    return str(timedelta(seconds=seconds))
