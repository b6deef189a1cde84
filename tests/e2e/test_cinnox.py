"""CINNOX over real HTTP: bearer auth, path params, offset/limit pages capped at 500, HTTP 400s."""

from __future__ import annotations

from typing import Any

import httpx
import pytest


from generated.cinnox import CINNOXClient
from generated.cinnox.models import CallDetail
from generator.runtime import AuthError, RequestError, RetryPolicy, ValidationFailed

from .conftest import RECORDS, Mock

PATH = "/v1/api/apps/{}/data/call-detail"


def client(mock: Mock, **options: Any) -> CINNOXClient:
    token = options.pop("app_token", mock.creds("cinnox")["app_token"])
    return CINNOXClient(app_token=token, server_url=mock.url("cinnox"), **options)


def raw(mock: Mock, params: dict[str, Any], token: str | None = None) -> httpx.Response:
    token = token if token is not None else mock.creds("cinnox")["app_token"]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.get(mock.url("cinnox") + PATH.format("app1"), params=params, headers=headers)


def test_happy_path_with_an_encoded_path_param(mock: Mock) -> None:
    with client(mock) as cinnox:
        page = cinnox.call_detail(app_id="app 1/eu", limit=4, call_type="onnet")
    records = page.result or []
    assert [record.id for record in records] == ["1", "2", "3", "4"]
    assert all(isinstance(record, CallDetail) for record in records)
    (sent,) = mock.requests("cinnox")
    assert sent["path"] == "/cinnox" + PATH.format("app%201%2Feu")
    assert sent["query"] == {"callType": "onnet", "offset": "0", "limit": "4"}
    assert sent["headers"]["authorization"] == f"Bearer {mock.creds('cinnox')['app_token']}"


def test_pagination_over_three_pages(mock: Mock) -> None:
    with client(mock) as cinnox:
        ids = [record.id for record in cinnox.iter_call_detail(app_id="app1", limit=10)]
    assert ids == [str(n) for n in range(1, RECORDS + 1)]
    offsets = [s["query"]["offset"] for s in mock.requests("cinnox")]
    assert offsets == ["0", "10", "20"]


def test_limit_above_500_is_a_vendor_style_400(mock: Mock) -> None:
    response = raw(mock, {"limit": 600})
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"code", "message"} and "limit" in body["message"]
    assert raw(mock, {"limit": 500}).status_code == 200


def test_the_client_refuses_limit_above_500_before_sending(mock: Mock) -> None:
    with client(mock) as cinnox:
        with pytest.raises(RequestError, match="limit: Input should be less than or equal to 500"):
            cinnox.call_detail(app_id="app1", limit=600)
    assert mock.requests("cinnox") == []


def test_unknown_query_params_and_bad_values_are_refused(mock: Mock) -> None:
    assert raw(mock, {"colour": "red"}).status_code == 400
    response = raw(mock, {"callType": "pstn"})
    assert response.status_code == 400 and "callType" in response.json()["message"]
    assert raw(mock, {"startAt": "2022-11-07T00:00:00.000Z"}).status_code == 200


def test_auth_errors_are_http_401(mock: Mock) -> None:
    assert raw(mock, {}, token="").status_code == 401
    with client(mock, app_token="wrong-token") as cinnox:
        with pytest.raises(AuthError) as caught:
            cinnox.call_detail(app_id="app1")
    assert caught.value.status == 401 and caught.value.code == 401
    assert "invalid credentials" in str(caught.value)


def test_a_vendor_400_carries_its_code(mock: Mock) -> None:
    mock.fault("vendor_error", code=4021, status=400, message="startAt after endAt")
    with client(mock) as cinnox:
        with pytest.raises(ValidationFailed) as caught:
            cinnox.call_detail(app_id="app1")
    assert (caught.value.status, caught.value.code) == (400, 4021)
    assert "startAt after endAt" in str(caught.value)


def test_retries_a_429_then_a_dropped_connection(
    mock: Mock, retry: RetryPolicy, sleeps: list[float]
) -> None:
    mock.fault("retry_after", seconds=3)
    mock.fault("drop")
    with client(mock, retry=retry) as cinnox:
        page = cinnox.call_detail(app_id="app1", limit=2)
    assert len(page.result or []) == 2
    assert [s["fault"] for s in mock.requests("cinnox")] == ["retry_after", "drop", None]
    assert sleeps[0] == 3


def test_faults_only_hit_the_vendor_they_name(mock: Mock) -> None:
    mock.fault("status", status=500, vendor="callgear")
    with client(mock) as cinnox:
        cinnox.call_detail(app_id="app1")
    assert mock.faults() == [
        {"kind": "status", "count": 1, "vendor": "callgear", "status": 500, "mode": "connection"}
    ]
