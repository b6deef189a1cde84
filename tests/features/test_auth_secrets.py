"""The spec's `secret` flag survives generation: secret credentials are masked, others shown."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
import yaml

from generator.pipeline import load_apis
from generator.runtime import CallspecError

from .auth_wire import FEATURES, Loopback, generate, load_wire, run_call

AUTH = sorted(p.name for p in FEATURES.iterdir() if p.name.startswith("auth_") and p.is_dir())


def _spec_flags(feature: str) -> dict[str, bool]:
    spec = yaml.safe_load((FEATURES / feature / f"{feature}.yaml").read_text())
    return {wire: credential.get("secret", True)
            for scheme in spec["auth"]["schemes"].values()
            for wire, credential in scheme["credentials"].items()}


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ModuleType]:
    into = tmp_path_factory.mktemp("auth_secret_packages")
    return {feature: generate(feature, into) for feature in AUTH}


@pytest.fixture(scope="module")
def server() -> Iterator[Loopback]:
    loopback = Loopback()
    yield loopback
    loopback.close()


@pytest.mark.parametrize("feature", AUTH)
def test_generated_description_keeps_every_secret_flag(
    packages: dict[str, ModuleType], feature: str
) -> None:
    api = importlib.import_module(f"{feature}.client").API
    generated = {c.wire: c.secret for s in api.schemes for c in s.credentials}
    assert generated == _spec_flags(feature)


@pytest.mark.parametrize("feature", AUTH)
def test_echoed_credentials_are_masked_exactly_when_secret(
    packages: dict[str, ModuleType], server: Loopback, feature: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The vendor's error echoes every credential the client was given (the wire.yaml ones)."""
    wire = load_wire(feature)
    python_to_wire = _python_to_wire(feature)
    given = {k: v for k, v in wire["client"].items() if v is not None}
    echo = " ".join(f"[{value}]" for value in given.values())
    script = _echoing(wire["calls"][0], echo)
    with caplog.at_level(logging.DEBUG):
        outcome = run_call(packages[feature], wire, script, server, is_async=False)
    assert isinstance(outcome, CallspecError), outcome
    shown = str(outcome)
    flags = _spec_flags(feature)
    for python, value in given.items():
        secret = flags[python_to_wire[python]]
        assert (f"[{value}]" in shown) is not secret, (python, shown)
        if secret:
            assert value not in shown + repr(outcome) + caplog.text


def _python_to_wire(feature: str) -> dict[str, str]:
    (api,) = load_apis([FEATURES / feature / f"{feature}.yaml"])
    schemes = api.auth.schemes if api.auth else ()
    return {c.python: c.wire for s in schemes for c in s.credentials}


def _echoing(call: dict[str, Any], echo: str) -> dict[str, Any]:
    """The call's exchanges, with the API call answered by a 401 that echoes `echo`."""
    exchanges = [dict(e) for e in call["exchanges"]]
    api = next(i for i, e in enumerate(exchanges) if "/oauth/" not in e["request"]["path"])
    exchanges = exchanges[: api + 1]
    exchanges[api]["response"] = {"status": 401, "json": {"message": f"refused {echo}"}}
    # An OAuth client renews once after a 401: script the second round the same way.
    if api > 0:
        exchanges += [dict(exchanges[0]), dict(exchanges[api])]
    return {**call, "exchanges": exchanges, "call": call["call"].removeprefix("iter_")}
