"""What a generated client tells the runtime about an API and its operations: plain frozen data.

Generated code builds these once at import time; the sync and async clients share them, so each
endpoint is described exactly once. Everything here is wire-level (wire names, locations);
Python names live only in the generated signatures and models.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "Location",
    "QueryStyle",
    "Variable",
    "Server",
    "Credential",
    "AuthScheme",
    "OAuth2Flow",
    "ErrorCodeInfo",
    "BodyCondition",
    "ErrorBodyPaths",
    "ErrorRules",
    "Pagination",
    "PageStop",
    "PageNumberPaging",
    "CursorPaging",
    "LinkPaging",
    "AnyPagination",
    "CsvLayout",
    "DownloadRule",
    "Operation",
    "ApiDescription",
]

Location = Literal["path", "query", "header", "body", "params"]
QueryStyle = Literal["explode", "comma", "deep_object"]
Category = Literal["auth", "permission", "validation", "not_found", "rate_limit", "server"]


@dataclass(frozen=True)
class Variable:
    """A `{name}` part of the server URL."""

    name: str
    default: str | None = None
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Server:
    url: str  # e.g. "https://{brand}/api/v2"; no trailing slash
    variables: tuple[Variable, ...] = ()


@dataclass(frozen=True)
class Credential:
    wire: str  # name on the wire, e.g. "ssid", "userId", "access_token"
    secret: bool = True


@dataclass(frozen=True)
class OAuth2Flow:
    """OAuth 2.0 client credentials grant: where to get the token and how to ask for it."""

    token_url: str  # absolute, or a path joined to the client's server URL
    client_id: str  # wire names of the scheme's credentials
    client_secret: str
    scopes: tuple[str, ...] = ()
    client_auth: Literal["basic", "body"] = "basic"
    leeway: int = 30  # seconds before expiry at which the token is renewed


@dataclass(frozen=True)
class AuthScheme:
    name: str
    location: Literal["header", "query", "body"]  # body = JSON body or JSON-RPC params
    credentials: tuple[Credential, ...]
    style: Literal["plain", "bearer", "basic", "oauth2_client_credentials"] = "plain"
    header: str = "Authorization"
    username: str | None = None  # basic: wire names of the two credentials
    password: str | None = None
    token_provider: bool = False  # bearer: the credential is a callable returning the token
    oauth2: OAuth2Flow | None = None

    @property
    def dynamic(self) -> bool:
        """The token is obtained per request (provider, OAuth), not fixed at construction."""
        return self.token_provider or self.oauth2 is not None


@dataclass(frozen=True)
class ErrorCodeInfo:
    category: Category | None = None
    message: str | None = None
    remedy: str | None = None


@dataclass(frozen=True)
class BodyCondition:
    """`path` (dotted) in a JSON body equals `value`: marks an error inside an HTTP 200."""

    path: str
    value: object


@dataclass(frozen=True)
class ErrorBodyPaths:
    """Where an HTTP error body holds its parts: dotted paths (a number picks an array element),
    the first one present wins. `code_url`: a URL whose last segment is the code (RFC 7807)."""

    code: tuple[str, ...] = ()
    code_url: tuple[str, ...] = ()
    message: tuple[str, ...] = ()
    detail: tuple[str, ...] = ()


@dataclass(frozen=True)
class ErrorRules:
    in_body_code: str | None = None  # dotted path of the vendor code in a 200 body
    in_body_message: str | None = None
    error_when: BodyCondition | None = None
    success_codes: tuple[object, ...] | None = None
    jsonrpc: bool = False
    codes: Mapping[str, ErrorCodeInfo] = field(default_factory=dict)  # keyed by str(code)
    body: ErrorBodyPaths | None = None
    # HTTP status → the pydantic model of its error body (attached to the exception as `body`)
    models: Mapping[int, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PageStop:
    """When a page is the last, besides a missing next cursor or link."""

    empty_page: bool = True  # a page without records
    short_page: bool = True  # fewer records than the page size asked for
    total: str | None = None  # dotted path of the total record count
    when: BodyCondition | None = None  # a body field holding this value
    total_pages: str | None = None  # page_number: dotted path of the page count


@dataclass(frozen=True)
class Pagination:
    offset: str  # wire name of the offset param
    limit: str
    records: str  # dotted path of the record list in the response body
    max_limit: int | None = None
    stop: PageStop = field(default_factory=PageStop)


@dataclass(frozen=True, kw_only=True)
class PageNumberPaging:
    page: str  # wire name of the page-number param
    records: str
    size: str | None = None  # wire name of the page-size param, if the vendor has one
    first_page: int = 1
    max_size: int | None = None
    stop: PageStop = field(default_factory=PageStop)


@dataclass(frozen=True, kw_only=True)
class CursorPaging:
    cursor: str  # wire name of the param that sends the cursor back
    next_cursor: str  # dotted path of the next cursor in the body
    records: str
    size: str | None = None
    companions: Mapping[str, str] = field(default_factory=dict)  # param → dotted body path
    max_size: int | None = None
    stop: PageStop = field(default_factory=lambda: PageStop(short_page=False))


@dataclass(frozen=True, kw_only=True)
class LinkPaging:
    records: str
    source: Literal["body", "header"] = "body"
    path: str | None = None  # body: dotted path, `name[key=value]` picks a list element
    rel: str = "next"  # header: the Link relation to follow
    relative_to: Literal["base_url", "origin", "absolute"] = "absolute"
    size: str | None = None
    max_size: int | None = None
    stop: PageStop = field(default_factory=lambda: PageStop(short_page=False))


AnyPagination = Pagination | PageNumberPaging | CursorPaging | LinkPaging


@dataclass(frozen=True)
class CsvLayout:
    columns: tuple[str, ...]  # wire names in file order
    header: bool
    delimiter: str = ","
    quote: str = '"'
    excel_apostrophes: bool = False  # remove the ' Excel-style exports put before numbers


@dataclass(frozen=True)
class DownloadRule:
    url: str  # dotted path of the URL in the JSON body
    relative_to: Literal["base_url", "origin", "absolute"]
    auth: tuple[str, ...] = ()  # credential wire names appended as query params


@dataclass(frozen=True)
class Operation:
    name: str
    http_method: str
    path: str  # appended to the server URL; may hold {wire} path params
    locations: Mapping[str, Location]  # wire name of each request param → where it goes
    transport: Literal["rest", "jsonrpc"] = "rest"
    rpc_method: str | None = None
    auth: tuple[str, ...] = ()  # scheme names this operation accepts; () = all the client's
    idempotent: bool = False
    deprecated: str | None = None  # message of a DeprecationWarning
    response_format: Literal["json", "csv", "file"] = "json"
    records: str | None = None  # dotted path of the record list in a JSON body
    pagination: AnyPagination | None = None
    csv: CsvLayout | None = None
    download: DownloadRule | None = None
    errors: ErrorRules = field(default_factory=ErrorRules)
    anonymous: bool = False  # added by the runtime: spec `auth: []`, send no credentials at all
    # wire name of a query param → how it is written when not the default (arrays as repeated
    # keys, objects as JSON): "comma" (a,b,c) or "deep_object" (name[key][sub]=value).
    query_styles: Mapping[str, QueryStyle] = field(default_factory=dict)


@dataclass(frozen=True)
class ApiDescription:
    vendor: str  # display name, used in messages and the User-Agent
    server: Server
    schemes: tuple[AuthScheme, ...] = ()
    auth_mode: Literal["one_of", "all_of"] = "one_of"
