"""Check a loaded spec: its shape against the format, then the cross-references between parts.

Every problem becomes an Issue at the line it comes from; all of them are raised together.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from generator.errors import Issue, SpecError
from generator.names import (
    chosen_field_name,
    class_name,
    enum_member_name,
)
from generator.spec.check_names import (
    check_endpoint_names,
    check_explicit_names,
    explicit_member,
    field_python_names,
)
from generator.spec.check_shapes import check_present_when, check_query_styles, check_unions
from generator.spec.check_values import (
    check_defaults,
    check_ordering_rules,
    check_server_variables,
)
from generator.spec.check_values import resolve_param as _resolve
from generator.spec.check_paging import check_pagination
from generator.spec.load import Loaded, PathKey
from generator.spec.typed_checks import check_typed_field
from generator.spec.validate_auth import check_auth_styles
from generator.spec.model import (
    BUILTIN_TYPES,
    Condition,
    Endpoint,
    EnumSpec,
    Field,
    Spec,
    UnionTypeSpec,
)

__all__ = ["validate_spec", "LINT_CODES"]

# Every code the linter reports, with what it means; specs/README.md lists the same table.
LINT_CODES: dict[str, str] = {
    "yaml-syntax": "the file is not valid YAML, or uses custom tags",
    "duplicate-key": "a mapping names the same key twice",
    "duplicate-enum-value": "an enum lists the same value twice",
    "duplicate-tag": "a union's discriminator maps the same tag value twice",
    "empty-file": "the file holds nothing",
    "not-utf8": "the file is not UTF-8",
    "file-too-large": "the file is larger than specs may be",
    "alias-bomb": "anchors and aliases expand beyond a sane size",
    "too-deep": "the file nests deeper than specs may",
    "bad-key": "a key is not a plain value",
    "unreadable": "the file cannot be read",
    "unknown-key": "a key the spec format does not have",
    "missing-key": "a required key is absent",
    "wrong-type": "a value of the wrong type",
    "bad-value": "a value outside what the key allows",
    "unknown-type": "a field names a type or enum that is not declared",
    "name-collision": "two names become the same Python identifier",
    "reserved-name": "a generated name would hide the runtime client's or the module's own names",
    "unknown-param": "a rule, pagination, path or example names a param that does not exist",
    "unknown-auth": "an endpoint or download names an auth scheme or credential that does not exist",
    "bad-field": "a field's keys do not fit its type",
    "bad-rule": "a rule lacks what its kind needs",
    "vendor-id": "vendor.id differs from the file name",
    "bad-auth": "an auth scheme's keys do not fit its style (basic, oauth2, token_provider)",
}

_PATH_VARIABLE = re.compile(r"\{([^{}]+)\}")


@dataclass
class _Context:
    loaded: Loaded
    spec: Spec
    issues: list[Issue]

    def add(self, path: PathKey, code: str, message: str, hint: str, *, value: bool = False) -> None:
        where = self.loaded.value_at(path) if value else self.loaded.locate(path)
        dotted = ".".join(str(part) for part in path)
        self.issues.append(
            Issue(self.loaded.file, where.line, where.column, code, message, hint, dotted)
        )


def validate_spec(loaded: Loaded) -> Spec:
    """Return the validated Spec or raise SpecError with every problem found."""
    try:
        spec = Spec.model_validate(loaded.data)
    except ValidationError as error:
        raise SpecError(list(_shape_issues(loaded, error))) from None
    context = _Context(loaded, spec, [])
    for check in _CHECKS:
        check(context)
    if context.issues:
        raise SpecError(context.issues)
    return spec


# -- shape: pydantic errors as Issues -------------------------------------------------------


def _shape_issues(loaded: Loaded, error: ValidationError) -> Iterator[Issue]:
    seen: set[tuple[PathKey, str]] = set()
    for detail in error.errors(include_url=False):
        path = _clean_loc(loaded.data, detail["loc"])
        is_key = "[key]" in detail["loc"]
        code, message, hint = _describe(detail, path, is_key)
        if (path, code) in seen:
            continue  # a union reports one wrong value once per member; say it once
        seen.add((path, code))
        keyed = is_key or code in ("unknown-key", "missing-key")
        where = loaded.locate(path) if keyed else loaded.value_at(path)
        dotted = ".".join(str(part) for part in path)
        yield Issue(loaded.file, where.line, where.column, code, message, hint, dotted)


def _clean_loc(data: Any, loc: tuple[Any, ...]) -> PathKey:
    """Drop pydantic's union-member markers so the loc walks the real data."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, Mapping) and part in node:
            part = _actual_key(node, part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(node, Mapping) and isinstance(part, str) and _is_field_name(part):
            path.append(part)  # a missing key: its parent holds the place
            break
        else:
            continue
        path.append(part)
    return tuple(path)


def _actual_key(node: Mapping[Any, Any], part: Any) -> Any:
    """pydantic reports the key True as 1; find the key as the file wrote it."""
    for key in node:
        if key == part and isinstance(key, bool):
            return key
    return part


def _is_field_name(part: str) -> bool:
    return part.isidentifier() and part not in _UNION_MARKERS


_UNION_MARKERS = frozenset({"str", "int", "float", "bool", "list", "dict"})


def _annotation_at(path: PathKey) -> Any:
    """The type the format expects at `path`: a model class, dict, list or scalar type."""
    annotation: Any = Spec
    for part in path:
        annotation = _step(_unwrap(annotation), part)
        if annotation is None:
            return None
    return _unwrap(annotation)


@dataclass(frozen=True)
class _Models:
    """A union of several models (the pagination styles): a key may belong to any of them."""

    members: tuple[type[BaseModel], ...]


def _step(annotation: Any, part: str | int) -> Any:
    if isinstance(annotation, _Models):
        found = (_step(member, part) for member in annotation.members)
        return next((item for item in found if item is not None), None)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        names = {(info.alias or name): info for name, info in annotation.model_fields.items()}
        info = names.get(str(part))
        return info.annotation if info else None
    args = get_args(annotation)
    origin = get_origin(annotation)
    if origin in (dict, list) and args:
        return args[-1]
    return None


def _unwrap(annotation: Any) -> Any:
    """`X | None` → X; `Annotated[X, …]` → X; a union of models → the first model."""
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, UnionType):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        models = [_unwrap(arg) for arg in members if _is_model(_unwrap(arg))]
        if len(models) > 1:
            return _Models(tuple(models))
        structured = [arg for arg in members if get_origin(arg) in (dict, list) or _is_model(arg)]
        return _unwrap((structured or members)[0])
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _keys_of(path: PathKey) -> list[str]:
    owner = _annotation_at(path)
    if isinstance(owner, _Models):
        return sorted({(info.alias or name) for member in owner.members
                       for name, info in member.model_fields.items()})
    if not _is_model(owner):
        return []
    return sorted((info.alias or name) for name, info in owner.model_fields.items())


