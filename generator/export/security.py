"""OpenAPI security schemes and requirements from the IR's auth (x-callspec-auth for the rest)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from generator.ir.nodes import ApiNode, AuthNode, EndpointNode, SchemeNode

__all__ = ["security_schemes", "security_requirements", "body_credentials", "auth_extension"]

Schema = dict[str, Any]


def _scheme(scheme: SchemeNode, server_url: str) -> Schema | None:
    """One OpenAPI scheme; None for credentials in the JSON body, which OpenAPI cannot say
    (they are properties of the request body and listed in x-callspec-auth)."""
    found: Schema
    if scheme.style == "basic":
        found = {"type": "http", "scheme": "basic"}
    elif scheme.style == "bearer":
        found = {"type": "http", "scheme": "bearer"}
        if scheme.token_provider:
            found["x-callspec-token-provider"] = True
    elif scheme.style == "oauth2_client_credentials" and scheme.oauth2 is not None:
        oauth = scheme.oauth2
        token_url = urljoin(server_url.rstrip("/") + "/", oauth.token_url.lstrip("/")) \
            if "{" not in server_url and "://" not in oauth.token_url else oauth.token_url
        found = {"type": "oauth2", "flows": {"clientCredentials": {
            "tokenUrl": token_url, "scopes": {scope: scope for scope in oauth.scopes}}},
            "x-callspec-client-auth": oauth.client_auth, "x-callspec-leeway": oauth.leeway}
    elif scheme.location in ("header", "query"):
        found = {"type": "apiKey", "in": scheme.location, "name": _key_name(scheme)}
    else:
        return None
    if scheme.description:
        found["description"] = scheme.description
    return found


def _key_name(scheme: SchemeNode) -> str:
    if scheme.location == "header":
        return scheme.header
    return scheme.credentials[0].wire


def security_schemes(api: ApiNode) -> Schema:
    if api.auth is None:
        return {}
    found = {scheme.name: _scheme(scheme, api.server_url) for scheme in api.auth.schemes}
    return {name: scheme for name, scheme in sorted(found.items()) if scheme is not None}


def _in_openapi(auth: AuthNode, names: tuple[str, ...], api: ApiNode) -> list[str]:
    known = security_schemes(api)
    return [scheme.name for scheme in auth.schemes if scheme.name in names and scheme.name in known]


def security_requirements(api: ApiNode, endpoint: EndpointNode) -> list[Schema]:
    """one_of: alternatives (any one requirement object); all_of: one object naming them all.
    Empty: no auth, or only credentials OpenAPI cannot place (x-callspec-body-credentials)."""
    if api.auth is None or not endpoint.auth:
        return []
    names = _in_openapi(api.auth, endpoint.auth, api)
    if not names:
        return []
    scopes = {scheme.name: list(scheme.oauth2.scopes) if scheme.oauth2 else []
              for scheme in api.auth.schemes}
    if api.auth.mode == "all_of":
        return [{name: scopes[name] for name in names}]
    return [{name: scopes[name]} for name in names]


def body_credentials(api: ApiNode, endpoint: EndpointNode) -> list[SchemeNode]:
    """Schemes of the endpoint whose credentials travel in the JSON body (or JSON-RPC params)."""
    if api.auth is None:
        return []
    return [scheme for scheme in api.auth.schemes
            if scheme.name in endpoint.auth and scheme.location == "body"]


def auth_extension(api: ApiNode) -> Schema | None:
    """x-callspec-auth: the mode and every scheme with its credentials' wire names."""
    if api.auth is None:
        return None
    return {"mode": api.auth.mode, "description": api.auth.description, "schemes": {
        scheme.name: {"location": scheme.location, "style": scheme.style,
                      "credentials": [credential.wire for credential in scheme.credentials]}
        for scheme in api.auth.schemes}}
