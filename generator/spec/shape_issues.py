"""Pydantic's validation errors of a spec as lint Issues at the line and key they come from."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from generator.errors import Issue
from generator.spec.load import Loaded, PathKey
from generator.spec.model import Spec

__all__ = ["shape_issues"]


def shape_issues(loaded: Loaded, error: ValidationError) -> Iterator[Issue]:
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
