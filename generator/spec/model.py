"""The spec format itself: pydantic models with extra="forbid", one class per YAML mapping.

A spec is data about a vendor API; nothing here knows about Python names or generated code.
The JSON Schema that editors use (`callspec schema`) is exported from these classes, so every
`description=` below is also the help text an editor shows.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

import pydantic
from pydantic import (
    BaseModel,
    ConfigDict,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    Tag,
)
from pydantic import Field as F

__all__ = [
    "SPEC_FORMAT_VERSION",
    "BUILTIN_TYPES",
    "FORMATS",
    "Format",
    "Scalar",
    "Source",
    "Vendor",
    "ServerVariable",
    "Server",
    "Credential",
    "AuthScheme",
    "OAuth2ClientCredentials",
    "Auth",
    "EnumValue",
    "EnumSpec",
    "Discriminator",
    "PresentWhen",
    "Field",
    "FieldNames",
    "Param",
    "TypeSpec",
    "Condition",
    "Duration",
    "RuleKind",
    "Rule",
    "Pagination",
    "PageStop",
    "StopTest",
    "PageNumberPagination",
    "CursorPagination",
    "NextLink",
    "NextLinkPagination",
    "AnyPagination",
    "CsvBody",
    "Download",
    "Response",
    "ErrorCode",
    "HttpError",
    "InBodyErrors",
    "ErrorBody",
    "Errors",
    "Example",
    "Deprecation",
    "ReviewNote",
    "Endpoint",
    "Spec",
]

SPEC_FORMAT_VERSION = 1
BUILTIN_TYPES = ("string", "integer", "number", "boolean", "object", "array", "any", "union")
Format = Literal[
    "rfc3339",
    "date",
    "datetime",
    "sql-timestamp",
    "tz-name",
    "base64",
    "uri",
    "ip-address",
    "comma-separated",
    "phone-number",
    "rfc3339-millis",
    "iso8601",
    "rfc2822",
    "epoch-seconds",
    "epoch-millis",
    "time",
    "duration-seconds",
    "duration-millis",
    "duration-iso8601",
]
FORMATS: tuple[str, ...] = get_args(Format)

Scalar = StrictStr | StrictInt | StrictFloat | StrictBool
Text = Annotated[str, F(min_length=1)]
WireName = Annotated[str, F(min_length=1, max_length=120)]
Location = Literal["path", "query", "header", "body", "params"]
PythonName = Annotated[str, F(min_length=1, max_length=80)]
QueryStyle = Literal["explode", "comma", "deep_object"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, strict=True)


class Source(_Strict):
    """The vendor document this spec was written from."""

    document: Text = F(description="File name of the vendor doc, e.g. a file in shared/seeds/.")
    title: Text = F(description="The doc's own title.")
    url: str | None = F(None, description="Where the doc is published, when it says.")
    version: str | None = F(None, description="Doc or API version the doc states.")


SemVer = Annotated[str, F(pattern=r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")]


class Vendor(_Strict):
    id: Annotated[str, F(pattern=r"^[a-z][a-z0-9_]*$")] = F(
        description="Package name of the generated code; must equal the spec's file name."
    )
    name: Text = F(description="Display name, e.g. CallGear.")
    source: Source
    # The spec's own version (not the vendor API's: that is source.version); `callspec diff`
    # suggests its bump and the generated CHANGELOG.md has one entry per version.
    version: SemVer | None = F(
        None, description="Semantic version of this spec (MAJOR.MINOR.PATCH), e.g. 1.2.0."
    )


class ServerVariable(_Strict):
    description: str | None = None
    default: str | None = F(None, description="Used when the client is not given a value.")
    enum: list[StrictStr] | None = F(None, description="The only values allowed, if closed.")
    example: str | None = None


class Server(_Strict):
    """Base URL; `{name}` parts are variables the client fills in."""

    url: Text = F(description="e.g. https://{brand}/api/v2 — no trailing slash.")
    variables: dict[WireName, ServerVariable] = F(default_factory=dict)
    description: str | None = None


class Credential(_Strict):
    description: str | None = None
    secret: bool = F(True, description="Secrets are redacted from logs, reprs, errors and docs.")
    example: str | None = None


class OAuth2ClientCredentials(_Strict):
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


class AuthScheme(_Strict):
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


class Auth(_Strict):
    mode: Literal["one_of", "all_of"] = F(
        "one_of",
        description="one_of: the schemes are alternatives that exclude each other; "
        "giving two at once is an error. all_of: every scheme is sent.",
    )
    schemes: dict[WireName, AuthScheme] = F(min_length=1)
    description: str | None = None


class EnumValue(_Strict):
    """One enum value written as a mapping: its meaning and an explicit Python member name."""

    meaning: str | None = F(None, description="The vendor's meaning of the value.")
    python: PythonName | None = F(
        None, description="The member name in Python (default: derived from the value)."
    )


class EnumSpec(_Strict):
    """A closed set of values, each with the vendor's meaning (null when the doc gives none)."""

    type: Literal["string", "integer"] = "string"
    description: str | None = None
    values: dict[StrictStr | StrictInt, str | EnumValue | None] = F(
        min_length=1,
        description="value: meaning, or value: {meaning, python}. Quote values YAML would read "
        "as booleans.",
    )


