"""Emit generated/<vendor>/client.py: the API description as runtime data, and a sync and an
async client whose methods are request-model validation plus one call into the runtime."""

# Everything Python in the module is a typed value (generator.emit.pyvalue): the runtime data
# comes from generator.emit.description (add runtime-description fields there), signatures and
# calls from here; templates/client.py.j2 only lays them out, imports are collected from values.

from __future__ import annotations

from dataclasses import dataclass

from generator.emit.description import api_description, operation, runtime
from generator.emit.imports import Imports
from generator.emit.pyvalue import (
    Annotation,
    Call,
    DictOf,
    Lit,
    ParamsOf,
    Ref,
    Symbol,
    TypeRef,
    UnionOf,
    Value,
    attribute,
    builtin,
    call,
    imported,
    value,
)
from generator.emit.render import docstring_body, py_literal, render
from generator.emit.unions import record_value
from generator.ir.nodes import (
    NO_VALUE,
    ApiNode,
    ArrayOf,
    EndpointNode,
    EnumRef,
    FieldNode,
    ModelRef,
    OneOf,
    Primitive,
    SchemeNode,
    TypeExpr,
)

__all__ = ["render_client", "build_view", "annotation", "ClientView", "ClassView", "MethodView",
           "Param", "ParamsView"]

_ANY = TypeRef(imported("typing", "Any"))
_STR = TypeRef(builtin("str"))
_PRIMITIVES = {
    "string": _STR,
    "integer": TypeRef(builtin("int")),
    "number": TypeRef(builtin("float")),
    "boolean": TypeRef(builtin("bool")),
    "any": _ANY,
    "object": TypeRef(builtin("dict"), (_STR, _ANY)),
}
_PATH = TypeRef(imported("pathlib", "Path"))
_NO_ARGS = ParamsOf()  # the `[]` of Callable[[], ...]
_RESPONSE = TypeRef(attribute("httpx", "Response"))


@dataclass(frozen=True)
class Param:
    """A keyword parameter; `default` None means required."""

    name: str
    annotation: Annotation
    default: Value | None = None


@dataclass(frozen=True)
class MethodView:
    name: str
    define: str  # "def" or "async def"
    docstring: str
    params: tuple[Param, ...]  # keyword-only
    star_params: Annotation | None  # `**params: Unpack[...]` of the secondary methods
    returns: Annotation
    request: Call  # builds `request`, the validated request model
    result: Call  # the runtime call that ends the method
    awaits: str  # "" or "await "


@dataclass(frozen=True)
class ParamsView:
    """The keyword arguments of one endpoint as a TypedDict, shared by its secondary methods."""

    name: str
    method: str
    base: Symbol
    fields: tuple[tuple[str, Annotation], ...]


@dataclass(frozen=True)
class ClassView:
    name: str
    base: Symbol
    docstring: str
    constructor: tuple[Param, ...]
    init: Call  # super().__init__(API, ...)
    methods: tuple[MethodView, ...]


@dataclass(frozen=True)
class ClientView:
    vendor_name: str
    imports: Imports
    exports: Lit
    description: Call  # API = ApiDescription(...)
    operations: tuple[tuple[str, Call], ...]  # (constant name, Operation(...))
    params: tuple[ParamsView, ...]
    classes: tuple[ClassView, ...]


def _model(name: str) -> Symbol:
    return attribute(".models", name)


def annotation(expr: TypeExpr, field_format: str | None = None) -> TypeRef:
    if isinstance(expr, (EnumRef, ModelRef)):
        return TypeRef(_model(expr.name))
    if isinstance(expr, ArrayOf):
        inner = annotation(expr.items)
        if expr.items_nullable:
            inner = TypeRef(inner.symbol, inner.args, optional=True)
        return TypeRef(builtin("list"), (inner,))
    if isinstance(expr, OneOf):  # a union param: its request model checks which variant fits
        return _ANY
    assert isinstance(expr, Primitive)
    if expr.kind == "string" and field_format == "rfc3339":
        return TypeRef(imported("datetime", "datetime"))
    return _PRIMITIVES[expr.kind]


