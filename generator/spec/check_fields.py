"""Cross-checks of fields and enums: declared types, keys that fit the type, defaults, values."""

from __future__ import annotations

import difflib
import re
from typing import Any

from generator.names import enum_member_name
from generator.spec.check_names import explicit_member
from generator.spec.lint_context import LintContext
from generator.spec.load import PathKey
from generator.spec.model import BUILTIN_TYPES, EnumSpec, Field
from generator.spec.typed_checks import check_typed_field
from generator.spec.walk import all_fields

__all__ = ["check_types", "check_enums"]


def check_types(context: LintContext) -> None:
    spec = context.spec
    known = [*BUILTIN_TYPES, *spec.enums, *spec.types]
    for path, _wire, spec_field in all_fields(spec):
        if spec_field.type not in known:
            close = difflib.get_close_matches(spec_field.type, known, n=1)
            hint = f"did you mean `{close[0]}`?" if close else "declare it under `enums:` or `types:`"
            context.add(
                (*path, "type"),
                "unknown-type",
                f"type {spec_field.type!r} is neither built in nor declared in this spec",
                hint,
                value=True,
            )
        _check_field_shape(context, path, spec_field)
        _check_enum_default(context, path, spec_field)


def _check_enum_default(context: LintContext, path: PathKey, spec_field: Field) -> None:
    """A default of an enum field must be one of its values: generated signatures construct it
    (found by the spec fuzzer: `default: false` on an enum made a package that cannot import)."""
    enum = context.spec.enums.get(spec_field.type)
    default = spec_field.default
    if enum is None or default is None:
        return
    # Compared with their types: False == 0 and 1.0 == 1, yet neither is the other's member.
    if not any(type(value) is type(default) and value == default for value in enum.values):
        context.add((*path, "default"), "bad-value",
                    f"default {default!r} is not a value of enum {spec_field.type}",
                    f"use one of: {', '.join(repr(value) for value in list(enum.values)[:5])}",
                    value=True)


def _check_field_shape(context: LintContext, path: PathKey, spec_field: Field) -> None:
    kind = spec_field.type
    if kind == "array" and spec_field.items is None:
        context.add(path, "bad-field", "an array needs `items`", "add `items: {type: string}`")
    if spec_field.items is not None and kind != "array":
        context.add((*path, "items"), "bad-field", f"`items` on a {kind}", "set `type: array`")
    if spec_field.properties is not None and kind != "object":
        context.add(
            (*path, "properties"), "bad-field", f"`properties` on a {kind}", "set `type: object`"
        )
    if spec_field.datetime_format and spec_field.format not in ("datetime", "date", "time"):
        context.add(
            (*path, "datetime_format"),
            "bad-field",
            "`datetime_format` needs `format: datetime`, `format: date` or `format: time`",
            "add the format",
        )
    check_typed_field(context.add, context.spec, path, spec_field)
    if spec_field.pattern is not None:
        try:
            re.compile(spec_field.pattern)
        except re.error as error:
            context.add((*path, "pattern"), "bad-value", f"invalid regex: {error}", "fix the regex",
                        value=True)


def check_enums(context: LintContext) -> None:
    for name, enum in context.spec.enums.items():
        _check_enum_values(context, ("enums", name, "values"), enum)


def _check_enum_values(context: LintContext, path: PathKey, enum: EnumSpec) -> None:
    wanted = str if enum.type == "string" else int
    by_text: dict[str, Any] = {}
    by_member: dict[str, Any] = {}
    for value, given in enum.values.items():
        if not isinstance(value, wanted):
            context.add(
                (*path, value),
                "wrong-type",
                f"value {value!r} of the {enum.type} enum is a {type(value).__name__}",
                "quote it" if wanted is str else "write it as a number",
            )
        text = str(value)
        if text in by_text:
            context.add(
                (*path, value),
                "duplicate-enum-value",
                f"enum value {value!r} repeats {by_text[text]!r}",
                "remove one of them",
            )
        by_text.setdefault(text, value)
        member = explicit_member(given) or enum_member_name(value)
        if member in by_member and text not in (str(by_member[member]),):
            context.add(
                (*path, value),
                "name-collision",
                f"enum values {by_member[member]!r} and {value!r} both become member {member}",
                "the generated enum cannot hold both: check which spelling the vendor sends, "
            "or give one `{meaning: …, python: OTHER_NAME}`",
            )
        by_member.setdefault(member, value)
