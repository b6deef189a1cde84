"""The spec format's auth: credentials, schemes (plain, bearer, basic, OAuth 2.0) and their mode."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field as F
from pydantic import StrictInt

from generator.spec.model_base import SpecModel, Text, WireName

__all__ = [
    "Credential",
    "OAuth2ClientCredentials",
    "AuthScheme",
    "Auth",
]


class Credential(SpecModel):
    description: str | None = None
    secret: bool = F(True, description="Secrets are redacted from logs, reprs, errors and docs.")
    example: str | None = None


class OAuth2ClientCredentials(SpecModel):
    """OAuth 2.0 client credentials grant (RFC 6749 §4.4): the client obtains its bearer token."""

    token_url: Text = F(
        description="Token endpoint: absolute (https://auth.example/oauth/token) or a path "
        "joined to the server URL (/oauth/token)."
    )
    client_id: Text = F(description="Name of the scheme's credential that is the client id.")
    client_secret: Text = F(description="Name of the scheme's credential that is the secret.")
    scopes: list[Text] = F(default_factory=list, description="Sent space-separated as `scope`.")
    client_auth: Literal["basic", "body"] = F(
        "basic",
        description="basic: id and secret in an HTTP Basic header; body: as client_id and "
        "client_secret form params.",
    )
    leeway: Annotated[StrictInt, F(ge=0)] = F(
        30, description="Seconds before `expires_in` runs out at which the token is renewed."
    )


class AuthScheme(SpecModel):
    description: str | None = None
    location: Literal["header", "query", "body"] = F(
        description="Where the credentials go; `body` means the JSON body or JSON-RPC params."
    )
    style: Literal["plain", "bearer", "basic", "oauth2_client_credentials"] = F(
        "plain",
        description="`bearer`: one credential sent as `<header>: Bearer <value>`; `basic`: "
        "`username` and `password` sent as HTTP Basic; `oauth2_client_credentials`: a token "
        "obtained from `oauth2.token_url`, sent as a bearer.",
    )
    header: str | None = F(None, description="Header name for location=header (default Authorization).")
    credentials: dict[WireName, Credential] = F(min_length=1)
    username: str | None = F(None, description="style basic: the credential that is the user name.")
    password: str | None = F(None, description="style basic: the credential that is the password.")
    token_provider: bool = F(
        False,
        description="style bearer: the client takes a callable returning the token (a JWT it "
        "mints, a token store) instead of a fixed token; called for every request.",
    )
    oauth2: OAuth2ClientCredentials | None = F(
        None, description="style oauth2_client_credentials: the token endpoint and grant."
    )


class Auth(SpecModel):
    mode: Literal["one_of", "all_of"] = F(
        "one_of",
        description="one_of: the schemes are alternatives that exclude each other; "
        "giving two at once is an error. all_of: every scheme is sent.",
    )
    schemes: dict[WireName, AuthScheme] = F(min_length=1)
    description: str | None = None
