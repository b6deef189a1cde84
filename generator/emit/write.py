"""Write a generated tree all at once, or compare it with what is on disk without writing.

The new tree is written beside the old one and swapped in with two renames, so a generation
that fails or is killed leaves the previous generated/ whole; a swap cut between its two
renames is rolled back by the next run (`recover`).
"""

from __future__ import annotations

import difflib
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["WriteResult", "write_tree", "diff_tree", "read_tree", "recover", "interrupted"]

_IGNORED_PARTS = frozenset({"__pycache__", ".mypy_cache", ".pytest_cache"})


@dataclass(frozen=True)
class WriteResult:
    written: tuple[str, ...]  # new or changed
    removed: tuple[str, ...]  # stale files of removed endpoints or vendors
    unchanged: int
    recovered: bool = False  # the previous tree was put back first (an interrupted swap)


def _staging(target: Path) -> Path:
    return target.with_name(f".{target.name}.staging")


def _previous(target: Path) -> Path:
    return target.with_name(f".{target.name}.previous")


def interrupted(target: Path) -> str | None:
    """What an interrupted `generate` left that makes `target` other than a whole tree, or None.

    A leftover staging tree alone is harmless (the swap had not begun) and is not reported.
    """
    previous = _previous(target)
    if previous.is_dir() and not target.exists():
        return (f"{target.name}/ is missing but {previous.name} exists: a generate was "
                f"interrupted between its two renames; run `callspec generate` to recover")
    return None


def recover(target: Path) -> bool:
    """Undo a swap that was cut between its renames (True when it did so); drop a half-written
    staging tree."""
    previous = _previous(target)
    restored = previous.is_dir() and not target.exists()
    if restored:
        os.rename(previous, target)
    shutil.rmtree(previous, ignore_errors=True)
    shutil.rmtree(_staging(target), ignore_errors=True)
    return restored


def read_tree(target: Path) -> dict[str, str]:
    """Every file under `target` by relative POSIX path (caches excluded)."""
    if not target.is_dir():
        return {}
    files: dict[str, str] = {}
    for path in sorted(target.rglob("*")):
        relative = path.relative_to(target)
        if path.is_file() and not _IGNORED_PARTS.intersection(relative.parts):
            files[relative.as_posix()] = path.read_text(encoding="utf-8", errors="replace")
    return files


def write_tree(files: Mapping[str, str], target: Path) -> WriteResult:
    recovered = recover(target)
    current = read_tree(target)
    staging = _staging(target)
    for relative, content in files.items():
        path = staging / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
    previous = _previous(target)
    if target.exists():
        os.rename(target, previous)
    os.rename(staging, target)
    shutil.rmtree(previous, ignore_errors=True)
    return WriteResult(
        written=tuple(sorted(path for path, text in files.items() if current.get(path) != text)),
        removed=tuple(sorted(set(current) - set(files))),
        unchanged=sum(current.get(path) == text for path, text in files.items()),
        recovered=recovered,
    )


def diff_tree(files: Mapping[str, str], target: Path, label: str) -> list[str]:
    """Unified diffs of every file that differs, is missing, or is stale; [] when current."""
    current = read_tree(target)
    diffs: list[str] = []
    for relative in sorted(set(files) | set(current)):
        old, new = current.get(relative), files.get(relative)
        if old == new:
            continue
        name = f"{label}/{relative}"
        diffs.append("".join(difflib.unified_diff(
            (old or "").splitlines(keepends=True),
            (new or "").splitlines(keepends=True),
            fromfile=name if old is not None else "/dev/null",
            tofile=name if new is not None else "/dev/null",
        )) or f"{name}: differs\n")
    return diffs
