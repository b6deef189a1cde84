"""Emit the Markdown docs: generated/<vendor>/README.md and the generated/README.md index."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import cast


from generator.ir.nodes import (
    NO_VALUE,
    ApiNode,
    ArrayOf,
    AuthNode,
    Constraints,
    CredentialNode,
    CsvNode,
    DownloadNode,
    EndpointNode,
    EnumMember,
    EnumNode,
    EnumRef,
    ErrorCodeNode,
    ErrorsNode,
    ExampleNode,
    FieldNode,
    ModelNode,
    ModelRef,
    NoteNode,
    PaginationNode,
    Primitive,
    ResponseNode,
    RuleNode,
    SchemeNode,
    TypeExpr,
    VariableNode,
)
from generator.emit.render import environment
from generator.emit.rule_words import not_one_of_text, ordering_text

__all__ = [
    "render_vendor_docs",
    "render_docs_index",
    "redact_api",
    "table_cell",
    "inline_text",
    "code_span",
    "cell_code",
    "paragraphs",
    "fenced_block",
    "format_value",
]

MASK = "***"
YES, NO, UNKNOWN = "✓", "–", "?"

# -- Markdown text -----------------------------------------------------------------------------

# A CommonMark code span: a backtick run closed by the next run of exactly the same length.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_ENTITY_START = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Line starts that would open a block (list item, heading, rule, fence) instead of a paragraph.
_BLOCK_START = re.compile(r"^(?:[-+*](?:\s|$)|[-*_]{3,}\s*$|#{1,6}(?:\s|$)|```|~~~)")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def _escape_prose(text: str) -> str:
    """Plain vendor text: no HTML, no entity, backslashes and pipes kept literal."""
    text = text.replace("\\", "\\\\")
    text = _ENTITY_START.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;").replace(MASK, r"\*\*\*")
    return text.replace("|", "\\|").replace("\n", "<br>")


def _escape_code(code: str, in_table: bool) -> str:
    """A vendor code span's content: only newlines (and pipes in tables) need care."""
    code = code.replace("\n", " ")
    return code.replace("|", "\\|") if in_table else code


def _inline(text: str, in_table: bool) -> str:
    text = "\n".join(line.strip() for line in _lines(text))
    parts: list[str] = []
    position = 0
    for match in _CODE_SPAN.finditer(text):
        parts.append(_escape_prose(text[position:match.start()]))
        fence = match.group(1)
        parts.append(fence + _escape_code(match.group(2), in_table) + fence)
        position = match.end()
    parts.append(_escape_prose(text[position:]))
    return "".join(parts)


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")


def table_cell(text: str) -> str:
    """Vendor text as one GFM table cell: `|` → `\\|`, newlines → `<br>`, `<`/`>` as entities.

    Code spans the text already holds stay code (their pipes escaped for the table); outside
    them backslashes are doubled so nothing the vendor wrote becomes an escape or HTML.
    """
    return _inline(text, in_table=True)


def inline_text(text: str) -> str:
    """Vendor text on one Markdown line outside a table (list item, bold topic, heading)."""
    return _inline(text, in_table=False)


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in re.findall(r"`+", text)), default=0)


def code_span(text: str) -> str:
    """`text` as a CommonMark code span: a fence longer than any backtick run inside, padded
    with a space where the content starts or ends with a backtick (or with spaces on both
    sides, which CommonMark would otherwise strip)."""
    text = text.replace("\r\n", "\n").replace("\n", " ")
    if not text:
        return "` `"
    fence = "`" * (_longest_backtick_run(text) + 1)
    edged = text[0] == "`" or text[-1] == "`"
    spaced = text[0] == " " and text[-1] == " " and bool(text.strip())
    pad = " " if edged or spaced else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def cell_code(text: str) -> str:
    """A code span that sits in a table cell (GFM removes the backslash before `|` again)."""
    return code_span(text).replace("|", "\\|")


def _block_safe(line: str) -> str:
    """Escape a paragraph line's first character where it would start another block."""
    ordered = _ORDERED_START.match(line)
    if ordered:
        return f"{ordered.group(1)}\\{line[len(ordered.group(1)):]}"
    return "\\" + line if _BLOCK_START.match(line) else line


def paragraphs(text: str) -> tuple[str, ...]:
    """Vendor prose as Markdown paragraphs, one per line of the text."""
    lines = (line.strip() for line in _lines(text))
    return tuple(_block_safe(inline_text(line)) for line in lines if line)


def fenced_block(text: str) -> str:
    """The fence for a code block holding `text`: longer than any backtick run inside it."""
    return "`" * max(3, _longest_backtick_run(text) + 1)


