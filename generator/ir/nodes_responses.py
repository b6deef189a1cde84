"""IR of an endpoint's success response and its pagination."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.ir.nodes_types import FieldNode, TypeExpr

__all__ = [
    "NextLinkNode",
    "PaginationNode",
    "CsvNode",
    "DownloadNode",
    "ResponseNode",
]


@dataclass(frozen=True)
class NextLinkNode:
    location: Literal["body", "header"]
    path: str | None  # dotted path in the body (may hold `name[key=value]` selectors)
    rel: str  # relation type of a Link header
    relative_to: Literal["base_url", "origin", "absolute"]


@dataclass(frozen=True)
class PaginationNode:
    offset: str  # offset_limit: the offset param; "" for the other styles
    limit: str  # the page-size param of any style; "" when the vendor has none
    records: str
    max_limit: int | None  # largest page: max_page_size, else the size param's maximum
    total: str | None  # dotted path of a total record count (a stop condition)
    style: Literal["offset_limit", "page_number", "cursor", "next_link"] = "offset_limit"
    page: str | None = None  # page_number: the page param
    first_page: int = 1
    cursor: str | None = None  # cursor: the param that sends it back
    next_cursor: str | None = None  # cursor: its dotted path in the body
    companions: tuple[tuple[str, str], ...] = ()  # (param, dotted path in the body)
    next_link: NextLinkNode | None = None
    stop_empty: bool = True
    stop_short: bool = True  # decided per style when the spec leaves it out
    stop_when: tuple[str, object] | None = None  # (dotted path, value)
    items_method: str = ""  # iter_<method>: every record
    pages_method: str = ""  # iter_<method>_pages: every page model
    page_size_arg: str | None = None  # kwarg of both iterators; None: the size param itself
    max_items_arg: str = "max_items"
    # The page model's array field at `records`: its items are models or plain values (ids,
    # numbers, typed wire values), which decides the record type of iter_<method>.
    records_field: FieldNode | None = None
    total_pages: str | None = None  # page_number: dotted path of the page count (a stop)


@dataclass(frozen=True)
class CsvNode:
    header: bool
    delimiter: str
    quote: str
    columns: tuple[str, ...]
    row_model: str
    excel_apostrophes: bool = False


@dataclass(frozen=True)
class DownloadNode:
    url: str
    relative_to: Literal["base_url", "origin", "absolute"]
    auth: tuple[str, ...]
    expires_after: int | None
    content: str | None


@dataclass(frozen=True)
class ResponseNode:
    format: Literal["json", "csv", "file"]
    status: int
    media_type: str | None
    description: str
    model: str | None  # class of a JSON body
    records: str | None  # dotted path of the record list
    record_model: str | None  # class of one record (JSON records or CSV rows)
    csv: CsvNode | None
    download: DownloadNode | None
    record_union: bool = False  # record_model names a named union (a type alias), not a class
    # The JSON body's type: a ModelRef to `model`, or what has no class (an array, a scalar).
    body: TypeExpr | None = None
