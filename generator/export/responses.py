"""An operation's responses: the success body (JSON, CSV as text/csv, a file), HTTP errors, and
what OpenAPI cannot say about errors (codes, errors inside a 200) in x-callspec-* keys."""

from __future__ import annotations

from typing import Any

from generator.export.schemas import ref, type_schema
from generator.ir.nodes import CsvNode, EndpointNode, ErrorCodeNode, ErrorsNode, ResponseNode

__all__ = ["success_content", "responses", "error_codes", "errors_extension", "in_body_schema",
           "error_body_schema"]

Schema = dict[str, Any]

_JSON = "application/json"


def _csv_extension(csv: CsvNode, prefix: str) -> Schema:
    return {"header": csv.header, "delimiter": csv.delimiter, "quote": csv.quote,
            "columns": list(csv.columns), "row_schema": f"{prefix}{csv.row_model}",
            "excel_apostrophes": csv.excel_apostrophes}


def success_content(response: ResponseNode, prefix: str) -> Schema:
    """media type → Media Type Object of the success body."""
    if response.format == "csv" and response.csv is not None:
        return {response.media_type or "text/csv": {
            "schema": {"type": "string"}, "x-callspec-csv": _csv_extension(response.csv, prefix)}}
    if response.format == "file":
        media = response.media_type or "application/octet-stream"
        return {media: {"schema": {"type": "string", "contentMediaType": media}}}
    # A body with no class (a top-level array, a scalar) still has a type the IR decided.
    schema = type_schema(response.body, prefix) if response.body is not None else {}
    return {response.media_type or _JSON: {"schema": schema}}


def _put(tree: Schema, path: str, required: bool = True, leaf: Schema | None = None) -> None:
    """Make `path` (dotted) a chain of object properties in `tree` (each required, or not), a
    number stepping into an array's items; the end gets `leaf` unless another path shaped it."""
    node = tree
    for part in path.split("."):
        if part.isdigit():
            node.setdefault("type", "array")
            node = node.setdefault("items", {})
            continue
        node.setdefault("type", "object")
        if required:
            node.setdefault("required", [])
            if part not in node["required"]:
                node["required"].append(part)
        node = node.setdefault("properties", {}).setdefault(part, {})
    if leaf and not node:
        node.update(leaf)


def in_body_schema(errors: ErrorsNode) -> Schema | None:
    """The shape of an error answered inside a success status: its code (or marker) present."""
    paths = [path for path in (errors.in_body_code,) if path]
    if errors.error_when is not None:
        paths.append(errors.error_when[0])
    if not paths:
        return None
    tree: Schema = {"description": "An error answered with a success status."}
    for path in paths:
        _put(tree, path)
    return tree


def _success(endpoint: EndpointNode, prefix: str) -> Schema:
    response = endpoint.response
    content = success_content(response, prefix)
    error = in_body_schema(endpoint.errors) if response.format == "json" else None
    if error is not None:
        # The same status carries the data or an error: either shape may come.
        for media in content.values():
            media["schema"] = {"anyOf": [media["schema"], error]}
    found: Schema = {"description": response.description or "Success.", "content": content}
    if response.download is not None:
        download = response.download
        found["x-callspec-download"] = {
            "url": download.url, "relative_to": download.relative_to, "auth": list(download.auth),
            "expires_after": download.expires_after, "content": download.content}
    if response.records:
        found["x-callspec-records"] = response.records
    return found


# RFC 7807 (RFC 9457) members, for problem+json errors whose spec gives no body model.
_PROBLEM: Schema = {"type": "object", "properties": {
    "type": {"type": "string", "format": "uri-reference"}, "title": {"type": "string"},
    "status": {"type": "integer"}, "detail": {"type": "string"},
    "instance": {"type": "string", "format": "uri-reference"}}, "additionalProperties": True}
_PROBLEM_JSON = "application/problem+json"


# What each error-body path holds; a code is a number or a string, as vendors differ.
_BODY_LEAVES: dict[str, Schema] = {
    "code": {"type": ["string", "integer"]},
    "code_url": {"type": "string", "format": "uri-reference"},
    "message": {"type": "string"},
    "detail": {},  # often an object or a list (field errors), not only text
}


def error_body_schema(errors: ErrorsNode) -> Schema | None:
    """The error body as its format (`error_array`) or `errors.body` paths place code, message
    and detail: every member optional (the first path found wins), others allowed."""
    tree: Schema = {}
    for kind, paths in (("code", errors.body_code), ("code_url", errors.body_code_url),
                        ("message", errors.body_message), ("detail", errors.body_detail)):
        for path in paths:
            _put(tree, path, required=False, leaf=_BODY_LEAVES[kind])
    return {"description": "An error body.", **tree} if tree else None


def _error_content(errors: ErrorsNode, body: str | None, prefix: str) -> Schema | None:
    media = errors.media_type or _JSON
    if body is not None:
        return {media: {"schema": ref(body, prefix)}}
    if media == _PROBLEM_JSON:
        return {media: {"schema": _PROBLEM}}
    shape = error_body_schema(errors)
    return None if shape is None else {media: {"schema": shape}}  # None: the spec says nothing


def responses(endpoint: EndpointNode, prefix: str) -> Schema:
    """status → Response Object: the success, each declared HTTP error, and `default` for the
    error statuses the spec does not list (the client raises on any of them)."""
    errors = endpoint.errors
    found: Schema = {str(endpoint.response.status): _success(endpoint, prefix)}
    statuses = [(str(status), description or f"HTTP {status}", body.name if body else None)
                for status, description, body in errors.http]
    statuses.append(("default", "Any other error status: the client raises an APIError.", None))
    for status, description, body in statuses:
        answer: Schema = {"description": description}
        content = _error_content(errors, body, prefix)
        if content is not None:
            answer["content"] = content
        found[status] = answer
    return dict(sorted(found.items()))


def _code(node: ErrorCodeNode) -> Schema:
    found: Schema = {"code": node.raw}
    for key, value in (("message", node.message), ("description", node.description),
                       ("remedy", node.remedy), ("category", node.category)):
        if value is not None:
            found[key] = value
    return found


def error_codes(errors: ErrorsNode) -> list[Schema]:
    """x-callspec-error-codes: the vendor's codes with their meanings and categories."""
    return [_code(node) for node in errors.codes]


def errors_extension(errors: ErrorsNode) -> Schema:
    """x-callspec-errors: where a body holds the code and message, errors inside a success."""
    found: Schema = {}
    if errors.description:
        found["description"] = errors.description
    if errors.in_body_code or errors.in_body_message or errors.error_when:
        found["in_body"] = {key: value for key, value in (
            ("code", errors.in_body_code), ("message", errors.in_body_message),
            ("error_when", _pair(errors.error_when)),
            ("success_codes", list(errors.success_codes) if errors.success_codes else None),
        ) if value is not None}
    body = {key: list(paths) for key, paths in (
        ("code", errors.body_code), ("code_url", errors.body_code_url),
        ("message", errors.body_message), ("detail", errors.body_detail)) if paths}
    if body:
        found["body"] = body
    if errors.media_type:
        found["media_type"] = errors.media_type
    if errors.jsonrpc:
        found["jsonrpc"] = True
    return found


def _pair(pair: tuple[str, object] | None) -> Schema | None:
    return None if pair is None else {"path": pair[0], "equals": pair[1]}
