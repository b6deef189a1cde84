"""The spec format's pagination: the four styles, their next link and when to stop."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pydantic
from pydantic import Field as F
from pydantic import StrictInt, Tag

from generator.spec.model_base import Scalar, SpecModel, Text, WireName

__all__ = [
    "StopTest",
    "PageStop",
    "Pagination",
    "PageNumberPagination",
    "CursorPagination",
    "NextLink",
    "NextLinkPagination",
    "AnyPagination",
]


class StopTest(SpecModel):
    """A body field whose value marks the last page (e.g. `has_more` equals false)."""

    path: Text = F(description="Dotted path of the field in the page body.")
    equals: Scalar = F(description="The value that means: this is the last page.")


class PageStop(SpecModel):
    """When to stop asking for pages, besides what the style itself says (no next cursor/link)."""

    empty_page: bool = F(True, description="A page without records is the end.")
    short_page: bool | None = F(
        None,
        description="A page holding fewer records than the page size asked for is the last. "
        "Default: true for offset_limit and page_number, false for cursor and next_link.",
    )
    when: StopTest | None = F(None, description="Stop after a page whose field holds this value.")


class _Paging(SpecModel):
    records: Text = F(description="Dotted path to the record list in the response body.")
    max_page_size: StrictInt | None = F(
        None,
        gt=0,
        description="Largest page the vendor serves; default: the size param's `maximum`.",
    )
    total: str | None = F(
        None, description="Dotted path of the total record count: stop once that many were read."
    )
    stop: PageStop = F(default_factory=PageStop)


class Pagination(_Paging):
    style: Literal["offset_limit"] = "offset_limit"
    offset: Text = F(description="Param that skips records.")
    limit: Text = F(description="Param that sets the page size; its `maximum` caps a page.")


class PageNumberPagination(_Paging):
    style: Literal["page_number"]
    page: Text = F(description="Param that holds the page number.")
    size: str | None = F(None, description="Param that sets the page size, if there is one.")
    first_page: Literal[0, 1] = F(1, description="Number of the first page: 0 or 1.")


class CursorPagination(_Paging):
    style: Literal["cursor"]
    cursor: Text = F(description="Param that sends the cursor (page token) back.")
    next_cursor: Text = F(description="Dotted path of the next cursor in the body.")
    size: str | None = F(None, description="Param that sets the page size, if there is one.")
    companions: dict[WireName, Text] = F(
        default_factory=dict,
        description="Params that travel with the cursor: param name → dotted path in the body "
        "where each page gives its value.",
    )


class NextLink(SpecModel):
    location: Literal["body", "header"] = F(
        "body", alias="in", description="body: a field of the page; header: an RFC 8288 Link."
    )
    path: str | None = F(
        None,
        description="For in=body: dotted path of the link; `name[key=value]` picks the first "
        "element of a list whose `key` equals `value`, e.g. links[rel=next].href.",
    )
    rel: Text = F("next", description="For in=header: the relation type of the link to follow.")
    relative_to: Literal["base_url", "origin", "absolute"] = F(
        "absolute",
        description="How a relative link is joined: base_url (the server URL), origin (its "
        "scheme and host only) or absolute (a relative link is an error).",
    )


class NextLinkPagination(_Paging):
    style: Literal["next_link"]
    next_link: NextLink = F(description="Where the URL of the next page is.")
    size: str | None = F(None, description="Param that sets the page size of the first request.")


def _style(value: Any) -> str:
    """The tag of a pagination's style; offset_limit when `style` is left out (the default).
    Tags are `style=<name>`, never a key, so error locations walk the YAML as written."""
    if isinstance(value, dict):
        style = value.get("style", "offset_limit")
        return f"style={style}" if isinstance(style, str) else "style=offset_limit"
    return f"style={getattr(value, 'style', 'offset_limit')}"


AnyPagination = Annotated[
    Annotated[Pagination, Tag("style=offset_limit")]
    | Annotated[PageNumberPagination, Tag("style=page_number")]
    | Annotated[CursorPagination, Tag("style=cursor")]
    | Annotated[NextLinkPagination, Tag("style=next_link")],
    pydantic.Discriminator(
        _style,
        custom_error_type="pagination_style",
        custom_error_message="unknown pagination style",
    ),
]
