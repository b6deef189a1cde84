"""Where the project keeps its specs, templates and generated code."""

from __future__ import annotations

from pathlib import Path

__all__ = ["PROJECT_ROOT", "SPECS_DIR", "TEMPLATES_DIR", "GENERATED_DIR", "spec_files"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SPECS_DIR = PROJECT_ROOT / "specs"
TEMPLATES_DIR = PROJECT_ROOT / "templates"
GENERATED_DIR = PROJECT_ROOT / "generated"


def spec_files(folder: Path) -> list[Path]:
    """The vendor specs in a folder, in name order (deterministic output depends on it)."""
    return sorted(path for path in folder.glob("*.yaml") if path.is_file())
