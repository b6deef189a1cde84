"""The mock itself: control plane, routing answers, settings, and the `callspec mock` command."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from generated.callgear import CallGearClient
from generator.runtime import APIError

from .conftest import Mock

ROOT = Path(__file__).resolve().parents[2]
DATES = {"date_from": "2025-11-01 00:00:00", "date_till": "2025-11-30 23:59:59"}


def test_unknown_paths_and_methods(mock: Mock) -> None:
    missing = httpx.get(mock.server.url + "/nobody/calls")
    assert missing.status_code == 404 and "/callgear" in missing.json()["message"]
    wrong = httpx.get(mock.url("callgear"))
    assert wrong.status_code == 405 and wrong.headers["allow"] == "POST"


def test_bad_faults_and_settings_are_refused(mock: Mock) -> None:
    control = mock.http
    assert control.post("/_mock/faults", json={"kind": "explode"}).status_code == 400
    assert control.post("/_mock/faults", json={"kind": "drop", "count": 0}).status_code == 400
    assert control.post("/_mock/faults", json={"kind": "vendor_error"}).status_code == 400
    assert control.post("/_mock/faults", content=b"{").status_code == 400
    assert control.post("/_mock/config", json={"records": -1}).status_code == 400
    answer = control.post("/_mock/config", json={"vendor": "cinnox", "credentials": {"ssid": "x"}})
    assert answer.status_code == 400 and "no credential 'ssid'" in answer.json()["error"]
    assert control.get("/_mock/nothing").status_code == 404
    assert mock.faults() == []


def test_settings_apply_and_reset_restores_them(mock: Mock) -> None:
    old = mock.creds("callgear")["access_token"]
    mock.configure("callgear", records=4, credentials={"access_token": "rotated-token"})
    with CallGearClient(access_token="rotated-token", server_url=mock.url("callgear")) as client:
        assert len(list(client.iter_calls_report(**DATES))) == 4
    mock.fault("status", count=3)
    mock.reset()
    assert mock.requests() == [] and mock.faults() == []
    assert mock.creds("callgear")["access_token"] == old
    with CallGearClient(access_token="rotated-token", server_url=mock.url("callgear")) as client:
        try:
            client.calls_report(**DATES)
        except APIError as error:
            assert error.code == -32001
        else:
            raise AssertionError("the rotated token still worked after reset")


def test_faults_are_taken_in_order_and_by_endpoint(mock: Mock) -> None:
    mock.fault("status", status=500, vendor="deepcall", endpoint="export_csv_bulk")
    mock.fault("not_json", count=2)
    summary = mock.http.get("/_mock").json()
    assert [f["kind"] for f in summary["faults"]] == ["status", "not_json"]
    assert summary["vendors"]["yeastar"]["url"] == mock.url("yeastar")
    httpx.get(mock.url("cinnox") + "/v1/api/apps/a/data/call-detail")
    assert [f["count"] for f in mock.faults()] == [1, 1]  # the first fault did not match
    assert mock.requests()[-1]["fault"] == "not_json"


def test_the_cli_serves_until_interrupted() -> None:
    command = [
        sys.executable,
        "-m",
        "generator.cli",
        "mock",
        "callgear",
        "--port",
        "0",
        "--records",
        "3",
        "--seed",
        "11",
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+", banner)
        assert url is not None, banner
        line = process.stdout.readline()
        assert "/callgear" in line and "access_token=mock-callgear-access_token" in line
        with CallGearClient(
            access_token="mock-callgear-access_token", server_url=f"{url[0]}/callgear"
        ) as client:
            assert len(list(client.iter_calls_report(**DATES))) == 3
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
