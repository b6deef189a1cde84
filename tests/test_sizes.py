"""The size rules of DESIGN.md: no module over 400 lines, no function over 50 (generated/ aside)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50
# Hand-written code only: generated/ (made by the generator, never edited) is not among them.
ROOTS = ("generator", "tests", "benchmarks", "tools")

# Known exceptions, each with its reason: "path" for a module, "path::function" for a function.
# Every entry is being split on another branch; remove it when that lands (the test below
# fails for an entry that is no longer over its limit, so the list cannot go stale).
ALLOWED: dict[str, str] = {
}


def module_lines(source: str) -> int:
    """Lines of a module, counted as newlines (what `wc -l` says)."""
    return source.count("\n")


def long_functions(source: str) -> Iterator[tuple[str, int]]:
    """(name, lines) of every function or method, nested ones included, over the limit; a
    function's lines run from its `def` to its last line, decorators not counted."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            if lines > MAX_FUNCTION_LINES:
                yield node.name, lines


def oversize(root: Path) -> dict[str, int]:
    """Every module and function over its limit under ROOTS, by allow-list key, with its lines."""
    found: dict[str, int] = {}
    for top in ROOTS:
        for path in sorted((root / top).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            key = path.relative_to(root).as_posix()
            if module_lines(source) > MAX_MODULE_LINES:
                found[key] = module_lines(source)
            for name, lines in long_functions(source):
                found[f"{key}::{name}"] = lines
    return found


def test_no_module_or_function_is_over_its_limit() -> None:
    new = {key: lines for key, lines in oversize(ROOT).items() if key not in ALLOWED}
    assert not new, (
        f"over {MAX_MODULE_LINES} lines per module / {MAX_FUNCTION_LINES} per function "
        f"(split it; see DESIGN.md): {new}"
    )


def test_every_allowed_exception_is_still_over_its_limit() -> None:
    found = oversize(ROOT)
    stale = sorted(key for key in ALLOWED if key not in found)
    assert not stale, f"no longer over the limit, remove from ALLOWED: {stale}"


def test_a_long_module_and_a_long_function_are_found(tmp_path: Path) -> None:
    body = "".join(f"    x{n} = {n}\n" for n in range(MAX_FUNCTION_LINES - 1))
    short = f"def short():\n{body}"  # exactly the limit
    long = f"async def long():\n{body}    return 0\n"  # one line more
    package = tmp_path / "generator"
    package.mkdir()
    (package / "fits.py").write_text(short + "\n" * (MAX_MODULE_LINES - short.count("\n")))
    (package / "big.py").write_text("\n" * (MAX_MODULE_LINES + 1) + long)
    (tmp_path / "generated" / "vendor").mkdir(parents=True)
    (tmp_path / "generated" / "vendor" / "models.py").write_text("\n" * 1000)
    assert oversize(tmp_path) == {
        "generator/big.py": MAX_MODULE_LINES + 1 + MAX_FUNCTION_LINES + 1,
        "generator/big.py::long": MAX_FUNCTION_LINES + 1,
    }
