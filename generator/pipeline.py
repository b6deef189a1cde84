"""load → validate → IR → emit → format: every generated file of every spec, in memory."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.emit.client import render_client
from generator.emit.docs import render_docs_index, render_vendor_docs
from generator.emit.format import finish_markdown, format_python
from generator.emit.models import render_models
from generator.emit.package import render_package_init, render_root_init, render_validators
from generator.errors import Issue, SpecError
from generator.ir.build import build_api
from generator.ir.nodes import ApiNode
from generator.spec import read_spec

__all__ = ["GeneratedTree", "load_apis", "render_tree", "vendor_files"]


@dataclass(frozen=True)
class GeneratedTree:
    apis: tuple[ApiNode, ...]
    files: dict[str, str]  # relative POSIX path under generated/ → content


def _display(path: Path) -> str:
    """`specs/callgear.yaml`: the same wherever the project is checked out."""
    return f"{path.parent.name}/{path.name}"


def load_apis(spec_paths: Sequence[Path]) -> tuple[ApiNode, ...]:
    """The IR of every spec; every problem in every spec is raised together."""
    apis: list[ApiNode] = []
    issues: list[Issue] = []
    for path in spec_paths:
        display = _display(path)
        try:
            apis.append(build_api(read_spec(path, display), display))
        except SpecError as error:
            issues.extend(error.issues)
    if issues:
        raise SpecError(issues)
    return tuple(apis)


_MODELS_DOC = '"""Pydantic models of the {name} API: enums with the vendor\'s meanings, requests, responses, rows."""\n\n'


def vendor_files(api: ApiNode) -> dict[str, str]:
    spec_file = api.spec_file
    models = _MODELS_DOC.format(name=api.vendor_name) + render_models(api)
    return {
        f"{api.vendor_id}/__init__.py": format_python(render_package_init(api), spec_file),
        f"{api.vendor_id}/models.py": format_python(models, spec_file, sort_imports=True),
        f"{api.vendor_id}/client.py": format_python(render_client(api), spec_file),
        f"{api.vendor_id}/validators.py": format_python(render_validators(api), spec_file),
        f"{api.vendor_id}/README.md": finish_markdown(render_vendor_docs(api), spec_file),
    }


def render_tree(spec_paths: Sequence[Path]) -> GeneratedTree:
    apis = load_apis(spec_paths)
    files: dict[str, str] = {}
    for api in apis:
        files.update(vendor_files(api))
    every_spec = ", ".join(api.spec_file for api in apis)
    files["__init__.py"] = format_python(render_root_init(apis), every_spec)
    files["README.md"] = finish_markdown(render_docs_index(apis), every_spec)
    files["py.typed"] = ""
    return GeneratedTree(apis, dict(sorted(files.items())))
