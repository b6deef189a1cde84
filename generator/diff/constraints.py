"""Constraints compared: each bound, length and pattern tightened or widened."""

from __future__ import annotations

from typing import Literal

from generator.diff.record import Recorder, label
from generator.ir.nodes import Constraints
from generator.spec.load import PathKey

__all__ = ["compare_constraints"]

# name: which way is tighter for a bound: "up" (a larger minimum) or "down" (a smaller maximum)
_BOUNDS: dict[str, Literal["up", "down"]] = {
    "minimum": "up", "maximum": "down", "min_length": "up", "max_length": "down",
    "max_items": "down",
}


def _how(name: str, old: object, new: object) -> str:
    """"tightened" or "widened" for one constraint that differs."""
    if name == "pattern":
        return "widened" if new is None else "tightened"  # added or changed: tighter for all we know
    if old is None or new is None:
        return "tightened" if old is None else "widened"
    assert isinstance(old, int | float) and isinstance(new, int | float)
    return "tightened" if (new > old) == (_BOUNDS[name] == "up") else "widened"


def compare_constraints(rec: Recorder, direction: str, old: Constraints, new: Constraints,
                        old_at: PathKey, new_at: PathKey) -> None:
    for name in (*_BOUNDS, "pattern"):
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        how = _how(name, before, after)
        rec.add(f"{direction}-constraint-{how}", f"{label(new_at)}: {name} "
                f"{_shown(before)} → {_shown(after)}", old_at, new_at)


def _shown(value: object) -> str:
    return "(none)" if value is None else repr(value) if isinstance(value, str) else str(value)
