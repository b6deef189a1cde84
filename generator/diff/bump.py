"""The version bump a vendor's changes call for, and whether the new spec already carries it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.diff.change import Change

__all__ = ["Bump", "suggest"]

Level = Literal["major", "minor", "patch", "none"]
_FIRST = "1.0.0"  # the suggestion for a spec that had no version


@dataclass(frozen=True)
class Bump:
    vendor: str
    old_version: str | None
    new_version: str | None
    level: Level
    suggested: str | None  # None: nothing to bump
    carried: bool  # NEW's vendor.version is at least the suggested one

    def as_json(self) -> dict[str, object]:
        return {"vendor": self.vendor, "old_version": self.old_version,
                "new_version": self.new_version, "bump": self.level, "suggested": self.suggested,
                "carried": self.carried}


def _parse(version: str | None) -> tuple[int, int, int] | None:
    parts = (version or "").split(".")
    return (int(parts[0]), int(parts[1]), int(parts[2])) if len(parts) == 3 else None


def level_of(changes: list[Change]) -> Level:
    """major on anything breaking (for either audience), minor on non-breaking additions,
    patch on info; the version's own change does not count."""
    counted = [change for change in changes if change.kind != "version-changed"]
    if any(change.worst == "breaking" for change in counted):
        return "major"
    if any(change.worst == "non-breaking" for change in counted):
        return "minor"
    return "patch" if counted else "none"


def suggest(vendor: str, old_version: str | None, new_version: str | None,
            changes: list[Change]) -> Bump:
    level = level_of(changes)
    old, new = _parse(old_version), _parse(new_version)
    if level == "none":
        return Bump(vendor, old_version, new_version, level, None, True)
    if old is None:
        suggested = _FIRST
    else:
        major, minor, patch = old
        bumped = {"major": (major + 1, 0, 0), "minor": (major, minor + 1, 0),
                  "patch": (major, minor, patch + 1)}[level]
        suggested = ".".join(map(str, bumped))
    target = _parse(suggested)
    carried = new is not None and target is not None and new >= target
    return Bump(vendor, old_version, new_version, level, suggested, carried)
