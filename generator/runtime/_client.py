"""SyncClient and AsyncClient: the I/O loops around ClientCore, the base of every generated client.

A generated method validates its keyword arguments into a request model and makes one call:

    _call(operation, request, ResponseModel)                  → ResponseModel
    _call_raw(operation, request)                             → httpx.Response (read)
    _paginate(operation, request, ResponseModel, RecordModel, page_size, max_items)
                                                              → iterator of RecordModel
    _paginate_pages(operation, request, ResponseModel, page_size) → iterator of ResponseModel
    _stream_csv(operation, request, RowModel)                 → iterator of RowModel
    _download(operation, request, dest)                       → Path, or iterator of bytes

Async generated methods are `async def … return await self._call(…)` (and plain `def` returning
`self._paginate(…)` / `self._stream_csv(…)`), so a DeprecationWarning points at the user's line.
Iterators are lazy: nothing is sent until the first item is asked for.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar, overload

import httpx
from pydantic import BaseModel

from ._core import ClientCore
from ._csv import CsvParser
from ._description import ApiDescription, CsvLayout, DownloadRule, Operation
from ._download import download_url, partial_path, target_path
from ._errors import CallspecError
from ._paging_io import AsyncPaging, SyncPaging
from ._request import dump_request
from ._response import Exchange, validate
from ._retry import RetryPolicy

__all__ = ["SyncClient", "AsyncClient"]

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R", bound=BaseModel)

_NO_VALUES: Mapping[str, str | None] = {}


class SyncClient(SyncPaging):
    """Base of generated synchronous clients; use as a context manager or call close()."""

    def __init__(
        self,
        description: ApiDescription,
        *,
        credentials: Mapping[str, str | None] = _NO_VALUES,
        variables: Mapping[str, str | None] = _NO_VALUES,
        timeout: float | httpx.Timeout = 30.0,
        transport: httpx.BaseTransport | None = None,
        retry: RetryPolicy | None = None,
        user_agent: str | None = None,
        strict: bool = False,
        server_url: str | None = None,
    ) -> None:
        self._core = ClientCore(
            description, credentials, variables, retry, user_agent, strict, timeout, server_url
        )
        self._http = httpx.Client(transport=transport, timeout=timeout, headers=self._core.headers)

    def __repr__(self) -> str:
        return self._core.describe(type(self).__name__)

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
        """Close the connection pool."""
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
        payload, ex = self._json(operation, dump_request(request))
        if response_model is None:
            return payload
        return validate(response_model, payload, ex, self._core.context)

    def _call_raw(self, operation: Operation, request: BaseModel | None) -> httpx.Response:
        """Send one request and return the read response; HTTP errors still raise APIError."""
        self._core.warn_deprecated(operation)
        req, ex = self._core.prepare(operation, dump_request(request))
        return self._send(req, ex, operation.idempotent, read=True)

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
        response, ex = self._open_file(operation, params)
        path = target_path(dest, response.url)
        part = partial_path(path)
        try:
            with part.open("wb") as out:
                for chunk in self._bytes(response, ex):
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
        *,
        read: bool,
        follow_redirects: bool = False,
    ) -> httpx.Response:
        """Send with retries; a 2xx/3xx response comes back (read if `read`), anything else raises."""
        core = self._core
        attempt = 0
        while True:
            attempt += 1
            started = core.log_sent(ex, attempt)
            error: CallspecError | None = None
            try:
                response = self._http.send(request, stream=True, follow_redirects=follow_redirects)
            except httpx.HTTPError as exc:
                error = core.transport_error(exc, ex)
            else:
                core.log_received(ex, response, started)
                try:
                    if read or response.status_code >= 400:
                        response.read()
                except httpx.HTTPError as exc:
                    error = core.transport_error(exc, ex)
                finally:
                    if read or response.status_code >= 400:
                        response.close()
                if error is None:
                    error = core.status_error(response, ex)
                    if error is None:
                        return response
            delay = core.retry_delay(idempotent, attempt, error)
            if delay is None:
                error.attempts = attempt
                raise error
            core.log_retry(ex, error, attempt, delay)
            core.retry.sleep(delay)

    def _json(self, operation: Operation, params: Mapping[str, object]) -> tuple[object, Exchange]:
        request, ex = self._core.prepare(operation, params)
        response = self._send(request, ex, operation.idempotent, read=True)
        return self._core.payload(response, ex), ex

    def _csv_rows(
        self,
        operation: Operation,
        layout: CsvLayout,
        params: Mapping[str, object],
        row_model: type[R],
    ) -> Iterator[R]:
        request, ex = self._core.prepare(operation, params)
        response = self._send(request, ex, operation.idempotent, read=False)
        try:
            error = self._json_error(response, ex, "csv")
            if error is not None:
                raise error
            parser = CsvParser(
                layout,
                row_model,
                where=ex.where,
                context=self._core.context,
                strict=self._core.strict,
            )
            try:
                for chunk in response.iter_text():
                    yield from parser.feed(chunk)
            except httpx.HTTPError as exc:
                raise self._core.transport_error(exc, ex) from exc
            yield from parser.finish()
        finally:
            response.close()

    def _json_error(
        self, response: httpx.Response, ex: Exchange, expected: str
    ) -> CallspecError | None:
        if self._core.is_json(response):
            try:
                response.read()
            except httpx.HTTPError as exc:
                return self._core.transport_error(exc, ex)
        return self._core.json_instead(response, ex, expected)

    def _open_file(
        self, operation: Operation, params: Mapping[str, object]
    ) -> tuple[httpx.Response, Exchange]:
        """The open (streaming) response of the file: step two of a download, or the call itself."""
        rule: DownloadRule | None = self._core.download_rule(operation)
        if rule is None:
            request, ex = self._core.prepare(operation, params)
            idempotent = operation.idempotent
        else:
            payload, first = self._json(operation, params)
            url = download_url(payload, rule, self._core.base_url, self._core.credentials, first)
            request, ex = self._core.file_request(url, operation)
            idempotent = True  # fetching a file changes nothing on the vendor's side
        response = self._send(request, ex, idempotent, read=False, follow_redirects=True)
        error = self._json_error(response, ex, "file")
        if error is not None:
            response.close()
            raise error
        return response, ex

    def _bytes(self, response: httpx.Response, ex: Exchange) -> Iterator[bytes]:
        try:
            yield from response.iter_bytes()
        except httpx.HTTPError as exc:
            raise self._core.transport_error(exc, ex) from exc

    def _file_chunks(self, operation: Operation, params: Mapping[str, object]) -> Iterator[bytes]:
        response, ex = self._open_file(operation, params)
        try:
            yield from self._bytes(response, ex)
        finally:
            response.close()


class AsyncClient(AsyncPaging):
    """Base of generated asynchronous clients; use `async with` or await aclose()."""

    def __init__(
        self,
        description: ApiDescription,
        *,
        credentials: Mapping[str, str | None] = _NO_VALUES,
        variables: Mapping[str, str | None] = _NO_VALUES,
        timeout: float | httpx.Timeout = 30.0,
        transport: httpx.AsyncBaseTransport | None = None,
        retry: RetryPolicy | None = None,
        user_agent: str | None = None,
        strict: bool = False,
        server_url: str | None = None,
    ) -> None:
        self._core = ClientCore(
            description, credentials, variables, retry, user_agent, strict, timeout, server_url
        )
        self._http = httpx.AsyncClient(
            transport=transport, timeout=timeout, headers=self._core.headers
        )

    def __repr__(self) -> str:
        return self._core.describe(type(self).__name__)

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
        """Close the connection pool."""
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
        payload, ex = await self._json(operation, dump_request(request))
        if response_model is None:
            return payload
        return validate(response_model, payload, ex, self._core.context)

    async def _call_raw(self, operation: Operation, request: BaseModel | None) -> httpx.Response:
        self._core.warn_deprecated(operation)
        req, ex = self._core.prepare(operation, dump_request(request))
        return await self._send(req, ex, operation.idempotent, read=True)

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
        response, ex = await self._open_file(operation, params)
        path = target_path(dest, response.url)
        part = partial_path(path)
        try:
            with part.open("wb") as out:
                async for chunk in self._bytes(response, ex):
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
        *,
        read: bool,
        follow_redirects: bool = False,
    ) -> httpx.Response:
        core = self._core
        attempt = 0
        while True:
            attempt += 1
            started = core.log_sent(ex, attempt)
            error: CallspecError | None = None
            try:
                response = await self._http.send(
                    request, stream=True, follow_redirects=follow_redirects
                )
            except httpx.HTTPError as exc:
                error = core.transport_error(exc, ex)
            else:
                core.log_received(ex, response, started)
                try:
                    if read or response.status_code >= 400:
                        await response.aread()
                except httpx.HTTPError as exc:
                    error = core.transport_error(exc, ex)
                finally:
                    if read or response.status_code >= 400:
                        await response.aclose()
                if error is None:
                    error = core.status_error(response, ex)
                    if error is None:
                        return response
            delay = core.retry_delay(idempotent, attempt, error)
            if delay is None:
                error.attempts = attempt
                raise error
            core.log_retry(ex, error, attempt, delay)
            await core.retry.async_sleep(delay)

    async def _json(
        self, operation: Operation, params: Mapping[str, object]
    ) -> tuple[object, Exchange]:
        request, ex = self._core.prepare(operation, params)
        response = await self._send(request, ex, operation.idempotent, read=True)
        return self._core.payload(response, ex), ex

    async def _csv_rows(
        self,
        operation: Operation,
        layout: CsvLayout,
        params: Mapping[str, object],
        row_model: type[R],
    ) -> AsyncIterator[R]:
        request, ex = self._core.prepare(operation, params)
        response = await self._send(request, ex, operation.idempotent, read=False)
        try:
            error = await self._json_error(response, ex, "csv")
            if error is not None:
                raise error
            parser = CsvParser(
                layout,
                row_model,
                where=ex.where,
                context=self._core.context,
                strict=self._core.strict,
            )
            try:
                async for chunk in response.aiter_text():
                    for row in parser.feed(chunk):
                        yield row
            except httpx.HTTPError as exc:
                raise self._core.transport_error(exc, ex) from exc
            for row in parser.finish():
                yield row
        finally:
            await response.aclose()

    async def _json_error(
        self, response: httpx.Response, ex: Exchange, expected: str
    ) -> CallspecError | None:
        if self._core.is_json(response):
            try:
                await response.aread()
            except httpx.HTTPError as exc:
                return self._core.transport_error(exc, ex)
        return self._core.json_instead(response, ex, expected)

    async def _open_file(
        self, operation: Operation, params: Mapping[str, object]
    ) -> tuple[httpx.Response, Exchange]:
        rule = self._core.download_rule(operation)
        if rule is None:
            request, ex = self._core.prepare(operation, params)
            idempotent = operation.idempotent
        else:
            payload, first = await self._json(operation, params)
            url = download_url(payload, rule, self._core.base_url, self._core.credentials, first)
            request, ex = self._core.file_request(url, operation)
            idempotent = True  # fetching a file changes nothing on the vendor's side
        response = await self._send(request, ex, idempotent, read=False, follow_redirects=True)
        error = await self._json_error(response, ex, "file")
        if error is not None:
            await response.aclose()
            raise error
        return response, ex

    async def _bytes(self, response: httpx.Response, ex: Exchange) -> AsyncIterator[bytes]:
        try:
            async for chunk in response.aiter_bytes():
                yield chunk
        except httpx.HTTPError as exc:
            raise self._core.transport_error(exc, ex) from exc

    async def _file_chunks(
        self, operation: Operation, params: Mapping[str, object]
    ) -> AsyncIterator[bytes]:
        response, ex = await self._open_file(operation, params)
        try:
            async for chunk in self._bytes(response, ex):
                yield chunk
        finally:
            await response.aclose()
