"""Redaction: no credential value in reprs, log records, exception messages or shown URLs."""

from __future__ import annotations

import logging

import httpx
import pytest

from generator.runtime import (
    RetryPolicy,
    APIError,
    ConfigError,
    Operation,
    RedactingFilter,
    Redactor,
    SyncClient,
    TransportError,
)

from .helpers import (
    CINNOX,
    DEEPCALL,
    DEEPCALL_LIST,
    YEASTAR,
    Recorder,
    Sleeps,
    Status,
    ok,
    sync_client,
)

SECRET = "yeastar-S3CR3T-token"
GET = Operation(
    name="calls", http_method="GET", path="/calls", locations={"q": "query"}, idempotent=True
)


def test_redactor_masks_values_and_secret_names() -> None:
    r = Redactor(values=["abcd/1234+x"], names=["userId"])
    assert r.text("token abcd/1234+x here") == "token *** here"
    assert r.text("https://h/x?a=1&access_token=zz9&b=2") == "https://h/x?a=1&access_token=***&b=2"
    assert r.url("https://h/x?token=abcd%2F1234%2Bx") == "https://h/x?token=***"
    assert (
        r.text('{"ssid": "s-1", "password":"p w", "userId": 42}')
        == '{"ssid": "***", "password":"***", "userId": ***}'
    )
    assert r.text("Authorization: Bearer eyJhbGciOi.x.y") == "Authorization: Bearer ***"
    assert r.text("userid=7&tokenizer=keep") == "userid=***&tokenizer=keep"
    # values too short to be secrets are masked by name only, so status codes survive
    assert Redactor(values=["42"]).text("HTTP 421") == "HTTP 421"


def test_secret_values_are_masked_in_each_url_and_form_spelling() -> None:
    """A secret with a space reaches text as itself, %20-quoted (URLs) and +-quoted (forms)."""
    r = Redactor(values=["pass word 1"])
    assert r.text("pw=pass word 1; q=pass%20word%201; f=pass+word+1") == "pw=***; q=***; f=***"


def test_logging_filter() -> None:
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "GET %s", ("https://h/?ssid=abc",), None
    )
    assert RedactingFilter().filter(record)
    assert record.getMessage() == "GET https://h/?ssid=***"


def test_repr_shows_no_secret() -> None:
    client = SyncClient(
        YEASTAR, credentials={"access_token": SECRET}, variables={"host": "pbx.example.com"}
    )
    text = repr(client)
    assert SECRET not in text
    assert "Yeastar P-Series" in text and "access_token" in text and "pbx.example.com" in text


def test_log_records_and_exceptions_show_no_secret(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    sleeps = Sleeps()
    rec = Recorder(
        httpx.ConnectError(f"refused for {SECRET}"),
        ok({"errmsg": f"token {SECRET} expired", "errcode": 10004}, 401),
    )
    client = sync_client(
        YEASTAR,
        rec,
        sleeps,
        credentials={"access_token": SECRET},
        variables={"host": "pbx.example.com"},
    )
    with pytest.raises(APIError) as info:
        client._call(GET, None, None)
    assert SECRET in str(rec.requests[0].url)  # it was sent …
    error = info.value
    for shown in (str(error), repr(error), error.url or "", error.message or ""):
        assert SECRET not in shown
    assert "access_token=***" in str(error)
    messages = [r.getMessage() for r in caplog.records]
    assert any("retrying" in m for m in messages)  # the retry was logged …
    assert any(r.name == "callspec" for r in caplog.records)
    for message in messages:
        assert SECRET not in message  # … without the secret


def test_httpx_request_log_lines_are_masked(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="httpx")

    def real_send(request: httpx.Request) -> httpx.Response:
        # httpx logs "HTTP Request: GET <url>" itself; emulate it as httpx does, on its logger
        logging.getLogger("httpx").info(
            'HTTP Request: %s %s "%s %d"', request.method, request.url, "HTTP/1.1", 200
        )
        return ok({})

    client = sync_client(
        YEASTAR,
        Recorder(real_send),
        credentials={"access_token": SECRET},
        variables={"host": "pbx.example.com"},
    )
    client._call(GET, None, None)
    lines = [r.getMessage() for r in caplog.records if r.name == "httpx"]
    assert lines and all(SECRET not in line and "access_token=***" in line for line in lines)


def test_transport_error_message_masked() -> None:
    rec = Recorder(httpx.ConnectError("boom"))
    client = sync_client(
        YEASTAR, rec, credentials={"access_token": SECRET}, variables={"host": "h.example"}
    )
    client = client.with_options(retry=RetryPolicy(max_attempts=1))
    with pytest.raises(TransportError) as info:
        client._call(GET, None, None)
    assert SECRET not in str(info.value) and "access_token=***" in str(info.value)


def test_body_secrets_and_config_errors() -> None:
    rec = Recorder(ok({"status": "error", "code": 1014, "message": "Invalid token sess-VALUE-999"}))
    client = sync_client(
        DEEPCALL, rec, credentials={"ssid": "sess-VALUE-999"}, variables={"brand": "b.example"}
    )
    with pytest.raises(APIError) as info:
        client._call(DEEPCALL_LIST, None, Status)
    assert "sess-VALUE-999" not in str(info.value)
    with pytest.raises(ConfigError) as config:
        SyncClient(CINNOX, credentials={"access_token": "cinnox-VALUE-1", "bogus": "bogus-VALUE-2"})
    assert "VALUE" not in str(config.value)