def _typed(node: FieldNode) -> Annotation | None:
    """A typed value's annotation: `datetime | str` (the Python type, or the text already in the
    wire format) or a field-name Literal of models.py; a list of them for an array."""
    if node.alias is None:
        return None
    array = isinstance(node.type, ArrayOf)
    wire = node.type.items if isinstance(node.type, ArrayOf) else node.type
    item: Annotation = TypeRef(_model(node.alias))
    if node.wire_type is not None:
        item = UnionOf((TypeRef(imported("datetime", node.wire_type)), annotation(wire)))
    return TypeRef(builtin("list"), (item,)) if array else item


def _optional(base: Annotation) -> Annotation:
    if isinstance(base, UnionOf):
        last = base.members[-1]
        return UnionOf((*base.members[:-1], TypeRef(last.symbol, last.args, optional=True)))
    assert isinstance(base, TypeRef)  # a parameter list is never a param's annotation
    return TypeRef(base.symbol, base.args, optional=True)


def _param(node: FieldNode) -> Param:
    typed = _typed(node)
    if typed is not None:
        if node.required:
            return Param(node.python, typed)
        return Param(node.python, _optional(typed), value(None))
    base = annotation(node.type, node.format)
    if node.default is not NO_VALUE and node.default is not None and node.send_default:
        if isinstance(node.type, EnumRef):
            return Param(node.python, base, call(_model(node.type.name), node.default))
        return Param(node.python, base, value(node.default))
    if node.required and node.default is NO_VALUE:
        return Param(node.python, base)
    return Param(node.python, _optional(base), value(None))


def _default_note(node: FieldNode) -> str:
    """What the docs of a param say about a vendor default the client does not send."""
    if node.default is NO_VALUE or node.default is None or node.send_default:
        return ""
    return f" (vendor default {py_literal(node.default)}; not sent unless given)"


def _signature(endpoint: EndpointNode) -> tuple[Param, ...]:
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
        lines += [f"    {node.python}: {_one_line(node.description) or node.wire}"
                  f"{_default_note(node)}" for node in documented]
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


@dataclass(frozen=True)
class _Variant:
    """One method an endpoint gives a client, before it is made sync or async."""

    name: str
    runtime: Ref  # the runtime method, e.g. self._call
    extra_args: tuple[Value, ...]  # after (OPERATION, request)
    returns: Annotation  # of one item, for iterators
    extra_doc: str = ""
    is_iterator: bool = False  # iterators are returned, not awaited
    params: tuple[Param, ...] = ()  # keyword-only, before **params (secondary methods)
    extra_kwargs: tuple[tuple[str, Value], ...] = ()  # runtime keyword arguments


# The runtime methods that end a generated method (generator/runtime/_sync.py, _async.py).
_CALL, _CALL_RAW = Ref("self._call"), Ref("self._call_raw")
_STREAM_CSV, _PAGINATE, _DOWNLOAD = Ref("self._stream_csv"), Ref("self._paginate"), Ref(
    "self._download")


def _variants(endpoint: EndpointNode) -> list[_Variant]:
    """A call, and iter_/download_/_raw where they apply."""
    response = endpoint.response
    variants = []
    if response.csv is not None:
        row = _model(response.csv.row_model)
        variants.append(_Variant(endpoint.method, _STREAM_CSV, (row,), TypeRef(row),
                                 " Streams the CSV body, one row model at a time.", True))
    elif response.format == "json":
        model = _model(response.model) if response.model else None
        variants.append(_Variant(endpoint.method, _CALL, (model or value(None),),
                                 TypeRef(model) if model else _ANY))
    else:
        variants.append(_Variant(endpoint.method, _CALL_RAW, (), _RESPONSE))
    variants += _paging_variants(endpoint)
    if response.download is not None:
        variants.append(_Variant(endpoint.download_method, _DOWNLOAD, (Ref("dest"),),
                                 _PATH, " Runs the call, then downloads the file it names.",
                                 params=(_DEST,)))
    variants.append(_Variant(endpoint.raw_method, _CALL_RAW, (), _RESPONSE,
                             " Returns the raw httpx response, unparsed."))
    return variants


_PAGINATE_PAGES = Ref("self._paginate_pages")
_OPTIONAL_INT = TypeRef(builtin("int"), optional=True)


