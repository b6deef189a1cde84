"""Typed values over real HTTP: datetimes sent as each vendor writes them, typed records back,
field selectors and sort keys checked before sending, tolerant reading, strict writing."""

from __future__ import annotations

import json
import warnings
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from generated.callgear import CallGearClient
from generated.callgear import validators as callgear_validators
from generated.callgear.models import (
    CallsReportRequestSortItem,
    CallsReportResponse,
    CallSession,
)
from generated.cinnox import CINNOXClient
from generated.cinnox import validators as cinnox_validators
from generated.cinnox.models import RecordingFile
from generator.runtime import CallspecError, OutOfSpecWarning, RequestError

from .conftest import Mock


def callgear(mock: Mock, **options: Any) -> CallGearClient:
    token = mock.creds("callgear")["access_token"]
    return CallGearClient(access_token=token, server_url=mock.url("callgear"), **options)


def test_datetimes_go_on_the_wire_as_the_vendor_writes_them(mock: Mock) -> None:
    with callgear(mock) as client:
        page = client.calls_report(date_from=datetime(2025, 1, 1),
                                   date_till=datetime(2025, 1, 31, 23, 59, 59), limit=2)
    (sent,) = mock.requests("callgear")
    assert sent["json"]["params"]["date_from"] == "2025-01-01 00:00:00"
    assert sent["json"]["params"]["date_till"] == "2025-01-31 23:59:59"
    assert page.result is not None and page.result.data
    assert all(isinstance(record.start_time, datetime) for record in page.result.data)


def test_a_string_already_in_the_wire_format_is_sent_as_is(mock: Mock) -> None:
    with callgear(mock) as client:
        client.calls_report(date_from="2025-01-01 00:00:00", date_till="2025-01-02 00:00:00")
    (sent,) = mock.requests("callgear")
    assert sent["json"]["params"]["date_from"] == "2025-01-01 00:00:00"


def test_aware_datetimes_are_converted_to_the_vendors_zone(mock: Mock) -> None:
    credentials = mock.creds("cinnox")
    with CINNOXClient(**credentials, server_url=mock.url("cinnox")) as client:
        moscow = timezone(timedelta(hours=3))
        client.call_detail(app_id="app-1", start_at=datetime(2025, 1, 1, 3, tzinfo=moscow),
                           end_at=datetime(2025, 1, 2, tzinfo=timezone.utc))
    (sent,) = mock.requests("cinnox")
    assert sent["query"]["startAt"] == "2025-01-01T00:00:00.000Z"
    assert sent["query"]["endAt"] == "2025-01-02T00:00:00.000Z"


@pytest.mark.parametrize(("params", "python", "wire"), [
    ({"date_from": "2025-1-1 0:00:00"}, "date_from", "date_from"),
    ({"fields": ["id", "start_tme"]}, "fields[1]", "fields[1]"),
    ({"sort": [{"field": "talk_duration", "order": "asc"}]}, "sort[0].field", "sort[0].field"),
    ({"sort": [{"field": "start_time", "direction": "asc"}]}, "sort[0].direction",
     "sort[0].direction"),
])
def test_request_mistakes_fail_before_sending_naming_the_param(
    mock: Mock, params: dict[str, Any], python: str, wire: str
) -> None:
    arguments = {"date_from": "2025-01-01 00:00:00", "date_till": "2025-01-02 00:00:00", **params}
    with callgear(mock) as client, pytest.raises(RequestError) as caught:
        client.calls_report(**arguments)
    assert isinstance(caught.value, CallspecError)
    assert [(p.python, p.wire) for p in caught.value.problems] == [(python, wire)]
    assert mock.requests("callgear") == []


