"""Errors in each vendor's own shape, chosen from the spec's error rules and code table.

Three shapes, read off the endpoint's ErrorsNode:

- JSON-RPC (`jsonrpc: true`, CallGear): an `error` object {code, message, data} in HTTP 200.
  Standard codes where they fit (-32700 parse, -32600 bad envelope, -32601 unknown method,
  -32602 invalid params, -32603 internal); the spec lists no codes, so the auth and rate-limit
  codes (-32001, -32029) are the mock's own choice.
- In-body (`in_body` code path, DeepCall and Yeastar): HTTP 200 with the code and message at the
  spec's paths, and the `error_when` marker (DeepCall `status: error`). The code comes from the
  spec's table by category (DeepCall 1014 auth, 1000 validation, 1047 bad body, 1009 server);
  a spec without a table (Yeastar) gets the mock's own codes (MOCK_CODES).
- HTTP status (CINNOX, RingCentral): 401 / 400 / 404 / 429 / 503 with a JSON body; its keys are
  those of the spec's error body model when there is one (CINNOX {code, message}, the code being
  the status), else {message}. A spec that says where error bodies keep their parts
  (`errors.format: problem_json | error_array`, `errors.body`) gets exactly that shape
  (`error_body.py`).

Faults ask for a status (5xx, 429): the body keeps the vendor's shape, the status is the fault's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from generator.ir.nodes import ApiNode, ErrorCodeNode, ErrorsNode

from .error_body import shaped_error
from .samples import Sampler
from .http import Response, json_response

__all__ = ["ErrorKind", "MOCK_CODES", "JSONRPC_CODES", "error_response", "kind_of_code"]

# What went wrong, in the spec's category words plus two request-level ones.
ErrorKind = Literal[
    "auth", "permission", "validation", "not_found", "rate_limit", "server", "parse", "envelope"
]

JSONRPC_CODES: dict[str, int] = {
    "parse": -32700,
    "envelope": -32600,
    "not_found": -32601,
    "validation": -32602,
    "server": -32603,
    "auth": -32001,  # mock-chosen: implementation-defined server-error range
    "permission": -32003,  # mock-chosen
    "rate_limit": -32029,  # mock-chosen
}

# In-body codes for a spec that lists none (Yeastar): the mock's own, shaped like HTTP statuses.
MOCK_CODES: dict[str, int] = {
    "auth": 40100,
    "permission": 40300,
    "validation": 40000,
    "parse": 40001,
    "envelope": 40002,
    "not_found": 40400,
    "rate_limit": 42900,
    "server": 50000,
}

_STATUS: dict[str, int] = {
    "auth": 401,
    "permission": 403,
    "validation": 400,
    "parse": 400,
    "envelope": 400,
    "not_found": 404,
    "rate_limit": 429,
    "server": 503,
}

_CATEGORY: dict[str, str] = {"parse": "validation", "envelope": "validation"}
_BODY_WORDS = ("body", "malformed", "json")  # how a spec's code says "the body is unreadable"


def _table_code(codes: Iterable[ErrorCodeNode], kind: str) -> ErrorCodeNode | None:
    """The spec's code for `kind`: same category; for a bad body, one that talks of the body."""
    category = _CATEGORY.get(kind, kind)
    matching = [code for code in codes if code.category == category]
    if kind == "parse":
        worded = [
            code
            for code in matching
            if any(word in f"{code.message} {code.description}".lower() for word in _BODY_WORDS)
        ]
        matching = worded or matching
    return matching[0] if matching else None


def kind_of_code(errors: ErrorsNode, code: object) -> ErrorKind:
    """The kind a vendor code stands for: its category in the spec, JSON-RPC's, or validation."""
    for node in errors.codes:
        if node.code == str(code) and node.category is not None:
            return node.category  # type: ignore[return-value]
    for kind, number in {**JSONRPC_CODES, **MOCK_CODES}.items():
        if number == code:
            return kind  # type: ignore[return-value]
    return "validation"


def _put(body: dict[str, object], path: str, value: object) -> None:
    """Set a dotted path in a nested dict, making the dicts on the way."""
    *parents, last = path.split(".")
    node = body
    for part in parents:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    node[last] = value


def error_response(
    api: ApiNode,
    errors: ErrorsNode,
    kind: ErrorKind,
    message: str,
    *,
    code: object = None,
    status: int | None = None,
    rpc_id: object = None,
    headers: Iterable[tuple[str, str]] = (),
) -> Response:
    """The vendor's error for `kind`; `code` and `status` override the spec-derived ones."""
    if errors.jsonrpc:
        number = code if code is not None else JSONRPC_CODES[kind]
        envelope = {"jsonrpc": "2.0", "id": rpc_id, "error": {"code": number, "message": message}}
        return json_response(envelope, status or 200, headers)
    if errors.in_body_code is not None:
        return json_response(_in_body(errors, kind, message, code), status or 200, headers)
    status = status or _STATUS[kind]
    if errors.body_code or errors.body_code_url or errors.body_message:
        entry = _table_code(errors.codes, kind) if code is None else None
        chosen = code if code is not None else entry.raw if entry is not None else status
        return shaped_error(errors, chosen, message, kind, status, headers,
                            _model_body(api, errors, status))
    body: dict[str, object] = {"message": message}
    if code is not None or _declares_code(api, errors):
        body = {"code": code if code is not None else status, "message": message}
    return json_response(body, status, headers)


def _model_body(api: ApiNode, errors: ErrorsNode, status: int) -> dict[str, object] | None:
    """A body made from the spec's model for this status, if it has one."""
    ref = next((ref for code, _, ref in errors.http if code == status and ref is not None), None)
    return Sampler(api).record(ref.name) if ref is not None else None


def _in_body(errors: ErrorsNode, kind: str, message: str, code: object) -> dict[str, object]:
    entry = _table_code(errors.codes, kind) if code is None else None
    if entry is not None:
        code = entry.raw
        # The vendor's own words first, the mock's detail after them.
        message = f"{entry.message}: {message}" if entry.message else message
    elif code is None:
        code = MOCK_CODES[kind]
    body: dict[str, object] = {}
    if errors.error_when is not None:
        path, value = errors.error_when
        _put(body, path, value)
    if errors.in_body_message is not None:
        _put(body, errors.in_body_message, message)
    assert errors.in_body_code is not None
    _put(body, errors.in_body_code, code)
    return body


def _declares_code(api: ApiNode, errors: ErrorsNode) -> bool:
    """Whether the spec's HTTP error body model has a `code` field."""
    models = {model.name: model for model in api.models}
    for _, _, ref in errors.http:
        model = models.get(ref.name) if ref is not None else None
        if model is not None and any(f.wire == "code" for f in model.fields):
            return True
    return False
