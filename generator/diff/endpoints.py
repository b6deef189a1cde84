"""Endpoints compared: added, removed, renamed, moved on the wire, deprecated; their params,
rules, responses and pagination."""

from __future__ import annotations

from dataclasses import replace

from generator.diff.errors import compare_errors, own_errors
from generator.diff.fields import FieldWalk
from generator.diff.record import Recorder, label
from generator.ir.nodes import EndpointNode, PaginationNode, ResponseNode, RuleNode
from generator.spec.load import PathKey

__all__ = ["compare_endpoints"]


def _wire(endpoint: EndpointNode) -> tuple[str, str, str, str | None]:
    return (endpoint.transport, endpoint.http_method, endpoint.path, endpoint.rpc_method)


def compare_endpoints(rec: Recorder, requests: FieldWalk, responses: FieldWalk) -> None:
    """Match by spec key; an unmatched pair with one operation on the wire is a rename."""
    old = {endpoint.name: endpoint for endpoint in rec.old.api.endpoints}
    new = {endpoint.name: endpoint for endpoint in rec.new.api.endpoints}
    removed = [endpoint for name, endpoint in old.items() if name not in new]
    added = [endpoint for name, endpoint in new.items() if name not in old]
    for before in list(removed):
        after = next((e for e in added if _wire(e) == _wire(before)), None)
        if after is not None:
            removed.remove(before)
            added.remove(after)
            old[after.name] = before  # compared below under its new key
    for endpoint in removed:
        rec.add("endpoint-removed", f"endpoint `{endpoint.name}` (method `{endpoint.method}`) "
                "removed", ("endpoints", endpoint.name), None)
    for endpoint in added:
        rec.add("endpoint-added", f"endpoint `{endpoint.name}` (method `{endpoint.method}`) "
                "added", None, ("endpoints", endpoint.name))
    for name, after in new.items():
        if name in old:
            _endpoint(rec, old[name], after, requests, responses)


def _endpoint(rec: Recorder, old: EndpointNode, new: EndpointNode, requests: FieldWalk,
              responses: FieldWalk) -> None:
    old_at, new_at = ("endpoints", old.name), ("endpoints", new.name)
    if old.method != new.method:
        rec.add("endpoint-renamed", f"method `{old.method}` renamed `{new.method}`",
                old_at, new_at)
    if _wire(old) != _wire(new):
        rec.add("endpoint-wire-changed", f"{label(new_at)}: {' '.join(map(str, _wire(old)))} → "
                f"{' '.join(map(str, _wire(new)))}", old_at, new_at)
    _flags(rec, old, new, old_at, new_at)
    _auth(rec, old, new, old_at, new_at)
    requests.fields(old.params, new.params, old_at + ("params",), new_at + ("params",))
    _rules(rec, old.rules, new.rules, old_at, new_at)
    _response(rec, responses, old.response, new.response, old_at + ("response",),
              new_at + ("response",))
    _pagination(rec, old, new, old_at, new_at)
    compare_errors(rec, own_errors(old.errors, rec.old.api.errors),
                   own_errors(new.errors, rec.new.api.errors), old_at + ("errors",),
                   new_at + ("errors",))


def _flags(rec: Recorder, old: EndpointNode, new: EndpointNode, old_at: PathKey,
           new_at: PathKey) -> None:
    if new.deprecated and not old.deprecated:
        rec.add("endpoint-deprecated", f"{label(new_at)} deprecated: {new.deprecated}",
                old_at, new_at + ("deprecated",))
    elif old.deprecated and not new.deprecated:
        rec.add("endpoint-undeprecated", f"{label(new_at)} no longer deprecated",
                old_at + ("deprecated",), new_at)
    if old.idempotent != new.idempotent:
        rec.add("endpoint-idempotency-changed", f"{label(new_at)}: idempotent "
                f"{old.idempotent} → {new.idempotent}", old_at, new_at)
    if (old.summary, old.description) != (new.summary, new.description):
        rec.add("description-changed", f"{label(new_at)}: summary or description changed",
                old_at, new_at)


def _auth(rec: Recorder, old: EndpointNode, new: EndpointNode, old_at: PathKey,
          new_at: PathKey) -> None:
    for scheme in old.auth:
        if scheme not in new.auth:
            rec.add("endpoint-auth-scheme-removed", f"{label(new_at)} no longer takes auth "
                    f"scheme `{scheme}`", old_at, new_at)
    for scheme in new.auth:
        if scheme not in old.auth:
            rec.add("endpoint-auth-scheme-added", f"{label(new_at)} takes auth scheme "
                    f"`{scheme}` too", old_at, new_at)


