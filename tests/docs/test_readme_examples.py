"""Every python block of the generated READMEs runs against the mock, as the README shows it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from generator.mock import MockServer
from generator.paths import GENERATED_DIR

from .readme_examples import python_blocks, run_readmes


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("run")


@pytest.fixture(scope="module")
def report(server: MockServer, run_dir: Path) -> dict[str, Any]:
    return run_readmes(sys.executable, server.apis, server, run_dir)


def _readme(vendor: str) -> str:
    return (GENERATED_DIR / vendor / "README.md").read_text(encoding="utf-8")


def test_every_readme_opens_with_examples(server: MockServer) -> None:
    assert python_blocks((GENERATED_DIR / "README.md").read_text(encoding="utf-8"))
    for api in server.apis:
        readme = _readme(api.vendor_id)
        blocks = python_blocks(readme)
        assert len(blocks) >= 4, api.vendor_id  # build, call, errors, async at the least
        assert f"from generated.{api.vendor_id} import {api.client_class}" in blocks[0]
        assert readme.index("## Usage") < readme.index('<a id="section-server">')


def test_every_example_runs_against_the_mock(report: dict[str, Any]) -> None:
    failures = {name: result["error"] for name, result in report.items() if not result["ok"]}
    assert not failures, "\n".join(f"{name}:\n{error}" for name, error in failures.items())


def test_the_errors_example_catches_the_vendors_answer(
    server: MockServer, report: dict[str, Any]
) -> None:
    """Wrong credentials end in an APIError: AuthError where the vendor's code says "auth"."""
    for api in server.apis:
        output = report[api.vendor_id]["output"]
        assert "refused:" in output or "vendor error:" in output, api.vendor_id


def test_the_download_example_writes_the_file(
    server: MockServer, run_dir: Path, report: dict[str, Any]
) -> None:
    downloads = [api.vendor_id for api in server.apis
                 if any(endpoint.response.download for endpoint in api.endpoints)]
    assert downloads
    for vendor in downloads:
        printed = report[vendor]["output"].splitlines()
        assert any((run_dir / line).is_file() for line in printed), vendor


def test_paging_and_csv_examples_see_every_record(
    server: MockServer, report: dict[str, Any]
) -> None:
    """25 records on the mock, 10 a page: a paging loop prints all of them."""
    for api in server.apis:
        if any(e.pagination or e.response.csv for e in api.endpoints):
            assert len(report[api.vendor_id]["output"].splitlines()) >= 25, api.vendor_id
