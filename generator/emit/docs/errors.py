"""Errors: how the vendor signals one, HTTP statuses and vendor codes with their meaning."""

from __future__ import annotations

from generator.ir.nodes import ErrorsNode

from .links import model_link
from .text import cell_code, code_span, format_value, table_cell, table_row

__all__ = ["errors_reference", "detection_texts", "http_rows", "code_rows", "documented"]

_COMMON = "Only the [errors common to all endpoints](#section-errors)."
_NONE = "None documented."


def errors_reference(errors: ErrorsNode, common: ErrorsNode | None) -> str:
    """What stands instead of the tables: a link when an endpoint has only the common errors,
    "None documented." when there are none; empty when the tables follow."""
    if common is not None and errors == common:
        return _COMMON if documented(errors) else _NONE
    return "" if documented(errors) else _NONE


def documented(errors: ErrorsNode) -> bool:
    return bool(errors.description or detection_texts(errors) or errors.http or errors.codes)


def detection_texts(errors: ErrorsNode) -> tuple[str, ...]:
    """How an error is recognised, one sentence per mechanism the spec declares."""
    texts: list[str] = []
    if errors.in_body_code:
        message_path = errors.in_body_message
        message = f", the message at {code_span(message_path)}" if message_path else ""
        texts.append(f"Errors come inside the response body: the code is at "
                     f"{code_span(errors.in_body_code)}{message}.")
    if errors.error_when:
        path, value = errors.error_when
        shown = code_span(format_value(value))
        texts.append(f"A body is an error when {code_span(path)} is {shown}.")
    if errors.success_codes is not None:
        codes = ", ".join(code_span(format_value(code)) for code in errors.success_codes)
        texts.append(f"Success codes: {codes}; any other code is an error.")
    if errors.jsonrpc:
        texts.append("JSON-RPC 2.0 `error` objects (`code`, `message`, `data`) are errors.")
    return tuple(texts)


def http_rows(errors: ErrorsNode) -> tuple[str, ...]:
    return tuple(table_row(str(status), table_cell(description), model_link(body.name) if body else "")
                 for status, description, body in errors.http)


def code_rows(errors: ErrorsNode) -> tuple[str, ...]:
    return tuple(
        table_row(cell_code(code.code), table_cell(code.message or ""),
                  table_cell(code.description or ""), table_cell(code.remedy or ""),
                  table_cell(code.category or ""))
        for code in errors.codes
    )
