"""Python names decided once: snake_case identifiers, class names, enum member names, keywords."""

from __future__ import annotations

import functools
import keyword
import re
import unicodedata

__all__ = [
    "snake_case",
    "class_name",
    "enum_member_name",
    "field_name",
    "is_identifier",
]

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_WORD = re.compile(r"[^0-9a-zA-Z]+")
# Names a pydantic model field must not take: they shadow BaseModel attributes.
_RESERVED_FIELDS = frozenset(
    {"model_config", "model_fields", "json", "dict", "copy", "schema", "validate", "construct"}
)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _words(text: str) -> list[str]:
    spaced = _CAMEL_BOUNDARY.sub(" ", _ascii(text))
    return [word for word in _NON_WORD.split(spaced) if word]


@functools.lru_cache(maxsize=65536)  # pure, and called for every name of every spec
def snake_case(text: str) -> str:
    """`fromEID` → `from_eid`, `attempt_1_id` → `attempt_1_id`, `off-target` → `off_target`."""
    return "_".join(word.lower() for word in _words(text))


def field_name(wire_name: str) -> str:
    """A safe attribute name for a wire name: snake_case, never a keyword or a digit first."""
    name = snake_case(wire_name) or "field"
    if name[0].isdigit():
        name = f"field_{name}"
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in _RESERVED_FIELDS:
        name = f"{name}_"
    return name


def class_name(text: str) -> str:
    """`calls_report` → `CallsReport`; already-Pascal names keep their inner capitals."""
    words = _words(text) or ["Model"]
    name = "".join(word[:1].upper() + word[1:] for word in words)
    return f"Model{name}" if name[0].isdigit() else name


def enum_member_name(value: object) -> str:
    """`Not filled in` → `NOT_FILLED_IN`, `off-target` → `OFF_TARGET`, `2` → `VALUE_2`."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    text = snake_case(str(value)).upper()
    if isinstance(value, (int, float)) and not text.startswith("-"):
        sign = "MINUS_" if isinstance(value, (int, float)) and value < 0 else ""
        return f"VALUE_{sign}{text}" if text else "VALUE"
    if not text:
        return "EMPTY"
    if text[0].isdigit():
        text = f"VALUE_{text}"
    return f"{text}_" if keyword.iskeyword(text.lower()) and text.lower() == text else text


def is_identifier(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name)
