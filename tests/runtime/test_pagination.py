"""Offset/limit pagination: page size, max_limit cap, short- and empty-page stops, JSON-RPC."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from pydantic import BaseModel

from generator.runtime import ConfigError, Operation, Pagination, ResponseValidationError
from generator.runtime._pagers import make_pager

from .helpers import (
    CALLGEAR,
    CALLGEAR_REPORT,
    CINNOX,
    CINNOX_CALLS,
    Call,
    CallPage,
    CallsReportRequest,
    Recorder,
    RpcPage,
    ok,
    sync_client,
)


class CinnoxRequest(BaseModel):
    appID: str
    limit: int | None = None
    offset: int | None = None


def serve(total: int) -> Recorder:
    """A vendor holding `total` records that honours offset and limit (default page 20)."""

    def answer(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params.get("offset", 0))
        limit = int(request.url.params.get("limit", 20))
        ids = list(range(offset, min(offset + limit, total)))
        return ok({"data": [{"id": i} for i in ids]})

    return Recorder(answer)


def pages(rec: Recorder) -> list[tuple[int, int]]:
    return [(int(r.url.params["offset"]), int(r.url.params["limit"])) for r in rec.requests]


def test_walks_pages_until_a_short_page() -> None:
    rec = serve(25)
    client = sync_client(CINNOX, rec, credentials={"access_token": "tok-123456"})
    records = list(
        client._paginate(CINNOX_CALLS, CinnoxRequest(appID="app1", limit=10), CallPage, Call)
    )
    assert [r.id for r in records] == list(range(25))
    assert all(isinstance(r, Call) for r in records)
    assert pages(rec) == [(0, 10), (10, 10), (20, 10)]
    assert rec.requests[0].url.path == "/v1/api/apps/app1/data/call-detail"


def test_stops_on_an_empty_page() -> None:
    rec = serve(30)
    client = sync_client(CINNOX, rec, credentials={"access_token": "tok-123456"})
    records = list(
        client._paginate(CINNOX_CALLS, CinnoxRequest(appID="a", limit=10), CallPage, Call)
    )
    assert len(records) == 30
    assert pages(rec) == [(0, 10), (10, 10), (20, 10), (30, 10)]


def test_page_size_never_above_max_limit() -> None:
    rec = serve(1200)
    client = sync_client(CINNOX, rec, credentials={"access_token": "tok-123456"})
    records = list(
        client._paginate(CINNOX_CALLS, CinnoxRequest(appID="a", limit=1000), CallPage, Call)
    )
    assert len(records) == 1200
    assert pages(rec) == [(0, 500), (500, 500), (1000, 500)]


def test_default_page_size_is_max_limit_and_offset_starts_where_asked() -> None:
    rec = serve(1100)
    client = sync_client(CINNOX, rec, credentials={"access_token": "tok-123456"})
    records = list(
        client._paginate(CINNOX_CALLS, CinnoxRequest(appID="a", offset=100), CallPage, Call)
    )
    assert records[0].id == 100 and len(records) == 1000
    assert pages(rec) == [(100, 500), (600, 500), (1100, 500)]  # two full pages, then empty


def test_lazy_nothing_sent_until_iterated() -> None:
    rec = serve(5)
    client = sync_client(CINNOX, rec, credentials={"access_token": "tok-123456"})
    iterator = client._paginate(CINNOX_CALLS, CinnoxRequest(appID="a"), CallPage, Call)
    assert rec.requests == []
    assert next(iterator).id == 0 and len(rec.requests) == 1


def test_without_any_limit_the_first_page_sets_the_size() -> None:
    op = Operation(
        name="l",
        http_method="GET",
        path="/l",
        locations={},
        idempotent=True,
        pagination=Pagination(offset="offset", limit="limit", records="data"),
    )

    def answer(request: httpx.Request) -> httpx.Response:
        assert "limit" not in request.url.params
        offset = int(request.url.params["offset"])
        return ok({"data": [{"id": i} for i in range(offset, min(offset + 20, 45))]})

    rec = Recorder(answer)
    client = sync_client(CINNOX, rec, credentials={"access_token": "tok-123456"})
    assert len(list(client._paginate(op, None, CallPage, Call))) == 45
    assert len(rec.requests) == 3


def test_jsonrpc_pagination_reads_records_at_result_data() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        start, size = body["params"]["offset"], body["params"]["limit"]
        ids = range(start, min(start + size, 2500))
        return ok(
            {"jsonrpc": "2.0", "id": body["id"], "result": {"data": [{"id": i} for i in ids]}}
        )

    rec = Recorder(answer)
    client = sync_client(
        CALLGEAR,
        rec,
        credentials={"access_token": "cg-secret"},
        variables={"base_url": "https://api.example.com"},
    )
    req = CallsReportRequest(date_from="a", date_till="b")
    assert len(list(client._paginate(CALLGEAR_REPORT, req, RpcPage, Call))) == 2500
    assert [
        (rec.json(i)["params"]["offset"], rec.json(i)["params"]["limit"]) for i in range(3)
    ] == [(0, 1000), (1000, 1000), (2000, 1000)]
    assert [rec.json(i)["id"] for i in range(3)] == [1, 2, 3]


def test_missing_record_list_and_unpaginated_operation() -> None:
    rec = Recorder(ok({"items": []}))
    client = sync_client(CINNOX, rec, credentials={"access_token": "tok-123456"})

    class Loose(BaseModel):
        items: list[Call]

    with pytest.raises(ResponseValidationError, match="no record list at 'data'"):
        list(client._paginate(CINNOX_CALLS, CinnoxRequest(appID="a"), Loose, Call))
    plain = Operation(name="p", http_method="GET", path="/p", locations={})
    with pytest.raises(ConfigError, match="not paginated"):
        client._paginate(plain, None, CallPage, Call)


def test_cursor_treats_bad_limits_as_absent() -> None:
    pagination = Pagination(offset="o", limit="l", records="r", max_limit=50)
    def pager(params: dict[str, object]) -> Any:
        return make_pager(pagination, params, None, "https://x.test", "t")

    assert pager({"l": 0}).page_size == 50
    assert pager({"l": True}).page_size == 50
    assert pager({"l": 7}).first().params == {"l": 7, "o": 0}


def test_records_are_validated_as_they_are_reached_and_a_bad_one_names_its_row() -> None:
    """Records stream like CSV rows: the good ones before a bad one arrive, then an error that
    names the bad record's row (its offset in the whole listing)."""

    def answer(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params.get("offset", 0))
        rows: list[dict[str, object]] = [{"id": i} for i in range(offset, offset + 10)]
        if offset == 10:
            rows[3] = {"id": "not a number"}
        return ok({"data": rows})

    client = sync_client(CINNOX, Recorder(answer), credentials={"access_token": "tok-123456"})
    seen: list[int] = []
    with pytest.raises(ResponseValidationError) as caught:
        for record in client._paginate(CINNOX_CALLS, CinnoxRequest(appID="a", limit=10),
                                       CallPage, Call):
            seen.append(record.id)
    assert seen == list(range(13))
    assert caught.value.row == 13
    assert "row 13" in str(caught.value) and "'id'" in str(caught.value)
