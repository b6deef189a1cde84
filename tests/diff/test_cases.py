"""Each change kind: a fixture pair and the changes expected of it, with their classes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.diff import Change, diff_sides, load_side
from generator.diff.table import KINDS

CASES_DIR = Path(__file__).parent / "cases"
CASES = sorted(path for path in CASES_DIR.iterdir() if path.is_dir())


def _diff(case: Path) -> list[Change]:
    old, new = next(case.glob("*.old.yaml")), next(case.glob("*.new.yaml"))
    return diff_sides(load_side(str(old), old.read_bytes()), load_side(str(new), new.read_bytes()))


def _expected(case: Path) -> list[tuple[str, str, str, str]]:
    rows = yaml.safe_load((case / "expected.yaml").read_text())["changes"]
    return sorted((row["kind"], row["subject"], row["python"], row["wire"]) for row in rows)


def _names_subject(change: Change) -> None:
    """The reported line is where the subject's own key (or its parent's) is written: in the new
    version, or in the old one for what was removed (the subject names the newer place)."""
    parts = [part for part in change.subject.split(".") if not part.isdigit()]
    place = change.new or change.old
    if place is not None:
        line = Path(place.file).read_text().splitlines()[place.line - 1]
        in_list = change.subject.split(".")[-1].isdigit()  # a rule: its `- kind:` line
        assert any(part in line for part in (["- kind"] if in_list else parts[-2:])), (change, line)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case_gives_exactly_the_expected_changes(case: Path) -> None:
    changes = _diff(case)
    assert sorted((c.kind, c.subject, c.python, c.wire) for c in changes) == _expected(case)
    for change in changes:
        _names_subject(change)


def test_every_kind_has_a_case() -> None:
    covered = {row[0] for case in CASES for row in _expected(case)}
    # vendor-added / vendor-removed need a folder of specs: tests/diff/test_cli.py
    assert set(KINDS) - covered == {"vendor-added", "vendor-removed"}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_version_against_itself_is_empty(case: Path) -> None:
    for path in (next(case.glob("*.old.yaml")), next(case.glob("*.new.yaml"))):
        side = load_side(str(path), path.read_bytes())
        assert diff_sides(side, side) == []


def test_the_documented_table_is_the_table() -> None:
    """specs/README.md lists every kind with the classes generator/diff/table.py gives it."""
    text = (Path(__file__).parents[2] / "specs" / "README.md").read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith("`") and cells[0].strip("`") in KINDS:
            rows[cells[0].strip("`")] = (cells[1], cells[2], cells[3])
    assert rows == KINDS
