"""Emit generated/<vendor>/client.py: the API description as runtime data, and a sync and an
async client whose methods are request-model validation plus one call into the runtime."""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.emit.render import docstring_body, py_literal, render
from generator.ir.nodes import (
    NO_VALUE,
    ApiNode,
    ArrayOf,
    EndpointNode,
    EnumRef,
    ErrorsNode,
    FieldNode,
    ModelRef,
    PaginationNode,
    Primitive,
    TypeExpr,
)

__all__ = ["render_client", "ClientView", "MethodView", "ParamView"]

_PRIMITIVES = {
    "string": "str",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "any": "Any",
    "object": "dict[str, Any]",
}


@dataclass(frozen=True)
class ParamView:
    python: str
    annotation: str
    default: str | None  # source of the default, None when the param is required

    @property
    def declaration(self) -> str:
        head = f"{self.python}: {self.annotation}"
        return head if self.default is None else f"{head} = {self.default}"


@dataclass(frozen=True)
class MethodView:
    name: str
    request_model: str
    docstring: str
    params: tuple[ParamView, ...]
    request_args: tuple[str, ...]  # Python names passed on to the request model
    runtime: str  # the runtime method that ends the method, after `request` is built
    arguments: tuple[str, ...]
    returns: str
    define: str  # "def" or "async def"
    awaits: str  # "" or "await "
    unpack: str | None = None  # TypedDict of the params, for methods that take **params


@dataclass(frozen=True)
class ParamsView:
    """The keyword arguments of one endpoint as a TypedDict, shared by its secondary methods."""

    name: str
    method: str
    fields: tuple[tuple[str, str], ...]  # (Python name, annotation)


@dataclass(frozen=True)
class ClientView:
    vendor_name: str
    spec_file: str
    client_class: str
    async_client_class: str
    imports: tuple[str, ...]
    description_source: str  # API = ApiDescription(...)
    operations: tuple[tuple[str, str], ...]  # (constant name, Operation(...) source)
    constructor: tuple[ParamView, ...]
    credentials: str  # dict source
    variables: str  # dict source
    sync_methods: tuple[MethodView, ...]
    async_methods: tuple[MethodView, ...]
    params: tuple[ParamsView, ...]


def annotation(expr: TypeExpr, field_format: str | None = None) -> str:
    if isinstance(expr, (EnumRef, ModelRef)):
        return f"models.{expr.name}"
    if isinstance(expr, ArrayOf):
        inner = annotation(expr.items)
        return f"list[{inner} | None]" if expr.items_nullable else f"list[{inner}]"
    assert isinstance(expr, Primitive)
    if expr.kind == "string" and field_format == "rfc3339":
        return "datetime"
    return _PRIMITIVES[expr.kind]


def _default_source(node: FieldNode) -> str:
    if isinstance(node.type, EnumRef):
        enum_value = node.default
        return f"models.{node.type.name}({py_literal(enum_value)})"
    return py_literal(node.default)


def _param(node: FieldNode) -> ParamView:
    base = annotation(node.type, node.format)
    if node.default is not NO_VALUE and node.default is not None:
        return ParamView(node.python, base, _default_source(node))
    if node.required:
        return ParamView(node.python, base, None)
    return ParamView(node.python, f"{base} | None", "None")


def _signature(endpoint: EndpointNode) -> tuple[ParamView, ...]:
    """Every settable param, required ones first; consts are fixed by the model."""
    params = [_param(node) for node in endpoint.params if node.const is NO_VALUE]
    return tuple(sorted(params, key=lambda param: param.default is not None))


def _docstring(endpoint: EndpointNode, extra: str = "") -> str:
    lines = [endpoint.summary.rstrip(".") + "." + extra]
    if endpoint.description:
        lines += ["", endpoint.description]
    if endpoint.deprecated:
        lines += ["", f"Deprecated: {endpoint.deprecated}"]
    documented = [node for node in endpoint.params if node.const is NO_VALUE]
    if documented:
        lines += ["", "Args:"]
        lines += [f"    {node.python}: {_one_line(node.description) or node.wire}" for node in documented]
    return _indented(docstring_body("\n".join(lines)), " " * 8)


