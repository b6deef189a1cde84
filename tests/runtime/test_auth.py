"""Auth: header (bearer, plain), query and body credentials; one_of / all_of checks before sending."""

from __future__ import annotations

import pytest

from generator.runtime import (
    ApiDescription,
    AuthScheme,
    ConfigError,
    Credential,
    Operation,
    Server,
    SyncClient,
)

from .helpers import (
    CALLGEAR,
    CALLGEAR_REPORT,
    CINNOX,
    DEEPCALL,
    DEEPCALL_LIST,
    YEASTAR,
    CallsReportRequest,
    Recorder,
    Status,
    ok,
    sync_client,
)

GET = Operation(name="get", http_method="GET", path="/x", locations={})
BRAND = {"brand": "s-ct3.sarv.com"}


def test_bearer_header() -> None:
    rec = Recorder(ok({}))
    sync_client(CINNOX, rec, credentials={"access_token": "cinnox-secret"})._call(GET, None, None)
    assert rec.requests[0].headers["Authorization"] == "Bearer cinnox-secret"


def test_plain_header_single_and_several_credentials() -> None:
    api = ApiDescription(
        vendor="X",
        server=Server("https://x.example"),
        schemes=(AuthScheme("key", "header", (Credential("api_key"),), header="X-Api-Key"),),
    )
    rec = Recorder(ok({}))
    sync_client(api, rec, credentials={"api_key": "k-123456"})._call(GET, None, None)
    assert rec.requests[0].headers["X-Api-Key"] == "k-123456"
    assert "Authorization" not in rec.requests[0].headers

    pair = ApiDescription(
        vendor="X",
        server=Server("https://x.example"),
        schemes=(AuthScheme("pair", "header", (Credential("X-User"), Credential("X-Token"))),),
    )
    rec = Recorder(ok({}))
    sync_client(pair, rec, credentials={"X-User": "u1", "X-Token": "t-123456"})._call(
        GET, None, None
    )
    assert (rec.requests[0].headers["X-User"], rec.requests[0].headers["X-Token"]) == (
        "u1",
        "t-123456",
    )


def test_query_credentials() -> None:
    rec = Recorder(ok({"errcode": 0}))
    client = sync_client(
        YEASTAR,
        rec,
        credentials={"access_token": "yeastar-tok"},
        variables={"host": "pbx.example.com"},
    )
    client._call(GET, None, None)
    assert rec.requests[0].url.params["access_token"] == "yeastar-tok"
    assert str(rec.requests[0].url).startswith("https://pbx.example.com/openapi/v2.0/x?")


def test_body_credentials_rest_and_jsonrpc() -> None:
    rec = Recorder(ok({"status": "success"}))
    client = sync_client(
        DEEPCALL, rec, credentials={"userId": "42", "token": "tok-abcdef"}, variables=BRAND
    )
    client._call(DEEPCALL_LIST, None, Status)
    assert rec.json() == {"userId": "42", "token": "tok-abcdef"}

    rec = Recorder(lambda r: ok({"jsonrpc": "2.0", "id": 1, "result": {"data": []}}))
    client = sync_client(
        CALLGEAR,
        rec,
        credentials={"access_token": "cg-secret"},
        variables={"base_url": "https://api.example.com"},
    )
    client._call(CALLGEAR_REPORT, CallsReportRequest(date_from="a", date_till="b"), None)
    assert rec.json()["params"]["access_token"] == "cg-secret"


def test_one_of_with_both_alternatives_fails_before_any_request() -> None:
    rec = Recorder(ok({}))
    with pytest.raises(ConfigError) as info:
        sync_client(
            DEEPCALL,
            rec,
            credentials={"ssid": "sess-123456", "userId": "42", "token": "tok-abcdef"},
            variables=BRAND,
        )
    assert rec.requests == []
    message = str(info.value)
    assert "exclude each other" in message and "ssid" in message and "userId+token" in message
    for secret in ("sess-123456", "tok-abcdef"):
        assert secret not in message


def test_one_of_with_a_stray_credential_of_the_other_alternative() -> None:
    with pytest.raises(ConfigError, match="userId must not be"):
        SyncClient(
            DEEPCALL,
            credentials={"ssid": "sess-123456", "userId": "42", "token": None},
            variables=BRAND,
        )


def test_one_of_incomplete_and_none() -> None:
    with pytest.raises(ConfigError, match="user_token also needs token"):
        SyncClient(DEEPCALL, credentials={"userId": "42"}, variables=BRAND)
    with pytest.raises(
        ConfigError, match=r"give exactly one of: ssid \(ssid\) \| user_token \(userId\+token\)"
    ):
        SyncClient(
            DEEPCALL, credentials={"ssid": None, "userId": None, "token": None}, variables=BRAND
        )


def test_one_of_picks_the_complete_alternative() -> None:
    rec = Recorder(ok({"status": "success"}))
    client = sync_client(
        DEEPCALL,
        rec,
        credentials={"ssid": "sess-123456", "userId": None, "token": None},
        variables=BRAND,
    )
    client._call(DEEPCALL_LIST, None, Status)
    assert rec.json() == {"ssid": "sess-123456"}


def test_all_of_sends_every_scheme_and_needs_all() -> None:
    api = ApiDescription(
        vendor="X",
        server=Server("https://x.example"),
        auth_mode="all_of",
        schemes=(
            AuthScheme("bearer", "header", (Credential("token"),), style="bearer"),
            AuthScheme("account", "query", (Credential("account"),)),
        ),
    )
    with pytest.raises(ConfigError, match="missing credential.*account"):
        SyncClient(api, credentials={"token": "t-123456"})
    rec = Recorder(ok({}))
    sync_client(api, rec, credentials={"token": "t-123456", "account": "acc-1"})._call(
        GET, None, None
    )
    assert rec.requests[0].headers["Authorization"] == "Bearer t-123456"
    assert rec.requests[0].url.params["account"] == "acc-1"


def test_unknown_credential_name() -> None:
    with pytest.raises(ConfigError, match="unknown credential.*acess_token"):
        SyncClient(CINNOX, credentials={"acess_token": "x"})


def test_operation_auth_restricts_and_anonymous_sends_none() -> None:
    rec = Recorder(ok({"status": "success"}))
    client = sync_client(DEEPCALL, rec, credentials={"ssid": "sess-123456"}, variables=BRAND)
    only_token = Operation(
        name="t", http_method="POST", path="/t", locations={}, auth=("user_token",)
    )
    with pytest.raises(ConfigError, match="accepts auth user_token"):
        client._call(only_token, None, None)
    assert rec.requests == []
    public = Operation(name="p", http_method="GET", path="/p", locations={}, anonymous=True)
    client._call(public, None, None)
    assert rec.requests[0].content == b"" and "ssid" not in str(rec.requests[0].url)
