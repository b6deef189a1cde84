"""Benchmark generation and the generated validators, each beside its named baseline.

Generation (cold processes, the median of --repeat runs): `callspec generate` with an empty
cache and with a warm one, and `callspec check` with nothing changed, for the five specs and
for synthetic specs scaled to 10x and 50x the CallGear endpoint — against the
datamodel-code-generator CLI on the same JSON Schemas with its default formatting
(black + isort). Beside each case, the floor: loading the spec, then black (one pass over the
generated Python) and datamodel-code-generator perfectly parallel — what any design with these
tools needs on this machine, so that a target can be checked against it. Validators: 100,000 CallGear records (JSON bytes in) through the generated
validator, a plain pydantic TypeAdapter on equivalent plain models, and msgspec (the ceiling).

    python benchmarks/bench_generate.py [--repeat 3] [--records 100000] [--skip-scaled]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import write_scaled_callgear  # noqa: E402
from generator.emit.format import black_mode  # noqa: E402
from generator.emit.models import json_schema, model_jobs, run_model_job  # noqa: E402
from generator.paths import SPECS_DIR, spec_files  # noqa: E402
from generator.pipeline import load_apis  # noqa: E402

BIN = Path(sys.executable).parent


def _run(command: list[str], env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True,
                   env={**os.environ, **(env or {})})
    return time.perf_counter() - started


def _median(repeat: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(repeat))


def _callspec(command: str, specs: Path, out: Path, cache: Path) -> float:
    return _run([str(BIN / "callspec"), command, "--specs", str(specs), "--out", str(out)],
                {"CALLSPEC_CACHE_DIR": str(cache)})


def _datamodel_codegen(schemas: list[Path], out: Path) -> float:
    """One CLI process per spec, default formatting (black + isort), as a user would run it."""
    return sum(_run([str(BIN / "datamodel-codegen"), "--input", str(schema), "--input-file-type",
                     "jsonschema", "--output-model-type", "pydantic_v2.BaseModel", "--output",
                     str(out / f"{schema.stem}.py")]) for schema in schemas)


def _case(name: str, specs: Path, work: Path, repeat: int) -> dict[str, float | str]:
    out, cache, schemas = work / "generated", work / "cache", work / "schemas"
    schemas.mkdir(parents=True)
    for api in load_apis(spec_files(specs)):
        (schemas / f"{api.vendor_id}.json").write_text(json.dumps(json_schema(api)))

    def cold() -> float:
        shutil.rmtree(cache, ignore_errors=True)
        return _callspec("generate", specs, out, cache)

    result: dict[str, float | str] = {"case": name}
    result["cold"] = _median(repeat, cold)
    result["warm"] = _median(repeat, lambda: _callspec("generate", specs, out, cache))
    result["check"] = _median(repeat, lambda: _callspec("check", specs, out, cache))
    result["baseline"] = _median(repeat, lambda: _datamodel_codegen(
        sorted(schemas.glob("*.json")), work))
    result.update(_tool_floor(specs, out))
    return result


def _tool_floor(specs: Path, out: Path) -> dict[str, float]:
    """What no design of `callspec generate` avoids, timed in this process, warmed up: loading
    the specs (the IR every later step needs, so it comes first), black, one pass, over every
    generated Python file, and datamodel-code-generator over the same runs the generator makes.
    Docs, process start and moving work between processes are not counted."""
    import black

    sources = [path.read_text(encoding="utf-8") for path in sorted(out.rglob("*.py"))]
    paths = spec_files(specs)
    load_apis(paths)  # imports are not counted
    load = _timed_without_gc(lambda: load_apis(paths))  # as the generator collects: rarely
    jobs = [job for api in load_apis(paths) for job in model_jobs(api)]
    run_model_job(jobs[0])  # nor is template compilation
    started = time.perf_counter()
    for source in sources:
        black.format_str(source, mode=black_mode())
    black_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for job in jobs:
        run_model_job(job)
    return {"python_mb": sum(map(len, sources)) / 1e6, "load": load, "black": black_seconds,
            "datamodel": time.perf_counter() - started}


def bench_generation(repeat: int, scaled: bool) -> list[dict[str, float | str]]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        five = base / "five" / "specs"
        shutil.copytree(SPECS_DIR, five, ignore=shutil.ignore_patterns("*.md", "*.json"))
        rows.append(_case("five specs", five, base / "five", repeat))
        for copies in (10, 50) if scaled else ():
            specs = base / f"x{copies}" / "specs"
            write_scaled_callgear(copies, specs)
            rows.append(_case(f"CallGear x{copies}", specs, base / f"x{copies}",
                              repeat if copies < 50 else max(1, repeat - 1)))
    return rows


def print_generation(rows: list[dict[str, float | str]]) -> None:
    print("\nGeneration (seconds, cold process, median)")
    header = (f"{'case':<14} {'callspec cold':>14} {'warm cache':>11} {'check':>7} "
              f"{'datamodel-codegen CLI':>22} {'speed-up':>9}")
    print(header)
    print("-" * len(header))
    for row in rows:
        ratio = float(row["baseline"]) / float(row["cold"])
        print(f"{row['case']:<14} {row['cold']:>14.2f} {row['warm']:>11.2f} {row['check']:>7.2f} "
              f"{row['baseline']:>22.2f} {ratio:>8.2f}x")
    cores = os.cpu_count() or 1
    print(f"\nThe floor: load, then black and datamodel-codegen perfectly parallel on {cores} cores")
    header = (f"{'case':<14} {'Python out':>10} {'load':>6} {'black':>7} {'datamodel-codegen':>18} "
              f"{'floor':>7} {'callspec cold':>14} {'CLI / 2.5':>10}")
    print(header)
    print("-" * len(header))
    for row in rows:
        tools = (float(row["black"]) + float(row["datamodel"])) / cores
        print(f"{row['case']:<14} {float(row['python_mb']):>8.2f}MB {float(row['load']):>6.2f} "
              f"{float(row['black']):>7.2f} {float(row['datamodel']):>18.2f} "
              f"{float(row['load']) + tools:>7.2f} {float(row['cold']):>14.2f} "
              f"{float(row['baseline']) / 2.5:>10.2f}")
    scaled = {str(row["case"]): float(row["cold"]) for row in rows}
    if "CallGear x10" in scaled and "CallGear x50" in scaled:
        growth = scaled["CallGear x50"] / scaled["CallGear x10"]
        print(f"growth x10 -> x50: {growth:.2f}x for 5x the spec (linear would be 5.00x)")


def _timed_without_gc(run: Callable[[], object]) -> float:
    """One run, with the garbage of earlier runs collected first and none collected during."""
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        run()
        return time.perf_counter() - started
    finally:
        gc.enable()


def bench_validators(records: int, repeat: int) -> None:
    import msgspec
    from pydantic import TypeAdapter

    from benchmarks.baselines import msgspec_struct, plain_pydantic
    from generated.callgear import models, validators
    from generator.mock.samples import Sampler

    [api] = load_apis([SPECS_DIR / "callgear.yaml"])
    sampler = Sampler(api)
    body = json.dumps([sampler.record("CallSession", row) for row in range(records)]).encode()
    plain = TypeAdapter(list[plain_pydantic(models.CallSession)])  # type: ignore[misc]
    struct = list[msgspec_struct(models.CallSession)]  # type: ignore[misc]
    generated = validators.calls_report

    contenders: dict[str, Callable[[], object]] = {
        "generated": lambda: generated.records(body),
        "baseline": lambda: plain.validate_json(body),
        "ceiling": lambda: msgspec.json.decode(body, type=struct),
    }
    problems = generated.records(body)
    assert problems == [], problems[:3]
    timings: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeat):  # interleaved, so drift on the machine hits all three alike
        for name, run in contenders.items():
            timings[name].append(_timed_without_gc(run))
    ours, baseline, ceiling = (min(timings[name]) for name in contenders)
    print(f"\nValidators: {records:,} CallGear records, {len(body) / 1e6:.1f} MB of JSON (best of {repeat})")
    print(f"{'validator':<44} {'records/s':>12} {'vs TypeAdapter':>15}")
    for name, seconds in (("generated validators.calls_report.records", ours),
                          ("plain pydantic TypeAdapter (baseline)", baseline),
                          ("msgspec (ceiling)", ceiling)):
        print(f"{name:<44} {records / seconds:>12,.0f} {baseline / seconds:>14.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--skip-scaled", action="store_true", help="only the five real specs")
    args = parser.parse_args()
    print_generation(bench_generation(args.repeat, not args.skip_scaled))
    bench_validators(args.records, args.repeat)


if __name__ == "__main__":
    main()
