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
from enum import Enum
from typing import Any, ClassVar, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    ModelWrapValidatorHandler,
    ValidationError,
    model_validator,
)

from ._errors import ParamProblem, RequestError
from ._rules import Rule, When

__all__ = [
    "CallspecModel",
    "RequestModel",
    "UnknownEnumValueWarning",
    "OutOfSpecWarning",
    "note_out_of_spec",
    "take_notes",
    "is_writing",
    "writing",
    "UnknownVariantWarning",
    "note_unknown",
    "strict_now",
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


class OutOfSpecWarning(UserWarning):
    """A response carried a value the spec does not expect (an unknown enum value, a const that
    differs, a value out of its range or pattern, a date not in its wire format); it was kept."""


class UnknownEnumValueWarning(OutOfSpecWarning):
    """A response carried an enum value the spec does not list; the value was kept."""


class UnknownVariantWarning(OutOfSpecWarning):
    """A response carried a union value whose tag names no variant the spec lists; the value
    was kept as an `UnknownVariant`."""


class _EnumPolicy(threading.local):
    strict = False
    writing = False  # validating a request: every value must fit the spec exactly
    count = 0  # pseudo-members and out-of-spec notes made in this thread so far

    def __init__(self) -> None:
        self.notes: list[tuple[int, str, str]] = []  # (count when noted, field, reason)


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


def note_unknown() -> None:
    """Count one unknown value kept (an unknown union variant), so the entry points warn."""
    _policy.count += 1


def strict_now() -> bool:
    """Whether unknown values are refused in this thread (strict mode)."""
    return _policy.strict


@contextmanager
def strict_enums(strict: bool = True) -> Iterator[None]:
    """Within the block, values an enum does not list fail validation in this thread."""
    previous, _policy.strict = _policy.strict, strict
    try:
        yield
    finally:
        _policy.strict = previous


def unknown_values(value: object, path: str = "") -> Iterator[tuple[str, Enum | BaseModel]]:
    """(dotted wire path, pseudo-member or unknown variant) for every unknown value inside."""
    if is_unknown(value):
        assert isinstance(value, Enum)
        yield path, value
    elif isinstance(value, BaseModel) and getattr(value, "__callspec_unknown_variant__", False):
        yield path, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            wire = info.alias or name
            yield from unknown_values(getattr(value, name), f"{path}.{wire}" if path else wire)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from unknown_values(item, f"{path}[{index}]")


def report_unknown(value: object, where: str, before: int) -> None:
    """Warn once per unknown enum value and out-of-spec value met since `before`, naming its
    field."""
    if _policy.count == before:
        return  # the common case: nothing unknown, nothing to walk
    for path, member in unknown_values(value):
        if isinstance(member, BaseModel):
            keys = ", ".join(sorted(member.model_extra or {}))
            warnings.warn(f"{where}: {path or type(value).__name__}: no variant of the union "
                          f"matches its tag; kept as {type(member).__name__} (keys: {keys})",
                          UnknownVariantWarning, stacklevel=3)
            continue
        warnings.warn(
            f"{where}: {path or type(value).__name__}: value {member.value!r} is not in "
            f"{type(member).__name__}; kept as is",
            UnknownEnumValueWarning,
            stacklevel=3,
        )
    for field, reason in take_notes(before):
        at = f"{where}: {field}" if field else where  # a plain value record has no field
        warnings.warn(f"{at}: {reason}; kept as is", OutOfSpecWarning, stacklevel=3)


def note_out_of_spec(field: str, reason: str) -> None:
    """A value the spec does not expect at `field` (Model.wire): an error (ValueError, which
    pydantic turns into an error naming the field's path) in strict mode or in a request; else
    kept and noted for a warning."""
    if _policy.strict or _policy.writing:
        raise ValueError(reason)
    _policy.count += 1
    _policy.notes.append((_policy.count, field, reason))


def take_notes(before: int) -> list[tuple[str, str]]:
    """(field, reason) of the out-of-spec notes made since the count was `before`; older ones
    (left by a validation that failed) are dropped."""
    notes = [(field, reason) for count, field, reason in _policy.notes if count > before]
    _policy.notes.clear()
    return notes


def is_writing() -> bool:
    """True while a request model validates (strict writer) in this thread."""
    return _policy.writing


@contextmanager
def writing() -> Iterator[None]:
    """Within the block, values are checked as a request's: enums closed, formats exact."""
    previous = _policy.writing, _policy.strict
    _policy.writing = _policy.strict = True
    try:
        yield
    finally:
        _policy.writing, _policy.strict = previous


class CallspecModel(BaseModel):
    """Base of every generated model: accepts Python names as well as wire names."""

    # Built on first use, not at import: a service importing every vendor pays only for those
    # it calls.
    model_config = ConfigDict(populate_by_name=True, defer_build=True)


class RequestModel(CallspecModel):
    """A request: params with wire aliases, checked against the spec's conditional rules."""

    __callspec_rules__: ClassVar[tuple[Rule, ...]] = ()

    def __init__(self, /, **data: Any) -> None:
        # Strict writer: what a caller got wrong is a documented CallspecError naming the param
        # by both its names, never pydantic's own exception. A nested request object is built
        # through __init__ too (pydantic calls a custom one): its errors stay pydantic's, so
        # the outer request names them by their full path.
        if _policy.writing:
            super().__init__(**data)
            return
        try:
            super().__init__(**data)
        except ValidationError as error:
            raise RequestError(type(self).__name__, param_problems(type(self), error)) from None

    @model_validator(mode="wrap")
    @classmethod
    def _closed(cls, data: Any, handler: ModelWrapValidatorHandler[RequestModel]) -> RequestModel:
        # Requests are validated as written, in every mode: unknown enum values, wrong formats
        # and out-of-range values are refused before anything is sent.
        with writing():
            return handler(data)

    @model_validator(mode="after")
    def _check_rules(self) -> RequestModel:
        problems = [found for rule in self.__callspec_rules__ if (found := rule.violation(self))]
        if problems:
            raise ValueError("; ".join(problems))
        return self


def param_problems(model: type[BaseModel], error: ValidationError) -> tuple[ParamProblem, ...]:
    """Each of pydantic's errors as a ParamProblem: the param's Python and wire names (nested
    objects' too), the reason."""
    problems = []
    for item in error.errors(include_url=False, include_input=False):
        reason = item["msg"].removeprefix("Value error, ")
        if not item["loc"]:  # a rule over several params: its message names them
            problems.append(ParamProblem("", "", reason))
            continue
        python, wire = _names(model, [str(part) for part in item["loc"]])
        if item["type"] == "extra_forbidden":
            reason = "not a param of this request"
        problems.append(ParamProblem(python, wire, reason))
    return tuple(problems)


def _names(model: type[BaseModel] | None, loc: list[str]) -> tuple[str, str]:
    """A pydantic error location (wire names) as dotted Python and wire paths."""
    python, wire = "", ""
    for part in loc:
        if part.isdigit():
            python, wire = f"{python}[{part}]", f"{wire}[{part}]"
            continue
        fields = model.model_fields if model is not None else {}
        # pydantic names a param as the caller gave it: by its wire or its Python name.
        name = next((key for key, info in fields.items() if part in (key, info.alias)), part)
        alias = (fields[name].alias or name) if name in fields else part
        python += f".{name}" if python else name
        wire += f".{alias}" if wire else alias
        model = _model_in(fields[name].annotation) if name in fields else None
    return python, wire


def _model_in(annotation: object) -> type[BaseModel] | None:
    """The model class inside an annotation such as `list[Item] | None`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
