"""`Wire`: the pydantic metadata that makes a field a datetime / date / time / timedelta read
from and written to one vendor wire format (`Annotated[datetime, Wire("rfc3339")]`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import PlainSerializer, PlainValidator, ValidationInfo

if TYPE_CHECKING:  # pydantic.json_schema costs an import only schema export needs
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue

from ._models import is_writing, note_out_of_spec
from ._wire import Codec, codec

__all__ = ["Wire"]


@dataclass(frozen=True)
class Wire:
    """A value kept as a Python date/time type and sent exactly in the vendor's format.

    Reading (responses, rows): the wire text is parsed; one that does not parse is kept as it
    came with an OutOfSpecWarning naming the field (an error in strict mode); a value of the
    wrong shape (a list, an object) is an error. Writing (request models): a Python value, or a
    string already exactly in the wire format (zero-padded, as the formatter writes it);
    anything else is refused.
    """

    format: str
    layout: str | None = None
    tz: str | None = None

    @property
    def codec(self) -> Codec:
        return codec(self.format, self.layout, self.tz)

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        wire = self.codec
        return handler.generate_schema(Annotated[
            Any,
            PlainValidator(_reader(wire)),
            PlainSerializer(_writer(wire), when_used="json-unless-none"),
        ])

    def __get_pydantic_json_schema__(
        self, schema: Any, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        numeric = self.format.startswith(("epoch-", "duration-")) and self.format != "duration-iso8601"
        return {"type": "number" if numeric else "string", "format": self.codec.name}


def _writer(wire: Codec) -> Any:
    def write(value: object) -> object:
        # A response value that did not parse was kept as it came: it goes back as it came.
        return wire.write(value) if isinstance(value, wire.kind) else value

    return write


def _reader(wire: Codec) -> Any:
    kind = wire.kind

    def read(raw: object, info: ValidationInfo) -> object:
        if isinstance(raw, kind):
            return raw
        if is_writing():
            return _exact(wire, raw)
        try:
            return wire.read(raw)
        except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:
            if not isinstance(raw, (str, int, float)) or isinstance(raw, bool):
                raise ValueError(f"expected {wire.name}, got {type(raw).__name__}") from None
            where = f"{(info.config or {}).get('title', '')}.{info.field_name or ''}".strip(".")
            note_out_of_spec(where, f"{raw!r} is not {wire.name} ({exc})")
            return raw

    return read


def _exact(wire: Codec, raw: object) -> object:
    """A request value given as wire text must be exactly what the formatter writes."""
    try:
        value = wire.read(raw)
        written = wire.write(value)
    except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:
        raise ValueError(f"expected {wire.name}: {exc}") from None
    if written != raw and str(written) != raw:
        raise ValueError(f"{raw!r} is not exactly {wire.name}: write {written!r} or pass a {wire.kind.__name__}")
    return value
