"""An operation's parameters (path, query, header) and JSON request body, by wire name."""

from __future__ import annotations

from typing import Any

from generator.export.schemas import field_schema
from generator.ir.nodes import ApiNode, EndpointNode, FieldNode, ModelRef, Primitive, SchemeNode

__all__ = ["location", "parameters", "request_body", "credential_properties"]

Schema = dict[str, Any]

# Query style of the spec → OpenAPI style and explode (the runtime's `query_params` writes them).
_STYLES = {"explode": ("form", True), "comma": ("form", False), "deep_object": ("deepObject", True)}


def location(endpoint: EndpointNode, node: FieldNode) -> str:
    """Where a param goes; one without a place goes where the runtime puts it (query for GET,
    HEAD and DELETE, else the JSON body)."""
    if node.location not in (None, "params"):
        return node.location
    return "query" if endpoint.http_method.upper() in ("GET", "HEAD", "DELETE") else "body"


def _is_object(node: FieldNode) -> bool:
    return isinstance(node.type, ModelRef) or node.type == Primitive("object")


def _parameter(endpoint: EndpointNode, node: FieldNode, prefix: str) -> Schema:
    where = location(endpoint, node)
    found: Schema = {"name": node.wire, "in": where, "required": node.required or where == "path"}
    schema = field_schema(node, prefix)
    if node.description:  # said once, on the parameter
        found["description"] = schema.pop("description")
    if node.deprecated:
        found["deprecated"] = True
    if where == "query" and _is_object(node) and node.style != "deep_object":
        # An object the runtime writes as JSON text in one query value.
        found["content"] = {"application/json": {"schema": schema}}
        return found
    found["schema"] = schema
    if where == "query" and (node.style is not None or not isinstance(node.type, Primitive)):
        found["style"], found["explode"] = _STYLES[node.style or "explode"]
    elif where == "header":
        found["style"], found["explode"] = "simple", False
    return found


def parameters(endpoint: EndpointNode, prefix: str) -> list[Schema]:
    return [_parameter(endpoint, node, prefix) for node in endpoint.params
            if location(endpoint, node) != "body"]


def credential_properties(schemes: list[SchemeNode]) -> Schema:
    return {credential.wire: {"type": "string", "description": credential.description,
                              "x-callspec-secret": credential.secret, "writeOnly": True}
            for scheme in schemes for credential in scheme.credentials}


def request_body(api: ApiNode, endpoint: EndpointNode, prefix: str,
                 credentials: list[SchemeNode]) -> Schema | None:
    """The JSON body: the body params and, where auth travels there, the credentials (which
    OpenAPI security schemes cannot place in a body; x-callspec-auth says which they are)."""
    body = [node for node in endpoint.params if location(endpoint, node) == "body"]
    if not body and not credentials:
        return None
    schema: Schema = {
        "type": "object",
        "properties": {node.wire: field_schema(node, prefix) for node in body}
        | credential_properties(credentials),
        "additionalProperties": False,
    }
    required = [node.wire for node in body if node.required]
    if api.auth is not None and (api.auth.mode == "all_of" or len(credentials) == 1):
        required += [credential.wire for scheme in credentials
                     for credential in scheme.credentials]
    if required:
        schema["required"] = required
    return {"required": bool(required), "content": {"application/json": {"schema": schema}}}
