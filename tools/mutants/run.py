"""The mutation campaign: each mutant in a scratch copy, regenerated, then the whole suite.

    python -m tools.mutants [--only ID …] [--jobs N] [--timeout S] [--check] [--baseline]
                            [--rev COMMIT] [--tests PATH …] [--hints FILE]

Per mutant: copy the checkout (or `--rev`'s files) into a temporary folder, put the bug in, run
`callspec generate` there (a generator bug reaches generated/, so `callspec check` cannot be
what catches it), then `pytest -x` on the copy, with this checkout's venv and PYTHONPATH=<copy>
(checked: both `generator` and `generated` must import from the copy), the mutated area's tests
first. Outcomes: caught, survived, stale (the find text is not there exactly once),
broken-generation (the generator crashed: caught), timeout (a hang: caught), equivalent (marked
so in mutants.yaml after analysis: not run, not counted), error (the campaign itself failed:
not counted). The rate is the caught share of the mutants that ran.

A whole-suite run takes 10-15 minutes on a loaded machine, so two screens exist: `--tests`
(the area's tests and these paths only) and `--hints` (per mutant, only the test expected to
catch it). A screen's "caught" is a catch by the suite; its "survived" is not, until the mutant
has run against the whole suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import yaml

from tools.mutants.catalogue import MUTANTS_FILE, Mutant, apply, load, locate
from tools.mutants.report import table, write_json
from tools.mutants.scratch import copy_checkout, export_commit, head_commit

__all__ = ["main", "Result", "TEST_ORDER"]

REPO = Path(__file__).resolve().parents[2]
PYTHON = REPO / ".venv" / "bin" / "python"
# Fast, broad tests first: with -x a caught mutant stops at its first failure. Whatever else
# tests/ holds runs after these, so the whole suite always runs for a survivor.
TEST_ORDER = (
    "tests/specs/test_lint.py",
    "tests/emit",
    "tests/runtime",
    "tests/features/test_wire.py",
    "tests/features",
    "tests/generated",
    "tests/e2e",
    "tests/datacheck",
    "tests/docs",
    "tests/specs",
    "tests/test_layering.py",
)
# The tests closest to what a mutant touches run first (its first failure comes sooner); the
# order changes nothing else: every test of the suite still runs for a survivor.
AREA_FIRST = (
    ("generator/runtime/", ("tests/runtime",)),
    ("generator/mock/", ("tests/features/test_mock.py", "tests/features/test_auth_mock.py")),
    ("generator/spec/", ("tests/specs/test_lint.py",)),
    ("generator/", ("tests/features/test_wire.py", "tests/emit")),
)


@dataclass
class Result:
    id: str
    description: str
    outcome: str
    file: str = ""
    seconds: float = 0.0
    detail: str = ""  # the catching test, or why stale / broken / an error
    tail: str = ""  # the end of the output of the step that decided


def _test_paths(root: Path, mutated: str = "", only: list[str] | None = None) -> list[str]:
    """The area of `mutated` first, then TEST_ORDER, then every other test module or package
    under tests/ (none left out); `only`: the area's tests and these (a screen, not the suite)."""
    first = next((tests for prefix, tests in AREA_FIRST if mutated.startswith(prefix)), ())
    if only:
        return list(dict.fromkeys(p for p in (*first, *only) if (root / p).exists()))
    paths = list(dict.fromkeys(p for p in (*first, *TEST_ORDER) if (root / p).exists()))
    covered = {Path(path) for path in paths}
    for entry in sorted((root / "tests").iterdir()):
        relative = entry.relative_to(root)
        is_test = entry.is_dir() and (entry / "__init__.py").exists() or \
            entry.name.startswith("test_") and entry.suffix == ".py"
        if is_test and not any(relative == c or c in relative.parents for c in covered):
            paths.append(str(relative))
    return paths


