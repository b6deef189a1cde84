"""Request building: server URL from variables, params split by location, REST and JSON-RPC bodies."""

from __future__ import annotations

import re
from collections.abc import Mapping
from importlib import metadata
from urllib.parse import quote

import httpx
from pydantic import BaseModel

from ._auth import AuthParts
from ._description import Location, Operation, Server
from ._errors import ConfigError
from ._query import query_params, scalar_text

__all__ = [
    "VERSION",
    "user_agent",
    "resolve_server",
    "check_variables",
    "join_url",
    "origin_of",
    "dump_request",
    "split_params",
    "build_request",
]

try:
    VERSION = metadata.version("callspec")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    VERSION = "0.0.0"

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
_ACCEPT = {"json": "application/json", "csv": "text/csv, */*;q=0.8", "file": "*/*"}


def user_agent(vendor: str) -> str:
    return f"callspec/{VERSION} ({vendor})"


def resolve_server(
    server: Server, given: Mapping[str, str | None], vendor: str
) -> tuple[str, dict[str, str]]:
    """The base URL with every `{variable}` filled (given > default, enum-checked), and the values.

    Raises ConfigError for an unknown, missing or out-of-enum variable, or a URL without a scheme.
    """
    values = check_variables(server, given, vendor)
    for var in server.variables:
        value = values.get(var.name) or var.default  # a default is in the enum (lint checks it)
        if value is None:
            raise ConfigError(
                f"{vendor}: server variable {var.name!r} is required (server URL {server.url})"
            )
        values[var.name] = value

    def fill(match: re.Match[str]) -> str:
        name = match[1]
        if name not in values:
            raise ConfigError(
                f"{vendor}: server URL {server.url} names undeclared variable {name!r}"
            )
        return values[name]

    url = _PLACEHOLDER.sub(fill, server.url).rstrip("/")
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise ConfigError(f"{vendor}: server URL {url!r} is not a URL: {exc}") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ConfigError(
            f"{vendor}: server URL {url!r} needs http:// or https:// and a host "
            f"(check the base URL variables)"
        )
    return url, values


def check_variables(server: Server, given: Mapping[str, str | None], vendor: str) -> dict[str, str]:
    """The given server variables, each declared and within its enum (ConfigError otherwise).

    Used when `server_url` replaces the URL: variables may still fill path templates, and a
    value outside the spec's list is as wrong with a proxy as without one.
    """
    declared = {v.name: v for v in server.variables}
    values = {name: value for name, value in given.items() if value}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        raise ConfigError(f"{vendor}: unknown server variable(s) {', '.join(unknown)}")
    for name, value in values.items():
        enum = declared[name].enum
        if enum and value not in enum:
            raise ConfigError(
                f"{vendor}: server variable {name}={value!r} is not one of {', '.join(enum)}"
            )
    return values


def join_url(base: str, path: str) -> str:
    """`base` + `path` with exactly one slash between them; `base` alone for an empty path."""
    if not path:
        return base
    return base.rstrip("/") + "/" + path.lstrip("/")


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL."""
    parsed = httpx.URL(url)
    port = f":{parsed.port}" if parsed.port is not None else ""
    return f"{parsed.scheme}://{parsed.host}{port}"


def dump_request(request: BaseModel | None) -> dict[str, object]:
    """The request model as wire names → JSON values, without the params left out."""
    if request is None:
        return {}
    return request.model_dump(mode="json", by_alias=True, exclude_none=True)


def default_location(operation: Operation) -> Location:
    """Where a param the operation does not place goes: the spec format's defaults (the IR's
    `default_location` decides the same for generated clients; a test checks they agree)."""
    if operation.transport == "jsonrpc":
        return "params"
    # A DELETE's params go in the query: many servers and proxies drop a DELETE's body.
    return "query" if operation.http_method.upper() in ("GET", "HEAD", "DELETE") else "body"


def split_params(
    operation: Operation, params: Mapping[str, object]
) -> dict[str, dict[str, object]]:
    """Params grouped by location: path, query, header, body (REST) or params (JSON-RPC)."""
    groups: dict[str, dict[str, object]] = {
        "path": {},
        "query": {},
        "header": {},
        "body": {},
        "params": {},
    }
    fallback = default_location(operation)
    for wire, value in params.items():
        groups[operation.locations.get(wire, fallback)][wire] = value
    return groups


def _fill_path(
    operation: Operation, path_params: Mapping[str, object], variables: Mapping[str, str]
) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match[1]
        if name in path_params:
            return quote(scalar_text(path_params[name]), safe="")
        if name in variables:
            return quote(variables[name], safe="")
        raise ConfigError(f"operation {operation.name}: path parameter {name!r} is required")

    return _PLACEHOLDER.sub(fill, operation.path)


def build_request(
    operation: Operation,
    params: Mapping[str, object],
    *,
    base_url: str,
    variables: Mapping[str, str],
    auth: AuthParts,
    rpc_id: int | None = None,
    defaults: Mapping[str, str] | None = None,
    timeout: httpx.Timeout | None = None,
) -> httpx.Request:
    """The one HTTP request for `operation` with these wire params and credentials.

    `defaults` are the client's headers (User-Agent); `timeout` goes where httpx transports
    read it (the request's extensions), since the request does not pass through build_request.
    """
    groups = split_params(operation, params)
    url = join_url(base_url, _fill_path(operation, groups["path"], variables))
    query = query_params(groups["query"], operation.query_styles)
    query.update(auth.query)
    headers = _headers(operation, groups["header"], auth, defaults)
    body = {**groups["body"], **groups["params"], **auth.body}
    if operation.transport == "jsonrpc":
        return httpx.Request(
            "POST",
            url,
            params=query,
            headers=headers,
            json=_rpc_envelope(operation, body, rpc_id),
            extensions=_extensions(timeout),
        )
    sends_body = bool(body) or any(
        loc in ("body", "params") for loc in operation.locations.values()
    )
    return httpx.Request(
        operation.http_method.upper(),
        url,
        params=query or None,
        headers=headers,
        json=body if sends_body else None,
        extensions=_extensions(timeout),
    )


def _headers(
    operation: Operation,
    header_params: Mapping[str, object],
    auth: AuthParts,
    defaults: Mapping[str, str] | None,
) -> dict[str, str]:
    """The client's default headers, then header params, then credentials, then Accept."""
    headers = dict(defaults or {})
    headers.update(
        {
            k: ",".join(map(scalar_text, v)) if isinstance(v, list) else scalar_text(v)
            for k, v in header_params.items()
        }
    )
    headers.update(auth.headers)
    headers["Accept"] = _ACCEPT[operation.response_format]
    return headers


def _rpc_envelope(
    operation: Operation, rpc_params: dict[str, object], rpc_id: int | None
) -> dict[str, object]:
    """The JSON-RPC 2.0 request object; body and params both travel in `params`."""
    if not operation.rpc_method:
        raise ConfigError(f"operation {operation.name}: JSON-RPC needs rpc_method")
    return {
        "jsonrpc": "2.0",
        "id": rpc_id,
        "method": operation.rpc_method,
        "params": rpc_params,
    }


def _extensions(timeout: httpx.Timeout | None) -> dict[str, object]:
    return {"timeout": timeout.as_dict()} if timeout is not None else {}
