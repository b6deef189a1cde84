"""The change model: what changed, where in both versions, and its class for each audience."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Class", "Audience", "Place", "Change", "CLASSES", "rank", "worst"]

Class = Literal["breaking", "non-breaking", "info"]
Audience = Literal["python", "wire"]
CLASSES: tuple[Class, ...] = ("breaking", "non-breaking", "info")


def rank(value: Class) -> int:
    """0 for breaking, 1 for non-breaking, 2 for info: sorts the worst first."""
    return CLASSES.index(value)


def worst(values: list[Class]) -> Class:
    return min(values, key=rank) if values else "info"


@dataclass(frozen=True, order=True)
class Place:
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Change:
    """One change between two versions of a vendor's spec."""

    vendor: str
    kind: str  # a key of generator.diff.table.KINDS
    subject: str  # dotted spec path of what changed, e.g. endpoints.list_calls.params.limit
    message: str
    python: Class  # for code that calls the generated client
    wire: Class  # for the HTTP contract between a caller and the vendor
    old: Place | None
    new: Place | None

    @property
    def worst(self) -> Class:
        return worst([self.python, self.wire])

    def sort_key(self) -> tuple[int, str, int, int, str, str, str]:
        new_line = self.new.line if self.new else 0
        old_line = self.old.line if self.old else 0
        return (rank(self.worst), self.vendor, new_line, old_line, self.kind, self.subject,
                self.message)

    def as_json(self) -> dict[str, object]:
        return {
            "vendor": self.vendor, "kind": self.kind, "subject": self.subject,
            "message": self.message, "python": self.python, "wire": self.wire,
            "old": str(self.old) if self.old else None, "new": str(self.new) if self.new else None,
        }
