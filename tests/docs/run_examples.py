"""Run the python blocks of generated READMEs against a mock, in whatever venv runs this file.

A standalone script (the standard library and the generated packages only), so that a fresh
venv holding nothing but the base install can run it. It reads a JSON job on stdin:

    {"servers": {vendor: mock URL}, "programs": [{"name": str, "blocks": [python source]}]}

The caller sets the environment variables the examples read (credentials, server variables).
Every client class of each vendor package is replaced by a subclass that passes
`server_url=<the vendor's mock URL>`, so the examples run exactly as the README shows them.
The blocks of one program run in order in one namespace, in the current directory. It prints
one JSON object: {name: {"ok": bool, "output": captured stdout, "error": traceback or ""}}.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import sys
import traceback
from typing import Any


def _pointed(cls: type, url: str) -> type:
    """`cls`, but every instance talks to `url` (the README's own arguments otherwise kept)."""

    def __init__(self: Any, **kwargs: Any) -> None:
        cls.__init__(self, **{**kwargs, "server_url": url})  # type: ignore[misc]

    return type(cls.__name__, (cls,), {"__init__": __init__})


def _point_clients(servers: dict[str, str]) -> None:
    for vendor, url in servers.items():
        package = importlib.import_module(f"generated.{vendor}")
        for name in package.__all__:
            value = getattr(package, name)
            if isinstance(value, type) and name.endswith("Client"):
                setattr(package, name, _pointed(value, url))


def _run(name: str, blocks: list[str]) -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "__readme__"}
    output = io.StringIO()
    try:
        with contextlib.redirect_stdout(output):
            for number, block in enumerate(blocks, start=1):
                exec(compile(block, f"{name} block {number}", "exec"), namespace)
    except BaseException:  # noqa: BLE001 - every failure is reported, with the block's name
        return {"ok": False, "output": output.getvalue(), "error": traceback.format_exc()}
    return {"ok": True, "output": output.getvalue(), "error": ""}


def main() -> int:
    job = json.load(sys.stdin)
    _point_clients(job["servers"])
    report = {program["name"]: _run(program["name"], program["blocks"])
              for program in job["programs"]}
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
