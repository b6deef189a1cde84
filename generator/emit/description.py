"""The runtime description of an API (`ApiDescription`, `Operation`, …) as typed call values.

To pass a new field of a runtime dataclass (generator/runtime/_description.py): add one
`field=<IR value>` line to the builder of that class below, at the place of the field in the
dataclass. Plain IR data (str, bool, tuples, dicts) becomes a literal by itself. If the field
has a default in the runtime, add it to `DEFAULTS` too, so that generated code leaves it out
when it equals the default (tests/emit/test_description.py checks `DEFAULTS` against the
runtime dataclasses).
"""

from __future__ import annotations

from generator.emit.pyvalue import (
    Call,
    DictOf,
    Symbol,
    TupleOf,
    Value,
    attribute,
    call,
    folded,
    imported,
    value,
)
from generator.emit.query import query_styles
from generator.ir.nodes import (
    ApiNode,
    CsvNode,
    DownloadNode,
    EndpointNode,
    ErrorsNode,
    PaginationNode,
    OAuth2Node,
    SchemeNode,
    VariableNode,
)

__all__ = ["RUNTIME", "DEFAULTS", "runtime", "described", "api_description", "operation"]

RUNTIME = "generator.runtime"


def runtime(name: str) -> Symbol:
    """A name generated code imports from the runtime."""
    return imported(RUNTIME, name)


# Cursor and link pages end on their own (no next cursor or link), not on a short page.
_LENIENT_STOP = Call(runtime("PageStop"), kwargs=(("short_page", value(False)),))

# The defaults of the runtime dataclasses: a keyword argument equal to its default is left out
# of the generated call (the generated code then shows only what differs).
DEFAULTS: dict[str, dict[str, Value]] = {
    "Variable": {"default": value(None), "enum": value(())},
    "Server": {"variables": value(())},
    "Credential": {"secret": value(True)},
    "AuthScheme": {"style": value("plain"), "header": value("Authorization"),
                   "username": value(None), "password": value(None),
                   "token_provider": value(False), "oauth2": value(None)},
    "OAuth2Flow": {"scopes": value(()), "client_auth": value("basic"), "leeway": value(30)},
    "ErrorCodeInfo": {"category": value(None), "message": value(None), "remedy": value(None)},
    "ErrorRules": {"in_body_code": value(None), "in_body_message": value(None),
                   "error_when": value(None), "success_codes": value(None),
                   "jsonrpc": value(False), "codes": value({}), "body": value(None),
                   "models": value({})},
    "ErrorBodyPaths": {"code": value(()), "code_url": value(()), "message": value(()),
                       "detail": value(())},
    "Pagination": {"max_limit": value(None), "stop": Call(runtime("PageStop"))},
    "PageStop": {"empty_page": value(True), "short_page": value(True), "total": value(None),
                 "when": value(None), "total_pages": value(None)},
    "PageNumberPaging": {"size": value(None), "first_page": value(1), "max_size": value(None),
                         "stop": Call(runtime("PageStop"))},
    "CursorPaging": {"size": value(None), "companions": value({}), "max_size": value(None),
                     "stop": _LENIENT_STOP},
    "LinkPaging": {"source": value("body"), "path": value(None), "rel": value("next"),
                   "relative_to": value("absolute"), "size": value(None),
                   "max_size": value(None), "stop": _LENIENT_STOP},
    "CsvLayout": {"delimiter": value(","), "quote": value('"'), "excel_apostrophes": value(False)},
    "DownloadRule": {"auth": value(())},
    "Operation": {"transport": value("rest"), "rpc_method": value(None), "auth": value(()),
                  "idempotent": value(False), "deprecated": value(None),
                  "response_format": value("json"), "records": value(None),
                  "pagination": value(None), "csv": value(None), "download": value(None),
                  "errors": Call(runtime("ErrorRules")), "query_styles": value({})},
    "ApiDescription": {"schemes": value(()), "auth_mode": value("one_of")},
}


def described(name: str, /, **fields: object) -> Call:
    """`name(**fields)` of the runtime, without the fields equal to their `DEFAULTS`."""
    defaults = DEFAULTS.get(name, {})
    kept = {}
    for field, data in fields.items():
        given = value(data)
        canonical, default = folded(given), defaults.get(field)
        # repr as well as ==: a literal 0 is not the default False, nor [] the default ().
        if default is None or canonical != default or repr(canonical) != repr(default):
            kept[field] = given
    return call(runtime(name), **kept)


def _tuple(items: list[Call]) -> TupleOf:
    """Runtime objects in a tuple stand one per line, however short."""
    return TupleOf(tuple(items), one_per_line=True)


def _variable(variable: VariableNode) -> Call:
    return described("Variable", name=variable.name, default=variable.default,
                     enum=variable.enum)


