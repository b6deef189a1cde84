"""Collects changes: classes from the table, places from both versions, one change per subject."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.diff.change import Change, Place
from generator.diff.side import Side
from generator.diff.table import classes_of
from generator.spec.load import PathKey

__all__ = ["Recorder", "dotted", "label"]

_SKIPPED = frozenset({"params", "properties", "fields", "items", "values", "columns", "body"})


def dotted(path: PathKey) -> str:
    return ".".join(str(part) for part in path)


def label(path: PathKey) -> str:
    """`list_calls: criteria.ids` or `Call.id`: a short name of a spec place for messages."""
    if len(path) >= 2 and path[0] == "endpoints":
        rest = [str(part) for part in path[2:] if part not in _SKIPPED]
        return f"`{path[1]}`" + (f": `{'.'.join(rest)}`" if rest else "")
    if len(path) >= 2 and path[0] in ("types", "enums"):
        rest = [str(part) for part in path[1:] if part not in _SKIPPED]
        return f"`{'.'.join(rest)}`"
    return f"`{dotted(path)}`"


@dataclass
class Recorder:
    old: Side
    new: Side
    changes: dict[tuple[str, str, str], Change] = field(default_factory=dict)

    def add(self, kind: str, message: str, old: PathKey | None, new: PathKey | None) -> None:
        """Record one change; a named type reached from several endpoints is reported once."""
        python, wire = classes_of(kind)
        subject = dotted(new if new is not None else old or ())
        key = (kind, subject, message)
        if key in self.changes:
            return
        self.changes[key] = Change(
            vendor=self.new.api.vendor_id,
            kind=kind,
            subject=subject,
            message=message,
            python=python,
            wire=wire,
            old=None if old is None else Place(self.old.loaded.file, self.old.line(old)),
            new=None if new is None else Place(self.new.loaded.file, self.new.line(new)),
        )

    def result(self) -> list[Change]:
        return sorted(self.changes.values(), key=Change.sort_key)
