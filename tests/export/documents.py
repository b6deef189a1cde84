"""The exports under test: the committed ones of specs/ and those of every feature fixture."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from generator.export import export_documents
from generator.ir.nodes import ApiNode
from generator.pipeline import load_apis
from tests.conftest import ROOT, vendor_ids
from tests.features.harness import fixtures

__all__ = ["Document", "committed", "fixture_documents", "fixture_api", "documents_named"]

Document = dict[str, Any]


def committed(name: str) -> dict[str, Document]:
    """vendor id → its committed generated/<vendor>/<name> (openapi.json or openrpc.json)."""
    found = {}
    for vendor in vendor_ids():
        path = ROOT / "generated" / vendor / name
        if path.is_file():
            found[vendor] = json.loads(path.read_text(encoding="utf-8"))
    return found


@functools.cache
def _fixture_apis() -> dict[str, ApiNode]:
    chosen = fixtures()
    return dict(zip((fixture.name for fixture in chosen),
                    load_apis([fixture.spec for fixture in chosen])))


def fixture_api(name: str) -> ApiNode:
    return _fixture_apis()[name]


def fixture_documents(name: str) -> dict[str, Document]:
    """fixture name → its export named `name`, made from the IR (fixtures have no generated/)."""
    found = {}
    for fixture, api in _fixture_apis().items():
        document = export_documents(api).get(name)
        if document is not None:
            found[fixture] = document
    return found


def documents_named(name: str) -> dict[str, Document]:
    """Every export named `name`: the committed ones (by vendor id) and the fixtures'."""
    return committed(name) | fixture_documents(name)


def spec_path(name: str) -> Path:
    return ROOT / "specs" / f"{name}.yaml"
