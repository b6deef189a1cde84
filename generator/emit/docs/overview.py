"""The README's head and the index: source document, server, variables, auth schemes."""

from __future__ import annotations

from generator.ir.nodes import ApiNode, AuthNode, CredentialNode, SchemeNode, VariableNode

from .text import NO, YES, cell_code, code_span, join_code, table_cell, table_row

__all__ = [
    "Fact",
    "source_text",
    "vendor_facts",
    "variable_row",
    "auth_mode",
    "scheme_where",
    "credential_row",
    "index_row",
]

Fact = tuple[str, str]  # (label, Markdown value) of a bullet list of facts


def source_text(api: ApiNode) -> str:
    """`Title (`file`, version v7.3, <url>)` of the document the spec was written from."""
    details = [cell_code(api.source_document)]
    details += [f"version {table_cell(api.source_version)}"] if api.source_version else []
    details += [f"&lt;{table_cell(api.source_url)}&gt;"] if api.source_url else []
    return f"{table_cell(api.source_title)} ({', '.join(details)})"


def vendor_facts(api: ApiNode) -> tuple[Fact, ...]:
    return (
        ("Source document", source_text(api)),
        ("Spec", code_span(api.spec_file)),
        ("Python package", code_span(f"generated.{api.vendor_id}")),
        ("Clients", f"{code_span(api.client_class)}, {code_span(api.async_client_class)}"),
    )


def variable_row(variable: VariableNode) -> str:
    return table_row(
        cell_code(variable.name),
        cell_code(variable.python),
        "none: must be given" if variable.default is None else cell_code(variable.default),
        join_code(variable.enum) if variable.enum else "any",
        cell_code(variable.example) if variable.example is not None else "",
        table_cell(variable.description),
    )


_MODES = {
    "one_of": "one of the schemes below: they are alternatives that exclude each other, and "
              "giving two at once is an error.",
    "all_of": "all of the schemes below, sent together.",
}


def auth_mode(auth: AuthNode) -> str:
    return _MODES[auth.mode]


_WHERE = {
    "header": "request header(s) {names}",
    "query": "query parameter(s) {names} of the request URL",
    "body": "member(s) {names} of the JSON body (the params of a JSON-RPC call)",
}


def scheme_where(scheme: SchemeNode) -> str:
    """Where a scheme's credentials go on the wire, in words."""
    names = ", ".join(code_span(credential.wire) for credential in scheme.credentials)
    if scheme.style == "bearer":
        return f"header {code_span(f'{scheme.header}: Bearer <token>')} (the credential {names})"
    return _WHERE[scheme.location].format(names=names)


def credential_row(credential: CredentialNode) -> str:
    return table_row(cell_code(credential.wire), cell_code(credential.python),
                     YES if credential.secret else NO, table_cell(credential.description))


def index_row(api: ApiNode) -> str:
    """A vendor's row in generated/README.md."""
    return table_row(
        f"[{table_cell(api.vendor_name)}]({api.vendor_id}/README.md)",
        cell_code(api.vendor_id),
        str(len(api.endpoints)),
        source_text(api),
        cell_code(api.spec_file),
    )
