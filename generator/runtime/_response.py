"""Reading responses: JSON decoding, errors (HTTP status, inside HTTP 200, JSON-RPC), model checks."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from ._description import Category, ErrorRules, Operation
from ._error_body import MESSAGE_KEYS, error_parts, first_scalar, typed_body
from ._paths import MISSING, get_path
from ._models import report_unknown, strict_enums, unknown_count
from ._errors import (
    APIError,
    ResponseTooLarge,
    ResponseValidationError,
    TransportError,
    error_class,
)
from ._redact import Redactor
from ._retry import parse_retry_after

__all__ = [
    "split_records",
    "MISSING",
    "Exchange",
    "get_path",
    "JsonTooDeep",
    "parse_json",
    "decode_json",
    "status_error",
    "body_error",
    "check_envelope",
    "validate",
    "validation_error",
    "records_of",
]

M = TypeVar("M", bound=BaseModel)


# JSON-RPC 2.0 reserved codes, for when the spec's code table does not know the code.
_JSONRPC_CATEGORY: dict[int, Category] = {
    -32700: "validation",
    -32600: "validation",
    -32602: "validation",
    -32601: "not_found",
    -32603: "server",
}


@dataclass(frozen=True)
class Exchange:
    """One request as error messages show it: vendor, operation, method and a redacted URL."""

    vendor: str
    operation: Operation
    method: str
    url: str
    redactor: Redactor
    rpc_id: int | None = None

    @property
    def where(self) -> str:
        return f"{self.vendor} {self.method} {self.url}"


class JsonTooDeep(ValueError):
    """JSON nested deeper than the decoder can follow."""


def parse_json(content: bytes | str) -> object:
    """`json.loads`, with every failure a ValueError: not JSON, not UTF-8, or too deep.

    The C decoder recurses once per nesting level and raises RecursionError past the
    interpreter's limit; that is the one depth check that costs nothing on normal bodies (a
    scan of every body for its depth would cost as much as decoding it).
    """
    try:
        return json.loads(content)
    except RecursionError:
        raise JsonTooDeep("JSON nested too deeply to decode") from None


def decode_json(content: bytes, ex: Exchange, content_type: str | None) -> object:
    """The JSON body, or TransportError for an empty, truncated or non-JSON body, or
    ResponseTooLarge for one nested too deeply."""
    try:
        return parse_json(content)
    except JsonTooDeep:
        raise ResponseTooLarge(
            f"{ex.where}: response body is JSON nested too deeply to decode "
            f"(beyond the interpreter's recursion limit)"
        ) from None
    except ValueError as exc:
        kind = f" ({content_type})" if content_type else ""
        hint = "empty body" if not content.strip() else f"{exc}; truncated or not JSON?"
        raise TransportError(
            ex.redactor.text(f"{ex.where}: response body{kind} is not valid JSON: {hint}"),
            method=ex.method,
            url=ex.url,
        ) from None


def _make_error(
    ex: Exchange,
    rules: ErrorRules,
    *,
    code: object,
    message: object,
    status: int | None,
    response: httpx.Response | None,
    category_default: Category | None = None,
    data: object = None,
    retry_after: float | None = None,
    details: object = None,
    body: object = None,
) -> APIError:
    info = rules.codes.get(str(code)) if code is not None else None
    cls = error_class(code, status, rules.codes, category_default)
    text = str(message) if message not in (None, "") else (info.message if info else None)
    return cls(
        ex.redactor.text(text) if text else None,
        status=status,
        code=code,
        method=ex.method,
        url=ex.url,
        vendor=ex.vendor,
        remedy=ex.redactor.text(info.remedy) if info and info.remedy else None,
        data=data,
        retry_after=retry_after,
        response=response,
        details=ex.redactor.text(details) if isinstance(details, str) else details,
        body=body,
    )


def status_error(response: httpx.Response, ex: Exchange, now: float) -> APIError | None:
    """The error for an HTTP status ≥ 400 (body already read), or None for a success status."""
    status = response.status_code
    if status < 400:
        return None
    rules = ex.operation.errors
    try:
        body: object = parse_json(response.content)
    except ValueError:
        body = None
    retry_after = parse_retry_after(response.headers.get("Retry-After"), now)
    if (
        isinstance(body, Mapping)
        and isinstance(body.get("error"), Mapping)
        and (ex.operation.transport == "jsonrpc" or rules.jsonrpc)
    ):
        return _jsonrpc_error(body["error"], ex, status, response, retry_after)
    if body is not None:
        parts = error_parts(body, rules)
        code, message, details = parts.code, parts.message, parts.details
    else:
        code = details = None
        text = response.text.strip()
        message = text[:200] + ("…" if len(text) > 200 else "") if text else response.reason_phrase
    return _make_error(
        ex,
        rules,
        code=code,
        message=message,
        status=status,
        response=response,
        retry_after=retry_after,
        details=details,
        body=typed_body(body, rules, status),
    )


def _jsonrpc_error(
    error: Mapping[str, object],
    ex: Exchange,
    status: int | None,
    response: httpx.Response | None,
    retry_after: float | None = None,
) -> APIError:
    code = error.get("code")
    default = _JSONRPC_CATEGORY.get(code) if isinstance(code, int) else None
    return _make_error(
        ex,
        ex.operation.errors,
        code=code,
        message=error.get("message"),
        status=status,
        response=response,
        category_default=default,
        data=error.get("data"),
        retry_after=retry_after,
    )


def check_envelope(body: object, ex: Exchange, response: httpx.Response | None) -> object:
    """The body, once a JSON-RPC envelope is checked: no `error`, the request's id, a `result`.

    The body is returned whole: response models, record paths and download paths describe the
    whole reply (e.g. `result.data`), for JSON-RPC as for REST.
    """
    if ex.operation.transport != "jsonrpc":
        return body
    if not isinstance(body, Mapping):
        raise TransportError(
            f"{ex.where}: JSON-RPC response is not an object", method=ex.method, url=ex.url
        )
    error = body.get("error")
    if isinstance(error, Mapping):
        raise _jsonrpc_error(error, ex, response.status_code if response else None, response)
    if body.get("id") != ex.rpc_id:
        raise TransportError(
            f"{ex.where}: JSON-RPC response id {body.get('id')!r} does not match request id "
            f"{ex.rpc_id!r}",
            method=ex.method,
            url=ex.url,
        )
    if "result" not in body:
        raise TransportError(
            f"{ex.where}: JSON-RPC response has neither result nor error",
            method=ex.method,
            url=ex.url,
        )
    return body


def body_error(payload: object, ex: Exchange, response: httpx.Response | None) -> APIError | None:
    """An error the vendor reports inside an HTTP 200 body, per the operation's ErrorRules."""
    rules = ex.operation.errors
    if rules.error_when is None and rules.success_codes is None:
        return None
    code = get_path(payload, rules.in_body_code)
    failed = False
    if rules.error_when is not None:
        failed = get_path(payload, rules.error_when.path) == rules.error_when.value
    if not failed and rules.success_codes is not None and code is not MISSING and code is not None:
        # Compared as text too: a vendor may send 0 or "0" for the same code.
        failed = code not in rules.success_codes and str(code) not in {
            str(c) for c in rules.success_codes
        }
    if not failed:
        return None
    message = first_scalar(payload, (rules.in_body_message, *MESSAGE_KEYS))
    status = response.status_code if response is not None else None
    return _make_error(
        ex,
        rules,
        code=None if code is MISSING else code,
        message=message,
        status=None if status == 200 else status,
        response=response,
        details=error_parts(payload, rules).details,
        body=payload,
    )


