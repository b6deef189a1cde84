"""Benchmark the generated clients against hand-written loops, over loopback from the mock server.

JSON: iterating --records CallGear records (default 100,000) with CallGearClient and
AsyncCallGearClient, against raw httpx (sync and async) + a hand-built JSON-RPC envelope +
json.loads + CallSession.model_validate per record, paging with the same page size (a table
per --page-size: the client validates a page at once, so the page size matters).
CSV: streaming --rows RingCentral rows (default 1,000,000) through the client into row models,
against httpx streaming + csv.reader + the same row model (the quirks cleaned by hand); and the
peak memory (max RSS) of the client's CSV run, in a child process, for --rows/10 and --rows rows.

The mock runs as `callspec mock` in its own process, so its work is not counted against either
side. Times are the best of --repeat runs (median in brackets), client and baseline interleaved;
the best run is the one least disturbed by the rest of the machine, so ratios use it.

    python benchmarks/bench_client.py [--records 100000] [--rows 1000000]
                                      [--page-size 1000 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import platform
import re
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generated.callgear import AsyncCallGearClient, CallGearClient  # noqa: E402
from generated.callgear.models import CallSession  # noqa: E402
from generated.ringcentral import RingCentralEngageClient  # noqa: E402
from generated.ringcentral.client import CALL_DETAIL_REPORT  # noqa: E402
from generated.ringcentral.models import (  # noqa: E402
    CallDetailReportRequestReportCriteria,
    CallDetailReportRow,
)

DATES = {"date_from": "2025-11-01 00:00:00", "date_till": "2025-11-30 23:59:59"}
CRITERIA = {
    "criteriaType": "CASPER_CRITERIA",
    "reportName": "Cloud_Call_Detail_Download",
    "returnType": "CSV",
    "schedule": {"repeatOption": "ONCE"},
}
REPORT_PATH = "/api/v1/admin/accounts/1001/reportsStreaming"
JSON_TARGET = 0.15  # client overhead over the raw loop, at most
CSV_TARGET = 0.8  # client throughput as a share of csv.reader + models, at least
MEMORY_TARGET_MB = 100


# -- the mock, in its own process -------------------------------------------------------------


@contextmanager
def mock_server(records: int, rows: int) -> Iterator[str]:
    """`callspec mock callgear ringcentral --port 0`; yields its URL once it serves."""
    command = [
        sys.executable,
        "-m",
        "generator.cli",
        "mock",
        "callgear",
        "ringcentral",
        "--port",
        "0",
        "--records",
        str(records),
    ]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        found = re.search(r"http://127\.0\.0\.1:\d+", process.stdout.readline())
        if found is None:
            raise RuntimeError("callspec mock did not print its URL")
        url = found[0]
        config = {"vendor": "ringcentral", "records": rows}
        httpx.post(f"{url}/_mock/config", json=config).raise_for_status()
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def credential(url: str, vendor: str, name: str) -> str:
    value: str = httpx.get(f"{url}/_mock/config").json()[vendor]["credentials"][name]
    return value


# -- JSON: CallGear ---------------------------------------------------------------------------


def client_sync(url: str, token: str, page: int) -> int:
    with CallGearClient(access_token=token, server_url=f"{url}/callgear", timeout=60) as client:
        return sum(1 for _ in client.iter_calls_report(**DATES, limit=page))


def client_async(url: str, token: str, page: int) -> int:
    async def run() -> int:
        async with AsyncCallGearClient(
            access_token=token, server_url=f"{url}/callgear", timeout=60
        ) as client:
            count = 0
            async for _ in client.iter_calls_report(**DATES, limit=page):
                count += 1  # counted, not kept: the raw loop keeps nothing either
            return count

    return asyncio.run(run())


def _envelope(token: str, rpc_id: int, offset: int, page: int) -> dict[str, object]:
    params = {"access_token": token, **DATES, "offset": offset, "limit": page}
    return {"jsonrpc": "2.0", "id": rpc_id, "method": "get.calls_report", "params": params}


def _records(content: bytes) -> list[dict[str, object]]:
    body = json.loads(content)
    if "error" in body:
        raise RuntimeError(f"JSON-RPC error: {body['error']}")
    data: list[dict[str, object]] = body["result"]["data"]
    return data


def raw_sync(url: str, token: str, page: int) -> int:
    """What a user would write by hand: same pages, same model, no client."""
    count = offset = 0
    with httpx.Client(timeout=60) as http:
        while True:
            response = http.post(f"{url}/callgear", json=_envelope(token, offset + 1, offset, page))
            response.raise_for_status()
            data = _records(response.content)
            for item in data:
                CallSession.model_validate(item)
            count += len(data)
            if len(data) < page:
                return count
            offset += len(data)


def raw_async(url: str, token: str, page: int) -> int:
    async def run() -> int:
        count = offset = 0
        async with httpx.AsyncClient(timeout=60) as http:
            while True:
                envelope = _envelope(token, offset + 1, offset, page)
                response = await http.post(f"{url}/callgear", json=envelope)
                response.raise_for_status()
                data = _records(response.content)
                for item in data:
                    CallSession.model_validate(item)
                count += len(data)
                if len(data) < page:
                    return count
                offset += len(data)

    return asyncio.run(run())


# -- CSV: RingCentral -------------------------------------------------------------------------


def client_csv(url: str, token: str) -> int:
    criteria = CallDetailReportRequestReportCriteria.model_validate(CRITERIA)
    with RingCentralEngageClient(
        access_token=token, server_url=f"{url}/ringcentral", timeout=60
    ) as client:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            rows = client.call_detail_report(account_id="1001", report_criteria=criteria)
        return sum(1 for _ in rows)


def raw_csv(url: str, token: str) -> int:
    """httpx streaming + csv.reader + the row model; the vendor's quirks cleaned by hand."""
    assert CALL_DETAIL_REPORT.csv is not None
    columns = CALL_DETAIL_REPORT.csv.columns
    body = {
        "reportType": "CASPER_REPORT",
        "reportTypeName": "Cloud_Call_Detail_Download",
        "reportCriteria": CRITERIA,
    }
    headers = {"Authorization": f"Bearer {token}"}
    count = 0
    with httpx.Client(timeout=60) as http:
        with http.stream(
            "POST", f"{url}/ringcentral{REPORT_PATH}", json=body, headers=headers
        ) as response:
            response.raise_for_status()
            for cells in csv.reader(response.iter_lines()):
                row = dict(zip(columns, cells))
                row["uii"] = row["uii"].lstrip("'")
                row["call_state"] = row["call_state"].strip()
                CallDetailReportRow.model_validate(row)
                count += 1
    return count


