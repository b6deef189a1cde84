"""RingCentral over real HTTP: a header-less CSV streamed into row models, bearer auth, 401/400."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from generated.ringcentral import RingCentralEngageClient
from generated.ringcentral.models import CallDetailReportRequestReportCriteria, CallDetailReportRow
from generator.mock import VendorData, load_mock_apis
from generator.runtime import AuthError, TransportError

from .conftest import RECORDS, Mock

REPORT = "/api/v1/admin/accounts/{}/reportsStreaming"
CRITERIA = {
    "criteriaType": "CASPER_CRITERIA",
    "reportName": "Cloud_Call_Detail_Download",
    "returnType": "CSV",
    "schedule": {"repeatOption": "ONCE"},
}


def client(mock: Mock, **options: Any) -> RingCentralEngageClient:
    token = options.pop("access_token", mock.creds("ringcentral")["access_token"])
    return RingCentralEngageClient(
        access_token=token, server_url=mock.url("ringcentral"), **options
    )


def rows(ringcentral: RingCentralEngageClient, **criteria: Any) -> Iterator[CallDetailReportRow]:
    criteria = {**CRITERIA, **criteria}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the endpoint is deprecated
        return ringcentral.call_detail_report(
            account_id="1001", report_criteria=CallDetailReportRequestReportCriteria(**criteria)
        )


def raw(mock: Mock, body: object, token: str | None = None) -> httpx.Response:
    token = token if token is not None else mock.creds("ringcentral")["access_token"]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.post(mock.url("ringcentral") + REPORT.format("1001"), json=body, headers=headers)


def expected_rows(count: int) -> list[dict[str, str]]:
    """What the mock wrote, cleaned the way the vendor means it: no apostrophe, no padding."""
    (api,) = load_mock_apis(["ringcentral"], Path("specs"))
    endpoint = next(e for e in api.endpoints if e.name == "call_detail_report")
    cleaned = []
    for row in VendorData(api).csv_rows(endpoint, count):
        cells = {name: value.strip() for name, value in row.items()}
        cells["uii"] = cells["uii"].removeprefix("'")
        cleaned.append(cells)
    return cleaned


def test_csv_rows_stream_into_row_models(mock: Mock) -> None:
    with client(mock) as ringcentral:
        got = list(
            rows(
                ringcentral, groupBy="PROFILE", cloudProfileGroupIds=[None, 1], cloudProfileIds=[11]
            )
        )
    assert len(got) == RECORDS
    assert all(isinstance(row, CallDetailReportRow) for row in got)
    expected = CallDetailReportRow.model_validate(expected_rows(1)[0])
    assert got[0] == expected
    assert got[0].uii is not None and got[0].uii.isdigit()  # the apostrophe is gone
    assert got[0].call_state == "COMPLETE"  # the padding is gone
    (sent,) = mock.requests("ringcentral")
    assert sent["json"]["reportType"] == "CASPER_REPORT"
    assert sent["json"]["reportCriteria"]["cloudProfileGroupIds"] == [None, 1]


def test_deprecation_is_announced(mock: Mock) -> None:
    with client(mock) as ringcentral:
        with pytest.warns(DeprecationWarning, match="deprecated"):
            ringcentral.call_detail_report(
                account_id="1", report_criteria=CallDetailReportRequestReportCriteria(**CRITERIA)
            )


def test_the_wire_csv_has_the_vendor_quirks(mock: Mock) -> None:
    response = raw(mock, {"reportCriteria": CRITERIA})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv"
    lines = response.text.splitlines()
    assert len(lines) == RECORDS  # no header row
    first = lines[0].split(",")
    assert first[2].startswith("'2") and first[16] == "COMPLETE" + " " * 12


def test_many_rows_stream_in_blocks(mock: Mock) -> None:
    mock.configure("ringcentral", records=2_345)
    with client(mock) as ringcentral:
        count = sum(1 for _ in rows(ringcentral))
    assert count == 2_345


def test_auth_errors_are_http_401(mock: Mock) -> None:
    assert raw(mock, {"reportCriteria": CRITERIA}, token="").status_code == 401
    with client(mock, access_token="stale-token") as ringcentral:
        with pytest.raises(AuthError) as caught:
            list(rows(ringcentral))
    assert caught.value.status == 401
    assert mock.requests("ringcentral")[-1]["status"] == 401


@pytest.mark.parametrize(
    ("body", "word"),
    [
        ({}, "reportCriteria"),
        ({"reportCriteria": {**CRITERIA, "returnType": "JSON"}}, "returnType"),
        ({"reportCriteria": {**CRITERIA, "groupBy": "PROFILE"}}, "cloudProfileGroupIds"),
        ({"reportCriteria": {**CRITERIA, "cloudDestinationIds": [1]}}, "only when"),
    ],
)
def test_invalid_requests_are_http_400(mock: Mock, body: object, word: str) -> None:
    response = raw(mock, body)
    assert response.status_code == 400
    assert word in response.json()["message"]


def test_a_cut_stream_is_a_transport_error(mock: Mock) -> None:
    mock.configure("ringcentral", records=3_000)
    mock.fault("truncate")
    with client(mock) as ringcentral:
        stream = rows(ringcentral)
        with pytest.raises(TransportError, match="connection failed"):
            for _ in stream:
                pass
    assert len(mock.requests("ringcentral")) == 1  # not idempotent: never sent twice


def test_supporting_endpoints(mock: Mock) -> None:
    with client(mock) as ringcentral:
        assert ringcentral.list_accounts() == {}
        ringcentral.get_input_controls(account_id="1001", user_id="u 7", products="CLOUD_PROFILE")
    sent = mock.requests("ringcentral")
    assert sent[-1]["path"].endswith("/accounts/1001/users/u%207/reports/inputControls")
    assert sent[-1]["query"] == {"products": "CLOUD_PROFILE"}
