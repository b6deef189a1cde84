"""Records that are plain values (call ids, numbers, typed wire values): each read with the
item type of the page model's own record list, so a record means what the page says it means."""

from __future__ import annotations

import functools
import types
from contextlib import nullcontext
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from ._errors import ConfigError, ResponseValidationError
from ._models import report_unknown, strict_enums, unknown_count
from ._response import Exchange

__all__ = ["value_adapter", "read_value"]


def _plain(annotation: Any) -> Any:
    """`annotation` without Annotated metadata and without `| None`."""
    if get_origin(annotation) is Annotated:
        return _plain(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        kept = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(kept) == 1:
            return _plain(kept[0])
    return annotation


def _field(model: Any, wire: str) -> Any:
    """The annotation of the field of `model` whose wire name (alias) or name is `wire`."""
    if isinstance(model, type) and issubclass(model, BaseModel):
        for name, info in model.model_fields.items():
            if wire in (info.alias, name):
                return info.annotation
    return None


@functools.cache
def value_adapter(model: type[BaseModel], path: str) -> TypeAdapter[Any]:
    """A TypeAdapter of one item of the list at the dotted wire `path` of `model` (cached: one
    per model and path, built on the first page)."""
    node: Any = model
    for part in path.split("."):
        node = _field(_plain(node), part)
    listed = _plain(node)
    if get_origin(listed) is not list:
        raise ConfigError(f"{model.__name__} has no record list at {path!r}")
    return TypeAdapter(get_args(listed)[0])


def read_value(adapter: TypeAdapter[Any], item: object, ex: Exchange,
               context: dict[str, object] | None, row: int, place: str) -> Any:
    """One record checked against its type. Tolerant: an unknown enum value or a date not in
    its wire format is kept, with a warning naming the record's row and `place` (records[i]);
    in strict mode, or for a value of the wrong shape, ResponseValidationError naming both."""
    before = unknown_count()
    try:
        with strict_enums() if context and context.get("strict") else nullcontext():
            value = adapter.validate_python(item)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False, include_context=False)
        raise ResponseValidationError(
            f"{ex.redactor.text(ex.where)}: row {row}: {place} does not fit the records' type: "
            f"{errors[0]['msg']}",
            field=place, row=row, errors=tuple(dict(e) for e in errors),
        ) from None
    if unknown_count() != before:
        report_unknown(value, f"{ex.redactor.text(ex.where)}: record {row} ({place})", before)
    return value
