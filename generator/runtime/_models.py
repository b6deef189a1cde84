"""Base classes of generated models: open enums, unknown-value reporting, conditional rules.

An enum value the spec does not know must not lose the record: the enum's `_missing_` hook
returns a pseudo-member that keeps the raw value, and models holding enum fields warn with the
field's name (or raise, in strict mode: `model_validate(..., context={"strict": True})`).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any, ClassVar, Literal, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, ValidationInfo, model_validator

__all__ = [
    "CallspecModel",
    "EnumFieldsModel",
    "RequestModel",
    "UnknownEnumValueWarning",
    "Rule",
    "When",
    "unknown_member",
    "is_unknown",
]

E = TypeVar("E", bound=Enum)
_UNKNOWN_MARK = "_callspec_unknown_"


class UnknownEnumValueWarning(UserWarning):
    """A response carried an enum value the spec does not list; the value was kept."""


def unknown_member(enum: type[E], value: object) -> E | None:
    """A pseudo-member of `enum` holding `value`, or None when the value has the wrong type."""
    base = str if issubclass(enum, str) else int if issubclass(enum, int) else None
    if base is None or not isinstance(value, base) or isinstance(value, bool):
        return None
    member: E = base.__new__(enum, value)  # type: ignore[call-overload]
    member._name_ = f"UNKNOWN_{value}"
    member._value_ = value
    setattr(member, _UNKNOWN_MARK, True)
    return member


def is_unknown(value: object) -> bool:
    """True for a pseudo-member made by `unknown_member`."""
    return isinstance(value, Enum) and getattr(value, _UNKNOWN_MARK, False)


class CallspecModel(BaseModel):
    """Base of every generated model: accepts Python names as well as wire names."""

    model_config = ConfigDict(populate_by_name=True)


def _enum_in(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return True
    return any(_enum_in(arg) for arg in get_args(annotation))


class EnumFieldsModel(CallspecModel):
    """A model with enum fields: reports values the spec does not know, naming the field."""

    __callspec_enum_fields__: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls.__callspec_enum_fields__ = tuple(
            name for name, info in cls.model_fields.items() if _enum_in(info.annotation)
        )

    @model_validator(mode="after")
    def _report_unknown_enum_values(self, info: ValidationInfo) -> EnumFieldsModel:
        for name in self.__callspec_enum_fields__:
            for value in _values(getattr(self, name)):
                if is_unknown(value):
                    _unknown(type(self).__name__, name, value, info)
        return self


def _values(value: object) -> Iterator[object]:
    if isinstance(value, list):
        yield from value
    else:
        yield value


def _unknown(model: str, field: str, value: Enum, info: ValidationInfo) -> None:
    message = f"{model}.{field}: value {value.value!r} is not in {type(value).__name__}"
    if isinstance(info.context, dict) and info.context.get("strict"):
        raise ValueError(f"{message} (strict mode)")
    warnings.warn(f"{message}; kept as is", UnknownEnumValueWarning, stacklevel=2)


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


class RequestModel(EnumFieldsModel):
    """A request: params with wire aliases, checked against the spec's conditional rules."""

    __callspec_rules__: ClassVar[tuple[Rule, ...]] = ()

    @model_validator(mode="after")
    def _check_rules(self) -> RequestModel:
        problems = [found for rule in self.__callspec_rules__ if (found := rule.violation(self))]
        if problems:
            raise ValueError("; ".join(problems))
        return self
