"""A content-addressed cache of expensive pure steps (datamodel-code-generator, black).

A step's output is a pure function of its input text and of the versions and settings of the
tool that makes it; the key hashes all of them, so a hit is always what the step would return.
This is what lets `callspec check` answer quickly when nothing changed, as black's own cache does.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["Cache", "default_cache_dir", "file_digest"]


def default_cache_dir() -> Path:
    """CALLSPEC_CACHE_DIR, else $XDG_CACHE_HOME/callspec, else ~/.cache/callspec."""
    explicit = os.environ.get("CALLSPEC_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "callspec"


def file_digest(*paths: Path) -> str:
    """A digest of files' bytes: a salt for output that the code in them decides, so an edited
    checkout never takes what another one cached."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


class Cache:
    """Text by key, in files; a missing or unreadable entry is simply a miss."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder  # None: caching off
        self.hits = 0
        self.misses = 0

    def get_or_make(self, step: str, salt: str, source: str, make: Callable[[], str]) -> str:
        found = self.get(step, salt, source)
        if found is not None:
            return found
        made = make()
        self.put(step, salt, source, made)
        return made

    def get(self, step: str, salt: str, source: str) -> str | None:
        """The stored output for this input, or None (counted as a miss)."""
        path = self._path(step, salt, source)
        try:
            found = path.read_text(encoding="utf-8") if path is not None else None
        except OSError:
            found = None
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def put(self, step: str, salt: str, source: str, output: str) -> None:
        path = self._path(step, salt, source)
        if path is not None:
            self._store(path, output)

    def _path(self, step: str, salt: str, source: str) -> Path | None:
        if self.folder is None:
            return None
        key = hashlib.sha256(f"{step}\0{salt}\0{source}".encode()).hexdigest()
        return self.folder / step / key[:2] / key

    @staticmethod
    def _store(path: Path, text: str) -> None:
        """Write atomically; a cache that cannot be written only costs speed."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent,
                                             delete=False) as handle:
                handle.write(text)
            os.replace(handle.name, path)
        except OSError:
            pass
