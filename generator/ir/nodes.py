"""The IR: frozen dataclasses in which every Python name and type is decided once.

Emitters and templates read only these; they never look at the spec model and never decide a
name. Values that came from the spec (defaults, consts, examples) are kept as plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.spec.model import RuleKind

__all__ = [
    "Primitive",
    "EnumRef",
    "ModelRef",
    "ArrayOf",
    "OneOf",
    "PresentWhenNode",
    "TypeExpr",
    "Constraints",
    "FieldNode",
    "AliasNode",
    "ModelNode",
    "EnumMember",
    "EnumNode",
    "ConditionNode",
    "RuleNode",
    "VariableNode",
    "CredentialNode",
    "SchemeNode",
    "OAuth2Node",
    "AuthNode",
    "ErrorCodeNode",
    "ErrorsNode",
    "PaginationNode",
    "NextLinkNode",
    "CsvNode",
    "DownloadNode",
    "ResponseNode",
    "ExampleNode",
    "NoteNode",
    "EndpointNode",
    "ApiNode",
    "NO_VALUE",
]

ModelKind = Literal["request", "response", "row", "type", "inline", "error"]


class _NoValue:
    """Marks a default or const the spec did not give (None is a legitimate value)."""

    _instance: _NoValue | None = None

    def __new__(cls) -> _NoValue:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NO_VALUE"

    def __bool__(self) -> bool:
        return False


NO_VALUE = _NoValue()


@dataclass(frozen=True)
class Primitive:
    kind: Literal["string", "integer", "number", "boolean", "any", "object"]


@dataclass(frozen=True)
class EnumRef:
    name: str  # class name of the enum


@dataclass(frozen=True)
class ModelRef:
    name: str  # class name of the model


@dataclass(frozen=True)
class ArrayOf:
    items: TypeExpr
    items_nullable: bool = False


@dataclass(frozen=True)
class OneOf:
    """One of several variants; tagged when `discriminator` names the property that picks one."""

    variants: tuple[TypeExpr, ...]
    discriminator: str | None = None  # wire name of the tag property
    mapping: tuple[tuple[str, str], ...] = ()  # (tag value, variant class name)


TypeExpr = Primitive | EnumRef | ModelRef | ArrayOf | OneOf


@dataclass(frozen=True)
class PresentWhenNode:
    """The field is present only when the sibling `wire` field holds one of `values`."""

    wire: str
    python: str
    values: tuple[object, ...]


@dataclass(frozen=True)
class Constraints:
    minimum: int | float | None = None
    maximum: int | float | None = None
    min_length: int | None = None
    max_length: int | None = None
    max_items: int | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class FieldNode:
    wire: str  # the name on the wire, e.g. fromEID
    python: str  # the attribute name, e.g. from_eid
    type: TypeExpr
    description: str
    required: bool = False
    nullable: bool = False
    default: object = NO_VALUE
    const: object = NO_VALUE
    format: str | None = None
    datetime_format: str | None = None
    constraints: Constraints = Constraints()
    location: str | None = None  # request params only: path, query, header, body, params
    unit: str | None = None
    example: object = NO_VALUE
    deprecated: bool = False
    secret: bool = False
    filterable: bool | None = None
    sortable: bool | None = None
    returned_by_default: bool | None = None
    applies_to: tuple[str, ...] = ()
    note: str | None = None
    style: str | None = None  # query params: explode, comma or deep_object
    present_when: PresentWhenNode | None = None
    send_default: bool = False  # request params: send `default` when the caller gives nothing
    timezone: str | None = None  # zone of a naive wire date-time
    also: tuple[str, ...] = ()  # other builtin types the vendor sends (doc contradicts itself)
    alias: str | None = None  # AliasNode typing the value (an array: its items)
    wire_type: str | None = None  # datetime, date, time or timedelta when a wire format types it


@dataclass(frozen=True)
class AliasNode:
    """A type alias models.py defines once and fields refer to by name."""

    name: str
    kind: Literal["wire", "names"]
    python_type: str  # wire: datetime, date, time or timedelta; names: str
    format: str | None = None  # wire: the spec format
    layout: str | None = None  # wire: the strftime layout
    timezone: str | None = None  # wire: the declared zone
    values: tuple[str, ...] = ()  # names: the field names, in the type's order
    description: str = ""


@dataclass(frozen=True)
class ConditionNode:
    wire_path: tuple[str, ...]
    python_path: tuple[str, ...]
    test: Literal["equals", "one_of", "not_one_of", "present"]
    values: tuple[object, ...]  # equals: one value; (not_)one_of: several; present: (True|False,)


@dataclass(frozen=True)
class RuleNode:
    kind: RuleKind
    wire_paths: tuple[tuple[str, ...], ...]
    python_paths: tuple[tuple[str, ...], ...]
    when: ConditionNode | None
    description: str
    op: str | None = None  # compare: params[0] <op> params[1]
    span: tuple[float | None, float | None] = (None, None)  # window: min, max seconds
    # compare/window, per param: how its values compare — a strftime layout, "iso" (RFC 3339,
    # SQL timestamp, ISO date), "epoch_s"/"epoch_ms" (numbers of seconds / ms), None (as they are)
    formats: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class ModelNode:
    name: str
    kind: ModelKind
    description: str
    fields: tuple[FieldNode, ...]
    additional_properties: bool = False
    rules: tuple[RuleNode, ...] = ()
    csv_columns: tuple[str, ...] = ()  # row models: wire names in file order


@dataclass(frozen=True)
class EnumMember:
    name: str
    value: str | int
    meaning: str | None


@dataclass(frozen=True)
class EnumNode:
    name: str  # class name
    spec_name: str
    kind: Literal["string", "integer"]
    description: str
    members: tuple[EnumMember, ...]


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


@dataclass(frozen=True)
class ErrorCodeNode:
    code: str  # str(code): the key the runtime looks up
    raw: int | str
    message: str | None
    description: str | None
    remedy: str | None
    category: str | None


@dataclass(frozen=True)
class ErrorsNode:
    http: tuple[tuple[int, str, ModelRef | None], ...] = ()  # (status, description, body)
    in_body_code: str | None = None
    in_body_message: str | None = None
    error_when: tuple[str, object] | None = None  # (dotted path, value)
    success_codes: tuple[object, ...] | None = None
    jsonrpc: bool = False
    codes: tuple[ErrorCodeNode, ...] = ()
    description: str = ""
    # Where HTTP error bodies hold code / code URL / message / detail (dotted paths, first found).
    body_code: tuple[str, ...] = ()
    body_code_url: tuple[str, ...] = ()
    body_message: tuple[str, ...] = ()
    body_detail: tuple[str, ...] = ()
    media_type: str | None = None  # of error bodies, when the format fixes it (problem+json)


@dataclass(frozen=True)
class NextLinkNode:
    location: Literal["body", "header"]
    path: str | None  # dotted path in the body (may hold `name[key=value]` selectors)
    rel: str  # relation type of a Link header
    relative_to: Literal["base_url", "origin", "absolute"]


@dataclass(frozen=True)
class PaginationNode:
    offset: str  # offset_limit: the offset param; "" for the other styles
    limit: str  # the page-size param of any style; "" when the vendor has none
    records: str
    max_limit: int | None  # largest page: max_page_size, else the size param's maximum
    total: str | None  # dotted path of a total record count (a stop condition)
    style: Literal["offset_limit", "page_number", "cursor", "next_link"] = "offset_limit"
    page: str | None = None  # page_number: the page param
    first_page: int = 1
    cursor: str | None = None  # cursor: the param that sends it back
    next_cursor: str | None = None  # cursor: its dotted path in the body
    companions: tuple[tuple[str, str], ...] = ()  # (param, dotted path in the body)
    next_link: NextLinkNode | None = None
    stop_empty: bool = True
    stop_short: bool = True  # decided per style when the spec leaves it out
    stop_when: tuple[str, object] | None = None  # (dotted path, value)
    items_method: str = ""  # iter_<method>: every record
    pages_method: str = ""  # iter_<method>_pages: every page model
    page_size_arg: str | None = None  # kwarg of both iterators; None: the size param itself
    max_items_arg: str = "max_items"


@dataclass(frozen=True)
class CsvNode:
    header: bool
    delimiter: str
    quote: str
    columns: tuple[str, ...]
    row_model: str
    excel_apostrophes: bool = False


@dataclass(frozen=True)
class DownloadNode:
    url: str
    relative_to: Literal["base_url", "origin", "absolute"]
    auth: tuple[str, ...]
    expires_after: int | None
    content: str | None


@dataclass(frozen=True)
class ResponseNode:
    format: Literal["json", "csv", "file"]
    status: int
    media_type: str | None
    description: str
    model: str | None  # class of a JSON body
    records: str | None  # dotted path of the record list
    record_model: str | None  # class of one record (JSON records or CSV rows)
    csv: CsvNode | None
    download: DownloadNode | None


@dataclass(frozen=True)
class ExampleNode:
    name: str
    description: str
    request: dict[str, object] | None
    response: object
    response_csv: str | None
    status: int
    error: bool
    schematic: bool


@dataclass(frozen=True)
class NoteNode:
    topic: str
    at: str | None
    doc_says: str
    decision: str
    why: str


@dataclass(frozen=True)
class EndpointNode:
    name: str  # spec key
    method: str  # client method name
    summary: str
    description: str
    transport: Literal["rest", "jsonrpc"]
    http_method: str
    path: str
    rpc_method: str | None
    access: str | None
    auth: tuple[str, ...]  # scheme names
    idempotent: bool
    deprecated: str | None  # the DeprecationWarning message
    request_model: str
    params: tuple[FieldNode, ...]  # top-level request params (same objects as the model's)
    rules: tuple[RuleNode, ...]
    response: ResponseNode
    pagination: PaginationNode | None
    errors: ErrorsNode  # the spec's errors merged with the endpoint's
    examples: tuple[ExampleNode, ...]
    notes: tuple[NoteNode, ...]
    # Names of the method's variants and of its module-level Operation constant, decided here.
    iter_method: str = ""
    download_method: str = ""
    raw_method: str = ""
    constant: str = ""


@dataclass(frozen=True)
class ApiNode:
    vendor_id: str
    vendor_name: str
    spec_file: str  # as shown in headers, e.g. specs/callgear.yaml
    source_document: str
    source_title: str
    source_url: str | None
    source_version: str | None
    description: str
    server_url: str
    variables: tuple[VariableNode, ...]
    auth: AuthNode | None
    enums: tuple[EnumNode, ...]
    models: tuple[ModelNode, ...]
    endpoints: tuple[EndpointNode, ...]
    errors: ErrorsNode
    notes: tuple[NoteNode, ...]
    client_class: str
    async_client_class: str
    aliases: tuple[AliasNode, ...] = ()
    version: str | None = None  # the spec's own semantic version (vendor.version)
