"""The OpenRPC 1.3 document of an API's JSON-RPC 2.0 endpoints, built from the IR as plain dicts."""

from __future__ import annotations

from typing import Any

from generator.export import extensions, security
from generator.export.openapi import info, servers
from generator.export.params import credential_properties
from generator.export.schemas import component_schemas, field_schema, ref
from generator.ir.nodes import ApiNode, EndpointNode, ExampleNode

__all__ = ["openrpc_document", "rpc_endpoints"]

Schema = dict[str, Any]

PREFIX = "#/components/schemas/"
OPENRPC_VERSION = "1.3.2"


def rpc_endpoints(api: ApiNode) -> list[EndpointNode]:
    return [endpoint for endpoint in api.endpoints if endpoint.transport == "jsonrpc"]


def _params(api: ApiNode, endpoint: EndpointNode) -> list[Schema]:
    """By name: the method's params, then the credentials the JSON-RPC params carry."""
    found = []
    for node in endpoint.params:
        param: Schema = {"name": node.wire, "required": node.required,
                         "schema": field_schema(node, PREFIX)}
        if node.description:
            param["description"] = node.description
        if node.deprecated:
            param["deprecated"] = True
        found.append(param)
    schemes = security.body_credentials(api, endpoint)
    required = api.auth is not None and (api.auth.mode == "all_of" or len(schemes) == 1)
    for wire, schema in credential_properties(schemes).items():
        found.append({"name": wire, "required": required, "schema": schema,
                      "description": schema["description"] or f"Credential {wire}."})
    return found


def _errors(endpoint: EndpointNode) -> list[Schema]:
    """The vendor's codes that are JSON-RPC error codes (integers), with their messages."""
    found = []
    for code in endpoint.errors.codes:
        if isinstance(code.raw, int):
            error: Schema = {"code": code.raw, "message": code.message or code.description or ""}
            if code.description or code.remedy:
                error["data"] = {key: value for key, value in (
                    ("description", code.description), ("remedy", code.remedy),
                    ("category", code.category)) if value}
            found.append(error)
    return found


def _example(example: ExampleNode) -> Schema:
    found: Schema = {"name": example.name, "params": [
        {"name": key, "value": value} for key, value in (example.request or {}).items()]}
    if example.description:
        found["summary"] = example.description
    value = example.response
    if isinstance(value, dict) and "result" in value:  # an envelope, as the spec's body
        value = value["result"]
    if value is not None and not example.error:
        found["result"] = {"name": "result", "value": value}
    return found


def _result(api: ApiNode, endpoint: EndpointNode) -> Schema:
    """The schema of `result`: a spec's body models the whole JSON-RPC envelope
    ({jsonrpc, id, result}); OpenRPC describes only its result member."""
    name = endpoint.response.model
    if name is None:
        return {}
    model = next(model for model in api.models if model.name == name)
    member = next((node for node in model.fields if node.wire == "result"), None)
    return field_schema(member, PREFIX) if member is not None else ref(name, PREFIX)


def _method(api: ApiNode, endpoint: EndpointNode) -> Schema:
    result = _result(api, endpoint)
    found: Schema = {
        "name": endpoint.rpc_method or endpoint.name,
        "summary": endpoint.summary,
        "params": _params(api, endpoint),
        "paramStructure": "by-name",
        "result": {"name": "result", "schema": result},
        **extensions.endpoint_extensions(endpoint),
    }
    if endpoint.description:
        found["description"] = endpoint.description
    if endpoint.deprecated:
        found["deprecated"] = True
    errors = _errors(endpoint)
    if errors:
        found["errors"] = errors
    examples = [_example(example) for example in endpoint.examples if not example.schematic]
    if examples:
        found["examples"] = examples
    return found


def _server(api: ApiNode) -> Schema:
    server = servers(api)[0]
    return {"name": api.vendor_name, **server}


def openrpc_document(api: ApiNode) -> Schema:
    """OpenRPC for the JSON-RPC endpoints of `api`: every method and the schemas they use."""
    document: Schema = {
        "openrpc": OPENRPC_VERSION,
        "info": info(api),
        "servers": [_server(api)],
        "methods": [_method(api, endpoint) for endpoint in rpc_endpoints(api)],
        "components": {"schemas": component_schemas(api, PREFIX)},
    }
    return document | extensions.document_extensions(api)
