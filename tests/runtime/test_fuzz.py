"""Fuzzing (hypothesis, seeded): random JSON, CSV and byte bodies through the runtime's decoders,
its clients and the validators end in documented exceptions only, never a raw one."""

from __future__ import annotations

import json
import math
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from generator.runtime import (
    CallspecError,
    EndpointValidator,
    Operation,
    Problem,
    ResponseValidationError,
    RetryPolicy,
    SyncClient,
)
from generator.runtime._csv import CsvParser
from generator.runtime._redact import Redactor
from generator.runtime._response import Exchange, decode_json
from generator.runtime._retry import parse_retry_after

from .hostile import DESCRIPTION, LAYOUT, Row, operation

# Seeded and small: a few seconds in CI, the same examples on every run.
FUZZ = settings(
    derandomize=True,
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=20,
)
BODIES = st.one_of(
    st.binary(max_size=300),
    JSON.map(lambda value: json.dumps(value).encode()),
    st.integers(1, 3000).map(lambda depth: b"[" * depth + b"]" * depth),
    st.text(max_size=200).map(lambda text: text.encode("utf-8", "surrogatepass")),
)
CSV_TEXT = st.text(alphabet=st.sampled_from('1a,"\n\r \'+\x00é'), max_size=200)
EXCHANGE = Exchange("Fuzz", operation("/x"), "GET", "http://fuzz/x", Redactor())


class Page(BaseModel):
    data: list[dict[str, Any]]


VALIDATOR = EndpointValidator(
    Operation(name="fuzz", http_method="GET", path="/x", locations={}, response_format="csv",
              csv=LAYOUT),
    request=Page,
    response=Page,
    record=Row,
)


@FUZZ
@given(BODIES, st.sampled_from([None, "application/json", "text/html"]))
def test_decode_json_raises_only_documented_errors(body: bytes, kind: str | None) -> None:
    try:
        decode_json(body, EXCHANGE, kind)
    except CallspecError:
        pass


@FUZZ
@given(st.text(max_size=60) | st.sampled_from(["nan", "inf", "-inf", "-1", "1e999", "1e308",
                                                "Wed, 21 Oct 2015 07:28:00 GMT",
                                                "Fri, 31 Dec 9999 23:59:59 GMT", "0"]))
def test_retry_after_is_none_or_a_sane_wait(value: str) -> None:
    seconds = parse_retry_after(value, 1_700_000_000.0)
    assert seconds is None or (math.isfinite(seconds) and 0 <= seconds <= 86_400)


@FUZZ
@given(st.binary(max_size=300) | CSV_TEXT.map(str.encode), st.integers(1, 40),
       st.sampled_from([None, 16, 64]))
def test_csv_parser_raises_only_documented_errors(
    body: bytes, chunk: int, max_record: int | None
) -> None:
    parser = CsvParser(LAYOUT, Row, where="Fuzz", max_record_chars=max_record)
    try:
        for start in range(0, len(body), chunk):
            list(parser.feed_bytes(body[start : start + chunk]))
        list(parser.finish())
    except ResponseValidationError:
        pass


def _client(status: int, body: bytes, kind: str, retry_after: str) -> SyncClient:
    def answer(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Type": kind, "Retry-After": retry_after}
        return httpx.Response(status, content=body, headers=headers)

    return SyncClient(DESCRIPTION, server_url="http://fuzz", transport=httpx.MockTransport(answer),
                      retry=RetryPolicy(max_attempts=2, sleep=lambda s: None),
                      max_body_bytes=200, max_csv_record_chars=50)


@settings(FUZZ, max_examples=50)
@given(BODIES, st.sampled_from([200, 302, 400, 429, 500, 503]),
       st.sampled_from(["application/json", "text/csv", "text/html", "application/octet-stream"]),
       st.sampled_from(["", "nan", "-3", "1e999", "Wed, 21 Oct 2015 07:28:00 GMT", "x"]))
def test_client_calls_raise_only_documented_errors(
    body: bytes, status: int, kind: str, retry_after: str
) -> None:
    with _client(status, body, kind, retry_after) as client:
        for call in (
            lambda: client._call(operation("/x"), None, Page),
            lambda: client._call_raw(operation("/x"), None),
            lambda: list(client._stream_csv(operation("/x", "csv"), None, Row)),
            lambda: list(client._download(operation("/x", "file"), None)),
        ):
            try:
                call()
            except CallspecError:
                pass


@FUZZ
@given(BODIES)
def test_json_validators_return_problems_only(body: bytes) -> None:
    for problems in (VALIDATOR.response(body), VALIDATOR.records(body)):
        assert all(isinstance(p, Problem) for p in problems)


@FUZZ
@given(CSV_TEXT)
def test_csv_validator_returns_problems_only(text: str) -> None:
    try:
        problems = list(VALIDATOR.csv(text.splitlines(keepends=True)))
    except ResponseValidationError as error:  # text that is not CSV at all: documented
        assert error.row is not None
        return
    assert all(isinstance(p, Problem) for p in problems)


ANY_JSON = EndpointValidator(VALIDATOR.operation, request=Page)


@FUZZ
@given(BODIES)
def test_any_json_validator_returns_problems_only(body: bytes) -> None:
    assert all(isinstance(p, Problem) for p in ANY_JSON.response(body))


def test_csv_validator_names_the_line_of_an_oversized_field_and_bad_bytes(tmp_path: Any) -> None:
    long_field = "1," + "x" * 200_000 + "\n2,bob\n"
    with pytest.raises(ResponseValidationError, match="line 1: not valid CSV: field larger"):
        list(VALIDATOR.csv(long_field.splitlines(keepends=True)))
    path = tmp_path / "bad.csv"
    path.write_bytes(b"1,alice\n2,b\xffob\n")
    with pytest.raises(ResponseValidationError, match="not valid UTF-8"):
        list(VALIDATOR.csv(path))
