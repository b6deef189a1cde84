"""Bearer tokens from a caller's callable (sync and async), HTTP Basic, and the secret flag."""

from __future__ import annotations

import asyncio
import functools
import logging

import httpx
import pytest

from generator.runtime import (
    ApiDescription,
    AsyncClient,
    AuthError,
    AuthScheme,
    ConfigError,
    Credential,
    Operation,
    Server,
    SyncClient,
)
from generator.runtime._credentials import split_credentials, takes_refused

GET = Operation(name="list_calls", http_method="GET", path="/calls", locations={}, idempotent=True)
JWT = ApiDescription(
    vendor="Acme",
    server=Server("https://api.acme.test"),
    schemes=(
        AuthScheme("jwt", "header", (Credential("token_provider"),), style="bearer",
                   token_provider=True),
        AuthScheme("static", "header", (Credential("api_key"),), header="X-Api-Key"),
    ),
)
BASIC = ApiDescription(
    vendor="Acme",
    server=Server("https://api.acme.test"),
    schemes=(AuthScheme("basic", "header", (Credential("account_sid", secret=False),
                                            Credential("auth_token")),
                        style="basic", username="account_sid", password="auth_token"),),
)


class Recorder:
    def __init__(self, status: int = 200, echo: bool = False) -> None:
        self.auth: list[str] = []
        self.status = status
        self.echo = echo

    def __call__(self, request: httpx.Request) -> httpx.Response:
        header = request.headers.get("Authorization", "")
        self.auth.append(header)
        message = f"refused {header}" if self.echo else "refused"
        return httpx.Response(self.status, json={"message": message})


def test_sync_provider_is_called_for_every_request() -> None:
    minted = iter(["jwt-000001", "jwt-000002"])
    rec = Recorder()
    c = SyncClient(JWT, credentials={"token_provider": lambda: next(minted)},
                   transport=httpx.MockTransport(rec))
    c._call(GET, None, None)
    c._call(GET, None, None)
    assert rec.auth == ["Bearer jwt-000001", "Bearer jwt-000002"]


def test_async_client_awaits_an_async_provider_and_calls_a_sync_one() -> None:
    async def mint() -> str:
        return "jwt-async-1"

    async def main(provider: object) -> list[str]:
        rec = Recorder()
        async with AsyncClient(JWT, credentials={"token_provider": provider},  # type: ignore[dict-item]
                               transport=httpx.MockTransport(rec)) as c:
            await c._call(GET, None, None)
        return rec.auth

    assert asyncio.run(main(mint)) == ["Bearer jwt-async-1"]
    assert asyncio.run(main(lambda: "jwt-sync-1")) == ["Bearer jwt-sync-1"]


def test_sync_client_refuses_an_async_provider_before_sending() -> None:
    async def mint() -> str:
        return "jwt-async-1"

    rec = Recorder()
    c = SyncClient(JWT, credentials={"token_provider": mint}, transport=httpx.MockTransport(rec))
    with pytest.raises(ConfigError, match="token_provider returned an awaitable"):
        c._call(GET, None, None)
    assert rec.auth == []


@pytest.mark.parametrize("token", [None, "", 42])
def test_a_provider_returning_no_token_is_a_config_error(token: object) -> None:
    c = SyncClient(JWT, credentials={"token_provider": lambda: token},
                   transport=httpx.MockTransport(Recorder()))
    with pytest.raises(ConfigError, match="must return a non-empty string"):
        c._call(GET, None, None)


def test_a_provider_must_be_callable_and_a_fixed_credential_a_string() -> None:
    with pytest.raises(ConfigError, match="token_provider must be a callable"):
        SyncClient(JWT, credentials={"token_provider": 42})  # type: ignore[dict-item]
    with pytest.raises(ConfigError, match="api_key must be a string"):
        SyncClient(JWT, credentials={"api_key": lambda: "k"})


def test_provider_and_static_alternatives_exclude_each_other() -> None:
    with pytest.raises(ConfigError, match="exclude each other"):
        SyncClient(JWT, credentials={"token_provider": lambda: "t", "api_key": "k-123456"})


def test_a_401_with_a_provided_token_is_not_retried() -> None:
    rec = Recorder(status=401)
    c = SyncClient(JWT, credentials={"token_provider": lambda: "jwt-000001"},
                   transport=httpx.MockTransport(rec))
    with pytest.raises(AuthError):
        c._call(GET, None, None)
    assert rec.auth == ["Bearer jwt-000001"]


def test_provided_tokens_never_reach_logs_reprs_or_errors(caplog: pytest.LogCaptureFixture) -> None:
    rec = Recorder(status=401, echo=True)
    c = SyncClient(JWT, credentials={"token_provider": lambda: "jwt-secret-77"},
                   transport=httpx.MockTransport(rec))
    with caplog.at_level(logging.DEBUG), pytest.raises(AuthError) as caught:
        c._call(GET, None, None)
    assert rec.auth == ["Bearer jwt-secret-77"]  # it was sent …
    shown = [str(caught.value), repr(caught.value), repr(c), caplog.text]
    assert all("jwt-secret-77" not in text for text in shown)  # … and never shown


def test_basic_header_from_the_pair() -> None:
    rec = Recorder()
    SyncClient(BASIC, credentials={"account_sid": "AC01", "auth_token": "tok-1"},
               transport=httpx.MockTransport(rec))._call(GET, None, None)
    assert rec.auth == ["Basic QUMwMTp0b2stMQ=="]


def test_secret_flag_decides_what_is_masked(caplog: pytest.LogCaptureFixture) -> None:
    """The secret credential is masked wherever text is shown; the non-secret one is not."""
    def echo(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"message": "account AC0123456 token tok-secret-99 refused"})

    c = SyncClient(BASIC, credentials={"account_sid": "AC0123456", "auth_token": "tok-secret-99"},
                   transport=httpx.MockTransport(echo))
    with caplog.at_level(logging.DEBUG), pytest.raises(AuthError) as caught:
        c._call(GET, None, None)
    message = str(caught.value)
    assert "tok-secret-99" not in message + repr(c) + caplog.text
    assert "account AC0123456 token ***" in message


class _Minter:
    def __call__(self, *, refused: str | None = None) -> str:
        return "jwt-obj"


def _positional(refused: str | None = None) -> str:
    return "jwt-pos"


def _kwargs_only(**options: object) -> str:
    return "jwt-kw"


@pytest.mark.parametrize(("provider", "renews"), [
    (lambda: "t", False),
    (lambda *, refused=None: "t", True),
    (_Minter(), True),
    (_positional, True),
    (functools.partial(_positional), True),
    (_kwargs_only, False),  # `refused` not declared: maybe forwarded nowhere
    (next, False),  # a signature that cannot be read: a plain provider
])
def test_the_refused_keyword_is_read_from_the_signature(provider: object, renews: bool) -> None:
    assert takes_refused(provider) is renews  # type: ignore[arg-type]
    made = split_credentials(JWT, {"token_provider": provider})  # type: ignore[dict-item]
    assert ("token_provider" in made.renewing) is renews