def format_value(value: object) -> str:
    """A spec value as shown in docs: a plain string as itself, anything else as JSON."""
    if isinstance(value, str) and value and value == value.strip() and "\n" not in value:
        return value
    return json.dumps(value, ensure_ascii=False)


def _value_cell(value: object) -> str:
    return "" if value is NO_VALUE else cell_code(format_value(value))


def _flag(value: bool | None) -> str:
    return UNKNOWN if value is None else YES if value else NO


def _join_code(values: Sequence[object]) -> str:
    return ", ".join(cell_code(format_value(value)) for value in values)


# -- redaction ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Redactor:
    """Masks every auth credential value: in examples by key, in prose by known value."""

    names: frozenset[str]  # credential wire names
    values: tuple[str, ...]  # credential values seen in real (non-schematic) examples

    def text(self, text: str) -> str:
        if not any(part in text for part in self.values) and not any(
            name in text for name in self.names
        ):
            return text  # the common case: nothing to mask, no regex needed
        for value in self.values:
            text = text.replace(value, MASK)
        if not self.names:
            return text
        names = "|".join(re.escape(name) for name in sorted(self.names))
        # `name=value` in query strings; `{name}` is a URL template (a name, not a value).
        text = re.sub(rf"\b({names})=(?!\{{)[^\s&\"'`<>|,;)\]}}]+", rf"\1={MASK}", text)
        # `"name": "value"` in JSON quoted by prose.
        return re.sub(rf'"({names})"(\s*:\s*)"[^"]*"', rf'"\1"\2"{MASK}"', text)

    def walk(self, value: object) -> object:
        """`value` itself when nothing in it is masked (so unchanged parts are never copied)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, FieldNode) and (value.secret or value.wire in self.names):
            value = replace(value, example=_masked(value.example), default=_masked(value.default))
        if is_dataclass(value) and not isinstance(value, type):
            changes = {}
            for name in _field_names(type(value)):
                old = getattr(value, name)
                new = self.walk(old)
                if new is not old:
                    changes[name] = new
            return replace(value, **changes) if changes else value
        if isinstance(value, (tuple, list)):
            items = [self.walk(item) for item in value]
            unchanged = all(new is old for new, old in zip(items, value))
            return value if unchanged else type(value)(items)
        if isinstance(value, dict):
            masked = {key: MASK if key in self.names else self.walk(item)
                      for key, item in value.items()}
            unchanged = all(masked[key] is item for key, item in value.items())
            return value if unchanged else masked
        return value


@functools.cache
def _field_names(node_type: type) -> tuple[str, ...]:
    return tuple(item.name for item in fields(node_type))


def _masked(value: object) -> object:
    return value if value is NO_VALUE else MASK


def _credentials(api: ApiNode) -> tuple[CredentialNode, ...]:
    schemes = api.auth.schemes if api.auth else ()
    return tuple(credential for scheme in schemes for credential in scheme.credentials)


def _example_secrets(api: ApiNode, names: frozenset[str]) -> Iterator[str]:
    for endpoint in api.endpoints:
        for example in endpoint.examples:
            if example.schematic or example.request is None:
                continue  # a schematic sample shows type names ("string"), not values
            for key, value in example.request.items():
                if key in names and isinstance(value, str) and len(value) >= 4:
                    yield value


def redact_api(api: ApiNode) -> ApiNode:
    """The IR with every credential value replaced by `***`, wherever the spec wrote it."""
    names = frozenset(credential.wire for credential in _credentials(api))
    secrets = sorted(set(_example_secrets(api, names)), key=lambda value: (-len(value), value))
    return cast(ApiNode, _Redactor(names, tuple(secrets)).walk(api))


# -- anchors and types -------------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-")


def model_anchor(name: str) -> str:
    return f"model-{_slug(name)}"


def enum_anchor(name: str) -> str:
    return f"enum-{_slug(name)}"


def endpoint_anchor(name: str) -> str:
    return f"endpoint-{_slug(name)}"


def scheme_anchor(name: str) -> str:
    return f"auth-{_slug(name)}"


def _link(text: str, anchor: str) -> str:
    return f"[{text}](#{anchor})"


def type_markup(expr: TypeExpr) -> str:
    """A type as Markdown: primitives by name, enums and models linked to their section."""
    if isinstance(expr, Primitive):
        return expr.kind
    if isinstance(expr, EnumRef):
        return _link(expr.name, enum_anchor(expr.name))
    if isinstance(expr, ModelRef):
        return _link(expr.name, model_anchor(expr.name))
    return f"array of {type_markup(expr.items)}{' or null' if expr.items_nullable else ''}"


def _field_type(node: FieldNode) -> str:
    return type_markup(node.type) + (", nullable" if node.nullable else "")


# -- fields ------------------------------------------------------------------------------------


def constraint_texts(constraints: Constraints) -> tuple[str, ...]:
    """`≥ 1`, `≤ 500`, `length ≤ 10`, `≤ 50 items`, `pattern …`: the constraints given."""
    bounds = (
        (constraints.minimum, "≥ {}"),
        (constraints.maximum, "≤ {}"),
        (constraints.min_length, "length ≥ {}"),
        (constraints.max_length, "length ≤ {}"),
        (constraints.max_items, "≤ {} items"),
    )
    texts = [template.format(value) for value, template in bounds if value is not None]
    if constraints.pattern is not None:
        texts.append(f"pattern {cell_code(constraints.pattern)}")
    return tuple(texts)


def _constraints_cell(node: FieldNode) -> str:
    texts = list(constraint_texts(node.constraints))
    if node.const is not NO_VALUE:
        texts.insert(0, f"always {_value_cell(node.const)}")
    return ", ".join(texts)


def format_text(node: FieldNode) -> str:
    """`datetime `%Y-%m-%d %H:%M:%S``, `rfc3339`, … or empty."""
    if node.format is None:
        return ""
    layout = f" {cell_code(node.datetime_format)}" if node.datetime_format else ""
    return f"{node.format}{layout}"


def _description_cell(node: FieldNode) -> str:
    parts = ["**Deprecated.**"] if node.deprecated else []
    parts += [table_cell(node.description)] if node.description else []
    parts += ["Secret."] if node.secret else []
    if node.example is not NO_VALUE:
        parts.append(f"*Example:* {_value_cell(node.example)}")
    if node.note:
        parts.append(f"*Note:* {table_cell(node.note)}")
    return "<br>".join(parts)


def _details_cell(node: FieldNode, location: str) -> str:
    """Everything a model table folds into one column: default, constraints, format, unit."""
    parts = [f"in {location}"] if location else []
    if node.default is not NO_VALUE:
        parts.append(f"default {_value_cell(node.default)}")
    parts += [text for text in (_constraints_cell(node), format_text(node)) if text]
    parts += [f"unit {table_cell(node.unit)}"] if node.unit else []
    parts += [f"applies to {_applies_to(node)}"] if node.applies_to else []
    return "; ".join(parts)


def _applies_to(node: FieldNode) -> str:
    return "; ".join(table_cell(item) for item in node.applies_to)


@dataclass(frozen=True)
class FieldRow:
    wire: str
    python: str
    location: str
    type: str
    required: str
    default: str
    constraints: str
    format: str
    unit: str
    applies_to: str
    details: str
    description: str
    filterable: str
    sortable: str
    returned_by_default: str


def field_row(node: FieldNode, prefix: tuple[str, str] = ("", ""), location: str = "") -> FieldRow:
    """One table row of a field; nested fields carry their dotted wire and Python paths."""
    return FieldRow(
        wire=cell_code(prefix[0] + node.wire),
        python=cell_code(prefix[1] + node.python),
        location=location,
        type=_field_type(node),
        required=YES if node.required else NO,
        default=_value_cell(node.default),
        constraints=_constraints_cell(node),
        format=format_text(node),
        unit=table_cell(node.unit or ""),
        applies_to=_applies_to(node),
        details=_details_cell(node, ""),
        description=_description_cell(node),
        filterable=_flag(node.filterable),
        sortable=_flag(node.sortable),
        returned_by_default=_flag(node.returned_by_default),
    )


def _inline_model(expr: TypeExpr, models: Mapping[str, ModelNode]) -> tuple[ModelNode, str] | None:
    """The inline object a field holds (directly, or as array items) and its path separator."""
    if isinstance(expr, ArrayOf):
        found = _inline_model(expr.items, models)
        return None if found is None else (found[0], "[]" + found[1])
    model = models.get(expr.name) if isinstance(expr, ModelRef) else None
    return (model, ".") if model is not None and model.kind == "inline" else None


def flat_rows(
    nodes: Sequence[FieldNode],
    models: Mapping[str, ModelNode],
    prefix: tuple[str, str] = ("", ""),
    location: str | None = None,
) -> tuple[FieldRow, ...]:
    """Rows of fields, each followed by the properties of the inline object it holds."""
    rows: list[FieldRow] = []
    for node in nodes:
        where = node.location or location or ""
        rows.append(field_row(node, prefix, where))
        inline = _inline_model(node.type, models)
        if inline is not None:
            model, separator = inline
            inner = (prefix[0] + node.wire + separator, prefix[1] + node.python + separator)
            rows.extend(flat_rows(model.fields, models, inner, where))
    return tuple(rows)


# -- views -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class VariableRow:
    name: str
    python: str
    default: str
    allowed: str
    example: str
    description: str


@dataclass(frozen=True)
class CredentialRow:
    wire: str
    python: str
    secret: str
    description: str


@dataclass(frozen=True)
class SchemeView:
    anchor: str
    name: str
    where: str
    description: tuple[str, ...]
    credentials: tuple[CredentialRow, ...]


@dataclass(frozen=True)
class AuthView:
    mode: str
    description: tuple[str, ...]
    schemes: tuple[SchemeView, ...]


@dataclass(frozen=True)
class HttpRow:
    status: str
    description: str
    body: str


@dataclass(frozen=True)
class CodeRow:
    code: str
    message: str
    description: str
    remedy: str
    category: str


@dataclass(frozen=True)
class ErrorsView:
    reference: str  # set when the endpoint's errors are exactly the common ones
    description: tuple[str, ...]
    detection: tuple[str, ...]
    http: tuple[HttpRow, ...]
    codes: tuple[CodeRow, ...]


@dataclass(frozen=True)
class CsvView:
    facts: tuple[Fact, ...]
    columns: tuple[FieldRow, ...]


@dataclass(frozen=True)
class ResponseView:
    facts: tuple[Fact, ...]
    description: tuple[str, ...]
    fields: tuple[FieldRow, ...]
    csv: CsvView | None
    download: tuple[Fact, ...]


@dataclass(frozen=True)
class CodeBlock:
    label: str
    fence: str
    language: str
    body: str


@dataclass(frozen=True)
class ExampleView:
    title: str
    label: str
    schematic: str
    description: tuple[str, ...]
    blocks: tuple[CodeBlock, ...]


@dataclass(frozen=True)
class NoteView:
    topic: str
    at: str
    doc_says: str
    decision: str
    why: str


@dataclass(frozen=True)
class EndpointView:
    anchor: str
    name: str
    summary: str
    deprecation: str
    facts: tuple[Fact, ...]
    description: tuple[str, ...]
    params: tuple[FieldRow, ...]
    rules: tuple[str, ...]
    pagination: tuple[Fact, ...]
    response: ResponseView
    errors: ErrorsView
    examples: tuple[ExampleView, ...]
    notes: tuple[NoteView, ...]


@dataclass(frozen=True)
class TocEntry:
    link: str
    text: str


@dataclass(frozen=True)
class ModelView:
    anchor: str
    name: str
    kind: str
    description: tuple[str, ...]
    extras: tuple[str, ...]
    has_metadata: bool
    fields: tuple[FieldRow, ...]


@dataclass(frozen=True)
class MemberRow:
    value: str
    name: str
    meaning: str


@dataclass(frozen=True)
class EnumView:
    anchor: str
    name: str
    kind: str
    description: tuple[str, ...]
    members: tuple[MemberRow, ...]


@dataclass(frozen=True)
class VendorView:
    title: str
    description: tuple[str, ...]
    facts: tuple[Fact, ...]
    server_url: str
    variables: tuple[VariableRow, ...]
    auth: AuthView | None
    toc: tuple[TocEntry, ...]
    endpoints: tuple[EndpointView, ...]
    errors: ErrorsView | None
    models: tuple[ModelView, ...]
    enums: tuple[EnumView, ...]
    notes: tuple[NoteView, ...]


@dataclass(frozen=True)
class IndexRow:
    link: str
    package: str
    endpoints: str
    source: str
    spec: str


# -- vendor, server, auth ----------------------------------------------------------------------


def source_text(api: ApiNode) -> str:
    """`Title (`file`, version v7.3, <url>)` of the document the spec was written from."""
    details = [cell_code(api.source_document)]
    details += [f"version {table_cell(api.source_version)}"] if api.source_version else []
    details += [f"&lt;{table_cell(api.source_url)}&gt;"] if api.source_url else []
    return f"{table_cell(api.source_title)} ({', '.join(details)})"


def _vendor_facts(api: ApiNode) -> tuple[Fact, ...]:
    return (
        Fact("Source document", source_text(api)),
        Fact("Spec", code_span(api.spec_file)),
        Fact("Python package", code_span(api.vendor_id)),
        Fact("Clients", f"{code_span(api.client_class)}, {code_span(api.async_client_class)}"),
    )


def variable_row(variable: VariableNode) -> VariableRow:
    return VariableRow(
        name=cell_code(variable.name),
        python=cell_code(variable.python),
        default="none: must be given" if variable.default is None else cell_code(variable.default),
        allowed=_join_code(variable.enum) if variable.enum else "any",
        example=cell_code(variable.example) if variable.example is not None else "",
        description=table_cell(variable.description),
    )


_MODES = {
    "one_of": "one of the schemes below: they are alternatives that exclude each other, and "
              "giving two at once is an error.",
    "all_of": "all of the schemes below, sent together.",
}


def scheme_where(scheme: SchemeNode) -> str:
    """Where a scheme's credentials go on the wire, in words."""
    names = ", ".join(code_span(credential.wire) for credential in scheme.credentials)
    if scheme.style == "bearer":
        return f"header {code_span(f'{scheme.header}: Bearer <token>')} (the credential {names})"
    if scheme.location == "header":
        return f"request header(s) {names}"
    if scheme.location == "query":
        return f"query parameter(s) {names} of the request URL"
    return f"member(s) {names} of the JSON body (the params of a JSON-RPC call)"


