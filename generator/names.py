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
    "python_name_problem",
    "chosen_field_name",
    "method_names",
    "operation_constant",
    "CLIENT_ATTRIBUTES",
    "CLIENT_MODULE_NAMES",
]

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_WORD = re.compile(r"[^0-9a-zA-Z]+")
# Names a pydantic model field must not take: they shadow BaseModel attributes.
_RESERVED_FIELDS = frozenset(
    {"model_config", "model_fields", "json", "dict", "copy", "schema", "validate", "construct"}
)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


# Comparison operators some APIs put in wire names (`StartTime<`, `StartTime>=`): spelled out,
# so `StartTime<` and `StartTime` do not both become `start_time`.
_OPERATORS = re.compile(r"<=|>=|!=|<|>")
_OPERATOR_WORDS = {"<=": "lte", ">=": "gte", "!=": "ne", "<": "lt", ">": "gt"}


def _words(text: str) -> list[str]:
    spelled = _OPERATORS.sub(lambda match: f" {_OPERATOR_WORDS[match[0]]} ", text)
    spaced = _CAMEL_BOUNDARY.sub(" ", _ascii(spelled))
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


_PARAM_RESERVED = frozenset({"self", "cls"})  # a param is a keyword argument of a method


def chosen_field_name(wire: str, explicit: str | None, is_param: bool = False) -> str:
    """The spec's `python:` name when it gives one, else the name derived from the wire name."""
    if explicit:
        return explicit
    derived = field_name(wire)
    return f"{derived}_" if is_param and derived in _PARAM_RESERVED else derived


def python_name_problem(name: str, *, member: bool = False) -> str | None:
    """Why an explicit `python:` name cannot be used, or None when it can."""
    if not name.isidentifier():
        return f"`{name}` is not a Python identifier"
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        return f"`{name}` is a Python keyword"
    if name.startswith("_"):
        # pydantic treats `_x` as a private attribute, Enum treats `_x_` as reserved.
        return f"`{name}` starts with an underscore"
    if not member and name in _RESERVED_FIELDS:
        return f"`{name}` shadows a pydantic model attribute"
    return None


def method_names(method: str) -> dict[str, str]:
    """Every client method an endpoint may give: the call and its variants, by kind."""
    return {
        "call": method,
        "iter": f"iter_{method}",
        "pages": f"iter_{method}_pages",
        "download": f"download_{method}",
        "raw": f"{method}_raw",
    }


def operation_constant(method: str) -> str:
    """The module-level name of an endpoint's `Operation` in the generated client module."""
    return method.upper()


# Attributes of the runtime's SyncClient and AsyncClient (and object): a generated method with
# one of these names would replace the runtime's own. The IR cannot import the runtime
# (layering), so the list lives here; tests/runtime/test_reserved_names.py keeps it in step
# with dir(SyncClient) | dir(AsyncClient).
CLIENT_ATTRIBUTES = frozenset(
    {
        "close", "aclose", "with_options", "_core", "_http", "_owns_pool", "_setup", "_attempt",
        "_call", "_call_raw", "_paginate", "_pages", "_paginate_pages", "_fetch", "_records",
        "_paginate_values", "_iterate",
        "_stream_csv", "_csv_rows", "_download", "_file_chunks", "_open_file", "_send",
        "_bytes", "_json", "_json_error",
    }
)
# Names the generated client module itself defines or imports: an operation constant or a
# params class with one of these names would shadow it.
CLIENT_MODULE_NAMES = frozenset(
    {
        "API", "models", "httpx", "annotations", "datetime", "Path", "Any", "Required",
        "TypedDict", "Unpack", "Iterator", "AsyncIterator", "ApiDescription", "AsyncClient",
        "AuthScheme", "BodyCondition", "Credential", "CsvLayout", "DownloadRule",
        "ErrorCodeInfo", "ErrorRules", "Operation", "Pagination", "RetryPolicy", "Server",
        "SyncClient", "Variable", "Mapping", "DEFAULT_DEADLINE", "DEFAULT_MAX_BODY_BYTES",
        "DEFAULT_MAX_CSV_RECORD_CHARS", "DEFAULT_TIMEOUT",
    }
)