def _scheme(scheme: SchemeNode) -> Call:
    credentials = [described("Credential", wire=credential.wire, secret=credential.secret)
                   for credential in scheme.credentials]
    return described("AuthScheme", name=scheme.name, location=scheme.location,
                     credentials=_tuple(credentials), style=scheme.style, header=scheme.header,
                     username=scheme.username, password=scheme.password,
                     token_provider=scheme.token_provider, oauth2=_oauth2(scheme.oauth2))


def _oauth2(flow: OAuth2Node | None) -> Call | None:
    """OAuth 2.0 client credentials: the token endpoint and how to ask it."""
    if flow is None:
        return None
    return described("OAuth2Flow", token_url=flow.token_url, client_id=flow.client_id,
                     client_secret=flow.client_secret, scopes=flow.scopes,
                     client_auth=flow.client_auth, leeway=flow.leeway)


def api_description(api: ApiNode) -> Call:
    server = described("Server", url=api.server_url,
                       variables=_tuple([_variable(variable) for variable in api.variables]))
    schemes = api.auth.schemes if api.auth else ()
    return described("ApiDescription", vendor=api.vendor_name, server=server,
                     schemes=_tuple([_scheme(scheme) for scheme in schemes]),
                     auth_mode=api.auth.mode if api.auth else "one_of")


def _errors(errors: ErrorsNode) -> Call:
    codes = DictOf(tuple(
        (value(code.code),
         described("ErrorCodeInfo", category=code.category, message=code.message,
                   remedy=code.remedy))
        for code in errors.codes))
    condition = None
    if errors.error_when is not None:
        path, expected = errors.error_when
        condition = described("BodyCondition", path=path, value=expected)
    return described("ErrorRules", in_body_code=errors.in_body_code,
                     in_body_message=errors.in_body_message, error_when=condition,
                     success_codes=errors.success_codes, jsonrpc=errors.jsonrpc,
                     codes=codes, body=_error_body(errors), models=_error_models(errors))


def _error_body(errors: ErrorsNode) -> Call | None:
    """Where error bodies keep code, message and detail, when the spec says."""
    paths = {"code": errors.body_code, "code_url": errors.body_code_url,
             "message": errors.body_message, "detail": errors.body_detail}
    return described("ErrorBodyPaths", **paths) if any(paths.values()) else None


def _error_models(errors: ErrorsNode) -> DictOf:
    """HTTP status → the generated model of its error body."""
    return DictOf(tuple((value(status), attribute(".models", ref.name))
                        for status, _, ref in errors.http if ref is not None))


def _pagination(page: PaginationNode | None) -> Call | None:
    """One runtime class per style: Pagination (offset/limit), PageNumberPaging, CursorPaging,
    LinkPaging; the stop rules as a PageStop where they differ from the style's default."""
    if page is None:
        return None
    condition = None
    if page.stop_when is not None:
        condition = described("BodyCondition", path=page.stop_when[0], value=page.stop_when[1])
    stop = described("PageStop", empty_page=page.stop_empty, short_page=page.stop_short,
                     total=page.total, when=condition, total_pages=page.total_pages)
    if page.style == "offset_limit":
        return described("Pagination", offset=page.offset, limit=page.limit,
                         records=page.records, max_limit=page.max_limit, stop=stop)
    shared = {"size": page.limit or None, "max_size": page.max_limit, "stop": stop}
    if page.style == "page_number":
        return described("PageNumberPaging", page=page.page, records=page.records,
                         first_page=page.first_page, **shared)
    if page.style == "cursor":
        return described("CursorPaging", cursor=page.cursor, next_cursor=page.next_cursor,
                         records=page.records, companions=dict(page.companions), **shared)
    link = page.next_link
    assert link is not None
    return described("LinkPaging", records=page.records, source=link.location, path=link.path,
                     rel=link.rel, relative_to=link.relative_to, **shared)


def _csv(csv: CsvNode | None) -> Call | None:
    if csv is None:
        return None
    return described("CsvLayout", columns=csv.columns, header=csv.header,
                     delimiter=csv.delimiter, quote=csv.quote,
                     excel_apostrophes=csv.excel_apostrophes)


def _download(download: DownloadNode | None) -> Call | None:
    if download is None:
        return None
    return described("DownloadRule", url=download.url, relative_to=download.relative_to,
                     auth=download.auth)


def operation(endpoint: EndpointNode) -> Call:
    response = endpoint.response
    return described(
        "Operation",
        name=endpoint.name,
        http_method=endpoint.http_method,
        path=endpoint.path,
        locations={node.wire: node.location for node in endpoint.params},
        transport=endpoint.transport,
        rpc_method=endpoint.rpc_method,
        auth=endpoint.auth,
        idempotent=endpoint.idempotent,
        deprecated=endpoint.deprecated,
        response_format=response.format,
        records=response.records,
        pagination=_pagination(endpoint.pagination),
        csv=_csv(response.csv),
        download=_download(response.download),
        errors=_errors(endpoint.errors),
        query_styles=query_styles(endpoint),
    )
