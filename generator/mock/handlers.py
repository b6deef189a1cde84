"""Answering one vendor request: REST, JSON-RPC (dispatch on `method`) and download files.

Each handler checks, in the vendor's order of concerns: a readable body, auth, params against
the generated request model; then answers from the spec (data.py). Every refusal is the
vendor's own error (errors.py).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.ir.nodes import ApiNode, EndpointNode, ErrorsNode

from .auth import (
    AuthFailure,
    body_credentials,
    check_auth,
    check_query_credentials,
    query_credentials,
)
from .data import VendorData, file_chunks
from .errors import ErrorKind, error_response, kind_of_code
from .faults import Fault
from .http import Request, Response, json_response
from .oauth import TokenIssuer
from .paging import LINK_OFFSET, plan_page
from .params import expects_body, rest_params, validate_params
from .routes import Route
from .state import VendorSettings

__all__ = ["Call", "answer", "endpoint_of", "errors_of", "fault_answer", "journal_body"]

_JSON = ("Content-Type", "application/json")


@dataclass(frozen=True)
class Call:
    """One request to a vendor route, with what answering it needs."""

    api: ApiNode
    settings: VendorSettings
    data: VendorData
    request: Request
    path_params: Mapping[str, str]
    tokens: TokenIssuer | None = None  # OAuth tokens the mock issued, for bearer checks

    def error(
        self, errors: ErrorsNode, kind: ErrorKind, message: str, rpc_id: object = None
    ) -> Response:
        return error_response(self.api, errors, kind, message, rpc_id=rpc_id)

    def auth_error(
        self, errors: ErrorsNode, failure: AuthFailure, rpc_id: object = None
    ) -> Response:
        # Two alternatives at once is a malformed request, not a bad credential.
        kind: ErrorKind = "validation" if failure.kind == "both" else "auth"
        return self.error(errors, kind, failure.message, rpc_id)


def endpoint_of(route: Route, request: Request) -> tuple[EndpointNode | None, object]:
    """The endpoint a request is for (JSON-RPC: by its `method`) and its JSON-RPC id."""
    if route.kind == "rest":
        return route.endpoints[0], None
    if route.kind == "file":
        return None, None
    try:
        envelope = request.json()
    except ValueError:
        return None, None
    if not isinstance(envelope, dict):
        return None, None
    method = envelope.get("method")
    found = [e for e in route.endpoints if e.rpc_method == method]
    return (found[0] if found else None), envelope.get("id")


def errors_of(route: Route, endpoint: EndpointNode | None) -> ErrorsNode:
    """The error rules that shape an answer: the endpoint's, else the route's, else the API's."""
    if endpoint is not None:
        return endpoint.errors
    return route.endpoints[0].errors if route.endpoints else route.api.errors


def answer(call: Call, route: Route) -> Response:
    if route.kind == "jsonrpc":
        return _jsonrpc(call, route)
    if route.kind == "file":
        return _file(call, route)
    return _rest(call, route.endpoints[0])


def _rest(call: Call, endpoint: EndpointNode) -> Response:
    errors = endpoint.errors
    in_body = body_credentials(call.api)
    body: dict[str, Any] = {}
    if expects_body(endpoint, in_body):
        try:
            parsed = call.request.json()
        except ValueError:
            return call.error(errors, "parse", "the request body is empty or not valid JSON")
        if not isinstance(parsed, dict):
            return call.error(errors, "parse", "the request body must be a JSON object")
        body = parsed
    failure = check_auth(call.api, endpoint, call.request, body, call.settings.credentials,
                         call.tokens)
    if failure is not None:
        return call.auth_error(errors, failure)
    skip = in_body | query_credentials(call.api)
    if endpoint.pagination is not None and endpoint.pagination.style == "next_link":
        skip |= {LINK_OFFSET}  # the mock's own position in its next links
    try:
        params = rest_params(endpoint, call.request, call.path_params, body, skip)
    except ValueError as exc:
        return call.error(errors, "validation", str(exc))
    _, problem = validate_params(call.api, endpoint, params)
    if problem is not None:
        return call.error(errors, "validation", problem)
    return _success(call, endpoint, params, rpc_id=None)


def _envelope_problem(envelope: Mapping[str, object]) -> str | None:
    if envelope.get("jsonrpc") != "2.0":
        return 'Invalid Request: "jsonrpc" must be "2.0"'
    if not isinstance(envelope.get("method"), str):
        return 'Invalid Request: "method" must be a string'
    if not isinstance(envelope.get("id"), (int, str)) or isinstance(envelope.get("id"), bool):
        return 'Invalid Request: "id" must be a number or a string'
    if not isinstance(envelope.get("params", {}), dict):
        return 'Invalid Request: "params" must be an object'
    return None