def credential_row(credential: CredentialNode) -> CredentialRow:
    return CredentialRow(
        wire=cell_code(credential.wire),
        python=cell_code(credential.python),
        secret=YES if credential.secret else NO,
        description=table_cell(credential.description),
    )


def scheme_view(scheme: SchemeNode) -> SchemeView:
    return SchemeView(
        anchor=scheme_anchor(scheme.name),
        name=code_span(scheme.name),
        where=scheme_where(scheme),
        description=paragraphs(scheme.description),
        credentials=tuple(credential_row(credential) for credential in scheme.credentials),
    )


def auth_view(auth: AuthNode) -> AuthView:
    return AuthView(
        mode=_MODES[auth.mode],
        description=paragraphs(auth.description),
        schemes=tuple(scheme_view(scheme) for scheme in auth.schemes),
    )


# -- endpoints ---------------------------------------------------------------------------------


def request_line(endpoint: EndpointNode) -> str:
    """`POST /path`, or the JSON-RPC method and the HTTP request that carries it."""
    if endpoint.transport == "jsonrpc":
        target = f" {endpoint.path}" if endpoint.path else " the server URL"
        return (f"JSON-RPC method {code_span(endpoint.rpc_method or '')} "
                f"({code_span(endpoint.http_method)} to{target})")
    return code_span(f"{endpoint.http_method} {endpoint.path}")


