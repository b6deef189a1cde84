"""Tolerant checks of response values: a const, range, length or pattern the data breaks is
kept and reported (an error in strict mode), never a lost page."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import ClassVar

from pydantic import model_validator

from ._models import CallspecModel, note_out_of_spec

__all__ = ["Check", "CheckedModel"]

_NO_CONST = object()


@dataclass(frozen=True)
class Check:
    """What the spec expects of one response field beyond its type."""

    const: object = _NO_CONST
    minimum: int | float | None = None
    maximum: int | float | None = None
    min_length: int | None = None
    max_length: int | None = None
    max_items: int | None = None
    pattern: str | None = None

    def problem(self, value: object) -> str | None:
        """Why `value` breaks the check, or None."""
        if self.const is not _NO_CONST and value != self.const:
            return f"value {value!r} differs from the const {self.const!r}"
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if self.minimum is not None and value < self.minimum:
                return f"value {value!r} is below the minimum {self.minimum!r}"
            if self.maximum is not None and value > self.maximum:
                return f"value {value!r} is above the maximum {self.maximum!r}"
        if isinstance(value, (str, list)):
            return self._length(value)
        return None

    def _length(self, value: str | list[object]) -> str | None:
        if self.min_length is not None and len(value) < self.min_length:
            return f"{value!r} is shorter than {self.min_length}"
        limit = self.max_items if isinstance(value, list) else self.max_length
        if limit is not None and len(value) > limit:
            return f"{len(value)} long, more than {limit}"
        if isinstance(value, str) and self.pattern and not _compiled(self.pattern).search(value):
            return f"value {value!r} does not match {self.pattern!r}"
        return None


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


class CheckedModel(CallspecModel):
    """A response model whose fields carry checks the data may break without losing the record."""

    __callspec_checks__: ClassVar[dict[str, Check]] = {}

    @model_validator(mode="after")
    def _check_values(self) -> CheckedModel:
        fields = type(self).model_fields
        for name, check in self.__callspec_checks__.items():
            value = getattr(self, name)
            if value is not None and (reason := check.problem(value)) is not None:
                wire = fields[name].alias or name
                note_out_of_spec(f"{type(self).__name__}.{wire}", reason)
        return self
