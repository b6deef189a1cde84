"""IR of a vendor's errors: HTTP statuses, error codes, in-body errors and error-body paths."""

from __future__ import annotations

from dataclasses import dataclass

from generator.ir.nodes_types import ModelRef

__all__ = [
    "ErrorCodeNode",
    "ErrorsNode",
]


@dataclass(frozen=True)
class ErrorCodeNode:
    code: str  # str(code): the key the runtime looks up
    raw: int | str
    message: str | None
    description: str | None
    remedy: str | None
    category: str | None


@dataclass(frozen=True)
class ErrorsNode:
    http: tuple[tuple[int, str, ModelRef | None], ...] = ()  # (status, description, body)
    in_body_code: str | None = None
    in_body_message: str | None = None
    error_when: tuple[str, object] | None = None  # (dotted path, value)
    success_codes: tuple[object, ...] | None = None
    jsonrpc: bool = False
    codes: tuple[ErrorCodeNode, ...] = ()
    description: str = ""
    # Where HTTP error bodies hold code / code URL / message / detail (dotted paths, first found).
    body_code: tuple[str, ...] = ()
    body_code_url: tuple[str, ...] = ()
    body_message: tuple[str, ...] = ()
    body_detail: tuple[str, ...] = ()
    media_type: str | None = None  # of error bodies, when the format fixes it (problem+json)
