"""The import rules of DESIGN.md, read from the source with ast: each room imports only what it may."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

STDLIB = set(sys.stdlib_module_names) | {"__future__"}

# room → the project modules and third-party packages it may import (besides the stdlib).
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "names": set(),
    "paths": set(),
    "spec": {"generator.errors", "generator.names", "generator.spec", "pydantic", "yaml"},
    "ir": {"generator.ir", "generator.names", "generator.spec"},
    "emit": {"generator.emit", "generator.ir", "generator.paths", "black", "isort", "jinja2",
             "datamodel_code_generator"},
    "runtime": {"generator.runtime", "httpx", "pydantic"},
    "mock": {"generator.mock", "generator.ir", "generator.pipeline", "generator.paths",
             "generated", "generator.runtime", "uvicorn", "httpx", "pydantic"},
    "pipeline": {"generator.emit", "generator.errors", "generator.export", "generator.ir",
                 "generator.spec"},
    # OpenAPI / OpenRPC from the IR; the wire-format patterns are those models.py checks
    "export": {"generator.export", "generator.ir", "generator.emit.model_values"},
    "cli": {"generator", "generated", "tqdm"},
    "console": {"generator.cli"},
    # the CLI's validate command: it checks data with the generated validators
    "datacheck": {"generator.datacheck", "generator.runtime", "generated", "ijson", "tqdm"},
}


def _room(path: Path) -> str:
    parts = path.relative_to(ROOT / "generator").parts
    return parts[0] if len(parts) > 1 else Path(parts[0]).stem


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def _allowed(module: str, room: str) -> bool:
    top = module.split(".")[0]
    if top in STDLIB:
        return True
    return any(module == allowed or module.startswith(f"{allowed}.") for allowed in ALLOWED[room])


SOURCES = sorted((ROOT / "generator").rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(ROOT)) for p in SOURCES])
def test_module_imports_only_what_its_room_may(path: Path) -> None:
    room = _room(path)
    if room == "__init__":
        return
    forbidden = sorted(module for module in _imports(path) if not _allowed(module, room))
    assert forbidden == [], f"{room} may not import {forbidden}"


def test_nothing_but_the_cli_and_the_mock_imports_the_runtime() -> None:
    """Generated code imports the runtime; the generator itself must not depend on it."""
    for path in SOURCES:
        room = _room(path)
        if room in ("runtime", "cli", "mock", "datacheck"):
            continue
        assert not any(module.startswith(("generator.runtime", "generated"))
                       for module in _imports(path)), path
