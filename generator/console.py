"""The `callspec` console script: the command line, or one line naming the extra it lacks."""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]

# The optional packages the command line imports, and the extra that brings each one: a base
# install (httpx + pydantic, enough for generated code) has none of them.
_EXTRAS = {
    "yaml": "codegen",
    "jinja2": "codegen",
    "datamodel_code_generator": "codegen",
    "black": "codegen",
    "isort": "codegen",
    "tqdm": "codegen",
    "uvicorn": "mock",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; a missing optional package is one line on stderr and exit code 2."""
    try:
        # Imported here, not at the top: the import itself needs the codegen extra.
        from generator.cli import main as cli_main

        return cli_main(argv)
    except ModuleNotFoundError as error:
        top = (error.name or "").split(".")[0]
        if top not in _EXTRAS:
            raise
        extra = _EXTRAS[top]
        print(f"callspec: this command needs the '{extra}' extra ({top} is not installed): "
              f"pip install 'callspec[{extra}]'", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