def auth_text(endpoint: EndpointNode, auth: AuthNode | None) -> str:
    if not endpoint.auth:
        return "none"
    links = ", ".join(_link(code_span(name), scheme_anchor(name)) for name in endpoint.auth)
    if len(endpoint.auth) == 1 or auth is None:
        return links
    return f"{'one' if auth.mode == 'one_of' else 'all'} of {links}"


def _endpoint_facts(endpoint: EndpointNode, auth: AuthNode | None) -> tuple[Fact, ...]:
    return (
        Fact("Request", request_line(endpoint)),
        Fact("Transport", "JSON-RPC 2.0" if endpoint.transport == "jsonrpc" else "REST"),
        Fact("Client method", code_span(endpoint.method)),
        Fact("Request model", _link(endpoint.request_model, model_anchor(endpoint.request_model))),
        Fact("Access", inline_text(endpoint.access) if endpoint.access else "not stated"),
        Fact("Idempotent", "yes (safe to retry)" if endpoint.idempotent else "no (not retried)"),
        Fact("Auth", auth_text(endpoint, auth)),
    )


def _path_text(path: tuple[str, ...]) -> str:
    return code_span(".".join(path))


def _paths_text(paths: Sequence[tuple[str, ...]]) -> str:
    return ", ".join(_path_text(path) for path in paths)