def _rule_form(rule: RuleNode) -> RuleNode:
    return replace(rule, description="")  # new words alone do not change what a rule refuses


def _rule_key(rule: RuleNode) -> tuple[str, tuple[tuple[str, ...], ...]]:
    return (rule.kind, rule.wire_paths)


def _rules(rec: Recorder, old: tuple[RuleNode, ...], new: tuple[RuleNode, ...],
           old_at: PathKey, new_at: PathKey) -> None:
    """Rules matched by kind and params; a matched rule that differs otherwise has changed."""
    new_by = {_rule_key(rule): (index, rule) for index, rule in enumerate(new)}
    old_keys = {_rule_key(rule) for rule in old}
    for index, rule in enumerate(old):
        found = new_by.get(_rule_key(rule))
        names = ", ".join(".".join(path) for path in rule.wire_paths)
        if found is None:
            rec.add("request-rule-removed", f"{label(old_at)}: rule {rule.kind}({names}) "
                    "removed", old_at + ("rules", index), None)
        elif found[1] != rule:
            kind = "request-rule-changed" if _rule_form(found[1]) != _rule_form(rule) else (
                "description-changed")
            rec.add(kind, f"{label(new_at)}: rule {rule.kind}({names}) changed",
                    old_at + ("rules", index), new_at + ("rules", found[0]))
    for index, rule in enumerate(new):
        if _rule_key(rule) not in old_keys:
            names = ", ".join(".".join(path) for path in rule.wire_paths)
            rec.add("request-rule-added", f"{label(new_at)}: rule {rule.kind}({names}) added",
                    None, new_at + ("rules", index))


def _response(rec: Recorder, walk: FieldWalk, old: ResponseNode, new: ResponseNode,
              old_at: PathKey, new_at: PathKey) -> None:
    where = label(new_at[:2])
    for kind, before, after in (("format", old.format, new.format),
                                ("status", old.status, new.status),
                                ("media-type", old.media_type, new.media_type),
                                ("records", old.records, new.records)):
        if before != after:
            rec.add(f"response-{kind}-changed", f"{where}: response {kind.replace('-', ' ')} "
                    f"{before} → {after}", old_at, new_at)
    if old.format != new.format:
        return  # another kind of body altogether: its parts are not compared
    if (old.model is None) != (new.model is None):
        rec.add("response-body-changed", f"{where}: response body changed kind", old_at, new_at)
    elif old.model is not None and new.model is not None:
        old_model, new_model = rec.old.models[old.model], rec.new.models[new.model]
        walk.model(old_model, new_model, old_at + ("body",), new_at + ("body",))
    if old.csv and new.csv and _csv_layout(old) != _csv_layout(new):
        rec.add("response-csv-changed", f"{where}: CSV header, delimiter, quoting or column "
                "order changed", old_at + ("csv",), new_at + ("csv",))
    if old.record_model and new.record_model and old.csv and new.csv:
        walk.model(rec.old.models[old.record_model], rec.new.models[new.record_model],
                   old_at + ("csv",), new_at + ("csv",), "columns")


def _csv_layout(response: ResponseNode) -> tuple[object, ...]:
    """How rows are laid out; the columns' order counts only where no header names them."""
    csv = response.csv
    assert csv is not None
    columns = csv.columns if not csv.header else tuple(sorted(csv.columns))
    return (csv.header, csv.delimiter, csv.quote, csv.excel_apostrophes, columns)


def _pagination(rec: Recorder, old: EndpointNode, new: EndpointNode, old_at: PathKey,
                new_at: PathKey) -> None:
    where = label(new_at)
    if old.pagination is None and new.pagination is not None:
        rec.add("pagination-added", f"{where} pages now", old_at, new_at + ("pagination",))
    elif old.pagination is not None and new.pagination is None:
        rec.add("pagination-removed", f"{where} no longer pages", old_at + ("pagination",),
                new_at)
    elif _paging(old) != _paging(new):
        rec.add("pagination-changed", f"{where}: pagination changed",
                old_at + ("pagination",), new_at + ("pagination",))


def _paging(endpoint: EndpointNode) -> PaginationNode | None:
    """The pagination less what other comparers report: a page-size cap taken from the size
    param's maximum (reported on the param) and the record list's field (on the response)."""
    paging = endpoint.pagination
    if paging is None:
        return None
    paging = replace(paging, records_field=None)
    size = next((p for p in endpoint.params if p.wire == paging.limit), None)
    if size is not None and size.constraints.maximum == paging.max_limit:
        return replace(paging, max_limit=None)
    return paging
