"""The spec's `secret` flag survives generation: secret credentials are masked, others shown.

A generator that flips a credential's flag (spec → IR → generated ApiDescription) fails here:
the vendor's error echoes every credential the client was given, and exactly the secret ones
must come out as `***` — in the exception, its repr, the client's repr and DEBUG logs.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from generator.runtime import CallspecError
from tests.features.harness import Fixture, fixtures, generated, run_call
from tests.features.script_server import ScriptServer, serve_script
from tests.features.wire import Answer, Exchange, WireCall

AUTH = [fixture for fixture in fixtures() if fixture.name.startswith("auth_")]


def _spec_flags(fixture: Fixture) -> dict[str, bool]:
    """wire name → secret, read from the YAML itself (not from anything the generator made)."""
    spec = yaml.safe_load(fixture.spec.read_text(encoding="utf-8"))
    return {wire: credential.get("secret", True)
            for scheme in spec["auth"]["schemes"].values()
            for wire, credential in scheme["credentials"].items()}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("auth_secrets")


@pytest.fixture(scope="module")
def script() -> Iterator[ScriptServer]:
    with serve_script() as server:
        yield server


@pytest.mark.parametrize("fixture", AUTH, ids=[f.name for f in AUTH])
def test_generated_description_keeps_every_secret_flag(fixture: Fixture, root: Path) -> None:
    package = generated(fixture, root).package
    api = importlib.import_module(f"{package.__name__}.client").API
    assert {c.wire: c.secret for s in api.schemes for c in s.credentials} == _spec_flags(fixture)


@pytest.mark.parametrize("fixture", AUTH, ids=[f.name for f in AUTH])
def test_echoed_credentials_are_masked_exactly_when_secret(
    fixture: Fixture, root: Path, script: ScriptServer, tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    gen = generated(fixture, root)
    schemes = gen.api.auth.schemes if gen.api.auth else ()
    wire_of = {c.python: c.wire for s in schemes for c in s.credentials}
    call = fixture.wire.calls[0]
    given = {k: v.removeprefix("$provider:") for k, v in call.client.items() if v is not None}
    echoing = _echoing(call, " ".join(f"[{value}]" for value in given.values()))
    script.load(echoing.exchanges)
    with caplog.at_level(logging.DEBUG):
        outcome = run_call(gen, echoing, "sync", script.origin + fixture.wire.server, tmp_path)
    assert isinstance(outcome.error, CallspecError), outcome
    shown = str(outcome.error)
    flags = _spec_flags(fixture)
    for python, value in given.items():
        secret = flags[wire_of[python]]
        assert (f"[{value}]" in shown) is not secret, (python, shown)
        if secret:
            assert value not in shown + repr(outcome.error) + caplog.text


def _is_token_request(exchange: Exchange) -> bool:
    """An OAuth token request: a form body with a grant_type."""
    body = exchange.request.body
    return body is not None and body[0] == "form" and "grant_type" in str(body[1])


def _echoing(call: WireCall, echo: str) -> WireCall:
    """The call's first API exchange answered by a 401 echoing `echo` (OAuth: twice, since the
    client renews its token once after a 401)."""
    exchanges = list(call.exchanges)
    api = next(i for i, e in enumerate(exchanges) if not _is_token_request(e))
    refused = replace(exchanges[api], response=Answer(401, {}, {"message": f"refused {echo}"},
                                                      None, True))
    first = [*exchanges[:api], refused]
    exchanges = first + first if api > 0 else first
    return replace(call, exchanges=tuple(exchanges), call=call.call.removeprefix("iter_"))
