"""Shared test fixtures: the project root and the real specs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPECS = sorted((ROOT / "specs").glob("*.yaml"))


@pytest.fixture(autouse=True)
def _run_from_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths in messages are relative to the project root, as a user runs the CLI."""
    monkeypatch.chdir(ROOT)


def vendor_ids() -> list[str]:
    return [path.stem for path in SPECS]


os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
