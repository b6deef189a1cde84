"""Spec files: loading with positions, the format's model, and cross-checks."""

from __future__ import annotations

from pathlib import Path

from generator.errors import Issue, SpecError
from generator.spec.load import load_spec_file
from generator.spec.model import Spec
from generator.spec.validate import validate_spec

__all__ = ["read_spec", "lint_paths"]


def read_spec(path: Path, display: str | None = None) -> Spec:
    """Load and validate one spec file; raise SpecError with every problem in it."""
    return validate_spec(load_spec_file(path, display))


def lint_paths(paths: list[Path]) -> list[Issue]:
    """Every problem in every given spec, in file and line order."""
    issues: list[Issue] = []
    for path in paths:
        try:
            read_spec(path)
        except SpecError as error:
            issues.extend(error.issues)
    return sorted(issues)
