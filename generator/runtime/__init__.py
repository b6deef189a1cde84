"""callspec runtime: the hand-written library every generated client imports, and nothing else.

Generated code builds an ApiDescription and Operations once, subclasses SyncClient/AsyncClient
and makes each method "validation plus one call" (`_call`, `_call_raw`, `_paginate`,
`_stream_csv`, `_download`). Imports: the standard library, httpx and pydantic only.
"""

from ._async import AsyncClient
from ._checks import Check, CheckedModel
from ._sync import SyncClient
from ._description import (
    ApiDescription,
    AuthScheme,
    BodyCondition,
    Credential,
    CsvLayout,
    DownloadRule,
    ErrorBodyPaths,
    ErrorCodeInfo,
    ErrorRules,
    Location,
    OAuth2Flow,
    Operation,
    QueryStyle,
    AnyPagination,
    CursorPaging,
    LinkPaging,
    PageNumberPaging,
    PageStop,
    Pagination,
    Server,
    Variable,
)
from ._errors import (
    APIError,
    AuthError,
    CallspecError,
    ConfigError,
    DeadlineExceeded,
    NotFound,
    PaginationError,
    ParamProblem,
    PermissionDenied,
    RateLimited,
    RequestError,
    ResponseTooLarge,
    ResponseValidationError,
    ServerError,
    TransportError,
    ValidationFailed,
)
from ._models import (
    CallspecModel,
    OutOfSpecWarning,
    RequestModel,
    Rule,
    UnknownEnumValueWarning,
    UnknownVariantWarning,
    When,
    is_unknown,
    report_unknown,
    strict_enums,
    unknown_count,
    unknown_member,
    unknown_values,
)
from ._options import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_CSV_RECORD_CHARS,
    DEFAULT_TIMEOUT,
    NOT_GIVEN,
    NotGiven,
)
from ._redact import RedactingFilter, Redactor
from ._request import VERSION
from ._retry import RetryPolicy
from ._typed import Wire
from ._unions import OTHER_TAG, UnionRecords, UnknownVariant, tag_of, union_records
from ._validate import EndpointValidator, Problem
from ._wire import WIRE_FORMATS, Codec, codec

__version__ = VERSION

__all__ = [
    # models (base classes of generated models) and validators
    "CallspecModel",
    "RequestModel",
    "Rule",
    "When",
    "UnknownEnumValueWarning",
    "OutOfSpecWarning",
    "CheckedModel",
    "Check",
    "Wire",
    "Codec",
    "codec",
    "WIRE_FORMATS",
    "UnknownVariantWarning",
    "UnknownVariant",
    "OTHER_TAG",
    "tag_of",
    "UnionRecords",
    "union_records",
    "is_unknown",
    "unknown_member",
    "unknown_values",
    "unknown_count",
    "report_unknown",
    "strict_enums",
    "EndpointValidator",
    "Problem",
    # clients
    "SyncClient",
    "AsyncClient",
    "RetryPolicy",
    "NOT_GIVEN",
    "NotGiven",
    "DEFAULT_DEADLINE",
    "DEFAULT_TIMEOUT",
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_CSV_RECORD_CHARS",
    # description (what generated code builds)
    "ApiDescription",
    "AuthScheme",
    "BodyCondition",
    "Credential",
    "CsvLayout",
    "DownloadRule",
    "ErrorBodyPaths",
    "ErrorCodeInfo",
    "ErrorRules",
    "Location",
    "QueryStyle",
    "OAuth2Flow",
    "Operation",
    "Pagination",
    "PageNumberPaging",
    "CursorPaging",
    "LinkPaging",
    "PageStop",
    "AnyPagination",
    "Server",
    "Variable",
    # errors
    "CallspecError",
    "ConfigError",
    "ParamProblem",
    "RequestError",
    "TransportError",
    "DeadlineExceeded",
    "ResponseValidationError",
    "ResponseTooLarge",
    "APIError",
    "AuthError",
    "PermissionDenied",
    "ValidationFailed",
    "NotFound",
    "PaginationError",
    "RateLimited",
    "ServerError",
    # redaction
    "Redactor",
    "RedactingFilter",
]
