"""callspec runtime: the hand-written library every generated client imports, and nothing else.

Generated code builds an ApiDescription and Operations once, subclasses SyncClient/AsyncClient
and makes each method "validation plus one call" (`_call`, `_call_raw`, `_paginate`,
`_stream_csv`, `_download`). Imports: the standard library, httpx and pydantic only.
"""

from ._client import AsyncClient, SyncClient
from ._description import (
    ApiDescription,
    AuthScheme,
    BodyCondition,
    Credential,
    CsvLayout,
    DownloadRule,
    ErrorCodeInfo,
    ErrorRules,
    Location,
    Operation,
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
    ParamProblem,
    RequestError,
    NotFound,
    PaginationError,
    PermissionDenied,
    RateLimited,
    ResponseValidationError,
    ServerError,
    TransportError,
    ValidationFailed,
)
from ._models import (
    CallspecModel,
    RequestModel,
    Rule,
    UnknownEnumValueWarning,
    When,
    is_unknown,
    report_unknown,
    strict_enums,
    unknown_count,
    unknown_member,
    unknown_values,
)
from ._redact import RedactingFilter, Redactor
from ._request import VERSION
from ._retry import RetryPolicy
from ._validate import EndpointValidator, Problem

__version__ = VERSION

__all__ = [
    # models (base classes of generated models) and validators
    "CallspecModel",
    "RequestModel",
    "Rule",
    "When",
    "UnknownEnumValueWarning",
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
    # description (what generated code builds)
    "ApiDescription",
    "AuthScheme",
    "BodyCondition",
    "Credential",
    "CsvLayout",
    "DownloadRule",
    "ErrorCodeInfo",
    "ErrorRules",
    "Location",
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
    "ResponseValidationError",
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
