"""CSV streaming: header or not, quoting, padding, Excel apostrophes, bad rows, chunk boundaries."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pydantic import BaseModel, ConfigDict, Field

from generator.runtime import (
    APIError,
    ConfigError,
    CsvLayout,
    Operation,
    ResponseValidationError,
    SyncClient,
    TransportError,
)
from generator.runtime._csv import CsvParser, clean_cell

from .helpers import RC_LINES, RC_REPORT, RINGCENTRAL, CallDetailRow, Recorder, text, sync_client


class Row(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    call_id: int = Field(alias="callId")
    caller: str
    note: str | None = None


LAYOUT = CsvLayout(columns=("callId", "caller", "note"), header=True, excel_apostrophes=True)
NO_HEADER = CsvLayout(columns=("callId", "caller", "note"), header=False, excel_apostrophes=True)


def parse(
    layout: CsvLayout, body: str, chunk: int | None = None, strict: bool = False
) -> list[Row]:
    parser = CsvParser(layout, Row, where="Test", strict=strict)
    size = chunk or max(len(body), 1)
    rows: list[Row] = []
    for start in range(0, len(body), size):
        rows.extend(parser.feed(body[start : start + size]))
    rows.extend(parser.finish())
    return rows


def as_tuples(rows: list[Row]) -> list[tuple[int, str, str | None]]:
    return [(r.call_id, r.caller, r.note) for r in rows]


def test_with_header_and_quoted_fields() -> None:
    body = 'callId,caller,note\n1,"+1 555, ext 2","said ""hi""\nthen left"\r\n2,alice,\n'
    expected = [(1, "+1 555, ext 2", 'said "hi"\nthen left'), (2, "alice", "")]
    assert as_tuples(parse(LAYOUT, body)) == expected
    # every chunk size, so records and quoted newlines straddle chunk boundaries
    for size in range(1, len(body) + 1):
        assert as_tuples(parse(LAYOUT, body, size)) == expected, size


def test_header_in_another_order_and_a_bom() -> None:
    body = "\ufeffnote, caller ,callId\nn1,bob,7\n"
    assert as_tuples(parse(LAYOUT, body)) == [(7, "bob", "n1")]


def test_header_missing_a_column() -> None:
    with pytest.raises(ResponseValidationError, match="row 1: CSV header .* missing note") as info:
        parse(LAYOUT, "callId,caller\n1,a\n")
    assert info.value.row == 1


def test_extra_header_column_allowed_unless_strict() -> None:
    body = "callId,caller,note,extra\n1,a,b,c\n"
    assert as_tuples(parse(LAYOUT, body)) == [(1, "a", "b")]
    with pytest.raises(ResponseValidationError, match="unexpected extra"):
        parse(LAYOUT, body, strict=True)


def test_without_header_uses_the_layout_order() -> None:
    assert as_tuples(parse(NO_HEADER, "1,a,x\n2,b,y")) == [(1, "a", "x"), (2, "b", "y")]


def test_padded_values_are_stripped() -> None:
    assert as_tuples(parse(NO_HEADER, "  1 ,  alice   ,COMPLETE            \n")) == [
        (1, "alice", "COMPLETE")
    ]


def test_leading_apostrophe_before_a_number_is_removed() -> None:
    body = "1,'202004250912250132110000003150,'Twas\n2,'+15551234,O'Brien\n3, '42 ,x\n"
    assert as_tuples(parse(NO_HEADER, body)) == [
        (1, "202004250912250132110000003150", "'Twas"),
        (2, "+15551234", "O'Brien"),
        (3, "42", "x"),
    ]
    quoted = '1,"\'2020",",\'5 stays"\n'
    assert as_tuples(parse(NO_HEADER, quoted)) == [(1, "2020", ",'5 stays")]
    assert (
        clean_cell("  '0012 ") == "0012" and clean_cell("'") == "'" and clean_cell("''1") == "''1"
    )


def test_short_and_long_rows_name_the_row() -> None:
    with pytest.raises(
        ResponseValidationError, match=r"row 3: 2 values, expected 3 .*too short"
    ) as info:
        parse(LAYOUT, "callId,caller,note\n1,a,b\n2,b\n3,c,d\n")
    assert info.value.row == 3
    with pytest.raises(ResponseValidationError, match=r"row 2: 4 values, expected 3 .*too long"):
        parse(NO_HEADER, "1,a,b\n2,b,c,d\n")


def test_a_value_that_does_not_fit_names_row_and_field() -> None:
    with pytest.raises(ResponseValidationError) as info:
        parse(LAYOUT, "callId,caller,note\n1,a,b\n\nx,b,c\n", chunk=4)
    error = info.value
    assert (error.row, error.field, error.model) == (3, "callId", "Row")
    assert "row 3: field 'callId' does not fit Row" in str(error)


def test_blank_lines_and_no_trailing_newline() -> None:
    assert as_tuples(parse(NO_HEADER, "\n1,a,b\n\n\n2,c,d")) == [(1, "a", "b"), (2, "c", "d")]
    assert parse(LAYOUT, "") == [] and parse(LAYOUT, "callId,caller,note\n") == []


# -- through the client ---------------------------------------------------------------------------


class Account(BaseModel):
    accountId: str
    reportType: str = "CASPER_REPORT"


def rc_client(rec: Recorder) -> SyncClient:
    return sync_client(RINGCENTRAL, rec, credentials={"access_token": "rc-secret-token"})


def test_ringcentral_csv_through_the_client() -> None:
    rec = Recorder(text(RC_LINES))
    with pytest.warns(DeprecationWarning):
        rows = list(rc_client(rec)._stream_csv(RC_REPORT, Account(accountId="17"), CallDetailRow))
    assert len(rows) == 2
    first = rows[0].model_dump()
    assert first["uii"] == "202004250912250132110000003150"
    assert first["call_state"] == "COMPLETE"
    assert first["cloud_profile_id"] == 1111 and first["attempt_2_disp"] == ""
    sent = rec.requests[0]
    assert sent.url.path == "/api/v1/admin/accounts/17/reportsStreaming"
    assert sent.headers["Authorization"] == "Bearer rc-secret-token"


class _Chunks(httpx.SyncByteStream):
    """A body sent in small pieces, counting how many were read."""

    def __init__(self, body: bytes, size: int) -> None:
        self.body, self.size, self.read = body, size, 0

    def __iter__(self) -> Iterator[bytes]:
        for start in range(0, len(self.body), self.size):
            self.read += 1
            yield self.body[start : start + self.size]


def test_streams_without_reading_the_whole_body_first() -> None:
    stream = _Chunks(RC_LINES.encode() * 200, 64)
    rec = Recorder(lambda request: httpx.Response(200, stream=stream))
    with pytest.warns(DeprecationWarning):
        rows = rc_client(rec)._stream_csv(RC_REPORT, Account(accountId="1"), CallDetailRow)
    assert rec.requests == []  # lazy
    next(rows)
    assert 0 < stream.read < 10  # a few chunks, not the whole body
    assert sum(1 for _ in rows) == 399


def test_json_error_in_a_200_instead_of_csv() -> None:
    rec = Recorder(httpx.Response(200, json={"message": "Invalid account"}))
    op = Operation(
        name="r", http_method="GET", path="/r", locations={}, response_format="csv", csv=NO_HEADER
    )
    with pytest.raises(ResponseValidationError, match="expected CSV, got a JSON body"):
        list(rc_client(rec)._stream_csv(op, None, Row))


def test_csv_http_error_and_missing_layout() -> None:
    rec = Recorder(httpx.Response(401, json={"message": "expired"}))
    op = Operation(
        name="r", http_method="GET", path="/r", locations={}, response_format="csv", csv=NO_HEADER
    )
    with pytest.raises(APIError, match="HTTP 401.*expired"):
        list(rc_client(rec)._stream_csv(op, None, Row))
    with pytest.raises(ConfigError, match="no CSV layout"):
        rc_client(rec)._stream_csv(
            Operation(name="x", http_method="GET", path="", locations={}), None, Row
        )


class _Broken(httpx.SyncByteStream):
    def __iter__(self) -> Iterator[bytes]:
        yield b"1,a,b\n2,"
        raise httpx.ReadError("connection reset")


def test_connection_lost_mid_csv() -> None:
    rec = Recorder(lambda request: httpx.Response(200, stream=_Broken()))
    op = Operation(
        name="r", http_method="GET", path="/r", locations={}, response_format="csv", csv=NO_HEADER
    )
    rows = rc_client(rec)._stream_csv(op, None, Row)
    assert next(rows).call_id == 1
    with pytest.raises(TransportError, match="connection reset"):
        next(rows)


class Cells(BaseModel):
    a: str
    b: str
    c: str
    d: str


def _quote_all(buffer: io.StringIO, lineterminator: str) -> Any:
    return csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator=lineterminator)


def test_fast_paths_agree_with_clean_cell_on_random_csv() -> None:
    """Whatever path a chunk takes, each cell must come out as clean_cell(cell read by csv)."""
    import csv as std_csv
    import io
    import random

    rng = random.Random(20240501)
    alphabet = ["a", "7", "'", "+", " ", ",", '"', "\n", "x y", "'0", "O'B", "\t", "\xa0"]
    layout = CsvLayout(columns=("a", "b", "c", "d"), header=False, excel_apostrophes=True)
    for _ in range(300):
        rows = [
            ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5))) for _ in range(4)]
            for _ in range(rng.randint(1, 6))
        ]
        buffer = io.StringIO()
        writer = std_csv.writer if rng.random() < 0.5 else _quote_all
        writer(buffer, lineterminator=rng.choice(["\n", "\r\n"])).writerows(rows)
        body = buffer.getvalue()
        expected = [
            [clean_cell(c) for c in cells] for cells in std_csv.reader(io.StringIO(body)) if cells
        ]
        parser = CsvParser(layout, Cells, where="t")
        size = rng.randint(1, 40)
        got: list[Cells] = []
        for start in range(0, len(body), size):
            got.extend(parser.feed(body[start : start + size]))
        got.extend(parser.finish())
        assert [[r.a, r.b, r.c, r.d] for r in got] == expected, body
