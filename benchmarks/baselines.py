"""Baselines for the validator benchmark, built from a generated model's own field list:
plain pydantic models (what a user would write by hand, without callspec's base classes and
their unknown-enum reporting) and msgspec Structs (the ceiling)."""

from __future__ import annotations

import enum
import re
from typing import Annotated, Any, Union, get_args, get_origin

import msgspec
from pydantic import BaseModel, ConfigDict, Field, create_model

__all__ = ["plain_pydantic", "msgspec_struct"]

_plain: dict[type, Any] = {}
_structs: dict[type, Any] = {}


def _constraints(metadata: list[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for item in metadata:
        for key in ("pattern", "ge", "le", "min_length", "max_length"):
            value = getattr(item, key, None)
            if value is not None:
                found[key] = value
    return found


def _plain_type(annotation: Any) -> Any:
    origin = get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        if annotation not in _plain:
            base = enum.StrEnum if issubclass(annotation, str) else enum.IntEnum
            _plain[annotation] = base(annotation.__name__, {m.name: m.value for m in annotation})
        return _plain[annotation]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return plain_pydantic(annotation)
    if origin is Annotated:
        inner, *metadata = get_args(annotation)
        return Annotated[(_plain_type(inner), *metadata)]
    if origin in (Union, type(int | None)):
        return Union[tuple(_plain_type(arg) for arg in get_args(annotation))]
    if origin is list:
        return list[_plain_type(get_args(annotation)[0])]  # type: ignore[misc]
    return annotation


def plain_pydantic(model: type[BaseModel]) -> type[BaseModel]:
    """The same fields, types, aliases and constraints on a plain BaseModel."""
    if model not in _plain:
        fields = {
            name: (_plain_type(info.annotation),
                   Field(info.default, alias=info.alias, **_constraints(info.metadata)))
            for name, info in model.model_fields.items()
        }
        extra = model.model_config.get("extra", "ignore")
        _plain[model] = create_model(f"Plain{model.__name__}", __config__=ConfigDict(extra=extra),
                                     **fields)  # type: ignore[call-overload]
    return _plain[model]  # type: ignore[no-any-return]


def _struct_type(annotation: Any, metadata: list[Any] | None = None) -> Any:
    origin = get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _plain_type(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return msgspec_struct(annotation)
    if origin is Annotated:
        inner, *more = get_args(annotation)
        return _struct_type(inner, [*(metadata or []), *more])
    if origin in (Union, type(int | None)):
        return Union[tuple(_struct_type(arg, metadata) for arg in get_args(annotation))]
    if origin is list:
        return list[_struct_type(get_args(annotation)[0])]  # type: ignore[misc]
    if any(hasattr(item, "codec") for item in metadata or []):
        return str  # a wire date-time (generator.runtime.Wire): the ceiling does not parse it
    pattern = _constraints(metadata or []).get("pattern")
    if annotation is str and pattern:
        return Annotated[str, msgspec.Meta(pattern=pattern)]
    return annotation


def msgspec_struct(model: type[BaseModel]) -> Any:
    """A msgspec Struct with the same fields (wire names kept through `rename`)."""
    if model not in _structs:
        fields = [(name, _struct_type(info.annotation, list(info.metadata)), None)
                  for name, info in model.model_fields.items()]
        renames = {name: info.alias for name, info in model.model_fields.items() if info.alias}
        _structs[model] = msgspec.defstruct(re.sub(r"\W", "", model.__name__) + "Struct", fields,
                                            rename=renames or None, kw_only=True)
    return _structs[model]
