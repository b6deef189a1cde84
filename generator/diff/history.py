"""A spec's states from git, oldest first, the working-tree file last; and each state's version."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.diff.git import GitError, Repo

__all__ = ["states", "version_of", "semver_key"]

_VENDOR = re.compile(rb"^vendor:[ \t]*(?:#.*)?\r?\n((?:[ \t]+.*\r?\n|[ \t]*\r?\n)*)", re.M)
_VERSION = re.compile(r"""^version:[ \t]*["']?([^"'#\s]+)["']?[ \t]*(?:#.*)?$""")


def states(spec: Path) -> list[bytes] | None:
    """Every committed version of `spec` then the file as it is (when it differs from the last);
    None when git cannot tell its history (not a repository, or a shallow clone)."""
    try:
        repo = Repo(spec.parent)
        if repo.shallow():
            return None
    except GitError:
        return None
    try:
        blobs = repo.blobs(spec.name)
    except GitError:  # a repository without commits yet
        blobs = []
    contents = repo.read_blobs(blobs)
    found = [contents[blob] for blob in blobs if blob in contents]
    current = spec.read_bytes()
    if not found or found[-1] != current:
        found.append(current)
    return found


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
