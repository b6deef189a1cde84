"""The spec format as a JSON Schema, for editors (yaml-language-server) and reviewers."""

from __future__ import annotations

import json

from generator.spec.model import Spec

__all__ = ["spec_json_schema"]


def spec_json_schema() -> str:
    schema = Spec.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://callspec.dev/spec.schema.json"
    schema["title"] = "callspec vendor API spec"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
