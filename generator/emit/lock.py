"""One generation at a time per output folder: an advisory lock in a file beside the folder.

Two `generate` runs on one folder would each clear the other's staging tree and could leave an
incomplete tree behind while both exit 0. The lock serialises them: the second waits (saying
so, and for whom) and gives up with a clear message after a timeout. `flock` is released by the
kernel when its holder dies, so a killed run never leaves a stale lock.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["LockTimeout", "lock_path", "output_lock"]

_POLL_SECONDS = 0.1


class LockTimeout(Exception):
    """Another run held the output folder's lock for longer than we were willing to wait."""


def lock_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.lock")


@contextmanager
def output_lock(target: Path, *, timeout: float, shared: bool = False,
                waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock of `target` (exclusive to write, shared to read) for the block.

    A reader whose lock file cannot be created (a read-only checkout) goes on without it: there
    is then no writer to wait for either.
    """
    path = lock_path(target)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        if not shared:
            raise
        yield
        return
    try:
        _acquire(fd, target, timeout, fcntl.LOCK_SH if shared else fcntl.LOCK_EX, waiting)
        if not shared:  # who holds it, for the message of whoever waits next
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _acquire(fd: int, target: Path, timeout: float, mode: int,
             waiting: Callable[[str], None] | None) -> None:
    path = lock_path(target)
    deadline = time.monotonic() + timeout
    told = False
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        holder = _holder(path)
        if time.monotonic() >= deadline:
            raise LockTimeout(f"{target} is locked by another callspec run{holder} "
                              f"(lock file {path}); gave up after {timeout:g}s")
        if waiting is not None and not told:
            waiting(f"waiting for another callspec run{holder} to finish with {target} …")
            told = True
        time.sleep(_POLL_SECONDS)


def _holder(path: Path) -> str:
    try:
        pid = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""
