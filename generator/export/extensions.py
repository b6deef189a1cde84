"""x-callspec-* values for what neither OpenAPI nor OpenRPC can say: pagination, rules, notes."""

from __future__ import annotations

from typing import Any

from generator.export.responses import error_codes, errors_extension
from generator.export.security import auth_extension
from generator.ir.nodes import ApiNode, EndpointNode, NoteNode, PaginationNode, RuleNode

__all__ = ["pagination", "rules", "notes", "endpoint_extensions", "document_extensions"]

Schema = dict[str, Any]


def _present(found: Schema) -> Schema:
    return {key: value for key, value in found.items() if value not in (None, "", (), [])}


def pagination(page: PaginationNode) -> Schema:
    """x-callspec-pagination: the style, the params it drives, where the records and the next
    page are, and when the last page is."""
    found: Schema = {
        "style": page.style, "records": page.records, "limit": page.limit,
        "offset": page.offset, "max_limit": page.max_limit, "total": page.total,
        "page": page.page, "cursor": page.cursor, "next_cursor": page.next_cursor,
        "companions": [{"param": param, "path": path} for param, path in page.companions],
        "stop_empty": page.stop_empty, "stop_short": page.stop_short,
        "stop_when": None if page.stop_when is None
        else {"path": page.stop_when[0], "equals": page.stop_when[1]},
    }
    if page.style == "page_number":
        found["first_page"] = page.first_page
    if page.next_link is not None:
        link = page.next_link
        found["next_link"] = _present({"location": link.location, "path": link.path,
                                       "rel": link.rel, "relative_to": link.relative_to})
    return _present(found) | {"stop_empty": page.stop_empty, "stop_short": page.stop_short}


def _rule(rule: RuleNode) -> Schema:
    found: Schema = {"kind": rule.kind, "params": [".".join(path) for path in rule.wire_paths],
                     "description": rule.description, "op": rule.op}
    if rule.when is not None:
        found["when"] = {"param": ".".join(rule.when.wire_path), "test": rule.when.test,
                         "values": list(rule.when.values)}
    if rule.kind == "window":
        found["min_seconds"], found["max_seconds"] = rule.span
    return _present(found)


def rules(found: tuple[RuleNode, ...]) -> list[Schema]:
    """x-callspec-rules: conditions between params a request must meet (required_if, only_when,
    mutually_exclusive, exactly_one_of, at_least_one_of, compare, window)."""
    return [_rule(rule) for rule in found]


def notes(found: tuple[NoteNode, ...]) -> list[Schema]:
    """x-callspec-notes: where the vendor's doc contradicts itself, and what the spec decided."""
    return [_present({"topic": note.topic, "at": note.at, "doc_says": note.doc_says,
                      "decision": note.decision, "why": note.why}) for note in found]


def endpoint_extensions(endpoint: EndpointNode) -> Schema:
    """The x-callspec-* keys of an operation (OpenAPI) or a method (OpenRPC)."""
    found: Schema = {"x-callspec-method": endpoint.method,
                     "x-callspec-idempotent": endpoint.idempotent}
    if endpoint.pagination is not None:
        found["x-callspec-pagination"] = pagination(endpoint.pagination)
    if endpoint.rules:
        found["x-callspec-rules"] = rules(endpoint.rules)
    if endpoint.notes:
        found["x-callspec-notes"] = notes(endpoint.notes)
    if endpoint.deprecated:
        found["x-callspec-deprecation"] = endpoint.deprecated
    if endpoint.access:
        found["x-callspec-access"] = endpoint.access
    if endpoint.errors.codes:
        found["x-callspec-error-codes"] = error_codes(endpoint.errors)
    return found


def document_extensions(api: ApiNode) -> Schema:
    """The x-callspec-* keys of a whole document: auth, errors, codes, review notes."""
    found: Schema = {}
    auth = auth_extension(api)
    if auth is not None:
        found["x-callspec-auth"] = auth
    errors = errors_extension(api.errors)
    if errors:
        found["x-callspec-errors"] = errors
    if api.errors.codes:
        found["x-callspec-error-codes"] = error_codes(api.errors)
    if api.notes:
        found["x-callspec-notes"] = notes(api.notes)
    return found