def _describe(detail: Any, path: PathKey, is_key: bool) -> tuple[str, str, str]:
    kind = detail["type"]
    key = path[-1] if path else ""
    if is_key:
        got = type(key).__name__
        hint = "quote it: YAML reads yes/no/on/off/true/false as booleans" if got == "bool" else (
            "quote it" if got in ("int", "float") else "use a string"
        )
        return "wrong-type", f"key {key!r} must be a string here, not {got}", hint
    if kind == "extra_forbidden":
        options = _keys_of(path[:-1])
        close = difflib.get_close_matches(str(key), options, n=1)
        hint = f"did you mean `{close[0]}`?" if close else f"allowed keys: {', '.join(options)}"
        if key in options:  # a key of another member of a union (an object type's `fields`)
            hint = "it belongs to another kind of entry: keep the keys of one kind"
        return "unknown-key", f"unknown key {key!r}", hint
    if kind == "missing":
        return "missing-key", f"missing required key {key!r}", f"add `{key}:` here"
    if kind == "pagination_style":
        return ("bad-value", "unknown pagination `style`",
                "use offset_limit, page_number, cursor or next_link")
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        return "bad-value", f"{key!r} must be one of {expected}", "use one of the listed values"
    if kind.endswith(("_type", "_parsing")):
        got = type(detail.get("input")).__name__
        wanted = _wanted(kind)
        boolean = "quote it: YAML reads yes/no/on/off/true/false as booleans"
        hint = boolean if got == "bool" else f"write {wanted} here"
        return "wrong-type", f"{key!r} must be {wanted}, not {got}", hint
    message = str(detail.get("msg", "invalid value"))
    return "bad-value", f"{key!r}: {message[:1].lower()}{message[1:]}", "see specs/README.md"


