"""The async clients over real HTTP: the same pages, errors, retries, CSV and downloads."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from generated.callgear import AsyncCallGearClient
from generated.cinnox import AsyncCINNOXClient
from generated.deepcall import AsyncDeepCallClient
from generated.ringcentral import AsyncRingCentralEngageClient
from generated.ringcentral.models import CallDetailReportRequestReportCriteria
from generated.yeastar import AsyncYeastarPSeriesClient
from generator.mock import file_content
from generator.runtime import (
    APIError,
    AuthError,
    PermissionDenied,
    RetryPolicy,
    ServerError,
    TransportError,
)

from .conftest import FILE_BYTES, RECORDS, Mock

DATES = {"date_from": "2025-11-01 00:00:00", "date_till": "2025-11-30 23:59:59"}


def callgear(mock: Mock, retry: RetryPolicy | None = None) -> AsyncCallGearClient:
    token = mock.creds("callgear")["access_token"]
    return AsyncCallGearClient(access_token=token, server_url=mock.url("callgear"), retry=retry)


async def test_pagination_over_three_pages(mock: Mock) -> None:
    async with callgear(mock) as client:
        ids = [record.id async for record in client.iter_calls_report(**DATES, limit=10)]
    assert ids == list(range(1, RECORDS + 1))
    sent = mock.requests("callgear")
    assert [s["json"]["params"]["offset"] for s in sent] == [0, 10, 20]
    assert {s["rpc_method"] for s in sent} == {"get.calls_report"}


async def test_retries_recover(mock: Mock, retry: RetryPolicy, sleeps: list[float]) -> None:
    mock.fault("drop")
    mock.fault("retry_after", seconds=0.5)
    async with callgear(mock, retry) as client:
        page = await client.calls_report(**DATES, limit=4)
    assert page.result is not None and len(page.result.data or []) == 4
    assert [s["fault"] for s in mock.requests("callgear")] == ["drop", "retry_after", None]
    assert len(sleeps) == 2 and sleeps[1] == 0.5  # async_sleep was used, with Retry-After


async def test_gives_up_with_a_clear_error(mock: Mock, retry: RetryPolicy) -> None:
    mock.fault("status", status=504, count=3)
    async with callgear(mock, retry) as client:
        with pytest.raises(ServerError, match="gave up after 3 attempts"):
            await client.calls_report(**DATES)
    assert len(mock.requests("callgear")) == 3


async def test_a_timeout_is_retried(mock: Mock, retry: RetryPolicy) -> None:
    # Far apart (5 s of latency against a 1.5 s timeout), so a loaded machine cannot blur them.
    mock.fault("latency", seconds=5.0)
    token = mock.creds("cinnox")["app_token"]
    async with AsyncCINNOXClient(
        app_token=token, server_url=mock.url("cinnox"), retry=retry, timeout=1.5
    ) as client:
        page = await client.call_detail(app_id="app1", limit=1)
    assert len(page.result or []) == 1
    faults = [s["fault"] for s in mock.requests("cinnox")]
    assert faults[0] == "latency" and faults[-1] is None


async def test_http_and_in_body_errors(mock: Mock) -> None:
    async with AsyncCINNOXClient(app_token="bad-token", server_url=mock.url("cinnox")) as cinnox:
        with pytest.raises(AuthError) as http_error:
            await cinnox.call_detail(app_id="app1")
    assert http_error.value.status == 401
    mock.fault("vendor_error", code=1015)
    ssid = mock.creds("deepcall")["ssid"]
    async with AsyncDeepCallClient(ssid=ssid, server_url=mock.url("deepcall")) as deepcall:
        with pytest.raises(PermissionDenied) as in_body:
            await deepcall.export_csv()
    assert in_body.value.code == 1015
    async with AsyncYeastarPSeriesClient(
        access_token="bad-token", server_url=mock.url("yeastar")
    ) as yeastar:
        with pytest.raises(APIError) as errcode:
            await yeastar.call_report_download(my_report_id=1)
    assert errcode.value.code == 40100


async def test_two_step_download(mock: Mock, tmp_path: Path, retry: RetryPolicy) -> None:
    mock.fault("drop", endpoint="_files")
    token = mock.creds("yeastar")["access_token"]
    async with AsyncYeastarPSeriesClient(
        access_token=token, server_url=mock.url("yeastar"), retry=retry
    ) as yeastar:
        path = await yeastar.download_call_report_download(dest=tmp_path, my_report_id=1)
    assert path.read_bytes() == file_content(path.name, FILE_BYTES)
    assert [s["endpoint"] for s in mock.requests("yeastar")] == [
        "call_report_download",
        "_files",
        "_files",
    ]


async def test_csv_streaming(mock: Mock) -> None:
    mock.configure("ringcentral", records=1_500)
    token = mock.creds("ringcentral")["access_token"]
    criteria = CallDetailReportRequestReportCriteria(
        criteriaType="CASPER_CRITERIA",
        reportName="Cloud_Call_Detail_Download",
        returnType="CSV",
        schedule={"repeatOption": "ONCE"},
    )
    async with AsyncRingCentralEngageClient(
        access_token=token, server_url=mock.url("ringcentral")
    ) as ringcentral:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            stream = ringcentral.call_detail_report(account_id="1", report_criteria=criteria)
        rows = [row async for row in stream]
    assert len(rows) == 1_500
    assert all(row.uii and row.uii.isdigit() for row in rows)


async def test_a_cut_stream_is_a_transport_error(mock: Mock) -> None:
    mock.configure("ringcentral", records=3_000)
    mock.fault("truncate")
    token = mock.creds("ringcentral")["access_token"]
    criteria = CallDetailReportRequestReportCriteria(
        criteriaType="CASPER_CRITERIA",
        reportName="Cloud_Call_Detail_Download",
        returnType="CSV",
        schedule={"repeatOption": "ONCE"},
    )
    async with AsyncRingCentralEngageClient(
        access_token=token, server_url=mock.url("ringcentral")
    ) as ringcentral:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            stream = ringcentral.call_detail_report(account_id="1", report_criteria=criteria)
        with pytest.raises(TransportError):
            async for _ in stream:
                pass
