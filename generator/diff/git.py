"""The few git reads the diff and the changelog need, through the git command line."""

from __future__ import annotations

import subprocess
from pathlib import Path

__all__ = ["GitError", "Repo"]


class GitError(Exception):
    """git is missing, the folder is not in a repository, or a revision is unknown."""


def _run(cwd: Path, *args: str, feed: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=feed, capture_output=True,
                              check=False)
    except OSError as error:
        raise GitError(f"cannot run git: {error.strerror}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[0] if message else f"git {args[0]} failed")
    return done.stdout


class Repo:
    """The repository holding a folder, and that folder's path inside it."""

    def __init__(self, folder: Path) -> None:
        if not folder.is_dir():
            raise GitError(f"{folder} is not a folder")
        self.root = Path(_run(folder, "rev-parse", "--show-toplevel").decode().strip())
        self.folder = folder.resolve().relative_to(self.root.resolve()).as_posix()

    def path(self, name: str) -> str:
        return f"{self.folder}/{name}" if self.folder not in ("", ".") else name

    def commit(self, rev: str) -> str:
        """The commit a revision names; a GitError naming it when there is none."""
        try:
            found = _run(self.root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
        except GitError:
            raise GitError(f"unknown revision {rev!r}") from None
        return found.decode().strip()

    def names_at(self, commit: str) -> list[str]:
        """The `*.yaml` files directly in the folder at a commit."""
        listing = _run(self.root, "ls-tree", "--name-only", commit, "--", self.path("")).decode()
        names = [line.rsplit("/", 1)[-1] for line in listing.splitlines()]
        return sorted(name for name in names if name.endswith(".yaml"))

    def show(self, commit: str, name: str) -> bytes:
        return _run(self.root, "show", f"{commit}:{self.path(name)}")

    def shallow(self) -> bool:
        return _run(self.root, "rev-parse", "--is-shallow-repository").strip() == b"true"

    def blobs(self, names: list[str]) -> dict[str, list[str]]:
        """The blob of every committed version of each file, oldest first (repeats dropped),
        from one `git log` for all of them."""
        log = _run(self.root, "log", "--format=", "--raw", "--no-abbrev", "--no-renames",
                   "--reverse", "HEAD", "--", *(self.path(name) for name in names)).decode()
        found: dict[str, list[str]] = {name: [] for name in names}
        by_path = {self.path(name): name for name in names}
        for line in log.splitlines():
            meta, _, path = line.partition("\t")
            parts = meta.split()
            blobs = found.get(by_path.get(path, ""))
            if blobs is None or len(parts) < 5 or set(parts[3]) == {"0"}:
                continue  # another line, or the file deleted
            if not blobs or blobs[-1] != parts[3]:
                blobs.append(parts[3])
        return found

    def read_blobs(self, blobs: list[str]) -> dict[str, bytes]:
        """Many blobs in one git process."""
        if not blobs:
            return {}
        out = _run(self.root, "cat-file", "--batch", feed="".join(f"{b}\n" for b in blobs).encode())
        found: dict[str, bytes] = {}
        at = 0
        while at < len(out):
            end = out.index(b"\n", at)
            header = out[at:end].split()
            size = int(header[2])
            found[header[0].decode()] = out[end + 1:end + 1 + size]
            at = end + 1 + size + 1
        return found