def _indented(body: str, indent: str) -> str:
    """A multi-line docstring laid out as black lays it out inside a method."""
    if "\n" not in body:
        return body
    lines = body.split("\n")
    rest = [f"{indent}{line}".rstrip() if line.strip() else "" for line in lines[1:]]
    return "\n".join([lines[0], *rest]) + f"\n{indent}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _methods(api: ApiNode, endpoint: EndpointNode, is_async: bool) -> list[MethodView]:
    """The methods one endpoint gives a client: a call, and iter_/download_ where it applies."""
    operation = _constant(endpoint)
    response = endpoint.response
    params = _signature(endpoint)
    request_args = tuple(param.python for param in params)
    iterator = "AsyncIterator" if is_async else "Iterator"
    methods: list[MethodView] = []

    def add(name: str, call: tuple[str, ...], returns: str, extra: str = "",
            is_iterator: bool = False) -> None:
        # Iterators are returned, not awaited: async generators start when iterated.
        define, awaits = ("async def", "await ") if is_async and not is_iterator else ("def", "")
        if name == endpoint.method:  # the primary method spells out and documents every param
            methods.append(MethodView(name, endpoint.request_model, _docstring(endpoint, extra),
                                      params, request_args, call[0], call[1:], returns, define,
                                      awaits))
            return
        signature = (_DEST,) if name.startswith("download_") else ()
        docstring = docstring_body(f"Like `{endpoint.method}`:{extra}")
        methods.append(MethodView(name, endpoint.request_model, docstring, signature, (),
                                  call[0], call[1:], returns, define, awaits,
                                  unpack=_params_class(endpoint) if params else None))

    if response.csv is not None:
        row = f"models.{response.csv.row_model}"
        add(endpoint.method, ("_stream_csv", operation, "request", row), f"{iterator}[{row}]",
            " Streams the CSV body, one row model at a time.", True)
    elif response.format == "json":
        model = f"models.{response.model}" if response.model else "None"
        returns = f"models.{response.model}" if response.model else "Any"
        add(endpoint.method, ("_call", operation, "request", model), returns)
    else:
        add(endpoint.method, ("_call_raw", operation, "request"), "httpx.Response")
    methods += _paging_methods(endpoint, is_async)
    if response.download is not None:
        add(f"download_{endpoint.method}", ("_download", operation, "request", "dest"), "Path",
            " Runs the call, then downloads the file it names.")
    add(f"{endpoint.method}_raw", ("_call_raw", operation, "request"), "httpx.Response",
        " Returns the raw httpx response, unparsed.")
    return methods


def _paging_methods(endpoint: EndpointNode, is_async: bool) -> list[MethodView]:
    """iter_<method> (every record) and iter_<method>_pages (every page model), whatever the
    style; both take the page size and iter_ a cap on the records, under names the IR chose."""
    page, response = endpoint.pagination, endpoint.response
    if page is None or not response.record_model or not response.model:
        return []
    iterator = "AsyncIterator" if is_async else "Iterator"
    sized = () if page.page_size_arg is None else (
        ParamView(page.page_size_arg, "int | None", "None"),)
    size_args = () if page.page_size_arg is None else (f"page_size={page.page_size_arg}",)
    most = ("the vendor's default" if page.max_limit is None
            else f"{page.max_limit}, the most the vendor serves; more is refused")
    size_doc = "" if page.page_size_arg is None else (
        f"\n\nArgs:\n    {page.page_size_arg}: records per page (default: {most}).")
    cap = ParamView(page.max_items_arg, "int | None", "None")
    model, record = f"models.{response.model}", f"models.{response.record_model}"
    unpack = _params_class(endpoint) if _signature(endpoint) else None
    common = (endpoint.request_model,)
    items = MethodView(
        page.items_method, *common,
        docstring_body(f"Like `{endpoint.method}`: Iterates over every record, page by page."
                       + (size_doc or "\n\nArgs:") + f"\n    {page.max_items_arg}: stop after "
                       "this many records (default: all)."),
        (*sized, cap), (), "_paginate",
        (_constant(endpoint), "request", model, record, *size_args,
         f"max_items={page.max_items_arg}"),
        f"{iterator}[{record}]", "def", "", unpack=unpack)
    pages = MethodView(
        page.pages_method, *common,
        docstring_body(f"Like `{endpoint.method}`: Iterates over every page, as a whole "
                       f"response model.{size_doc}"),
        sized, (), "_paginate_pages", (_constant(endpoint), "request", model, *size_args),
        f"{iterator}[{model}]", "def", "", unpack=unpack)
    return [_indented_doc(items), _indented_doc(pages)]