def validation_error(
    exc: ValidationError, model: type[BaseModel], where: str, row: int | None = None
) -> ResponseValidationError:
    """A ResponseValidationError naming the first bad field (by wire name) and the row, if any."""
    errors = exc.errors(include_url=False, include_input=False, include_context=False)
    first = errors[0]
    field = ".".join(str(p) for p in first["loc"]) or None
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    at = f"row {row}: " if row is not None else ""
    name = f"field {field!r}" if field else "value"
    return ResponseValidationError(
        f"{where}: {at}{name} does not fit {model.__name__}: {first['msg']}{more}",
        model=model.__name__,
        field=field,
        row=row,
        errors=tuple(dict(e) for e in errors),
    )


def validate(
    model: type[M],
    data: object,
    ex: Exchange,
    context: dict[str, object] | None,
    row: int | None = None,
) -> M:
    """`model.model_validate(data)`, or ResponseValidationError naming the field (and the
    record's row); enum values the spec does not know are kept with a warning naming their
    field (refused if strict)."""
    before = unknown_count()
    try:
        if context is not None and context.get("strict"):
            with strict_enums():
                result = model.model_validate(data, context=context)
        else:
            result = model.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc, model, ex.redactor.text(ex.where), row) from None
    if unknown_count() != before:
        where = ex.redactor.text(ex.where)
        report_unknown(result, where if row is None else f"{where}: record {row}", before)
    return result


def split_records(payload: object, path: str) -> tuple[object, list[object] | None]:
    """The JSON body with its record list (at the dotted `path`) emptied, and that list; the
    list is None when the body is not plain dicts down to a list there."""
    parts = path.split(".")
    if not isinstance(payload, dict):
        return payload, None
    envelope: dict[str, object] = dict(payload)
    node = envelope
    for part in parts[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            return payload, None
        node[part] = node = dict(child)  # copies only the dicts on the path
    records = node.get(parts[-1])
    if not isinstance(records, list):
        return payload, None
    node[parts[-1]] = []
    return envelope, records


def records_of(
    page: BaseModel,
    path: str,
    record_model: type[M],
    ex: Exchange,
    context: dict[str, object] | None,
) -> list[M]:
    """The record list at `path` (wire names) of a validated page, as `record_model` instances."""
    node = get_path(page, path)
    if node is MISSING:
        raise ResponseValidationError(
            f"{ex.where}: response has no record list at {path!r}",
            model=type(page).__name__,
            field=path,
        )
    if node is None:
        return []
    if isinstance(node, BaseModel) and hasattr(node, "root"):
        node = node.root
    if not isinstance(node, list):
        raise ResponseValidationError(
            f"{ex.where}: {path!r} is not a list of records", model=type(page).__name__, field=path
        )
    if not isinstance(record_model, type):  # a named union (UnionRecords): its variants
        return [validate(record_model, r, ex, context) for r in node]
    return [
        r if isinstance(r, record_model) else validate(record_model, r, ex, context) for r in node
    ]