def _wanted(kind: str) -> str:
    return {
        "string_type": "a string",
        "bool_parsing": "true or false",
        "int_parsing": "an integer",
        "float_parsing": "a number",
        "int_type": "an integer",
        "float_type": "a number",
        "bool_type": "true or false",
        "model_type": "a mapping",
        "model_attributes_type": "a mapping",
        "dict_type": "a mapping",
        "list_type": "a list",
    }.get(kind, "another type")


# -- cross-checks ----------------------------------------------------------------------------


def _walk_fields(
    fields: Mapping[str, Field], path: PathKey
) -> Iterator[tuple[PathKey, str, Field]]:
    """Every field, nested ones included, with the path of its key."""
    for wire, spec_field in fields.items():
        here = (*path, wire)
        yield here, wire, spec_field
        yield from _walk_field_children(spec_field, here)


def _walk_field_children(spec_field: Field, path: PathKey) -> Iterator[tuple[PathKey, str, Field]]:
    if spec_field.properties:
        yield from _walk_fields(spec_field.properties, (*path, "properties"))
    if spec_field.items is not None:
        items_path = (*path, "items")
        yield items_path, "items", spec_field.items
        yield from _walk_field_children(spec_field.items, items_path)


def _all_fields(spec: Spec) -> Iterator[tuple[PathKey, str, Field]]:
    for type_name, type_spec in spec.types.items():
        if isinstance(type_spec, UnionTypeSpec):  # checked as the inline union it stands for
            yield ("types", type_name), type_name, type_spec.as_field()
            continue
        yield from _walk_fields(type_spec.fields, ("types", type_name, "fields"))
    for errors, where in _all_errors(spec):
        for status, http in errors.http.items():
            if http.body is not None:
                body_path = (*where, "http", status, "body")
                yield body_path, "body", http.body
                yield from _walk_field_children(http.body, body_path)
    for name, endpoint in spec.endpoints.items():
        base: PathKey = ("endpoints", name)
        yield from _walk_fields(endpoint.params, (*base, "params"))
        response = endpoint.response
        if response.body is not None:
            body_path = (*base, "response", "body")
            yield body_path, "body", response.body
            yield from _walk_field_children(response.body, body_path)
        if response.csv is not None:
            yield from _walk_fields(response.csv.columns, (*base, "response", "csv", "columns"))


def _all_errors(spec: Spec) -> Iterator[tuple[Any, PathKey]]:
    if spec.errors is not None:
        yield spec.errors, ("errors",)
    for name, endpoint in spec.endpoints.items():
        if endpoint.errors is not None:
            yield endpoint.errors, ("endpoints", name, "errors")


def _check_vendor_id(context: _Context) -> None:
    stem = Path(context.loaded.file).stem
    vendor_id = context.spec.vendor.id
    if stem != vendor_id and not stem.startswith(f"{vendor_id}."):
        context.add(
            ("vendor", "id"),
            "vendor-id",
            f"vendor.id {vendor_id!r} differs from the file name {stem!r}",
            f"rename the file to {vendor_id}.yaml, or make the id match the file name",
            value=True,
        )


def _check_types(context: _Context) -> None:
    spec = context.spec
    known = [*BUILTIN_TYPES, *spec.enums, *spec.types]
    for path, _wire, spec_field in _all_fields(spec):
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


