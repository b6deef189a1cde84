"""What a client keeps secret and how it gets tokens: its Redactor and its TokenAuth, if any."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

import httpx

from ._credentials import Credentials
from ._description import ApiDescription, AuthScheme
from ._redact import Redactor, protect_httpx_logs
from ._request import join_url
from ._tokens import TokenAuth

__all__ = ["secret_redactor", "token_auth"]


def secret_redactor(description: ApiDescription, given: Credentials) -> Redactor:
    """Masks the values and names of the credentials the spec calls secret, and no others.

    A credential marked `secret: false` (an account SID, a client id) stays readable in logs
    and messages, where it helps to tell accounts apart.
    """
    secret = {c.wire for s in description.schemes for c in s.credentials if c.secret}
    names = sorted(secret)
    protect_httpx_logs(names)
    values = [value for wire, value in given.static.items() if wire in secret]
    return Redactor(values=values, names=names)


def token_auth(
    description: ApiDescription,
    schemes: tuple[AuthScheme, ...],
    given: Credentials,
    redactor: Redactor,
    *,
    base_url: str,
    server_replaced: bool = False,
    clock: Callable[[], float],
    headers: Mapping[str, str],
    timeout: httpx.Timeout,
    log: Callable[[int, str], None],
) -> TokenAuth | None:
    """The httpx.Auth that sets per-request tokens, when a chosen scheme needs one."""
    if not any(s.dynamic for s in schemes):
        return None
    token_urls = {
        s.name: _token_url(base_url, s.oauth2.token_url, server_replaced)
        for s in schemes if s.oauth2 is not None
    }
    return TokenAuth(
        description.vendor,
        given,
        token_urls,
        redactor,
        lambda message: log(logging.DEBUG, message),
        clock=clock,
        headers=headers,
        timeout=timeout,
    )


def _token_url(base_url: str, token_url: str, server_replaced: bool) -> str:
    """A path is joined to the server URL, as endpoint paths are; an absolute token URL is used
    as given, except under `server_url=` (a test server, `callspec mock`): there its path is
    joined to that URL too, so the token never goes to the real auth host from a test."""
    if "://" not in token_url:
        return join_url(base_url, token_url)
    if server_replaced:
        return join_url(base_url, urlsplit(token_url).path)
    return token_url
