"""What every cross-check receives: the loaded file, its validated spec and the issues so far."""

from __future__ import annotations

from dataclasses import dataclass

from generator.errors import Issue
from generator.spec.load import Loaded, PathKey
from generator.spec.model import Spec

__all__ = ["LintContext"]


@dataclass
class LintContext:
    loaded: Loaded
    spec: Spec
    issues: list[Issue]

    def add(self, path: PathKey, code: str, message: str, hint: str, *, value: bool = False) -> None:
        where = self.loaded.value_at(path) if value else self.loaded.locate(path)
        dotted = ".".join(str(part) for part in path)
        self.issues.append(
            Issue(self.loaded.file, where.line, where.column, code, message, hint, dotted)
        )
