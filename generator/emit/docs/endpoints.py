"""An endpoint's head: request line, facts, conditions in words, pagination, contents entry."""

from __future__ import annotations

from collections.abc import Sequence

from generator.ir.nodes import AuthNode, EndpointNode, PaginationNode, RuleNode

from .links import endpoint_anchor, link, model_anchor, scheme_anchor
from .overview import Fact
from .rule_words import not_one_of_text, ordering_text
from .text import code_span, format_value, inline_text

__all__ = [
    "request_line",
    "auth_text",
    "endpoint_facts",
    "condition_text",
    "rule_text",
    "pagination_facts",
    "toc_line",
]


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
    links = ", ".join(link(code_span(name), scheme_anchor(name)) for name in endpoint.auth)
    if len(endpoint.auth) == 1 or auth is None:
        return links
    return f"{'one' if auth.mode == 'one_of' else 'all'} of {links}"


def endpoint_facts(endpoint: EndpointNode, auth: AuthNode | None) -> tuple[Fact, ...]:
    return (
        ("Request", request_line(endpoint)),
        ("Transport", "JSON-RPC 2.0" if endpoint.transport == "jsonrpc" else "REST"),
        ("Client method", code_span(endpoint.method)),
        ("Request model", link(endpoint.request_model, model_anchor(endpoint.request_model))),
        ("Access", inline_text(endpoint.access) if endpoint.access else "not stated"),
        ("Idempotent", "yes (safe to retry)" if endpoint.idempotent else "no (not retried)"),
        ("Auth", auth_text(endpoint, auth)),
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


def pagination_facts(page: PaginationNode) -> tuple[Fact, ...]:
    """What a reader needs to page by hand, and what the iterators do, for any style."""
    maximum = "no maximum stated" if page.max_limit is None else f"at most {page.max_limit} records"
    facts: list[Fact] = [("Style", _STYLES[page.style]), *_style_facts(page)]
    facts += [
        ("Page size param", code_span(page.limit) if page.limit else "none"),
        ("Records at", code_span(page.records)),
        ("Page size", maximum),
        ("Total at", code_span(page.total) if page.total else "not given"),
        ("Last page", _stop_words(page)),
        ("Iterators", f"{code_span(page.items_method)} (records; "
                      f"{code_span(page.max_items_arg)}= to stop early), "
                      f"{code_span(page.pages_method)} (whole pages)"),
    ]
    return tuple(facts)


_STYLES = {"offset_limit": "offset / limit", "page_number": "page number",
           "cursor": "cursor (page token)", "next_link": "next link"}


def _style_facts(page: PaginationNode) -> list[Fact]:
    if page.style == "offset_limit":
        return [("Offset param", code_span(page.offset))]
    if page.style == "page_number":
        return [("Page param", f"{code_span(page.page or '')}, first page {page.first_page}")]
    if page.style == "cursor":
        companions = ", ".join(f"{code_span(param)} from {code_span(path)}"
                               for param, path in page.companions) or "none"
        return [("Cursor param", code_span(page.cursor or "")),
                ("Next cursor at", code_span(page.next_cursor or "")),
                ("Sent back with it", companions)]
    link = page.next_link
    if link is None:
        return []
    where = (f"the `Link` header, relation {code_span(link.rel)}" if link.location == "header"
             else code_span(link.path or ""))
    joined = _RELATIVE["header" if link.location == "header" else link.relative_to]
    return [("Next link at", where), ("Relative link", joined)]


# How a relative next link is resolved (RFC 3986), per `relative_to`; see runtime resolve_link.
_PAGE_QUERY = "; `?query` alone: the page's own URL with that query; `//host/…`: the page's scheme"
_RELATIVE = {
    "absolute": "an error (only `//host/…` is followed, with the page's scheme)",
    "origin": "resolved against the server's scheme and host (`/calls`, `calls`, `../calls`)"
              + _PAGE_QUERY,
    "base_url": "resolved against the server URL as a folder (`calls`, `/calls` and `./calls` "
                "all under it)" + _PAGE_QUERY,
    "header": "resolved against the URL of the page that sent it (RFC 8288, RFC 3986)",
}


def _stop_words(page: PaginationNode) -> str:
    ends = ["no next cursor or link" if page.style in ("cursor", "next_link") else None,
            "an empty page" if page.stop_empty else None,
            "a page shorter than asked for" if page.stop_short else None,
            "the total reached" if page.total else None,
            (f"the last page by {code_span(page.total_pages)} (pages counted from "
             f"{page.first_page})" if page.total_pages else None),
            (f"{code_span(page.stop_when[0])} is {code_span(str(page.stop_when[1]))}"
             if page.stop_when else None)]
    words = "; ".join(end for end in ends if end)
    repeat = (" A repeated cursor or link raises `PaginationError`."
              if page.style in ("cursor", "next_link") else "")
    return f"{words}.{repeat}"


def toc_line(endpoint: EndpointNode) -> str:
    """`[`name`](#endpoint-name) — `GET /path`: summary`, flagged when deprecated."""
    flag = " **(deprecated)**" if endpoint.deprecated else ""
    anchor = link(code_span(endpoint.name), endpoint_anchor(endpoint.name))
    return f"{anchor} — {request_line(endpoint)}: {inline_text(endpoint.summary)}{flag}"