def _environment(scratch: Path, cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(PYTHONPATH=str(scratch), CALLSPEC_CACHE_DIR=str(cache),
               PYTHONDONTWRITEBYTECODE="1")
    env.pop("VIRTUAL_ENV", None)
    return env


def _run(command: list[str], cwd: Path, env: dict[str, str],
         timeout: float) -> tuple[int | None, str]:
    """(exit code or None on timeout, output); a timeout kills the whole process group."""
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        try:
            code: int | None = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the suite and the servers it started
            process.wait()
            code = None
        log.seek(0)
        return code, log.read().decode("utf-8", "replace")


def _tail(output: str, lines: int = 25) -> str:
    return "\n".join(output.rstrip().splitlines()[-lines:])


def _first_failure(output: str) -> str:
    """The first FAILED/ERROR line of pytest's summary, or the last line of output."""
    for line in output.splitlines():
        if line.startswith(("FAILED ", "ERROR ")):
            return line[:300]
    return (output.strip().splitlines() or [""])[-1][:300]


_IMPORTS = ("import generator, generated; "
            "print(generator.__file__); print(list(generated.__path__)[0])")


def _check_imports(scratch: Path, env: dict[str, str]) -> str | None:
    """None when `generator` and `generated` import from the scratch copy, else what did."""
    code, output = _run([str(PYTHON), "-c", _IMPORTS], scratch, env, 120)
    places = output.strip().splitlines()
    if code != 0 or len(places) != 2 or not all(p.startswith(str(scratch)) for p in places):
        return f"imports do not resolve to the scratch copy: {output.strip()[:300]}"
    return None


def _suite(scratch: Path, env: dict[str, str], mutated: str,
           options: argparse.Namespace, hint: list[str] | None = None) -> Result:
    """The suite on a prepared copy, as a Result without id (caught / survived / timeout);
    `hint`: only these pytest arguments (the test expected to catch the mutant: a screen)."""
    # -q comes from pyproject's addopts; a second one would hide the "N passed" line.
    command = [str(PYTHON), "-m", "pytest", "-x", "-p", "no:cacheprovider",
               *(hint or _test_paths(scratch, mutated, options.tests))]
    if not options.slow:
        command += ["-m", "not slow"]
    timeout = options.timeout
    code, output = _run(command, scratch, env, timeout)
    if code is None:
        return Result("", "", "timeout", detail=f"suite still running after {timeout:.0f} s",
                      tail=_tail(output))
    if code == 0:
        return Result("", "", "survived", detail=_tail(output, 1), tail=_tail(output, 3))
    if code in (1, 2, 3):  # failures, interrupted (collection errors), internal error
        return Result("", "", "caught", detail=_first_failure(output), tail=_tail(output))
    return Result("", "", "error", detail=f"pytest exit code {code}", tail=_tail(output))


def run_mutant(mutant: Mutant | None, options: argparse.Namespace, cache: Path) -> Result:
    """One mutant (None: the unmutated baseline) from copy to verdict."""
    ident = mutant.id if mutant else "baseline"
    about = mutant.description if mutant else "the suite on the unmutated checkout"
    if mutant is not None and mutant.equivalent:
        return Result(ident, about, "equivalent", detail=mutant.equivalent)
    started = time.monotonic()
    scratch = Path(tempfile.mkdtemp(prefix=f"callspec-mutant-{ident}-"))
    try:
        if options.rev:
            export_commit(REPO, options.rev, scratch)
        else:
            copy_checkout(REPO, scratch)
        result = _mutate_and_test(mutant, scratch, options, cache)
    finally:
        if options.keep:
            print(f"  kept {scratch}", flush=True)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    result.id, result.description = ident, about
    result.seconds = round(time.monotonic() - started, 1)
    return result


def _mutate_and_test(mutant: Mutant | None, scratch: Path, options: argparse.Namespace,
                     cache: Path) -> Result:
    where = ""
    if mutant is not None:
        path, where = locate(scratch, mutant)
        if path is None:
            return Result("", "", "stale", detail=where)
        apply(path, mutant)
    env = _environment(scratch, cache)
    problem = _check_imports(scratch, env)
    if problem:
        return Result("", "", "error", where, detail=problem)
    code, output = _run([str(PYTHON), "-m", "generator.console", "generate"], scratch, env,
                        options.timeout)
    if code != 0:
        what = "timed out" if code is None else f"exit code {code}"
        return Result("", "", "broken-generation", where, detail=f"generate {what}: "
                      f"{_first_failure(output)}", tail=_tail(output))
    hint = options.hints.get(mutant.id) if mutant is not None else None
    result = _suite(scratch, env, where, options, hint)
    result.file = where
    return result


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tools.mutants", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", metavar="ID", help="run only these mutants")
    parser.add_argument("--jobs", type=int, default=1, help="mutants at once (default 1)")
    parser.add_argument("--timeout", type=float, default=1500.0,
                        help="seconds per step (generate, suite) before it counts as a hang")
    parser.add_argument("--report", type=Path, default=REPO / "tools/mutants/report.json")
    parser.add_argument("--mutants", type=Path, default=MUTANTS_FILE)
    parser.add_argument("--check", action="store_true",
                        help="only check that every find text occurs exactly once")
    parser.add_argument("--baseline", action="store_true",
                        help="first run the suite unmutated; stop if it fails")
    parser.add_argument("--slow", action="store_true", help="include tests marked slow (wheel)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch copies")
    parser.add_argument("--rev", help="test this commit's files (default: the working tree, "
                        "uncommitted edits included)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) /
                        "callspec-mutants-cache", help="generation cache shared by the mutants "
                        "(content-addressed, so kept between campaigns)")
    parser.add_argument("--hints", type=Path, help="YAML: mutant id → pytest arguments run "
                        "instead of the suite for it (a quick screen of a predicted catch)")
    parser.add_argument("--tests", nargs="+", metavar="PATH",
                        help="run only these test paths (a screen: `survived` then means "
                        "survived these tests, not the suite)")
    return parser.parse_args(argv)


