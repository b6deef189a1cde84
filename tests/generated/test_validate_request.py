"""`callspec validate --request` accepts what lint and the specs' examples accept, credentials
included, and still refuses a bad request."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.names import field_name
from generator.spec import read_spec
from tests.conftest import SPECS


def _example_requests() -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    for path in SPECS:
        spec = read_spec(path)
        for name, endpoint in spec.endpoints.items():
            for example_name, example in endpoint.examples.items():
                if example.request is not None and not example.error and not example.schematic:
                    yield spec.vendor.id, field_name(name), example_name, example.request


CASES = list(_example_requests())


@pytest.mark.parametrize(("vendor", "endpoint", "example", "request_"), CASES,
                         ids=[f"{c[0]}:{c[1]}:{c[2]}" for c in CASES])
def test_example_request_with_credentials_validates(
    vendor: str, endpoint: str, example: str, request_: dict[str, Any], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    file = tmp_path / "request.json"
    file.write_text(json.dumps(request_), encoding="utf-8")
    assert main(["validate", vendor, endpoint, str(file), "--request"]) == 0, capsys.readouterr()


def test_a_bad_request_is_still_refused(tmp_path: Path) -> None:
    vendor, endpoint, _, request_ = next(c for c in CASES if c[0] == "deepcall")
    file = tmp_path / "request.json"
    file.write_text(json.dumps({**request_, "notAParam": 1}), encoding="utf-8")
    assert main(["validate", vendor, endpoint, str(file), "--request"]) == 1