class FieldNames(_Strict):
    """The value names a field of a type: a field selector or a sort or filter key."""

    of: Text = F(description="A type declared in this spec whose field names are the values.")
    where: Literal["sortable", "filterable", "returned_by_default"] | None = F(
        None, description="Only the fields with this flag set; omitted: every field."
    )


class Discriminator(_Strict):
    """Which property of a union's value names its variant, and the variant of each tag."""

    property: Text = F(description="Wire name of the tag property every variant carries.")
    mapping: dict[StrictStr, Text] = F(
        min_length=1, description="tag value: type name (one of the union's `one_of`)."
    )


class PresentWhen(_Strict):
    """The doc says a field is present only when another field of the same object holds a value."""

    field: Text = F(description="Wire name of the sibling field the presence depends on.")
    equals: Scalar | None = None
    one_of: list[Scalar] | None = F(None, description="The sibling holds one of these values.")


class Field(_Strict):
    """One value: a request param, a response field, a CSV column or an object property."""

    type: Text = F(
        description="string, integer, number, boolean, object, array, any, or the name of an "
        "enum or type declared in this spec."
    )
    description: str | None = None
    required: bool = False
    nullable: bool = F(False, description="The vendor may send null for it.")
    default: Any = F(None, description="The vendor's default when the value is omitted.")
    send_default: bool = F(
        False,
        description="Send `default` when the caller gives no value (a param's default is "
        "otherwise documented but not sent, and does not count as given).",
    )
    const: Any = F(None, description="A value that must be sent as-is.")
    format: Format | None = F(
        None,
        description="rfc3339, date, datetime, sql-timestamp, tz-name, base64, uri, ip-address, "
        "comma-separated, phone-number. Typed as datetime: datetime (with datetime_format), "
        "rfc3339, rfc3339-millis, iso8601 (basic offset +0000), rfc2822, sql-timestamp, "
        "epoch-seconds, epoch-millis; as date: date; as time: time; as timedelta: "
        "duration-seconds, duration-millis, duration-iso8601.",
    )
    datetime_format: str | None = F(
        None,
        description="strftime layout for format=datetime, date or time, e.g. %Y-%m-%d %H:%M:%S "
        "(%a %b %z and literal text allowed).",
    )
    timezone: str | None = F(
        None,
        description="Zone of a wire date-time written without offset (UTC or an IANA name such as "
        "Europe/Moscow): read values are aware in it, sent values are converted to it.",
    )
    also: list[Literal["string", "integer", "number", "boolean"]] | None = F(
        None,
        description="Other types the vendor sends for this value where its doc contradicts "
        "itself (the table says Number, the sample a string); needs a `note`.",
    )
    field_names: FieldNames | None = F(
        None, description="The value is a field name of a type (selector, sort or filter key)."
    )
    items: Field | None = F(None, description="Element of an array.")
    python: PythonName | None = F(
        None, description="The attribute / keyword argument name in Python (default: derived)."
    )
    one_of: list[Text] | None = F(
        None, description="type: union — the variants: type names, or string/integer/number/boolean."
    )
    discriminator: Discriminator | None = F(
        None, description="type: union — the property whose value picks the variant."
    )
    present_when: PresentWhen | None = F(
        None, description="Present only when a sibling field holds a value; never required."
    )
    properties: dict[WireName, Field] | None = F(None, description="Fields of an inline object.")
    additional_properties: bool = F(False, description="The object may carry keys not listed.")
    minimum: StrictInt | StrictFloat | None = None
    maximum: StrictInt | StrictFloat | None = None
    min_length: StrictInt | None = None
    max_length: StrictInt | None = None
    max_items: StrictInt | None = None
    pattern: str | None = F(None, description="Regular expression the value must match.")
    unit: str | None = F(None, description="seconds, milliseconds, bytes …")
    example: Any = None
    deprecated: bool = False
    secret: bool = False
    filterable: bool | None = F(None, description="The vendor accepts it in a filter.")
    sortable: bool | None = F(None, description="The vendor sorts by it.")
    returned_by_default: bool | None = F(None, description="Returned when `fields` is omitted.")
    applies_to: list[Text] | None = F(
        None, description="Where the vendor says it is available, in the doc's words."
    )
    note: str | None = F(None, description="What the doc leaves open about this value.")


