"""Shared by the README tests: extract python blocks, set up the mock, run them in a venv."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from generator.emit.docs.usage import env_name
from generator.ir.nodes import ApiNode
from generator.mock import MockServer, default_credentials
from generator.paths import GENERATED_DIR

RUNNER = Path(__file__).with_name("run_examples.py")
_BLOCK = re.compile(r"^```python\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def python_blocks(markdown: str) -> list[str]:
    """The source of every ```python block, in order."""
    return _BLOCK.findall(markdown)


def readmes(apis: Sequence[ApiNode]) -> Iterator[tuple[str, Path]]:
    """(program name, path) of the index and of every vendor README."""
    yield "index", GENERATED_DIR / "README.md"
    for api in apis:
        yield api.vendor_id, GENERATED_DIR / api.vendor_id / "README.md"


def environment(apis: Sequence[ApiNode], server: MockServer) -> dict[str, str]:
    """The variables the examples read: the mock's credentials and, for server variables
    without an example, the mock's URL (the runner points every client there anyway)."""
    values: dict[str, str] = {}
    for api in apis:
        schemes = api.auth.schemes if api.auth else ()
        credentials = default_credentials(api)
        for credential in (c for scheme in schemes for c in scheme.credentials):
            values[env_name(api, credential.python)] = credentials[credential.wire]
        for variable in api.variables:
            values[env_name(api, variable.python)] = server.vendor_url(api.vendor_id)
    return values


def run_readmes(python: str | Path, apis: Sequence[ApiNode], server: MockServer,
                cwd: Path) -> dict[str, dict[str, Any]]:
    """Every README's blocks run by `python` (any venv with the generated packages), in `cwd`.

    PYTHONPATH is dropped: the packages come from the venv's install, not from this checkout.
    """
    job = {
        "servers": {api.vendor_id: server.vendor_url(api.vendor_id) for api in apis},
        "programs": [{"name": name, "blocks": python_blocks(path.read_text(encoding="utf-8"))}
                     for name, path in readmes(apis)],
    }
    env = {**os.environ, **environment(apis, server), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONPATH", None)
    done = subprocess.run([python, str(RUNNER)], input=json.dumps(job), capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    report: dict[str, dict[str, Any]] = json.loads(done.stdout)
    return report
