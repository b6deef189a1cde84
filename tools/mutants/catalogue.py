"""The mutant list (mutants.yaml): loading it, and finding and applying one mutant's edit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

__all__ = ["Mutant", "load", "locate", "apply", "MUTANTS_FILE"]

MUTANTS_FILE = Path(__file__).with_name("mutants.yaml")
_KEYS = {"id", "description", "glob", "find", "replace", "equivalent"}


@dataclass(frozen=True)
class Mutant:
    id: str
    description: str
    glob: str  # relative to the repository root; `find` must occur once in all it matches
    find: str
    replace: str
    equivalent: str | None = None  # why the mutant cannot change behaviour, once analysed


def load(path: Path = MUTANTS_FILE) -> list[Mutant]:
    """The mutants of `path`, checked for unknown keys and repeated ids (ValueError)."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    mutants: list[Mutant] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        unknown = set(entry) - _KEYS
        if unknown or not isinstance(entry.get("id"), str):
            raise ValueError(f"{path}: entry {index}: unknown keys {sorted(unknown)} or no id")
        if entry["id"] in seen:
            raise ValueError(f"{path}: mutant id {entry['id']!r} repeats")
        seen.add(entry["id"])
        mutants.append(Mutant(**entry))
    return mutants


def locate(root: Path, mutant: Mutant) -> tuple[Path | None, str]:
    """The one file under `root` holding `mutant.find` exactly once (among the glob's files),
    or None and why not: the mutant is then stale, never silently skipped."""
    files = sorted(path for path in root.glob(mutant.glob) if path.is_file())
    if not files:
        return None, f"no file matches {mutant.glob}"
    hits = [(path, path.read_text(encoding="utf-8").count(mutant.find)) for path in files]
    total = sum(count for _, count in hits)
    if total != 1:
        where = ", ".join(f"{p.relative_to(root)} ×{c}" for p, c in hits if c) or "nowhere"
        return None, f"find text occurs {total} times in {mutant.glob} ({where})"
    found = next(path for path, count in hits if count)
    return found, str(found.relative_to(root))


def apply(path: Path, mutant: Mutant) -> None:
    """Put the mutant's bug into `path` (already located: the text occurs exactly once)."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(mutant.find, mutant.replace, 1), encoding="utf-8")