def _indented_doc(method: MethodView) -> MethodView:
    return replace(method, docstring=_indented(method.docstring, " " * 8))


def _params_class(endpoint: EndpointNode) -> str:
    return f"{endpoint.request_model.removesuffix('Request')}Params"


def _params_view(endpoint: EndpointNode) -> ParamsView:
    fields = tuple(
        (param.python, param.annotation if param.default is not None
         else f"Required[{param.annotation}]")
        for param in _signature(endpoint)
    )
    return ParamsView(_params_class(endpoint), endpoint.method, fields)


_DEST = ParamView("dest", "str | Path", None)  # keyword-only, so it may follow defaults


def _constant(endpoint: EndpointNode) -> str:
    return endpoint.method.upper()


def _call_args(**fields: object) -> str:
    """`name=literal` pairs for the fields that differ from the runtime's defaults."""
    return ", ".join(f"{name}={value}" for name, value in fields.items() if value is not None)


def _errors_source(errors: ErrorsNode) -> str | None:
    if not (errors.in_body_code or errors.jsonrpc or errors.codes):
        return None
    codes = ", ".join(
        f"{py_literal(code.code)}: ErrorCodeInfo({_call_args(category=_lit(code.category), message=_lit(code.message), remedy=_lit(code.remedy))})"
        for code in errors.codes
    )
    condition = None
    if errors.error_when is not None:
        path, value = errors.error_when
        condition = f"BodyCondition(path={py_literal(path)}, value={py_literal(value)})"
    return "ErrorRules(" + _call_args(
        in_body_code=_lit(errors.in_body_code),
        in_body_message=_lit(errors.in_body_message),
        error_when=condition,
        success_codes=_lit(errors.success_codes),
        jsonrpc="True" if errors.jsonrpc else None,
        codes="{" + codes + "}" if codes else None,
    ) + ")"


def _lit(value: object) -> str | None:
    return None if value is None else py_literal(value)


def _operation_source(endpoint: EndpointNode) -> str:
    response = endpoint.response
    page = endpoint.pagination
    csv = response.csv
    download = response.download
    locations = {node.wire: node.location for node in endpoint.params}
    return "Operation(" + _call_args(
        name=py_literal(endpoint.name),
        http_method=py_literal(endpoint.http_method),
        path=py_literal(endpoint.path),
        locations=py_literal(locations),
        transport=py_literal(endpoint.transport) if endpoint.transport != "rest" else None,
        rpc_method=_lit(endpoint.rpc_method),
        auth=py_literal(endpoint.auth) if endpoint.auth else None,
        idempotent="True" if endpoint.idempotent else None,
        deprecated=_lit(endpoint.deprecated),
        response_format=py_literal(response.format) if response.format != "json" else None,
        records=_lit(response.records),
        pagination=_pagination_source(page),
        csv=None if csv is None else "CsvLayout(" + _call_args(
            columns=py_literal(csv.columns), header=py_literal(csv.header),
            delimiter=_lit(csv.delimiter if csv.delimiter != "," else None),
            quote=_lit(csv.quote if csv.quote != '"' else None)) + ")",
        download=None if download is None else "DownloadRule(" + _call_args(
            url=py_literal(download.url), relative_to=py_literal(download.relative_to),
            auth=py_literal(download.auth) if download.auth else None) + ")",
        errors=_errors_source(endpoint.errors),
    ) + ")"


