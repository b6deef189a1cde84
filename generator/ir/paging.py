"""The pagination of an endpoint as an IR node: per-style params, stop rules, iterator names."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from generator.names import method_names
from generator.ir.nodes import ArrayOf, FieldNode, ModelNode, ModelRef, NextLinkNode, PaginationNode
from generator.spec import model as spec

__all__ = ["pagination_node", "records_field"]

# Styles where a page shorter than asked for is, by default, the last one. Cursor and link
# vendors often send short pages mid-stream (filtered, time-sliced), so there the cursor or
# link alone decides.
_SHORT_PAGE_ENDS = ("offset_limit", "page_number")


def _size_param(page: spec.Pagination | spec.PageNumberPagination | spec.CursorPagination
                | spec.NextLinkPagination) -> str | None:
    return page.limit if isinstance(page, spec.Pagination) else page.size


def _free_name(wanted: str, taken: set[str], own: str | None) -> str | None:
    """The iterator kwarg `wanted`; None when it is the size param's own Python name (the
    param then is the kwarg), `wanted_` when another param already has that name."""
    if own == wanted:
        return None
    return f"{wanted}_" if wanted in taken else wanted


def records_field(models: Sequence[ModelNode], model: str | None, path: str) -> FieldNode | None:
    """The array field at the dotted wire `path` of `model`, through nested models; None when
    there is no such list (the linter has said so)."""
    by_name = {node.name: node for node in models}
    found: FieldNode | None = None
    for part in path.split("."):
        node = by_name.get(model) if model is not None else None
        found = next((f for f in node.fields if f.wire == part), None) if node else None
        if found is None:
            return None
        model = found.type.name if isinstance(found.type, ModelRef) else None
    return found if found is not None and isinstance(found.type, ArrayOf) else None


def pagination_node(
    source: spec.Endpoint, method: str, params: tuple[FieldNode, ...],
    records: FieldNode | None = None,
) -> PaginationNode | None:
    """The endpoint's PaginationNode; `method` is its client method, `params` its request
    fields, `records` the page model's record list (see records_field)."""
    page = source.pagination
    if page is None:
        return None
    size = _size_param(page)
    size_field = source.params.get(size) if size else None
    maximum = page.max_page_size
    if maximum is None and size_field is not None and size_field.maximum is not None:
        maximum = int(size_field.maximum)
    names = {node.python for node in params}
    own = next((node.python for node in params if node.wire == size), None)
    stop = page.stop
    short = stop.short_page if stop.short_page is not None else page.style in _SHORT_PAGE_ENDS
    node = PaginationNode(
        offset=page.offset if isinstance(page, spec.Pagination) else "",
        limit=size or "",
        records=page.records,
        max_limit=maximum,
        total=page.total,
        style=page.style,
        stop_empty=stop.empty_page,
        stop_short=short,
        stop_when=None if stop.when is None else (stop.when.path, stop.when.equals),
        items_method=method_names(method)["iter"],
        pages_method=method_names(method)["pages"],
        page_size_arg=_free_name("page_size", names, own) if size else None,
        max_items_arg=_free_name("max_items", names, None) or "max_items",
        records_field=records,
        total_pages=stop.total_pages,
    )
    return _with_style(node, page)


def _with_style(
    node: PaginationNode,
    page: spec.Pagination | spec.PageNumberPagination | spec.CursorPagination
    | spec.NextLinkPagination,
) -> PaginationNode:
    if isinstance(page, spec.PageNumberPagination):
        return replace(node, page=page.page, first_page=page.first_page)
    if isinstance(page, spec.CursorPagination):
        return replace(node, cursor=page.cursor, next_cursor=page.next_cursor,
                       companions=tuple(page.companions.items()))
    if isinstance(page, spec.NextLinkPagination):
        link = page.next_link
        return replace(node, next_link=NextLinkNode(link.location, link.path, link.rel,
                                                    link.relative_to))
    return node