def _check_enum_default(context: _Context, path: PathKey, spec_field: Field) -> None:
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


def _check_field_shape(context: _Context, path: PathKey, spec_field: Field) -> None:
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


def _check_enums(context: _Context) -> None:
    for name, enum in context.spec.enums.items():
        _check_enum_values(context, ("enums", name, "values"), enum)


def _check_enum_values(context: _Context, path: PathKey, enum: EnumSpec) -> None:
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


def _check_names(context: _Context) -> None:
    spec = context.spec
    for path, mapping in _field_mappings(spec):
        explicit = field_python_names(mapping)
        _check_unique(context, path, list(mapping),
                      lambda wire, given=explicit: chosen_field_name(wire, given[wire]), "attribute")
    classes: dict[str, PathKey] = {}
    for group in ("enums", "types"):
        for name in getattr(spec, group):
            _claim_class(context, classes, class_name(name), (group, name))
    for name in spec.endpoints:
        for suffix in ("Request", "Response", "Row"):
            _claim_class(context, classes, class_name(name) + suffix, ("endpoints", name))


def _claim_class(
    context: _Context, classes: dict[str, PathKey], name: str, path: PathKey
) -> None:
    if name in classes and classes[name] != path:
        first = ".".join(str(part) for part in classes[name])
        context.add(
            path,
            "name-collision",
            f"{'.'.join(map(str, path))} and {first} both become the Python class {name}",
            "rename one of them",
        )
    classes.setdefault(name, path)


def _field_mappings(spec: Spec) -> Iterator[tuple[PathKey, Mapping[str, Any]]]:
    for type_name, type_spec in spec.object_types.items():
        yield ("types", type_name, "fields"), type_spec.fields
    for path, _wire, spec_field in _all_fields(spec):
        if spec_field.properties:
            yield (*path, "properties"), spec_field.properties
    for name, endpoint in spec.endpoints.items():
        credentials = {
            credential: None
            for scheme in _endpoint_schemes(spec, endpoint)
            for credential in scheme.credentials
        }
        yield ("endpoints", name, "params"), {**credentials, **endpoint.params}
        if endpoint.response.csv is not None:
            yield ("endpoints", name, "response", "csv", "columns"), endpoint.response.csv.columns


def _check_unique(
    context: _Context, path: PathKey, names: Iterable[str], to_python: Any, what: str
) -> None:
    seen: dict[str, str] = {}
    for name in names:
        python = to_python(name)
        if python in seen and seen[python] != name:
            context.add(
                (*path, name),
                "name-collision",
                f"{seen[python]!r} and {name!r} both become the Python {what} `{python}`",
                f"add `python: <another name>` to {name!r}",
            )
        seen.setdefault(python, name)


def _endpoint_schemes(spec: Spec, endpoint: Endpoint) -> list[Any]:
    if spec.auth is None:
        return []
    names = endpoint.auth if endpoint.auth is not None else list(spec.auth.schemes)
    return [spec.auth.schemes[name] for name in names if name in spec.auth.schemes]


def _check_rules(context: _Context) -> None:
    for name, endpoint in context.spec.endpoints.items():
        for index, rule in enumerate(endpoint.rules):
            path: PathKey = ("endpoints", name, "rules", index)
            for position, param in enumerate(rule.params):
                _expect_param(context, endpoint, param, (*path, "params", position))
            needs_when = rule.kind in ("required_if", "only_when")
            if needs_when and rule.when is None:
                context.add(path, "bad-rule", f"a {rule.kind} rule needs `when`", "add `when: {param: …}`")
            if rule.when is not None:
                _check_condition(context, endpoint, rule.when, (*path, "when"))


def _check_condition(
    context: _Context, endpoint: Endpoint, condition: Condition, path: PathKey
) -> None:
    _expect_param(context, endpoint, condition.param, (*path, "param"))
    tests = [condition.equals is not None, condition.one_of is not None, condition.present is not None,
             condition.not_one_of is not None]
    if sum(tests) != 1:
        context.add(path, "bad-rule",
                    "a condition needs exactly one of equals, one_of, not_one_of, present",
                    "say what the param must hold")


