"""OAuth 2.0 client credentials: token request, cache until expiry - leeway, one renewal on a 401."""

from __future__ import annotations

import asyncio
import logging
import threading
from urllib.parse import parse_qs

import httpx
import pytest

from generator.runtime import (
    ApiDescription,
    AsyncClient,
    AuthError,
    AuthScheme,
    Credential,
    OAuth2Flow,
    Operation,
    RetryPolicy,
    Server,
    SyncClient,
)
from generator.runtime._oauth import TokenCache

GET = Operation(name="list_calls", http_method="GET", path="/calls", locations={}, idempotent=True)
SECRET = "csecret-123456"


def api(**flow: object) -> ApiDescription:
    oauth2 = OAuth2Flow(
        **{"token_url": "/oauth/token", "client_id": "client_id",
           "client_secret": "client_secret", "scopes": ("calls.read",), **flow}  # type: ignore[arg-type]
    )
    return ApiDescription(
        vendor="Acme",
        server=Server("https://api.acme.test/v1"),
        schemes=(AuthScheme("oauth", "header", (Credential("client_id", secret=False),
                                                Credential("client_secret")),
                            style="oauth2_client_credentials", oauth2=oauth2),),
    )


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class TokenServer:
    """Answers the token endpoint (a new token each time) and the API (the current token only)."""

    def __init__(self, expires_in: object = 3600, reject_token: str | None = None) -> None:
        self.issued: list[str] = []
        self.token_forms: list[dict[str, list[str]]] = []
        self.token_headers: list[httpx.Headers] = []
        self.api_auth: list[str] = []
        self.expires_in = expires_in
        self.reject = {reject_token} if reject_token else set()
        self.lock = threading.Lock()
        self.release = threading.Event()
        self.release.set()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/oauth/token":
            self.release.wait(10)
            with self.lock:
                self.token_forms.append(parse_qs(request.content.decode()))
                self.token_headers.append(request.headers)
                token = f"at-{len(self.issued) + 1:06d}"
                self.issued.append(token)
            return httpx.Response(200, json={"access_token": token, "token_type": "Bearer",
                                             "expires_in": self.expires_in})
        header = request.headers.get("Authorization", "")
        with self.lock:
            self.api_auth.append(header)
        if header.removeprefix("Bearer ") in self.reject or not self.issued:
            return httpx.Response(401, json={"message": "token expired"})
        return httpx.Response(200, json={"calls": []})


def client(server: TokenServer, clock: Clock | None = None, **flow: object) -> SyncClient:
    return SyncClient(api(**flow), credentials={"client_id": "cid-1", "client_secret": SECRET},
                      transport=httpx.MockTransport(server),
                      retry=RetryPolicy(clock=clock or Clock(), sleep=lambda s: None))


def test_token_request_carries_grant_scope_and_basic_client_auth() -> None:
    server = TokenServer()
    client(server)._call(GET, None, None)
    assert server.token_forms == [{"grant_type": ["client_credentials"], "scope": ["calls.read"]}]
    assert server.token_headers[0]["Authorization"] == "Basic Y2lkLTE6Y3NlY3JldC0xMjM0NTY="
    assert server.api_auth == ["Bearer at-000001"]


def test_body_client_auth_sends_id_and_secret_as_form_params() -> None:
    server = TokenServer()
    client(server, client_auth="body", scopes=())._call(GET, None, None)
    assert server.token_forms == [{"grant_type": ["client_credentials"], "client_id": ["cid-1"],
                                   "client_secret": [SECRET]}]
    assert "Authorization" not in server.token_headers[0]


def test_token_is_cached_until_expiry_minus_leeway() -> None:
    server, clock = TokenServer(expires_in=100), Clock()
    c = client(server, clock, leeway=30)
    c._call(GET, None, None)
    clock.now += 69  # 1 s before expires_in - leeway
    c._call(GET, None, None)
    assert server.issued == ["at-000001"]
    clock.now += 1
    c._call(GET, None, None)
    assert server.issued == ["at-000001", "at-000002"]
    assert server.api_auth == ["Bearer at-000001", "Bearer at-000001", "Bearer at-000002"]


def test_a_401_renews_once_and_retries_once() -> None:
    server = TokenServer(reject_token="at-000001")
    client(server)._call(GET, None, None)
    assert server.api_auth == ["Bearer at-000001", "Bearer at-000002"]


def test_a_second_401_is_an_auth_error_without_a_third_token() -> None:
    server = TokenServer()
    server.reject = {"at-000001", "at-000002", "at-000003"}
    with pytest.raises(AuthError) as caught:
        client(server)._call(GET, None, None)
    assert caught.value.status == 401
    assert server.issued == ["at-000001", "at-000002"]


