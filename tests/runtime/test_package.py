"""The package itself: exports complete, imports limited to stdlib + httpx + pydantic, module shape."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import generator.runtime as runtime
from generator.runtime import _description, _errors

RUNTIME = Path(runtime.__file__).parent
ALLOWED = {"httpx", "pydantic"} | set(sys.stdlib_module_names)


def test_all_names_resolve_and_public_ones_are_exported() -> None:
    assert len(runtime.__all__) == len(set(runtime.__all__)), "duplicates in __all__"
    for name in runtime.__all__:
        assert hasattr(runtime, name), name
    public = set(_description.__all__) | set(_errors.__all__) - {"error_class"}
    public |= {"SyncClient", "AsyncClient", "RetryPolicy", "Redactor", "RedactingFilter"}
    assert public <= set(runtime.__all__), public - set(runtime.__all__)


def test_modules_import_only_stdlib_httpx_pydantic_and_have_docstring_and_all() -> None:
    for path in sorted(RUNTIME.glob("*.py")):
        tree = ast.parse(path.read_text())
        docstring = ast.get_docstring(tree)
        assert docstring and docstring.strip(), path.name
        if path.name != "__init__.py":
            assert any(
                isinstance(n, ast.Assign)
                and any(getattr(t, "id", "") == "__all__" for t in n.targets)
                for n in tree.body
            ), f"{path.name} has no __all__"
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                roots = {(node.module or "").split(".")[0]}
            else:
                continue
            assert roots <= ALLOWED, f"{path.name} imports {roots - ALLOWED}"
