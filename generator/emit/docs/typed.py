"""The Typed values section: each wire date-time alias and each field-name Literal of models.py."""

from __future__ import annotations

from generator.ir.nodes import AliasNode

from .text import cell_code, code_span, table_cell, table_row

__all__ = ["alias_row", "TYPED_VALUES_INTRO"]

TYPED_VALUES_INTRO = (
    "Dates, times and durations are Python values in models and client signatures, read from "
    "and sent in exactly the vendor's format (zero-padded; a client also takes a string already "
    "exactly in that format). Field selectors and sort keys are `Literal`s of the names the "
    "spec allows, so a typo fails before sending. A response value that breaks the spec (an "
    "unparseable date, a const that differs, a value out of range) is kept with an "
    "`OutOfSpecWarning` naming the field; `strict=True` makes it a `ResponseValidationError`."
)


def alias_row(alias: AliasNode) -> str:
    """`Name | Python type | wire format or allowed names | meaning`."""
    if alias.kind == "names":
        values = ", ".join(code_span(value) for value in alias.values)
        return table_row(cell_code(alias.name), "`str` (Literal)", values,
                         table_cell(alias.description))
    wire = alias.format or ""
    if alias.layout:
        wire += f" {cell_code(alias.layout)}"
    if alias.timezone:
        wire += f", zone {code_span(alias.timezone)}"
    return table_row(cell_code(alias.name), code_span(alias.python_type), wire,
                     table_cell(alias.description))
