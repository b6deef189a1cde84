"""Error bodies over loopback HTTP: a per-status body model ends up typed on the exception, and
the parts of problem+json and error arrays are read where the spec says."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.runtime import APIError, ErrorBodyPaths, ErrorRules
from generator.runtime._error_body import code_from_url, error_parts
from tests.features.harness import fixtures, generated, run_call
from tests.features.script_server import serve_script

FIXTURES = {fixture.name: fixture for fixture in fixtures()}


@pytest.mark.parametrize("variant", ["sync", "async"])
def test_each_status_gets_its_own_body_model(variant: str, tmp_path: Path) -> None:
    fixture = FIXTURES["errors_body_per_status"]
    package = generated(fixture, tmp_path / "gen")
    models = package.package.models
    by_status = {}
    with serve_script() as script:
        for call in fixture.wire.calls:
            if call.raises is None:
                continue
            script.load(call.exchanges)
            outcome = run_call(package, call, variant, script.origin, tmp_path)
            assert isinstance(outcome.error, APIError), outcome.error
            by_status[outcome.error.status] = outcome.error
    assert isinstance(by_status[404].body, models.Error404)
    assert isinstance(by_status[422].body, models.Error422)
    fields = by_status[422].body.error.fields
    assert [(field.name, field.reason) for field in fields] == [("id", "has a space")]


def test_a_body_that_does_not_fit_its_model_is_kept_as_sent(tmp_path: Path) -> None:
    fixture = FIXTURES["errors_body_per_status"]
    package = generated(fixture, tmp_path / "gen")
    call = next(c for c in fixture.wire.calls if c.raises and c.raises.get("status") == 404)
    odd = {"error": {"code": "not-a-number", "message": "no call"}}
    exchange = call.exchanges[0]
    changed = type(exchange)(exchange.request, type(exchange.response)(404, {}, odd, None, True))
    with serve_script() as script:
        script.load([changed])
        outcome = run_call(package, call, "sync", script.origin, tmp_path)
    assert isinstance(outcome.error, APIError)
    assert outcome.error.body == odd and outcome.error.code == "not-a-number"


@pytest.mark.parametrize(("url", "code"), [
    ("https://example.net/probs/out-of-credit", "out-of-credit"),
    ("https://example.net/probs/out-of-credit/", "out-of-credit"),
    ("/problems/42?lang=en#top", "42"),
    ("about:blank", None),
    ("", None),
    (17, None),
])
def test_code_from_a_problem_type_url(url: object, code: str | None) -> None:
    assert code_from_url(url) == code


def test_paths_go_through_arrays_and_fall_back_in_order() -> None:
    rules = ErrorRules(body=ErrorBodyPaths(code=("errors.0.code", "code"),
                                           message=("errors.0.title", "errors.0.message"),
                                           detail=("errors.0.detail",)))
    parts = error_parts({"errors": [{"message": "m", "detail": {"at": "x"}}], "code": 7}, rules)
    assert (parts.code, parts.message, parts.details) == (7, "m", {"at": "x"})
