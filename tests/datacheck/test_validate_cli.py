"""`callspec validate` on broken and large files: one line and exit 2 for unusable input, exit 1
for invalid data, never a traceback, and bounded memory however many problems a file holds."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.spec import read_spec
from tests.conftest import ROOT

RC_ROW = read_spec(ROOT / "specs" / "ringcentral.yaml").endpoints[
    "call_detail_report"].examples["example_response"].response_csv.splitlines()[0]  # type: ignore[union-attr]


def _validate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", "validate", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def _records(path: Path) -> subprocess.CompletedProcess[str]:
    return _validate("callgear", "calls_report", str(path), "--records")


def _csv(path: Path) -> subprocess.CompletedProcess[str]:
    return _validate("ringcentral", "call_detail_report", str(path))


BROKEN: dict[str, tuple[bytes, Callable[[Path], subprocess.CompletedProcess[str]], str]] = {
    "empty json": (b"", _records, ":1:1: error: empty file"),
    "truncated json": (b'[{"id": 1},\n {"id": ', _records, ":2:9: error: truncated JSON"),
    "bad json": (b'[{"id": 1},\n  x]', _records, ":2:3: error: not valid JSON"),
    "binary json": (b"[1, \x00\x01\x02]", _records, ":1:5: error: binary data"),
    "not utf-8 json": (b'[{"id": "\xff"}]', _records, ":1:10: error: not UTF-8"),
    "deep json": (b"[" * 100_000, _records, ":1:65: error: nested deeper than 64"),
    "empty csv": (b"", _csv, ":1:1: error: empty file"),
    "not utf-8 csv": ((RC_ROW + "\n").encode() + b"1,\xe9t\xe9\n", _csv, ":2:3: error: not UTF-8"),
    "binary csv": ((RC_ROW + "\n").encode() + b"\x00\x00\n", _csv, ":2:1: error: binary data"),
    "huge field csv": ((RC_ROW + "\n" + "x" * 200_000 + "\n").encode(), _csv,
                       ":2:1: error: not valid CSV: field larger than field limit"),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_unusable_input_is_one_line_naming_file_and_position(name: str, tmp_path: Path) -> None:
    content, command, expected = BROKEN[name]
    path = tmp_path / "input"
    path.write_bytes(content)
    run = command(path)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert lines == [lines[-1]] and lines[0].startswith(f"{path}{expected}"), run.stderr


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    run = _records(tmp_path / "nope.json")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.strip() == f"{tmp_path / 'nope.json'}: error: cannot read: No such file or directory"


def test_unknown_vendor_or_endpoint_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text("[]")
    assert _validate("nobody", "x", str(tmp_path / "x.json")).returncode == 2
    run = _validate("callgear", "nothing", str(tmp_path / "x.json"))
    assert run.returncode == 2 and "calls_report" in run.stderr


def test_valid_and_invalid_data_and_the_json_format(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text('[{"id": 1}, {"id": 2}]')
    assert _records(good).returncode == 0
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": 1}, {"id": "x"}, {"finish_reason": "brand_new"}]')
    text = _records(bad)
    assert text.returncode == 1
    assert f"{bad}: error: row 1: id:" in text.stdout and "brand_new" in text.stdout
    run = _validate("callgear", "calls_report", str(bad), "--records", "--format", "json")
    report = json.loads(run.stdout)
    assert run.returncode == 1 and report["valid"] is False
    assert (report["errors"], report["warnings"]) == (1, 1)
    assert [problem["row"] for problem in report["problems"]] == [1, 2]
    unusable = _validate("callgear", "calls_report", str(tmp_path / "no.json"), "--format", "json")
    assert unusable.returncode == 2 and json.loads(unusable.stdout)["unusable"]["message"]


def test_a_response_streams_its_record_list_and_checks_the_envelope(tmp_path: Path) -> None:
    body = tmp_path / "response.json"
    body.write_text(json.dumps({"jsonrpc": "2.0", "id": "one", "result": {"data": [
        {"id": 1}, {"id": "not a number"}], "metadata": {}}}))
    run = _validate("callgear", "calls_report", str(body), "--format", "json")
    report = json.loads(run.stdout)
    where = [(problem["row"], problem["field"]) for problem in report["problems"]]
    assert run.returncode == 1 and where == [(1, "id"), (None, "id")], where


def test_problems_beyond_the_first_n_are_counted_by_kind(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([{"id": f"x{i}"} for i in range(500)]))
    run = _validate("callgear", "calls_report", str(path), "--records", "--max-problems", "3")
    assert run.returncode == 1
    shown = [line for line in run.stdout.splitlines() if ": error: row " in line]
    assert len(shown) == 3
    assert "497 more problem(s) not shown" in run.stdout
    assert "500 × error: id: Input should be a valid integer" in run.stdout


def _write_lazily(path: Path, head: str, item: Callable[[int], str], tail: str,
                  size: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(head)
        index = 0
        while handle.tell() < size:
            handle.write(item(index))
            index += 1
        handle.write(tail)


_MEASURE = """
import resource, subprocess, sys
run = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stderr.write(run.stderr)
sys.stdout.write(run.stdout)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(run.returncode)
"""


def _peak_rss_mb_of(args: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Peak RSS of the validate run alone: measured by a fresh parent whose only child it is
    (RUSAGE_CHILDREN here would also count every earlier child of the test session)."""
    command = [sys.executable, "-m", "generator.cli", "validate", *args]
    run = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True,
                         text=True, cwd=ROOT, timeout=300)
    *stderr, peak = run.stderr.rstrip("\n").split("\n")
    run.stderr = "\n".join(stderr)
    return int(peak) / 1024, run


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_a_large_file_of_invalid_records_is_checked_in_bounded_memory(
    kind: str, tmp_path: Path
) -> None:
    """A bound, not a timing: 6-12 MB of records, every one invalid; the whole run stays under
    100 MB however large the file (the issue measured 0.9 GB for 60 MB before)."""
    path = tmp_path / f"big.{kind}"
    if kind == "json":
        _write_lazily(path, "[", lambda i: ("," if i else "") + f'{{"id": "x{i}", '
                      f'"finish_reason": "nope{i % 7}"}}', "]", 6_000_000)
        args = ["callgear", "calls_report", str(path), "--records"]
    else:
        bad = RC_ROW.replace("4/20/20 6:12 AM", "not a date") + "\n"
        _write_lazily(path, "", lambda i: bad, "", 12_000_000)
        args = ["ringcentral", "call_detail_report", str(path)]
    peak, run = _peak_rss_mb_of([*args, "--format", "json"])
    report = json.loads(run.stdout)
    assert run.returncode == 1 and report["omitted"] > 30_000, run.stderr
    assert peak < 100, f"peak RSS {peak:.0f} MB"
