"""Error mapping: HTTP status, errors inside HTTP 200, JSON-RPC errors, bad bodies, bad models."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from generator.runtime import (
    RetryPolicy,
    APIError,
    AuthError,
    CallspecError,
    ConfigError,
    ErrorCodeInfo,
    ErrorRules,
    NotFound,
    Operation,
    PermissionDenied,
    RateLimited,
    ResponseValidationError,
    ServerError,
    TransportError,
    ValidationFailed,
)

from .helpers import (
    CALLGEAR,
    CALLGEAR_REPORT,
    CINNOX,
    DEEPCALL,
    DEEPCALL_LIST,
    YEASTAR,
    YEASTAR_ERRORS,
    CallPage,
    Recorder,
    RpcPage,
    Status,
    ok,
    sync_client,
)

GET = Operation(name="get_calls", http_method="GET", path="/calls", locations={})
CREDS = {"access_token": "cinnox-secret"}


def test_the_tree_is_shallow() -> None:
    for cls in (ConfigError, TransportError, ResponseValidationError, APIError):
        assert cls.__bases__ == (CallspecError,)
    for cls in (AuthError, PermissionDenied, ValidationFailed, NotFound, RateLimited, ServerError):
        assert cls.__bases__ == (APIError,)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, ValidationFailed),
        (401, AuthError),
        (403, PermissionDenied),
        (404, NotFound),
        (422, ValidationFailed),
        (429, RateLimited),
        (500, ServerError),
        (504, ServerError),
        (418, APIError),
    ],
)
def test_http_status_mapping(status: int, cls: type[APIError]) -> None:
    rec = Recorder(ok({"code": "E1", "message": "nope"}, status))
    client = sync_client(CINNOX, rec, credentials=CREDS)
    client = client.with_options(retry=RetryPolicy(max_attempts=1))
    with pytest.raises(APIError) as info:
        client._call(GET, None, None)
    error = info.value
    assert type(error) is cls
    assert (error.status, error.code, error.message) == (status, "E1", "nope")
    assert (error.method, error.vendor) == ("GET", "CINNOX")
    assert error.url == "https://examplebaseurl.com/calls"
    assert error.response is not None and error.response.status_code == status
    assert (
        str(error) == f"CINNOX GET https://examplebaseurl.com/calls: HTTP {status}, code E1: nope"
    )


def test_http_error_with_a_non_json_body() -> None:
    rec = Recorder(httpx.Response(403, content=b"<html>Forbidden by proxy</html>"))
    client = sync_client(CINNOX, rec, credentials=CREDS)
    with pytest.raises(PermissionDenied, match="Forbidden by proxy") as info:
        client._call(GET, None, None)
    assert info.value.code is None


def test_rate_limited_carries_retry_after() -> None:
    rec = Recorder(ok({}, 429, **{"Retry-After": "12"}))
    client = sync_client(CINNOX, rec, credentials=CREDS)
    with pytest.raises(RateLimited) as info:
        client._call(GET, None, None)
    assert info.value.retry_after == 12.0


def test_deepcall_error_inside_http_200_uses_the_code_category() -> None:
    rec = Recorder(ok({"status": "error", "message": "Permission denied", "code": 1015}))
    client = sync_client(
        DEEPCALL, rec, credentials={"ssid": "sess-123456"}, variables={"brand": "s-ct3.sarv.com"}
    )
    with pytest.raises(PermissionDenied) as info:
        client._call(DEEPCALL_LIST, None, Status)
    error = info.value
    assert error.code == 1015 and error.status is None
    assert error.message == "Permission denied"
    assert error.remedy == "Contact admin to grant LIST_CALL_LOG"
    assert "code 1015: Permission denied (Contact admin to grant LIST_CALL_LOG)" in str(error)
    assert len(rec.requests) == 1  # errors inside a 200 are not retried


def test_deepcall_success_body_is_not_an_error() -> None:
    rec = Recorder(ok({"status": "success", "code": 200, "message": "ok"}))
    client = sync_client(
        DEEPCALL, rec, credentials={"ssid": "sess-123456"}, variables={"brand": "s-ct3.sarv.com"}
    )
    assert client._call(DEEPCALL_LIST, None, Status).status == "success"


def test_yeastar_errcode_outside_success_codes() -> None:
    op = Operation(
        name="query",
        http_method="GET",
        path="/call_report/query",
        locations={},
        errors=YEASTAR_ERRORS,
    )
    rec = Recorder(ok({"errcode": 10002, "errmsg": "FAILURE"}))
    client = sync_client(
        YEASTAR,
        rec,
        credentials={"access_token": "yeastar-tok"},
        variables={"host": "pbx.example.com"},
    )
    with pytest.raises(APIError) as info:
        client._call(op, None, None)
    assert type(info.value) is APIError  # 10002 has no category in the code table
    assert (info.value.code, info.value.message) == (10002, "FAILURE")

    rec = Recorder(ok({"errcode": "10004", "errmsg": "TOKEN EXPIRED"}))
    client = sync_client(
        YEASTAR,
        rec,
        credentials={"access_token": "yeastar-tok"},
        variables={"host": "pbx.example.com"},
    )
    with pytest.raises(AuthError, match="10004"):
        client._call(op, None, None)

    for success in ({"errcode": 0, "errmsg": "SUCCESS"}, {"errcode": "0"}):
        rec = Recorder(ok(success))
        client = sync_client(
            YEASTAR,
            rec,
            credentials={"access_token": "yeastar-tok"},
            variables={"host": "pbx.example.com"},
        )
        assert client._call(op, None, None) == success


def test_code_message_from_the_table_when_the_body_has_none() -> None:
    op = Operation(
        name="q",
        http_method="GET",
        path="/q",
        locations={},
        errors=ErrorRules(
            in_body_code="errcode",
            success_codes=(0,),
            codes={"7": ErrorCodeInfo("validation", "Bad date")},
        ),
    )
    rec = Recorder(ok({"errcode": 7}))
    client = sync_client(
        YEASTAR,
        rec,
        credentials={"access_token": "yeastar-tok"},
        variables={"host": "pbx.example.com"},
    )
    with pytest.raises(ValidationFailed, match="code 7: Bad date"):
        client._call(op, None, None)


def test_jsonrpc_error_object() -> None:
    rec = Recorder(
        ok(
            {
                "jsonrpc": "2.0",
                "id": 1,
                "error": {
                    "code": -32001,
                    "message": "Invalid access token",
                    "data": {"field": "access_token"},
                },
            }
        )
    )
    client = sync_client(
        CALLGEAR,
        rec,
        credentials={"access_token": "cg-secret"},
        variables={"base_url": "https://api.example.com"},
    )
    with pytest.raises(AuthError) as info:
        client._call(CALLGEAR_REPORT, None, RpcPage)
    assert info.value.code == -32001 and info.value.data == {"field": "access_token"}


@pytest.mark.parametrize(
    ("code", "cls"),
    [(-32602, ValidationFailed), (-32601, NotFound), (-32603, ServerError), (-31000, APIError)],
)
def test_jsonrpc_reserved_codes(code: int, cls: type[APIError]) -> None:
    rec = Recorder(ok({"jsonrpc": "2.0", "id": None, "error": {"code": code, "message": "m"}}))
    client = sync_client(
        CALLGEAR,
        rec,
        credentials={"access_token": "cg-secret"},
        variables={"base_url": "https://api.example.com"},
    )
    with pytest.raises(APIError) as info:
        client._call(CALLGEAR_REPORT, None, RpcPage)
    assert type(info.value) is cls and info.value.code == code


def test_body_not_json() -> None:
    rec = Recorder(
        httpx.Response(
            200, content=b"<html>maintenance</html>", headers={"Content-Type": "text/html"}
        )
    )
    client = sync_client(CINNOX, rec, credentials=CREDS)
    with pytest.raises(TransportError, match=r"\(text/html\) is not valid JSON"):
        client._call(GET, None, None)
    rec = Recorder(httpx.Response(200, content=b""))
    with pytest.raises(TransportError, match="empty body"):
        sync_client(CINNOX, rec, credentials=CREDS)._call(GET, None, None)


def test_truncated_json_body() -> None:
    rec = Recorder(httpx.Response(200, content=b'{"data": [{"id": 1}, {"id"'))
    client = sync_client(CINNOX, rec, credentials=CREDS)
    with pytest.raises(TransportError, match="truncated or not JSON"):
        client._call(GET, None, None)


class _CutStream(httpx.SyncByteStream):
    def __iter__(self) -> Iterator[bytes]:
        yield b'{"data": ['
        raise httpx.RemoteProtocolError("peer closed connection without sending complete body")


def test_connection_cut_mid_body() -> None:
    rec = Recorder(lambda request: httpx.Response(200, stream=_CutStream()))
    client = sync_client(CINNOX, rec, credentials=CREDS)
    post = Operation(name="export", http_method="POST", path="/x", locations={})
    with pytest.raises(TransportError, match="connection failed: peer closed") as info:
        client._call(post, None, None)
    assert info.value.retryable


def test_response_that_does_not_fit_the_model_names_the_field() -> None:
    rec = Recorder(ok({"data": [{"id": 1}, {"id": "not-a-number"}]}))
    client = sync_client(CINNOX, rec, credentials=CREDS)
    with pytest.raises(ResponseValidationError) as info:
        client._call(GET, None, CallPage)
    error = info.value
    assert error.field == "data.1.id" and error.model == "CallPage" and error.row is None
    assert "field 'data.1.id' does not fit CallPage" in str(error)
    assert "not-a-number" not in str(error)  # input values are not echoed


def test_unexpected_redirect_is_reported_not_followed() -> None:
    rec = Recorder(
        httpx.Response(
            301, headers={"Location": "https://new.example.com/calls?access_token=leak-123456"}
        )
    )
    client = sync_client(CINNOX, rec, credentials=CREDS)
    with pytest.raises(
        TransportError,
        match=r"unexpected redirect \(HTTP 301\) to https://new.example.com/calls\?access_token=\*\*\*",
    ):
        client._call(GET, None, None)
    assert len(rec.requests) == 1
