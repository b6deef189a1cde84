"""Offset/limit pagination: the params of each page and when to stop, shared by sync and async."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TypeVar

from pydantic import BaseModel

from ._description import Pagination
from ._response import Exchange, records_of, split_records, validate

__all__ = ["PageCursor", "open_page"]

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R", bound=BaseModel)


def open_page(
    payload: object,
    pagination: Pagination,
    response_model: type[M],
    record_model: type[R],
    ex: Exchange,
    context: dict[str, object] | None,
    first_row: int,
) -> tuple[int, Iterator[R]]:
    """How many records a page holds, and the records, each validated as it is reached.

    The envelope (errors, metadata) is validated at once without its records; records one at a
    time as the caller iterates, like CSV rows: memory and collector work stay at one record,
    and a record that does not fit raises when it is reached, naming its row.
    """
    envelope, raw = split_records(payload, pagination.records)
    if raw is None:  # not plain JSON down to the list: validate the page whole
        page = validate(response_model, payload, ex, context)
        records = records_of(page, pagination.records, record_model, ex, context)
        return len(records), iter(records)
    validate(response_model, envelope, ex, context)
    rows = (validate(record_model, item, ex, context, first_row + index)
            for index, item in enumerate(raw))
    return len(raw), rows


class PageCursor:
    """Walks offset/limit pages. Page size: the request's limit, else max_limit, never above it."""

    def __init__(self, pagination: Pagination, params: Mapping[str, object]) -> None:
        self.pagination = pagination
        self._params = dict(params)
        limit = params.get(pagination.limit)
        size = (
            limit if isinstance(limit, int) and not isinstance(limit, bool) and limit > 0 else None
        )
        if size is None or (pagination.max_limit is not None and size > pagination.max_limit):
            size = pagination.max_limit
        self.page_size: int | None = size  # None: the vendor's default, learnt from page one
        offset = params.get(pagination.offset)
        self.offset = offset if isinstance(offset, int) and not isinstance(offset, bool) else 0
        self.done = False
        self._expected = size

    def next_params(self) -> dict[str, object] | None:
        """The wire params of the next page, or None when the last page has been read."""
        if self.done:
            return None
        params = {**self._params, self.pagination.offset: self.offset}
        if self.page_size is not None:
            params[self.pagination.limit] = self.page_size
        else:
            params.pop(self.pagination.limit, None)
        return params

    def advance(self, count: int) -> None:
        """Record that the page just read held `count` records."""
        if count == 0:
            self.done = True  # an empty page: nothing further
            return
        if self._expected is None:
            # Without a limit, the first page shows the vendor's default page size.
            self._expected = count
        if count < self._expected:
            self.done = True  # a short page is the last one
        self.offset += count
