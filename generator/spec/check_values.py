"""Cross-checks of compare/window rules, param defaults and server variables against the fields.

Each check takes the validator's context (anything with the `spec` and `add` of
validate._Context) so validate.py runs them with the others.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Protocol

from generator.spec.load import PathKey
from generator.spec.model import Endpoint, EnumSpec, Field, Rule, Spec

__all__ = ["check_ordering_rules", "check_defaults", "check_server_variables", "resolve_param"]

_DATE_FORMATS = ("rfc3339", "date", "datetime", "sql-timestamp")


class Context(Protocol):
    spec: Spec

    def add(self, path: PathKey, code: str, message: str, hint: str, *,
            value: bool = False) -> None: ...


def resolve_param(params: Mapping[str, Field], dotted: str) -> Field | None:
    """The param at a dotted path (`reportCriteria.groupBy`), through inline objects."""
    fields: Mapping[str, Field] | None = params
    found: Field | None = None
    for part in dotted.split("."):
        if fields is None or part not in fields:
            return None
        found = fields[part]
        fields = found.properties
    return found


def _kind(found: Field) -> str | None:
    """What a compared param's values are: `time`, `number`, or None (not comparable)."""
    if found.datetime_format or found.format in _DATE_FORMATS:
        return "time"
    if found.type in ("integer", "number"):
        return "number"
    return None


def check_ordering_rules(context: Context) -> None:
    """compare needs `op`, window `max` or `min`; both bind two params of one comparable kind."""
    for name, endpoint in context.spec.endpoints.items():
        for index, rule in enumerate(endpoint.rules):
            _check_ordering_rule(context, endpoint, rule, ("endpoints", name, "rules", index))


def _check_ordering_rule(context: Context, endpoint: Endpoint, rule: Rule, path: PathKey) -> None:
    ordering = rule.kind in ("compare", "window")
    for key, wanted in (("op", "compare"), ("max", "window"), ("min", "window")):
        if getattr(rule, key) is not None and rule.kind != wanted:
            context.add((*path, key), "bad-rule", f"`{key}` belongs to {wanted} rules only",
                        f"remove `{key}` or make the rule `kind: {wanted}`")
    if not ordering:
        return
    if rule.kind == "compare" and rule.op is None:
        context.add(path, "bad-rule", "a compare rule needs `op`",
                    'add `op: "<="` (params[0] <op> params[1])')
    if rule.kind == "window" and rule.max is None and rule.min is None:
        context.add(path, "bad-rule", "a window rule needs `max` (or `min`)",
                    "add `max: {hours: 24}`")
    if len(rule.params) != 2:
        context.add((*path, "params"), "bad-rule", f"a {rule.kind} rule binds exactly two params",
                    "give `params: [start, end]`")
        return
    fields = [resolve_param(endpoint.params, dotted) for dotted in rule.params]
    if None in fields:
        return  # reported as unknown-param
    kinds = {_kind(found) for found in fields if found is not None}
    if None in kinds or len(kinds) != 1 or (rule.kind == "window" and kinds == {"number"}
                                             and not all(f and f.unit for f in fields)):
        context.add((*path, "params"), "bad-rule",
                    f"a {rule.kind} rule compares two date-times or two numbers"
                    + (" (numbers with a `unit` of seconds or milliseconds)"
                       if rule.kind == "window" else ""),
                    "give both params a date `format` / `datetime_format`, or both a number type")


def check_defaults(context: Context) -> None:
    """A default must be a value the field accepts; `send_default` needs a default."""
    spec = context.spec
    for name, endpoint in spec.endpoints.items():
        for wire, param in endpoint.params.items():
            path: PathKey = ("endpoints", name, "params", wire)
            if param.send_default and param.default is None:
                context.add((*path, "send_default"), "bad-field",
                            "`send_default` without a `default`", "add `default:` or remove it")
            if param.default is not None:
                problem = _default_problem(param, spec.enums.get(param.type))
                if problem:
                    context.add((*path, "default"), "bad-value", f"default {param.default!r} "
                                f"{problem}", "make the default a value the param accepts",
                                value=True)


def _default_problem(param: Field, enum: EnumSpec | None) -> str | None:
    value: Any = param.default
    if enum is not None:  # checked for every field, nested ones too, by validate.py
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if param.minimum is not None and value < param.minimum:
            return f"is below the minimum {param.minimum}"
        if param.maximum is not None and value > param.maximum:
            return f"is above the maximum {param.maximum}"
    if isinstance(value, str):
        if param.pattern is not None and re.search(param.pattern, value) is None:
            return f"does not match the pattern {param.pattern!r}"
        if param.max_length is not None and len(value) > param.max_length:
            return f"is longer than {param.max_length}"
        if param.min_length is not None and len(value) < param.min_length:
            return f"is shorter than {param.min_length}"
    return None


def check_server_variables(context: Context) -> None:
    """A server variable's default must be one of its `enum` values."""
    for name, variable in context.spec.server.variables.items():
        if variable.enum and variable.default is not None and variable.default not in variable.enum:
            context.add(("server", "variables", name, "default"), "bad-value",
                        f"default {variable.default!r} is not one of its enum values",
                        f"use one of {', '.join(variable.enum)}", value=True)