def _status_mb(field: str) -> float:
    """A memory figure of this process from /proc/self/status (VmRSS now, VmHWM its peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status (Linux only)")


def csv_child(url: str, rows: int) -> None:
    """Child process: RSS before streaming, the client's CSV run, then the peak RSS (JSON out).

    VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the forking parent, while
    VmHWM belongs to this process's own address space.
    """
    httpx.post(f"{url}/_mock/config", json={"vendor": "ringcentral", "records": rows})
    token = credential(url, "ringcentral", "access_token")
    before = _status_mb("VmRSS")
    count = client_csv(url, token)
    print(json.dumps({"rows": count, "before_mb": before, "peak_mb": _status_mb("VmHWM")}))


def memory_run(url: str, rows: int) -> dict[str, float]:
    command = [sys.executable, __file__, "--csv-child", url, "--rows", str(rows)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


# -- measuring and printing --------------------------------------------------------------------


Runner = Callable[[], int]


def measure(pairs: dict[str, Runner], repeat: int, expected: int) -> dict[str, list[float]]:
    """Seconds per run of each runner, the runners interleaved in each round."""
    times: dict[str, list[float]] = {name: [] for name in pairs}
    for _ in range(repeat):
        for name, run in pairs.items():
            started = time.perf_counter()
            count = run()
            times[name].append(time.perf_counter() - started)
            if count != expected:
                raise RuntimeError(f"{name} read {count} items, expected {expected}")
    return times


def row(name: str, runs: list[float], items: int, note: str = "") -> str:
    best, median = min(runs), statistics.median(runs)
    rate = items / best
    return f"  {name:<44} {best:7.2f} s  ({median:6.2f})  {rate:>10,.0f}/s  {note}"


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def json_section(url: str, records: int, page: int, repeat: int) -> None:
    token = credential(url, "callgear", "access_token")
    with CallGearClient(access_token=token, server_url=f"{url}/callgear") as client:
        client.calls_report(**DATES, limit=page)  # warm-up: the mock's record pool
    runs = measure(
        {
            "sync client": lambda: client_sync(url, token, page),
            "sync raw": lambda: raw_sync(url, token, page),
            "async client": lambda: client_async(url, token, page),
            "async raw": lambda: raw_async(url, token, page),
        },
        repeat,
        records,
    )
    calls = records // page + 1
    print(f"\nJSON: {records:,} CallGear records, pages of {page:,} ({calls} JSON-RPC calls)")
    print(f"  {'':<44} {'best':>9}  {'(median)':>8}  {'records/s':>12}")
    for kind, label in (
        ("sync", "CallGearClient.iter_calls_report"),
        ("async", "AsyncCallGearClient.iter_calls_report"),
    ):
        client, raw = runs[f"{kind} client"], runs[f"{kind} raw"]
        overhead = min(client) / min(raw) - 1
        note = (
            f"overhead {overhead:+.1%} (target <= +{JSON_TARGET:.0%}): "
            f"{verdict(overhead <= JSON_TARGET)}"
        )
        print(row(label, client, records, note))
        base = f"raw httpx{'.AsyncClient' if kind == 'async' else ''} + json + CallSession"
        print(row(base, raw, records))


def csv_section(url: str, rows: int, repeat: int) -> None:
    token = credential(url, "ringcentral", "access_token")
    config = f"{url}/_mock/config"
    httpx.post(config, json={"vendor": "ringcentral", "records": 10}).raise_for_status()
    client_csv(url, token)  # warm-up: the mock writes its pool of CSV lines on first use
    httpx.post(config, json={"vendor": "ringcentral", "records": rows}).raise_for_status()
    runs = measure(
        {"client": lambda: client_csv(url, token), "raw": lambda: raw_csv(url, token)}, repeat, rows
    )
    share = min(runs["raw"]) / min(runs["client"])
    print(f"\nCSV: {rows:,} RingCentral rows (no header), streamed into CallDetailReportRow")
    note = f"{share:.2f}x of the baseline (target >= {CSV_TARGET}x): {verdict(share >= CSV_TARGET)}"
    print(row("RingCentralEngageClient.call_detail_report", runs["client"], rows, note))
    print(row("httpx iter_lines + csv.reader + row model", runs["raw"], rows))
    print("  peak memory of the client's CSV run (child process, max RSS):")
    for count in (rows // 10, rows):
        found = memory_run(url, count)
        ok = found["peak_mb"] < MEMORY_TARGET_MB and found["rows"] == count
        print(
            f"    {count:>10,} rows: peak {found['peak_mb']:.0f} MB "
            f"({found['before_mb']:.0f} MB before streaming; target < {MEMORY_TARGET_MB} MB): "
            f"{verdict(ok)}"
        )
    httpx.post(f"{url}/_mock/config", json={"vendor": "ringcentral", "records": rows})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--page-size",
        type=int,
        nargs="+",
        default=[1000, 100],
        help="page sizes to measure, each a separate table (default 1000 100)",
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--csv-child", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.csv_child:
        csv_child(args.csv_child, args.rows)
        return
    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("httpx", "pydantic", "uvicorn")
    )
    with mock_server(args.records, args.rows) as url:
        print(f"callspec client benchmark: mock server (`callspec mock`, own process) at {url}")
        print(
            f"Python {platform.python_version()}, {versions}; best of {args.repeat} runs "
            f"(median in brackets); ratios compare the best runs"
        )
        for page in args.page_size:
            json_section(url, args.records, page, args.repeat)
        csv_section(url, args.rows, args.repeat)


if __name__ == "__main__":
    main()