def _expect_param(context: _Context, endpoint: Endpoint, dotted: str, path: PathKey) -> None:
    if _resolve(endpoint.params, dotted) is not None:
        return
    close = difflib.get_close_matches(dotted, _param_paths(endpoint.params), n=1)
    context.add(
        path,
        "unknown-param",
        f"{dotted!r} is not a param of this endpoint",
        f"did you mean `{close[0]}`?" if close else "declare it under `params:`",
        value=True,
    )


def _param_paths(params: Mapping[str, Field], prefix: str = "") -> list[str]:
    paths: list[str] = []
    for wire, spec_field in params.items():
        paths.append(prefix + wire)
        if spec_field.properties:
            paths.extend(_param_paths(spec_field.properties, f"{prefix}{wire}."))
    return paths


def _body_has(endpoint: Endpoint, dotted: str) -> bool:
    body = endpoint.response.body
    return body is not None and (body.type == "any" or _resolve(body.properties or {}, dotted) is not None)


def _check_auth(context: _Context) -> None:
    spec = context.spec
    schemes = spec.auth.schemes if spec.auth else {}
    credentials = {credential for scheme in schemes.values() for credential in scheme.credentials}
    for name, endpoint in spec.endpoints.items():
        for index, scheme in enumerate(endpoint.auth or []):
            if scheme not in schemes:
                close = difflib.get_close_matches(scheme, list(schemes), n=1)
                context.add(("endpoints", name, "auth", index), "unknown-auth",
                            f"auth scheme {scheme!r} is not declared under `auth.schemes`",
                            f"did you mean `{close[0]}`?" if close else "declare it", value=True)
        download = endpoint.response.download
        for index, credential in enumerate(download.auth if download else []):
            if credential not in credentials:
                context.add(("endpoints", name, "response", "download", "auth", index),
                            "unknown-auth", f"credential {credential!r} is not in any auth scheme",
                            "name a credential declared under `auth.schemes`", value=True)


def _check_paths(context: _Context) -> None:
    spec = context.spec
    for name, endpoint in spec.endpoints.items():
        in_path = set(_PATH_VARIABLE.findall(endpoint.path))
        declared = {wire for wire, param in endpoint.params.items() if param.location == "path"}
        for missing in sorted(in_path - declared):
            context.add(("endpoints", name, "path"), "unknown-param",
                        f"path variable {{{missing}}} has no param with `in: path`",
                        f"add `{missing}: {{type: string, in: path, required: true}}`", value=True)
        for unused in sorted(declared - in_path):
            context.add(("endpoints", name, "params", unused), "unknown-param",
                        f"path param {unused!r} does not appear in the path",
                        f"add {{{unused}}} to `path` or change `in:`")


def _check_examples(context: _Context) -> None:
    spec = context.spec
    for name, endpoint in spec.endpoints.items():
        allowed = set(endpoint.params) | {
            credential for scheme in _endpoint_schemes(spec, endpoint) for credential in scheme.credentials
        }
        for example_name, example in endpoint.examples.items():
            for key in example.request or {}:
                if key not in allowed:
                    context.add(("endpoints", name, "examples", example_name, "request", key),
                                "unknown-param", f"example sends {key!r}, which is not a param",
                                "declare the param or fix the example")


def _check_python_names(context: _Context) -> None:
    check_explicit_names(context, _all_fields(context.spec))
    check_endpoint_names(context)


def _check_shapes(context: _Context) -> None:
    check_unions(context, _all_fields(context.spec))
    check_present_when(context, _field_mappings(context.spec))
    check_query_styles(context)


_CHECKS = (
    _check_vendor_id,
    _check_types,
    _check_enums,
    _check_names,
    _check_python_names,
    _check_shapes,
    _check_rules,
    check_pagination,
    _check_auth,
    _check_paths,
    _check_examples,
    lambda context: check_auth_styles(context.spec, context.add),
    check_ordering_rules,
    check_defaults,
    check_server_variables,
)
