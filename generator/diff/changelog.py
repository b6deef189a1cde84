"""generated/<vendor>/CHANGELOG.md: one entry per spec version, newest first, breaking first.

An entry holds the changes from the last state of the previous version to the last state of its
own, the working-tree spec counting as the newest state: the text depends on spec versions and
contents only, never on commits, so making a commit does not change it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import partial
from pathlib import Path

from generator.diff.api import diff_sides
from generator.diff.bump import suggest
from generator.diff.change import Change
from generator.diff.history import semver_key, version_of
from generator.diff.side import load_side
from generator.errors import SpecError

__all__ = ["Memo", "changelog_body", "salt"]

Memo = Callable[[str, Callable[[], str]], str]  # (key, make) → the made text, maybe from a cache


def salt() -> str:
    """The code that decides a changelog: the diff, and the spec and IR code under it."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for folder in ("diff", "ir", "spec"):
        for path in sorted((root / folder).glob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _last_states(states: list[bytes]) -> list[tuple[str | None, bytes]]:
    """The last state of each version, in version order; unversioned states count as oldest."""
    last: dict[str | None, bytes] = {}
    for raw in states:
        last[version_of(raw)] = raw
    versions = sorted((v for v in last if v is not None), key=semver_key)
    return ([(None, last[None])] if None in last else []) + [(v, last[v]) for v in versions]


def changelog_body(title: str, spec_file: str, states: list[bytes], memo: Memo) -> str:
    """The Markdown of a spec's changelog (without the generated-file header)."""
    lines = [f"# Changelog: {title} spec", "",
             f"One entry per `vendor.version` of `{spec_file}`, newest first; in each, breaking "
             "changes first. Built by `callspec generate` from the spec's git history, the file "
             "as it is counting as its newest state; `callspec check` keeps it current.", ""]
    ordered = _last_states(states)
    entries = []
    for index, (version, raw) in enumerate(ordered):
        if version is None:
            continue
        previous = ordered[index - 1] if index else None
        key = hashlib.sha256(spec_file.encode() + b"\0" + (previous[1] if previous else b"")
                             + b"\0" + raw).hexdigest()
        entries.append(memo(key, partial(_entry, spec_file, version, previous, raw)))
    return "\n".join(lines + list(reversed(entries)))


def _entry(spec_file: str, version: str, previous: tuple[str | None, bytes] | None,
           raw: bytes) -> str:
    head = [f"## {version}", ""]
    if previous is None:
        return "\n".join(head + ["The first version.", ""])
    since = previous[0] or "the unversioned spec"
    try:
        changes = diff_sides(load_side(f"{since}:{spec_file}", previous[1]),
                             load_side(f"{version}:{spec_file}", raw))
    except SpecError as error:
        first = error.issues[0]
        return "\n".join(head + [f"Changes since {since} not computed: a version does not load "
                                 f"with this callspec ({first.code}: {first.message}).", ""])
    changes = [change for change in changes if change.kind != "version-changed"]
    return "\n".join(head + _summary(since, previous[0], version, changes) + [""])


def _summary(since: str, old: str | None, new: str, changes: list[Change]) -> list[str]:
    if not changes:
        return [f"No API changes since {since}."]
    bump = suggest("", old, new, changes)
    breaking = sum(change.worst == "breaking" for change in changes)
    lines = [f"Since {since}: {len(changes)} change(s), {breaking} breaking"
             + (f" (a {bump.level} bump; {new} is less than {bump.suggested})."
                if old and not bump.carried else "."), ""]
    for change in changes:
        mark = "**breaking**" if change.worst == "breaking" else change.worst
        lines.append(f"- {mark}: {change.message} — Python API {change.python}, wire "
                     f"{change.wire} (`{change.kind}`)")
    return lines