def _pagination_source(page: PaginationNode | None) -> str | None:
    """The runtime description of one style: Pagination (offset/limit), PageNumberPaging,
    CursorPaging or LinkPaging, with a PageStop where it differs from the style's default."""
    if page is None:
        return None
    size = page.limit or None
    default_short = page.style in ("offset_limit", "page_number")
    stop = "PageStop(" + _call_args(
        empty_page=None if page.stop_empty else "False",
        short_page=None if page.stop_short == default_short else py_literal(page.stop_short),
        total=_lit(page.total),
        when=None if page.stop_when is None else "BodyCondition(" + _call_args(
            path=py_literal(page.stop_when[0]), value=py_literal(page.stop_when[1])) + ")",
    ) + ")"
    stop_arg = None if stop == "PageStop()" else stop
    shared = {"records": py_literal(page.records), "max_size": _lit(page.max_limit),
              "size": _lit(size), "stop": stop_arg}
    if page.style == "offset_limit":
        return "Pagination(" + _call_args(
            offset=py_literal(page.offset), limit=py_literal(page.limit),
            records=py_literal(page.records), max_limit=_lit(page.max_limit), stop=stop_arg) + ")"
    if page.style == "page_number":
        return "PageNumberPaging(" + _call_args(
            page=_lit(page.page), first_page=None if page.first_page == 1 else "0", **shared) + ")"
    if page.style == "cursor":
        return "CursorPaging(" + _call_args(
            cursor=_lit(page.cursor), next_cursor=_lit(page.next_cursor),
            companions=py_literal(dict(page.companions)) if page.companions else None,
            **shared) + ")"
    link = page.next_link
    assert link is not None
    return "LinkPaging(" + _call_args(
        source=None if link.location == "body" else py_literal(link.location),
        path=_lit(link.path), rel=None if link.rel == "next" else py_literal(link.rel),
        relative_to=None if link.relative_to == "absolute" else py_literal(link.relative_to),
        **shared) + ")"


def _description_source(api: ApiNode) -> str:
    variables = ", ".join(
        "Variable(" + _call_args(name=py_literal(variable.name), default=_lit(variable.default),
                                 enum=py_literal(variable.enum) if variable.enum else None) + ")"
        for variable in api.variables
    )
    server = "Server(" + _call_args(url=py_literal(api.server_url),
                                    variables=f"({variables},)" if variables else None) + ")"
    schemes = ""
    if api.auth is not None:
        schemes = ", ".join(
            "AuthScheme(" + _call_args(
                name=py_literal(scheme.name),
                location=py_literal(scheme.location),
                credentials="(" + ", ".join(
                    "Credential(" + _call_args(wire=py_literal(credential.wire),
                                               secret=None if credential.secret else "False") + ")"
                    for credential in scheme.credentials) + ",)",
                style=py_literal(scheme.style) if scheme.style != "plain" else None,
                header=py_literal(scheme.header) if scheme.header != "Authorization" else None,
            ) + ")"
            for scheme in api.auth.schemes
        )
    mode = api.auth.mode if api.auth else "one_of"
    return "ApiDescription(" + _call_args(
        vendor=py_literal(api.vendor_name),
        server=server,
        schemes=f"({schemes},)" if schemes else None,
        auth_mode=py_literal(mode) if mode != "one_of" else None,
    ) + ")"


