"""OAuth 2.0 client credentials (RFC 6749 §4.4): the token request, its answer, the token cache."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import quote_plus

import httpx

from ._description import OAuth2Flow
from ._errors import AuthError

__all__ = ["TokenCache", "basic_credentials", "token_request", "read_token"]


def basic_credentials(username: str, password: str) -> str:
    """The value of an HTTP Basic Authorization header (RFC 7617)."""
    pair = f"{username}:{password}".encode()
    return "Basic " + base64.b64encode(pair).decode("ascii")


@dataclass(frozen=True)
class _Cached:
    value: str
    renew_at: float | None  # clock time from which the token is renewed; None = until a 401


class TokenCache:
    """One token, kept until `expires_in - leeway` has passed (by `clock`) or a 401 says stale."""

    def __init__(self, clock: Callable[[], float], leeway: int) -> None:
        self._clock = clock
        self._leeway = leeway
        self._token: _Cached | None = None
        self._guard = threading.Lock()  # the cached token is read and replaced as one value

    def get(self) -> str | None:
        """The cached token while it is fresh, else None."""
        with self._guard:
            token = self._token
        if token is None:
            return None
        if token.renew_at is not None and self._clock() >= token.renew_at:
            return None
        return token.value

    def store(self, value: str, expires_in: float | None) -> None:
        # A lifetime shorter than the leeway still serves the request that fetched it.
        renew_at = None if expires_in is None else self._clock() + max(expires_in - self._leeway, 0)
        with self._guard:
            self._token = _Cached(value, renew_at)

    def invalidate(self, stale: str) -> None:
        """Forget `stale`, unless another request has already replaced it with a new token."""
        with self._guard:
            if self._token is not None and self._token.value == stale:
                self._token = None


def token_request(
    flow: OAuth2Flow,
    url: str,
    client_id: str,
    client_secret: str,
    headers: Mapping[str, str],
    timeouts: Mapping[str, object],
) -> httpx.Request:
    """The POST to the token endpoint: grant_type, scope, and the client's id and secret."""
    form = {"grant_type": "client_credentials"}
    if flow.scopes:
        form["scope"] = " ".join(flow.scopes)
    sent = {**headers, "Accept": "application/json"}
    if flow.client_auth == "basic":
        # RFC 6749 §2.3.1: id and secret are form-encoded before they are joined.
        sent["Authorization"] = basic_credentials(
            quote_plus(client_id, safe=""), quote_plus(client_secret, safe="")
        )
    else:
        form.update(client_id=client_id, client_secret=client_secret)
    return httpx.Request(
        "POST", url, data=form, headers=sent, extensions={"timeout": dict(timeouts)}
    )


def read_token(
    response: httpx.Response, vendor: str, shown_url: str, redact: Callable[[str], str]
) -> tuple[str, float | None]:
    """The access token and its lifetime in seconds; AuthError with the RFC 6749 error if refused.

    The token endpoint's body is never put into a message: only `error` and
    `error_description`, which carry no secret.
    """
    try:
        body = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        body = None
    data: Mapping[str, object] = body if isinstance(body, dict) else {}
    token = data.get("access_token")
    token_type = data.get("token_type", "bearer")
    if response.status_code < 400 and isinstance(token, str) and token:
        if isinstance(token_type, str) and token_type.lower() == "bearer":
            expires = data.get("expires_in")
            lifetime = float(expires) if isinstance(expires, (int, float)) else None
            if isinstance(expires, str) and expires.isdigit():
                lifetime = float(expires)  # some servers send the number as a string
            return token, lifetime
        problem: object = f"token_type {token_type!r} is not bearer"
    else:
        problem = data.get("error_description") or "the token endpoint gave no access_token"
    code = data.get("error")
    raise AuthError(
        redact(str(problem)),
        status=response.status_code,
        code=code if isinstance(code, str) else None,
        method="token",
        url=shown_url,
        vendor=vendor,
    )
