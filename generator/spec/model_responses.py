"""The spec format's success responses: JSON, CSV and two-step file downloads."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field as F
from pydantic import StrictInt

from generator.spec.model_base import SpecModel, Text, WireName
from generator.spec.model_fields import Field

__all__ = [
    "CsvBody",
    "Download",
    "Response",
]


class CsvBody(SpecModel):
    header: bool = F(description="Whether the first row names the columns.")
    delimiter: Annotated[str, F(min_length=1, max_length=1)] = ","
    quote: Annotated[str, F(min_length=1, max_length=1)] = '"'
    excel_apostrophes: bool = F(
        False,
        description="Cells may start with the apostrophe Excel-style exports put before a "
        "number to keep it text ('0012); the client removes it.",
    )
    columns: dict[WireName, Field] = F(min_length=1, description="Columns in file order.")


class Download(SpecModel):
    """Second step of a two-step download: the body names a URL to fetch the file from."""

    url: Text = F(description="Dotted path to the URL in the JSON body.")
    relative_to: Literal["base_url", "origin", "absolute"] = F(
        description="base_url: join with the server URL; origin: with its scheme and host "
        "only; absolute: use as given."
    )
    auth: list[Text] = F(
        default_factory=list, description="Credentials appended as query params when fetching."
    )
    expires_after: StrictInt | None = F(None, description="Seconds the URL stays valid.")
    content: str | None = F(None, description="What the file holds (csv, pdf, …).")


class Response(SpecModel):
    format: Literal["json", "csv", "file"]
    status: StrictInt = 200
    media_type: str | None = None
    description: str | None = None
    body: Field | None = F(None, description="Shape of a JSON body.")
    records: str | None = F(None, description="Dotted path to the record list in a JSON body.")
    csv: CsvBody | None = None
    download: Download | None = None
