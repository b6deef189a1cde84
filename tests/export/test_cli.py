"""`callspec export`: the documents `generate` commits, written alone into any folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import ROOT


def test_export_writes_the_committed_documents(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "cinnox", "callgear", "--out", str(tmp_path)]) == 0
    written = sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*.json"))
    assert written == ["callgear/openrpc.json", "cinnox/openapi.json"]
    for name in written:
        assert (tmp_path / name).read_bytes() == (ROOT / "generated" / name).read_bytes()
    assert "cinnox/openapi.json" in capsys.readouterr().out


def test_export_of_every_spec(tmp_path: Path) -> None:
    assert main(["export", "--out", str(tmp_path)]) == 0
    assert len(list(tmp_path.rglob("*.json"))) == 5
    assert not list(tmp_path.rglob("*.tmp"))  # staged files were renamed into place


def test_export_of_an_unknown_vendor_fails_cleanly(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "nosuchvendor", "--out", str(tmp_path)]) == 2
    assert "nosuchvendor" in capsys.readouterr().err
    assert not list(tmp_path.rglob("*.json"))
