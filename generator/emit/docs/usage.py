"""The README's Usage section, from the IR: build the client, call, page, stream, download, fail."""

# Each example is data (calls and keyword arguments); templates/docs_usage.md.j2 lays it out as
# Python. The examples are runnable as they stand: credentials (and server variables the spec
# gives no example for) are read from environment variables named by `env_name`, and
# tests/docs/ runs every block against the mock with those set and `server_url=` pointing there.

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from generator.emit.render import py_literal
from generator.ir.nodes import (
    NO_VALUE,
    ApiNode,
    ArrayOf,
    EndpointNode,
    EnumRef,
    FieldNode,
    ModelNode,
    ModelRef,
    PaginationNode,
    Primitive,
    SchemeNode,
)

from .errors import documented
from .links import endpoint_anchor, link
from .text import MASK, code_span

__all__ = ["Arg", "Call", "Usage", "usage", "env_name", "WRONG_CREDENTIAL"]

WRONG_CREDENTIAL = "not-a-valid-credential"  # what the errors example sends, to be refused
_START = datetime(2025, 1, 1)
# A vendor doc's stand-in ("{accountId}", "{{ssid}}", "<myAccessToken>") is no value to send.
_PLACEHOLDER = re.compile(r"\{.*\}|<.*>", re.DOTALL)
_LAYOUTS = {
    "rfc3339": "%Y-%m-%dT%H:%M:%SZ",
    "date": "%Y-%m-%d",
    "datetime": "%Y-%m-%d %H:%M:%S",
    "sql-timestamp": "%Y-%m-%d %H:%M:%S",
}
_FORMAT_VALUES = {
    "tz-name": "UTC",
    "base64": "ZXhhbXBsZQ==",
    "uri": "https://example.com/",
    "ip-address": "192.0.2.1",
    "comma-separated": "1,2",
    "phone-number": "+15550100",
}
_PRIMITIVES: dict[str, object] = {"integer": 1, "number": 1.0, "boolean": True, "object": {}}


@dataclass(frozen=True)
class Arg:
    """One keyword argument of an example call: a literal, an environment variable or a model."""

    name: str
    literal: str = ""  # Python source of a plain value
    env: str = ""  # the value is os.environ[env]
    model: str = ""  # the value is models.<model>(**args)
    args: tuple[Arg, ...] = ()


@dataclass(frozen=True)
class Call:
    """A constructor or client method called with keyword arguments."""

    name: str  # class or method name
    args: tuple[Arg, ...]
    iterates: bool = False  # the result is an iterator: the example loops over it
    label: str = ""  # Markdown: the auth scheme of a constructor, the endpoint of a method


@dataclass(frozen=True)
class Usage:
    package: str
    client: str
    async_client: str
    uses_models: bool  # some argument is built from the vendor's models module
    builds: tuple[Call, ...]  # one per auth alternative
    alternatives: bool  # more than one build: the schemes exclude each other
    wrong_build: Call | None  # the first alternative with wrong credentials (errors example)
    call: Call | None
    paging: Call | None
    csv: Call | None
    download: Call | None
    quick: Call | None  # the quick start's call: paging where there is some
    errors_link: str  # Markdown link to the error codes: the common ones, else the call's


def env_name(api: ApiNode, python: str) -> str:
    """`CALLGEAR_ACCESS_TOKEN`: the environment variable an example reads a value from."""
    return f"{api.vendor_id}_{python}".upper()


def _usable(value: object) -> bool:
    return not (isinstance(value, str) and (_PLACEHOLDER.fullmatch(value) or MASK in value))


class _Values:
    """Example values for request fields: the spec's example request first, then invented."""

    def __init__(self, api: ApiNode) -> None:
        self.models = {model.name: model for model in api.models}
        self.enums = {enum.name: enum for enum in api.enums}
        self.dates = 0  # date-like values invented so far: each one a day later

    def args(self, nodes: Sequence[FieldNode], given: Mapping[str, object],
             skip: frozenset[str] = frozenset()) -> tuple[Arg, ...]:
        """Arguments for the given values, and for every required field the example lacks.

        Constants are left out (the models fill them in), and so is a value equal to the
        default of an optional field: the example shows what a user has to decide.
        """
        args = []
        for node in nodes:
            if node.const is not NO_VALUE or node.wire in skip:
                continue
            value = given.get(node.wire, NO_VALUE)
            if value is not NO_VALUE and _usable(value) and (node.required or value != node.default):
                args.append(self.arg(node, value))
            elif node.required:
                args.append(self.arg(node, self.invent(node)))
        return tuple(args)

    def arg(self, node: FieldNode, value: object) -> Arg:
        model = self.models.get(node.type.name) if isinstance(node.type, ModelRef) else None
        if model is not None and isinstance(value, dict):
            return Arg(node.python, model=model.name, args=self.args(model.fields, value))
        return Arg(node.python, literal=py_literal(value))

    def invent(self, node: FieldNode) -> object:
        """A value the request model accepts for a field that the example does not give."""
        if node.example is not NO_VALUE and _usable(node.example):
            return node.example
        if node.default is not NO_VALUE:
            return node.default
        if node.format in _LAYOUTS:
            self.dates += 1
            moment = _START + timedelta(days=self.dates - 1)
            return moment.strftime(node.datetime_format or _LAYOUTS[node.format])
        if node.format in _FORMAT_VALUES:
            return _FORMAT_VALUES[node.format]
        return self._by_type(node)

    def _by_type(self, node: FieldNode) -> object:
        expr = node.type
        if isinstance(expr, EnumRef):
            return self.enums[expr.name].members[0].value
        if isinstance(expr, ModelRef):
            return {}  # `arg` fills in the model's required fields
        if isinstance(expr, ArrayOf):
            return []
        if isinstance(expr, Primitive) and expr.kind in _PRIMITIVES:
            return _PRIMITIVES[expr.kind]
        minimum = node.constraints.min_length or 0
        return f"<{node.python}>".ljust(minimum, "x")  # a string: name what it stands for