class Param(Field):
    location: Location | None = F(
        None,
        alias="in",
        description="path, query, header, body or params (JSON-RPC). Default: params for "
        "JSON-RPC, query for GET, body otherwise.",
    )
    style: QueryStyle | None = F(
        None,
        description="Query serialisation: explode (an array as repeated keys, the default), "
        "comma (an array as one comma list), deep_object (an object as name[key][sub]=value).",
    )


class TypeSpec(_Strict):
    """A named object type, used as `type: Name` by fields."""

    description: str | None = None
    fields: dict[WireName, Field] = F(min_length=1)
    additional_properties: bool = False


class Condition(_Strict):
    param: Text = F(description="Dotted path of the param the rule looks at.")
    equals: Scalar | None = None
    one_of: list[Scalar] | None = F(None, description="The param holds one of these values.")
    present: bool | None = F(None, description="The param is given (true) or not (false).")
    not_one_of: list[Scalar] | None = F(
        None, description="The param is given and holds none of these values."
    )


class Duration(_Strict):
    """A length of time: the parts add up (`{hours: 1, minutes: 30}`)."""

    days: StrictInt | StrictFloat = 0
    hours: StrictInt | StrictFloat = 0
    minutes: StrictInt | StrictFloat = 0
    seconds: StrictInt | StrictFloat = 0


RuleKind = Literal[
    "required_if",
    "only_when",
    "mutually_exclusive",
    "exactly_one_of",
    "at_least_one_of",
    "compare",
    "window",
]


class Rule(_Strict):
    kind: RuleKind = F(
        description="required_if: params required when `when` holds; only_when: params allowed "
        "only when `when` holds; mutually_exclusive: at most one given; exactly_one_of; "
        "at_least_one_of; compare: `params[0] <op> params[1]`; window: params [start, end], "
        "end not before start and at most `max` (at least `min`) after it."
    )
    params: list[Text] = F(min_length=1, description="Dotted paths of the params it binds.")
    when: Condition | None = None
    op: Literal["<", "<=", ">", ">=", "==", "!="] | None = F(
        None, description="compare: how params[0] must relate to params[1]."
    )
    max: Duration | None = F(None, description="window: the longest span from start to end.")
    min: Duration | None = F(None, description="window: the shortest span from start to end.")
    description: str | None = None


class StopTest(_Strict):
    """A body field whose value marks the last page (e.g. `has_more` equals false)."""

    path: Text = F(description="Dotted path of the field in the page body.")
    equals: Scalar = F(description="The value that means: this is the last page.")


class PageStop(_Strict):
    """When to stop asking for pages, besides what the style itself says (no next cursor/link)."""

    empty_page: bool = F(True, description="A page without records is the end.")
    short_page: bool | None = F(
        None,
        description="A page holding fewer records than the page size asked for is the last. "
        "Default: true for offset_limit and page_number, false for cursor and next_link.",
    )
    when: StopTest | None = F(None, description="Stop after a page whose field holds this value.")


class _Paging(_Strict):
    records: Text = F(description="Dotted path to the record list in the response body.")
    max_page_size: StrictInt | None = F(
        None,
        gt=0,
        description="Largest page the vendor serves; default: the size param's `maximum`.",
    )
    total: str | None = F(
        None, description="Dotted path of the total record count: stop once that many were read."
    )
    stop: PageStop = F(default_factory=PageStop)


class Pagination(_Paging):
    style: Literal["offset_limit"] = "offset_limit"
    offset: Text = F(description="Param that skips records.")
    limit: Text = F(description="Param that sets the page size; its `maximum` caps a page.")


