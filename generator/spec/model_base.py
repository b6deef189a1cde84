"""What every part of the spec format shares: the strict base model, scalar and name types."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, StrictBool, StrictFloat, StrictInt, StrictStr
from pydantic import Field as F

__all__ = [
    "SPEC_FORMAT_VERSION",
    "BUILTIN_TYPES",
    "Format",
    "FORMATS",
    "Scalar",
    "Text",
    "WireName",
    "Location",
    "PythonName",
    "QueryStyle",
    "SpecModel",
]

SPEC_FORMAT_VERSION = 1
BUILTIN_TYPES = ("string", "integer", "number", "boolean", "object", "array", "any", "union")
Format = Literal[
    "rfc3339",
    "date",
    "datetime",
    "sql-timestamp",
    "tz-name",
    "base64",
    "uri",
    "ip-address",
    "comma-separated",
    "phone-number",
    "rfc3339-millis",
    "iso8601",
    "rfc2822",
    "epoch-seconds",
    "epoch-millis",
    "time",
    "duration-seconds",
    "duration-millis",
    "duration-iso8601",
]
FORMATS: tuple[str, ...] = get_args(Format)

Scalar = StrictStr | StrictInt | StrictFloat | StrictBool
Text = Annotated[str, F(min_length=1)]
WireName = Annotated[str, F(min_length=1, max_length=120)]
Location = Literal["path", "query", "header", "body", "params"]
PythonName = Annotated[str, F(min_length=1, max_length=80)]
QueryStyle = Literal["explode", "comma", "deep_object"]


# Every mapping of the format: unknown keys are errors, values are never coerced.
class SpecModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, strict=True)
