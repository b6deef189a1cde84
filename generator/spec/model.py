"""The spec format itself: pydantic models with extra="forbid", one class per YAML mapping.

A spec is data about a vendor API; nothing here knows about Python names or generated code.
The JSON Schema that editors use (`callspec schema`) is exported from these classes, so every
`description=` is also the help text an editor shows. Each part of the format has its own
module (model_base, model_vendor, model_auth, model_fields, model_rules, model_paging,
model_responses, model_errors); this one holds endpoints and the spec and re-exports every name.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field as F
from pydantic import StrictInt

# The parts of the format live in one module each; every name stays importable from here.
from generator.spec.model_auth import Auth, AuthScheme, Credential, OAuth2ClientCredentials
from generator.spec.model_base import (
    BUILTIN_TYPES,
    FORMATS,
    SPEC_FORMAT_VERSION,
    Format,
    Scalar,
    SpecModel,
)

# Names the format's parts share; `as` keeps them importable from here as before the split.
from generator.spec.model_base import Location as Location
from generator.spec.model_base import PythonName as PythonName
from generator.spec.model_base import QueryStyle as QueryStyle
from generator.spec.model_base import Text as Text
from generator.spec.model_base import WireName as WireName
from generator.spec.model_errors import ErrorBody, ErrorCode, Errors, HttpError, InBodyErrors
from generator.spec.model_fields import (
    Discriminator,
    EnumSpec,
    EnumValue,
    Field,
    FieldNames,
    Param,
    PresentWhen,
    TypeSpec,
)
from generator.spec.model_paging import (
    AnyPagination,
    CursorPagination,
    NextLink,
    NextLinkPagination,
    PageNumberPagination,
    Pagination,
    PageStop,
    StopTest,
)
from generator.spec.model_responses import CsvBody, Download, Response
from generator.spec.model_rules import Condition, Duration, Rule, RuleKind
from generator.spec.model_unions import AnyTypeSpec, UnionTypeSpec
from generator.spec.model_vendor import Server, ServerVariable, Source, Vendor

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
    "UnionTypeSpec",
    "AnyTypeSpec",
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

# The base class under its old name: the classes below, and any added here, derive from it.
_Strict = SpecModel


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
    types: dict[WireName, AnyTypeSpec] = F(
        default_factory=dict,
        description="Named types: objects (`fields:`) and unions (`type: union`, `one_of:`).",
    )
    errors: Errors | None = None
    endpoints: dict[WireName, Endpoint] = F(min_length=1)
    notes: list[ReviewNote] = F(default_factory=list)

    @property
    def object_types(self) -> dict[str, TypeSpec]:
        """The named object types (`types:` entries with `fields:`), in spec order."""
        return {name: item for name, item in self.types.items() if isinstance(item, TypeSpec)}

    @property
    def union_types(self) -> dict[str, UnionTypeSpec]:
        """The named unions (`types:` entries with `type: union`), in spec order."""
        return {name: item for name, item in self.types.items()
                if isinstance(item, UnionTypeSpec)}
