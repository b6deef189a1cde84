"""The pagination strategies on their own: first params, next step from a page, stop rules,
the repeat guard, page-size rules, body paths with list selectors and Link headers."""

from __future__ import annotations

import pytest

from generator.runtime import (
    BodyCondition,
    ConfigError,
    CursorPaging,
    LinkPaging,
    PageNumberPaging,
    PageStop,
    Pagination,
    PaginationError,
)
from generator.runtime._links import header_link, resolve_link
from generator.runtime._pagers import PageStep, make_pager
from generator.runtime._paths import find_path, parse_path
from generator.runtime._response import MISSING

BASE = "https://api.example.test/v1"


def test_page_number_counts_from_first_page_and_stops_on_a_short_page() -> None:
    paging = PageNumberPaging(page="p", size="n", first_page=0, records="r")
    pager = make_pager(paging, {"q": "x"}, 2, BASE, "t")
    assert pager.first() == PageStep({"q": "x", "p": 0, "n": 2})
    assert pager.next({}, {}, 2, "t") == PageStep({"q": "x", "p": 1, "n": 2})
    assert pager.next({}, {}, 1, "t") is None


def test_page_number_without_size_learns_the_page_size_from_page_one() -> None:
    pager = make_pager(PageNumberPaging(page="p", records="r"), {}, None, BASE, "t")
    assert pager.first().params == {"p": 1}
    assert pager.next({}, {}, 5, "t") == PageStep({"p": 2})
    assert pager.next({}, {}, 5, "t") == PageStep({"p": 3})
    assert pager.next({}, {}, 4, "t") is None


def test_cursor_keeps_params_adds_companions_and_ends_on_a_null_cursor() -> None:
    paging = CursorPaging(cursor="c", next_cursor="meta.next", records="r",
                          companions={"sid": "meta.session"})
    pager = make_pager(paging, {"from": "d"}, None, BASE, "t")
    assert pager.first().params == {"from": "d"}
    step = pager.next({"meta": {"next": "A", "session": "S1"}}, {}, 3, "t")
    assert step == PageStep({"from": "d", "sid": "S1", "c": "A"})
    step = pager.next({"meta": {"next": "B"}}, {}, 1, "t")  # short page: not the end
    assert step == PageStep({"from": "d", "sid": "S1", "c": "B"})  # the companion travels on
    assert pager.next({"meta": {"next": None}}, {}, 3, "t") is None


def test_a_repeated_cursor_is_reported_after_the_page_not_looped_on() -> None:
    pager = make_pager(CursorPaging(cursor="c", next_cursor="n", records="r"), {}, None, BASE,
                       "Acme list")
    assert pager.next({"n": "A"}, {}, 1, "Acme list") is not None
    assert pager.next({"n": "B"}, {}, 1, "Acme list") is not None
    assert pager.next({"n": "A"}, {}, 1, "Acme list") is None
    with pytest.raises(PaginationError, match="Acme list: .* next cursor \\(n\\)") as caught:
        pager.raise_failure()
    assert caught.value.field == "n"


def test_links_from_the_body_with_a_selector_and_from_a_header() -> None:
    body = LinkPaging(path="links[rel=next].href", relative_to="origin", records="r")
    pager = make_pager(body, {}, None, BASE, "t")
    page = {"links": [{"rel": "self", "href": "/v1/a"}, {"rel": "next", "href": "/v1/a?p=2"}]}
    assert pager.next(page, {}, 1, "t") == PageStep(url="https://api.example.test/v1/a?p=2")
    assert pager.next({"links": [{"rel": "prev", "href": "/x"}]}, {}, 1, "t") is None
    header = make_pager(LinkPaging(source="header", records="r"), {}, None, BASE, "t")
    link = '<https://api.example.test/v1/a?p=3>; rel="next last", <https://x/>; rel=prev'
    assert header.next({}, {"link": link}, 1, "t") == PageStep(
        url="https://api.example.test/v1/a?p=3")


