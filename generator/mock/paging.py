"""Which records a paginated answer holds, and the paging fields around them, for every style.

Coherent with the spec: page numbers from `first_page`, opaque deterministic cursors (the
offset, encoded) whose companions must come back with them, next links in the body (absolute,
host- or server-relative, through list selectors) or in a `Link` header, the total count at
`total`, the page count at `stop.total_pages`, the `stop.when` value on the last page only.
A link carries the position in the mock's own query param LINK_OFFSET, which the handler
takes out before checking params.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from generator.ir.nodes import EndpointNode, PaginationNode
from generator.runtime._paths import matches, parse_path

from .http import Request

__all__ = ["LINK_OFFSET", "PageAnswer", "plan_page", "put_any"]

LINK_OFFSET = "callspec_offset"


@dataclass
class PageAnswer:
    offset: int = 0
    count: int = 0
    fields: dict[str, object] = field(default_factory=dict)  # body path → value
    headers: list[tuple[str, str]] = field(default_factory=list)
    problem: str | None = None  # a request the vendor would refuse (bad cursor, companion)


def _number(value: object, default: int) -> int:
    """A page param as a number: JSON gives ints, a query gives digits (already checked)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return default


def encode_cursor(endpoint: str, offset: int) -> str:
    return base64.urlsafe_b64encode(f"{endpoint}:{offset}".encode()).decode().rstrip("=")


def decode_cursor(endpoint: str, cursor: str) -> int | None:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except ValueError:
        return None
    name, _, offset = text.rpartition(":")
    return int(offset) if name == endpoint and offset.isdigit() else None


def companion_value(endpoint: str, param: str) -> str:
    """What the mock gives for a companion: fixed per endpoint and param, so it can check it."""
    return "cmp-" + hashlib.sha256(f"{endpoint}/{param}".encode()).hexdigest()[:12]


def plan_page(endpoint: EndpointNode, params: Mapping[str, object], request: Request,
              records: int, default_size: int, suffix: str,
              sampled: Callable[[str], object], hidden: frozenset[str] = frozenset()
              ) -> PageAnswer:
    """The page a request asks for. `suffix`: the endpoint's filled path, which ends the URL
    path; `sampled`: the generated body's value at a path (to pick a "not the last" value);
    `hidden`: query credentials, which a next link never repeats."""
    page = endpoint.pagination
    assert page is not None
    size = max(0, _number(params.get(page.limit), default_size)) if page.limit else default_size
    if page.max_limit is not None:
        size = min(size, page.max_limit)
    answer = PageAnswer()
    if page.style == "offset_limit":
        answer.offset = max(0, _number(params.get(page.offset), 0))
    elif page.style == "page_number":
        assert page.page is not None
        number = _number(params.get(page.page), page.first_page)
        answer.offset = max(0, (number - page.first_page) * size)
    elif page.style == "cursor":
        _cursor_position(endpoint, page, params, answer)
    else:
        answer.offset = max(0, _number(request.query.get(LINK_OFFSET, ["0"])[-1], 0))
    answer.count = max(0, min(size, records - answer.offset))
    last = answer.offset + answer.count >= records
    after = answer.offset + answer.count
    if page.style == "cursor":
        assert page.next_cursor is not None
        answer.fields[page.next_cursor] = None if last else encode_cursor(endpoint.name, after)
        for param, path in page.companions:
            answer.fields[path] = companion_value(endpoint.name, param)
    elif page.style == "next_link":
        _link(page, request, suffix, None if last else after, answer, hidden)
    _stop_fields(page, records, last, answer, sampled)
    if page.total_pages is not None:  # the pages of this size, as the vendor counts them
        answer.fields[page.total_pages] = -(-records // size) if size > 0 else 0
    return answer


def _cursor_position(endpoint: EndpointNode, page: PaginationNode,
                     params: Mapping[str, object], answer: PageAnswer) -> None:
    assert page.cursor is not None
    cursor = params.get(page.cursor)
    if cursor is None or cursor == "":
        return
    offset = decode_cursor(endpoint.name, str(cursor))
    if offset is None:
        answer.problem = f"{page.cursor}: not a cursor this API gave out"
        return
    answer.offset = offset
    for param, _ in page.companions:
        if str(params.get(param)) != companion_value(endpoint.name, param):
            answer.problem = f"{param}: must travel with {page.cursor}, as the last page gave it"


def _link(page: PaginationNode, request: Request, suffix: str, after: int | None,
          answer: PageAnswer, hidden: frozenset[str]) -> None:
    link = page.next_link
    assert link is not None
    target: str | None = None
    if after is not None:
        query = [(k, v) for k, values in request.query.items()
                 if k != LINK_OFFSET and k not in hidden for v in values]
        path = quote(request.path, safe="/%")
        tail = "?" + urlencode([*query, (LINK_OFFSET, str(after))])
        if link.relative_to == "absolute":
            target = request.origin + path + tail
        elif link.relative_to == "origin":
            target = path + tail
        else:  # relative to the server URL: what follows it in the path
            target = suffix + tail
    if link.location == "header":
        if target is not None:
            answer.headers.append(("Link", f'<{target}>; rel="{link.rel}"'))
    else:
        assert link.path is not None
        answer.fields[link.path] = target


def _other(value: object, sampled: object) -> object:
    """A value that is not `value`: the sampled one when it differs, else one made up."""
    if sampled is not None and not (type(sampled) is type(value) and sampled == value):
        return sampled
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 1
    return f"{value}_not" if isinstance(value, str) else None


def _stop_fields(page: PaginationNode, records: int, last: bool, answer: PageAnswer,
                 sampled: Callable[[str], object]) -> None:
    if page.total is not None:
        answer.fields[page.total] = records
    if page.stop_when is not None:
        path, value = page.stop_when
        answer.fields[path] = value if last else _other(value, sampled(path))


def put_any(body: dict[str, Any], path: str, value: object) -> None:
    """Set a body path that may hold `[member=value]` selectors; None at a selected element
    removes the element (a links array without `next`)."""
    steps = parse_path(path)
    node: Any = body
    for index, step in enumerate(steps):
        final = index == len(steps) - 1
        if step.select is None:
            if final:
                node[step.key] = value
                return
            if not isinstance(node.get(step.key), dict):
                node[step.key] = {}
            node = node[step.key]
            continue
        member, wanted = step.select
        items = node.get(step.key)
        items = [item for item in items if not matches(item, member, wanted)] \
            if isinstance(items, list) else []
        node[step.key] = items
        if value is None:
            return
        element: dict[str, Any] = {member: wanted}
        items.append(element)
        if final:
            return
        rest = ".".join(s.key for s in steps[index + 1:])
        put_any(element, rest, value)
        return
