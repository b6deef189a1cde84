"""The spec format's vendor part: whose API it is, the document it was written from, its server."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field as F
from pydantic import StrictStr

from generator.spec.model_base import SpecModel, Text, WireName

__all__ = [
    "Source",
    "Vendor",
    "ServerVariable",
    "Server",
]


class Source(SpecModel):
    """The vendor document this spec was written from."""

    document: Text = F(description="File name of the vendor doc, e.g. a file in shared/seeds/.")
    title: Text = F(description="The doc's own title.")
    url: str | None = F(None, description="Where the doc is published, when it says.")
    version: str | None = F(None, description="Doc or API version the doc states.")


class Vendor(SpecModel):
    id: Annotated[str, F(pattern=r"^[a-z][a-z0-9_]*$")] = F(
        description="Package name of the generated code; must equal the spec's file name."
    )
    name: Text = F(description="Display name, e.g. CallGear.")
    source: Source


class ServerVariable(SpecModel):
    description: str | None = None
    default: str | None = F(None, description="Used when the client is not given a value.")
    enum: list[StrictStr] | None = F(None, description="The only values allowed, if closed.")
    example: str | None = None


class Server(SpecModel):
    """Base URL; `{name}` parts are variables the client fills in."""

    url: Text = F(description="e.g. https://{brand}/api/v2 — no trailing slash.")
    variables: dict[WireName, ServerVariable] = F(default_factory=dict)
    description: str | None = None
