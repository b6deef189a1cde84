"""An endpoint's response: format facts, body fields, CSV layout and columns, download step."""

from __future__ import annotations

from collections.abc import Mapping

from generator.ir.nodes import CsvNode, DownloadNode, ModelNode, ResponseNode

from .fields import column_row, field_row, flat_fields
from .links import model_link
from .overview import Fact
from .text import code_span, inline_text

__all__ = ["response_facts", "body_rows", "csv_facts", "csv_rows", "download_facts"]

_FORMATS = {"json": "JSON", "csv": "CSV", "file": "file"}
_RELATIVE = {
    "base_url": "joined to the server URL",
    "origin": "joined to the scheme and host of the server URL (not its path)",
    "absolute": "used as given (an absolute URL)",
}


def response_facts(response: ResponseNode) -> tuple[Fact, ...]:
    facts = [
        ("Format", _FORMATS[response.format]),
        ("HTTP status", str(response.status)),
        ("Media type", code_span(response.media_type) if response.media_type else "not stated"),
    ]
    if response.format == "json":
        facts.append(("Body", model_link(response.model)))
    if response.records:
        record = f", each a {model_link(response.record_model)}" if response.record_model else ""
        facts.append(("Records at", code_span(response.records) + record))
    return tuple(facts)


def body_rows(response: ResponseNode, models: Mapping[str, ModelNode]) -> tuple[str, ...]:
    """The rows of the JSON body's table, nested objects flattened; none without a body."""
    body = models.get(response.model) if response.model else None
    return tuple(field_row(item) for item in flat_fields(body.fields, models)) if body else ()


def csv_facts(csv: CsvNode) -> tuple[Fact, ...]:
    return (
        ("Header row", "yes" if csv.header else "no: the body starts with data rows"),
        ("Delimiter", code_span(csv.delimiter)),
        ("Quote", code_span(csv.quote)),
        ("Row model", model_link(csv.row_model)),
        ("Columns", f"{len(csv.columns)}, in this order"),
    )


def csv_rows(csv: CsvNode, models: Mapping[str, ModelNode]) -> tuple[str, ...]:
    """The CSV columns in file order, numbered from 1."""
    by_wire = {node.wire: node for node in models[csv.row_model].fields}
    return tuple(column_row(number, by_wire[wire])
                 for number, wire in enumerate(csv.columns, start=1))


def duration_text(seconds: int) -> str:
    """`1800 s (30 min)`."""
    if seconds % 3600 == 0:
        return f"{seconds} s ({seconds // 3600} h)"
    return f"{seconds} s ({seconds // 60} min)" if seconds % 60 == 0 else f"{seconds} s"


def download_facts(download: DownloadNode) -> tuple[Fact, ...]:
    credentials = ", ".join(code_span(name) for name in download.auth) or "none"
    expiry = duration_text(download.expires_after) if download.expires_after else "not stated"
    return (
        ("URL taken from", f"{code_span(download.url)} in the body"),
        ("URL is", _RELATIVE[download.relative_to]),
        ("Credentials added as query params", credentials),
        ("Link expires after", expiry),
        ("Content", inline_text(download.content) if download.content else "not stated"),
    )
