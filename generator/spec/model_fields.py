"""The spec format's values: fields, params, enums and named types."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field as F
from pydantic import StrictFloat, StrictInt, StrictStr

from generator.spec.model_base import (
    Format,
    Location,
    PythonName,
    QueryStyle,
    Scalar,
    SpecModel,
    Text,
    WireName,
)

__all__ = [
    "EnumValue",
    "EnumSpec",
    "FieldNames",
    "Discriminator",
    "PresentWhen",
    "Field",
    "Param",
    "TypeSpec",
]


class EnumValue(SpecModel):
    """One enum value written as a mapping: its meaning and an explicit Python member name."""

    meaning: str | None = F(None, description="The vendor's meaning of the value.")
    python: PythonName | None = F(
        None, description="The member name in Python (default: derived from the value)."
    )


class EnumSpec(SpecModel):
    """A closed set of values, each with the vendor's meaning (null when the doc gives none)."""

    type: Literal["string", "integer"] = "string"
    description: str | None = None
    values: dict[StrictStr | StrictInt, str | EnumValue | None] = F(
        min_length=1,
        description="value: meaning, or value: {meaning, python}. Quote values YAML would read "
        "as booleans.",
    )


class FieldNames(SpecModel):
    """The value names a field of a type: a field selector or a sort or filter key."""

    of: Text = F(description="A type declared in this spec whose field names are the values.")
    where: Literal["sortable", "filterable", "returned_by_default"] | None = F(
        None, description="Only the fields with this flag set; omitted: every field."
    )


class Discriminator(SpecModel):
    """Which property of a union's value names its variant, and the variant of each tag."""

    property: Text = F(description="Wire name of the tag property every variant carries.")
    mapping: dict[StrictStr, Text] = F(
        min_length=1, description="tag value: type name (one of the union's `one_of`)."
    )


class PresentWhen(SpecModel):
    """The doc says a field is present only when another field of the same object holds a value."""

    field: Text = F(description="Wire name of the sibling field the presence depends on.")
    equals: Scalar | None = None
    one_of: list[Scalar] | None = F(None, description="The sibling holds one of these values.")


class Field(SpecModel):
    """One value: a request param, a response field, a CSV column or an object property."""

    type: Text = F(
        description="string, integer, number, boolean, object, array, any, or the name of an "
        "enum or type declared in this spec."
    )
    description: str | None = None
    required: bool = False
    nullable: bool = F(False, description="The vendor may send null for it.")
    default: Any = F(None, description="The vendor's default when the value is omitted.")
    send_default: bool = F(
        False,
        description="Send `default` when the caller gives no value (a param's default is "
        "otherwise documented but not sent, and does not count as given).",
    )
    const: Any = F(None, description="A value that must be sent as-is.")
    format: Format | None = F(
        None,
        description="rfc3339, date, datetime, sql-timestamp, tz-name, base64, uri, ip-address, "
        "comma-separated, phone-number. Typed as datetime: datetime (with datetime_format), "
        "rfc3339, rfc3339-millis, iso8601 (basic offset +0000), rfc2822, sql-timestamp, "
        "epoch-seconds, epoch-millis; as date: date; as time: time; as timedelta: "
        "duration-seconds, duration-millis, duration-iso8601.",
    )
    datetime_format: str | None = F(
        None,
        description="strftime layout for format=datetime, date or time, e.g. %Y-%m-%d %H:%M:%S "
        "(%a %b %z and literal text allowed).",
    )
    timezone: str | None = F(
        None,
        description="Zone of a wire date-time written without offset (UTC or an IANA name such as "
        "Europe/Moscow): read values are aware in it, sent values are converted to it.",
    )
    also: list[Literal["string", "integer", "number", "boolean"]] | None = F(
        None,
        description="Other types the vendor sends for this value where its doc contradicts "
        "itself (the table says Number, the sample a string); needs a `note`.",
    )
    field_names: FieldNames | None = F(
        None, description="The value is a field name of a type (selector, sort or filter key)."
    )
    items: Field | None = F(None, description="Element of an array.")
    python: PythonName | None = F(
        None, description="The attribute / keyword argument name in Python (default: derived)."
    )
    one_of: list[Text] | None = F(
        None, description="type: union — the variants: type names, or string/integer/number/boolean."
    )
    discriminator: Discriminator | None = F(
        None, description="type: union — the property whose value picks the variant."
    )
    present_when: PresentWhen | None = F(
        None, description="Present only when a sibling field holds a value; never required."
    )
    properties: dict[WireName, Field] | None = F(None, description="Fields of an inline object.")
    additional_properties: bool = F(False, description="The object may carry keys not listed.")
    minimum: StrictInt | StrictFloat | None = None
    maximum: StrictInt | StrictFloat | None = None
    min_length: StrictInt | None = None
    max_length: StrictInt | None = None
    max_items: StrictInt | None = None
    pattern: str | None = F(None, description="Regular expression the value must match.")
    unit: str | None = F(None, description="seconds, milliseconds, bytes …")
    example: Any = None
    deprecated: bool = False
    secret: bool = False
    filterable: bool | None = F(None, description="The vendor accepts it in a filter.")
    sortable: bool | None = F(None, description="The vendor sorts by it.")
    returned_by_default: bool | None = F(None, description="Returned when `fields` is omitted.")
    applies_to: list[Text] | None = F(
        None, description="Where the vendor says it is available, in the doc's words."
    )
    note: str | None = F(None, description="What the doc leaves open about this value.")


class Param(Field):
    location: Location | None = F(
        None,
        alias="in",
        description="path, query, header, body or params (JSON-RPC). Default: params for "
        "JSON-RPC, query for GET and DELETE, body otherwise.",
    )
    style: QueryStyle | None = F(
        None,
        description="Query serialisation: explode (an array as repeated keys, the default), "
        "comma (an array as one comma list), deep_object (an object as name[key][sub]=value).",
    )


class TypeSpec(SpecModel):
    """A named object type, used as `type: Name` by fields."""

    description: str | None = None
    fields: dict[WireName, Field] = F(min_length=1)
    additional_properties: bool = False
