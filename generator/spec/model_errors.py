"""The spec format's errors: HTTP statuses, in-body error codes, JSON-RPC and error-body layouts."""

from __future__ import annotations

from typing import Literal

from pydantic import Field as F
from pydantic import StrictInt, StrictStr

from generator.spec.model_base import Scalar, SpecModel, Text
from generator.spec.model_fields import Field
from generator.spec.model_rules import Condition

__all__ = [
    "ErrorCode",
    "HttpError",
    "InBodyErrors",
    "ErrorBody",
    "Errors",
]


class ErrorCode(SpecModel):
    message: str | None = F(None, description="The vendor's message text.")
    description: str | None = None
    remedy: str | None = F(None, description="What the caller should do.")
    category: (
        Literal["auth", "permission", "validation", "not_found", "rate_limit", "server"] | None
    ) = F(None, description="Which exception the client raises for it.")


class HttpError(SpecModel):
    description: str | None = None
    body: Field | None = None


class InBodyErrors(SpecModel):
    """Errors the vendor reports inside an HTTP 200 body."""

    code: Text = F(description="Dotted path of the error code in the body.")
    message: str | None = F(None, description="Dotted path of the message.")
    error_when: Condition | None = F(
        None, description="The body is an error when this holds (e.g. status equals error)."
    )
    success_codes: list[Scalar] | None = F(
        None, description="The body is an error when the code is not one of these."
    )


class ErrorBody(SpecModel):
    """Where an error body holds its code, message and detail: dotted paths (a number picks an
    array element, `errors.0.code`), the first one present wins."""

    code: Text | list[Text] | None = F(None, description="Path(s) of the vendor's error code.")
    code_url: Text | list[Text] | None = F(
        None, description="Path(s) of a URL whose last segment is the code (RFC 7807 `type`)."
    )
    message: Text | list[Text] | None = F(None, description="Path(s) of the message.")
    detail: Text | list[Text] | None = F(None, description="Path(s) of the detail text.")


class Errors(SpecModel):
    http: dict[StrictInt, HttpError] = F(default_factory=dict)
    in_body: InBodyErrors | None = None
    jsonrpc: bool = F(False, description="JSON-RPC 2.0 `error` objects.")
    codes: dict[StrictInt | StrictStr, ErrorCode] = F(default_factory=dict)
    description: str | None = None
    format: Literal["problem_json", "error_array"] | None = F(
        None,
        description="problem_json: RFC 7807 (code from `code` or the `type` URL, message from "
        "`title`, detail from `detail`); error_array: `errors: [{code, title, detail}]`.",
    )
    body: ErrorBody | None = F(
        None, description="Where error bodies hold code, message and detail (over `format`)."
    )
