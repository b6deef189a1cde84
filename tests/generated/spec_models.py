"""The specs in specs/ read once for the generated-package tests, and a vendor's models module."""

from __future__ import annotations

import importlib
import types

from generator.spec import read_spec
from tests.conftest import SPECS

__all__ = ["SPEC_MODELS", "models_of"]

SPEC_MODELS = {path.stem: read_spec(path) for path in SPECS}


def models_of(vendor: str) -> types.ModuleType:
    return importlib.import_module(f"generated.{vendor}.models")