def test_token_endpoint_error_is_an_auth_error_with_the_rfc6749_fields() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"error": "invalid_client",
                                         "error_description": f"bad secret {SECRET}"})

    c = SyncClient(api(), credentials={"client_id": "cid-1", "client_secret": SECRET},
                   transport=httpx.MockTransport(refuse))
    with pytest.raises(AuthError) as caught:
        c._call(GET, None, None)
    error = caught.value
    assert (error.status, error.code, error.method) == (401, "invalid_client", "token")
    assert "bad secret ***" in str(error) and SECRET not in str(error)
    assert error.url == "https://api.acme.test/v1/oauth/token"


@pytest.mark.parametrize(
    "body", [{"token_type": "bearer"}, {"access_token": "x", "token_type": "mac"}, "not json"]
)
def test_a_token_answer_without_a_bearer_token_is_an_auth_error(body: object) -> None:
    answer = (httpx.Response(200, text=body) if isinstance(body, str)
              else httpx.Response(200, json=body))
    c = SyncClient(api(), credentials={"client_id": "cid-1", "client_secret": SECRET},
                   transport=httpx.MockTransport(lambda request: answer))
    with pytest.raises(AuthError):
        c._call(GET, None, None)


def test_absolute_token_url_is_used_as_given() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if "token" in request.url.path:
            return httpx.Response(200, json={"access_token": "at-abcdef", "token_type": "bearer"})
        return httpx.Response(200, json={})

    c = SyncClient(api(token_url="https://auth.acme.test/oauth2/token"),
                   credentials={"client_id": "cid-1", "client_secret": SECRET},
                   transport=httpx.MockTransport(handler))
    c._call(GET, None, None)
    assert seen == ["https://auth.acme.test/oauth2/token", "https://api.acme.test/v1/calls"]


def test_threads_share_one_token_request() -> None:
    server = TokenServer()
    server.release.clear()  # the first token request waits until every thread has started
    c = client(server)
    started = threading.Barrier(8, action=server.release.set)

    def call() -> None:
        started.wait()
        c._call(GET, None, None)

    threads = [threading.Thread(target=call) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert server.issued == ["at-000001"]
    assert server.api_auth == ["Bearer at-000001"] * 8


def test_async_tasks_share_one_token_request_and_renew_after_401() -> None:
    server = TokenServer(reject_token="at-000001")

    async def main() -> None:
        async with AsyncClient(api(), credentials={"client_id": "cid-1", "client_secret": SECRET},
                               transport=httpx.MockTransport(server)) as c:
            await asyncio.gather(*(c._call(GET, None, None) for _ in range(5)))

    asyncio.run(main())
    # One fetch, one renewal after the 401; every task then used the renewed token.
    assert server.issued == ["at-000001", "at-000002"]
    assert server.api_auth.count("Bearer at-000002") == 5


def test_token_cache_invalidates_only_the_stale_token() -> None:
    clock = Clock()
    cache = TokenCache(clock, leeway=10)
    assert cache.get() is None
    cache.store("t-1", None)  # no expires_in: kept until a 401 says otherwise
    clock.now += 10**6
    assert cache.get() == "t-1"
    cache.invalidate("t-0")  # another request already replaced the stale one
    assert cache.get() == "t-1"
    cache.invalidate("t-1")
    assert cache.get() is None
    cache.store("t-2", 5)  # shorter than the leeway: good for the request that fetched it only
    assert cache.get() is None


def test_client_secret_and_tokens_never_reach_logs_reprs_or_errors(
    caplog: pytest.LogCaptureFixture,
) -> None:
    issued: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/token"):
            issued.append(f"at-secret-{len(issued)}")
            return httpx.Response(200, json={"access_token": issued[-1], "token_type": "bearer",
                                             "expires_in": 60})
        echo = f"{request.headers['Authorization']} refused for cid-1 ({SECRET})"
        return httpx.Response(401, json={"message": echo})

    c = SyncClient(api(), credentials={"client_id": "cid-1", "client_secret": SECRET},
                   transport=httpx.MockTransport(handler))
    with caplog.at_level(logging.DEBUG), pytest.raises(AuthError) as caught:
        c._call(GET, None, None)
    assert issued == ["at-secret-0", "at-secret-1"]
    assert "token (oauth): POST https://api.acme.test/v1/oauth/token" in caplog.text
    shown = "\n".join([str(caught.value), repr(caught.value), repr(c), caplog.text])
    assert not any(secret in shown for secret in [SECRET, *issued])
    assert "refused for cid-1" in str(caught.value)  # client_id is not secret: it stays readable