class PageNumberPagination(_Paging):
    style: Literal["page_number"]
    page: Text = F(description="Param that holds the page number.")
    size: str | None = F(None, description="Param that sets the page size, if there is one.")
    first_page: Literal[0, 1] = F(1, description="Number of the first page: 0 or 1.")


class CursorPagination(_Paging):
    style: Literal["cursor"]
    cursor: Text = F(description="Param that sends the cursor (page token) back.")
    next_cursor: Text = F(description="Dotted path of the next cursor in the body.")
    size: str | None = F(None, description="Param that sets the page size, if there is one.")
    companions: dict[WireName, Text] = F(
        default_factory=dict,
        description="Params that travel with the cursor: param name → dotted path in the body "
        "where each page gives its value.",
    )


class NextLink(_Strict):
    location: Literal["body", "header"] = F(
        "body", alias="in", description="body: a field of the page; header: an RFC 8288 Link."
    )
    path: str | None = F(
        None,
        description="For in=body: dotted path of the link; `name[key=value]` picks the first "
        "element of a list whose `key` equals `value`, e.g. links[rel=next].href.",
    )
    rel: Text = F("next", description="For in=header: the relation type of the link to follow.")
    relative_to: Literal["base_url", "origin", "absolute"] = F(
        "absolute",
        description="How a relative link is joined: base_url (the server URL), origin (its "
        "scheme and host only) or absolute (a relative link is an error).",
    )


class NextLinkPagination(_Paging):
    style: Literal["next_link"]
    next_link: NextLink = F(description="Where the URL of the next page is.")
    size: str | None = F(None, description="Param that sets the page size of the first request.")


def _style(value: Any) -> str:
    """The tag of a pagination's style; offset_limit when `style` is left out (the default).
    Tags are `style=<name>`, never a key, so error locations walk the YAML as written."""
    if isinstance(value, dict):
        style = value.get("style", "offset_limit")
        return f"style={style}" if isinstance(style, str) else "style=offset_limit"
    return f"style={getattr(value, 'style', 'offset_limit')}"


AnyPagination = Annotated[
    Annotated[Pagination, Tag("style=offset_limit")]
    | Annotated[PageNumberPagination, Tag("style=page_number")]
    | Annotated[CursorPagination, Tag("style=cursor")]
    | Annotated[NextLinkPagination, Tag("style=next_link")],
    pydantic.Discriminator(
        _style,
        custom_error_type="pagination_style",
        custom_error_message="unknown pagination style",
    ),
]


class CsvBody(_Strict):
    header: bool = F(description="Whether the first row names the columns.")
    delimiter: Annotated[str, F(min_length=1, max_length=1)] = ","
    quote: Annotated[str, F(min_length=1, max_length=1)] = '"'
    excel_apostrophes: bool = F(
        False,
        description="Cells may start with the apostrophe Excel-style exports put before a "
        "number to keep it text ('0012); the client removes it.",
    )
    columns: dict[WireName, Field] = F(min_length=1, description="Columns in file order.")


class Download(_Strict):
    """Second step of a two-step download: the body names a URL to fetch the file from."""

    url: Text = F(description="Dotted path to the URL in the JSON body.")
    relative_to: Literal["base_url", "origin", "absolute"] = F(
        description="base_url: join with the server URL; origin: with its scheme and host "
        "only; absolute: use as given."
    )
    auth: list[Text] = F(
        default_factory=list, description="Credentials appended as query params when fetching."
    )
    expires_after: StrictInt | None = F(None, description="Seconds the URL stays valid.")
    content: str | None = F(None, description="What the file holds (csv, pdf, …).")


class Response(_Strict):
    format: Literal["json", "csv", "file"]
    status: StrictInt = 200
    media_type: str | None = None
    description: str | None = None
    body: Field | None = F(None, description="Shape of a JSON body.")
    records: str | None = F(None, description="Dotted path to the record list in a JSON body.")
    csv: CsvBody | None = None
    download: Download | None = None


class ErrorCode(_Strict):
    message: str | None = F(None, description="The vendor's message text.")
    description: str | None = None
    remedy: str | None = F(None, description="What the caller should do.")
    category: (
        Literal["auth", "permission", "validation", "not_found", "rate_limit", "server"] | None
    ) = F(None, description="Which exception the client raises for it.")


