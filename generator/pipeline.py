"""load → validate → IR → emit → format: every generated file of every spec, in memory."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.emit.cache import Cache
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
    cache_hits: int = 0
    cache_misses: int = 0


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


_MODELS_DOC = (
    '"""Pydantic models of the {name} API: enums with the vendor\'s meanings, requests, '
    'responses, rows."""\n\n'
)


def vendor_files(api: ApiNode, cache: Cache | None = None) -> dict[str, str]:
    spec_file = api.spec_file
    models = _MODELS_DOC.format(name=api.vendor_name) + render_models(api, cache)
    vendor = api.vendor_id
    return {
        f"{vendor}/__init__.py": format_python(render_package_init(api), spec_file, cache=cache),
        f"{vendor}/models.py": format_python(models, spec_file, sort_imports=True, cache=cache),
        f"{vendor}/client.py": format_python(render_client(api), spec_file, cache=cache),
        f"{vendor}/validators.py": format_python(render_validators(api), spec_file, cache=cache),
        f"{vendor}/README.md": finish_markdown(render_vendor_docs(api), spec_file),
    }


def _render_vendor(api: ApiNode, cache_dir: Path | None) -> tuple[dict[str, str], int, int]:
    cache = Cache(cache_dir)
    files = vendor_files(api, cache)
    return files, cache.hits, cache.misses


def _render_all(
    apis: Sequence[ApiNode], cache_dir: Path | None, jobs: int
) -> list[tuple[dict[str, str], int, int]]:
    """Each vendor's files; in worker processes when there is more than one vendor and core."""
    if jobs <= 1 or len(apis) <= 1:
        return [_render_vendor(api, cache_dir) for api in apis]
    context = multiprocessing.get_context("fork")  # workers inherit the loaded modules
    with ProcessPoolExecutor(max_workers=min(jobs, len(apis)), mp_context=context) as pool:
        return list(pool.map(_render_vendor, apis, [cache_dir] * len(apis)))


def render_tree(
    spec_paths: Sequence[Path], *, cache_dir: Path | None = None, jobs: int | None = None
) -> GeneratedTree:
    """Every file of generated/, deterministic whatever the cache or the number of jobs."""
    apis = load_apis(spec_paths)
    results = _render_all(apis, cache_dir, jobs if jobs is not None else os.cpu_count() or 1)
    files: dict[str, str] = {}
    for vendor_files_, _, _ in results:
        files.update(vendor_files_)
    every_spec = ", ".join(api.spec_file for api in apis)
    cache = Cache(cache_dir)
    files["__init__.py"] = format_python(render_root_init(apis), every_spec, cache=cache)
    files["README.md"] = finish_markdown(render_docs_index(apis), every_spec)
    files["py.typed"] = ""
    return GeneratedTree(
        apis,
        dict(sorted(files.items())),
        cache_hits=cache.hits + sum(hits for _, hits, _ in results),
        cache_misses=cache.misses + sum(misses for _, _, misses in results),
    )
