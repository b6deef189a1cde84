"""The runtime's one shallow exception tree, and the mapping from vendor codes and HTTP status to it.

    CallspecError                    anything the runtime raises on purpose
    ├── ConfigError                  bad client setup: two auth alternatives at once, a missing
    │                                server variable, an operation the client cannot send
    ├── RequestError                 a request refused before it was sent: a param of the wrong
    │                                type, format or value, an unknown param, a broken rule
    │                                (also a ValueError; `problems` names each param)
    ├── TransportError               connection failed, timeout, body not JSON or truncated
    │   └── DeadlineExceeded         the call's total deadline passed (connect, reads, retries)
    ├── ResponseValidationError      a response body or CSV row that does not fit its model
    │   ├── ResponseTooLarge         a body, CSV record or field, or JSON nesting over its limit
    │   └── PaginationError          a vendor that repeats a cursor or next link (the iterator
    │                                would never end), or a next link the client cannot follow
    └── APIError                     the vendor said no (HTTP status, error inside HTTP 200,
        │                            JSON-RPC error); carries status, code, message, details,
        │                            the error body (typed when the spec gives a model), method,
        │                            redacted url and vendor name
        ├── AuthError                401, or a vendor code of category "auth"
        ├── PermissionDenied         403, or category "permission"
        ├── ValidationFailed         400/422, or category "validation"
        ├── NotFound                 404, or category "not_found"
        ├── RateLimited              429, or category "rate_limit" (has retry_after)
        └── ServerError              5xx, or category "server"

A vendor error whose category is unknown is raised as a plain APIError. Every message is built
from already-redacted parts: no exception text ever holds a credential.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx

    from ._description import ErrorCodeInfo

__all__ = [
    "CallspecError",
    "ConfigError",
    "RequestError",
    "ParamProblem",
    "TransportError",
    "DeadlineExceeded",
    "ResponseValidationError",
    "ResponseTooLarge",
    "PaginationError",
    "APIError",
    "AuthError",
    "PermissionDenied",
    "ValidationFailed",
    "NotFound",
    "RateLimited",
    "ServerError",
    "error_class",
]


class CallspecError(Exception):
    """Base of every error the runtime raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.text = message
        self.attempts = 1  # set by the retry loop when it gives up after several tries

    def __str__(self) -> str:
        if self.attempts > 1:
            return f"{self.text} (gave up after {self.attempts} attempts)"
        return self.text

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"


class ConfigError(CallspecError):
    """The client was set up or called in a way that cannot work; nothing was sent."""


@dataclass(frozen=True)
class ParamProblem:
    """One reason a request was refused: the param by its Python and wire names ("" for a rule
    that binds several), and what is wrong with it."""

    python: str
    wire: str
    reason: str

    def __str__(self) -> str:
        if not self.wire:
            return self.reason
        names = self.wire if self.python == self.wire else f"{self.python} (wire {self.wire!r})"
        return f"{names}: {self.reason}"


class RequestError(CallspecError, ValueError):
    """A request the spec does not allow, refused before anything was sent."""

    def __init__(self, request: str, problems: tuple[ParamProblem, ...]) -> None:
        super().__init__(f"{request}: " + "; ".join(map(str, problems)))
        self.request = request
        self.problems = problems


class TransportError(CallspecError):
    """No usable answer: connection failed, timed out, or the body is not JSON / is truncated."""

    def __init__(
        self,
        message: str,
        *,
        method: str | None = None,
        url: str | None = None,
        retryable: bool = False,
    ) -> None:
        super().__init__(message)
        self.method = method
        self.url = url  # redacted
        self.retryable = retryable  # connection failures and timeouts; not a bad body


class DeadlineExceeded(TransportError):
    """The call's deadline passed: connecting, every read, retries and their waits, together.

    `deadline` is the budget in seconds. Never retried: the budget is the whole call's.
    """

    def __init__(
        self,
        message: str,
        *,
        method: str | None = None,
        url: str | None = None,
        deadline: float | None = None,
    ) -> None:
        super().__init__(message, method=method, url=url, retryable=False)
        self.deadline = deadline


