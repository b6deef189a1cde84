"""One small strategy per pagination style, shared by sync and async: the params of the first
page, and from each page (body, headers, record count) the next request or the end.

    pager = make_pager(pagination, params, page_size, base_url)
    step = pager.first()                      # PageStep(params=…)
    while step is not None:
        payload, headers, url = fetch(step)   # the operation with step.params, or GET step.url
        step = pager.next(payload, headers, count, where, url)

Stops, in order: an empty page (stop.empty_page), a body field holding stop.when's value, the
total count reached (`total`), a short page (stop.short_page), then the style's own end (no
next cursor or link; for page numbers, the last page by stop.total_pages). A cursor or link
seen before raises PaginationError instead of looping.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeGuard

from ._description import (
    AnyPagination,
    CursorPaging,
    LinkPaging,
    PageNumberPaging,
    PageStop,
    Pagination,
)
from ._errors import ConfigError, PaginationError
from ._links import header_link, resolve_link
from ._paths import find_path
from ._response import MISSING

__all__ = ["PageStep", "Pager", "make_pager", "page_size_of", "size_param", "max_size_of"]


@dataclass(frozen=True)
class PageStep:
    """The next request: the operation again with `params`, or a GET of `url` (a next link)."""

    params: dict[str, object] = field(default_factory=dict)
    url: str | None = None


def _count(value: object) -> int | None:
    """A positive int, or None (bools, zero and negatives mean: not given)."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return None


def _counted(value: object) -> TypeGuard[int]:
    """A count that may be zero (a page count); bools and negatives are not counts."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def size_param(pagination: AnyPagination) -> str | None:
    return pagination.limit if isinstance(pagination, Pagination) else pagination.size


def max_size_of(pagination: AnyPagination) -> int | None:
    return pagination.max_limit if isinstance(pagination, Pagination) else pagination.max_size


def page_size_of(
    pagination: AnyPagination, params: Mapping[str, object], explicit: int | None, where: str
) -> int | None:
    """The page size: `page_size=` (refused above the maximum), else the size param (capped at
    the maximum), else the maximum; None leaves the vendor's default."""
    maximum = max_size_of(pagination)
    if explicit is not None:
        if _count(explicit) is None:
            raise ConfigError(f"{where}: page_size must be a positive integer, got {explicit!r}")
        if size_param(pagination) is None:
            raise ConfigError(f"{where}: the vendor has no page-size param")
        if maximum is not None and explicit > maximum:
            raise ConfigError(f"{where}: page_size {explicit} is above the maximum page size "
                              f"{maximum}")
        return explicit
    name = size_param(pagination)
    size = _count(params.get(name)) if name else None
    if size is None or (maximum is not None and size > maximum):
        size = maximum
    return size


def _same(value: object, expected: object) -> bool:
    """Equality that keeps true apart from 1 and "1" apart from 1."""
    return type(value) is type(expected) and value == expected


class Pager:
    """Shared stop rules; a style fills in `first_params` and `after`."""

    def __init__(self, pagination: AnyPagination, params: Mapping[str, object],
                 size: int | None, base_url: str) -> None:
        self.records = pagination.records
        self.stop: PageStop = pagination.stop
        self.params = dict(params)
        self.size_param = size_param(pagination)
        self.page_size = size
        self.base_url = base_url
        self.row = 0  # index, in the whole listing, of the next page's first record
        self._expected = size  # None: learnt from the first page
        self.failure: PaginationError | None = None
        self.seen: set[str] = set()  # cursors or links already followed
        self.page_url = base_url  # the URL of the page last read

    def sized(self, params: dict[str, object]) -> dict[str, object]:
        if self.size_param is not None:
            params.pop(self.size_param, None)
            if self.page_size is not None:
                params[self.size_param] = self.page_size
        return params

    def first(self) -> PageStep:
        return PageStep(self.first_params())

    def first_params(self) -> dict[str, object]:
        return self.sized(dict(self.params))

    def next(self, payload: object, headers: Mapping[str, str], count: int,
             where: str, url: str = "") -> PageStep | None:
        """The request of the page after this one, or None when this one was the last; `url`:
        this page's URL, the base its relative next link is resolved against."""
        self.row += count
        self.page_url = url or self.base_url
        if self._ended(payload, count):
            return None
        try:
            return self.after(payload, headers, count, where)
        except PaginationError as exc:
            self.failure = exc  # raised once this page's records have been handed out
            return None

    def first_time(self, key: str, what: str, field_path: str, where: str) -> None:
        """The loop guard: PaginationError for a cursor or link the vendor already sent."""
        if key in self.seen:
            raise PaginationError(f"{where}: the vendor sent a {what} ({field_path}) it had sent "
                                  f"before; stopping rather than looping", field=field_path)
        self.seen.add(key)

    def raise_failure(self) -> None:
        """Raise the PaginationError that ended the iteration, if one did."""
        if self.failure is not None:
            raise self.failure

    def after(self, payload: object, headers: Mapping[str, str], count: int,
              where: str) -> PageStep | None:
        raise NotImplementedError

    def _ended(self, payload: object, count: int) -> bool:
        stop = self.stop
        if count == 0 and stop.empty_page:
            return True
        if stop.when is not None and _same(find_path(payload, stop.when.path), stop.when.value):
            return True
        if stop.total is not None:
            total = _count(find_path(payload, stop.total))
            if total is not None and self.row >= total:
                return True
        if self._expected is None:
            self._expected = count  # without a size, the first page shows the vendor's default
        return stop.short_page and count < self._expected


