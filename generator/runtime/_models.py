"""Base classes of generated models, open enums, and conditional rules of requests.

An enum value the spec does not know must not lose the record: the enum's `_missing_` hook
returns a pseudo-member that keeps the raw value and counts it. Nothing runs for known values,
so validation costs what plain pydantic costs; the runtime's entry points (client responses,
records, CSV rows, validators) look for pseudo-members only when the count moved, and warn
naming the field. In strict mode (`strict_enums()`) the hook refuses the value instead, and
pydantic's own error names the field.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from typing import Any, ClassVar, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from ._errors import ParamProblem, RequestError

__all__ = [
    "CallspecModel",
    "RequestModel",
    "UnknownEnumValueWarning",
    "Rule",
    "When",
    "unknown_member",
    "is_unknown",
    "strict_enums",
    "unknown_count",
    "unknown_values",
    "report_unknown",
    "param_problems",
]

E = TypeVar("E", bound=Enum)
_UNKNOWN_MARK = "_callspec_unknown_"


class UnknownEnumValueWarning(UserWarning):
    """A response carried an enum value the spec does not list; the value was kept."""


class _EnumPolicy(threading.local):
    strict = False
    count = 0  # pseudo-members made in this thread so far


_policy = _EnumPolicy()


def unknown_member(enum: type[E], value: object) -> E | None:
    """A pseudo-member of `enum` holding `value`; None (a validation error) in strict mode or
    when the value has the wrong type."""
    base = str if issubclass(enum, str) else int if issubclass(enum, int) else None
    if _policy.strict or base is None or not isinstance(value, base) or isinstance(value, bool):
        return None
    member: E = base.__new__(enum, value)
    member._name_ = f"UNKNOWN_{value}"
    member._value_ = value
    setattr(member, _UNKNOWN_MARK, True)
    _policy.count += 1
    return member


def is_unknown(value: object) -> bool:
    """True for a pseudo-member made by `unknown_member`."""
    return isinstance(value, Enum) and getattr(value, _UNKNOWN_MARK, False)


def unknown_count() -> int:
    return _policy.count


@contextmanager
def strict_enums(strict: bool = True) -> Iterator[None]:
    """Within the block, values an enum does not list fail validation in this thread."""
    previous, _policy.strict = _policy.strict, strict
    try:
        yield
    finally:
        _policy.strict = previous


def unknown_values(value: object, path: str = "") -> Iterator[tuple[str, Enum]]:
    """(dotted wire path, pseudo-member) for every unknown enum value inside `value`."""
    if is_unknown(value):
        assert isinstance(value, Enum)
        yield path, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            wire = info.alias or name
            yield from unknown_values(getattr(value, name), f"{path}.{wire}" if path else wire)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from unknown_values(item, f"{path}[{index}]")


def report_unknown(value: object, where: str, before: int) -> None:
    """Warn once per unknown enum value made since `before`, naming its field."""
    if _policy.count == before:
        return  # the common case: nothing unknown, nothing to walk
    for path, member in unknown_values(value):
        warnings.warn(
            f"{where}: {path or type(value).__name__}: value {member.value!r} is not in "
            f"{type(member).__name__}; kept as is",
            UnknownEnumValueWarning,
            stacklevel=3,
        )


class CallspecModel(BaseModel):
    """Base of every generated model: accepts Python names as well as wire names."""

    # Built on first use, not at import: a service importing every vendor pays only for those
    # it calls.
    model_config = ConfigDict(populate_by_name=True, defer_build=True)


# -- conditional rules of request models ---------------------------------------------------------

RuleKind = Literal[
    "required_if", "only_when", "mutually_exclusive", "exactly_one_of", "at_least_one_of"
]


@dataclass(frozen=True)
class When:
    """The condition of a rule: the param at `path` (Python names) equals / is one of / is given."""

    path: tuple[str, ...]
    test: Literal["equals", "one_of", "present"]
    values: tuple[object, ...]
    wire: str

    def holds(self, model: BaseModel) -> bool:
        value = _lookup(model, self.path)
        if self.test == "present":
            return (value is not None) is bool(self.values[0])
        plain = value.value if isinstance(value, Enum) else value
        return plain in self.values

    def describe(self) -> str:
        if self.test == "present":
            return f"{self.wire} is {'given' if self.values[0] else 'not given'}"
        if self.test == "equals":
            return f"{self.wire} is {self.values[0]!r}"
        return f"{self.wire} is one of {', '.join(map(repr, self.values))}"


@dataclass(frozen=True)
class Rule:
    kind: RuleKind
    paths: tuple[tuple[str, ...], ...]  # Python names
    wires: tuple[str, ...]  # dotted wire names, for messages
    when: When | None = None

    def violation(self, model: BaseModel) -> str | None:
        """Why `model` breaks this rule, or None when it holds."""
        given = [wire for wire, path in zip(self.wires, self.paths) if _lookup(model, path) is not None]
        names = ", ".join(self.wires)
        if self.kind == "required_if" and self.when and self.when.holds(model):
            missing = [wire for wire in self.wires if wire not in given]
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


def _lookup(model: BaseModel, path: tuple[str, ...]) -> object:
    current: object = model
    for name in path:
        current = getattr(current, name, None)
        if current is None:
            return None
    return current


class RequestModel(CallspecModel):
    """A request: params with wire aliases, checked against the spec's conditional rules."""

    __callspec_rules__: ClassVar[tuple[Rule, ...]] = ()

    def __init__(self, /, **data: Any) -> None:
        # Strict writer: what a caller got wrong is a documented CallspecError naming the param
        # by both its names, never pydantic's own exception.
        try:
            super().__init__(**data)
        except ValidationError as error:
            raise RequestError(type(self).__name__, param_problems(type(self), error)) from None

    @model_validator(mode="after")
    def _check_rules(self) -> RequestModel:
        problems = [found for rule in self.__callspec_rules__ if (found := rule.violation(self))]
        if problems:
            raise ValueError("; ".join(problems))
        return self


def param_problems(model: type[BaseModel], error: ValidationError) -> tuple[ParamProblem, ...]:
    """Each of pydantic's errors as a ParamProblem: the param's Python and wire names, the reason."""
    wires = {name: info.alias or name for name, info in model.model_fields.items()}
    pythons = {wire: name for name, wire in wires.items()}
    problems = []
    for item in error.errors(include_url=False, include_input=False):
        loc = [str(part) for part in item["loc"]]
        reason = item["msg"].removeprefix("Value error, ")
        if not loc:  # a rule over several params: its message names them
            problems.append(ParamProblem("", "", reason))
            continue
        head = pythons.get(loc[0], loc[0])
        rest = "".join(f"[{part}]" if part.isdigit() else f".{part}" for part in loc[1:])
        if item["type"] == "extra_forbidden":
            reason = "not a param of this request"
        problems.append(ParamProblem(head + rest, wires.get(head, head) + rest, reason))
    return tuple(problems)
