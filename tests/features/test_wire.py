"""Every call of every feature fixture, sync and async, against its hand-written wire exchange."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.features.harness import (
    Fixture,
    as_data,
    check_error,
    fixtures,
    generated,
    matches,
    run_call,
)
from tests.features.script_server import ScriptServer, serve_script, with_origin
from tests.features.wire import Expected, Received, WireCall, mismatches

FIXTURES = fixtures()
CASES = [
    pytest.param(fixture, call, variant, id=f"{fixture.name}:{call.name}:{variant}")
    for fixture in FIXTURES
    for call in fixture.wire.calls
    for variant in call.variants
]


@pytest.fixture(scope="session")
def feature_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("features")


@pytest.fixture(scope="session")
def script() -> Iterator[ScriptServer]:
    with serve_script() as server:
        yield server


@pytest.mark.parametrize(("fixture", "call", "variant"), CASES)
def test_call_makes_the_written_exchange(
    fixture: Fixture, call: WireCall, variant: str, feature_root: Path, script: ScriptServer,
    tmp_path: Path,
) -> None:
    package = generated(fixture, feature_root)
    script.load(call.exchanges)
    outcome = run_call(package, call, variant, script.origin + fixture.wire.server, tmp_path)
    problems = script.problems + script.unanswered()
    if call.raises is not None:
        problems += check_error(call.raises, outcome.error)
    elif outcome.error is not None:
        problems.append(f"raised {type(outcome.error).__name__}: {outcome.error}")
    elif call.has_returns:
        problems += matches(with_origin(call.returns, script.origin), as_data(outcome.value))
    if call.warns is not None and call.warns not in outcome.warnings:
        problems.append(f"expected a {call.warns}, got {list(outcome.warnings)}")
    assert not problems, "\n".join(problems)


def test_every_fixture_has_calls() -> None:
    assert FIXTURES, "no fixture found in tests/features"
    for fixture in FIXTURES:
        assert fixture.wire.calls, f"{fixture.name}: wire.yaml has no calls"


GENERATED = [pytest.param(fixture, name, id=f"{fixture.name}:{name}")
             for fixture in FIXTURES for name in fixture.wire.generated]


@pytest.mark.parametrize(("fixture", "name"), GENERATED)
def test_generated_file_says_what_the_spec_says(fixture: Fixture, name: str,
                                                feature_root: Path) -> None:
    text = (generated(fixture, feature_root).folder / name).read_text(encoding="utf-8")
    missing = [wanted for wanted in fixture.wire.generated[name] if wanted not in text]
    assert not missing, f"{name} lacks: {missing}"


def test_a_path_is_compared_as_sent_not_unquoted() -> None:
    # `%2F` and `/` reach different resources: a client that sends a slash unencoded must fail.
    expected = Expected("GET", "/recordings/a%2Fb%20c", {}, {}, (), None)
    encoded = Received("GET", "/recordings/a%2Fb%20c?x=1", {}, b"")
    unencoded = Received("GET", "/recordings/a/b%20c", {}, b"")
    assert mismatches(expected, encoded) == ["query: expected {}, got {'x': ['1']}"]
    assert mismatches(expected, unencoded) == [
        "path: expected /recordings/a%2Fb%20c, got /recordings/a/b%20c"
    ]
