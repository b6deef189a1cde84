"""`callspec export`: each API as OpenAPI 3.1 (REST endpoints) and OpenRPC (JSON-RPC endpoints).

Built from the IR, where names, wire names, types, auth, errors and pagination are decided;
what the formats cannot say goes in `x-callspec-*` keys (listed in specs/README.md).
"""

from __future__ import annotations

import json
from typing import Any

from generator.export.openapi import openapi_document, rest_endpoints
from generator.export.openrpc import openrpc_document, rpc_endpoints
from generator.ir.nodes import ApiNode

__all__ = ["export_documents", "export_files", "dump"]


def dump(document: dict[str, Any]) -> str:
    """Deterministic JSON: keys sorted, indent 2, UTF-8 kept, one trailing newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def export_documents(api: ApiNode) -> dict[str, dict[str, Any]]:
    """file name → document: openapi.json when the API has REST endpoints, openrpc.json when
    it has JSON-RPC ones (both for an API that mixes them)."""
    found: dict[str, dict[str, Any]] = {}
    if rest_endpoints(api):
        found["openapi.json"] = openapi_document(api)
    if rpc_endpoints(api):
        found["openrpc.json"] = openrpc_document(api)
    return found


def export_files(api: ApiNode) -> dict[str, str]:
    """`<vendor>/openapi.json` / `<vendor>/openrpc.json` → their text, as under generated/."""
    return {f"{api.vendor_id}/{name}": dump(document)
            for name, document in export_documents(api).items()}
