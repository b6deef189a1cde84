"""An endpoint's head: request line, facts, conditions in words, pagination, contents entry."""

from __future__ import annotations

from collections.abc import Sequence

from generator.ir.nodes import AuthNode, EndpointNode, PaginationNode, RuleNode

from .links import endpoint_anchor, link, model_anchor, scheme_anchor
from .overview import Fact
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
    }
    reason = f" — {inline_text(rule.description)}" if rule.description else "."
    return sentences[rule.kind] + reason


def pagination_facts(page: PaginationNode) -> tuple[Fact, ...]:
    maximum = "no maximum stated" if page.max_limit is None else f"at most {page.max_limit} records"
    return (
        ("Style", "offset / limit"),
        ("Offset param", code_span(page.offset)),
        ("Limit param", code_span(page.limit)),
        ("Records at", code_span(page.records)),
        ("Page size", maximum),
        ("Total at", code_span(page.total) if page.total else "not given"),
    )


def toc_line(endpoint: EndpointNode) -> str:
    """`[`name`](#endpoint-name) — `GET /path`: summary`, flagged when deprecated."""
    flag = " **(deprecated)**" if endpoint.deprecated else ""
    anchor = link(code_span(endpoint.name), endpoint_anchor(endpoint.name))
    return f"{anchor} — {request_line(endpoint)}: {inline_text(endpoint.summary)}{flag}"
