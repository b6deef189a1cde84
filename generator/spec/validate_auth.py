"""Cross-checks of auth schemes by style: basic, OAuth 2.0 client credentials, token providers."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from generator.spec.load import PathKey
from generator.spec.model import AuthScheme, Spec

__all__ = ["check_auth_styles"]

# (path, code, message, hint, value=) as _Context.add takes them.
Add = Callable[..., None]

_CODE = "bad-auth"


def check_auth_styles(spec: Spec, add: Add) -> None:
    """Every scheme's keys fit its style; named credentials exist; a token URL is usable."""
    schemes = spec.auth.schemes if spec.auth else {}
    for name, scheme in schemes.items():
        path: PathKey = ("auth", "schemes", name)
        _check_misplaced(scheme, path, add)
        if scheme.style in ("basic", "oauth2_client_credentials") and scheme.location != "header":
            add((*path, "location"), _CODE,
                f"style {scheme.style} is sent in a header, not in the {scheme.location}",
                "set `location: header`", value=True)
        if scheme.style == "basic":
            _check_pair(scheme, path, add, ("username", scheme.username),
                        ("password", scheme.password))
        elif scheme.style == "oauth2_client_credentials":
            _check_oauth2(scheme, path, add)
        elif scheme.token_provider and len(scheme.credentials) != 1:
            add((*path, "credentials"), _CODE,
                "a token_provider scheme takes exactly one credential: the callable",
                "keep one credential, e.g. `token_provider: {description: …}`")


def _check_misplaced(scheme: AuthScheme, path: PathKey, add: Add) -> None:
    """Keys that belong to another style are refused rather than silently ignored."""
    misplaced = [
        ("username", scheme.username is not None, "basic"),
        ("password", scheme.password is not None, "basic"),
        ("oauth2", scheme.oauth2 is not None, "oauth2_client_credentials"),
        ("token_provider", scheme.token_provider, "bearer"),
    ]
    for key, given, style in misplaced:
        if given and scheme.style != style:
            add((*path, key), _CODE, f"`{key}` applies to style {style}, not {scheme.style}",
                f"set `style: {style}` or remove `{key}`")


def _check_pair(
    scheme: AuthScheme, path: PathKey, add: Add, *roles: tuple[str, str | None]
) -> None:
    """Each role names a distinct credential of the scheme, and the scheme has no other."""
    named: list[str] = []
    for role, credential in roles:
        if credential is None:
            add(path, _CODE, f"style {scheme.style} needs `{role}`",
                f"add `{role}: <one of {', '.join(scheme.credentials)}>`")
        elif credential not in scheme.credentials:
            add((*path, role), _CODE, f"`{role}` names {credential!r}, not a credential of "
                f"this scheme", f"use one of {', '.join(scheme.credentials)}", value=True)
        elif credential in named:
            add((*path, role), _CODE, f"{credential!r} is named for two roles",
                "give each role its own credential", value=True)
        else:
            named.append(credential)
    if len(named) < len(roles):
        return  # a role is unfilled: the spare credential is probably meant for it
    for extra in sorted(set(scheme.credentials) - set(named)):
        add((*path, "credentials", extra), _CODE,
            f"credential {extra!r} has no role in style {scheme.style}",
            f"name it in {' or '.join(f'`{role}`' for role, _ in roles)}, or remove it")


def _check_oauth2(scheme: AuthScheme, path: PathKey, add: Add) -> None:
    flow = scheme.oauth2
    if flow is None:
        add(path, _CODE, "style oauth2_client_credentials needs `oauth2`",
            "add `oauth2: {token_url: /oauth/token, client_id: …, client_secret: …}`")
        return
    oauth_path: PathKey = (*path, "oauth2")
    _check_pair(scheme, oauth_path, add, ("client_id", flow.client_id),
                ("client_secret", flow.client_secret))
    parts = urlsplit(flow.token_url)
    relative = not parts.scheme and not parts.netloc and flow.token_url.startswith("/")
    absolute = parts.scheme in ("http", "https") and bool(parts.netloc)
    if not (relative or absolute):
        add((*oauth_path, "token_url"), _CODE,
            f"token_url {flow.token_url!r} is neither an http(s) URL nor a path",
            "write https://auth.example/oauth/token, or /oauth/token to join the server URL",
            value=True)
