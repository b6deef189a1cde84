"""`callspec diff`: what changed between two versions of a spec, classed for the Python API of
the generated client and for the wire contract, with a suggested version bump."""

from __future__ import annotations

from generator.diff.api import diff_sides
from generator.diff.change import Change, Class, Place
from generator.diff.side import Side, load_side

__all__ = ["Change", "Class", "Place", "Side", "diff_sides", "load_side"]
