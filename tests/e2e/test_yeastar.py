"""Yeastar over real HTTP: token in the query, errcode in HTTP 200, versioned api_path, download."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest


from generated.yeastar import YeastarPSeriesClient
from generator.mock import file_content
from generator.runtime import APIError, RequestError, RetryPolicy

from .conftest import FILE_BYTES, Mock

IVR = {"type": "ivr", "ivr_id_list": "1", "start_time": "2025/12/01 00:00:00"}
FILE = "QueueSatisfaction-x.7.0.7-download-20220608094753-ejP6Z6htIfhsCQbP.csv"


def client(mock: Mock, api_path: str = "", **options: Any) -> YeastarPSeriesClient:
    token = options.pop("access_token", mock.creds("yeastar")["access_token"])
    url = mock.url("yeastar") + (f"/{api_path}" if api_path else "")
    return YeastarPSeriesClient(access_token=token, server_url=url, **options)


def raw(mock: Mock, path: str, **params: Any) -> dict[str, Any]:
    response = httpx.get(mock.url("yeastar") + path, params=params)
    assert response.status_code == 200  # Yeastar reports errors inside HTTP 200
    body: dict[str, Any] = response.json()
    return body


def test_happy_path_answers_from_the_spec_example(mock: Mock) -> None:
    with client(mock) as yeastar:
        answer = yeastar.call_report_download(**IVR)
    assert (answer.errcode, answer.errmsg) == (0, "SUCCESS")
    assert answer.download_resource_url == f"/yeastar/_files/call_report_download/{FILE}"
    (sent,) = mock.requests("yeastar")
    assert sent["query"] == {**IVR, "access_token": mock.creds("yeastar")["access_token"]}


@pytest.mark.parametrize("api_path", ["openapi/v2.0", "openapi/v1.0"])
def test_the_versioned_api_path_is_served(mock: Mock, api_path: str) -> None:
    with client(mock, api_path) as yeastar:
        assert yeastar.call_report_download(my_report_id=3).errcode == 0
    assert mock.requests("yeastar")[0]["path"] == f"/yeastar/{api_path}/call_report/download"


def test_an_api_path_outside_the_enum_is_not_found(mock: Mock) -> None:
    response = httpx.get(mock.url("yeastar") + "/openapi/v3.0/call_report/download")
    assert response.status_code == 404


def test_two_step_download_carries_the_token(mock: Mock, tmp_path: Path) -> None:
    with client(mock, "openapi/v2.0") as yeastar:
        path = yeastar.download_call_report_download(dest=tmp_path, **IVR)
    assert path == tmp_path / FILE
    assert path.read_bytes() == file_content(FILE, FILE_BYTES)
    first, second = mock.requests("yeastar")
    assert second["path"] == f"/yeastar/_files/call_report_download/{FILE}"  # joined to the origin, not the api_path
    assert second["query"] == {"access_token": mock.creds("yeastar")["access_token"]}


def test_the_file_route_checks_the_token(mock: Mock) -> None:
    assert raw(mock, f"/_files/call_report_download/{FILE}")["errcode"] == 40100
    assert raw(mock, f"/_files/call_report_download/{FILE}", access_token="guess")["errcode"] == 40100
    token = mock.creds("yeastar")["access_token"]
    ok = httpx.get(mock.url("yeastar") + f"/_files/call_report_download/{FILE}", params={"access_token": token})
    assert ok.status_code == 200 and ok.content == file_content(FILE, FILE_BYTES)


def test_wrong_token_is_an_errcode_inside_http_200(mock: Mock) -> None:
    with client(mock, access_token="expired-token") as yeastar:
        with pytest.raises(APIError) as caught:
            yeastar.call_report_download(**IVR)
    # No code table in the spec: a plain APIError carrying the vendor's errcode.
    assert type(caught.value) is APIError
    assert (caught.value.code, caught.value.status) == (40100, None)


def test_rules_are_checked_by_the_mock(mock: Mock) -> None:
    token = mock.creds("yeastar")["access_token"]
    both = raw(
        mock,
        "/call_report/download",
        access_token=token,
        type="ivr",
        my_report_id=1,
        ivr_id_list="1",
    )
    assert both["errcode"] == 40000 and "exactly one of type, my_report_id" in both["errmsg"]
    missing = raw(mock, "/call_report/download", access_token=token, type="ivr")
    assert missing["errcode"] == 40000 and "ivr_id_list required" in missing["errmsg"]


def test_the_client_checks_the_rules_before_sending(mock: Mock) -> None:
    with client(mock) as yeastar:
        with pytest.raises(RequestError, match="exactly one of"):
            yeastar.call_report_download(type="ivr", my_report_id=1, ivr_id_list="1")
    assert mock.requests("yeastar") == []


def test_retries_both_steps_of_a_download(mock: Mock, tmp_path: Path, retry: RetryPolicy) -> None:
    mock.fault("status", status=500, endpoint="call_report_download")
    mock.fault("truncate", endpoint="call_report_download")
    mock.fault("drop", endpoint="_files")
    with client(mock, retry=RetryPolicy(max_attempts=4, sleep=retry.sleep)) as yeastar:
        path = yeastar.download_call_report_download(dest=tmp_path, my_report_id=9)
    assert path.read_bytes() == file_content(FILE, FILE_BYTES)
    faults = [(s["endpoint"], s["fault"]) for s in mock.requests("yeastar")]
    assert faults == [
        ("call_report_download", "status"),
        ("call_report_download", "truncate"),
        ("call_report_download", None),
        ("_files", "drop"),
        ("_files", None),
    ]
