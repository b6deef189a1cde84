"""Cross-checks of `pagination`: the params it names exist (integers where they count), its
body paths are well formed and lead somewhere, and next links can be followed."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from generator.spec.model import (
    AnyPagination,
    Field,
    CursorPagination,
    Endpoint,
    NextLinkPagination,
    PageNumberPagination,
    Pagination,
    TypeSpec,
)

if TYPE_CHECKING:
    from generator.spec.load import PathKey
    from generator.spec.validate import _Context

__all__ = ["check_pagination"]

# A body path: dot-separated keys, each optionally followed by one `[member=value]` selector.
_PATH = re.compile(r"^[^.\[\]]+(\[[^=\[\]]+=[^\[\]]*\])?(\.[^.\[\]]+(\[[^=\[\]]+=[^\[\]]*\])?)*$")


def check_pagination(context: _Context) -> None:
    for name, endpoint in context.spec.endpoints.items():
        page = endpoint.pagination
        if page is None:
            continue
        path: PathKey = ("endpoints", name, "pagination")
        counters: list[tuple[str, str]] = []  # (param, key): must be integers
        if isinstance(page, Pagination):
            counters = [(page.offset, "offset"), (page.limit, "limit")]
        elif isinstance(page, PageNumberPagination):
            counters = [(page.page, "page")]
        if not isinstance(page, Pagination) and page.size is not None:
            counters.append((page.size, "size"))
        for param, key in counters:
            _integer_param(context, endpoint, param, (*path, key))
        if isinstance(page, CursorPagination):
            _param(context, endpoint, page.cursor, (*path, "cursor"))
            for companion in page.companions:
                _param(context, endpoint, companion, (*path, "companions", companion))
            _body_path(context, page.next_cursor, (*path, "next_cursor"))
            for companion, body in page.companions.items():
                _body_path(context, body, (*path, "companions", companion))
        if isinstance(page, NextLinkPagination):
            _check_link(context, endpoint, page, path)
        if page.total is not None:
            _body_path(context, page.total, (*path, "total"))
        if page.stop.when is not None:
            _body_path(context, page.stop.when.path, (*path, "stop", "when", "path"))
        if page.stop.total_pages is not None:
            _total_pages(context, page, (*path, "stop", "total_pages"))
        _check_records(context, endpoint, page.records, (*path, "records"))


def _param(context: _Context, endpoint: Endpoint, wire: str, path: PathKey) -> None:
    from generator.spec.validate import _expect_param

    _expect_param(context, endpoint, wire, path)


def _integer_param(context: _Context, endpoint: Endpoint, wire: str, path: PathKey) -> None:
    param = endpoint.params.get(wire)
    if param is None:
        _param(context, endpoint, wire, path)
    elif param.type != "integer":
        context.add(path, "bad-value", f"pagination param {wire!r} is a {param.type}, not an "
                    "integer", f"declare `{wire}: {{type: integer}}` or name another param",
                    value=True)


def _body_path(context: _Context, dotted: str, path: PathKey) -> None:
    if not _PATH.match(dotted):
        context.add(path, "bad-value", f"{dotted!r} is not a body path",
                    "write keys joined by dots, e.g. meta.next or links[rel=next].href",
                    value=True)


def _check_link(context: _Context, endpoint: Endpoint, page: NextLinkPagination,
                path: PathKey) -> None:
    link = page.next_link
    here: PathKey = (*path, "next_link")
    if link.location == "body" and link.path is None:
        context.add(here, "missing-key", "a next link in the body needs `path`",
                    "add e.g. `path: _links.next.href`")
    if link.location == "header" and "relative_to" in link.model_fields_set:
        context.add((*here, "relative_to"), "bad-value", "a Link header's target is resolved "
                    "against the URL of the page that sent it (RFC 8288), not per relative_to",
                    "remove `relative_to`", value=True)
    if link.location == "header" and link.path is not None:
        context.add((*here, "path"), "bad-value", "a Link header has no body path",
                    "remove `path`, or say `in: body`")
    if link.path is not None:
        _body_path(context, link.path, (*here, "path"))
    if endpoint.transport == "jsonrpc" or endpoint.http_method != "GET":
        context.add(here, "bad-value", "next links are fetched with GET; this endpoint is not "
                    "a REST GET", "use style `cursor` or `page_number` for it")


def _total_pages(context: _Context, page: AnyPagination, path: PathKey) -> None:
    if not isinstance(page, PageNumberPagination):
        context.add(path, "bad-value", f"stop.total_pages needs style page_number, not "
                    f"{page.style}", "use `total` (a record count) for this style", value=True)
    elif page.stop.total_pages is not None:
        _body_path(context, page.stop.total_pages, path)


def _field_at(context: _Context, fields: Mapping[str, Field], dotted: str) -> Field | None:
    """The body field at a dotted path, through inline objects and named types."""
    found: Field | None = None
    current: Mapping[str, Field] | None = fields
    for part in dotted.split("."):
        found = current.get(part) if current is not None else None
        if found is None:
            return None
        named = context.spec.types.get(found.type)
        # A named union has no fields of its own: a path does not go through it.
        current = named.fields if isinstance(named, TypeSpec) else (
            None if named is not None else found.properties)
    return found


def _check_records(context: _Context, endpoint: Endpoint, records: str, path: PathKey) -> None:
    """Every paginated endpoint gets iterators: its records must be a list in a JSON object."""
    response, why = endpoint.response, ""
    if response.format != "json":
        why, hint = f"the response is {response.format}, not JSON pages", \
            "page a JSON endpoint, or remove `pagination`"
    elif response.body is None or response.body.type != "object" or not response.body.properties:
        why, hint = "the response body is not a JSON object with properties", \
            "declare `response.body` as an object whose properties hold the record list"
    else:
        found = _field_at(context, response.body.properties, records)
        if found is None:
            context.add(path, "unknown-param", f"the response body has no {records!r}",
                        "give the dotted path of the record list", value=True)
            return
        if found.type != "array" or found.items is None:
            why, hint = f"{records!r} is a {found.type}, not a list of records", \
                "give the dotted path of an array in the body"
    if why:
        context.add(path, "no-iterator", f"no record iterator can be generated: {why}", hint,
                    value=True)
