"""The command line: lint, schema, generate, check, validate, mock."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tqdm import tqdm

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
    tree = render_tree(spec_files(args.specs), cache_dir=_cache_dir(args), jobs=args.jobs)
    result = write_tree(tree.files, args.out)
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
    from generator.emit.write import diff_tree
    from generator.pipeline import render_tree

    tree = render_tree(spec_files(args.specs), cache_dir=_cache_dir(args), jobs=args.jobs)
    diffs = diff_tree(tree.files, args.out, _shown(args.out))
    for diff in diffs:
        sys.stdout.write(diff)
    if diffs:
        print(f"{len(diffs)} generated file(s) differ from the specs: run `callspec generate`",
              file=sys.stderr)
        return 1
    print(f"{_shown(args.out)} is current ({len(tree.files)} files)", file=sys.stderr)
    return 0


_PROGRESS_FROM_BYTES = 1_000_000


def _validate(args: argparse.Namespace) -> int:
    import importlib

    try:
        module = importlib.import_module(f"generated.{args.vendor}.validators")
    except ModuleNotFoundError:
        print(f"no generated package for vendor {args.vendor!r}: run `callspec generate`",
              file=sys.stderr)
        return 2
    validator = module.ENDPOINTS.get(args.endpoint)
    if validator is None:
        print(f"{args.vendor} has no endpoint {args.endpoint!r}; it has: "
              f"{', '.join(module.ENDPOINTS)}", file=sys.stderr)
        return 2
    problems = list(_problems(validator, args))
    for problem in problems:
        print(problem)
    errors = sum(problem.severity == "error" for problem in problems)
    print(f"{args.file}: {errors} error(s), {len(problems) - errors} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def _problems(validator: Any, args: argparse.Namespace) -> Iterator[Any]:
    """Problems of the file, read as the endpoint's request, response, records or CSV."""
    path = Path(args.file)
    if args.request:
        data = _without_credentials(args.vendor, validator, json.loads(path.read_bytes()))
        yield from validator.request(data, strict=args.strict)
    elif validator.operation.csv is not None and not args.records:
        size = path.stat().st_size
        with tqdm(total=size, unit="B", unit_scale=True, disable=size < _PROGRESS_FROM_BYTES,
                  file=sys.stderr, desc=path.name) as bar:
            yield from validator.csv(path, strict=args.strict, progress=bar.update)
    elif args.records:
        yield from validator.records(path.read_bytes(), strict=args.strict)
    else:
        yield from validator.response(path.read_bytes(), strict=args.strict)


def _without_credentials(vendor: str, validator: Any, data: Any) -> Any:
    """A request file as lint and the spec's examples write it, credentials included: those the
    endpoint takes are the client's business, not the request model's, so they are set aside."""
    import importlib

    if not isinstance(data, dict):
        return data
    api = importlib.import_module(f"generated.{vendor}.client").API
    accepted = validator.operation.auth or tuple(scheme.name for scheme in api.schemes)
    names = {credential.wire for scheme in api.schemes if scheme.name in accepted
             for credential in scheme.credentials}
    return {key: value for key, value in data.items() if key not in names}


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
    validate.add_argument("--strict", action="store_true", help="unknown enum values are errors")
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