def condition_text(rule: RuleNode) -> str:
    """`x` is `V` / is one of … / is given / is not given."""
    when = rule.when
    if when is None:
        return ""
    subject = _path_text(when.wire_path)
    if when.test == "present":
        return f"{subject} is {'given' if when.values[0] else 'not given'}"
    if when.test == "one_of":
        return f"{subject} is one of {', '.join(code_span(format_value(v)) for v in when.values)}"
    if when.test == "not_one_of":
        return not_one_of_text(subject, [code_span(format_value(v)) for v in when.values])
    return f"{subject} is {code_span(format_value(when.values[0]))}"


def rule_text(rule: RuleNode) -> str:
    """A rule in words, e.g. "`a.b` is required when `a.c` is `PROFILE`", plus the doc's why."""
    params, verb = _paths_text(rule.wire_paths), "are" if len(rule.wire_paths) > 1 else "is"
    sentences = {
        "required_if": f"{params} {verb} required when {condition_text(rule)}",
        "only_when": f"{params} may be given only when {condition_text(rule)}",
        "mutually_exclusive": f"At most one of {params} may be given",
        "exactly_one_of": f"Exactly one of {params} must be given",
        "at_least_one_of": f"At least one of {params} must be given",
        "compare": ordering_text(rule) if rule.kind == "compare" else "",
        "window": ordering_text(rule) if rule.kind == "window" else "",
    }
    reason = f" — {inline_text(rule.description)}" if rule.description else "."
    return sentences[rule.kind] + reason


