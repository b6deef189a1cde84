"""load → validate → IR → emit → format: every generated file of every spec, in memory.

The two expensive steps — datamodel-code-generator and black — run through a content-addressed
cache, and their misses spread over worker processes; everything else is quick and stays here.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from generator.emit import models as models_module
from generator.emit.cache import Cache, file_digest
from generator.emit.client import render_client
from generator.emit.docs import render_docs_index, render_vendor_docs
from generator.emit.format import (
    finish_markdown,
    format_chunk,
    join_chunks,
    salt as format_salt,
    split_top_level,
)
from generator.emit.models import merge_model_outputs, model_jobs, run_model_job
from generator.emit.models import salt as models_salt
from generator.emit.package import render_package_init, render_root_init, render_validators
from generator.errors import Issue, SpecError
from generator.export import export_files
from generator.ir.build import build_api
from generator.ir.nodes import ApiNode
from generator.spec import read_spec

__all__ = ["GeneratedTree", "load_apis", "render_tree"]

T = TypeVar("T")


@dataclass(frozen=True)
class GeneratedTree:
    apis: tuple[ApiNode, ...]
    files: dict[str, str]  # relative POSIX path under generated/ → content
    cache_hits: int = 0
    cache_misses: int = 0


@dataclass(frozen=True)
class _PythonSource:
    path: str
    spec_file: str
    source: str
    sort_imports: bool = False


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


Later = Callable[[], list[str]]  # results that are computed on first call


@dataclass
class _Workers:
    """A process pool made on first need: a run with everything cached never starts one.

    `submit` returns at once; the work runs in the workers while this process goes on with
    other steps, and the results are collected when first asked for.
    """

    jobs: int
    pool: Executor | None = field(default=None)

    def submit(self, function: Callable[[T], str], items: list[T]) -> Later:
        if self.jobs <= 1 or len(items) <= 1:
            done = [function(item) for item in items]
            return lambda: done
        first: list[str] = []
        if self.pool is None:
            # The first item runs here: the tool's one-time warm-up (imports, template
            # compilation) then happens once, before the fork, not once per worker.
            first = [function(items[0])]
            items = items[1:]
            gc.freeze()  # the workers then never scan (nor copy) the objects they inherit
            context = multiprocessing.get_context("fork")
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=context,
                                            initializer=_die_with_parent, initargs=(os.getpid(),))
        futures = [self.pool.submit(function, item) for item in items]
        return lambda: first + [future.result() for future in futures]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent(parent: int) -> None:
    """Worker initializer: a worker ends when the run that started it does, even a run killed
    with SIGKILL, which gives the pool no chance to stop its workers itself."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
            raise OSError(ctypes.get_errno(), "prctl")
    except (OSError, AttributeError):  # not Linux: watch the parent instead
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _cached(cache: Cache, step: str, salt: str, keys: list[str], items: list[T],
            function: Callable[[T], str], workers: _Workers) -> Later:
    """`function` over `items`, each looked up first under its key; misses go to the workers."""
    found = [cache.get(step, salt, key) for key in keys]
    missing = [index for index, value in enumerate(found) if value is None]
    pending = workers.submit(function, [items[index] for index in missing])

    def collect() -> list[str]:
        for index, output in zip(missing, pending()):
            cache.put(step, salt, keys[index], output)
            found[index] = output
        return [value for value in found if value is not None]

    return collect


_MODELS_DOC = (
    '"""Pydantic models of the {name} API: enums with the vendor\'s meanings, requests, '
    'responses, rows."""\n\n'
)


def _models_later(apis: Sequence[ApiNode], cache: Cache, workers: _Workers) -> Callable[[], dict[str, str]]:
    """Each vendor's models.py source, from datamodel-code-generator runs started now."""
    jobs = [(api.vendor_id, job) for api in apis for job in model_jobs(api)]
    salt = models_salt() + file_digest(Path(models_module.__file__))  # its settings live there
    outputs = _cached(cache, "datamodel", salt, [job.key for _, job in jobs],
                      [job for _, job in jobs], run_model_job, workers)

    def merged() -> dict[str, str]:
        done = outputs()
        return {
            api.vendor_id: _MODELS_DOC.format(name=api.vendor_name) + merge_model_outputs(
                [output for (vendor, _), output in zip(jobs, done) if vendor == api.vendor_id],
                api.aliases, api.unions)
            for api in apis
        }

    return merged


