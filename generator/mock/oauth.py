"""The mock's OAuth 2.0 token endpoints (client credentials grant) and the tokens they issue.

Each `oauth2_client_credentials` scheme gets a token endpoint at its `token_url` path, under the
vendor's prefix like any endpoint. Tokens live until their expiry or until the control plane
expires them (POST /_mock/tokens/expire), which lets a test see a client renew after a 401.
"""

from __future__ import annotations

import itertools
import re
import threading
import time
from collections.abc import Mapping, Sequence
from urllib.parse import parse_qs, unquote_plus, urlsplit

from generator.ir.nodes import ApiNode, SchemeNode

from .http import Request, Response, basic_auth, json_response
from .routes import server_prefix

__all__ = ["TOKEN", "TOKEN_LIFETIME", "TokenIssuer", "TokenEndpoints", "token_answer"]

TOKEN_LIFETIME = 3600  # seconds, sent as expires_in
TOKEN = "_token"  # the journal's endpoint name for token requests


class TokenIssuer:
    """Tokens issued per vendor, each with its expiry time; thread-safe."""

    def __init__(self) -> None:
        self._tokens: dict[str, dict[str, float]] = {}  # vendor → token → expiry (monotonic)
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()

    def issue(self, vendor: str) -> str:
        with self._lock:
            token = f"mock-{vendor}-access-{next(self._numbers):06d}"
            self._tokens.setdefault(vendor, {})[token] = time.monotonic() + TOKEN_LIFETIME
        return token

    def valid(self, vendor: str, token: str) -> bool:
        with self._lock:
            expiry = self._tokens.get(vendor, {}).get(token)
        return expiry is not None and time.monotonic() < expiry

    def expire(self, vendor: str | None = None) -> int:
        """Make every token of `vendor` (or of all vendors) invalid; how many there were."""
        with self._lock:
            vendors = [vendor] if vendor is not None else list(self._tokens)
            return sum(len(self._tokens.pop(v, {})) for v in vendors)

    def reset(self) -> None:
        self.expire()


class TokenEndpoints:
    """Routes POSTs to each API's token URL and answers them as RFC 6749 §4.4 says."""

    def __init__(self, apis: Sequence[ApiNode]) -> None:
        self._routes: list[tuple[re.Pattern[str], ApiNode, SchemeNode]] = []
        for api in apis:
            for scheme in api.auth.schemes if api.auth is not None else ():
                if scheme.oauth2 is not None:
                    path = urlsplit(scheme.oauth2.token_url).path
                    base = "/" + re.escape(api.vendor_id) + server_prefix(api)
                    self._routes.append((re.compile(f"^{base}{re.escape(path)}$"), api, scheme))

    def match(self, request: Request) -> tuple[ApiNode, SchemeNode] | None:
        for pattern, api, scheme in self._routes:
            if request.method == "POST" and pattern.match(request.path):
                return api, scheme
        return None


def token_answer(
    api: ApiNode, scheme: SchemeNode, request: Request, expected: Mapping[str, str],
    issuer: TokenIssuer,
) -> Response:
    """A token for the right client credentials; otherwise the RFC 6749 §5.2 error body."""
    flow = scheme.oauth2
    assert flow is not None
    form = {k: v[-1] for k, v in parse_qs(request.body.decode("utf-8", "replace")).items()}
    if form.get("grant_type") != "client_credentials":
        return _refuse(400, "unsupported_grant_type", "grant_type must be client_credentials")
    client_id, client_secret = _client_credentials(request, form, flow.client_auth)
    if (client_id, client_secret) != (expected.get(flow.client_id), expected.get(flow.client_secret)):
        return _refuse(401, "invalid_client", "Client authentication failed")
    unknown = sorted(set(form.get("scope", "").split()) - set(flow.scopes))
    if unknown:
        return _refuse(400, "invalid_scope", f"unknown scope(s): {' '.join(unknown)}")
    body: dict[str, object] = {"access_token": issuer.issue(api.vendor_id),
                               "token_type": "Bearer", "expires_in": TOKEN_LIFETIME}
    if form.get("scope"):
        body["scope"] = form["scope"]
    return json_response(body, headers=[("Cache-Control", "no-store")])


def _client_credentials(
    request: Request, form: Mapping[str, str], method: str
) -> tuple[str | None, str | None]:
    """The id and secret the client authenticated with, by the spec's method only."""
    if method == "body":
        return form.get("client_id"), form.get("client_secret")
    pair = basic_auth(request.header("Authorization"))
    if pair is None:
        return None, None
    return unquote_plus(pair[0]), unquote_plus(pair[1])  # RFC 6749 §2.3.1: form-encoded first


def _refuse(status: int, error: str, description: str) -> Response:
    headers = [("WWW-Authenticate", 'Basic realm="token"')] if status == 401 else []
    return json_response({"error": error, "error_description": description}, status, headers)
