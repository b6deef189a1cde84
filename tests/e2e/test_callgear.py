"""CallGear over real HTTP: JSON-RPC calls, pagination, JSON-RPC errors, retries."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from generated.callgear import CallGearClient, FinishReason
from generated.callgear.models import CallSession
from generator.runtime import (
    APIError,
    RetryPolicy,
    ServerError,
    TransportError,
    ValidationFailed,
)

from .conftest import RECORDS, Mock

DATES = {"date_from": "2025-11-01 00:00:00", "date_till": "2025-11-30 23:59:59"}


def client(mock: Mock, **options: Any) -> CallGearClient:
    token = options.pop("access_token", mock.creds("callgear")["access_token"])
    return CallGearClient(access_token=token, server_url=mock.url("callgear"), **options)


def rpc(mock: Mock, body: object) -> dict[str, Any]:
    response = httpx.post(mock.url("callgear"), json=body)
    assert response.status_code == 200  # JSON-RPC errors come in HTTP 200
    answer: dict[str, Any] = response.json()
    return answer


def test_happy_path_returns_typed_records(mock: Mock) -> None:
    with client(mock) as callgear:
        page = callgear.calls_report(**DATES, limit=5)
    assert page.result is not None and page.result.data is not None
    records = page.result.data
    assert [record.id for record in records] == [1, 2, 3, 4, 5]
    assert all(isinstance(record, CallSession) for record in records)
    assert all(isinstance(record.finish_reason, FinishReason) for record in records)
    (sent,) = mock.requests("callgear")
    assert sent["rpc_method"] == "get.calls_report"
    assert sent["json"]["params"] == {
        **DATES,
        "limit": 5,
        "access_token": mock.creds("callgear")["access_token"],
    }  # offset's default (0) is the vendor's: documented, not sent


def test_pagination_walks_three_pages_with_the_same_method(mock: Mock) -> None:
    with client(mock) as callgear:
        ids = [record.id for record in callgear.iter_calls_report(**DATES, limit=10)]
    assert ids == list(range(1, RECORDS + 1))
    sent = mock.requests("callgear")
    assert [s["json"]["params"]["offset"] for s in sent] == [0, 10, 20]
    assert {s["rpc_method"] for s in sent} == {"get.calls_report"}
    assert len({s["rpc_id"] for s in sent}) == 3  # a fresh JSON-RPC id per call


def test_page_size_is_learnt_from_the_first_page(mock: Mock) -> None:
    mock.configure("callgear", page_size=9)
    with client(mock) as callgear:
        records = list(callgear.iter_calls_report(**DATES))
    assert len(records) == RECORDS
    sent = mock.requests("callgear")
    assert [s["json"]["params"]["offset"] for s in sent] == [0, 9, 18]
    assert all("limit" not in s["json"]["params"] for s in sent)


def test_wrong_token_is_a_jsonrpc_error_with_the_mock_code(mock: Mock) -> None:
    with client(mock, access_token="not-the-token") as callgear:
        with pytest.raises(APIError) as caught:
            callgear.calls_report(**DATES)
    # The spec lists no JSON-RPC codes, so the runtime cannot know -32001 means auth.
    assert type(caught.value) is APIError
    assert caught.value.code == -32001
    assert "invalid credentials" in str(caught.value)


def test_mock_refuses_invalid_params_with_32602(mock: Mock) -> None:
    token = mock.creds("callgear")["access_token"]
    params = {"access_token": token, "date_from": "yesterday", "date_till": DATES["date_till"]}
    answer = rpc(mock, {"jsonrpc": "2.0", "id": 7, "method": "get.calls_report", "params": params})
    assert answer["id"] == 7
    assert answer["error"]["code"] == -32602
    assert "date_from" in answer["error"]["message"]
    unknown = {**params, **DATES, "colour": "red"}
    answer = rpc(mock, {"jsonrpc": "2.0", "id": 8, "method": "get.calls_report", "params": unknown})
    assert answer["error"]["code"] == -32602 and "colour" in answer["error"]["message"]


def test_invalid_params_reach_the_client_as_validation_failed(mock: Mock) -> None:
    mock.fault("vendor_error", code=-32602, message="Invalid params: limit")
    with client(mock) as callgear:
        with pytest.raises(ValidationFailed) as caught:
            callgear.calls_report(**DATES)
    assert caught.value.code == -32602
    assert "Invalid params: limit" in str(caught.value)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"{not json", -32700),
        ({"jsonrpc": "1.0", "id": 1, "method": "get.calls_report", "params": {}}, -32600),
        ({"jsonrpc": "2.0", "id": 1, "method": "get.calls_report", "params": []}, -32600),
        ({"jsonrpc": "2.0", "id": 1, "method": "get.nothing", "params": {}}, -32601),
    ],
)
def test_envelope_errors_use_the_standard_codes(mock: Mock, body: object, code: int) -> None:
    if isinstance(body, bytes):
        answer = httpx.post(mock.url("callgear"), content=body).json()
    else:
        answer = rpc(mock, body)
    assert answer["error"]["code"] == code
    assert answer["jsonrpc"] == "2.0"


@pytest.mark.parametrize(
    "fault",
    [
        {"kind": "drop"},
        {"kind": "truncate"},
        {"kind": "status", "status": 503},
        {"kind": "status", "status": 502},
        {"kind": "retry_after", "seconds": 0.25},
    ],
    ids=lambda fault: f"{fault['kind']}-{fault.get('status', '')}",
)
def test_retries_recover_and_resend_the_same_call(
    mock: Mock, retry: RetryPolicy, sleeps: list[float], fault: dict[str, Any]
) -> None:
    mock.fault(**fault)
    with client(mock, retry=retry) as callgear:
        page = callgear.calls_report(**DATES, limit=3)
    assert page.result is not None and len(page.result.data or []) == 3
    first, second = mock.requests("callgear")
    assert first["fault"] == fault["kind"] and second["fault"] is None
    assert first["rpc_method"] == second["rpc_method"] == "get.calls_report"
    assert first["json"]["params"] == second["json"]["params"]
    assert len(sleeps) == 1
    if fault["kind"] == "retry_after":
        assert sleeps == [0.25]  # the vendor's Retry-After, not the backoff


def test_a_timeout_is_retried(mock: Mock, retry: RetryPolicy) -> None:
    mock.fault("latency", seconds=1.0)
    with client(mock, retry=retry, timeout=0.3) as callgear:
        page = callgear.calls_report(**DATES, limit=2)
    assert page.result is not None and len(page.result.data or []) == 2
    assert [s["fault"] for s in mock.requests("callgear")] == ["latency", None]


def test_gives_up_with_a_clear_error(mock: Mock, retry: RetryPolicy) -> None:
    mock.fault("status", status=503, count=5)
    with client(mock, retry=retry) as callgear:
        with pytest.raises(ServerError) as caught:
            callgear.calls_report(**DATES)
    text = str(caught.value)
    assert "HTTP 503" in text and "gave up after 3 attempts" in text
    assert caught.value.code == -32603
    assert len(mock.requests("callgear")) == 3
    assert mock.faults()[0]["count"] == 2  # two faults left: no fourth try


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        ({"kind": "truncate", "mode": "body"}, "not valid JSON"),
        ({"kind": "not_json"}, "(text/html) is not valid JSON"),
    ],
)
def test_a_broken_body_is_a_transport_error_and_not_retried(
    mock: Mock, retry: RetryPolicy, fault: dict[str, Any], words: str
) -> None:
    mock.fault(**fault)
    with client(mock, retry=retry) as callgear:
        with pytest.raises(TransportError) as caught:
            callgear.calls_report(**DATES)
    assert words in str(caught.value)
    assert len(mock.requests("callgear")) == 1
