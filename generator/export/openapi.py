"""The OpenAPI 3.1 document of an API's REST endpoints, built from the IR as plain dicts."""

from __future__ import annotations

import re
from typing import Any

from generator.export import extensions, responses, security
from generator.export.params import parameters, request_body
from generator.export.schemas import component_schemas
from generator.ir.nodes import ApiNode, EndpointNode, ExampleNode, VariableNode

__all__ = ["openapi_document", "info", "servers", "rest_endpoints"]

Schema = dict[str, Any]

PREFIX = "#/components/schemas/"
# A server URL variable the spec gives no value for still needs a default in OpenAPI.
_NO_DEFAULT = "https://api.example.invalid"
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def rest_endpoints(api: ApiNode) -> list[EndpointNode]:
    return [endpoint for endpoint in api.endpoints if endpoint.transport == "rest"]


def info(api: ApiNode) -> Schema:
    found: Schema = {"title": api.vendor_name, "version": api.source_version or "unversioned"}
    if api.description:
        found["description"] = api.description
    source = {"document": api.source_document, "title": api.source_title,
              "url": api.source_url, "version": api.source_version}
    found["x-callspec-source"] = {key: value for key, value in source.items() if value}
    found["x-callspec-spec"] = api.spec_file
    return found


def _variable(variable: VariableNode) -> Schema:
    default = variable.default or (variable.enum[0] if variable.enum else None)
    found: Schema = {"default": default or variable.example or _NO_DEFAULT}
    if variable.enum:
        found["enum"] = list(variable.enum)
    if variable.description:
        found["description"] = variable.description
    if default is None:
        found["x-callspec-required"] = True  # the client must be given a value
    return found


def servers(api: ApiNode) -> list[Schema]:
    found: Schema = {"url": api.server_url}
    if api.variables:
        found["variables"] = {variable.name: _variable(variable) for variable in api.variables}
    return [found]


def _variable_params(api: ApiNode, endpoint: EndpointNode, given: list[Schema]) -> list[Schema]:
    """Path placeholders the runtime fills from server variables (not from params)."""
    named = {param["name"] for param in given if param["in"] == "path"}
    variables = {variable.name: variable for variable in api.variables}
    found = []
    for name in _PLACEHOLDER.findall(endpoint.path):
        if name in named:
            continue
        variable = variables.get(name)
        schema: Schema = {"type": "string"}
        if variable is not None and variable.enum:
            schema["enum"] = list(variable.enum)
        found.append({"name": name, "in": "path", "required": True, "schema": schema,
                      "x-callspec-server-variable": variable is not None})
    return found


def _examples(endpoint: EndpointNode, operation: Schema) -> None:
    """Each example the doc gives with values (schematic ones show types, and are left out):
    its request params on the parameters and body, its response on the response's status."""
    for example in endpoint.examples:
        if not example.schematic:
            _request_example(example, operation)
            _response_example(example, operation, endpoint.response.status)


def _response_example(example: ExampleNode, operation: Schema, success: int) -> None:
    answer = operation["responses"].get(str(example.status), {})
    for media, content in answer.get("content", {}).items():
        value = example.response_csv if media.endswith("csv") else example.response
        if value is None:
            continue
        # An error answered with the success status stays out of `examples` (and of the
        # schema's): a mock serving examples (Prism) would answer it to every call.
        key = "x-callspec-error-examples" if example.error and example.status == success \
            else "examples"
        content.setdefault(key, {})[example.name] = _example(example, value)


def _example(example: ExampleNode, value: object) -> Schema:
    found: Schema = {"value": value}
    if example.description:
        found["summary"] = example.description
    return found


def _request_example(example: ExampleNode, operation: Schema) -> None:
    given = example.request or {}
    for param in operation.get("parameters", []):
        if param["name"] in given:
            param.setdefault("examples", {})[example.name] = _example(example, given[param["name"]])
    body = operation.get("requestBody")
    if body is None:
        return
    media = body["content"]["application/json"]
    properties = media["schema"]["properties"]
    value = {key: item for key, item in given.items() if key in properties}
    if value:
        media.setdefault("examples", {})[example.name] = _example(example, value)


def _extensions(api: ApiNode, endpoint: EndpointNode) -> Schema:
    found = extensions.endpoint_extensions(endpoint)
    if endpoint.errors != api.errors and responses.errors_extension(endpoint.errors):
        found["x-callspec-errors"] = responses.errors_extension(endpoint.errors)
    credentials = security.body_credentials(api, endpoint)
    if credentials:
        found["x-callspec-body-credentials"] = [scheme.name for scheme in credentials]
    return found


def _operation(api: ApiNode, endpoint: EndpointNode) -> Schema:
    found: Schema = {"operationId": endpoint.method, "summary": endpoint.summary}
    if endpoint.description:
        found["description"] = endpoint.description
    params = parameters(endpoint, PREFIX)
    params += _variable_params(api, endpoint, params)
    if params:
        found["parameters"] = params
    body = request_body(api, endpoint, PREFIX, security.body_credentials(api, endpoint))
    if body is not None:
        found["requestBody"] = body
    found["responses"] = responses.responses(endpoint, PREFIX)
    found["security"] = security.security_requirements(api, endpoint)
    if endpoint.deprecated:
        found["deprecated"] = True
    found.update(_extensions(api, endpoint))
    _examples(endpoint, found)
    return found


def openapi_document(api: ApiNode) -> Schema:
    """OpenAPI 3.1 for the REST endpoints of `api`: every path, schema and scheme it needs."""
    paths: Schema = {}
    for endpoint in rest_endpoints(api):
        paths.setdefault(endpoint.path, {})[endpoint.http_method.lower()] = _operation(api, endpoint)
    document: Schema = {
        "openapi": "3.1.0",
        "info": info(api),
        "servers": servers(api),
        "paths": paths,
        "components": {"schemas": component_schemas(api, PREFIX)},
    }
    schemes = security.security_schemes(api)
    if schemes:
        document["components"]["securitySchemes"] = schemes
    return document | extensions.document_extensions(api)
