"""The command line: lint, schema, generate, check, validate, mock."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.paths import SPECS_DIR, spec_files

__all__ = ["main"]


def _lint(args: argparse.Namespace) -> int:
    from generator.spec import lint_paths

    paths = [Path(p) for p in args.paths] or spec_files(SPECS_DIR)
    issues = lint_paths(paths)
    if args.format == "json":
        print(json.dumps([issue.as_json() for issue in issues], indent=2))
    else:
        for issue in issues:
            print(issue.render())
        errors = sum(issue.severity == "error" for issue in issues)
        print(f"{len(paths)} spec(s) checked, {errors} error(s)", file=sys.stderr)
    return 1 if issues else 0


def _schema(args: argparse.Namespace) -> int:
    from generator.spec.schema import spec_json_schema

    print(spec_json_schema(), end="")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="callspec", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    lint = commands.add_parser("lint", help="check specs; report every problem with file:line")
    lint.add_argument("paths", nargs="*", help="spec files (default: every spec in specs/)")
    lint.add_argument("--format", choices=("text", "json"), default="text")
    lint.set_defaults(run=_lint)
    schema = commands.add_parser("schema", help="print the JSON Schema of the spec format")
    schema.set_defaults(run=_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
