"""Everything a client does that is not I/O, shared by SyncClient and AsyncClient."""

from __future__ import annotations

import codecs
import copy
import itertools
import logging
import time
import warnings
from collections.abc import Mapping
from dataclasses import replace

import httpx

from ._auth import auth_parts, resolve_auth
from ._credentials import CredentialValue, split_credentials
from ._deadline import Deadline
from ._description import AnyPagination, ApiDescription, CsvLayout, DownloadRule, Operation
from ._errors import (
    APIError,
    CallspecError,
    ConfigError,
    DeadlineExceeded,
    ResponseValidationError,
    TransportError,
)
from ._options import Settings
from ._request import build_request, check_variables, resolve_server, user_agent
from ._response import Exchange, body_error, check_envelope, decode_json, parse_json, status_error
from ._retry import RetryPolicy, retry_delay
from ._secrets import secret_redactor, token_auth
from ._tokens import MARK

__all__ = ["ClientCore", "logger"]

logger = logging.getLogger("callspec")

# Frames between warnings.warn and the user's call: warn_deprecated → runtime method (_call …)
# → generated method → the user's line.
_USER_STACKLEVEL = 4


class ClientCore:
    """A client's settings and decisions: auth, URLs, request building, error reading, logging."""

    def __init__(
        self,
        description: ApiDescription,
        credentials: Mapping[str, CredentialValue | None],
        variables: Mapping[str, str | None],
        agent: str | None,
        strict: bool,
        settings: Settings,
        server_url: str | None = None,
    ) -> None:
        self.description = description
        self.vendor = description.vendor
        given = split_credentials(description, credentials)
        self.redactor = secret_redactor(description, given)
        self.schemes = resolve_auth(description, credentials)
        self.credentials = given.static
        if server_url is not None:  # the whole URL given: a proxy, a test server, a mock
            self.base_url = server_url.rstrip("/")
            self.variables = check_variables(description.server, variables, self.vendor)
        else:
            self.base_url, self.variables = resolve_server(description.server, variables,
                                                           self.vendor)
        agent_header = {"User-Agent": agent or user_agent(self.vendor)}
        self.settings = replace(settings, headers={**agent_header, **settings.headers})
        # Shared by with_options copies (it holds the token cache); it uses these settings.
        self.token_auth = token_auth(
            description,
            self.schemes,
            given,
            self.redactor,
            base_url=self.base_url,
            server_replaced=server_url is not None,
            clock=self.retry.clock,
            headers=self.headers,
            timeout=self.timeout,
            log=self.log,
        )
        self.strict = strict
        # Passed to model_validate: generated validators may read info.context["strict"].
        self.context: dict[str, object] | None = {"strict": True} if strict else None
        self._ids = itertools.count(1)

    @property
    def retry(self) -> RetryPolicy:
        return self.settings.retry

    @property
    def timeout(self) -> httpx.Timeout:
        return self.settings.timeout

    @property
    def headers(self) -> Mapping[str, str]:
        """Sent with every request (User-Agent, with_options headers); params and auth win."""
        return self.settings.headers

    def with_settings(self, settings: Settings) -> ClientCore:
        """A copy with other settings; JSON-RPC ids stay unique across copies."""
        clone = copy.copy(self)
        clone.settings = settings
        return clone

    def deadline(self) -> Deadline:
        """A fresh budget for one call."""
        return Deadline(self.settings.deadline)

    # -- building ----------------------------------------------------------------------------

    def prepare(
        self, operation: Operation, params: Mapping[str, object]
    ) -> tuple[httpx.Request, Exchange]:
        """The HTTP request for one call, and how messages about it show it."""
        auth = auth_parts(self.schemes, self.credentials, operation, self.vendor)
        rpc_id = next(self._ids) if operation.transport == "jsonrpc" else None
        request = build_request(
            operation,
            params,
            base_url=self.base_url,
            variables=self.variables,
            auth=auth,
            rpc_id=rpc_id,
            defaults=self.headers,
            timeout=self.timeout,
        )
        if auth.dynamic:
            request.extensions[MARK] = auth.dynamic
        return request, self.exchange(operation, request, rpc_id)

    def exchange(
        self, operation: Operation, request: httpx.Request, rpc_id: int | None = None
    ) -> Exchange:
        return Exchange(
            self.vendor,
            operation,
            request.method,
            self.redactor.url(request.url),
            self.redactor,
            rpc_id,
        )

    def file_request(self, url: httpx.URL, operation: Operation) -> tuple[httpx.Request, Exchange]:
        """The second step of a download: a plain GET of the file URL."""
        request = httpx.Request(
            "GET",
            url,
            headers={**self.headers, "Accept": "*/*"},
            extensions={"timeout": self.timeout.as_dict()},
        )
        return request, self.exchange(operation, request)

    def warn_deprecated(self, operation: Operation) -> None:
        """DeprecationWarning at the user's call; must be called by the runtime method itself."""
        if operation.deprecated is not None:
            # The message already says "<operation> is deprecated: …" (the IR writes it once).
            warnings.warn(
                f"{self.vendor} {operation.deprecated}",
                DeprecationWarning,
                stacklevel=_USER_STACKLEVEL,
            )

    def pagination(self, operation: Operation) -> AnyPagination:
        if operation.pagination is None:
            raise ConfigError(f"{self.vendor}: operation {operation.name} is not paginated")
        return operation.pagination

    def csv_layout(self, operation: Operation) -> CsvLayout:
        if operation.csv is None:
            raise ConfigError(f"{self.vendor}: operation {operation.name} has no CSV layout")
        return operation.csv

    def download_rule(self, operation: Operation) -> DownloadRule | None:
        return operation.download

    # -- reading -----------------------------------------------------------------------------

    def deadline_error(self, ex: Exchange, deadline: Deadline) -> DeadlineExceeded:
        return DeadlineExceeded(
            f"{ex.where}: deadline of {deadline.seconds:g} s exceeded",
            method=ex.method,
            url=ex.url,
            deadline=deadline.seconds,
        )

    def failure(self, exc: Exception, ex: Exchange, deadline: Deadline) -> TransportError:
        """An exception out of a network step: DeadlineExceeded if the budget ran out, else
        the TransportError for an httpx failure."""
        if deadline.was_deadline(exc):
            error: TransportError = self.deadline_error(ex, deadline)
            error.__cause__ = exc if isinstance(exc, httpx.HTTPError) else None
            return error
        return self.transport_error(exc, ex)

    def transport_error(self, exc: Exception, ex: Exchange) -> TransportError:
        """An httpx failure as a TransportError; retryable if the cause is likely to pass."""
        if isinstance(exc, httpx.TimeoutException):
            what, retryable = "timed out", True
        elif isinstance(exc, (httpx.NetworkError, httpx.RemoteProtocolError, httpx.ProxyError)):
            what, retryable = "connection failed", True
        else:
            what, retryable = "request failed", False
        detail = str(exc) or type(exc).__name__
        error = TransportError(
            self.redactor.text(f"{ex.where}: {what}: {detail}"),
            method=ex.method,
            url=ex.url,
            retryable=retryable,
        )
        error.__cause__ = exc
        return error

    def status_error(self, response: httpx.Response, ex: Exchange) -> APIError | None:
        """The error for an HTTP status ≥ 400 (body read), else None."""
        return status_error(response, ex, self.retry.clock())

    def payload(self, response: httpx.Response, ex: Exchange) -> object:
        """The checked body of a read 2xx JSON response: decoded, envelope checked, no in-body error."""
        if response.is_redirect:
            # API calls do not follow redirects (a POST would turn into a GET); say where to.
            where = self.redactor.url(response.headers.get("Location", "?"))
            raise TransportError(
                f"{ex.where}: unexpected redirect (HTTP {response.status_code}) to {where}; "
                f"check the base URL",
                method=ex.method,
                url=ex.url,
            )
        body = decode_json(response.content, ex, response.headers.get("Content-Type"))
        payload = check_envelope(body, ex, response)
        error = body_error(payload, ex, response)
        if error is not None:
            raise error
        return payload

    @staticmethod
    def text_encoding(response: httpx.Response) -> str:
        """The body's charset if Python knows it, else UTF-8."""
        charset = response.charset_encoding
        if charset:
            try:
                return codecs.lookup(charset).name
            except LookupError:
                pass
        return "utf-8"

    def not_csv(self, response: httpx.Response, ex: Exchange) -> ResponseValidationError | None:
        """An HTML page where CSV was expected (a login or error page) is refused, not parsed."""
        kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind in ("text/html", "application/xhtml+xml"):
            return ResponseValidationError(f"{ex.where}: expected CSV, got {kind}")
        return None

    @staticmethod
    def is_json(response: httpx.Response) -> bool:
        kind: str = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        return kind == "application/json" or kind.endswith("+json")

    def json_instead(
        self, response: httpx.Response, ex: Exchange, expected: str
    ) -> CallspecError | None:
        """For a CSV or file operation answered with a JSON body: the error it reports, if any.

        Vendors often answer an export with a JSON error in an HTTP 200. A JSON object that is not
        an error is still wrong for CSV; for a file it may be the file itself (returns None).
        """
        if not self.is_json(response):
            return None
        try:
            body = parse_json(response.content)
        except ValueError:
            return None  # mislabelled: read it as what was expected
        try:
            payload = check_envelope(body, ex, response)
        except CallspecError as exc:
            return exc
        error = body_error(payload, ex, response)
        if error is not None:
            return error
        if expected == "csv":
            return ResponseValidationError(f"{ex.where}: expected CSV, got a JSON body")
        return None

    def retry_delay(
        self, operation_idempotent: bool, attempt: int, error: CallspecError
    ) -> float | None:
        return retry_delay(self.retry, operation_idempotent, attempt, error)

    # -- logging and display ------------------------------------------------------------------

    def log(self, level: int, message: str, *args: object) -> None:
        """A line on logger "callspec", secrets masked before it is formatted anywhere."""
        if logger.isEnabledFor(level):
            logger.log(level, "%s", self.redactor.text(message % args if args else message))

    def log_sent(self, ex: Exchange, attempt: int) -> float:
        self.log(
            logging.DEBUG,
            "%s %s: %s (attempt %d)",
            self.vendor,
            ex.operation.name,
            f"{ex.method} {ex.url}",
            attempt,
        )
        return time.monotonic()

    def log_received(self, ex: Exchange, response: httpx.Response, started: float) -> None:
        self.log(
            logging.DEBUG,
            "%s %s: HTTP %d in %.0f ms",
            self.vendor,
            ex.operation.name,
            response.status_code,
            (time.monotonic() - started) * 1000,
        )

    def log_retry(self, ex: Exchange, error: CallspecError, attempt: int, delay: float) -> None:
        self.log(
            logging.WARNING,
            "%s %s: attempt %d of %d failed (%s); retrying in %.2f s",
            self.vendor,
            ex.operation.name,
            attempt,
            self.retry.max_attempts,
            error,
            delay,
        )

    def describe(self, cls_name: str) -> str:
        """The client's repr: vendor, base URL and credential names, never their values."""
        auth = ", ".join(
            f"{s.name}({'+'.join(c.wire for c in s.credentials)})" for s in self.schemes
        )
        return self.redactor.text(
            f"<{cls_name} vendor={self.vendor!r} base_url={self.base_url!r} auth=[{auth}]>"
        )
