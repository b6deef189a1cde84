"""The auth fixtures' wire.yaml exchanges, run with the sync and the async generated client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from .auth_wire import FEATURES, Loopback, check_outcome, generate, load_wire, run_call

AUTH = sorted(p.name for p in FEATURES.iterdir() if p.name.startswith("auth_") and p.is_dir())
CASES = [(f, i) for f in AUTH for i, _ in enumerate(load_wire(f)["calls"])]


@pytest.fixture(scope="module")
def server() -> Iterator[Loopback]:
    loopback = Loopback()
    yield loopback
    loopback.close()


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ModuleType]:
    into = tmp_path_factory.mktemp("auth_features")
    return {feature: generate(feature, into) for feature in AUTH}


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize(
    "feature,index", CASES, ids=[f"{f}:{load_wire(f)['calls'][i]['name']}" for f, i in CASES]
)
def test_wire(packages: dict[str, ModuleType], server: Loopback, feature: str, index: int,
              is_async: bool) -> None:
    wire = load_wire(feature)
    call: dict[str, Any] = wire["calls"][index]
    outcome = run_call(packages[feature], wire, call, server, is_async)
    check_outcome(call, outcome, server.script)