def _paging_variants(endpoint: EndpointNode) -> list[_Variant]:
    """iter_<method> (every record) and iter_<method>_pages (every page model), whatever the
    style; both take the page size and iter_ a cap on the records, under the IR's names."""
    page, response = endpoint.pagination, endpoint.response
    if page is None or not response.record_model or not response.model:
        return []
    sized: tuple[Param, ...] = ()
    size_kwargs: tuple[tuple[str, Value], ...] = ()
    size_doc = ""
    if page.page_size_arg is not None:
        sized = (Param(page.page_size_arg, _OPTIONAL_INT, value(None)),)
        size_kwargs = (("page_size", Ref(page.page_size_arg)),)
        most = ("the vendor's default" if page.max_limit is None
                else f"{page.max_limit}, the most the vendor serves; more is refused")
        size_doc = f"\n\nArgs:\n    {page.page_size_arg}: records per page (default: {most})."
    cap = page.max_items_arg
    record, model = _model(response.record_model), _model(response.model)
    items = _Variant(
        page.items_method, _PAGINATE, (model, record_value(response, record)), TypeRef(record),
        " Iterates over every record, page by page." + (size_doc or "\n\nArgs:")
        + f"\n    {cap}: stop after this many records (default: all).", True,
        (*sized, Param(cap, _OPTIONAL_INT, value(None))),
        (*size_kwargs, ("max_items", Ref(cap))))
    pages = _Variant(page.pages_method, _PAGINATE_PAGES, (model,), TypeRef(model),
                     " Iterates over every page, as a whole response model." + size_doc, True,
                     sized, size_kwargs)
    return [items, pages]


_DEST = Param("dest", UnionOf((_STR, _PATH)))  # keyword-only, so it may follow defaults


def _method(endpoint: EndpointNode, variant: _Variant, is_async: bool) -> MethodView:
    """The primary method spells out and documents every param; the others take **params."""
    awaited = is_async and not variant.is_iterator
    define, awaits = ("async def", "await ") if awaited else ("def", "")
    returns = variant.returns
    if variant.is_iterator:
        iterator = imported("collections.abc", "AsyncIterator" if is_async else "Iterator")
        returns = TypeRef(iterator, (returns,))
    model = _model(endpoint.request_model)
    result = Call(variant.runtime,
                  (Ref(_constant(endpoint)), Ref("request"), *variant.extra_args),
                  variant.extra_kwargs)
    params = _signature(endpoint)
    if variant.name == endpoint.method:
        request = call(model, **{param.name: Ref(param.name) for param in params})
        return MethodView(variant.name, define, _docstring(endpoint, variant.extra_doc), params,
                          None, returns, request, result, awaits)
    unpack = TypeRef(imported("typing", "Unpack"), (TypeRef(builtin(_params_class(endpoint))),))
    return MethodView(
        variant.name, define,
        _indented(docstring_body(f"Like `{endpoint.method}`:{variant.extra_doc}"), " " * 8),
        variant.params,
        unpack if params else None, returns,
        Call(model, star_kwargs=Ref("params")) if params else Call(model), result, awaits)


def _params_class(endpoint: EndpointNode) -> str:
    return f"{endpoint.request_model.removesuffix('Request')}Params"


def _params_view(endpoint: EndpointNode) -> ParamsView:
    required = imported("typing", "Required")
    fields = tuple(
        (param.name, param.annotation if param.default is not None
         else TypeRef(required, (param.annotation,)))
        for param in _signature(endpoint)
    )
    return ParamsView(_params_class(endpoint), endpoint.method,
                      imported("typing", "TypedDict"), fields)


def _constant(endpoint: EndpointNode) -> str:
    return endpoint.constant  # decided in the IR, checked by the linter against module names


def _constructor(api: ApiNode, is_async: bool) -> tuple[Param, ...]:
    """Credentials (optional when there are alternatives) and server variables."""
    schemes = api.auth.schemes if api.auth else ()
    alternatives = len(schemes) > 1 and api.auth is not None and api.auth.mode == "one_of"
    params = [
        Param(credential.python, _credential_type(scheme, is_async, alternatives),
              value(None) if alternatives else None)
        for scheme in schemes for credential in scheme.credentials
    ]
    for variable in api.variables:  # optional: `server_url` may replace them all
        params.append(Param(variable.python, TypeRef(builtin("str"),
                                                     optional=variable.default is None),
                            value(variable.default)))
    return tuple(sorted(params, key=lambda param: param.default is not None))


