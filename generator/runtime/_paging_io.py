"""The paging loops of SyncClient and AsyncClient (mixins): generic over every style, since a
Pager (see _pagers) says what to send next; here is only the I/O and the record streaming."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
from pydantic import BaseModel

from ._core import ClientCore
from ._deadline import Deadline
from ._description import Operation
from ._errors import ConfigError
from ._links import link_request
from ._pagers import PageStep, Pager, make_pager
from ._pagination import open_page
from ._request import dump_request
from ._response import Exchange, get_path, validate

__all__ = ["SyncPaging", "AsyncPaging"]

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R", bound=BaseModel)


def start(core: ClientCore, operation: Operation, request: BaseModel | None,
          page_size: int | None, max_items: int | None) -> Pager:
    """The pager of one iteration; a bad page_size or max_items raises now, before any I/O."""
    pagination = core.pagination(operation)
    where = f"{core.vendor} {operation.name}"
    if max_items is not None and (
        not isinstance(max_items, int) or isinstance(max_items, bool) or max_items < 0
    ):
        raise ConfigError(f"{where}: max_items must be a non-negative integer, got {max_items!r}")
    return make_pager(pagination, dump_request(request), page_size, core.base_url, where)


def page_request(core: ClientCore, operation: Operation, pager: Pager,
                 step: PageStep) -> tuple[httpx.Request, Exchange, bool]:
    """The HTTP request of a page, its exchange, and whether it may be retried."""
    if step.url is None:
        request, ex = core.prepare(operation, step.params)
        return request, ex, operation.idempotent
    request = link_request(
        step.url, operation, pager.params, base_url=core.base_url, schemes=core.schemes,
        credentials=core.credentials, vendor=core.vendor, defaults=core.headers,
    )
    return request, core.exchange(operation, request), True  # a GET of a link changes nothing


def _count(page: BaseModel, records: str) -> int:
    found = get_path(page, records)
    return len(found) if isinstance(found, list) else 0


class SyncPaging:
    """`_paginate` (records) and `_paginate_pages` (page models) of SyncClient."""

    _core: ClientCore

    if TYPE_CHECKING:
        def _send(self, request: httpx.Request, ex: Exchange, idempotent: bool,
                  deadline: Deadline, *, read: bool,
                  follow_redirects: bool = False) -> httpx.Response: ...

    def _paginate(self, operation: Operation, request: BaseModel | None,
                  response_model: type[M], record_model: type[R], page_size: int | None = None,
                  max_items: int | None = None) -> Iterator[R]:
        """Every record of every page (up to max_items), fetched as they are needed."""
        return self._iterate(operation, request, response_model, record_model, page_size,
                             max_items)

    def _paginate_values(self, operation: Operation, request: BaseModel | None,
                         response_model: type[M], page_size: int | None = None,
                         max_items: int | None = None) -> Iterator[Any]:
        """Like `_paginate` for records that are plain values (ids, numbers, dates): each is
        read with the item type of `response_model`'s record list."""
        return self._iterate(operation, request, response_model, None, page_size, max_items)

    def _iterate(self, operation: Operation, request: BaseModel | None,
                 response_model: type[M], record_model: type[BaseModel] | None,
                 page_size: int | None, max_items: int | None) -> Iterator[Any]:
        self._core.warn_deprecated(operation)
        pager = start(self._core, operation, request, page_size, max_items)
        records = self._records(operation, pager, response_model, record_model)
        return records if max_items is None else islice(records, max_items)

    def _paginate_pages(self, operation: Operation, request: BaseModel | None,
                        response_model: type[M], page_size: int | None = None) -> Iterator[M]:
        """Every page as `response_model`, records included."""
        self._core.warn_deprecated(operation)
        return self._pages(operation, start(self._core, operation, request, page_size, None),
                           response_model)

    def _fetch(self, operation: Operation, pager: Pager,
               step: PageStep) -> tuple[object, httpx.Headers, Exchange, str]:
        """A page's body, headers, exchange and URL (what its relative links are relative to)."""
        request, ex, idempotent = page_request(self._core, operation, pager, step)
        # Each page is a call of its own, with its own deadline.
        response = self._send(request, ex, idempotent, self._core.deadline(), read=True)
        return self._core.payload(response, ex), response.headers, ex, str(request.url)

    def _records(self, operation: Operation, pager: Pager, response_model: type[M],
                 record_model: type[BaseModel] | None) -> Iterator[Any]:
        step: PageStep | None = pager.first()
        while step is not None:
            payload, headers, ex, url = self._fetch(operation, pager, step)
            count, records = open_page(payload, pager.records, response_model, record_model, ex,
                                       self._core.context, pager.row)
            step = pager.next(payload, headers, count, ex.where, url)
            del payload  # one page alive at a time, not two (memory, collector work)
            yield from records
            pager.raise_failure()

    def _pages(self, operation: Operation, pager: Pager, response_model: type[M]) -> Iterator[M]:
        step: PageStep | None = pager.first()
        while step is not None:
            payload, headers, ex, url = self._fetch(operation, pager, step)
            page = validate(response_model, payload, ex, self._core.context)
            step = pager.next(payload, headers, _count(page, pager.records), ex.where, url)
            yield page
            pager.raise_failure()


