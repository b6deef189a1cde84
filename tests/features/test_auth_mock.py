"""The auth fixtures against the spec-driven mock, beyond the generic drive (test_mock.py):
wrong credentials refused, the OAuth token endpoint's expiry and errors, async providers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from generator.mock import MockServer
from generator.runtime import AuthError
from tests.features.harness import Generated, fixtures, generated
from tests.features.mock_drive import client_kwargs

AUTH = [fixture for fixture in fixtures() if fixture.name.startswith("auth_")]
OAUTH = "auth_oauth2_client_credentials"
# The credential each fixture's test spoils: the one the vendor would check.
SPOILED = {"auth_all_of": "password", "auth_api_key_header": "api_key",
           "auth_api_key_query": "api_key", "auth_basic": "auth_token",
           "auth_oauth2_client_credentials": "client_secret", "auth_one_of": "session_id",
           "auth_token_provider": "token_provider"}


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Generated]:
    root = tmp_path_factory.mktemp("auth_mock")
    return {fixture.name: generated(fixture, root) for fixture in AUTH}


@pytest.fixture(scope="module")
def server(packages: dict[str, Generated]) -> Iterator[MockServer]:
    apis = [gen.api for gen in packages.values()]
    names = {vendor: gen.package.__name__ for vendor, gen in packages.items()}
    with MockServer(apis=apis, packages=names, records=5, page_size=2) as mock:
        yield mock


@pytest.fixture(autouse=True)
def _reset(server: MockServer) -> None:
    httpx.post(f"{server.url}/_mock/reset", timeout=10).raise_for_status()


def _kwargs(server: MockServer, gen: Generated) -> dict[str, Any]:
    vendor = gen.api.vendor_id
    return {**client_kwargs(gen.api, server.credentials(vendor)),
            "server_url": server.vendor_url(vendor)}


@pytest.mark.parametrize("feature", sorted(SPOILED))
def test_right_credentials_pass_and_a_wrong_one_is_refused(
    packages: dict[str, Generated], server: MockServer, feature: str
) -> None:
    gen = packages[feature]
    kwargs = _kwargs(server, gen)
    with gen.client_class("sync")(**kwargs) as client:
        assert client.list_calls().calls
    spoiled = {**kwargs, SPOILED[feature]: "wrong-value-1"}
    with gen.client_class("sync")(**spoiled) as client, pytest.raises(AuthError):
        client.list_calls()


def test_oauth_tokens_are_reused_then_renewed_after_the_mock_expires_them(
    packages: dict[str, Generated], server: MockServer
) -> None:
    gen = packages[OAUTH]
    with gen.client_class("sync")(**_kwargs(server, gen)) as client:
        assert len(list(client.iter_list_calls(limit=2))) == 5  # 3 pages, 1 token
        expired = httpx.post(f"{server.url}/_mock/tokens/expire", json={"vendor": OAUTH})
        assert expired.json() == {"expired": 1}
        assert client.list_calls().calls  # 401, one renewal, the call again
    journal = httpx.get(f"{server.url}/_mock/requests", params={"vendor": OAUTH}).json()
    assert [(e["endpoint"], e["status"]) for e in journal] == [
        ("_token", 200), ("list_calls", 200), ("list_calls", 200), ("list_calls", 200),
        ("list_calls", 401), ("_token", 200), ("list_calls", 200),
    ]


def test_oauth_wrong_client_secret_gets_the_rfc6749_error(
    packages: dict[str, Generated], server: MockServer
) -> None:
    gen = packages[OAUTH]
    kwargs = {**_kwargs(server, gen), "client_secret": "not-the-secret"}
    with gen.client_class("sync")(**kwargs) as client, pytest.raises(AuthError) as caught:
        client.list_calls()
    assert (caught.value.status, caught.value.code) == (401, "invalid_client")
    assert "not-the-secret" not in str(caught.value)


def test_token_endpoint_refuses_another_grant_and_unknown_scopes(server: MockServer) -> None:
    url = f"{server.vendor_url(OAUTH)}/v1/oauth/token"
    auth = (server.credentials(OAUTH)["client_id"], server.credentials(OAUTH)["client_secret"])
    grant = httpx.post(url, data={"grant_type": "password"}, auth=auth)
    scope = httpx.post(url, data={"grant_type": "client_credentials", "scope": "admin"}, auth=auth)
    assert (grant.status_code, grant.json()["error"]) == (400, "unsupported_grant_type")
    assert (scope.status_code, scope.json()["error"]) == (400, "invalid_scope")


def test_async_provider_is_asked_for_every_request(
    packages: dict[str, Generated], server: MockServer
) -> None:
    gen = packages["auth_token_provider"]
    expected = server.credentials("auth_token_provider")["token_provider"]
    asked: list[int] = []

    async def mint() -> str:
        asked.append(1)
        return expected

    async def main() -> int:
        url = server.vendor_url("auth_token_provider")
        async with gen.client_class("async")(token_provider=mint, server_url=url) as client:
            await client.list_calls()
            return len((await client.list_calls()).calls)

    assert asyncio.run(main()) > 0
    assert len(asked) == 2


@pytest.mark.parametrize("variant", ["sync", "async"])
def test_a_renewing_provider_is_told_the_refused_token_and_the_call_retried_once(
    packages: dict[str, Generated], server: MockServer, variant: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    vendor = "auth_token_provider_refresh"
    gen = packages[vendor]
    right = server.credentials(vendor)["token_provider"]
    told: list[str | None] = []

    def mint(refused: str | None) -> str:
        told.append(refused)
        return right if refused == "jwt-stale-0001" else "jwt-stale-0001"

    async def mint_async(*, refused: str | None = None) -> str:
        return mint(refused)

    def mint_sync(*, refused: str | None = None) -> str:
        return mint(refused)

    url = server.vendor_url(vendor)

    async def main() -> int:
        async with gen.client_class("async")(token_provider=mint_async, server_url=url) as client:
            return len((await client.list_calls()).calls)

    with caplog.at_level(logging.DEBUG):
        if variant == "sync":
            with gen.client_class("sync")(token_provider=mint_sync, server_url=url) as client:
                assert client.list_calls().calls
        else:
            assert asyncio.run(main()) > 0
    assert told == [None, "jwt-stale-0001"]
    assert "jwt-stale-0001" not in caplog.text and right not in caplog.text


def test_a_renewing_provider_giving_the_refused_token_again_ends_in_auth_error(
    packages: dict[str, Generated], server: MockServer
) -> None:
    gen = packages["auth_token_provider_refresh"]
    told: list[str | None] = []

    def stuck(*, refused: str | None = None) -> str:
        told.append(refused)
        return "jwt-stuck-0001"

    url = server.vendor_url("auth_token_provider_refresh")
    with gen.client_class("sync")(token_provider=stuck, server_url=url) as client:
        with pytest.raises(AuthError) as caught:
            client.list_calls()
    assert told == [None, "jwt-stuck-0001"] and caught.value.status == 401
    assert "jwt-stuck-0001" not in str(caught.value) + repr(caught.value)


def test_a_scheme_given_only_part_of_its_credentials_is_refused(server: MockServer) -> None:
    """The mock checks a scheme whole: the right user id without its token is no login."""
    vendor = "auth_one_of"
    wires = server.credentials(vendor)
    url = f"{server.vendor_url(vendor)}/v1/calls"
    part = httpx.get(url, params={"user": wires["user"]}, timeout=10)
    whole = httpx.get(url, params={"user": wires["user"], "token": wires["token"]}, timeout=10)
    assert (part.status_code, whole.status_code) == (401, 200)
