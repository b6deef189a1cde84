"""Scratch copies of the checkout: its tracked and untracked (not ignored) files, nothing else."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

__all__ = ["copy_checkout", "export_commit", "head_commit"]


def _listed(repo: Path) -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=repo, check=True, capture_output=True,
    ).stdout
    return [name for name in out.decode("utf-8").split("\0") if name]


def copy_checkout(repo: Path, dest: Path) -> None:
    """The working tree as it is (uncommitted edits included, so a new test can be tried
    against survivors before it is committed) into `dest`, without .git, .venv or caches."""
    for name in _listed(repo):
        source = repo / name
        if not source.is_file():
            continue  # deleted but not yet staged
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def export_commit(repo: Path, rev: str, dest: Path) -> None:
    """The files of commit `rev` into `dest` (the suite as committed there, nothing uncommitted)."""
    archive = subprocess.run(["git", "archive", "--format=tar", rev], cwd=repo, check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)


def head_commit(repo: Path) -> tuple[str, bool]:
    """HEAD's hash and whether the working tree differs from it."""
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, check=True,
                          capture_output=True, text=True).stdout.strip()
    status = subprocess.run(["git", "status", "--porcelain"], cwd=repo, check=True,
                            capture_output=True, text=True).stdout
    return head, bool(status.strip())
