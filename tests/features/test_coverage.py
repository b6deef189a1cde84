"""Every key of the spec format is used by at least one feature fixture.

The keys come from the committed JSON Schema of the format (specs/callspec.schema.json), so a
key added to the format without a fixture that exercises it fails here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from pydantic import BaseModel

from generator.paths import SPECS_DIR
from generator.spec import model, read_spec
from tests.features.harness import fixtures


def _owner(title: str, key: str) -> tuple[str, str]:
    """A key belongs to the class that declares it: `Param.nullable` is `Field.nullable`, and a
    key every pagination style inherits is one key, used once for all of them."""
    cls = getattr(model, title, None)
    if not (isinstance(cls, type) and issubclass(cls, BaseModel)):
        return title, key
    for base in reversed(cls.__mro__):
        fields = getattr(base, "model_fields", {})
        if isinstance(base, type) and issubclass(base, BaseModel) and any(
            (info.alias or name) == key for name, info in fields.items()
        ):
            return base.__name__, key
    return title, key


def _schema_keys() -> set[tuple[str, str]]:
    schema = json.loads((SPECS_DIR / "callspec.schema.json").read_text(encoding="utf-8"))
    keys = {_owner("Spec", name) for name in schema.get("properties", {})}
    for title, definition in schema.get("$defs", {}).items():
        keys |= {_owner(title, name) for name in definition.get("properties", {})}
    return keys


def _used(value: object) -> Iterator[tuple[str, str]]:
    """(class, key) for every key a spec sets, at any depth."""
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        for name in value.model_fields_set:
            yield _owner(type(value).__name__, fields[name].alias or name)
            yield from _used(getattr(value, name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _used(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _used(item)


def test_every_key_of_the_format_is_used_by_a_fixture() -> None:
    used: set[tuple[str, str]] = set()
    for fixture in fixtures():
        used |= set(_used(read_spec(fixture.spec)))
    missing = sorted(_schema_keys() - used)
    assert not missing, "keys no fixture uses:\n" + "\n".join(f"  {c}.{k}" for c, k in missing)
