"""Lint the keys that shape values: unions and their discriminator, `present_when`, query styles."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from generator.spec.check_names import Reporter
from generator.spec.load import PathKey
from generator.spec.model import Field, TypeSpec

__all__ = ["check_unions", "check_present_when", "check_query_styles", "UNION_SCALARS"]

# Untagged unions may mix declared types with these built-in scalars (`string | integer`).
UNION_SCALARS = ("string", "integer", "number", "boolean")


def check_unions(context: Reporter, fields: Iterable[tuple[PathKey, str, Field]]) -> None:
    for path, _wire, spec_field in fields:
        if spec_field.type != "union":
            for key in ("one_of", "discriminator"):
                if getattr(spec_field, key) is not None:
                    context.add((*path, key), "bad-field", f"`{key}` on a {spec_field.type}",
                                "set `type: union`")
            continue
        if not spec_field.one_of:
            context.add(path, "bad-field", "a union needs `one_of`",
                        "add `one_of: [TypeA, TypeB]`")
            continue
        _check_variants(context, path, spec_field.one_of)
        if spec_field.discriminator is not None:
            _check_discriminator(context, path, spec_field)


def _known(context: Reporter) -> list[str]:
    """What a union may name as a variant: declared types and enums, and the scalars."""
    return [*context.spec.types, *context.spec.enums, *UNION_SCALARS]


def _check_variants(context: Reporter, path: PathKey, variants: list[str]) -> None:
    known = _known(context)
    unions = context.spec.union_types
    for index, name in enumerate(variants):
        if name in unions:
            _union_variant(context, (*path, "one_of", index), name, unions[name].one_of)
        elif name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            context.add((*path, "one_of", index), "unknown-type",
                        f"union variant {name!r} is neither a declared type nor a scalar",
                        f"did you mean `{close[0]}`?" if close else "declare it under `types:`",
                        value=True)


def _union_variant(context: Reporter, where: PathKey, name: str, its_variants: list[str]) -> None:
    """A variant naming a union (itself, or another): a union of unions has no one shape."""
    if where[:2] == ("types", name):
        context.add(where, "bad-field", f"union {name!r} names itself as a variant",
                    "list the types it can be instead", value=True)
    else:
        context.add(where, "bad-field", f"union variant {name!r} is itself a union",
                    f"list its variants here instead: {', '.join(its_variants)}", value=True)


def _check_discriminator(context: Reporter, path: PathKey, spec_field: Field) -> None:
    discriminator = spec_field.discriminator
    assert discriminator is not None and spec_field.one_of is not None
    where: PathKey = (*path, "discriminator")
    for tag, name in discriminator.mapping.items():
        if name not in spec_field.one_of:
            context.add((*where, "mapping", tag), "unknown-type",
                        f"tag {tag!r} maps to {name!r}, which is not in the union's `one_of`",
                        f"use one of {', '.join(spec_field.one_of)}", value=True)
    for index, name in enumerate(spec_field.one_of):
        variant = context.spec.object_types.get(name)
        if name in context.spec.union_types or name not in _known(context):
            continue  # reported by _check_variants
        if variant is None:
            context.add((*path, "one_of", index), "bad-field",
                        f"a tagged union's variant must be a declared object type, not {name!r}",
                        "declare an object type for it, or drop `discriminator`", value=True)
        elif not _carries(variant, discriminator.property):
            context.add((*path, "one_of", index), "bad-field",
                        f"variant {name!r} has no field {discriminator.property!r} to tag it",
                        f"add `{discriminator.property}: {{type: string, required: true}}` "
                        f"to types.{name}", value=True)
        elif name not in discriminator.mapping.values():
            context.add((*path, "one_of", index), "bad-field",
                        f"no tag maps to variant {name!r}",
                        f"add `<tag>: {name}` under `discriminator.mapping`", value=True)


def _carries(variant: TypeSpec, prop: str) -> bool:
    return prop in variant.fields


def check_present_when(
    context: Reporter, mappings: Iterable[tuple[PathKey, Mapping[str, Field | None]]]
) -> None:
    """`present_when` names a sibling, tests it once, and never sits on a required field."""
    for path, mapping in mappings:
        for wire, spec_field in mapping.items():
            condition = spec_field.present_when if spec_field is not None else None
            if spec_field is None or condition is None:
                continue
            where: PathKey = (*path, wire, "present_when")
            if condition.field not in mapping or condition.field == wire:
                close = difflib.get_close_matches(condition.field, [k for k in mapping if k != wire], n=1)
                context.add((*where, "field"), "unknown-param",
                            f"present_when names {condition.field!r}, which is not a sibling field",
                            f"did you mean `{close[0]}`?" if close else
                            "name a field of the same object", value=True)
            if (condition.equals is None) == (condition.one_of is None):
                context.add(where, "bad-rule", "present_when needs exactly one of equals, one_of",
                            "say which value of the field makes this one present")
            if spec_field.required:
                context.add((*path, wire, "required"), "bad-field",
                            "a field present only under a condition cannot be required",
                            "drop `required: true`; present_when documents when it is sent")


_STYLE_TYPES = {"explode": ("array",), "comma": ("array",), "deep_object": ("object",)}


def check_query_styles(context: Reporter) -> None:
    """`style` only on query params, and only for the type it serialises."""
    for name, endpoint in context.spec.endpoints.items():
        for wire, param in endpoint.params.items():
            if param.style is None:
                continue
            where: PathKey = ("endpoints", name, "params", wire, "style")
            rpc = (endpoint.transport or context.spec.transport) == "jsonrpc"
            fallback = "params" if rpc else "query" if endpoint.http_method == "GET" else "body"
            location = param.location or fallback
            if location != "query":
                context.add(where, "bad-field", f"`style` on a param in the {location}",
                            "style says how a query param is written; set `in: query` or drop it")
            elif param.type not in _STYLE_TYPES[param.style]:
                wanted = _STYLE_TYPES[param.style][0]
                context.add(where, "bad-field", f"style {param.style} needs {_a(wanted)}, "
                            f"not {_a(param.type)}", f"set `type: {wanted}` or change the style")


def _a(kind: str) -> str:
    return f"an {kind}" if kind[:1] in "aeiou" else f"a {kind}"
