"""`callspec diff` from the command line: exit codes, formats, --allow-breaking, --base."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main
from tests.diff.gitrepo import GitRepo

CASES = Path(__file__).parent / "cases"


def _pair(case: str) -> list[str]:
    return [str(CASES / case / "acme.old.yaml"), str(CASES / case / "acme.new.yaml")]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_non_breaking_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, *_pair("request_field_added"))
    assert code == 0
    assert "request-field-added" in out and "suggested 1.1.0 (minor bump), carried" in out


def test_breaking_exits_1_unless_allowed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, *_pair("request_field_removed"))
    assert code == 1
    assert "BREAKING" in out and "acme.old.yaml:" in out
    assert _run(capsys, *_pair("request_field_removed"), "--allow-breaking")[0] == 0


def test_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, *_pair("response_field_removed"), "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["breaking"] is True
    vendor = report["vendors"][0]
    assert (vendor["bump"], vendor["suggested"], vendor["carried"]) == ("major", "2.0.0", True)
    removed = next(c for c in vendor["changes"] if c["kind"] == "response-field-removed")
    assert removed["python"] == removed["wire"] == "breaking"
    assert removed["old"].endswith("acme.old.yaml:44") and removed["new"] is None


def test_markdown_format(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, *_pair("response_enum_value_added"), "--format", "markdown")
    assert out.startswith("### callspec diff")
    assert "| **breaking** | enum `Status`: value 'failed' added (`response-enum-value-added`) | " \
           "non-breaking | breaking |" in out


def test_bump_not_carried_is_said(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    old, new = _pair("request_field_removed")
    small = tmp_path / "acme.yaml"
    small.write_text(Path(new).read_text().replace("version: 2.0.0", "version: 1.0.1"))
    code, out, _ = _run(capsys, old, str(small))
    assert code == 1
    assert "suggested 2.0.0 (major bump), not carried: set vendor.version to 2.0.0" in out
    code, out, _ = _run(capsys, old, old)
    assert code == 0 and out == "acme: no changes (version 1.0.0)\n"


def test_bad_spec_exits_2_with_its_place(capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    broken = tmp_path / "acme.yaml"
    broken.write_text("callspec: 1\nvendor: [unclosed\n")
    code, out, err = _run(capsys, str(broken), _pair("request_field_added")[1])
    assert code == 2 and out == ""
    assert f"{broken}:" in err and "yaml-syntax" in err and "Traceback" not in err


def test_one_file_alone_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, _pair("request_field_added")[0])
    assert code == 2 and "OLD NEW" in err


def test_base_outside_git_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    code, _, err = _run(capsys, "--base", "HEAD", "--specs", str(tmp_path / "specs"))
    assert code == 2 and err.startswith("callspec diff: ") and "Traceback" not in err


def test_base_compares_with_a_revision(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    repo = GitRepo(tmp_path)
    old = (CASES / "request_field_removed" / "acme.old.yaml").read_text()
    repo.write("specs/acme.yaml", old)
    repo.write("specs/gone.yaml", old.replace("id: acme", "id: gone"))
    repo.commit("two vendors")
    repo.write("specs/acme.yaml", (CASES / "request_field_removed" / "acme.new.yaml").read_text())
    (tmp_path / "specs" / "gone.yaml").unlink()
    repo.write("specs/fresh.yaml", old.replace("id: acme", "id: fresh"))
    code, out, _ = _run(capsys, "--base", "HEAD", "--specs", str(tmp_path / "specs"),
                        "--format", "json")
    vendors = {v["vendor"]: [c["kind"] for c in v["changes"]] for v in json.loads(out)["vendors"]}
    assert code == 1
    assert vendors == {"acme": ["request-field-removed", "version-changed"],
                       "fresh": ["vendor-added"], "gone": ["vendor-removed"]}
    assert "HEAD:specs/acme.yaml:" in out
    code, _, err = _run(capsys, "--base", "no-such-rev", "--specs", str(tmp_path / "specs"))
    assert code == 2 and "unknown revision 'no-such-rev'" in err
