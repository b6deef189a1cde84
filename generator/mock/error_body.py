"""Error bodies shaped as the spec says: RFC 7807 problem+json, `errors: [...]` arrays, own paths.

The code goes into the code URL when the spec reads one (`type: …/problems/<code>`), so a client
must take it from there; otherwise to the first code path. Message and detail go to their first
paths; a number in a path makes an array (`errors.0.code` → `{"errors": [{"code": …}]}`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from generator.ir.nodes import ErrorsNode

from .http import Response

__all__ = ["shaped_error", "put_indexed", "PROBLEM_BASE"]

PROBLEM_BASE = "https://errors.callspec.test/problems/"


def put_indexed(body: dict[str, object], path: str, value: object) -> None:
    """Set a dotted path, making objects on the way and arrays where a part is a number."""
    parts = path.split(".")
    node: object = body
    for part, following in zip(parts, [*parts[1:], None]):
        fresh: object = [] if following is not None and following.isdigit() else {}
        if following is None:
            _set(node, part, value)
        else:
            node = _child(node, part, fresh)


def _child(node: object, part: str, fresh: object) -> object:
    if isinstance(node, list):
        index = int(part)
        while len(node) <= index:
            node.append(None)
        if not isinstance(node[index], (dict, list)):
            node[index] = fresh
        return node[index]
    assert isinstance(node, dict)
    if not isinstance(node.get(part), (dict, list)):
        node[part] = fresh
    return node[part]


def _set(node: object, part: str, value: object) -> None:
    if isinstance(node, list):
        _child(node, part, None)
        node[int(part)] = value
    else:
        assert isinstance(node, dict)
        node[part] = value


def shaped_error(
    errors: ErrorsNode,
    code: object,
    message: str,
    kind: str,
    status: int,
    headers: Iterable[tuple[str, str]] = (),
    base: dict[str, object] | None = None,
) -> Response:
    """The error body at the spec's paths, with the media type its format fixes; `base` is a
    body made from the status's own model, which the code and message are written into (its
    detail is left as the model made it)."""
    body: dict[str, object] = dict(base or {})
    if errors.body_code_url:
        put_indexed(body, errors.body_code_url[0], f"{PROBLEM_BASE}{code}")
    elif errors.body_code:
        put_indexed(body, errors.body_code[0], code)
    if errors.body_message:
        put_indexed(body, errors.body_message[0], kind.replace("_", " "))
    if errors.body_detail and base is None:
        put_indexed(body, errors.body_detail[0], message)
    elif base is not None and errors.body_message:
        put_indexed(body, errors.body_message[0], message)
    elif errors.body_message:
        put_indexed(body, errors.body_message[0], message)
    if errors.media_type == "application/problem+json":
        body.setdefault("status", status)  # RFC 7807 repeats the status in the body
    data = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    media_type = errors.media_type or "application/json"
    return Response(status, [("Content-Type", media_type), *headers], data)
