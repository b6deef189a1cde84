"""IR of what a client is constructed with: server variables, credentials and auth schemes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "VariableNode",
    "CredentialNode",
    "OAuth2Node",
    "SchemeNode",
    "AuthNode",
]


@dataclass(frozen=True)
class VariableNode:
    name: str  # wire name in the URL template
    python: str
    default: str | None
    enum: tuple[str, ...]
    description: str
    example: str | None


@dataclass(frozen=True)
class CredentialNode:
    wire: str
    python: str
    secret: bool
    description: str


@dataclass(frozen=True)
class OAuth2Node:
    """OAuth 2.0 client credentials: where the token comes from; credentials by wire name."""

    token_url: str  # absolute, or a path joined to the server URL
    client_id: str
    client_secret: str
    scopes: tuple[str, ...]
    client_auth: Literal["basic", "body"]
    leeway: int


@dataclass(frozen=True)
class SchemeNode:
    name: str
    location: Literal["header", "query", "body"]
    style: Literal["plain", "bearer", "basic", "oauth2_client_credentials"]
    header: str
    description: str
    credentials: tuple[CredentialNode, ...]
    username: str | None = None  # basic: wire name of the user name credential
    password: str | None = None
    token_provider: bool = False  # bearer: the one credential is a callable returning the token
    oauth2: OAuth2Node | None = None


@dataclass(frozen=True)
class AuthNode:
    mode: Literal["one_of", "all_of"]
    description: str
    schemes: tuple[SchemeNode, ...]
