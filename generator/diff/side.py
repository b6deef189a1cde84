"""One version of a spec as the diff sees it: its IR, where each part was written, indexes."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.ir.build import build_api
from generator.ir.nodes import ApiNode, EnumNode, ModelNode
from generator.names import class_name
from generator.spec.load import Loaded, PathKey, load_spec_text
from generator.spec.validate import validate_spec

__all__ = ["Side", "load_side"]


@dataclass(frozen=True)
class Side:
    api: ApiNode
    loaded: Loaded
    models: dict[str, ModelNode] = field(default_factory=dict)
    enums: dict[str, EnumNode] = field(default_factory=dict)
    type_names: dict[str, str] = field(default_factory=dict)  # model class → key under types

    def line(self, path: PathKey) -> int:
        return self.loaded.locate(path).line

    def model_fields_path(self, model: ModelNode, inline_path: PathKey) -> PathKey:
        """Where a model's fields are written: under `types` for a named type, else in place."""
        if model.kind == "type" and model.name in self.type_names:
            return ("types", self.type_names[model.name], "fields")
        return inline_path


def load_side(display: str, raw: bytes) -> Side:
    """Load, validate and build one spec version; raises SpecError with file:line problems."""
    loaded = load_spec_text(display, raw)
    api = build_api(validate_spec(loaded), display)
    types = loaded.data.get("types") or {}
    return Side(
        api=api,
        loaded=loaded,
        models={model.name: model for model in api.models},
        enums={enum.name: enum for enum in api.enums},
        type_names={class_name(str(name)): str(name) for name in types},
    )
