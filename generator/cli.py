"""The command line: lint, schema, generate, check, validate, mock."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.paths import GENERATED_DIR, SPECS_DIR, spec_files

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


def _generate(args: argparse.Namespace) -> int:
    from generator.emit.write import write_tree
    from generator.pipeline import render_tree

    started = time.perf_counter()
    tree = render_tree(spec_files(args.specs))
    result = write_tree(tree.files, args.out)
    for api in tree.apis:
        endpoints = len(api.endpoints)
        print(f"{api.vendor_id:<12} {endpoints:>2} endpoint(s) {len(api.models):>3} models "
              f"{len(api.enums):>2} enums  from {api.spec_file}")
    print(f"{len(tree.files)} files in {_shown(args.out)}: {len(result.written)} written, "
          f"{result.unchanged} unchanged, {len(result.removed)} stale removed "
          f"({time.perf_counter() - started:.2f}s)")
    for path in result.removed:
        print(f"  removed {path}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from generator.emit.write import diff_tree
    from generator.pipeline import render_tree

    tree = render_tree(spec_files(args.specs))
    diffs = diff_tree(tree.files, args.out, _shown(args.out))
    for diff in diffs:
        sys.stdout.write(diff)
    if diffs:
        print(f"{len(diffs)} generated file(s) differ from the specs: run `callspec generate`",
              file=sys.stderr)
        return 1
    print(f"{_shown(args.out)} is current ({len(tree.files)} files)", file=sys.stderr)
    return 0


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="callspec", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    lint = commands.add_parser("lint", help="check specs; report every problem with file:line")
    lint.add_argument("paths", nargs="*", help="spec files (default: every spec in specs/)")
    lint.add_argument("--format", choices=("text", "json"), default="text")
    lint.set_defaults(run=_lint)
    schema = commands.add_parser("schema", help="print the JSON Schema of the spec format")
    schema.set_defaults(run=_schema)
    for name, run, text in (
        ("generate", _generate, "regenerate generated/ from the specs (atomically)"),
        ("check", _check, "fail with a diff when generated/ differs from the specs; writes nothing"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("--specs", type=Path, default=SPECS_DIR, help="folder of specs")
        command.add_argument("--out", type=Path, default=GENERATED_DIR, help="generated folder")
        command.set_defaults(run=run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from generator.errors import SpecError

    args = _parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except SpecError as error:
        print(error.render(), file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
