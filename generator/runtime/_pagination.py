"""Offset/limit pagination: the params of each page and when to stop, shared by sync and async."""

from __future__ import annotations

from collections.abc import Mapping

from ._description import Pagination

__all__ = ["PageCursor"]


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
