"""The control plane under /_mock: faults, settings, the request journal, reset.

GET    /_mock             vendors, their URLs and credentials, settings, pending faults
POST   /_mock/reset       forget faults and requests, restore the start settings
GET    /_mock/requests    what was received (?vendor=… to filter), oldest first
GET    /_mock/faults      pending faults
POST   /_mock/faults      add a fault (a JSON object) or several (a list), in order
DELETE /_mock/faults      drop pending faults
GET    /_mock/config      settings per vendor
POST   /_mock/config      {"vendor"?: id, "records"?, "page_size"?, "file_bytes"?,
                          "credentials"?: {wire: value}}: one vendor, or all of them
POST   /_mock/tokens/expire {"vendor"?: id}: OAuth tokens issued so far stop working (a 401)
"""

from __future__ import annotations

from collections.abc import Callable

from .faults import Fault
from .http import Request, Response, json_response
from .state import MockState

__all__ = ["PREFIX", "is_control", "handle_control"]

PREFIX = "/_mock"


def is_control(path: str) -> bool:
    return path == PREFIX or path.startswith(PREFIX + "/")


def _summary(state: MockState, request: Request) -> Response:
    vendors = {
        vendor: {"url": f"{request.origin}/{vendor}", **settings.as_json()}
        for vendor, settings in state.settings.items()
    }
    return json_response({"vendors": vendors, "faults": state.faults.pending()})


def _reset(state: MockState, request: Request) -> Response:
    state.reset()
    return json_response({"reset": True})


def _requests(state: MockState, request: Request) -> Response:
    vendor = request.query.get("vendor", [None])[-1]
    entries = [e for e in state.journal() if vendor is None or e.get("vendor") == vendor]
    return json_response(entries)


def _faults(state: MockState, request: Request) -> Response:
    return json_response(state.faults.pending())


def _add_faults(state: MockState, request: Request) -> Response:
    data = request.json()
    faults = [Fault.from_json(item) for item in (data if isinstance(data, list) else [data])]
    for fault in faults:
        if fault.vendor is not None and fault.vendor not in state.apis:
            raise ValueError(f"unknown vendor {fault.vendor!r}; serving {', '.join(state.apis)}")
        state.faults.add(fault)
    return json_response(state.faults.pending())


def _clear_faults(state: MockState, request: Request) -> Response:
    state.faults.clear()
    return json_response([])


def _config(state: MockState, request: Request) -> Response:
    return json_response({v: s.as_json() for v, s in state.settings.items()})


def _configure(state: MockState, request: Request) -> Response:
    data = request.json()
    if not isinstance(data, dict):
        raise ValueError("settings are a JSON object")
    state.configure(data)
    return _config(state, request)


def _expire_tokens(state: MockState, request: Request) -> Response:
    data = request.json() if request.body else {}
    vendor = data.get("vendor") if isinstance(data, dict) else None
    if vendor is not None and vendor not in state.apis:
        raise ValueError(f"unknown vendor {vendor!r}; serving {', '.join(state.apis)}")
    return json_response({"expired": state.tokens.expire(vendor)})


Handler = Callable[[MockState, Request], Response]

_ROUTES: dict[tuple[str, str], Handler] = {
    ("GET", ""): _summary,
    ("POST", "/reset"): _reset,
    ("GET", "/requests"): _requests,
    ("GET", "/faults"): _faults,
    ("POST", "/faults"): _add_faults,
    ("DELETE", "/faults"): _clear_faults,
    ("GET", "/config"): _config,
    ("POST", "/config"): _configure,
    ("POST", "/tokens/expire"): _expire_tokens,
}


def handle_control(state: MockState, request: Request) -> Response:
    """The control plane's answer; a bad input is a 400 saying what is wrong."""
    sub = request.path[len(PREFIX) :].rstrip("/")
    handler = _ROUTES.get((request.method, sub))
    if handler is None:
        known = ", ".join(f"{m} {PREFIX}{p}" for m, p in _ROUTES)
        return json_response(
            {"error": f"no control route {request.method} {request.path}; " f"known: {known}"}, 404
        )
    try:
        return handler(state, request)
    except ValueError as exc:  # includes a body that is not JSON
        return json_response({"error": str(exc)}, 400)
