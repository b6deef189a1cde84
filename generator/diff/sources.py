"""What `callspec diff` compares: two spec files, or the specs folder against a git revision."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.diff.api import diff_sides
from generator.diff.bump import suggest
from generator.diff.change import Change, Place
from generator.diff.git import Repo
from generator.diff.render import Report
from generator.diff.side import Side, load_side
from generator.diff.table import classes_of
from generator.errors import Issue, SpecError
from generator.paths import spec_files

__all__ = ["Version", "Pair", "file_pairs", "base_pairs", "compare"]

Version = tuple[str, bytes]  # how the file is named in messages, its bytes


@dataclass(frozen=True)
class Pair:
    vendor: str
    old: Version | None  # None: the vendor is new
    new: Version | None  # None: the vendor is gone


def _read(path: Path) -> Version:
    try:
        return str(path), path.read_bytes()
    except OSError as error:
        raise SpecError([Issue(str(path), 1, 1, "unreadable", f"cannot read the file: "
                               f"{error.strerror}", "check the path")]) from None


def file_pairs(old: Path, new: Path) -> list[Pair]:
    return [Pair(new.name.split(".")[0], _read(old), _read(new))]


def base_pairs(specs: Path, rev: str) -> list[Pair]:
    """specs/*.yaml at `rev` against the working tree, vendor by vendor (file name)."""
    repo = Repo(specs)
    commit = repo.commit(rev)
    before = set(repo.names_at(commit))
    now = {path.name: path for path in spec_files(specs)}
    pairs = []
    for name in sorted(before | set(now)):
        old = (f"{rev}:{repo.path(name)}", repo.show(commit, name)) if name in before else None
        new = _read(now[name]) if name in now else None
        if new is not None:
            new = (f"{specs.name}/{name}", new[1])
        pairs.append(Pair(name.removesuffix(".yaml"), old, new))
    return pairs


def _whole(vendor: str, kind: str, version: Version) -> Change:
    python, wire = classes_of(kind)
    place = Place(version[0], 1)
    gone = kind == "vendor-removed"
    return Change(vendor, kind, vendor, f"vendor `{vendor}` {'removed' if gone else 'added'}",
                  python, wire, place if gone else None, None if gone else place)


def _sides(pairs: list[Pair]) -> list[tuple[Pair, Side | None, Side | None]]:
    """Every version loaded; the problems of all of them raised together."""
    issues: list[Issue] = []
    loaded = []
    for pair in pairs:
        sides: list[Side | None] = []
        for version in (pair.old, pair.new):
            try:
                sides.append(load_side(*version) if version else None)
            except SpecError as error:
                issues.extend(error.issues)
                sides.append(None)
        loaded.append((pair, sides[0], sides[1]))
    if issues:
        raise SpecError(issues)
    return loaded


def compare(pairs: list[Pair]) -> Report:
    """Per vendor: its changes and the bump they call for."""
    report: Report = []
    for pair, old, new in _sides(pairs):
        if old is not None and new is not None:
            changes = diff_sides(old, new)
        else:
            gone = pair.new is None
            version = pair.old if gone else pair.new
            assert version is not None  # a pair has at least one version
            changes = [_whole(pair.vendor, "vendor-removed" if gone else "vendor-added", version)]
        report.append((suggest(pair.vendor, old.api.version if old else None,
                               new.api.version if new else None, changes), changes))
    return report