class ResponseValidationError(CallspecError):
    """A response body or a CSV row does not fit its model; names the field and the row."""

    def __init__(
        self,
        message: str,
        *,
        model: str | None = None,
        field: str | None = None,
        row: int | None = None,
        errors: tuple[Mapping[str, object], ...] = (),
    ) -> None:
        super().__init__(message)
        self.model = model
        self.field = field
        self.row = row
        self.errors = errors


class ResponseTooLarge(ResponseValidationError):
    """A body, a CSV record or field, or JSON nesting beyond the client's limit; `limit` names it.

    Raised before the body is held whole: the client stops reading at the limit.
    """

    def __init__(
        self,
        message: str,
        *,
        limit: int | None = None,
        model: str | None = None,
        field: str | None = None,
        row: int | None = None,
    ) -> None:
        super().__init__(message, model=model, field=field, row=row)
        self.limit = limit


class PaginationError(ResponseValidationError):
    """Paging cannot go on: the vendor sent a cursor or next link it had already sent (following
    it would loop forever), or a next link that is malformed, relative where the spec says
    absolute, or on another host while credentials would go with it."""


class APIError(CallspecError):
    """The vendor answered with an error: HTTP status, an error inside HTTP 200, or JSON-RPC."""

    def __init__(
        self,
        message: str | None,
        *,
        status: int | None = None,
        code: object = None,
        method: str | None = None,
        url: str | None = None,
        vendor: str | None = None,
        remedy: str | None = None,
        data: object = None,
        retry_after: float | None = None,
        response: httpx.Response | None = None,
        details: object = None,
        body: object = None,
    ) -> None:
        self.message = message
        self.details = details  # the body's detail (RFC 7807 `detail`, an error entry's detail)
        self.body = body  # the error body: its model when the spec gives one for the status
        self.status = status
        self.code = code
        self.method = method
        self.url = url
        self.vendor = vendor
        self.remedy = remedy
        self.data = data  # JSON-RPC error data, if any
        self.retry_after = retry_after  # seconds, from a Retry-After header (429, 503)
        self.response = response  # the raw response, for callers who need headers or body
        super().__init__(self._describe())

    def _describe(self) -> str:
        where = " ".join(p for p in (self.vendor, self.method, self.url) if p)
        what = []
        if self.status is not None:
            what.append(f"HTTP {self.status}")
        if self.code is not None:
            what.append(f"code {self.code}")
        head = ", ".join(what) or "error"
        text = f"{where}: {head}" if where else head
        if self.message:
            text += f": {self.message}"
        if isinstance(self.details, str) and self.details and self.details != self.message:
            text += f" ({self.details})"
        if self.remedy:
            text += f" ({self.remedy})"
        return text


class AuthError(APIError):
    """The credentials were refused (401 or a vendor code of category auth)."""


class PermissionDenied(APIError):
    """The credentials are valid but may not do this (403 or category permission)."""


class ValidationFailed(APIError):
    """The vendor rejected the request's params (400/422 or category validation)."""


class NotFound(APIError):
    """The thing asked for does not exist (404 or category not_found)."""


class RateLimited(APIError):
    """Too many requests (429 or category rate_limit); retry_after is in seconds, if sent."""


class ServerError(APIError):
    """The vendor failed (5xx or category server)."""


_BY_CATEGORY: Mapping[str, type[APIError]] = {
    "auth": AuthError,
    "permission": PermissionDenied,
    "validation": ValidationFailed,
    "not_found": NotFound,
    "rate_limit": RateLimited,
    "server": ServerError,
}

_BY_STATUS: Mapping[int, type[APIError]] = {
    400: ValidationFailed,
    401: AuthError,
    403: PermissionDenied,
    404: NotFound,
    422: ValidationFailed,
    429: RateLimited,
}


def error_class(
    code: object,
    status: int | None,
    codes: Mapping[str, ErrorCodeInfo],
    default_category: str | None = None,
) -> type[APIError]:
    """The class for a vendor error: the code's category, the default one, then the HTTP status."""
    info = codes.get(str(code)) if code is not None else None
    if info is not None and info.category is not None:
        return _BY_CATEGORY[info.category]
    if default_category is not None:
        return _BY_CATEGORY[default_category]
    if status is not None:
        if status in _BY_STATUS:
            return _BY_STATUS[status]
        if status >= 500:
            return ServerError
    return APIError
