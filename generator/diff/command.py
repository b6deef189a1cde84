"""`callspec diff`: compare, print the report, exit 1 when something breaks."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from generator.diff.git import GitError
from generator.diff.render import render
from generator.diff.sources import base_pairs, compare, file_pairs
from generator.errors import SpecError

__all__ = ["Job", "run"]


@dataclass(frozen=True)
class Job:
    old: Path | None
    new: Path | None
    base: str | None  # a git revision, compared with the specs folder
    specs: Path
    fmt: str = "text"
    allow_breaking: bool = False


def run(job: Job) -> int:
    """0: nothing breaks (or --allow-breaking); 1: something breaks; 2: bad input."""
    try:
        if job.old is not None and job.new is not None:
            pairs = file_pairs(job.old, job.new)
        else:
            pairs = base_pairs(job.specs, job.base or "HEAD")
        report = compare(pairs)
    except SpecError as error:
        print(error.render(), file=sys.stderr)
        return 2
    except GitError as error:
        print(f"callspec diff: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(render(report, job.fmt))
    breaking = any(change.worst == "breaking" for _, changes in report for change in changes)
    return 1 if breaking and not job.allow_breaking else 0
