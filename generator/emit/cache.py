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

__all__ = ["Cache", "default_cache_dir"]


def default_cache_dir() -> Path:
    """CALLSPEC_CACHE_DIR, else $XDG_CACHE_HOME/callspec, else ~/.cache/callspec."""
    explicit = os.environ.get("CALLSPEC_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "callspec"


class Cache:
    """Text by key, in files; a missing or unreadable entry is simply a miss."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder  # None: caching off
        self.hits = 0
        self.misses = 0

    def get_or_make(self, step: str, salt: str, source: str, make: Callable[[], str]) -> str:
        if self.folder is None:
            return make()
        key = hashlib.sha256(f"{step}\0{salt}\0{source}".encode()).hexdigest()
        path = self.folder / step / key[:2] / key
        try:
            found = path.read_text(encoding="utf-8")
        except OSError:
            found = None
        if found is not None:
            self.hits += 1
            return found
        self.misses += 1
        made = make()
        self._store(path, made)
        return made

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