class HttpError(_Strict):
    description: str | None = None
    body: Field | None = None


class InBodyErrors(_Strict):
    """Errors the vendor reports inside an HTTP 200 body."""

    code: Text = F(description="Dotted path of the error code in the body.")
    message: str | None = F(None, description="Dotted path of the message.")
    error_when: Condition | None = F(
        None, description="The body is an error when this holds (e.g. status equals error)."
    )
    success_codes: list[Scalar] | None = F(
        None, description="The body is an error when the code is not one of these."
    )


class ErrorBody(_Strict):
    """Where an error body holds its code, message and detail: dotted paths (a number picks an
    array element, `errors.0.code`), the first one present wins."""

    code: Text | list[Text] | None = F(None, description="Path(s) of the vendor's error code.")
    code_url: Text | list[Text] | None = F(
        None, description="Path(s) of a URL whose last segment is the code (RFC 7807 `type`)."
    )
    message: Text | list[Text] | None = F(None, description="Path(s) of the message.")
    detail: Text | list[Text] | None = F(None, description="Path(s) of the detail text.")


class Errors(_Strict):
    http: dict[StrictInt, HttpError] = F(default_factory=dict)
    in_body: InBodyErrors | None = None
    jsonrpc: bool = F(False, description="JSON-RPC 2.0 `error` objects.")
    codes: dict[StrictInt | StrictStr, ErrorCode] = F(default_factory=dict)
    description: str | None = None
    format: Literal["problem_json", "error_array"] | None = F(
        None,
        description="problem_json: RFC 7807 (code from `code` or the `type` URL, message from "
        "`title`, detail from `detail`); error_array: `errors: [{code, title, detail}]`.",
    )
    body: ErrorBody | None = F(
        None, description="Where error bodies hold code, message and detail (over `format`)."
    )


class Example(_Strict):
    description: str | None = None
    request: dict[str, Any] | None = F(None, description="Params by wire name.")
    response: Any = F(None, description="A JSON body.")
    response_csv: str | None = F(None, description="A CSV body, verbatim.")
    status: StrictInt = 200
    error: bool = F(False, description="An error response rather than a success.")
    schematic: bool = F(
        False,
        description="The doc's sample shows types, not values (\"id\": \"number\"): kept for "
        "reference, not validated.",
    )


class Deprecation(_Strict):
    message: Text
    since: str | None = None
    replacement: str | None = None


class ReviewNote(_Strict):
    """Where the doc is incomplete or contradicts itself, and what the spec decided."""

    topic: Text
    at: str | None = F(None, description="What in the spec it concerns.")
    doc_says: Text
    decision: Text
    why: Text


class Endpoint(_Strict):
    summary: Text
    python: PythonName | None = F(
        None, description="The client method name (default: the endpoint's key in snake_case)."
    )
    description: str | None = None
    transport: Literal["rest", "jsonrpc"] | None = F(None, description="Default: the spec's.")
    http_method: Literal["GET", "POST", "PUT", "PATCH", "DELETE"] = "GET"
    path: str = F("", description="Appended to the base URL; `{name}` parts are path params.")
    rpc_method: str | None = F(None, description="JSON-RPC method name.")
    access: str | None = F(None, description="Who may call it, as the doc says.")
    auth: list[Text] | None = F(None, description="Auth schemes it takes; default all, [] none.")
    idempotent: bool | None = F(None, description="Safe to retry. Default: GET true, else false.")
    deprecated: Deprecation | None = None
    params: dict[WireName, Param] = F(default_factory=dict)
    rules: list[Rule] = F(default_factory=list)
    pagination: AnyPagination | None = None
    response: Response
    errors: Errors | None = None
    examples: dict[WireName, Example] = F(default_factory=dict)
    notes: list[ReviewNote] = F(default_factory=list)


class Spec(_Strict):
    """One vendor API."""

    callspec: Literal[1] = F(description="Version of the spec format.")
    vendor: Vendor
    description: str | None = None
    server: Server
    transport: Literal["rest", "jsonrpc"] = "rest"
    auth: Auth | None = None
    enums: dict[WireName, EnumSpec] = F(default_factory=dict)
    types: dict[WireName, TypeSpec] = F(default_factory=dict)
    errors: Errors | None = None
    endpoints: dict[WireName, Endpoint] = F(min_length=1)
    notes: list[ReviewNote] = F(default_factory=list)
