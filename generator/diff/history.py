"""A spec's states from git, oldest first, the working-tree file last; and each state's version."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import yaml

from generator.diff.git import GitError, Repo

__all__ = ["states", "all_states", "version_of", "semver_key"]

_VENDOR = re.compile(rb"^vendor:[ \t]*(?:#.*)?\r?\n((?:[ \t]+.*\r?\n|[ \t]*\r?\n)*)", re.M)
_VERSION = re.compile(r"""^version:[ \t]*["']?([^"'#\s]+)["']?[ \t]*(?:#.*)?$""")


def states(spec: Path) -> list[bytes] | None:
    """Every committed version of `spec` then the file as it is (when it differs from the last);
    None when git cannot tell its history (not a repository, or a shallow clone)."""
    return all_states([spec])[0]


def all_states(specs: Sequence[Path]) -> list[list[bytes] | None]:
    """`states` of several specs, with four git commands per folder whatever their number
    (`check` runs this on every spec: a git process costs tens of milliseconds)."""
    found: dict[Path, list[bytes] | None] = {}
    for folder in sorted({spec.parent for spec in specs}):
        names = sorted(spec.name for spec in specs if spec.parent == folder)
        for name, history in zip(names, _folder_states(folder, names)):
            found[folder / name] = history
    return [found[spec] for spec in specs]


def _folder_states(folder: Path, names: list[str]) -> list[list[bytes] | None]:
    try:
        repo = Repo(folder)
        if repo.shallow():
            return [None] * len(names)
    except GitError:
        return [None] * len(names)
    try:
        blobs = repo.blobs(names)
    except GitError:  # a repository without commits yet
        blobs = {name: [] for name in names}
    contents = repo.read_blobs(sorted({blob for found in blobs.values() for blob in found}))
    histories: list[list[bytes] | None] = []
    for name in names:
        history = [contents[blob] for blob in blobs[name] if blob in contents]
        current = (folder / name).read_bytes()
        if not history or history[-1] != current:
            history.append(current)
        histories.append(history)
    return histories


def version_of(raw: bytes) -> str | None:
    """`vendor.version` of a state, read from the block-style `vendor:` mapping without parsing
    the whole file (dozens of states are read on every `check`); other styles are parsed."""
    block = _VENDOR.search(raw)
    if block is not None:
        lines = block.group(1).decode("utf-8", "replace").splitlines()
        indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
        depth = min(indents, default=0)
        for line in lines:
            if len(line) - len(line.lstrip()) == depth:
                found = _VERSION.match(line.strip())
                if found:
                    return found.group(1)
        return None
    try:
        data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    vendor = data.get("vendor") if isinstance(data, dict) else None
    version = vendor.get("version") if isinstance(vendor, dict) else None
    return str(version) if version is not None else None


def semver_key(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return (-1,)
