"""Auth checks for every scheme kind: bearer, Basic or plain header, query, JSON body / JSON-RPC
params, and OAuth bearer tokens the mock issued.

one_of schemes are alternatives: exactly one must be complete and no credential of another may
be present. Messages name schemes and credentials, never the values received.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from generator.ir.nodes import ApiNode, EndpointNode, SchemeNode

from .http import Request, basic_auth
from .oauth import TokenIssuer

__all__ = [
    "AuthFailure",
    "basic_pair",
    "check_auth",
    "check_query_credentials",
    "body_credentials",
    "query_credentials",
]


@dataclass(frozen=True)
class AuthFailure:
    kind: Literal["missing", "wrong", "both"]  # "both": two alternatives at once
    message: str


def _accepted(api: ApiNode, endpoint: EndpointNode | None) -> tuple[SchemeNode, ...]:
    schemes = api.auth.schemes if api.auth is not None else ()
    if endpoint is None:
        return schemes
    return tuple(s for s in schemes if s.name in endpoint.auth)


def _found(scheme: SchemeNode, request: Request, body: Mapping[str, object]) -> dict[str, str]:
    """The credentials of `scheme` present in the request, wire name → value.

    OAuth: the bearer token under the client id's name (the scheme counts as complete with it).
    """
    if scheme.style == "basic":
        return basic_pair(scheme, request.header(scheme.header))
    if scheme.oauth2 is not None:
        token = _bearer(request.header(scheme.header))
        return {c.wire: token for c in scheme.credentials} if token else {}
    found: dict[str, str] = {}
    for credential in scheme.credentials:
        value: object = None
        if scheme.location == "body":
            value = body.get(credential.wire)
        elif scheme.location == "query":
            values = request.query.get(credential.wire)
            value = values[-1] if values else None
        elif len(scheme.credentials) == 1:
            value = request.header(scheme.header)
            if scheme.style == "bearer":
                value = _bearer(value)
        else:
            value = request.header(credential.wire)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value) != "":
            found[credential.wire] = str(value)
    return found


def _bearer(value: str | None) -> str | None:
    prefix, _, token = (value or "").partition(" ")
    return token.strip() if prefix.lower() == "bearer" else None


def basic_pair(scheme: SchemeNode, value: str | None) -> dict[str, str]:
    """An HTTP Basic header as {username wire: user, password wire: password}, or {}."""
    pair = basic_auth(value)
    if pair is None or not scheme.username or not scheme.password:
        return {}
    return {scheme.username: pair[0], scheme.password: pair[1]}


def _label(scheme: SchemeNode) -> str:
    return f"{scheme.name} ({'+'.join(c.wire for c in scheme.credentials)})"


def check_auth(
    api: ApiNode,
    endpoint: EndpointNode | None,
    request: Request,
    body: Mapping[str, object],
    expected: Mapping[str, str],
    tokens: TokenIssuer | None = None,
) -> AuthFailure | None:
    """None when the request authenticates as the endpoint requires, else what is wrong.

    An OAuth scheme's bearer must be a live token of `tokens`, not a configured value.
    """
    schemes = _accepted(api, endpoint)
    if not schemes:
        return None
    found = {s.name: _found(s, request, body) for s in schemes}
    complete = [s for s in schemes if len(found[s.name]) == len(s.credentials)]
    alternatives = " | ".join(_label(s) for s in schemes)
    mode = api.auth.mode if api.auth is not None else "one_of"
    if mode == "all_of":
        missing = [s for s in schemes if s not in complete]
        if missing:
            names = ", ".join(map(_label, missing))
            return AuthFailure("missing", f"missing credentials: {names}")
        chosen = list(schemes)
    else:
        others = [s for s in schemes if found[s.name] and s not in complete[:1]]
        if len(complete) > 1 or (complete and others):
            message = f"auth alternatives exclude each other: give one of {alternatives}"
            return AuthFailure("both", message)
        if not complete:
            return AuthFailure("missing", f"no credentials: give one of {alternatives}")
        chosen = complete[:1]
    for scheme in chosen:
        if scheme.oauth2 is not None:
            token = next(iter(found[scheme.name].values()))
            if tokens is None or not tokens.valid(api.vendor_id, token):
                return AuthFailure("wrong", f"invalid or expired token ({scheme.name})")
            continue
        for wire, value in found[scheme.name].items():
            if value != expected.get(wire):
                return AuthFailure("wrong", f"invalid credentials ({_label(scheme)})")
    return None


def check_query_credentials(
    request: Request, names: tuple[str, ...], expected: Mapping[str, str]
) -> AuthFailure | None:
    """The credentials a download link carries as query params (its own auth list)."""
    for name in names:
        values = request.query.get(name)
        if not values:
            return AuthFailure("missing", f"the download link needs {name}")
        if values[-1] != expected.get(name):
            return AuthFailure("wrong", f"invalid {name} on the download link")
    return None


def body_credentials(api: ApiNode) -> frozenset[str]:
    """Wire names of credentials carried in a JSON body or JSON-RPC params (not request params)."""
    schemes = api.auth.schemes if api.auth is not None else ()
    return frozenset(c.wire for s in schemes if s.location == "body" for c in s.credentials)


def query_credentials(api: ApiNode) -> frozenset[str]:
    schemes = api.auth.schemes if api.auth is not None else ()
    return frozenset(c.wire for s in schemes if s.location == "query" for c in s.credentials)
