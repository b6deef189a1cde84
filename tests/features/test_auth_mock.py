"""The auth fixtures against the spec-driven mock: Basic, API keys, OAuth token endpoint, providers."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

import generated
from generator.mock import MockServer
from generator.runtime import AuthError

from .auth_wire import FEATURES, generate

AUTH = sorted(p.name for p in FEATURES.iterdir() if p.name.startswith("auth_") and p.is_dir())
OAUTH = "auth_oauth2_client_credentials"


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, ModuleType]]:
    into = tmp_path_factory.mktemp("auth_mock_packages")
    built = {feature: generate(feature, into) for feature in AUTH}
    # The mock validates params with generated.<vendor>.models: let it find the fixtures there.
    generated.__path__.append(str(into))
    yield built
    generated.__path__.remove(str(into))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockServer]:
    specs = tmp_path_factory.mktemp("auth_specs")
    for feature in AUTH:
        shutil.copy(FEATURES / feature / f"{feature}.yaml", specs)
    with MockServer(specs=specs, records=5, page_size=2) as mock:
        yield mock


@pytest.fixture(autouse=True)
def _reset(server: MockServer) -> None:
    httpx.post(f"{server.url}/_mock/reset").raise_for_status()


def _client(package: ModuleType, is_async: bool = False) -> type[Any]:
    names = [n for n in dir(package) if n.endswith("Client")]
    cls: type[Any] = getattr(package, next(n for n in names if n.startswith("Async") == is_async))
    return cls


def _kwargs(server: MockServer, feature: str) -> dict[str, Any]:
    """The mock's expected credentials as constructor kwargs (one_of: the first scheme only)."""
    wire = server.credentials(feature)
    kwargs = {name.replace("apiKey", "api_key"): value for name, value in wire.items()}
    if feature == "auth_one_of":
        kwargs = {"session_id": kwargs["session_id"]}
    return {**kwargs, "server_url": server.vendor_url(feature)}


@pytest.mark.parametrize("feature", AUTH)
def test_right_credentials_pass_and_wrong_ones_are_refused(
    packages: dict[str, ModuleType], server: MockServer, feature: str
) -> None:
    cls = _client(packages[feature])
    kwargs = _kwargs(server, feature)
    with cls(**kwargs) as client:
        assert client.list_calls().calls
    secret = next(k for k in kwargs if k in {"auth_token", "api_key", "client_secret",
                                              "token_provider", "session_id", "password"})
    with cls(**{**kwargs, secret: "wrong-value-1"}) as client, pytest.raises(AuthError):
        client.list_calls()


def test_oauth_token_endpoint_issues_and_a_client_renews_after_expiry(
    packages: dict[str, ModuleType], server: MockServer
) -> None:
    with _client(packages[OAUTH])(**_kwargs(server, OAUTH)) as client:
        assert len(list(client.iter_list_calls(limit=2))) == 5  # 3 pages, 1 token
        httpx.post(f"{server.url}/_mock/tokens/expire", json={"vendor": OAUTH}).raise_for_status()
        assert client.list_calls().calls  # 401, one renewal, the call again
    journal = httpx.get(f"{server.url}/_mock/requests", params={"vendor": OAUTH}).json()
    assert [(e["endpoint"], e["status"]) for e in journal] == [
        ("_token", 200), ("list_calls", 200), ("list_calls", 200), ("list_calls", 200),
        ("list_calls", 401), ("_token", 200), ("list_calls", 200),
    ]


def test_oauth_wrong_client_secret_gets_the_rfc6749_error(
    packages: dict[str, ModuleType], server: MockServer
) -> None:
    kwargs = {**_kwargs(server, OAUTH), "client_secret": "not-the-secret"}
    with _client(packages[OAUTH])(**kwargs) as client, pytest.raises(AuthError) as caught:
        client.list_calls()
    assert (caught.value.status, caught.value.code) == (401, "invalid_client")
    assert "not-the-secret" not in str(caught.value)


def test_async_provider_against_the_mock(packages: dict[str, ModuleType], server: MockServer) -> None:
    feature = "auth_token_provider"
    expected = server.credentials(feature)["token_provider"]
    calls: list[int] = []

    async def mint() -> str:
        calls.append(1)
        return expected

    async def main() -> int:
        cls = _client(packages[feature], is_async=True)
        async with cls(token_provider=mint, server_url=server.vendor_url(feature)) as client:
            await client.list_calls()
            return len((await client.list_calls()).calls)

    assert asyncio.run(main()) > 0
    assert len(calls) == 2  # asked for every request
