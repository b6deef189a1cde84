"""Problems as they are found, in bounded memory: the first N in full, the rest as counts.

A file of a million bad rows must not become a million objects: beyond `keep` problems only a
count per (severity, field, reason) is kept, and the number of such kinds is capped too (a
reason may quote the offending value, so kinds could grow with the file).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.runtime import Problem

__all__ = ["ProblemLog"]

MAX_KINDS = 1000
_INDEX = re.compile(r"\[\d+\]|(?<=\.)\d+(?=\.|$)")  # list positions inside a field path
_OTHER = ("(other)", "further kinds of problem, not told apart")


@dataclass
class ProblemLog:
    """Counts every problem; keeps (and hands to `shown`) only the first `keep` of them."""

    keep: int
    shown: Callable[[Problem], None] | None = None  # called with each problem kept, as it comes
    kept: list[Problem] = field(default_factory=list)
    kinds: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    errors: int = 0
    warnings: int = 0

    def add(self, problem: Problem) -> None:
        if problem.severity == "error":
            self.errors += 1
        else:
            self.warnings += 1
        if len(self.kept) < self.keep:
            self.kept.append(problem)
            if self.shown is not None:
                self.shown(problem)
        kind = (problem.severity, _INDEX.sub("*", problem.field), problem.reason)
        if kind not in self.kinds and len(self.kinds) >= MAX_KINDS:
            kind = (problem.severity, *_OTHER)
        self.kinds[kind] += 1

    @property
    def total(self) -> int:
        return self.errors + self.warnings

    @property
    def omitted(self) -> int:
        return self.total - len(self.kept)

    def count_lines(self) -> list[str]:
        """One line per kind of problem, most frequent first."""
        return [f"{count:>10,} × {severity}: {field or '(body)'}: {reason}"
                for (severity, field, reason), count in self._ranked()]

    def as_json(self) -> dict[str, Any]:
        return {
            "errors": self.errors,
            "warnings": self.warnings,
            "problems": [_problem_json(problem) for problem in self.kept],
            "omitted": self.omitted,
            "counts": [{"severity": severity, "field": field, "reason": reason, "count": count}
                       for (severity, field, reason), count in self._ranked()],
        }

    def _ranked(self) -> list[tuple[tuple[str, str, str], int]]:
        return sorted(self.kinds.items(), key=lambda item: (-item[1], item[0]))


def _problem_json(problem: Problem) -> dict[str, Any]:
    return {"row": problem.row, "field": problem.field, "reason": problem.reason,
            "severity": problem.severity}
