"""The names/unions fixtures over real loopback HTTP, sync and async, until the feature-corpus
harness runs them (then this file and wire_check.py go)."""

from __future__ import annotations

import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import generator.runtime as runtime
from tests.features.wire_check import Script, load_feature, loopback, run_call, subset_problems, wire

FEATURES = ["name_override", "wire_names_operators", "query_deep_object", "query_array_explode",
            "query_array_comma", "union_discriminated", "union_untagged", "present_when",
            "nullable_constrained"]
CASES = [(feature, index, call["name"]) for feature in FEATURES
         for index, call in enumerate(wire(feature)["calls"])]


@pytest.fixture(scope="module")
def modules(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ModuleType]:
    root = tmp_path_factory.mktemp("features")
    return {feature: load_feature(feature, root) for feature in FEATURES}


def _client_classes(module: ModuleType) -> list[str]:
    return [name for name in module.__all__ if name.endswith("Client")]


@pytest.mark.parametrize(("feature", "index", "name"), CASES, ids=[f"{f}-{n}" for f, _, n in CASES])
def test_wire_exchange(modules: dict[str, ModuleType], feature: str, index: int, name: str) -> None:
    spec = wire(feature)
    call = spec["calls"][index]
    for client_class in _client_classes(modules[feature]):
        box: list[Script] = []
        with loopback(box) as origin:
            box.append(Script(call["exchanges"], origin))
            kwargs: dict[str, Any] = {**spec.get("client", {}), **call.get("client", {}),
                                      "server_url": origin + spec.get("server", "")}
            _run_and_check(modules[feature], client_class, kwargs, call)
        assert box[0].problems == [], f"{client_class}: {box[0].problems}"
        assert box[0].pending == [], f"{client_class}: requests not made"


def _run_and_check(module: ModuleType, client_class: str, kwargs: dict[str, Any],
                   call: dict[str, Any]) -> None:
    args = call.get("args", {})
    if "raises" in call:
        error = getattr(runtime, call["raises"]["type"])
        with pytest.raises(error):
            run_call(module, client_class, kwargs, call["call"], args)
        return
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = run_call(module, client_class, kwargs, call["call"], args)
    if "warns" in call:
        kinds = [type(w.message).__name__ for w in caught]
        assert call["warns"] in kinds, f"{client_class}: no {call['warns']} in {kinds}"
    from tests.features.wire_check import dumped
    assert subset_problems(call["returns"], dumped(result)) == [], client_class