def _every_spec(apis: Sequence[ApiNode]) -> str:
    return ", ".join(api.spec_file for api in apis)


def _python_sources(apis: Sequence[ApiNode]) -> list[_PythonSource]:
    """Every Python file but models.py, which waits for datamodel-code-generator."""
    sources = []
    for api in apis:
        vendor, spec_file = api.vendor_id, api.spec_file
        sources += [
            _PythonSource(f"{vendor}/__init__.py", spec_file, render_package_init(api)),
            _PythonSource(f"{vendor}/client.py", spec_file, render_client(api)),
            _PythonSource(f"{vendor}/validators.py", spec_file, render_validators(api)),
        ]
    sources.append(_PythonSource("__init__.py", _every_spec(apis), render_root_init(apis)))
    return sources


def _models_files(apis: Sequence[ApiNode], models: dict[str, str]) -> list[_PythonSource]:
    return [_PythonSource(f"{api.vendor_id}/models.py", api.spec_file, models[api.vendor_id],
                          sort_imports=True) for api in apis]




def _formatted(sources: list[_PythonSource], cache: Cache,
               workers: _Workers) -> Callable[[], dict[str, str]]:
    """Every source formatted: a whole file from the cache when it is there, else chunk by
    chunk, the chunks of all such files in one batch."""
    done: dict[str, str] = {}
    for source in sources:
        whole = cache.get("black-file", format_salt(), _file_key(source))
        if whole is not None:
            done[source.path] = whole
    rest = [source for source in sources if source.path not in done]
    chunked = [split_top_level(source.source) for source in rest]
    jobs = [(chunk, source.sort_imports and index == 0)
            for source, chunks in zip(rest, chunked) for index, chunk in enumerate(chunks)]
    keys = [f"{int(sort)}{chunk}" for chunk, sort in jobs]
    pending = _cached(cache, "black", format_salt(), keys, jobs, _format_job, workers)

    def collect() -> dict[str, str]:
        outputs = iter(pending())
        for source, chunks in zip(rest, chunked):
            text = join_chunks([next(outputs) for _ in chunks], source.spec_file)
            cache.put("black-file", format_salt(), _file_key(source), text)
            done[source.path] = text
        return done

    return collect


def _file_key(source: _PythonSource) -> str:
    return f"{source.spec_file}\0{int(source.sort_imports)}\0{source.source}"


def _format_job(job: tuple[str, bool]) -> str:
    return format_chunk(*job)


@contextmanager
def _rare_collections() -> Iterator[None]:
    """A run allocates hundreds of thousands of long-lived objects (YAML nodes, spec model, IR)
    and makes no garbage cycles worth collecting: at the default threshold the collector scans
    them over and over, close to half the time of loading a large spec."""
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def render_tree(
    spec_paths: Sequence[Path], *, cache_dir: Path | None = None, jobs: int | None = None
) -> GeneratedTree:
    """Every file of generated/, the same bytes whatever the cache or the number of jobs."""
    with _rare_collections():
        return _render_tree(spec_paths, cache_dir, jobs)


def _render_tree(spec_paths: Sequence[Path], cache_dir: Path | None, jobs: int | None) -> GeneratedTree:
    apis = load_apis(spec_paths)
    cache = Cache(cache_dir)
    workers = _Workers(jobs if jobs is not None else os.cpu_count() or 1)
    try:
        models = _models_later(apis, cache, workers)  # the workers start on these …
        others = _formatted(_python_sources(apis), cache, workers)  # … and queue these
        files = {f"{api.vendor_id}/README.md": finish_markdown(render_vendor_docs(api),
                                                               api.spec_file) for api in apis}
        files["README.md"] = finish_markdown(render_docs_index(apis), _every_spec(apis))
        for api in apis:  # OpenAPI / OpenRPC exports: JSON, already in their final form
            files.update(export_files(api))
        files.update(_formatted(_models_files(apis, models()), cache, workers)())
        files.update(others())
    finally:
        workers.close()
    files["py.typed"] = ""
    return GeneratedTree(apis, dict(sorted(files.items())), cache.hits, cache.misses)
