"""What models.py says about typed values: wire date-time and field-name aliases, which models
requests use (strict writer), and the tolerant checks of the others (tolerant reader)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from generator.emit.render import docstring_body
from generator.ir.nodes import (
    NO_VALUE,
    AliasNode,
    ApiNode,
    ArrayOf,
    EnumRef,
    FieldNode,
    ModelNode,
    ModelRef,
    OneOf,
    TypeExpr,
)

__all__ = ["RUNTIME_MODULE", "LOCAL_MODULE", "strftime_pattern", "format_pattern",
           "references", "request_side", "checks", "check_line", "alias_block"]

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


def checks(model: ModelNode) -> dict[str, str]:
    """Python name → `Check(...)` for each field of a read model with a const or constraint."""
    found = {}
    for field in model.fields:
        constraints = field.constraints
        given = {"const": field.const,
                 "minimum": constraints.minimum, "maximum": constraints.maximum,
                 "min_length": constraints.min_length, "max_length": constraints.max_length,
                 "max_items": constraints.max_items,
                 "pattern": constraints.pattern or format_pattern(field)}
        args = [f"{key}={value!r}" for key, value in given.items()
                if value is not None and value is not NO_VALUE]
        if args:
            found[field.python] = f"Check({', '.join(args)})"
    return found


def check_line(model: ModelNode) -> list[str]:
    """The class-body line that hands a read model its tolerant checks, as runtime data."""
    given = checks(model)
    if not given:
        return []
    items = ", ".join(f"{name!r}: {check}" for name, check in given.items())
    return [f"__callspec_checks__ = {{{items}}}"]


def alias_block(aliases: Sequence[AliasNode]) -> tuple[dict[str, set[str]], str]:
    """The imports and the lines defining each alias, with its docstring."""
    imports: dict[str, set[str]] = {}
    lines = []
    for alias in aliases:
        if alias.kind == "wire":
            imports.setdefault("typing", set()).add("Annotated")
            imports.setdefault("datetime", set()).add(alias.python_type)
            imports.setdefault(RUNTIME_MODULE, set()).add("Wire")
            options = "".join(f", {key}={value!r}" for key, value in
                              (("layout", alias.layout), ("tz", alias.timezone)) if value)
            lines.append(f"{alias.name} = Annotated[{alias.python_type}, "
                         f"Wire({alias.format!r}{options})]")
        else:
            imports.setdefault("typing", set()).add("Literal")
            lines.append(f"{alias.name} = Literal[{', '.join(map(repr, alias.values))}]")
        lines.append(f'"""{docstring_body(alias.description)}"""\n')
    return imports, "\n".join(lines)
