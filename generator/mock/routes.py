"""Routing: `/<vendor_id>` + the server template's own path (optional) + each endpoint's path."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote

from generator.ir.nodes import ApiNode, EndpointNode, VariableNode

__all__ = ["FILES", "Route", "Match", "Router", "server_prefix"]

FILES = "_files"  # the path segment (and journal name) of the mock's download files

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")

RouteKind = Literal["rest", "jsonrpc", "file"]


@dataclass(frozen=True)
class Route:
    api: ApiNode
    kind: RouteKind
    http_method: str
    pattern: re.Pattern[str]
    param_names: tuple[str, ...]  # wire names of the path params, in group order
    endpoints: tuple[EndpointNode, ...]  # REST: one; JSON-RPC: every method at this URL


@dataclass(frozen=True)
class Match:
    route: Route
    path_params: dict[str, str]


def _variable_regex(variable: VariableNode | None) -> str:
    if variable is not None and variable.enum:
        return "(?:" + "|".join(re.escape(value) for value in variable.enum) + ")"
    if variable is not None and variable.default:
        return re.escape(variable.default)
    return "[^/]+"


def server_prefix(api: ApiNode) -> str:
    """A regex for the path part of the server URL template, optional.

    `{base_url}/{api_path}` gives `(?:/(?:openapi/v2\\.0|openapi/v1\\.0))?` and
    `https://{brand}/api/v2` gives `(?:/api/v2)?`: the part before the first slash (after any
    scheme) is the host, which the mock's own address replaces.
    """
    rest = _SCHEME.sub("", api.server_url)
    _, slash, path = rest.partition("/")
    if not slash or not path.strip("/"):
        return ""
    variables = {variable.name: variable for variable in api.variables}
    pieces: list[str] = []
    last = 0
    for found in _PLACEHOLDER.finditer(path):
        pieces.append(re.escape(path[last : found.start()]))
        pieces.append(_variable_regex(variables.get(found[1])))
        last = found.end()
    pieces.append(re.escape(path[last:]))
    return "(?:/" + "".join(pieces).strip("/") + ")?"


def _path_regex(path: str) -> tuple[str, tuple[str, ...]]:
    names: list[str] = []
    pieces: list[str] = []
    last = 0
    for found in _PLACEHOLDER.finditer(path):
        pieces.append(re.escape(path[last : found.start()]))
        pieces.append("([^/]+)")
        names.append(found[1])
        last = found.end()
    pieces.append(re.escape(path[last:]))
    return "".join(pieces), tuple(names)


def _routes(api: ApiNode) -> list[Route]:
    base = "/" + re.escape(api.vendor_id) + server_prefix(api)
    routes: list[Route] = []
    rpc: dict[tuple[str, str], list[EndpointNode]] = {}
    for endpoint in api.endpoints:
        if endpoint.transport == "jsonrpc":
            rpc.setdefault((endpoint.http_method.upper(), endpoint.path), []).append(endpoint)
            continue
        regex, names = _path_regex(endpoint.path)
        pattern = re.compile(f"^{base}{regex}$")
        routes.append(Route(api, "rest", endpoint.http_method.upper(), pattern, names, (endpoint,)))
    for (method, path), endpoints in rpc.items():
        regex, names = _path_regex(path)
        # JSON-RPC posts to the server URL itself: accept it with or without a trailing slash.
        pattern = re.compile(f"^{base}{regex}/?$")
        routes.append(Route(api, "jsonrpc", "POST", pattern, names, tuple(endpoints)))
    downloads = tuple(e for e in api.endpoints if e.response.download is not None)
    if downloads:
        pattern = re.compile(f"^{base}/{FILES}/([^/]+)/([^/]+)$")
        routes.append(Route(api, "file", "GET", pattern, ("endpoint", "name"), downloads))
    return routes


class Router:
    """Finds the route of a method and path among every vendor's endpoints."""

    def __init__(self, apis: Sequence[ApiNode]) -> None:
        self.routes = [route for api in apis for route in _routes(api)]

    def match(self, method: str, path: str) -> Match | None:
        for route in self.routes:
            found = route.pattern.match(path)
            if found is not None and route.http_method == method.upper():
                values = (unquote(value) for value in found.groups())
                return Match(route, dict(zip(route.param_names, values)))
        return None

    def allowed(self, path: str) -> list[str]:
        """The methods some route takes at `path` (for a 405 instead of a 404)."""
        return sorted({r.http_method for r in self.routes if r.pattern.match(path)})