def _constructor(api: ApiNode) -> tuple[ParamView, ...]:
    """Credentials (optional when there are alternatives) and server variables."""
    schemes = api.auth.schemes if api.auth else ()
    alternatives = len(schemes) > 1 and api.auth is not None and api.auth.mode == "one_of"
    params = [
        ParamView(credential.python, "str | None" if alternatives else "str",
                  "None" if alternatives else None)
        for scheme in schemes for credential in scheme.credentials
    ]
    for variable in api.variables:  # optional: `server_url` may replace them all
        default = "None" if variable.default is None else py_literal(variable.default)
        params.append(ParamView(variable.python, "str | None" if default == "None" else "str",
                                default))
    return tuple(sorted(params, key=lambda param: param.default is not None))


def build_view(api: ApiNode) -> ClientView:
    credentials = {credential.wire: credential.python
                   for scheme in (api.auth.schemes if api.auth else ())
                   for credential in scheme.credentials}
    variables = {variable.name: variable.python for variable in api.variables}
    sync_methods = tuple(m for endpoint in api.endpoints for m in _methods(api, endpoint, False))
    description = _description_source(api)
    operations = tuple((_constant(endpoint), _operation_source(endpoint)) for endpoint in api.endpoints)
    return ClientView(
        vendor_name=api.vendor_name,
        spec_file=api.spec_file,
        client_class=api.client_class,
        async_client_class=api.async_client_class,
        imports=_imports(description, operations, sync_methods),
        description_source=description,
        operations=operations,
        constructor=_constructor(api),
        credentials=_mapping_source(credentials),
        variables=_mapping_source(variables),
        sync_methods=sync_methods,
        async_methods=tuple(m for endpoint in api.endpoints for m in _methods(api, endpoint, True)),
        params=tuple(_params_view(endpoint) for endpoint in api.endpoints if endpoint.params
                     and any(node.const is NO_VALUE for node in endpoint.params)),
    )


_RUNTIME_NAMES = (
    "ApiDescription", "AuthScheme", "BodyCondition", "Credential", "CsvLayout", "DownloadRule",
    "ErrorCodeInfo", "ErrorRules", "Operation", "Pagination", "Server", "Variable",
    "PageNumberPaging", "CursorPaging", "LinkPaging", "PageStop",
)


def _imports(description: str, operations: tuple[tuple[str, str], ...],
             methods: tuple[MethodView, ...]) -> tuple[str, ...]:
    """The import lines the module needs, from what its sources actually use."""
    data = description + "".join(source for _, source in operations)
    runtime = sorted({"AsyncClient", "RetryPolicy", "SyncClient"}
                     | {name for name in _RUNTIME_NAMES if f"{name}(" in data})
    signatures = " ".join(f"{m.returns} {' '.join(p.annotation for p in m.params)}" for m in methods)
    unpacks = any(method.unpack for method in methods)
    lines = []
    iterators = [name for name in ("AsyncIterator", "Iterator") if f"{name}[" in signatures
                 or name == "AsyncIterator" and "Iterator[" in signatures]
    if iterators:
        lines.append(f"from collections.abc import {', '.join(iterators)}")
    if "datetime" in signatures:
        lines.append("from datetime import datetime")
    if "Path" in signatures:
        lines.append("from pathlib import Path")
    typing = [name for name in ("Any", "Required", "TypedDict", "Unpack")
              if name == "Any" and "Any" in signatures or name != "Any" and unpacks]
    if typing:
        lines.append(f"from typing import {', '.join(typing)}")
    names = "".join(f"    {name},\n" for name in runtime)
    lines += ["", "import httpx", "", f"from generator.runtime import (\n{names})", "",
              "from . import models"]
    return tuple(lines)


def _mapping_source(mapping: dict[str, str]) -> str:
    """`{"wire": python_name, ...}`: the keys are literals, the values are the kwargs."""
    return "{" + ", ".join(f"{py_literal(wire)}: {python}" for wire, python in mapping.items()) + "}"


def render_client(api: ApiNode) -> str:
    """client.py of one vendor, unformatted (the format step runs black)."""
    return render("client.py.j2", view=build_view(api))