def _credential_type(scheme: SchemeNode, is_async: bool, optional: bool) -> Annotation:
    """A fixed credential is a str; a token provider's is a callable returning the token (the
    async client also awaits what it returns), or one fixed token as a str."""
    if not scheme.token_provider:
        return TypeRef(builtin("str"), optional=optional)
    token: Annotation = _STR
    if is_async:
        token = UnionOf((_STR, TypeRef(imported("collections.abc", "Awaitable"), (_STR,))))
    provider = TypeRef(imported("collections.abc", "Callable"), (_NO_ARGS, token))
    members = (_STR, provider, TypeRef(builtin("None"))) if optional else (_STR, provider)
    return UnionOf(members)


def _settings(is_async: bool) -> tuple[Param, ...]:
    """The settings every client takes after the API's own credentials and variables."""
    transport = attribute("httpx", "AsyncBaseTransport" if is_async else "BaseTransport")
    optional_str = TypeRef(builtin("str"), optional=True)
    optional_int = TypeRef(builtin("int"), optional=True)
    timeout = UnionOf((TypeRef(builtin("float")),
                       TypeRef(attribute("httpx", "Timeout"), optional=True)))
    headers = TypeRef(imported("collections.abc", "Mapping"),
                      (TypeRef(builtin("str")), TypeRef(builtin("str"))), optional=True)
    return (
        Param("timeout", timeout, runtime("DEFAULT_TIMEOUT")),
        Param("deadline", TypeRef(builtin("float"), optional=True), runtime("DEFAULT_DEADLINE")),
        Param("max_body_bytes", optional_int, runtime("DEFAULT_MAX_BODY_BYTES")),
        Param("max_csv_record_chars", optional_int, runtime("DEFAULT_MAX_CSV_RECORD_CHARS")),
        Param("headers", headers, value(None)),
        Param("transport", TypeRef(transport, optional=True), value(None)),
        Param("retry", TypeRef(runtime("RetryPolicy"), optional=True), value(None)),
        Param("user_agent", optional_str, value(None)),
        Param("strict", TypeRef(builtin("bool")), value(False)),
        Param("server_url", optional_str, value(None)),
    )


def _class(api: ApiNode, is_async: bool) -> ClassView:
    settings = _settings(is_async)
    credentials = {credential.wire: credential.python
                   for scheme in (api.auth.schemes if api.auth else ())
                   for credential in scheme.credentials}
    init = Call(Ref("super().__init__"), (Ref("API"),), (
        ("credentials", _mapping(credentials)),
        ("variables", _mapping({variable.name: variable.python for variable in api.variables})),
        *((param.name, Ref(param.name)) for param in settings),
    ))
    methods = tuple(_method(endpoint, variant, is_async) for endpoint in api.endpoints
                    for variant in _variants(endpoint))
    kind = "Asynchronous" if is_async else "Synchronous"
    return ClassView(api.async_client_class if is_async else api.client_class,
                     runtime("AsyncClient" if is_async else "SyncClient"),
                     f"{kind} client of the {api.vendor_name} API.",
                     (*_constructor(api, is_async), *settings), init, methods)


def _mapping(mapping: dict[str, str]) -> DictOf:
    """`{"wire": python_name, ...}`: the keys are literals, the values are the kwargs."""
    return DictOf(tuple((value(wire), Ref(python)) for wire, python in mapping.items()))


def build_view(api: ApiNode) -> ClientView:
    description = api_description(api)
    operations = tuple((_constant(endpoint), operation(endpoint)) for endpoint in api.endpoints)
    params = tuple(_params_view(endpoint) for endpoint in api.endpoints
                   if any(node.const is NO_VALUE for node in endpoint.params))
    classes = (_class(api, False), _class(api, True))
    return ClientView(
        vendor_name=api.vendor_name,
        imports=Imports.of(description, operations, params, classes),
        exports=Lit([api.client_class, api.async_client_class, "API"]),
        description=description,
        operations=operations,
        params=params,
        classes=classes,
    )


def render_client(api: ApiNode) -> str:
    """client.py of one vendor, unformatted (the format step runs black)."""
    return render("client.py.j2", view=build_view(api))