def _jsonrpc(call: Call, route: Route) -> Response:
    errors = call.api.errors
    try:
        envelope = call.request.json()
    except ValueError:
        return call.error(errors, "parse", "Parse error: the request body is not JSON")
    if not isinstance(envelope, dict):
        return call.error(errors, "envelope", "Invalid Request: expected a JSON-RPC object")
    rpc_id = envelope.get("id")
    problem = _envelope_problem(envelope)
    if problem is not None:
        return call.error(errors, "envelope", problem, rpc_id)
    endpoint, _ = endpoint_of(route, call.request)
    if endpoint is None:
        return call.error(errors, "not_found", f"Method not found: {envelope['method']}", rpc_id)
    errors = endpoint.errors
    params: dict[str, Any] = envelope.get("params", {})
    failure = check_auth(call.api, endpoint, call.request, params, call.settings.credentials,
                         call.tokens)
    if failure is not None:
        return call.auth_error(errors, failure, rpc_id)
    in_body = body_credentials(call.api)
    wire = {name: value for name, value in params.items() if name not in in_body}
    _, problem = validate_params(call.api, endpoint, wire)
    if problem is not None:
        return call.error(errors, "validation", f"Invalid params: {problem}", rpc_id)
    return _success(call, endpoint, wire, rpc_id)


def _success(
    call: Call, endpoint: EndpointNode, params: Mapping[str, object], rpc_id: object
) -> Response:
    response = endpoint.response
    if response.format == "csv":
        kind = response.media_type or "text/csv"
        chunks = call.data.csv_chunks(endpoint, call.settings.records)
        return Response(response.status, [("Content-Type", kind)], chunks=chunks)
    if response.format == "file":
        return _file_answer(call, f"{endpoint.name}.bin")
    pagination = endpoint.pagination
    if pagination is None:
        body = call.data.answer(endpoint, call.request.origin, rpc_id)
        return json_response(body, response.status)
    plan = plan_page(endpoint, params, call.request, call.settings.records,
                     call.settings.page_size, _filled_path(endpoint, call.path_params),
                     lambda path: call.data.sampled(endpoint, path), query_credentials(call.api))
    if plan.problem is not None:
        return call.error(endpoint.errors, "validation", plan.problem, rpc_id)
    page = call.data.page(endpoint, plan.offset, plan.count, rpc_id, plan.fields)
    return Response(response.status, [_JSON, *plan.headers], page)


def _filled_path(endpoint: EndpointNode, path_params: Mapping[str, str]) -> str:
    """The endpoint's path with its params as the request gave them."""
    path = endpoint.path
    for name, value in path_params.items():
        path = path.replace("{" + name + "}", value)
    return path


def _file(call: Call, route: Route) -> Response:
    """A download link of one endpoint: it carries that endpoint's credentials, if any."""
    found = [e for e in route.endpoints if e.name == call.path_params["endpoint"]]
    download = found[0].response.download if found else None
    if download is None:
        return call.error(route.endpoints[0].errors, "not_found", "no such file")
    endpoint = found[0]
    failure = check_query_credentials(call.request, download.auth, call.settings.credentials)
    if failure is not None:
        return call.auth_error(endpoint.errors, failure)
    return _file_answer(call, call.path_params["name"])


def _file_answer(call: Call, name: str) -> Response:
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    headers = [("Content-Type", kind), ("Content-Disposition", f'attachment; filename="{name}"')]
    return Response(200, headers, chunks=file_chunks(name, call.settings.file_bytes))


_BY_STATUS: dict[int, ErrorKind] = {
    401: "auth",
    403: "permission",
    404: "not_found",
    429: "rate_limit",
}
_NOT_JSON = b"<html><body><h1>502 Bad Gateway</h1><p>callspec mock: not JSON</p></body></html>"


def _code_message(errors: ErrorsNode, code: object) -> str | None:
    for node in errors.codes:
        if node.code == str(code):
            return node.message
    return None


def fault_answer(api: ApiNode, errors: ErrorsNode, fault: Fault, rpc_id: object) -> Response | None:
    """The answer a fault puts in place of the real one; None for faults that change how the
    real answer is sent (latency, drop, truncate)."""
    if fault.kind == "status":
        status = fault.status or 503
        kind = "server" if status >= 500 else _BY_STATUS.get(status, "validation")
        message = fault.message or f"mock fault: HTTP {status}"
        return error_response(api, errors, kind, message, status=status, rpc_id=rpc_id)
    if fault.kind == "retry_after":
        seconds = fault.seconds if fault.seconds is not None else 1
        message = fault.message or "mock fault: too many requests"
        header = [("Retry-After", f"{seconds:g}")]
        status = fault.status or 429
        return error_response(
            api, errors, "rate_limit", message, status=status, rpc_id=rpc_id, headers=header
        )
    if fault.kind == "not_json":
        return Response(fault.status or 200, [("Content-Type", "text/html")], _NOT_JSON)
    if fault.kind == "vendor_error":
        message = fault.message or _code_message(errors, fault.code) or "mock vendor error"
        kind = kind_of_code(errors, fault.code)
        return error_response(
            api, errors, kind, message, code=fault.code, status=fault.status, rpc_id=rpc_id
        )
    return None


def journal_body(request: Request) -> object:
    """The request body for the journal: JSON when it is JSON, else its size."""
    if not request.body:
        return None
    try:
        return request.json()
    except ValueError:
        return {"bytes": len(request.body)}
