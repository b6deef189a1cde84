"""A page of records: its envelope validated at once, its records one at a time as reached."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import BaseModel

from ._response import Exchange, records_of, split_records, validate
from ._values import read_value, value_adapter

__all__ = ["open_page"]

M = TypeVar("M", bound=BaseModel)


def open_page(
    payload: object,
    records: str,
    response_model: type[M],
    record_model: type[BaseModel] | None,
    ex: Exchange,
    context: dict[str, object] | None,
    first_row: int,
) -> tuple[int, Iterator[Any]]:
    """How many records a page holds, and the records, each validated as it is reached:
    as `record_model`, or (None) as plain values of the page model's record list type.

    The envelope (errors, metadata) is validated at once without its records; records one at a
    time as the caller iterates, like CSV rows: memory and collector work stay at one record,
    and a record that does not fit raises when it is reached, naming its row.
    """
    envelope, raw = split_records(payload, records)
    if raw is None:  # not plain JSON down to the list: validate the page whole
        page = validate(response_model, payload, ex, context)
        found = records_of(page, records, record_model, ex, context)
        return len(found), iter(found)
    validate(response_model, envelope, ex, context)
    if record_model is None:
        adapter = value_adapter(response_model, records)
        values = (read_value(adapter, item, ex, context, first_row + index, f"{records}[{index}]")
                  for index, item in enumerate(raw))
        return len(raw), values
    rows = (validate(record_model, item, ex, context, first_row + index)
            for index, item in enumerate(raw))
    return len(raw), rows
