"""What models.py adds to datamodel-code-generator's classes, as typed values: the type aliases,
the rules of request models (strict writer), the checks of read models (tolerant reader), the
enum members; and which models requests use."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from generator.emit.pyvalue import Assign, Call, DictOf, Lit, Symbol, TupleOf, TypeRef, call, imported
from generator.emit.render import docstring_body
from generator.ir.nodes import (
    NO_VALUE,
    AliasNode,
    ApiNode,
    ArrayOf,
    EnumNode,
    EnumRef,
    FieldNode,
    ModelNode,
    ModelRef,
    OneOf,
    RuleNode,
    TypeExpr,
)

__all__ = ["RUNTIME_MODULE", "LOCAL_MODULE", "runtime", "strftime_pattern", "format_pattern",
           "references", "request_side", "checks", "check_statements", "rule_statements",
           "member_statements", "alias_statements"]

RUNTIME_MODULE = "generator.runtime"
# Fields typed by an alias models.py defines itself name it through this module, whose
# imports merge_model_outputs drops (datamodel-code-generator only takes import paths).
LOCAL_MODULE = "callspec_local"
# strftime directive → the regex of what it prints; vendor date-times stay strings on the wire.
_MONTH, _DAY = "(?:0?[1-9]|1[0-2])", "(?:0?[1-9]|[12][0-9]|3[01])"
_STRFTIME = {"%Y": r"\d{4}", "%y": r"\d{2}", "%m": _MONTH, "%d": _DAY,
             "%H": "(?:[01]?[0-9]|2[0-3])", "%I": "(?:0?[1-9]|1[0-2])", "%M": "[0-5][0-9]",
             "%S": "[0-5][0-9]", "%p": "(?:AM|PM|am|pm)", "%f": r"\d{1,6}", "%%": "%",
             "%j": r"\d{1,3}", "%a": "[A-Za-z]{3}", "%A": "[A-Za-z]+", "%b": "[A-Za-z]{3}",
             "%B": "[A-Za-z]+", "%z": r"(?:Z|[+-]\d{2}:?\d{2})", "%Z": "(?:UTC|GMT|Z)"}
_ISO_DAY = r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
_ISO_TIME = "(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
_FORMAT_PATTERNS = {
    "sql-timestamp": rf"^{_ISO_DAY} {_ISO_TIME}(?:\.\d{{1,9}})?$",
    "rfc3339-millis": rf"^{_ISO_DAY}T{_ISO_TIME}\.\d{{3}}(?:Z|[+-]\d{{2}}:\d{{2}})$",
    "base64": r"^[A-Za-z0-9+/]*={0,2}$",
}


def strftime_pattern(layout: str) -> str:
    """`%Y-%m-%d %H:%M:%S` → a regex matching what it prints."""
    parts = re.split(r"(%.)", layout)
    return "^" + "".join(_STRFTIME.get(part, _literal(part)) for part in parts) + "$"


def _literal(text: str) -> str:
    """Escape only what a regex treats as special (re.escape also escapes `-` and spaces)."""
    return re.sub(r"([.^$*+?{}\[\]\\|()])", r"\\\1", text)


def format_pattern(node: FieldNode) -> str | None:
    """The regex a string format implies; a typed value (an alias) is parsed instead."""
    if node.alias:
        return None
    if node.datetime_format:
        return strftime_pattern(node.datetime_format)
    return _FORMAT_PATTERNS.get(node.format or "")


def references(expr: TypeExpr) -> Iterator[str]:
    if isinstance(expr, (EnumRef, ModelRef)):
        yield expr.name
    elif isinstance(expr, ArrayOf):
        yield from references(expr.items)
    elif isinstance(expr, OneOf):
        for variant in expr.variants:
            yield from references(variant)


def request_side(api: ApiNode) -> set[str]:
    """Models only requests use (validated as written: strict); every other model is read."""
    models = {model.name: model for model in api.models}

    def reach(roots: list[str]) -> set[str]:
        seen: set[str] = set()
        while roots:
            name = roots.pop()
            if name in models and name not in seen:
                seen.add(name)
                roots += [ref for field in models[name].fields for ref in references(field.type)]
        return seen

    requests = reach([model.name for model in api.models if model.kind == "request"])
    return requests - reach([name for name in models if name not in requests])


def runtime(name: str) -> Symbol:
    """A name of the runtime library generated models import."""
    return imported(RUNTIME_MODULE, name)


def checks(model: ModelNode) -> dict[str, Call]:
    """Python name → `Check(...)` for each field of a read model with a const or constraint."""
    found = {}
    for field in model.fields:
        constraints = field.constraints
        given = {"const": field.const,
                 "minimum": constraints.minimum, "maximum": constraints.maximum,
                 "min_length": constraints.min_length, "max_length": constraints.max_length,
                 "max_items": constraints.max_items,
                 "pattern": constraints.pattern or format_pattern(field)}
        arguments = {key: value for key, value in given.items()
                     if value is not None and value is not NO_VALUE}
        if arguments:
            found[field.python] = call(runtime("Check"), **arguments)
    return found


def check_statements(model: ModelNode) -> tuple[Assign, ...]:
    """The class attribute that hands a read model its tolerant checks, as runtime data."""
    given = checks(model)
    if not given:
        return ()
    return (Assign("__callspec_checks__",
                   DictOf(tuple((Lit(name), check) for name, check in given.items()))),)


def rule_statements(model: ModelNode) -> tuple[Assign, ...]:
    """The class attribute that hands a request model its rules, as runtime data."""
    if not model.rules:
        return ()
    rules = TupleOf(tuple(_rule_value(rule) for rule in model.rules), one_per_line=True)
    return (Assign("__callspec_rules__", rules),)


def _rule_value(rule: RuleNode) -> Call:
    """`Rule(...)` of the runtime for one rule of the IR."""
    when = None
    if rule.when is not None:
        condition = rule.when
        when = call(runtime("When"), path=condition.python_path, test=condition.test,
                    values=condition.values, wire=".".join(condition.wire_path))
    wires = tuple(".".join(path) for path in rule.wire_paths)
    return call(runtime("Rule"), kind=rule.kind, paths=rule.python_paths, wires=wires,
                when=when, **_ordering_args(rule))


def _ordering_args(rule: RuleNode) -> dict[str, object]:
    """The extra arguments of a compare or window rule (none for the other kinds)."""
    if rule.kind not in ("compare", "window"):
        return {}
    extra: dict[str, object] = {"formats": rule.formats}
    if rule.op is not None:
        extra["op"] = rule.op
    if rule.span != (None, None):
        extra["span"] = rule.span
    return extra


def member_statements(enum: EnumNode) -> tuple[Assign, ...]:
    """One `name = value` per member, its meaning as the docstring."""
    return tuple(Assign(member.name, Lit(member.value), docstring_body(member.meaning or ""))
                 for member in enum.members)


def alias_statements(aliases: Sequence[AliasNode]) -> tuple[Assign, ...]:
    """Each type alias with its docstring: a wire date-time (`Annotated[datetime, Wire(...)]`)
    or the field names of a model (`Literal[...]`)."""
    return tuple(Assign(alias.name, _alias_type(alias), docstring_body(alias.description))
                 for alias in aliases)


def _alias_type(alias: AliasNode) -> TypeRef:
    if alias.kind == "names":
        return TypeRef(imported("typing", "Literal"), tuple(Lit(name) for name in alias.values))
    options = {key: value for key, value in (("layout", alias.layout), ("tz", alias.timezone))
               if value}
    wire = call(runtime("Wire"), alias.format, **options)
    return TypeRef(imported("typing", "Annotated"),
                   (TypeRef(imported("datetime", alias.python_type)), wire))
