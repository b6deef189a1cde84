"""Bearer tokens obtained per request — from a token provider or an OAuth token endpoint.

An httpx.Auth, so the token request, the call and the one retry after a 401 happen inside
one `send` and the retry loop around it stays as it is. After a 401 an OAuth token is renewed,
and a provider that takes `refused` is asked again; the call is retried once (a provider's
answer only when it is another token). Only requests that ClientCore marks
(`MARK` in their extensions, with the schemes to apply) are touched; a file download on
another host never gets a token.
"""

from __future__ import annotations

import asyncio
import inspect
import threading
import time
from collections.abc import AsyncGenerator, Callable, Generator, Iterator, Mapping
from typing import cast

import httpx

from ._credentials import REFUSED, Credentials
from ._description import AuthScheme, OAuth2Flow
from ._errors import ConfigError
from ._oauth import TokenCache, read_token, token_request
from ._redact import Redactor

__all__ = ["MARK", "TokenAuth"]

MARK = "callspec.tokens"  # request extension: the dynamic schemes this request takes

Log = Callable[[str], None]


class TokenAuth(httpx.Auth):
    """Sets `<header>: Bearer <token>` for each marked scheme; on a 401 renews an OAuth token or
    asks a renewing provider again."""

    def __init__(
        self,
        vendor: str,
        credentials: Credentials,
        token_urls: Mapping[str, str],  # scheme name → absolute token URL
        redactor: Redactor,
        log: Log,
        *,
        clock: Callable[[], float],
        headers: Mapping[str, str],
        timeout: httpx.Timeout,
    ) -> None:
        self._vendor = vendor
        self._credentials = credentials
        self._token_urls = token_urls
        self._redactor = redactor
        self._log = log
        self._headers = headers
        self._timeout = timeout
        self._caches: dict[str, TokenCache] = {}
        self._lock = threading.Lock()  # one token request at a time per client (sync)
        self._async_lock = asyncio.Lock()  # the same for the async client
        self._clock = clock

    def __repr__(self) -> str:
        return f"<TokenAuth {self._vendor}>"

    # -- the two flows: identical steps, sync and async I/O ---------------------------------------

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        rounds = _Rounds(request, self._stale)
        for pending in rounds:
            for scheme in pending:
                if scheme.oauth2 is None:
                    token = self._provided(scheme, self._call_sync(scheme, rounds.refused))
                else:
                    with self._lock:  # held across the token request: one fetch, not N
                        step = self._cached_or_request(scheme, scheme.oauth2, request)
                        if isinstance(step, httpx.Request):
                            response = yield step
                            response.read()
                            step = self._accept(scheme, response)
                    token = step
                rounds.used[scheme.name] = self._apply(request, scheme, token)
            if not self._worth_sending(rounds):
                return
            rounds.response = yield request

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        rounds = _Rounds(request, self._stale)
        for pending in rounds:
            for scheme in pending:
                if scheme.oauth2 is None:
                    token = self._provided(scheme, await self._call_async(scheme, rounds.refused))
                else:
                    async with self._async_lock:
                        step = self._cached_or_request(scheme, scheme.oauth2, request)
                        if isinstance(step, httpx.Request):
                            response = yield step
                            await response.aread()
                            step = self._accept(scheme, response)
                    token = step
                rounds.used[scheme.name] = self._apply(request, scheme, token)
            if not self._worth_sending(rounds):
                return
            rounds.response = yield request

    # -- steps -------------------------------------------------------------------------------

    def _worth_sending(self, rounds: _Rounds) -> bool:
        """False after a 401 when the providers asked again gave the refused tokens back: the
        401 stands (an AuthError), as it would for a plain provider."""
        if rounds.worth_sending():
            return True
        self._log(f"{self._vendor}: the token provider gave the refused token again; not retrying")
        return False

    def _call_sync(self, scheme: AuthScheme, refused: Mapping[str, str]) -> object:
        value = self._ask(scheme, refused)
        if inspect.isawaitable(value):
            if inspect.iscoroutine(value):
                value.close()  # never awaited: close it rather than leak a warning
            raise ConfigError(
                f"{self._vendor}: {scheme.credentials[0].wire} returned an awaitable; the sync "
                f"client needs a provider that returns the token (use the async client)"
            )
        return value

    async def _call_async(self, scheme: AuthScheme, refused: Mapping[str, str]) -> object:
        value: object = self._ask(scheme, refused)
        if inspect.isawaitable(value):
            value = await value
        return value

    def _ask(self, scheme: AuthScheme, refused: Mapping[str, str]) -> object:
        """The provider's answer; a renewing one is told the token just refused (or None)."""
        wire = scheme.credentials[0].wire
        provider = self._credentials.providers[wire]
        if wire in self._credentials.renewing:
            renewing = cast(Callable[..., object], provider)  # its signature was read once
            return renewing(**{REFUSED: refused.get(scheme.name)})
        return provider()

    def _provided(self, scheme: AuthScheme, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(
                f"{self._vendor}: {scheme.credentials[0].wire} must return a non-empty string "
                f"token, got {type(value).__name__}"
            )
        return value

    def _cached_or_request(
        self, scheme: AuthScheme, flow: OAuth2Flow, call: httpx.Request
    ) -> str | httpx.Request:
        """The fresh cached token, or the request that fetches a new one (within the call's
        own timeouts, which the deadline has already cut to what is left)."""
        cache = self._caches.setdefault(scheme.name, TokenCache(self._clock, flow.leeway))
        token = cache.get()
        if token is not None:
            return token
        static = self._credentials.static
        request = token_request(flow, self._token_urls[scheme.name], static[flow.client_id],
                                static[flow.client_secret], self._headers,
                                call.extensions.get("timeout", self._timeout.as_dict()))
        self._log(f"{self._vendor} token ({scheme.name}): POST {self._redactor.url(request.url)}")
        request.extensions["callspec.started"] = time.monotonic()
        return request

    def _accept(self, scheme: AuthScheme, response: httpx.Response) -> str:
        """The new token from the endpoint's answer, cached and registered as a secret."""
        started = response.request.extensions.get("callspec.started", time.monotonic())
        elapsed = (time.monotonic() - float(started)) * 1000
        self._log(f"{self._vendor} token ({scheme.name}): HTTP {response.status_code} in "
                  f"{elapsed:.0f} ms")
        shown = self._redactor.url(response.request.url)
        token, lifetime = read_token(response, self._vendor, shown, self._redactor.text)
        self._redactor.add(token)
        self._caches[scheme.name].store(token, lifetime)
        return token

    def _apply(self, request: httpx.Request, scheme: AuthScheme, token: str) -> str:
        self._redactor.add(token)
        request.headers[scheme.header] = f"Bearer {token}"
        return token

    def _stale(
        self, schemes: tuple[AuthScheme, ...], response: httpx.Response, used: Mapping[str, str]
    ) -> tuple[AuthScheme, ...]:
        """On a 401, the schemes whose tokens to renew (each once): OAuth ones, and providers
        that take `refused`; else nothing.

        A plain provider's token is not retried: the provider is the caller's own cache, and
        calling it again would most likely return the same token.
        """
        if response.status_code != 401:
            return ()
        renewing = self._credentials.renewing
        renew = tuple(s for s in schemes
                      if s.oauth2 is not None or s.credentials[0].wire in renewing)
        for scheme in renew:
            if scheme.oauth2 is not None:
                self._caches[scheme.name].invalidate(used[scheme.name])
        if renew:
            self._log(f"{self._vendor}: HTTP 401 with {', '.join(s.name for s in renew)} "
                      "token; renewing it once")
        return renew


Stale = Callable[[tuple[AuthScheme, ...], httpx.Response, Mapping[str, str]], tuple[AuthScheme, ...]]


class _Rounds:
    """The schemes to set on one request: all it is marked with, then (after a 401, once) the
    ones whose token to renew. `used` and `response` are filled in by the flow."""

    def __init__(self, request: httpx.Request, stale: Stale) -> None:
        self.schemes: tuple[AuthScheme, ...] = tuple(request.extensions.get(MARK, ()))
        self.used: dict[str, str] = {}  # scheme name → the token sent
        self.refused: dict[str, str] = {}  # after a 401: scheme name → the token refused
        self.response: httpx.Response | None = None
        self._renewed: tuple[AuthScheme, ...] = ()
        self._stale = stale

    def __iter__(self) -> Iterator[tuple[AuthScheme, ...]]:
        yield self.schemes
        if self.response is not None:
            renew = self._stale(self.schemes, self.response, self.used)
            if renew:
                self.refused = {scheme.name: self.used[scheme.name] for scheme in renew}
                self._renewed = renew
                yield renew

    def worth_sending(self) -> bool:
        """False only for a renewal that brought nothing new: no OAuth token was renewed and
        every provider asked again gave the token the server had just refused."""
        if not self._renewed or any(s.oauth2 is not None for s in self._renewed):
            return True
        return any(self.used[s.name] != self.refused[s.name] for s in self._renewed)
