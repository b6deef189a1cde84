"""Request building: server URL, params by location, path quoting, JSON-RPC envelopes."""

from __future__ import annotations

import json

import httpx
import pytest
from pydantic import BaseModel, ConfigDict, Field

from generator.runtime import (
    ApiDescription,
    ConfigError,
    Operation,
    Server,
    SyncClient,
    TransportError,
    Variable,
    __version__,
)

from .helpers import (
    CALLGEAR,
    CALLGEAR_REPORT,
    CallsReportRequest,
    Recorder,
    RpcPage,
    ok,
    sync_client,
)

API = ApiDescription(
    vendor="Acme",
    server=Server(
        "https://{host}/api/{version}/", (Variable("host"), Variable("version", "v2", ("v1", "v2")))
    ),
)


class Req(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    account_id: str = Field(alias="accountId")
    report_type: str = Field(alias="reportType")
    tags: list[str] | None = None
    trace: str | None = Field(None, alias="X-Trace")
    criteria: dict[str, object] | None = Field(None, alias="reportCriteria")
    skipped: str | None = None


OP = Operation(
    name="report",
    http_method="POST",
    path="/accounts/{accountId}/reports",
    locations={
        "accountId": "path",
        "reportType": "query",
        "tags": "query",
        "X-Trace": "header",
        "reportCriteria": "body",
        "skipped": "body",
    },
)


def test_rest_params_go_where_the_operation_says() -> None:
    rec = Recorder(ok({"ok": True}))
    client = sync_client(API, rec, variables={"host": "example.com"})
    req = Req(
        account_id="a/b c",
        report_type="CASPER_REPORT",
        tags=["x", "y"],
        trace="t-1",
        criteria={"groupBy": "PROFILE", "ids": [1, None]},
    )
    assert client._call(OP, req, None) == {"ok": True}
    (sent,) = rec.requests
    assert sent.method == "POST"
    # path param URL-quoted, one slash between base and path, trailing slash of the server gone
    assert (
        sent.url.raw_path.decode()
        == "/api/v2/accounts/a%2Fb%20c/reports?reportType=CASPER_REPORT&tags=x&tags=y"
    )
    assert sent.headers["X-Trace"] == "t-1"
    assert json.loads(sent.content) == {"reportCriteria": {"groupBy": "PROFILE", "ids": [1, None]}}
    assert sent.headers["User-Agent"] == f"callspec/{__version__} (Acme)"
    assert sent.headers["Content-Type"] == "application/json"


def test_params_without_location_follow_the_spec_defaults() -> None:
    get = Operation(name="get", http_method="GET", path="items", locations={})
    rec = Recorder(ok([]))
    client = sync_client(API, rec, variables={"host": "example.com", "version": "v1"})
    client._call(get, CallsReportRequest(date_from="2024-01-01 00:00:00", date_till="x"), None)
    sent = rec.requests[0]
    assert (
        str(sent.url)
        == "https://example.com/api/v1/items?date_from=2024-01-01+00%3A00%3A00&date_till=x"
    )
    assert sent.content == b""


def test_server_variables_checked_at_construction() -> None:
    with pytest.raises(ConfigError, match="'host' is required"):
        SyncClient(API)
    with pytest.raises(ConfigError, match="not one of v1, v2"):
        SyncClient(API, variables={"host": "h", "version": "v3"})
    with pytest.raises(ConfigError, match="unknown server variable"):
        SyncClient(API, variables={"host": "h", "hots": "h"})
    bare = ApiDescription(vendor="X", server=Server("{base_url}", (Variable("base_url"),)))
    with pytest.raises(ConfigError, match="needs http:// or https://"):
        SyncClient(bare, variables={"base_url": "dataapi.callgear.com/v2.0"})


def test_missing_path_param_is_a_config_error() -> None:
    rec = Recorder(ok({}))
    client = sync_client(API, rec, variables={"host": "h"})

    class NoAccount(BaseModel):
        reportType: str

    with pytest.raises(ConfigError, match="accountId"):
        client._call(OP, NoAccount(reportType="x"), None)
    assert rec.requests == []


def test_user_agent_and_timeout_are_configurable() -> None:
    rec = Recorder(ok({}))
    client = sync_client(API, rec, variables={"host": "h"}, user_agent="my-app/1.0", timeout=2.5)
    client._call(Operation(name="x", http_method="GET", path="", locations={}), None, None)
    assert rec.requests[0].headers["User-Agent"] == "my-app/1.0"
    assert rec.requests[0].extensions["timeout"]["read"] == 2.5


def test_jsonrpc_envelope_and_incrementing_ids() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        sent = json.loads(request.content)
        return ok({"jsonrpc": "2.0", "id": sent["id"], "result": {"data": [{"id": sent["id"]}]}})

    rec = Recorder(answer)
    client = sync_client(
        CALLGEAR,
        rec,
        credentials={"access_token": "tok-123456"},
        variables={"base_url": "https://dataapi.callgear.com/v2.0"},
    )
    req = CallsReportRequest(
        date_from="2024-01-01 00:00:00", date_till="2024-01-02 00:00:00", limit=5
    )
    first = client._call(CALLGEAR_REPORT, req, RpcPage)
    second = client._call(CALLGEAR_REPORT, req, RpcPage)
    assert [first.result.data[0].id, second.result.data[0].id] == [1, 2]
    assert first.id == 1 and first.jsonrpc == "2.0"
    assert str(rec.requests[0].url) == "https://dataapi.callgear.com/v2.0"
    assert rec.requests[0].method == "POST"
    assert rec.json(0) == {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "get.calls_report",
        "params": {
            "date_from": "2024-01-01 00:00:00",
            "date_till": "2024-01-02 00:00:00",
            "limit": 5,
            "access_token": "tok-123456",
        },
    }


def test_jsonrpc_id_mismatch_is_a_transport_error() -> None:
    rec = Recorder(ok({"jsonrpc": "2.0", "id": 99, "result": {"data": []}}))
    client = sync_client(
        CALLGEAR,
        rec,
        credentials={"access_token": "tok-123456"},
        variables={"base_url": "https://api.example.com"},
    )
    with pytest.raises(TransportError, match="id 99 does not match request id 1"):
        client._call(CALLGEAR_REPORT, CallsReportRequest(date_from="a", date_till="b"), RpcPage)


def test_jsonrpc_without_result_or_error() -> None:
    rec = Recorder(ok({"jsonrpc": "2.0", "id": 1}))
    client = sync_client(
        CALLGEAR,
        rec,
        credentials={"access_token": "tok-123456"},
        variables={"base_url": "https://api.example.com"},
    )
    with pytest.raises(TransportError, match="neither result nor error"):
        client._call(CALLGEAR_REPORT, None, RpcPage)


def test_call_raw_returns_the_read_response() -> None:
    rec = Recorder(httpx.Response(200, content=b"%PDF-1.4", headers={"X-Req": "1"}))
    client = sync_client(API, rec, variables={"host": "h"})
    response = client._call_raw(
        Operation(name="x", http_method="GET", path="f", locations={}), None
    )
    assert response.content == b"%PDF-1.4"
    assert response.headers["X-Req"] == "1"
    assert response.is_closed


@pytest.mark.parametrize("transport", ["rest", "jsonrpc"])
@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE"])
def test_ir_and_runtime_place_an_unplaced_param_alike(transport: str, method: str) -> None:
    # Generated clients get every location from the IR; hand-made Operations fall back to the
    # runtime's rule: both must send a DELETE's params in the query, as specs/README.md says.
    from generator.ir.build_endpoints import default_location as ir_default
    from generator.runtime._request import default_location

    operation = Operation(name="x", http_method=method, path="", locations={},
                          transport=transport)  # type: ignore[arg-type]
    assert default_location(operation) == ir_default(transport, method)
    if transport == "rest":
        assert default_location(operation) == ("query" if method in ("GET", "DELETE") else "body")
