"""The linter: one bad spec per rule against a snapshot of its exact messages, and the real specs."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from generator.errors import SpecError
from generator.spec import lint_paths, read_spec
from generator.spec.load import MAX_SPEC_BYTES, load_spec_text
from generator.spec.schema import spec_json_schema
from generator.spec.validate import LINT_CODES
from tests.conftest import ROOT, SPECS

BAD = sorted((ROOT / "tests" / "specs" / "bad").glob("*.yaml"))


def _lint_output(path: Path) -> str:
    relative = path.relative_to(ROOT)
    return "".join(issue.render() + "\n" for issue in lint_paths([relative]))


@pytest.mark.parametrize("path", BAD, ids=[path.stem.removeprefix("acme.") for path in BAD])
def test_bad_spec_matches_snapshot(path: Path) -> None:
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    assert expected, "a bad spec must produce at least one message"
    assert _lint_output(path) == expected


def test_every_lint_code_has_a_bad_spec() -> None:
    covered = {line.split("error[", 1)[1].split("]", 1)[0]
               for path in BAD for line in path.with_suffix(".expected").read_text().splitlines()
               if "error[" in line}
    untestable_here = {"unreadable", "file-too-large", "bad-key"}  # tested below, not as fixtures
    assert set(LINT_CODES) - untestable_here <= covered


@pytest.mark.parametrize("path", SPECS, ids=[path.stem for path in SPECS])
def test_real_spec_lints_clean(path: Path) -> None:
    assert lint_paths([path.relative_to(ROOT)]) == []


def test_committed_json_schema_is_current() -> None:
    committed = (ROOT / "specs" / "callspec.schema.json").read_text(encoding="utf-8")
    assert committed == spec_json_schema(), "run: callspec schema > specs/callspec.schema.json"


def test_cli_exit_codes_and_json_format() -> None:
    bad = str(BAD[0].relative_to(ROOT))
    clean = subprocess.run([sys.executable, "-m", "generator.cli", "lint"], capture_output=True,
                           text=True, cwd=ROOT)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    failing = subprocess.run([sys.executable, "-m", "generator.cli", "lint", "--format", "json", bad],
                             capture_output=True, text=True, cwd=ROOT)
    assert failing.returncode == 1
    issues = json.loads(failing.stdout)
    assert issues and {"file", "line", "column", "code", "message", "hint"} <= set(issues[0])
    assert "Traceback" not in failing.stderr


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(MAX_SPEC_BYTES + 1)
    [issue] = lint_paths([big])
    assert (issue.code, issue.line) == ("file-too-large", 1)


def test_missing_file_is_reported(tmp_path: Path) -> None:
    [issue] = lint_paths([tmp_path / "nope.yaml"])
    assert issue.code == "unreadable"


def test_complex_key_is_refused() -> None:
    with pytest.raises(SpecError) as caught:
        load_spec_text("x.yaml", b"? [a, b]\n: 1\n")
    assert caught.value.issues[0].code == "bad-key"


def test_alias_bomb_is_refused_in_bounded_memory() -> None:
    raw = (ROOT / "tests" / "specs" / "bad" / "acme.alias-bomb.yaml").read_bytes()
    tracemalloc.start()
    with pytest.raises(SpecError):
        load_spec_text("bomb.yaml", raw)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 64 * 1024 * 1024, f"peak {peak:,} bytes"


@pytest.mark.parametrize("path", SPECS, ids=[path.stem for path in SPECS])
def test_mutated_specs_never_raise_anything_but_spec_error(path: Path) -> None:
    """Byte-level mutations of a real spec: every outcome is a clean load or a SpecError."""
    original = path.read_bytes()
    chance = random.Random(path.stem)  # seeded: the same mutations on every run
    for _ in range(60):
        data = bytearray(original)
        for _ in range(chance.randint(1, 4)):
            at = chance.randrange(len(data))
            action = chance.choice(("flip", "delete", "insert", "dup-line"))
            if action == "flip":
                data[at] = chance.choice(b":-[]{}&*!|>'\"\t\n #\xff0aZ")
            elif action == "delete":
                del data[at : at + chance.randint(1, 40)]
            elif action == "insert":
                data[at:at] = chance.choice((b"\n  x: 1", b": ", b"&a ", b"*a", b"- ", b"\x00"))
            else:
                start = data.rfind(b"\n", 0, at) + 1
                end = data.find(b"\n", at) + 1 or len(data)
                data[start:start] = data[start:end]
        try:
            read_spec_bytes(path, bytes(data))
        except SpecError as error:
            assert error.issues and all(issue.line >= 1 for issue in error.issues)


def read_spec_bytes(path: Path, data: bytes) -> None:
    from generator.spec.validate import validate_spec

    validate_spec(load_spec_text(path.name, data))


def test_read_spec_returns_the_model_for_a_clean_spec() -> None:
    spec = read_spec(ROOT / "specs" / "callgear.yaml")
    assert spec.vendor.id == "callgear"
