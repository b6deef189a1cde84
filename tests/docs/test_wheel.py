"""The wheel with the base install only: a fresh venv imports every generated package and runs
every README example against the mock, which is served from this (full) environment."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.mock import MockServer
from generator.paths import PROJECT_ROOT

from .readme_examples import run_readmes

pytestmark = pytest.mark.slow

# Distributions of the extras: none may come with the base install.
EXTRAS = {"pyyaml", "jinja2", "datamodel-code-generator", "black", "isort", "tqdm", "uvicorn"}
# What importing generated code may load besides the standard library: httpx, pydantic and
# their own dependencies.
RUNTIME_MODULES = {"generated", "generator", "httpx", "httpcore", "h11", "anyio", "sniffio",
                   "certifi", "idna", "pydantic", "pydantic_core", "annotated_types",
                   "typing_extensions", "typing_inspection"}
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check"]


def _run(command: list[str | Path], **options: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(part) for part in command], capture_output=True, text=True,
                          timeout=240, check=False, **options)  # type: ignore[call-overload]
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The python of a fresh venv holding the wheel and its base dependencies."""
    root = tmp_path_factory.mktemp("wheel")
    # Built from a copy: setuptools writes build/ and *.egg-info next to the sources, and the
    # checkout stays untouched (other runs may be using it).
    source = root / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(PROJECT_ROOT / name, source)
    for name in ("generator", "generated"):
        shutil.copytree(PROJECT_ROOT / name, source / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    # No build isolation: the dev extra has setuptools and wheel, so nothing is downloaded.
    _run([*PIP, "--quiet", "wheel", "--no-deps", "--no-build-isolation", "-w", root / "dist", source])
    (wheel,) = (root / "dist").glob("*.whl")
    # A venv without pip of its own; this environment's pip installs into it (`--python`).
    _run([sys.executable, "-m", "venv", "--without-pip", root / "venv"])
    python = root / "venv" / "bin" / "python"
    _run([*PIP, "--quiet", "--python", python, "install", wheel])
    return python


def test_the_base_install_is_httpx_and_pydantic(venv: Path) -> None:
    listed = _run([*PIP, "--python", venv, "list", "--format=json"]).stdout
    names = {entry["name"].lower() for entry in json.loads(listed)}
    assert {"callspec", "httpx", "pydantic"} <= names
    assert not names & EXTRAS, names & EXTRAS


def test_every_generated_package_imports_from_the_wheel(venv: Path, tmp_path: Path) -> None:
    script = (
        "import importlib, json, sys\n"
        "import generated, generator.runtime\n"
        "for vendor in generated.VENDORS:\n"
        "    importlib.import_module(f'generated.{vendor}')\n"
        "tops = {m.split('.')[0] for m in sys.modules if not m.startswith('_')}\n"
        "tops -= set(sys.stdlib_module_names)  # private ones: interpreter internals\n"
        "print(json.dumps([generated.__file__, sorted(tops)]))\n"
    )
    location, modules = json.loads(_run([venv, "-c", script], cwd=tmp_path).stdout)
    assert Path(location).is_relative_to(venv.parent.parent), location
    assert set(modules) <= RUNTIME_MODULES, set(modules) - RUNTIME_MODULES


def test_readme_examples_run_from_the_wheel(venv: Path, server: MockServer,
                                            tmp_path: Path) -> None:
    report = run_readmes(venv, server.apis, server, tmp_path)
    assert len(report) == len(server.apis) + 1  # the index and every vendor
    failures = {name: result["error"] for name, result in report.items() if not result["ok"]}
    assert not failures, "\n".join(f"{name}:\n{error}" for name, error in failures.items())


def test_the_command_line_names_the_missing_extra(venv: Path, tmp_path: Path) -> None:
    done = subprocess.run([venv.parent / "callspec", "lint"], capture_output=True, text=True,
                          cwd=tmp_path, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "callspec[codegen]" in done.stderr, done.stderr