def pagination_facts(page: PaginationNode | None) -> tuple[Fact, ...]:
    if page is None:
        return ()
    maximum = "no maximum stated" if page.max_limit is None else f"at most {page.max_limit} records"
    return (
        Fact("Style", "offset / limit"),
        Fact("Offset param", code_span(page.offset)),
        Fact("Limit param", code_span(page.limit)),
        Fact("Records at", code_span(page.records)),
        Fact("Page size", maximum),
        Fact("Total at", code_span(page.total) if page.total else "not given"),
    )


# -- responses ---------------------------------------------------------------------------------


_FORMATS = {"json": "JSON", "csv": "CSV", "file": "file"}
_RELATIVE = {
    "base_url": "joined to the server URL",
    "origin": "joined to the scheme and host of the server URL (not its path)",
    "absolute": "used as given (an absolute URL)",
}


def duration_text(seconds: int) -> str:
    """`1800 s (30 min)`."""
    if seconds % 3600 == 0:
        return f"{seconds} s ({seconds // 3600} h)"
    return f"{seconds} s ({seconds // 60} min)" if seconds % 60 == 0 else f"{seconds} s"


def download_facts(download: DownloadNode | None) -> tuple[Fact, ...]:
    if download is None:
        return ()
    credentials = ", ".join(code_span(name) for name in download.auth) or "none"
    expiry = duration_text(download.expires_after) if download.expires_after else "not stated"
    return (
        Fact("URL taken from", f"{code_span(download.url)} in the body"),
        Fact("URL is", _RELATIVE[download.relative_to]),
        Fact("Credentials added as query params", credentials),
        Fact("Link expires after", expiry),
        Fact("Content", inline_text(download.content) if download.content else "not stated"),
    )


def _model_link(name: str | None) -> str:
    return _link(name, model_anchor(name)) if name else "not described"


def _response_facts(response: ResponseNode) -> tuple[Fact, ...]:
    facts = [
        Fact("Format", _FORMATS[response.format]),
        Fact("HTTP status", str(response.status)),
        Fact("Media type", code_span(response.media_type) if response.media_type else "not stated"),
    ]
    if response.format == "json":
        facts.append(Fact("Body", _model_link(response.model)))
    if response.records:
        record = f", each a {_model_link(response.record_model)}" if response.record_model else ""
        facts.append(Fact("Records at", code_span(response.records) + record))
    return tuple(facts)


def csv_view(csv: CsvNode | None, models: Mapping[str, ModelNode]) -> CsvView | None:
    if csv is None:
        return None
    row = models[csv.row_model]
    by_wire = {node.wire: node for node in row.fields}
    facts = (
        Fact("Header row", "yes" if csv.header else "no: the body starts with data rows"),
        Fact("Delimiter", code_span(csv.delimiter)),
        Fact("Quote", code_span(csv.quote)),
        Fact("Row model", _model_link(csv.row_model)),
        Fact("Columns", f"{len(csv.columns)}, in this order"),
    )
    return CsvView(facts, tuple(field_row(by_wire[wire]) for wire in csv.columns))


def response_view(response: ResponseNode, models: Mapping[str, ModelNode]) -> ResponseView:
    body = models.get(response.model) if response.model else None
    return ResponseView(
        facts=_response_facts(response),
        description=paragraphs(response.description),
        fields=flat_rows(body.fields, models) if body else (),
        csv=csv_view(response.csv, models),
        download=download_facts(response.download),
    )


# -- errors ------------------------------------------------------------------------------------


def detection_texts(errors: ErrorsNode) -> tuple[str, ...]:
    """How an error is recognised, one sentence per mechanism the spec declares."""
    texts: list[str] = []
    if errors.in_body_code:
        message_path = errors.in_body_message
        message = f", the message at {code_span(message_path)}" if message_path else ""
        texts.append(f"Errors come inside the response body: the code is at "
                     f"{code_span(errors.in_body_code)}{message}.")
    if errors.error_when:
        path, value = errors.error_when
        shown = code_span(format_value(value))
        texts.append(f"A body is an error when {code_span(path)} is {shown}.")
    if errors.success_codes is not None:
        codes = ", ".join(code_span(format_value(code)) for code in errors.success_codes)
        texts.append(f"Success codes: {codes}; any other code is an error.")
    if errors.jsonrpc:
        texts.append("JSON-RPC 2.0 `error` objects (`code`, `message`, `data`) are errors.")
    return tuple(texts)