async def _take(source: AsyncGenerator[Any, None], limit: int) -> AsyncIterator[Any]:
    """The first `limit` items; the source is closed after, so no further page is asked for."""
    try:
        if limit <= 0:
            return
        taken = 0
        async for item in source:
            yield item
            taken += 1
            if taken >= limit:
                return
    finally:
        await source.aclose()


class AsyncPaging:
    """`_paginate` (records) and `_paginate_pages` (page models) of AsyncClient."""

    _core: ClientCore

    if TYPE_CHECKING:
        async def _send(self, request: httpx.Request, ex: Exchange, idempotent: bool,
                        deadline: Deadline, *, read: bool,
                        follow_redirects: bool = False) -> httpx.Response: ...

    def _paginate(self, operation: Operation, request: BaseModel | None,
                  response_model: type[M], record_model: type[R], page_size: int | None = None,
                  max_items: int | None = None) -> AsyncIterator[R]:
        """Every record of every page (up to max_items), fetched as they are needed."""
        return self._iterate(operation, request, response_model, record_model, page_size,
                             max_items)

    def _paginate_values(self, operation: Operation, request: BaseModel | None,
                         response_model: type[M], page_size: int | None = None,
                         max_items: int | None = None) -> AsyncIterator[Any]:
        """Like `_paginate` for records that are plain values (ids, numbers, dates): each is
        read with the item type of `response_model`'s record list."""
        return self._iterate(operation, request, response_model, None, page_size, max_items)

    def _iterate(self, operation: Operation, request: BaseModel | None,
                 response_model: type[M], record_model: type[BaseModel] | None,
                 page_size: int | None, max_items: int | None) -> AsyncIterator[Any]:
        self._core.warn_deprecated(operation)
        pager = start(self._core, operation, request, page_size, max_items)
        records = self._records(operation, pager, response_model, record_model)
        return records if max_items is None else _take(records, max_items)

    def _paginate_pages(self, operation: Operation, request: BaseModel | None,
                        response_model: type[M], page_size: int | None = None) -> AsyncIterator[M]:
        """Every page as `response_model`, records included."""
        self._core.warn_deprecated(operation)
        return self._pages(operation, start(self._core, operation, request, page_size, None),
                           response_model)

    async def _fetch(self, operation: Operation, pager: Pager,
                     step: PageStep) -> tuple[object, httpx.Headers, Exchange, str]:
        """A page's body, headers, exchange and URL (what its relative links are relative to)."""
        request, ex, idempotent = page_request(self._core, operation, pager, step)
        # Each page is a call of its own, with its own deadline.
        response = await self._send(request, ex, idempotent, self._core.deadline(), read=True)
        return self._core.payload(response, ex), response.headers, ex, str(request.url)

    async def _records(self, operation: Operation, pager: Pager, response_model: type[M],
                       record_model: type[BaseModel] | None) -> AsyncGenerator[Any, None]:
        step: PageStep | None = pager.first()
        while step is not None:
            payload, headers, ex, url = await self._fetch(operation, pager, step)
            count, records = open_page(payload, pager.records, response_model, record_model, ex,
                                       self._core.context, pager.row)
            step = pager.next(payload, headers, count, ex.where, url)
            del payload  # one page alive at a time, not two (memory, collector work)
            for record in records:
                yield record
            pager.raise_failure()

    async def _pages(self, operation: Operation, pager: Pager,
                     response_model: type[M]) -> AsyncIterator[M]:
        step: PageStep | None = pager.first()
        while step is not None:
            payload, headers, ex, url = await self._fetch(operation, pager, step)
            page = validate(response_model, payload, ex, self._core.context)
            step = pager.next(payload, headers, _count(page, pager.records), ex.where, url)
            yield page
            pager.raise_failure()
