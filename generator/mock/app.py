"""The mock as one plain ASGI callable: control plane, routing, faults, journal, dispatch."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from generator.ir.nodes import ApiNode, SchemeNode

from .control import handle_control, is_control
from .data import VendorData
from .faults import Fault
from .handlers import Call, answer, endpoint_of, errors_of, fault_answer, journal_body
from .oauth import TOKEN, TokenEndpoints, token_answer
from .http import (
    Receive,
    Request,
    Response,
    Scope,
    Send,
    drop_connection,
    halved,
    json_response,
    read_request,
    send_cut,
    send_response,
)
from .routes import FILES, Match, Router
from .state import MockState, VendorSettings

__all__ = ["MockApp"]


class MockApp:
    """Serves every endpoint of the given APIs under `/<vendor_id>`, and `/_mock` to steer it."""

    def __init__(
        self,
        apis: Sequence[ApiNode],
        *,
        records: int = 1000,
        page_size: int = 100,
        file_bytes: int = 4096,
        seed: int = 7,
    ) -> None:
        self.apis = {api.vendor_id: api for api in apis}
        self.state = MockState(apis, VendorSettings(records, page_size, file_bytes))
        self.router = Router(apis)
        self.data = {api.vendor_id: VendorData(api, seed) for api in apis}
        self.token_endpoints = TokenEndpoints(apis)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        request = await read_request(scope, receive)
        if is_control(request.path):
            await send_response(send, handle_control(self.state, request))
            return
        token = self.token_endpoints.match(request)
        if token is not None:
            await send_response(send, self._token(*token, request))
            return
        match = self.router.match(request.method, request.path)
        if match is None:
            await send_response(send, self._unknown(request))
            return
        await self._serve(match, request, receive, send)

    def _token(self, api: ApiNode, scheme: SchemeNode, request: Request) -> Response:
        """An OAuth token request: journaled (as endpoint `_token`), then answered."""
        vendor = api.vendor_id
        entry = _entry(vendor, TOKEN, request, None, None)
        self.state.record(entry)
        credentials = self.state.settings[vendor].credentials
        response = token_answer(api, scheme, request, credentials, self.state.tokens)
        entry["status"] = response.status
        return response

    def _unknown(self, request: Request) -> Response:
        allowed = self.router.allowed(request.path)
        self.state.record(_entry(None, None, request, None, None))
        if allowed:
            message = f"{request.method} not allowed on {request.path}; use {', '.join(allowed)}"
            return json_response({"message": message}, 405, [("Allow", ", ".join(allowed))])
        vendors = ", ".join(f"/{vendor}" for vendor in self.apis)
        return json_response({"message": f"no endpoint at {request.path} (serving {vendors})"}, 404)

    async def _serve(self, match: Match, request: Request, receive: Receive, send: Send) -> None:
        route = match.route
        vendor = route.api.vendor_id
        endpoint, rpc_id = endpoint_of(route, request)
        name = FILES if route.kind == "file" else endpoint.name if endpoint else None
        fault = self.state.faults.take(vendor, name)
        entry = _entry(vendor, name, request, rpc_id, fault)
        self.state.record(entry)  # first: a dropped request is in the journal too
        if fault is not None and fault.kind == "latency":
            await asyncio.sleep(fault.seconds if fault.seconds is not None else 1.0)
        if fault is not None and fault.kind == "drop":
            await drop_connection(send, receive)
            return
        response = None
        if fault is not None:
            response = fault_answer(route.api, errors_of(route, endpoint), fault, rpc_id)
        if response is None:
            settings = self.state.settings[vendor]
            call = Call(route.api, settings, self.data[vendor], request, match.path_params,
                        self.state.tokens)
            response = answer(call, route)
        entry["status"] = response.status
        if fault is not None and fault.kind == "truncate":
            if fault.mode == "body":
                await send_response(send, halved(response))
            else:
                await send_cut(send, receive, response)
            return
        await send_response(send, response)


def _entry(
    vendor: str | None,
    endpoint: str | None,
    request: Request,
    rpc_id: object,
    fault: Fault | None,
) -> dict[str, object]:
    """What the journal keeps of a request, for assertions such as "sent the same method"."""
    body = journal_body(request)
    method = body.get("method") if isinstance(body, dict) and rpc_id is not None else None
    return {
        "vendor": vendor,
        "endpoint": endpoint,
        "method": request.method,
        "path": request.path,
        "query": request.flat_query(),
        "headers": dict(request.headers),
        "json": body,
        "rpc_method": method,
        "rpc_id": rpc_id,
        "fault": fault.kind if fault is not None else None,
        "status": None,
    }


async def _lifespan(receive: Receive, send: Send) -> None:
    """Nothing to set up or tear down; answer the server's lifespan messages."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
