"""AsyncClient: the same main paths as the sync client, through the same mock transport."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from pydantic import BaseModel

from generator.runtime import (
    AsyncClient,
    ConfigError,
    Operation,
    PermissionDenied,
    ResponseValidationError,
    ServerError,
)

from .helpers import (
    CALLGEAR,
    CALLGEAR_REPORT,
    CINNOX,
    CINNOX_CALLS,
    DEEPCALL,
    DEEPCALL_LIST,
    RC_LINES,
    RC_REPORT,
    RINGCENTRAL,
    YEASTAR,
    YEASTAR_DOWNLOAD,
    Call,
    CallDetailRow,
    CallPage,
    CallsReportRequest,
    Empty,
    Recorder,
    RpcPage,
    Sleeps,
    Status,
    async_client,
    ok,
    text,
)

GET = Operation(name="calls", http_method="GET", path="/calls", locations={}, idempotent=True)


async def test_call_jsonrpc_and_context_manager() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        return ok({"jsonrpc": "2.0", "id": body["id"], "result": {"data": [{"id": 7}]}})

    rec = Recorder(answer)
    async with async_client(
        CALLGEAR,
        rec,
        credentials={"access_token": "cg-secret"},
        variables={"base_url": "https://api.example.com"},
    ) as client:
        page = await client._call(
            CALLGEAR_REPORT, CallsReportRequest(date_from="a", date_till="b"), RpcPage
        )
        raw = await client._call_raw(CALLGEAR_REPORT, None)
    assert page.result.data[0].id == 7
    assert json.loads(raw.content)["id"] == 2
    assert client._http.is_closed


async def test_one_of_conflict_before_any_request() -> None:
    rec = Recorder(ok({}))
    with pytest.raises(ConfigError, match="exclude each other"):
        AsyncClient(
            DEEPCALL,
            credentials={"ssid": "s-123456", "userId": "1", "token": "t-123456"},
            variables={"brand": "b.example"},
            transport=rec.transport,
        )
    assert rec.requests == []


async def test_retries_with_async_sleep_and_in_body_errors() -> None:
    sleeps = Sleeps()
    rec = Recorder(ok({}, 503), ok({}, 500), ok({}, 503))
    client = async_client(CINNOX, rec, sleeps, credentials={"access_token": "tok-123456"})
    with pytest.raises(ServerError, match="gave up after 3 attempts"):
        await client._call(GET, None, None)
    assert sleeps.delays == [0.5, 1.0] and len(rec.requests) == 3

    rec = Recorder(ok({"status": "error", "message": "Permission denied", "code": 1015}))
    client = async_client(
        DEEPCALL, rec, credentials={"ssid": "s-123456"}, variables={"brand": "b.example"}
    )
    with pytest.raises(PermissionDenied) as info:
        await client._call(DEEPCALL_LIST, None, Status)
    assert info.value.code == 1015


class CinnoxRequest(BaseModel):
    appID: str
    limit: int | None = None


async def test_pagination() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        offset, limit = int(request.url.params["offset"]), int(request.url.params["limit"])
        return ok({"data": [{"id": i} for i in range(offset, min(offset + limit, 1100))]})

    rec = Recorder(answer)
    client = async_client(CINNOX, rec, credentials={"access_token": "tok-123456"})
    iterator = client._paginate(CINNOX_CALLS, CinnoxRequest(appID="a", limit=900), CallPage, Call)
    assert isinstance(iterator, AsyncIterator)
    ids = [call.id async for call in iterator]
    assert ids == list(range(1100))
    assert [int(r.url.params["limit"]) for r in rec.requests] == [500, 500, 500]


class Account(BaseModel):
    accountId: str


async def test_csv_stream() -> None:
    rec = Recorder(text(RC_LINES + "3333,DTE,'1,too,short\n"))
    client = async_client(RINGCENTRAL, rec, credentials={"access_token": "rc-secret-token"})
    with pytest.warns(DeprecationWarning):
        rows = client._stream_csv(RC_REPORT, Account(accountId="1"), CallDetailRow)
    seen = []
    with pytest.raises(ResponseValidationError, match="row 3") as info:
        async for row in rows:
            seen.append(row)
    assert len(seen) == 2 and seen[0].model_dump()["uii"] == "202004250912250132110000003150"
    assert info.value.row == 3


async def test_download_to_file_and_as_chunks(tmp_path: Path) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/call_report/download"):
            return ok({"errcode": 0, "download_resource_url": "/api/download/r.csv"})
        return httpx.Response(200, content=b"a,b\n1,2\n")

    rec = Recorder(answer)
    client = async_client(
        YEASTAR, rec, credentials={"access_token": "y-123456"}, variables={"host": "h.example"}
    )
    path = await client._download(YEASTAR_DOWNLOAD, None, tmp_path)
    assert path == tmp_path / "r.csv" and path.read_bytes() == b"a,b\n1,2\n"
    assert str(rec.requests[1].url) == "https://h.example/api/download/r.csv?access_token=y-123456"
    chunks = await client._download(YEASTAR_DOWNLOAD, None)
    assert b"".join([c async for c in chunks]) == b"a,b\n1,2\n"


DEPRECATED = Operation(
    name="old", http_method="GET", path="/old", locations={}, deprecated="gone soon"
)


class OldAsync(AsyncClient):
    async def old(self) -> Status:
        return await self._call(DEPRECATED, Empty(), Status)


async def test_deprecation_warning_points_at_the_user() -> None:
    rec = Recorder(ok({"status": "ok"}))
    client = OldAsync(
        YEASTAR,
        credentials={"access_token": "t-123456"},
        variables={"host": "h.example"},
        transport=rec.transport,
    )
    with pytest.warns(DeprecationWarning, match="gone soon") as caught:
        await client.old()
    assert caught.list[0].filename == __file__
    await client.aclose()