def _given(endpoint: EndpointNode) -> Mapping[str, object]:
    """The request of the spec's first real (not schematic, not error) example, by wire name."""
    for example in endpoint.examples:
        if example.request is not None and not (example.schematic or example.error):
            return example.request
    return {}


def _one_of_each_group(endpoint: EndpointNode, args: tuple[Arg, ...],
                       values: _Values) -> tuple[Arg, ...]:
    """Add a param where a rule demands one of several and the example gives none of them."""
    for rule in endpoint.rules:
        paths = rule.python_paths
        if rule.kind not in ("exactly_one_of", "at_least_one_of") or any(len(p) > 1 for p in paths):
            continue
        if not {arg.name for arg in args} & {path[0] for path in paths}:
            node = next(param for param in endpoint.params if param.python == paths[0][0])
            args += (values.arg(node, values.invent(node)),)
    return args


def _call(api: ApiNode, endpoint: EndpointNode, method: str, skip: frozenset[str] = frozenset(),
          first: tuple[Arg, ...] = (), iterates: bool = False) -> Call:
    values = _Values(api)
    credentials = frozenset(c.wire for s in (api.auth.schemes if api.auth else ())
                            for c in s.credentials)
    args = values.args(endpoint.params, _given(endpoint), skip | credentials)
    label = link(code_span(endpoint.name), endpoint_anchor(endpoint.name))
    return Call(method, first + _one_of_each_group(endpoint, args, values), iterates, label)


def _first(api: ApiNode, test: Callable[[EndpointNode], bool]) -> EndpointNode | None:
    return next((endpoint for endpoint in api.endpoints if test(endpoint)), None)


def _variable_args(api: ApiNode) -> tuple[Arg, ...]:
    """Server variables without a default: the spec's example, else from the environment."""
    args = []
    for variable in api.variables:
        if variable.default is not None:
            continue
        if variable.example is not None or variable.enum:
            args.append(Arg(variable.python, literal=py_literal(variable.example or variable.enum[0])))
        else:
            args.append(Arg(variable.python, env=env_name(api, variable.python)))
    return tuple(args)


def _credential_args(api: ApiNode, schemes: Sequence[SchemeNode], wrong: bool) -> tuple[Arg, ...]:
    credentials = [credential for scheme in schemes for credential in scheme.credentials]
    if wrong:
        return tuple(Arg(c.python, literal=py_literal(WRONG_CREDENTIAL)) for c in credentials)
    return tuple(Arg(c.python, env=env_name(api, c.python)) for c in credentials)


def _builds(api: ApiNode, wrong: bool = False) -> tuple[Call, ...]:
    """One constructor call per auth alternative (all schemes at once when all are needed)."""
    variables = _variable_args(api)
    if api.auth is None:
        return (Call(api.client_class, variables),)
    groups = [[scheme] for scheme in api.auth.schemes] if api.auth.mode == "one_of" else [
        list(api.auth.schemes)]
    return tuple(
        Call(api.client_class, _credential_args(api, group, wrong) + variables,
             label=", ".join(code_span(scheme.name) for scheme in group))
        for group in groups
    )


def _endpoint_calls(api: ApiNode) -> tuple[Call | None, ...]:
    """The one call, the paging loop, the CSV stream and the download of the examples."""
    plain = _first(api, lambda e: not e.deprecated and e.response.format == "json") or (
        api.endpoints[0] if api.endpoints else None)
    paged = _first(api, lambda e: e.pagination is not None)
    csv = _first(api, lambda e: e.response.csv is not None)
    download = _first(api, lambda e: e.response.download is not None)
    return (
        _call(api, plain, plain.method, iterates=plain.response.csv is not None) if plain else None,
        _call(api, paged, paged.pagination.items_method, _paging_params(paged.pagination),
              iterates=True) if paged and paged.pagination else None,
        _call(api, csv, csv.method, iterates=True) if csv else None,
        _call(api, download, download.download_method,
              first=(Arg("dest", literal=py_literal(".")),)) if download else None,
    )


def _paging_params(page: PaginationNode) -> frozenset[str]:
    """The params the iterator sets itself, left out of the paging example."""
    named = (page.offset, page.limit, page.page or "", page.cursor or "")
    return frozenset(name for name in named if name) | {param for param, _ in page.companions}


def _has_model(args: Sequence[Arg]) -> bool:
    return any(arg.model or _has_model(arg.args) for arg in args)


def usage(api: ApiNode) -> Usage:
    """The examples of a vendor's README (from the redacted IR: no credential value in it)."""
    call, paging, csv, download = _endpoint_calls(api)
    calls = [item for item in (call, paging, csv, download) if item is not None]
    builds = _builds(api)
    return Usage(
        package=f"generated.{api.vendor_id}",
        client=api.client_class,
        async_client=api.async_client_class,
        uses_models=any(_has_model(item.args) for item in calls),
        builds=builds,
        alternatives=len(builds) > 1,
        wrong_build=_builds(api, wrong=True)[0] if api.auth else None,
        call=call,
        paging=paging,
        csv=csv,
        download=download,
        quick=paging or call,
        errors_link=link("Errors", "section-errors") if documented(api.errors) else (
            call.label if call else "the endpoints"),
    )
