"""SyncClient: the blocking I/O loops around ClientCore, the base of every generated sync client.

A generated method validates its keyword arguments into a request model and makes one call:

    _call(operation, request, ResponseModel)                  → ResponseModel
    _call_raw(operation, request)                             → httpx.Response (read)
    _paginate(operation, request, ResponseModel, RecordModel, page_size, max_items)
                                                              → iterator of RecordModel
    _paginate_pages(operation, request, ResponseModel, page_size) → iterator of ResponseModel
    _stream_csv(operation, request, RowModel)                 → iterator of RowModel
    _download(operation, request, dest)                       → Path, or iterator of bytes

Iterators are lazy: nothing is sent until the first item is asked for. Every call has one
Deadline (each page of a paginated call its own); bodies read whole stop at max_body_bytes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar, overload

import httpx
from pydantic import BaseModel

from ._base import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_CSV_RECORD_CHARS,
    DEFAULT_TIMEOUT,
    NO_VALUES,
    ClientBase,
)
from ._credentials import CredentialValue
from ._csv import CsvParser
from ._deadline import Deadline, DeadlineReached, guard_pool
from ._description import ApiDescription, CsvLayout, DownloadRule, Operation
from ._download import download_url, partial_path, target_path
from ._errors import CallspecError
from ._paging_io import SyncPaging
from ._reading import ERROR_BODY_BYTES, iter_chunks, read_body
from ._request import dump_request
from ._response import Exchange, validate
from ._retry import RetryPolicy

__all__ = ["SyncClient"]

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R", bound=BaseModel)

# What a network step may raise: httpx's failures, and the deadline's own signal.
_STEP_ERRORS = (httpx.HTTPError, DeadlineReached)


class SyncClient(ClientBase, SyncPaging):
    """Base of generated synchronous clients; use as a context manager or call close()."""

    def __init__(
        self,
        description: ApiDescription,
        *,
        credentials: Mapping[str, CredentialValue | None] = NO_VALUES,
        variables: Mapping[str, str | None] = NO_VALUES,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
        retry: RetryPolicy | None = None,
        user_agent: str | None = None,
        strict: bool = False,
        server_url: str | None = None,
        deadline: float | None = DEFAULT_DEADLINE,
        max_body_bytes: int | None = DEFAULT_MAX_BODY_BYTES,
        max_csv_record_chars: int | None = DEFAULT_MAX_CSV_RECORD_CHARS,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self._setup(
            description, credentials, variables, timeout=timeout, retry=retry,
            user_agent=user_agent, strict=strict, server_url=server_url, deadline=deadline,
            max_body_bytes=max_body_bytes, max_csv_record_chars=max_csv_record_chars,
            headers=headers,
        )
        self._http = httpx.Client(
            transport=transport, timeout=self._core.timeout, headers=self._core.headers,
            auth=self._core.token_auth,
        )
        guard_pool(self._http)  # socket reads end by the deadline, even inside the headers

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool (a with_options copy leaves it to the original)."""
        if self._owns_pool:
            self._http.close()

    # -- what generated methods call -----------------------------------------------------------

    @overload
    def _call(
        self, operation: Operation, request: BaseModel | None, response_model: type[M]
    ) -> M: ...

    @overload
    def _call(
        self, operation: Operation, request: BaseModel | None, response_model: None
    ) -> Any: ...

    def _call(
        self, operation: Operation, request: BaseModel | None, response_model: type[M] | None
    ) -> M | Any:
        """Send one request and return its body as `response_model` (None: the checked JSON)."""
        self._core.warn_deprecated(operation)
        payload, ex = self._json(operation, dump_request(request), self._core.deadline())
        if response_model is None:
            return payload
        return validate(response_model, payload, ex, self._core.context)

    def _call_raw(self, operation: Operation, request: BaseModel | None) -> httpx.Response:
        """Send one request and return the read response; HTTP errors still raise APIError."""
        self._core.warn_deprecated(operation)
        req, ex = self._core.prepare(operation, dump_request(request))
        return self._send(req, ex, operation.idempotent, self._core.deadline(), read=True)

    def _stream_csv(
        self, operation: Operation, request: BaseModel | None, row_model: type[R]
    ) -> Iterator[R]:
        """The rows of a CSV body as `row_model`, streamed in constant memory."""
        self._core.warn_deprecated(operation)
        layout = self._core.csv_layout(operation)
        return self._csv_rows(operation, layout, dump_request(request), row_model)

    @overload
    def _download(
        self, operation: Operation, request: BaseModel | None, dest: str | os.PathLike[str]
    ) -> Path: ...

    @overload
    def _download(
        self, operation: Operation, request: BaseModel | None, dest: None = None
    ) -> Iterator[bytes]: ...

    @overload
    def _download(
        self, operation: Operation, request: BaseModel | None, dest: str | os.PathLike[str] | None
    ) -> Path | Iterator[bytes]: ...

    def _download(
        self,
        operation: Operation,
        request: BaseModel | None,
        dest: str | os.PathLike[str] | None = None,
    ) -> Path | Iterator[bytes]:
        """The file an operation leads to (two steps when it has a DownloadRule): written to
        `dest` (a file, or a folder to put it in) and its Path returned, or, with no dest, an
        iterator of byte chunks."""
        self._core.warn_deprecated(operation)
        params = dump_request(request)
        if dest is None:
            return self._file_chunks(operation, params)
        deadline = self._core.deadline()
        response, ex = self._open_file(operation, params, deadline)
        path = target_path(dest, response.url)
        part = partial_path(path)
        try:
            with part.open("wb") as out:
                for chunk in self._bytes(response, ex, deadline):
                    out.write(chunk)
            os.replace(part, path)
        finally:
            response.close()
            part.unlink(missing_ok=True)
        return path

    # -- I/O ----------------------------------------------------------------------------------

    def _send(
        self,
        request: httpx.Request,
        ex: Exchange,
        idempotent: bool,
        deadline: Deadline,
        *,
        read: bool,
        follow_redirects: bool = False,
    ) -> httpx.Response:
        """Send with retries; a 2xx/3xx response comes back (read if `read`), anything else raises."""
        core = self._core
        attempt = 0
        while True:
            attempt += 1
            outcome = self._attempt(request, ex, deadline, attempt, read, follow_redirects)
            if isinstance(outcome, httpx.Response):
                return outcome
            delay = core.retry_delay(idempotent, attempt, outcome)
            if delay is None or not deadline.allows(delay):
                # No try left, or its wait would end past the deadline: the last error stands.
                outcome.attempts = attempt
                raise outcome
            core.log_retry(ex, outcome, attempt, delay)
            with deadline.sync():
                core.retry.sleep(delay)

    def _attempt(
        self,
        request: httpx.Request,
        ex: Exchange,
        deadline: Deadline,
        attempt: int,
        read: bool,
        follow_redirects: bool,
    ) -> httpx.Response | CallspecError:
        """One try: the response, or the error to retry or raise."""
        core = self._core
        started = core.log_sent(ex, attempt)
        request.extensions["timeout"] = deadline.timeouts(core.timeout)
        try:
            with deadline.sync():
                response = self._http.send(request, stream=True, follow_redirects=follow_redirects)
        except _STEP_ERRORS as exc:
            return core.failure(exc, ex, deadline)
        core.log_received(ex, response, started)
        failed = response.status_code >= 400
        if read or failed:
            # An error body is read for its code and message only: its first bytes suffice.
            limit = ERROR_BODY_BYTES if failed else core.settings.max_body_bytes
            try:
                read_body(response, deadline, ex, limit, cut=failed)
            except _STEP_ERRORS as exc:
                return core.failure(exc, ex, deadline)
            finally:
                response.close()
        return core.status_error(response, ex) or response

    def _json(
        self, operation: Operation, params: Mapping[str, object], deadline: Deadline
    ) -> tuple[object, Exchange]:
        request, ex = self._core.prepare(operation, params)
        response = self._send(request, ex, operation.idempotent, deadline, read=True)
        return self._core.payload(response, ex), ex

    def _csv_rows(
        self,
        operation: Operation,
        layout: CsvLayout,
        params: Mapping[str, object],
        row_model: type[R],
    ) -> Iterator[R]:
        core = self._core
        deadline = core.deadline()
        request, ex = core.prepare(operation, params)
        response = self._send(request, ex, operation.idempotent, deadline, read=False)
        try:
            error = self._json_error(response, ex, "csv", deadline) or core.not_csv(response, ex)
            if error is not None:
                raise error
            parser = CsvParser(
                layout,
                row_model,
                where=ex.where,
                context=core.context,
                strict=core.strict,
                max_record_chars=core.settings.max_csv_record_chars,
                encoding=core.text_encoding(response),
            )
            for chunk in self._bytes(response, ex, deadline):
                yield from parser.feed_bytes(chunk)
            yield from parser.finish()
        finally:
            response.close()

    def _json_error(
        self, response: httpx.Response, ex: Exchange, expected: str, deadline: Deadline
    ) -> CallspecError | None:
        if self._core.is_json(response):
            try:
                read_body(response, deadline, ex, self._core.settings.max_body_bytes)
            except _STEP_ERRORS as exc:
                return self._core.failure(exc, ex, deadline)
        return self._core.json_instead(response, ex, expected)

    def _open_file(
        self, operation: Operation, params: Mapping[str, object], deadline: Deadline
    ) -> tuple[httpx.Response, Exchange]:
        """The open (streaming) response of the file: step two of a download, or the call itself."""
        rule: DownloadRule | None = self._core.download_rule(operation)
        if rule is None:
            request, ex = self._core.prepare(operation, params)
            idempotent = operation.idempotent
        else:
            payload, first = self._json(operation, params, deadline)
            url = download_url(payload, rule, self._core.base_url, self._core.credentials, first)
            request, ex = self._core.file_request(url, operation)
            idempotent = True  # fetching a file changes nothing on the vendor's side
        response = self._send(
            request, ex, idempotent, deadline, read=False, follow_redirects=True
        )
        try:
            error = self._json_error(response, ex, "file", deadline)
        except BaseException:
            response.close()
            raise
        if error is not None:
            response.close()
            raise error
        return response, ex

    def _bytes(self, response: httpx.Response, ex: Exchange, deadline: Deadline) -> Iterator[bytes]:
        try:
            yield from iter_chunks(response, deadline)
        except _STEP_ERRORS as exc:
            raise self._core.failure(exc, ex, deadline)  # its cause: the httpx error

    def _file_chunks(self, operation: Operation, params: Mapping[str, object]) -> Iterator[bytes]:
        deadline = self._core.deadline()
        response, ex = self._open_file(operation, params, deadline)
        try:
            yield from self._bytes(response, ex, deadline)
        finally:
            response.close()
