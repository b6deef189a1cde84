"""Errors compared: documented codes and statuses, and how errors are told apart."""

from __future__ import annotations

from dataclasses import replace

from generator.diff.record import Recorder
from generator.ir.nodes import ErrorsNode
from generator.spec.load import PathKey

__all__ = ["compare_errors"]


def compare_errors(rec: Recorder, old: ErrorsNode, new: ErrorsNode, old_at: PathKey,
                   new_at: PathKey) -> None:
    """Codes and statuses one by one; any other difference changes how errors are read."""
    old_codes = {code.code: code for code in old.codes}
    new_codes = {code.code: code for code in new.codes}
    for code in sorted(old_codes.keys() - new_codes.keys()):
        rec.add("error-code-removed", f"error code {code} removed", old_at, new_at)
    for code in sorted(new_codes.keys() - old_codes.keys()):
        rec.add("error-code-added", f"error code {code} added", old_at, new_at)
    old_http = {status: body for status, _, body in old.http}
    new_http = {status: body for status, _, body in new.http}
    for status in sorted(old_http.keys() - new_http.keys()):
        rec.add("http-error-removed", f"HTTP error {status} removed", old_at, new_at)
    for status in sorted(new_http.keys() - old_http.keys()):
        rec.add("http-error-added", f"HTTP error {status} added", old_at, new_at)
    # What is left once codes, statuses and words are set aside: paths, formats, conditions.
    if _form(old) != _form(new):
        rec.add("errors-format-changed", "errors are recognised or read differently",
                old_at, new_at)
    elif old != new:
        rec.add("description-changed", "error descriptions changed", old_at, new_at)


def _form(errors: ErrorsNode) -> ErrorsNode:
    return replace(errors, http=(), codes=(), description="")
