"""Feature fixtures: generate a fixture spec into a temp folder, import it, and run its calls.

A fixture is a folder tests/features/<feature>/ holding `<feature>.yaml` (a minimal spec whose
vendor id is <feature>) and `wire.yaml` (tests/features/wire.py). Values in a wire file that a
YAML file cannot hold are written as strings: `$TMP` (a temp folder) in args, and
`$provider:<token>` for a callable that returns <token> (a plain function for the sync client,
a coroutine function for the async one), and `$renewing_provider:<t1>,<t2>,…` for one that
takes `refused`: it returns <t1>, and each time it is told its current token was refused, the
next one (the last one again when none is left).
"""

from __future__ import annotations

import asyncio
import importlib.util
import inspect
import sys
import warnings
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
from pydantic import BaseModel

import generator.runtime as runtime
from generator.ir.nodes import ApiNode
from generator.pipeline import render_tree
from tests.features.wire import WireCall, WireFile, load_wire

__all__ = ["FEATURES", "Fixture", "fixtures", "generated", "run_call", "Outcome", "as_data",
           "matches", "no_sleep", "invoke"]

FEATURES = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Fixture:
    name: str
    spec: Path
    wire: WireFile


def fixtures() -> list[Fixture]:
    """Every fixture folder, in name order."""
    found = []
    for folder in sorted(path for path in FEATURES.iterdir() if path.is_dir()):
        spec = folder / f"{folder.name}.yaml"
        if spec.is_file():
            found.append(Fixture(folder.name, spec, load_wire(folder / "wire.yaml")))
    return found


@dataclass(frozen=True)
class Generated:
    api: ApiNode
    package: ModuleType
    folder: Path  # where its files were written

    def client_class(self, variant: str) -> type[Any]:
        name = self.api.async_client_class if variant == "async" else self.api.client_class
        cls: type[Any] = getattr(self.package, name)
        return cls


_GENERATED: dict[str, Generated] = {}


def generated(fixture: Fixture, root: Path) -> Generated:
    """The fixture's generated package, made once per test session (under the first `root`)."""
    if fixture.name not in _GENERATED:
        tree = render_tree([fixture.spec], jobs=1)
        folder = root / fixture.name
        for relative, text in tree.files.items():
            if relative.startswith(f"{fixture.name}/"):
                target = root / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        _GENERATED[fixture.name] = Generated(tree.apis[0], _import(fixture.name, folder), folder)
    return _GENERATED[fixture.name]


