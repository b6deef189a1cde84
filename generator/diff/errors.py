"""Errors compared: documented codes and statuses, and how errors are told apart."""

from __future__ import annotations

from dataclasses import replace

from generator.diff.record import Recorder
from generator.ir.nodes import ErrorsNode
from generator.spec.load import PathKey

__all__ = ["compare_errors", "own_errors"]


def own_errors(endpoint: ErrorsNode, spec: ErrorsNode) -> ErrorsNode:
    """What an endpoint's merged errors add to the spec's: its own codes and statuses, and its
    own way of reading errors only when it differs from the spec's (reported once, there)."""
    codes = {code.code for code in spec.codes}
    statuses = {status for status, _, _ in spec.http}
    own = replace(endpoint, codes=tuple(c for c in endpoint.codes if c.code not in codes),
                  http=tuple(h for h in endpoint.http if h[0] not in statuses), description="")
    return own if _form(endpoint) != _form(spec) else ErrorsNode(codes=own.codes, http=own.http)


def compare_errors(rec: Recorder, old: ErrorsNode, new: ErrorsNode, old_at: PathKey,
                   new_at: PathKey) -> None:
    """Codes and statuses one by one; any other difference changes how errors are read."""
    old_codes = {code.code: code for code in old.codes}
    new_codes = {code.code: code for code in new.codes}
    for code in sorted(old_codes.keys() - new_codes.keys()):
        rec.add("error-code-removed", f"error code {code} removed", old_at, new_at)
    for code in sorted(new_codes.keys() - old_codes.keys()):
        rec.add("error-code-added", f"error code {code} added", old_at, new_at)
    old_http = {status: (text, body) for status, text, body in old.http}
    new_http = {status: (text, body) for status, text, body in new.http}
    for status in sorted(old_http.keys() - new_http.keys()):
        rec.add("http-error-removed", f"HTTP error {status} removed", old_at, new_at)
    for status in sorted(new_http.keys() - old_http.keys()):
        rec.add("http-error-added", f"HTTP error {status} added", old_at, new_at)
    # What is left once codes, statuses and words are set aside: paths, formats, conditions.
    if _form(old) != _form(new):
        rec.add("errors-format-changed", "errors are recognised or read differently",
                old_at, new_at)
    words = old.description != new.description or any(
        old_codes[code] != new_codes[code] for code in old_codes.keys() & new_codes.keys()
    ) or any(old_http[status][0] != new_http[status][0]
             for status in old_http.keys() & new_http.keys())
    if words:
        rec.add("description-changed", "error descriptions changed", old_at, new_at)


def _form(errors: ErrorsNode) -> ErrorsNode:
    return replace(errors, http=(), codes=(), description="")