def test_stop_rules_empty_total_and_status() -> None:
    stop = PageStop(total="meta.total", when=BodyCondition(path="done", value=True))
    pager = make_pager(Pagination(offset="o", limit="l", records="r", stop=stop), {}, 2, BASE, "t")
    assert pager.next({"meta": {"total": 6}, "done": 1}, {}, 2, "t") is not None  # 1 is not true
    assert pager.next({"meta": {"total": 6}, "done": True}, {}, 2, "t") is None
    pager = make_pager(Pagination(offset="o", limit="l", records="r", stop=stop), {}, 2, BASE, "t")
    assert pager.next({"meta": {"total": 4}}, {}, 2, "t") is not None
    assert pager.next({"meta": {"total": 4}}, {}, 2, "t") is None
    cursor = make_pager(CursorPaging(cursor="c", next_cursor="n", records="r"), {}, None, BASE, "t")
    assert cursor.next({"n": "A"}, {}, 0, "t") is None  # an empty page ends it by default


def test_a_page_count_makes_its_last_page_the_last_counted_from_first_page() -> None:
    stop = PageStop(short_page=False, total_pages="meta.pages")
    for first in (0, 1):
        pager = make_pager(PageNumberPaging(page="p", records="r", first_page=first, stop=stop),
                           {}, None, BASE, "t")
        assert pager.next({"meta": {"pages": 2}}, {}, 2, "t") == PageStep({"p": first + 1})
        assert pager.next({"meta": {"pages": 2}}, {}, 2, "t") is None  # full, yet the last
    zero = make_pager(PageNumberPaging(page="p", records="r", stop=stop), {}, None, BASE, "t")
    assert zero.next({"meta": {"pages": 0}}, {}, 2, "t") is None
    later = make_pager(PageNumberPaging(page="p", records="r", stop=stop), {"p": 3}, None, BASE, "t")
    assert later.next({"meta": {"pages": 3}}, {}, 2, "t") is None
    for odd in (None, True, -1, "2", 2.0):  # not a count: the other rules decide
        pager = make_pager(PageNumberPaging(page="p", records="r", stop=stop), {}, None, BASE, "t")
        assert pager.next({"meta": {"pages": odd}}, {}, 2, "t") == PageStep({"p": 2})


def test_page_size_rules() -> None:
    paging = Pagination(offset="o", limit="l", records="r", max_limit=50)
    assert make_pager(paging, {}, None, BASE, "t").page_size == 50
    assert make_pager(paging, {"l": 80}, None, BASE, "t").page_size == 50
    assert make_pager(paging, {"l": 80}, 20, BASE, "t").page_size == 20
    with pytest.raises(ConfigError, match="above the maximum page size 50"):
        make_pager(paging, {}, 51, BASE, "t")
    with pytest.raises(ConfigError, match="positive integer"):
        make_pager(paging, {}, 0, BASE, "t")
    with pytest.raises(ConfigError, match="no page-size param"):
        make_pager(PageNumberPaging(page="p", records="r"), {}, 5, BASE, "t")


def test_paths_with_selectors() -> None:
    body = {"a": {"links": [{"rel": ["prev"], "u": 1}, {"rel": ["next", "last"], "u": 2}]}}
    assert find_path(body, "a.links[rel=next].u") == 2
    assert find_path(body, "a.links[rel=self].u") is MISSING
    assert find_path({"x": {"y.z": 1}}, "x.y") is MISSING
    assert [step.key for step in parse_path("l[href=http://a.b/c].href")] == ["l", "href"]
    with pytest.raises(ValueError):
        parse_path("a..b")


def test_resolving_links() -> None:
    assert resolve_link("https://o/x", "absolute", BASE, "f", "t") == "https://o/x"
    assert resolve_link("/v1/x?p=2", "origin", BASE, "f", "t") == "https://api.example.test/v1/x?p=2"
    assert resolve_link("x?p=2", "base_url", BASE, "f", "t") == f"{BASE}/x?p=2"
    with pytest.raises(PaginationError, match="relative"):
        resolve_link("/x", "absolute", BASE, "f", "t")
    assert header_link('<a>; rel="prev"', "next") is None
    assert header_link(None, "next") is None
