"""Credential values masked out of the IR before any of it reaches the docs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any, cast

from generator.ir.nodes import NO_VALUE, ApiNode, CredentialNode, FieldNode

from .text import MASK

__all__ = ["redact_api", "credentials"]


@dataclass(frozen=True)
class _Redactor:
    """Masks every auth credential value: in examples by key, in prose by known value."""

    names: frozenset[str]  # credential wire names
    values: tuple[str, ...]  # credential values seen in real (non-schematic) examples

    def text(self, text: str) -> str:
        if not any(part in text for part in self.values) and not any(
            name in text for name in self.names
        ):
            return text  # the common case: nothing to mask, no regex needed
        for value in self.values:
            text = text.replace(value, MASK)
        if not self.names:
            return text
        names = "|".join(re.escape(name) for name in sorted(self.names))
        # `name=value` in query strings; `{name}` is a URL template (a name, not a value).
        text = re.sub(rf"\b({names})=(?!\{{)[^\s&\"'`<>|,;)\]}}]+", rf"\1={MASK}", text)
        # `"name": "value"` in JSON quoted by prose.
        return re.sub(rf'"({names})"(\s*:\s*)"[^"]*"', rf'"\1"\2"{MASK}"', text)

    def walk(self, value: object) -> object:
        """`value` itself when nothing in it is masked (so unchanged parts are never copied)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, FieldNode) and (value.secret or value.wire in self.names):
            value = replace(value, example=_masked(value.example), default=_masked(value.default))
        if is_dataclass(value) and not isinstance(value, type):
            return self._node(value)
        if isinstance(value, (tuple, list)):
            items = [self.walk(item) for item in value]
            unchanged = all(new is old for new, old in zip(items, value))
            return value if unchanged else type(value)(items)
        if isinstance(value, dict):
            masked = {key: MASK if key in self.names else self.walk(item)
                      for key, item in value.items()}
            unchanged = all(masked[key] is item for key, item in value.items())
            return value if unchanged else masked
        return value

    def _node(self, node: Any) -> object:  # a frozen IR dataclass
        changes = {}
        for name in _field_names(node):
            old = getattr(node, name)
            new = self.walk(old)
            if new is not old:
                changes[name] = new
        return replace(node, **changes) if changes else node


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # per node class: fields() is slow to repeat


def _field_names(node: Any) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(type(node))
    if names is None:
        names = _FIELD_NAMES[type(node)] = tuple(item.name for item in fields(node))
    return names


def _masked(value: object) -> object:
    return value if value is NO_VALUE else MASK


def credentials(api: ApiNode) -> tuple[CredentialNode, ...]:
    """Every credential of every auth scheme, in spec order."""
    schemes = api.auth.schemes if api.auth else ()
    return tuple(credential for scheme in schemes for credential in scheme.credentials)


def _example_secrets(api: ApiNode, names: frozenset[str]) -> Iterator[str]:
    for endpoint in api.endpoints:
        for example in endpoint.examples:
            if example.schematic or example.request is None:
                continue  # a schematic sample shows type names ("string"), not values
            for key, value in example.request.items():
                if key in names and isinstance(value, str) and len(value) >= 4:
                    yield value


def redact_api(api: ApiNode) -> ApiNode:
    """The IR with every credential value replaced by `***`, wherever the spec wrote it."""
    names = frozenset(credential.wire for credential in credentials(api))
    secrets = sorted(set(_example_secrets(api, names)), key=lambda value: (-len(value), value))
    return cast(ApiNode, _Redactor(names, tuple(secrets)).walk(api))
