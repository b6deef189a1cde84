"""Reading an HTTP error body: its code, message and detail where the spec says, and its model.

The spec names dotted paths (RFC 7807 problem+json, `errors: [{code, title, detail}]` arrays or
a vendor's own shape); where it names none, the keys vendors usually use are tried.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from ._description import ErrorRules
from ._paths import MISSING, get_path

__all__ = ["ErrorParts", "error_parts", "code_from_url", "typed_body", "first_scalar"]

# Where vendors usually put a code and a message when the spec does not say (error bodies only).
CODE_KEYS = ("code", "errcode", "error_code", "error.code", "errorCode")
MESSAGE_KEYS = ("message", "errmsg", "error_description", "error.message", "error", "detail")
DETAIL_KEYS = ("detail", "details")
_NO_PROBLEM_TYPE = "about:blank"  # RFC 7807: the type of a problem with no more semantics


@dataclass(frozen=True)
class ErrorParts:
    code: object
    message: object
    details: object


def first_scalar(body: object, paths: tuple[str | None, ...]) -> object:
    """The first value found at `paths` that is a plain value (not an object or a list)."""
    for path in paths:
        value = get_path(body, path)
        if value is not MISSING and value is not None and not isinstance(value, (dict, list)):
            return value
    return None


def _first_any(body: object, paths: tuple[str, ...]) -> object:
    for path in paths:
        value = get_path(body, path)
        if value is not MISSING and value is not None:
            return value
    return None


def code_from_url(url: object) -> str | None:
    """The last path segment of a problem type URL (`…/probs/out-of-credit` → out-of-credit)."""
    if not isinstance(url, str) or not url or url == _NO_PROBLEM_TYPE:
        return None
    path = url.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    segment = path.rsplit("/", 1)[-1]
    return segment if segment and ":" not in segment else None


def error_parts(body: object, rules: ErrorRules) -> ErrorParts:
    """Code, message and detail of an HTTP error body: the spec's paths first, then the usual
    keys; the code from a type URL only when no code path holds one."""
    paths = rules.body
    code = first_scalar(body, (*(paths.code if paths else ()), rules.in_body_code))
    if code is None and paths is not None:
        code = next(
            (found for path in paths.code_url if (found := code_from_url(get_path(body, path)))),
            None,
        )
    if code is None:
        code = first_scalar(body, CODE_KEYS)
    message = first_scalar(
        body, (*(paths.message if paths else ()), rules.in_body_message, *MESSAGE_KEYS)
    )
    details = _first_any(body, (*(paths.detail if paths else ()), *DETAIL_KEYS))
    return ErrorParts(code, message, details)


def typed_body(body: object, rules: ErrorRules, status: int | None) -> object:
    """The error body as its model when the spec gives one for the status, else as decoded.

    A body that does not fit its model is kept as decoded: the vendor's error is what the caller
    needs to see, not a second error about its shape.
    """
    model: Any = rules.models.get(status) if status is not None else None
    if model is None or not isinstance(body, Mapping):
        return body
    assert issubclass(model, BaseModel)
    try:
        return model.model_validate(body)
    except ValidationError:
        return body