def test_cinnox_wire_names_are_named_in_request_errors(mock: Mock) -> None:
    credentials = mock.creds("cinnox")
    with CINNOXClient(**credentials, server_url=mock.url("cinnox")) as client:
        with pytest.raises(RequestError) as caught:
            client.call_detail(app_id="app-1", call_type="cal")  # type: ignore[arg-type]
    assert [(p.python, p.wire) for p in caught.value.problems] == [("call_type", "callType")]
    assert mock.requests("cinnox") == []


def test_a_request_object_built_alone_refuses_typos_with_a_request_error() -> None:
    with pytest.raises(RequestError):
        CallsReportRequestSortItem(field="not_a_field")  # type: ignore[arg-type]
    assert CallsReportRequestSortItem(field="start_time").field == "start_time"


def test_unknown_keys_are_kept_in_every_response_object() -> None:
    body = {"jsonrpc": "2.0", "id": 1, "added": 1, "result": {
        "metadata": {}, "extra_page_info": {"x": 1},
        "data": [{"id": 1, "start_time": "2025-01-01 10:00:00", "brand_new": "kept",
                  "tags": [{"tag_id": 2, "tag_colour": "red"}]}]}}
    page = CallsReportResponse.model_validate(body)
    assert page.model_extra == {"added": 1}
    assert page.result is not None and page.result.model_extra == {"extra_page_info": {"x": 1}}
    record = page.result.data[0]  # type: ignore[index]
    assert record.model_extra == {"brand_new": "kept"}
    assert record.tags is not None and record.tags[0].model_extra == {"tag_colour": "red"}
    assert record.start_time == datetime(2025, 1, 1, 10)
    dumped = page.model_dump(mode="json", by_alias=True)
    assert dumped["result"]["data"][0]["start_time"] == "2025-01-01 10:00:00"
    assert dumped["result"]["data"][0]["brand_new"] == "kept"


def test_doc_contradictions_read_either_type_and_consts_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert RecordingFile.model_validate({"type": "3", "isPrivate": True}).type is not None
        assert RecordingFile.model_validate({"type": 3}).type == 3
    problems = cinnox_validators.call_detail.records(json.dumps(
        [{"caller": 15550100, "callee": "+15550101",
          "recordingEventList": [{"files": [{"isPrivate": False}]}]}]).encode())
    assert [(p.field, p.severity, p.row) for p in problems] == [("RecordingFile.isPrivate", "warning", 0)]
    strict = cinnox_validators.call_detail.records(json.dumps(
        [{"recordingEventList": [{"files": [{"isPrivate": False}]}]}]).encode(), strict=True)
    assert [p.severity for p in strict] == ["error"]
    assert "recordingEventList" in strict[0].field


def test_validators_say_which_problems_are_warnings_and_which_errors() -> None:
    records = json.dumps([{"id": 1, "start_time": "2025-02-30 10:00:00"},
                          {"id": "not a number"}]).encode()
    problems = callgear_validators.calls_report.records(records)
    assert [(p.severity, p.row) for p in problems] == [("error", 1)]
    lone = callgear_validators.calls_report.records(records[:records.index(b"}") + 1] + b"]")
    assert [(p.field, p.severity, p.row) for p in lone] == [("CallSession.start_time", "warning", 0)]
    strict = callgear_validators.calls_report.records(
        b'[{"id": 1, "start_time": "2025-02-30 10:00:00"}]', strict=True)
    assert [(p.field, p.severity, p.row) for p in strict] == [("start_time", "error", 0)]


def test_a_record_of_the_wrong_shape_is_an_error_naming_field_and_row() -> None:
    problems = callgear_validators.calls_report.records(b'[{"id": 1}, {"tags": "red"}]')
    assert [(p.field, p.row, p.severity) for p in problems] == [("tags", 1, "error")]


def test_a_value_that_does_not_parse_is_kept_as_it_came() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        session = CallSession.model_validate({"start_time": "soon"})
    assert session.start_time == "soon"  # kept as it came
    assert not caught  # model_validate alone does not warn: the client and validators do
    assert issubclass(OutOfSpecWarning, UserWarning)