class OffsetPager(Pager):
    def __init__(self, pagination: Pagination, params: Mapping[str, object],
                 size: int | None, base_url: str) -> None:
        super().__init__(pagination, params, size, base_url)
        self.offset_param = pagination.offset
        self.row = _count(params.get(pagination.offset)) or 0

    def first_params(self) -> dict[str, object]:
        return self.sized({**self.params, self.offset_param: self.row})

    def after(self, payload: object, headers: Mapping[str, str], count: int,
              where: str) -> PageStep | None:
        return PageStep(self.sized({**self.params, self.offset_param: self.row}))


class PageNumberPager(Pager):
    def __init__(self, pagination: PageNumberPaging, params: Mapping[str, object],
                 size: int | None, base_url: str) -> None:
        super().__init__(pagination, params, size, base_url)
        self.page_param = pagination.page
        self.first_page = pagination.first_page
        given = params.get(pagination.page)
        start = given if isinstance(given, int) and not isinstance(given, bool) else None
        self.number = start if start is not None and start >= pagination.first_page \
            else pagination.first_page

    def first_params(self) -> dict[str, object]:
        return self.sized({**self.params, self.page_param: self.number})

    def after(self, payload: object, headers: Mapping[str, str], count: int,
              where: str) -> PageStep | None:
        if self.stop.total_pages is not None:
            pages = find_path(payload, self.stop.total_pages)
            # 0 pages: the first page was the last; pages are numbered from first_page.
            if _counted(pages) and self.number >= self.first_page + pages - 1:
                return None
        self.number += 1
        return PageStep(self.sized({**self.params, self.page_param: self.number}))


class CursorPager(Pager):
    def __init__(self, pagination: CursorPaging, params: Mapping[str, object],
                 size: int | None, base_url: str) -> None:
        super().__init__(pagination, params, size, base_url)
        self.rule = pagination
        self.companions: dict[str, object] = {}

    def after(self, payload: object, headers: Mapping[str, str], count: int,
              where: str) -> PageStep | None:
        cursor = find_path(payload, self.rule.next_cursor)
        if cursor is MISSING or cursor is None or cursor == "":
            return None
        self.first_time(repr(cursor), "next cursor", self.rule.next_cursor, where)
        for param, path in self.rule.companions.items():
            value = find_path(payload, path)
            if value is not MISSING and value is not None:
                self.companions[param] = value  # travels with every later cursor
        params = {**self.params, **self.companions, self.rule.cursor: cursor}
        return PageStep(self.sized(params))


class LinkPager(Pager):
    def __init__(self, pagination: LinkPaging, params: Mapping[str, object],
                 size: int | None, base_url: str) -> None:
        super().__init__(pagination, params, size, base_url)
        self.rule = pagination

    def after(self, payload: object, headers: Mapping[str, str], count: int,
              where: str) -> PageStep | None:
        rule = self.rule
        if rule.source == "header":
            where_from = f"Link rel={rule.rel}"
            link: object = header_link(headers.get("link"), rule.rel)
        else:
            where_from = rule.path or ""
            link = find_path(payload, where_from) if where_from else MISSING
        if link is MISSING or link is None or link == "":
            return None
        if not isinstance(link, str):
            raise PaginationError(f"{where}: next link at {where_from} is not text",
                                  field=where_from)
        # A Link header's target is relative to the page's URL (RFC 8288 §3.2), whatever the
        # spec says of body links.
        mode = "page" if rule.source == "header" else rule.relative_to
        url = resolve_link(link.strip(), mode, self.base_url, where_from, where, self.page_url)
        self.first_time(url, "next link", where_from, where)
        return PageStep(url=url)


def make_pager(pagination: AnyPagination, params: Mapping[str, object], page_size: int | None,
               base_url: str, where: str) -> Pager:
    """The strategy for one iteration; checks `page_size` before anything is sent."""
    size = page_size_of(pagination, params, page_size, where)
    if isinstance(pagination, Pagination):
        return OffsetPager(pagination, params, size, base_url)
    if isinstance(pagination, PageNumberPaging):
        return PageNumberPager(pagination, params, size, base_url)
    if isinstance(pagination, CursorPaging):
        return CursorPager(pagination, params, size, base_url)
    return LinkPager(pagination, params, size, base_url)