def _selected(options: argparse.Namespace) -> list[Mutant]:
    hints = yaml.safe_load(options.hints.read_text(encoding="utf-8")) if options.hints else {}
    options.hints = {str(key): [str(arg) for arg in value] for key, value in hints.items()}
    mutants = load(options.mutants)
    if options.only:
        unknown = sorted(set(options.only) - {m.id for m in mutants})
        if unknown:
            raise SystemExit(f"unknown mutant id(s): {', '.join(unknown)}")
        by_id = {m.id: m for m in mutants}
        mutants = [by_id[ident] for ident in dict.fromkeys(options.only)]  # in the order given
    return mutants


def _check(mutants: list[Mutant]) -> int:
    """Locate every mutant in the checkout itself; exit 1 when any is stale."""
    stale = 0
    for mutant in mutants:
        path, where = locate(REPO, mutant)
        stale += path is None
        print(f"{mutant.id:<42} {'ok   ' if path else 'STALE'} {where}")
    print(f"{len(mutants)} mutants, {stale} stale")
    return 1 if stale else 0


def main(argv: list[str] | None = None) -> int:
    options = _arguments(argv)
    mutants = _selected(options)
    if options.check:
        return _check(mutants)
    commit, dirty = head_commit(REPO)
    if options.rev:
        commit, dirty = subprocess.run(["git", "rev-parse", options.rev], cwd=REPO, check=True,
                                       capture_output=True, text=True).stdout.strip(), False
    meta = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "commit": commit,
            "dirty": dirty, "timeout": options.timeout, "slow_tests": options.slow,
            "test_order": _test_paths(REPO, only=options.tests),
            "screen_only": bool(options.tests or options.hints), "hints": options.hints}
    cache = options.cache
    cache.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    if options.baseline:
        base = run_mutant(None, options, cache)
        verdict = "passed" if base.outcome == "survived" else base.outcome
        print(f"baseline: {verdict} in {base.seconds:.0f} s {base.detail}", flush=True)
        if base.outcome != "survived":
            print(base.tail)
            return 2
    with ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
        for result in pool.map(lambda m: run_mutant(m, options, cache), mutants):
            results.append(result)
            print(f"{result.id}: {result.outcome} in {result.seconds:.0f} s "
                  f"{result.detail[:160]}", flush=True)
            write_json(options.report, meta, results)  # partial results survive a stop
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
