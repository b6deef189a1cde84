"""The command line: lint, schema, generate, check, validate, mock, export."""

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
    from generator.emit.lock import output_lock
    from generator.emit.write import write_tree
    from generator.pipeline import render_tree

    started = time.perf_counter()
    # Held from reading the specs to the swap: a second run waits, then sees the specs as they
    # are once the first is done.
    with output_lock(args.out, timeout=args.lock_timeout, waiting=_say):
        tree = render_tree(spec_files(args.specs), cache_dir=_cache_dir(args), jobs=args.jobs)
        result = write_tree(tree.files, args.out)
    if result.recovered:
        print(f"recovered {_shown(args.out)} left half-swapped by an interrupted generate")
    for api in tree.apis:
        endpoints = len(api.endpoints)
        print(f"{api.vendor_id:<12} {endpoints:>2} endpoint(s) {len(api.models):>3} models "
              f"{len(api.enums):>2} enums  from {api.spec_file}")
    print(f"{len(tree.files)} files in {_shown(args.out)}: {len(result.written)} written, "
          f"{result.unchanged} unchanged, {len(result.removed)} stale removed "
          f"({time.perf_counter() - started:.2f}s; cache {tree.cache_hits} hits, "
          f"{tree.cache_misses} misses)")
    for path in result.removed:
        print(f"  removed {path}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from generator.emit.lock import output_lock
    from generator.emit.write import diff_tree, interrupted
    from generator.pipeline import render_tree

    tree = render_tree(spec_files(args.specs), cache_dir=_cache_dir(args), jobs=args.jobs)
    # Shared: checks run side by side, but never see a generate halfway through its swap.
    with output_lock(args.out, timeout=args.lock_timeout, shared=True, waiting=_say):
        broken = interrupted(args.out)
        diffs = [] if broken else diff_tree(tree.files, args.out, _shown(args.out))
    if broken:
        print(f"callspec check: {broken}", file=sys.stderr)
        return 1
    for diff in diffs:
        sys.stdout.write(diff)
    if diffs:
        print(f"{len(diffs)} generated file(s) differ from the specs: run `callspec generate`",
              file=sys.stderr)
        return 1
    print(f"{_shown(args.out)} is current ({len(tree.files)} files)", file=sys.stderr)
    return 0


def _validate(args: argparse.Namespace) -> int:
    from generator.datacheck import Job, Kind, run

    kind: Kind = "request" if args.request else "records" if args.records else "auto"
    return run(Job(args.vendor, args.endpoint, args.file, kind=kind, strict=args.strict,
                   as_json=args.format == "json", keep=args.max_problems))


def _mock(args: argparse.Namespace) -> int:
    from generator.mock import MockServer

    try:
        server = MockServer(args.vendors, port=args.port, records=args.records,
                            page_size=args.page_size, seed=args.seed, specs=args.specs,
                            quiet=False)
    except (ValueError, OSError) as error:
        print(f"callspec mock: {error}", file=sys.stderr)
        return 2
    # Printed before serving, and flushed: scripts read the port (--port 0) from this output.
    print(f"callspec mock on {server.url} (control plane {server.url}/_mock); Ctrl-C stops it",
          flush=True)
    for api in server.apis:
        expected = " ".join(f"{k}={v}" for k, v in server.credentials(api.vendor_id).items())
        print(f"  {api.vendor_id:<12} {server.vendor_url(api.vendor_id):<36} {expected}",
              flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


def _export(args: argparse.Namespace) -> int:
    from generator.emit.lock import output_lock
    from generator.export import export_files
    from generator.pipeline import load_apis

    paths = spec_files(args.specs)
    unknown = sorted(set(args.vendors) - {path.stem for path in paths})
    if unknown:
        print(f"callspec export: no spec for vendor(s) {', '.join(unknown)}", file=sys.stderr)
        return 2
    apis = load_apis([path for path in paths if not args.vendors or path.stem in args.vendors])
    # The same lock as generate: an export never lands in the middle of a generate's swap.
    with output_lock(args.out, timeout=args.lock_timeout, waiting=_say):
        for api in apis:
            for name, text in export_files(api).items():
                target = args.out / name
                target.parent.mkdir(parents=True, exist_ok=True)
                staged = target.with_name(f".{target.name}.tmp")
                staged.write_text(text, encoding="utf-8")
                staged.replace(target)  # whole or not at all
                print(f"{_shown(target)}  ({len(text)} bytes)")
    return 0


def _add_export_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    export = commands.add_parser(
        "export", help="write OpenAPI 3.1 (REST) / OpenRPC (JSON-RPC) documents of the specs")
    export.add_argument("vendors", nargs="*", help="vendor ids (default: every spec)")
    export.add_argument("--out", type=Path, default=GENERATED_DIR,
                        help="folder to write <vendor>/openapi.json, openrpc.json into "
                        "(default: generated/, where `generate` puts the same files)")
    export.add_argument("--specs", type=Path, default=SPECS_DIR, help="folder of specs")
    export.add_argument("--lock-timeout", type=float, default=600, metavar="SECONDS",
                        help="how long to wait for a generate on the same folder (600)")
    export.set_defaults(run=_export)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _cache_dir(args: argparse.Namespace) -> Path | None:
    from generator.emit.cache import default_cache_dir

    return None if args.no_cache else default_cache_dir()


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
        command.add_argument("--no-cache", action="store_true",
                             help="ignore the cache of formatted output (CALLSPEC_CACHE_DIR)")
        command.add_argument("--jobs", type=int, default=None,
                             help="worker processes (default: one per core)")
        command.add_argument("--lock-timeout", type=float, default=600, metavar="SECONDS",
                             help="how long to wait for another run on the same folder (600)")
        command.set_defaults(run=run)
    validate = commands.add_parser(
        "validate", help="check a request, JSON response, record list or CSV file of an endpoint"
    )
    validate.add_argument("vendor", help="vendor id, e.g. callgear")
    validate.add_argument("endpoint", help="endpoint (client method) name, e.g. calls_report")
    validate.add_argument("file", help="the file to check")
    kind = validate.add_mutually_exclusive_group()
    kind.add_argument("--request", action="store_true", help="the file is a request (JSON)")
    kind.add_argument("--records", action="store_true", help="the file is a JSON list of records")
    validate.add_argument("--strict", action="store_true",
                          help="values the spec does not expect (unknown enum values, consts, "
                          "ranges, patterns, date formats) are errors, not warnings")
    validate.add_argument("--format", choices=("text", "json"), default="text",
                          help="json: one JSON document on stdout, for machines")
    validate.add_argument("--max-problems", type=int, default=100, metavar="N",
                          help="problems reported in full; the rest are counted by kind (100)")
    validate.set_defaults(run=_validate)
    mock = commands.add_parser(
        "mock", help="serve the specs' endpoints on 127.0.0.1: a mock server with faults on request"
    )
    mock.add_argument("vendors", nargs="*", help="vendor ids to serve (default: every spec)")
    mock.add_argument("--port", type=int, default=8000, help="port (0: the OS picks one)")
    mock.add_argument("--records", type=int, default=1000,
                      help="records of every list: JSON pages and CSV rows (default 1000)")
    mock.add_argument("--page-size", type=int, default=100,
                      help="records per page when a request gives no limit (default 100)")
    mock.add_argument("--seed", type=int, default=7, help="seed of the generated data")
    mock.add_argument("--specs", type=Path, default=SPECS_DIR, help="folder of specs")
    mock.set_defaults(run=_mock)
    _add_export_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from generator.errors import SpecError

    args = _parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    from generator.emit.lock import LockTimeout

    try:
        return run(args)
    except SpecError as error:
        print(error.render(), file=sys.stderr)
        return 1
    except LockTimeout as error:
        print(f"callspec {args.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