def http_row(entry: tuple[int, str, ModelRef | None]) -> HttpRow:
    status, description, body = entry
    return HttpRow(str(status), table_cell(description), _model_link(body.name) if body else "")


def code_row(code: ErrorCodeNode) -> CodeRow:
    return CodeRow(
        code=cell_code(code.code),
        message=table_cell(code.message or ""),
        description=table_cell(code.description or ""),
        remedy=table_cell(code.remedy or ""),
        category=table_cell(code.category or ""),
    )


_COMMON_ERRORS = "Only the [errors common to all endpoints](#section-errors)."


def errors_view(errors: ErrorsNode, common: ErrorsNode | None = None) -> ErrorsView:
    """An endpoint's errors; when they are exactly the common ones, only a reference."""
    if common is not None and errors == common:
        return ErrorsView(_COMMON_ERRORS if errors != ErrorsNode() else "None documented.",
                          (), (), (), ())
    return ErrorsView(
        reference="",
        description=paragraphs(errors.description),
        detection=detection_texts(errors),
        http=tuple(http_row(entry) for entry in errors.http),
        codes=tuple(code_row(code) for code in errors.codes),
    )


# -- examples and notes ------------------------------------------------------------------------


def json_block(label: str, value: object) -> CodeBlock:
    body = json.dumps(value, indent=2, sort_keys=False, ensure_ascii=False)
    return CodeBlock(label, fenced_block(body), "json", body)


def csv_block(label: str, text: str) -> CodeBlock:
    body = text.rstrip("\n")
    return CodeBlock(label, fenced_block(body), "csv", body)


def _example_label(example: ExampleNode) -> str:
    parts = ["request"] if example.request is not None else []
    if example.response is not None or example.response_csv is not None:
        kind = "error response" if example.error else "response"
        parts.append(f"{kind} (HTTP {example.status})")
    return " and ".join(parts) or "no payload"


_REQUEST_LABEL = "Request (params and credentials by wire name):"


def _example_blocks(example: ExampleNode) -> tuple[CodeBlock, ...]:
    response = "Error response" if example.error else "Response"
    blocks = [] if example.request is None else [json_block(_REQUEST_LABEL, example.request)]
    if example.response is not None:
        blocks.append(json_block(f"{response} body (HTTP {example.status}):", example.response))
    if example.response_csv is not None:
        label = f"{response} body, CSV (HTTP {example.status}):"
        blocks.append(csv_block(label, example.response_csv))
    return tuple(blocks)


SCHEMATIC = ("Schematic: the doc's sample shows types or descriptions instead of real values; "
             "kept for readers, not validated.")


def example_view(example: ExampleNode) -> ExampleView:
    return ExampleView(
        title=code_span(example.name),
        label=_example_label(example),
        schematic=SCHEMATIC if example.schematic else "",
        description=paragraphs(example.description),
        blocks=_example_blocks(example),
    )


def note_view(note: NoteNode) -> NoteView:
    return NoteView(
        topic=inline_text(note.topic),
        at=code_span(note.at) if note.at else "",
        doc_says=inline_text(note.doc_says),
        decision=inline_text(note.decision),
        why=inline_text(note.why),
    )


# -- endpoints, models, enums ------------------------------------------------------------------


def endpoint_view(
    endpoint: EndpointNode, api: ApiNode, models: Mapping[str, ModelNode]
) -> EndpointView:
    return EndpointView(
        anchor=endpoint_anchor(endpoint.name),
        name=code_span(endpoint.name),
        summary=inline_text(endpoint.summary),
        deprecation=inline_text(endpoint.deprecated) if endpoint.deprecated else "",
        facts=_endpoint_facts(endpoint, api.auth),
        description=paragraphs(endpoint.description),
        params=flat_rows(endpoint.params, models),
        rules=tuple(rule_text(rule) for rule in endpoint.rules),
        pagination=pagination_facts(endpoint.pagination),
        response=response_view(endpoint.response, models),
        errors=errors_view(endpoint.errors, api.errors),
        examples=tuple(example_view(example) for example in endpoint.examples),
        notes=tuple(note_view(note) for note in endpoint.notes),
    )


