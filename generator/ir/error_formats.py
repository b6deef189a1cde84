"""Where error bodies keep code, message and detail: the common formats and a spec's own paths."""

from __future__ import annotations

from typing import Any

from generator.spec import model as spec

__all__ = ["error_body_paths"]

# Where the common error-body formats keep code, code URL, message and detail.
_ERROR_FORMATS: dict[str, dict[str, tuple[str, ...]]] = {
    "problem_json": {"code": ("code",), "code_url": ("type",), "message": ("title",),
                     "detail": ("detail",)},
    "error_array": {"code": ("errors.0.code",), "code_url": (),
                    "message": ("errors.0.title", "errors.0.message"),
                    "detail": ("errors.0.detail",)},
}
_ERROR_MEDIA_TYPES = {"problem_json": "application/problem+json"}


def error_body_paths(layers: list[spec.Errors]) -> dict[str, Any]:
    """The error-body paths of the merged layers: a format's, then `body` keys over them."""
    paths: dict[str, tuple[str, ...]] = {"code": (), "code_url": (), "message": (), "detail": ()}
    media_type: str | None = None
    for layer in layers:
        if layer.format is not None:
            paths.update(_ERROR_FORMATS[layer.format])
            media_type = _ERROR_MEDIA_TYPES.get(layer.format)
        if layer.body is not None:
            for key in paths:
                given = getattr(layer.body, key)
                if given is not None:
                    paths[key] = (given,) if isinstance(given, str) else tuple(given)
    result: dict[str, Any] = {f"body_{key}": value for key, value in paths.items()}
    return {**result, "media_type": media_type}
