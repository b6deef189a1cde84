"""DeepCall over real HTTP: auth alternatives in the body, errors in HTTP 200, two-step download."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from generated.deepcall import DeepCallClient
from generated.deepcall.models import ReportFilter
from generator.mock import file_content
from generator.runtime import (
    APIError,
    AuthError,
    ConfigError,
    PermissionDenied,
    RetryPolicy,
    ServerError,
    ValidationFailed,
)

from .conftest import FILE_BYTES, Mock

EXPORT = "/callreport/exportCsv/"
FILTER = ReportFilter(dtGte="2025-11-20 00:00:00", dtLte="2025-11-23 23:59:59")


def session(mock: Mock, **options: Any) -> DeepCallClient:
    ssid = options.pop("ssid", mock.creds("deepcall")["ssid"])
    return DeepCallClient(ssid=ssid, server_url=mock.url("deepcall"), **options)


def user_token(mock: Mock) -> DeepCallClient:
    creds = mock.creds("deepcall")
    return DeepCallClient(
        user_id=creds["userId"], token=creds["token"], server_url=mock.url("deepcall")
    )


def post(mock: Mock, body: object) -> dict[str, Any]:
    response = httpx.post(mock.url("deepcall") + EXPORT, json=body)
    assert response.status_code == 200  # DeepCall reports errors inside HTTP 200
    answer: dict[str, Any] = response.json()
    return answer


def test_export_with_a_session(mock: Mock) -> None:
    with session(mock) as deepcall:
        answer = deepcall.export_csv(filter=FILTER, module="MASK_REPORT")
    assert answer.status == "success"
    assert answer.data is not None and answer.data.url is not None
    assert answer.data.url.startswith(mock.server.url + "/deepcall/_files/")
    (sent,) = mock.requests("deepcall")
    assert sent["json"]["ssid"] == mock.creds("deepcall")["ssid"]
    assert sent["json"]["filter"] == {
        "dtGte": "2025-11-20 00:00:00",
        "dtLte": "2025-11-23 23:59:59",
    }
    assert sent["json"]["module"] == "MASK_REPORT"


def test_export_with_user_and_token(mock: Mock) -> None:
    with user_token(mock) as deepcall:
        assert deepcall.export_csv().status == "success"
    (sent,) = mock.requests("deepcall")
    assert {"userId", "token"} <= set(sent["json"]) and "ssid" not in sent["json"]


def test_both_alternatives_at_once_fail_before_sending(mock: Mock) -> None:
    creds = mock.creds("deepcall")
    with pytest.raises(ConfigError) as caught:
        DeepCallClient(
            ssid=creds["ssid"],
            user_id=creds["userId"],
            token=creds["token"],
            server_url=mock.url("deepcall"),
        )
    assert "exclude each other" in str(caught.value)
    assert mock.requests() == []


def test_the_mock_refuses_both_alternatives_with_1000(mock: Mock) -> None:
    creds = mock.creds("deepcall")
    answer = post(mock, {"ssid": creds["ssid"], "userId": creds["userId"], "token": creds["token"]})
    assert answer["status"] == "error" and answer["code"] == 1000


def test_wrong_token_is_1014_inside_http_200(mock: Mock) -> None:
    with session(mock, ssid="expired-session") as deepcall:
        with pytest.raises(AuthError) as caught:
            deepcall.export_csv()
    assert caught.value.code == 1014 and caught.value.status is None
    assert "Invalid token" in str(caught.value)


@pytest.mark.parametrize(
    ("code", "error"),
    [
        (1000, ValidationFailed),
        (1015, PermissionDenied),
        (1047, ValidationFailed),
        (1009, ServerError),
        (1010, ServerError),
        (4242, APIError),
    ],
)
def test_every_vendor_code_raises_its_exception(
    mock: Mock, code: int, error: type[APIError]
) -> None:
    mock.fault("vendor_error", code=code)
    with session(mock) as deepcall:
        with pytest.raises(APIError) as caught:
            deepcall.export_csv()
    assert type(caught.value) is error
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"", 1047),
        (b"[1, 2]", 1047),
        (b'{"ssid": "x"', 1047),
    ],
)
def test_unreadable_bodies_are_1047(mock: Mock, body: bytes, code: int) -> None:
    answer = httpx.post(mock.url("deepcall") + EXPORT, content=body).json()
    assert (answer["status"], answer["code"]) == ("error", code)


def test_bad_params_are_1000(mock: Mock) -> None:
    answer = post(mock, {"ssid": mock.creds("deepcall")["ssid"], "module": "ALL_REPORTS"})
    assert answer["code"] == 1000 and "module" in answer["message"]


def test_a_non_idempotent_export_is_not_retried(mock: Mock, retry: RetryPolicy) -> None:
    mock.fault("status", status=503)
    with session(mock, retry=retry) as deepcall:
        with pytest.raises(ServerError) as caught:
            deepcall.export_csv()
    assert caught.value.status == 503 and caught.value.code == 1009
    assert len(mock.requests("deepcall")) == 1


def test_two_step_download(mock: Mock, tmp_path: Path) -> None:
    with session(mock) as deepcall:
        path = deepcall.download_export_csv(dest=tmp_path, filter=FILTER)
    assert path == tmp_path / "call_report_20251123_103045.csv"
    assert path.read_bytes() == file_content(path.name, FILE_BYTES)
    assert [s["endpoint"] for s in mock.requests("deepcall")] == ["export_csv", "_files"]


def test_download_retries_only_the_file_step(
    mock: Mock, tmp_path: Path, retry: RetryPolicy
) -> None:
    mock.fault("drop", endpoint="_files")
    with session(mock, retry=retry) as deepcall:
        path = deepcall.download_export_csv(dest=tmp_path / "report.csv")
    assert path.read_bytes() == file_content("call_report_20251123_103045.csv", FILE_BYTES)
    steps = [(s["endpoint"], s["fault"]) for s in mock.requests("deepcall")]
    assert steps == [("export_csv", None), ("_files", "drop"), ("_files", None)]
    assert list(tmp_path.iterdir()) == [path]  # no .part file left behind


def test_bulk_export_answers_with_generated_success(mock: Mock) -> None:
    with session(mock) as deepcall:
        answer = deepcall.export_csv_bulk(request_id="job-1")
    assert answer.status == "success"