def toc_entry(endpoint: EndpointNode) -> TocEntry:
    flag = " **(deprecated)**" if endpoint.deprecated else ""
    return TocEntry(
        link=_link(code_span(endpoint.name), endpoint_anchor(endpoint.name)),
        text=f"{request_line(endpoint)}: {inline_text(endpoint.summary)}{flag}",
    )


_MODEL_KINDS = {
    "request": "request parameters",
    "response": "response body",
    "row": "CSV row",
    "type": "named type",
    "inline": "inline object",
    "error": "error body",
}


def _has_metadata(model: ModelNode) -> bool:
    flags = ("filterable", "sortable", "returned_by_default")
    return any(getattr(node, flag) is not None for node in model.fields for flag in flags)


_ADDITIONAL = "Other keys than those listed may appear (additional properties)."


def _model_extras(model: ModelNode) -> tuple[str, ...]:
    extras = (_ADDITIONAL,) if model.additional_properties else ()
    return extras + (() if model.fields else ("Has no fields.",))


def _model_field_row(node: FieldNode) -> FieldRow:
    return replace(field_row(node), details=_details_cell(node, node.location or ""))


def model_view(model: ModelNode) -> ModelView:
    return ModelView(
        anchor=model_anchor(model.name),
        name=model.name,
        kind=_MODEL_KINDS[model.kind],
        description=paragraphs(model.description),
        extras=_model_extras(model),
        has_metadata=_has_metadata(model),
        fields=tuple(_model_field_row(node) for node in model.fields),
    )


def member_row(member: EnumMember) -> MemberRow:
    return MemberRow(
        value=cell_code(format_value(member.value)),
        name=cell_code(member.name),
        meaning=table_cell(member.meaning) if member.meaning else "",
    )


def enum_view(enum: EnumNode) -> EnumView:
    spec_name = f", spec name {code_span(enum.spec_name)}" if enum.spec_name != enum.name else ""
    return EnumView(
        anchor=enum_anchor(enum.name),
        name=enum.name,
        kind=f"{enum.kind} enum, {len(enum.members)} values{spec_name}",
        description=paragraphs(enum.description),
        members=tuple(member_row(member) for member in enum.members),
    )


def vendor_view(api: ApiNode) -> VendorView:
    """Everything the vendor README shows, prepared (escaped, formatted) from the redacted IR."""
    api = redact_api(api)
    models = {model.name: model for model in api.models}
    return VendorView(
        title=inline_text(api.vendor_name),
        description=paragraphs(api.description),
        facts=_vendor_facts(api),
        server_url=code_span(api.server_url),
        variables=tuple(variable_row(variable) for variable in api.variables),
        auth=auth_view(api.auth) if api.auth else None,
        toc=tuple(toc_entry(endpoint) for endpoint in api.endpoints),
        endpoints=tuple(endpoint_view(endpoint, api, models) for endpoint in api.endpoints),
        errors=None if api.errors == ErrorsNode() else errors_view(api.errors),
        models=tuple(model_view(model) for model in api.models),
        enums=tuple(enum_view(enum) for enum in api.enums),
        notes=tuple(note_view(note) for note in api.notes),
    )


def index_row(api: ApiNode) -> IndexRow:
    api = redact_api(api)
    return IndexRow(
        link=f"[{table_cell(api.vendor_name)}]({api.vendor_id}/README.md)",
        package=cell_code(api.vendor_id),
        endpoints=str(len(api.endpoints)),
        source=source_text(api),
        spec=cell_code(api.spec_file),
    )


# -- rendering ---------------------------------------------------------------------------------


def _finish(text: str) -> str:
    """No trailing whitespace, at most one blank line in a row outside code, one final newline."""
    lines: list[str] = []
    fence = ""
    for line in (raw.rstrip() for raw in text.split("\n")):
        fence = _track_fence(fence, line)
        if line or fence or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip("\n") + "\n"


def _track_fence(fence: str, line: str) -> str:
    """The code fence a line leaves open ("" outside code)."""
    opener = re.match(r"^(`{3,}|~{3,})", line)
    if not fence:
        return opener.group(1) if opener else ""
    if opener is None or line.strip() != opener.group(1):
        return fence
    closes = opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence)
    return "" if closes else fence


def render_vendor_docs(api: ApiNode) -> str:
    """The body of generated/<vendor>/README.md (the caller prepends the header)."""
    template = environment().get_template("vendor_readme.md.j2")
    return _finish(template.render(doc=vendor_view(api)))


def render_docs_index(apis: Sequence[ApiNode]) -> str:
    """The body of generated/README.md: one row per vendor, in the order given."""
    template = environment().get_template("docs_index.md.j2")
    return _finish(template.render(rows=tuple(index_row(api) for api in apis)))
