"""Problems found in a spec, each with its place and a fix, raised together as one SpecError."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Literal

__all__ = ["Issue", "SpecError", "Severity"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Issue:
    """One problem at one place in one spec file."""

    file: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    path: str = ""
    severity: Severity = "error"

    def render(self) -> str:
        """`PATH:LINE:COL: error[CODE]: message` then the hint on its own indented line."""
        head = f"{self.file}:{self.line}:{self.column}: {self.severity}[{self.code}]: {self.message}"
        return f"{head}\n    hint: {self.hint}" if self.hint else head

    def as_json(self) -> dict[str, object]:
        return asdict(self)


class SpecError(Exception):
    """Every problem found in one or more specs; never raised with an empty list."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = sorted(issues)
        super().__init__(self.render())

    def render(self) -> str:
        return "\n".join(issue.render() for issue in self.issues)

    def as_json(self) -> str:
        return json.dumps([issue.as_json() for issue in self.issues], indent=2)