def _import(name: str, folder: Path) -> ModuleType:
    module_name = f"callspec_feature_{name}"
    spec = importlib.util.spec_from_file_location(
        module_name, folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def no_sleep() -> runtime.RetryPolicy:
    """Retries as the default policy makes them, without waiting."""

    async def async_sleep(delay: float) -> None:
        return None

    return runtime.RetryPolicy(sleep=lambda delay: None, async_sleep=async_sleep)


def _value(value: object, variant: str, tmp: Path) -> object:
    if isinstance(value, str) and value == "$TMP":
        return str(tmp)
    if isinstance(value, str) and value.startswith("$provider:"):
        return _provider(value.removeprefix("$provider:"), variant)
    if isinstance(value, str) and value.startswith("$renewing_provider:"):
        return _renewing_provider(value.removeprefix("$renewing_provider:").split(","), variant)
    return value


def _provider(token: str, variant: str) -> Callable[[], Any]:
    if variant == "sync":
        return lambda: token

    async def provide() -> str:
        return token

    return provide


def _renewing_provider(tokens: list[str], variant: str) -> Callable[..., Any]:
    left = list(tokens)

    def mint(refused: str | None) -> str:
        if refused == left[0] and len(left) > 1:
            left.pop(0)
        return left[0]

    if variant == "sync":
        return lambda *, refused=None: mint(refused)

    async def provide(*, refused: str | None = None) -> str:
        return mint(refused)

    return provide


@dataclass
class Outcome:
    value: object = None
    error: BaseException | None = None
    warnings: tuple[str, ...] = ()


def run_call(gen: Generated, call: WireCall, variant: str, server_url: str, tmp: Path,
             **client_extra: Any) -> Outcome:
    """Build the client, call the method (draining iterators), and say what came of it."""
    kwargs = {key: _value(value, variant, tmp) for key, value in call.client.items()}
    args = {key: _value(value, variant, tmp) for key, value in call.args.items()}
    cls = gen.client_class(variant)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        outcome = Outcome()
        try:
            outcome.value = invoke(cls, call.call, args,
                                   {"server_url": server_url, **kwargs, **client_extra}, variant)
        except Exception as error:  # noqa: BLE001 - the test compares it with the wire file
            outcome.error = error
    outcome.warnings = tuple(type(item.message).__name__ for item in caught)
    return outcome


def invoke(cls: type[Any], method: str, args: Mapping[str, Any], kwargs: Mapping[str, Any],
           variant: str) -> object:
    """Call `method` on a fresh client (sync or async), draining whatever it returns."""
    if variant == "sync":
        with cls(retry=no_sleep(), **kwargs) as client:
            result = getattr(client, method)(**args)
            return list(result) if isinstance(result, Iterator) else result
    return asyncio.run(_invoke_async(cls, method, args, kwargs))


async def _invoke_async(cls: type[Any], method: str, args: Mapping[str, Any],
                        kwargs: Mapping[str, Any]) -> object:
    async with cls(retry=no_sleep(), **kwargs) as client:
        result = getattr(client, method)(**args)
        if inspect.isawaitable(result):
            result = await result
        if isinstance(result, AsyncIterator):
            return [item async for item in result]
        return result


def as_data(value: object) -> object:
    """What a call returned, as plain JSON-like data the wire file can state."""
    if isinstance(value, BaseModel):
        return value.model_dump(by_alias=True, mode="json")
    if isinstance(value, httpx.Response):
        return {"status_code": value.status_code, "text": value.text}
    if isinstance(value, Path):
        return {"file": value.read_text(encoding="utf-8", errors="replace")}
    if isinstance(value, list) and value and all(isinstance(item, bytes) for item in value):
        return {"file": b"".join(value).decode("utf-8", "replace")}
    if isinstance(value, (list, tuple)):
        return [as_data(item) for item in value]
    return value


def matches(expected: object, actual: object, where: str = "$") -> list[str]:
    """Differences between what the wire file states and what came back: dicts as subsets."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: expected an object, got {actual!r}"]
        problems = []
        for key, value in expected.items():
            if key not in actual:
                problems.append(f"{where}.{key}: missing (keys: {sorted(actual)})")
            else:
                problems += matches(value, actual[key], f"{where}.{key}")
        return problems
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{where}: expected {len(expected)} items, got {actual!r}"]
        return [problem for index, (item, got) in enumerate(zip(expected, actual))
                for problem in matches(item, got, f"{where}[{index}]")]
    return [] if expected == actual else [f"{where}: expected {expected!r}, got {actual!r}"]


def check_error(expected: dict[str, Any], error: BaseException | None) -> list[str]:
    """The error a call raised against the wire file's `raises`."""
    if error is None:
        return [f"expected {expected['type']}, nothing was raised"]
    cls = getattr(runtime, expected["type"], None)
    if not isinstance(cls, type):
        return [f"raises: {expected['type']} is not a class of generator.runtime"]
    if not isinstance(error, cls):
        return [f"expected {expected['type']}, got {type(error).__name__}: {error}"]
    problems = []
    for attribute, value in expected.items():
        if attribute == "type":
            continue
        actual = getattr(error, attribute, None)
        if actual != value and str(actual) != str(value):
            problems.append(f"{attribute}: expected {value!r}, got {actual!r}")
    return problems
