"""AsyncClient: the awaiting I/O loops around ClientCore, the base of every generated async client.

The same calls as SyncClient (see `_sync`). Async generated methods are `async def … return
await self._call(…)` (and plain `def` returning `self._paginate(…)` / `self._stream_csv(…)`), so
a DeprecationWarning points at the user's line. Each network step runs under the call's
Deadline (asyncio.timeout), so a dripping server is cut off on time.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Mapping
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
from ._deadline import Deadline, DeadlineReached
from ._description import ApiDescription, CsvLayout, Operation
from ._download import download_url, partial_path, target_path
from ._errors import CallspecError
from ._paging_io import AsyncPaging
from ._reading import ERROR_BODY_BYTES, aiter_chunks, aread_body
from ._request import dump_request
from ._response import Exchange, validate
from ._retry import RetryPolicy

__all__ = ["AsyncClient"]

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R", bound=BaseModel)

_STEP_ERRORS = (httpx.HTTPError, DeadlineReached)


class AsyncClient(ClientBase, AsyncPaging):
    """Base of generated asynchronous clients; use `async with` or await aclose()."""

    def __init__(
        self,
        description: ApiDescription,
        *,
        credentials: Mapping[str, CredentialValue | None] = NO_VALUES,
        variables: Mapping[str, str | None] = NO_VALUES,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
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
        self._http = httpx.AsyncClient(
            transport=transport, timeout=self._core.timeout, headers=self._core.headers,
            auth=self._core.token_auth,
        )

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool (a with_options copy leaves it to the original)."""
        if self._owns_pool:
            await self._http.aclose()

    # -- what generated methods call -----------------------------------------------------------

    @overload
    async def _call(
        self, operation: Operation, request: BaseModel | None, response_model: type[M]
    ) -> M: ...

    @overload
    async def _call(
        self, operation: Operation, request: BaseModel | None, response_model: None
    ) -> Any: ...

    async def _call(
        self, operation: Operation, request: BaseModel | None, response_model: type[M] | None
    ) -> M | Any:
        self._core.warn_deprecated(operation)
        payload, ex = await self._json(operation, dump_request(request), self._core.deadline())
        if response_model is None:
            return payload
        return validate(response_model, payload, ex, self._core.context)

    async def _call_raw(self, operation: Operation, request: BaseModel | None) -> httpx.Response:
        self._core.warn_deprecated(operation)
        req, ex = self._core.prepare(operation, dump_request(request))
        return await self._send(req, ex, operation.idempotent, self._core.deadline(), read=True)

    def _stream_csv(
        self, operation: Operation, request: BaseModel | None, row_model: type[R]
    ) -> AsyncIterator[R]:
        self._core.warn_deprecated(operation)
        layout = self._core.csv_layout(operation)
        return self._csv_rows(operation, layout, dump_request(request), row_model)

    @overload
    async def _download(
        self, operation: Operation, request: BaseModel | None, dest: str | os.PathLike[str]
    ) -> Path: ...

    @overload
    async def _download(
        self, operation: Operation, request: BaseModel | None, dest: None = None
    ) -> AsyncIterator[bytes]: ...

    @overload
    async def _download(
        self, operation: Operation, request: BaseModel | None, dest: str | os.PathLike[str] | None
    ) -> Path | AsyncIterator[bytes]: ...

    async def _download(
        self,
        operation: Operation,
        request: BaseModel | None,
        dest: str | os.PathLike[str] | None = None,
    ) -> Path | AsyncIterator[bytes]:
        self._core.warn_deprecated(operation)
        params = dump_request(request)
        if dest is None:
            return self._file_chunks(operation, params)
        deadline = self._core.deadline()
        response, ex = await self._open_file(operation, params, deadline)
        path = target_path(dest, response.url)
        part = partial_path(path)
        try:
            with part.open("wb") as out:
                async for chunk in self._bytes(response, ex, deadline):
                    out.write(chunk)
            os.replace(part, path)
        finally:
            await response.aclose()
            part.unlink(missing_ok=True)
        return path

    # -- I/O ----------------------------------------------------------------------------------

    async def _send(
        self,
        request: httpx.Request,
        ex: Exchange,
        idempotent: bool,
        deadline: Deadline,
        *,
        read: bool,
        follow_redirects: bool = False,
    ) -> httpx.Response:
        core = self._core
        attempt = 0
        while True:
            attempt += 1
            outcome = await self._attempt(request, ex, deadline, attempt, read, follow_redirects)
            if isinstance(outcome, httpx.Response):
                return outcome
            delay = core.retry_delay(idempotent, attempt, outcome)
            if delay is None or not deadline.allows(delay):
                # No try left, or its wait would end past the deadline: the last error stands.
                outcome.attempts = attempt
                raise outcome
            core.log_retry(ex, outcome, attempt, delay)
            async with deadline.step():
                await core.retry.async_sleep(delay)

    async def _attempt(
        self,
        request: httpx.Request,
        ex: Exchange,
        deadline: Deadline,
        attempt: int,
        read: bool,
        follow_redirects: bool,
    ) -> httpx.Response | CallspecError:
        core = self._core
        started = core.log_sent(ex, attempt)
        request.extensions["timeout"] = deadline.timeouts(core.timeout)
        try:
            async with deadline.step():
                response = await self._http.send(
                    request, stream=True, follow_redirects=follow_redirects
                )
        except _STEP_ERRORS as exc:
            return core.failure(exc, ex, deadline)
        core.log_received(ex, response, started)
        failed = response.status_code >= 400
        if read or failed:
            limit = ERROR_BODY_BYTES if failed else core.settings.max_body_bytes
            try:
                await aread_body(response, deadline, ex, limit, cut=failed)
            except _STEP_ERRORS as exc:
                return core.failure(exc, ex, deadline)
            finally:
                await response.aclose()
        return core.status_error(response, ex) or response

    async def _json(
        self, operation: Operation, params: Mapping[str, object], deadline: Deadline
    ) -> tuple[object, Exchange]:
        request, ex = self._core.prepare(operation, params)
        response = await self._send(request, ex, operation.idempotent, deadline, read=True)
        return self._core.payload(response, ex), ex

    async def _csv_rows(
        self,
        operation: Operation,
        layout: CsvLayout,
        params: Mapping[str, object],
        row_model: type[R],
    ) -> AsyncIterator[R]:
        core = self._core
        deadline = core.deadline()
        request, ex = core.prepare(operation, params)
        response = await self._send(request, ex, operation.idempotent, deadline, read=False)
        try:
            error = await self._json_error(response, ex, "csv", deadline)
            error = error or core.not_csv(response, ex)
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
            async for chunk in self._bytes(response, ex, deadline):
                for row in parser.feed_bytes(chunk):
                    yield row
            for row in parser.finish():
                yield row
        finally:
            await response.aclose()

    async def _json_error(
        self, response: httpx.Response, ex: Exchange, expected: str, deadline: Deadline
    ) -> CallspecError | None:
        if self._core.is_json(response):
            try:
                await aread_body(response, deadline, ex, self._core.settings.max_body_bytes)
            except _STEP_ERRORS as exc:
                return self._core.failure(exc, ex, deadline)
        return self._core.json_instead(response, ex, expected)

    async def _open_file(
        self, operation: Operation, params: Mapping[str, object], deadline: Deadline
    ) -> tuple[httpx.Response, Exchange]:
        rule = self._core.download_rule(operation)
        if rule is None:
            request, ex = self._core.prepare(operation, params)
            idempotent = operation.idempotent
        else:
            payload, first = await self._json(operation, params, deadline)
            url = download_url(payload, rule, self._core.base_url, self._core.credentials, first)
            request, ex = self._core.file_request(url, operation)
            idempotent = True  # fetching a file changes nothing on the vendor's side
        response = await self._send(
            request, ex, idempotent, deadline, read=False, follow_redirects=True
        )
        try:
            error = await self._json_error(response, ex, "file", deadline)
        except BaseException:
            await response.aclose()
            raise
        if error is not None:
            await response.aclose()
            raise error
        return response, ex

    async def _bytes(
        self, response: httpx.Response, ex: Exchange, deadline: Deadline
    ) -> AsyncIterator[bytes]:
        chunks = aiter_chunks(response, deadline)
        try:
            async for chunk in chunks:
                yield chunk
        except _STEP_ERRORS as exc:
            raise self._core.failure(exc, ex, deadline)  # its cause: the httpx error
        finally:
            await chunks.aclose()

    async def _file_chunks(
        self, operation: Operation, params: Mapping[str, object]
    ) -> AsyncIterator[bytes]:
        deadline = self._core.deadline()
        response, ex = await self._open_file(operation, params, deadline)
        try:
            async for chunk in self._bytes(response, ex, deadline):
                yield chunk
        finally:
            await response.aclose()
