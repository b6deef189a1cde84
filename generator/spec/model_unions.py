"""The spec format's named unions: `types:` entries with `type: union`, beside object types."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pydantic
from pydantic import Field as F
from pydantic import Tag

from generator.spec.model_base import SpecModel, Text
from generator.spec.model_fields import Discriminator, Field, TypeSpec

__all__ = ["UnionTypeSpec", "AnyTypeSpec"]


class UnionTypeSpec(SpecModel):
    """A named union, used as `type: Name` by fields, array items and records: a value that is
    one of several types (the same keys as an inline `type: union` field)."""

    type: Literal["union"] = F(description="Always `union`: what makes this entry a union.")
    description: str | None = None
    one_of: list[Text] = F(
        min_length=1,
        description="The variants: object types declared in this spec, or (untagged only) "
        "string/integer/number/boolean.",
    )
    discriminator: Discriminator | None = F(
        None, description="The property whose value picks the variant (variants: object types)."
    )

    def as_field(self) -> Field:
        """The same union as an inline field: the checks and the IR of inline unions apply."""
        return Field(type="union", description=self.description, one_of=self.one_of,
                     discriminator=self.discriminator)


def _type_kind(value: Any) -> str:
    """The tag of an entry of `types:`: a union when it has a `type` key (an object type has
    none), so a misspelt `type: unoin` is reported against the union's keys."""
    if isinstance(value, dict):
        return "type=union" if "type" in value else "type=object"
    return "type=union" if isinstance(value, UnionTypeSpec) else "type=object"


AnyTypeSpec = Annotated[
    Annotated[TypeSpec, Tag("type=object")] | Annotated[UnionTypeSpec, Tag("type=union")],
    pydantic.Discriminator(
        _type_kind, custom_error_type="type_kind", custom_error_message="not a type"
    ),
]
