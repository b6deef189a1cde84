"""The spec's request and response examples as labelled JSON or CSV code blocks."""

from __future__ import annotations

import json
from typing import NamedTuple

from generator.ir.nodes import ExampleNode

from .text import fenced_block

__all__ = ["CodeBlock", "SCHEMATIC", "example_label", "example_blocks"]

SCHEMATIC = ("Schematic: the doc's sample shows types or descriptions instead of real values; "
             "kept for readers, not validated.")
_REQUEST_LABEL = "Request (params and credentials by wire name):"


class CodeBlock(NamedTuple):
    label: str
    fence: str
    language: str
    body: str


def _block(label: str, language: str, body: str) -> CodeBlock:
    return CodeBlock(label, fenced_block(body), language, body)


def _json(label: str, value: object) -> CodeBlock:
    return _block(label, "json", json.dumps(value, indent=2, sort_keys=False, ensure_ascii=False))


def example_label(example: ExampleNode) -> str:
    parts = ["request"] if example.request is not None else []
    if example.response is not None or example.response_csv is not None:
        kind = "error response" if example.error else "response"
        parts.append(f"{kind} (HTTP {example.status})")
    return " and ".join(parts) or "no payload"


def example_blocks(example: ExampleNode) -> tuple[CodeBlock, ...]:
    response = "Error response" if example.error else "Response"
    blocks = [] if example.request is None else [_json(_REQUEST_LABEL, example.request)]
    if example.response is not None:
        blocks.append(_json(f"{response} body (HTTP {example.status}):", example.response))
    if example.response_csv is not None:
        label = f"{response} body, CSV (HTTP {example.status}):"
        blocks.append(_block(label, "csv", example.response_csv.rstrip("\n")))
    return tuple(blocks)
