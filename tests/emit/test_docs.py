"""The Markdown docs emitter: completeness, valid tables, no secrets, determinism."""

from __future__ import annotations

import ast
import importlib
import json
import os
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from generator.emit.docs import render_docs_index, render_vendor_docs
from generator.emit.docs.links import enum_anchor, model_anchor
from generator.emit.docs.text import (
    cell_code,
    code_span,
    format_value,
    inline_text,
    table_cell,
)
from generator.emit.docs.usage import WRONG_CREDENTIAL
from generator.ir.build import build_api
from generator.ir.nodes import ApiNode
from generator.paths import PROJECT_ROOT, SPECS_DIR, TEMPLATES_DIR, spec_files
from generator.spec import read_spec
from generator.spec.model import Spec
from tests.emit.markdown import cell_count, markdown_tables

SPEC_PATHS = spec_files(SPECS_DIR)
IDS = [path.stem for path in SPEC_PATHS]


@lru_cache(maxsize=None)
def _spec(path: Path) -> Spec:
    return read_spec(path)


@lru_cache(maxsize=None)
def _api(path: Path) -> ApiNode:
    return build_api(_spec(path), f"specs/{path.name}")


@lru_cache(maxsize=None)
def _readme(path: Path) -> str:
    return render_vendor_docs(_api(path))


def _section(readme: str, anchor: str) -> str:
    """The text from an anchor to the next `<a id=` anchor."""
    start = readme.index(f'<a id="{anchor}"></a>')
    end = readme.find('<a id="', start + 1)
    return readme[start:] if end < 0 else readme[start:end]


# -- completeness ------------------------------------------------------------------------------


def test_specs_are_discovered() -> None:
    assert SPEC_PATHS, "no specs found"


@pytest.mark.parametrize("path", SPEC_PATHS, ids=IDS)
def test_every_endpoint_is_documented(path: Path) -> None:
    readme = _readme(path)
    for endpoint in _api(path).endpoints:
        section = _section(readme, f"endpoint-{endpoint.name}")
        assert code_span(endpoint.name) in section
        assert inline_text(endpoint.summary) in section
        target = endpoint.rpc_method if endpoint.transport == "jsonrpc" else endpoint.path
        assert target is not None and target in section
        assert f"](#endpoint-{endpoint.name})" in readme  # listed in the contents
        for param in endpoint.params:
            assert cell_code(param.wire) in section


@pytest.mark.parametrize("path", SPEC_PATHS, ids=IDS)
def test_every_enum_value_is_documented(path: Path) -> None:
    readme = _readme(path)
    for enum in _api(path).enums:
        section = _section(readme, enum_anchor(enum.name))
        rows = [line for line in section.split("\n") if line.startswith("| `")]
        assert len(rows) == len(enum.members)
        for member, row in zip(enum.members, rows):
            value, name = cell_code(format_value(member.value)), cell_code(member.name)
            assert row.startswith(f"| {value} | {name} |")


def test_all_64_finish_reasons_are_listed() -> None:
    path = SPECS_DIR / "callgear.yaml"
    section = _section(_readme(path), enum_anchor("FinishReason"))
    values = [str(value) for value in _spec(path).enums["FinishReason"].values]
    assert len(values) == 64
    for value in values:
        assert f"| {cell_code(value)} |" in section


@pytest.mark.parametrize("path", SPEC_PATHS, ids=IDS)
def test_every_model_field_is_documented(path: Path) -> None:
    readme = _readme(path)
    for model in _api(path).models:
        section = _section(readme, model_anchor(model.name))
        for field in model.fields:
            assert f"| {cell_code(field.wire)} | {cell_code(field.python)} |" in section, (
                model.name, field.wire)


@pytest.mark.parametrize("path", SPEC_PATHS, ids=IDS)
def test_every_review_note_is_documented(path: Path) -> None:
    api = _api(path)
    readme = _readme(path)
    notes = list(api.notes) + [note for endpoint in api.endpoints for note in endpoint.notes]
    for note in notes:
        assert inline_text(note.topic) in readme, note.topic
        if note.at:
            assert code_span(note.at) in readme


@pytest.mark.parametrize("path", SPEC_PATHS, ids=IDS)
def test_metadata_columns_only_where_a_field_has_them(path: Path) -> None:
    readme = _readme(path)
    for model in _api(path).models:
        flags = [(f.filterable, f.sortable, f.returned_by_default) for f in model.fields]
        has = any(flag is not None for triple in flags for flag in triple)
        assert ("| Filterable |" in _section(readme, model_anchor(model.name))) == has


@pytest.mark.parametrize("path", SPEC_PATHS, ids=IDS)
def test_every_internal_link_has_an_anchor(path: Path) -> None:
    readme = _readme(path)
    anchors = re.findall(r'<a id="([^"]+)"></a>', readme)
    assert len(anchors) == len(set(anchors)), "duplicate anchors"
    for target in re.findall(r"\]\(#([^)]+)\)", readme):
        assert target in anchors, target


def test_conditional_rules_are_spelled_out() -> None:
    readme = _readme(SPECS_DIR / "ringcentral.yaml")
    assert ("`reportCriteria.cloudProfileIds` are required when "
            "`reportCriteria.groupBy` is `PROFILE`") in readme
    assert "may be given only when `reportCriteria.groupBy` is `DESTINATION`" in readme


def test_deprecation_is_prominent() -> None:
    readme = _readme(SPECS_DIR / "ringcentral.yaml")
    assert "> **⚠ Deprecated:** call_detail_report is deprecated" in readme


# -- secrets -----------------------------------------------------------------------------------


def _credential_values(spec: Spec) -> set[str]:
    """Every credential value the spec shows: credential examples and real example requests."""
    if spec.auth is None:
        return set()
    credentials = {wire: credential for scheme in spec.auth.schemes.values()
                   for wire, credential in scheme.credentials.items()}
    values = {credential.example for credential in credentials.values() if credential.example}
    for endpoint in spec.endpoints.values():
        for example in endpoint.examples.values():
            if example.schematic or not example.request:
                continue
            values |= {value for key, value in example.request.items()
                       if key in credentials and isinstance(value, str)}
    return values


@pytest.mark.parametrize("path", SPEC_PATHS, ids=IDS)
def test_no_credential_value_is_shown(path: Path) -> None:
    spec = _spec(path)
    readme = _readme(path)
    for value in _credential_values(spec):
        assert value not in readme, value
        assert table_cell(value) not in readme, value
    for name in {cred for scheme in (spec.auth.schemes.values() if spec.auth else ())
                 for cred in scheme.credentials}:
        # Masked (`***`), a URL template (`{name}`), or in a usage example: read from the
        # environment or the deliberately wrong value of the errors example.
        allowed = rf'\\?\*|\{{|os\.environ\[|"{WRONG_CREDENTIAL}"'
        leaks = re.findall(rf"\b{re.escape(name)}=(?!{allowed})\S+", readme)
        assert not leaks, leaks
        assert not re.search(rf'"{re.escape(name)}": "(?!\*\*\*")', readme)


def test_credentials_in_examples_are_masked() -> None:
    readme = _readme(SPECS_DIR / "yeastar.yaml")
    assert '"access_token": "***"' in readme
    assert "5qcixSatPqNQfjsepgFdUsQBID1ZWnu8" not in readme
    assert "MB1OklPar5hnDfhi4srZa8FrZ4znFSzr" not in readme  # a token quoted in prose


# -- Markdown validity -------------------------------------------------------------------------


@pytest.mark.parametrize("path", SPEC_PATHS, ids=IDS)
def test_table_rows_match_their_header(path: Path) -> None:
    tables = markdown_tables(_readme(path))
    assert tables
    for table in tables:
        header = cell_count(table[0])
        assert re.fullmatch(r"\|(?: -{3,}:? \|)+", table[1]), table[1]
        for row in table[1:]:
            assert cell_count(row) == header, row


@pytest.mark.parametrize("path", SPEC_PATHS, ids=IDS)
def test_layout_is_clean(path: Path) -> None:
    readme = _readme(path)
    assert readme.endswith("\n") and not readme.endswith("\n\n")
    assert not any(line != line.rstrip() for line in readme.split("\n"))
    assert "generated" not in readme.split("\n")[0].lower()
    assert "<script" not in readme


@pytest.mark.parametrize("path", SPEC_PATHS, ids=IDS)
def test_json_examples_are_pretty_printed(path: Path) -> None:
    readme = _readme(path)
    for endpoint in _api(path).endpoints:
        for example in endpoint.examples:
            if example.response is not None and not _mentions_credentials(example.response, path):
                body = json.dumps(example.response, indent=2, sort_keys=False, ensure_ascii=False)
                assert f"```json\n{body}\n```" in readme


def _mentions_credentials(value: object, path: Path) -> bool:
    return any(name in repr(value) for name in _credential_values(_spec(path)))


# -- determinism and the index -----------------------------------------------------------------


@pytest.mark.parametrize("path", SPEC_PATHS, ids=IDS)
def test_rendering_twice_is_identical(path: Path) -> None:
    assert render_vendor_docs(build_api(read_spec(path), f"specs/{path.name}")) == _readme(path)


def test_output_does_not_depend_on_hash_seed() -> None:
    script = (
        "import hashlib\n"
        "from generator.paths import SPECS_DIR, spec_files\n"
        "from generator.spec import read_spec\n"
        "from generator.ir.build import build_api\n"
        "from generator.emit.docs import render_vendor_docs, render_docs_index\n"
        "apis = [build_api(read_spec(p), f'specs/{p.name}') for p in spec_files(SPECS_DIR)]\n"
        "text = ''.join(render_vendor_docs(a) for a in apis) + render_docs_index(apis)\n"
        "print(hashlib.sha256(text.encode()).hexdigest())\n"
    )
    digests = {
        subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, check=True, text=True,
                       capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("0", "12345")
    }
    assert len(digests) == 1


def test_index_lists_every_vendor() -> None:
    apis = [_api(path) for path in SPEC_PATHS]
    index = render_docs_index(apis)
    assert index == render_docs_index(apis)
    assert index.endswith("\n") and not index.endswith("\n\n")
    assert "generated" not in index.split("\n")[0].lower()
    for api in apis:
        row = next(line for line in index.split("\n") if f"]({api.vendor_id}/README.md)" in line)
        assert f"| {len(api.endpoints)} |" in row
        assert cell_code(api.source_document) in row
    for table in markdown_tables(index):
        assert {cell_count(row) for row in table} == {cell_count(table[0])}


def test_templates_hold_no_logic_beyond_layout() -> None:
    for template in TEMPLATES_DIR.glob("*.md.j2"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\{\{[^}]*\|", text), f"{template.name}: filter in an expression"
        assert not re.search(r"\{%-?\s*set\b", text), f"{template.name}: computes a value"


# -- usage examples ----------------------------------------------------------------------------


def _python_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```$", markdown, re.DOTALL | re.MULTILINE)


@pytest.mark.parametrize("path", SPEC_PATHS, ids=IDS)
def test_usage_blocks_are_python(path: Path) -> None:
    blocks = _python_blocks(_readme(path))
    assert blocks
    for block in blocks:
        ast.parse(block)


@pytest.mark.parametrize("path", SPEC_PATHS, ids=IDS)
def test_usage_builds_the_client_with_each_auth_alternative(path: Path) -> None:
    api = _api(path)
    code = "\n".join(_python_blocks(_readme(path)))
    for scheme in api.auth.schemes if api.auth else ():
        for credential in scheme.credentials:
            assert f"{credential.python}=os.environ[" in code, credential.python


@pytest.mark.parametrize("path", SPEC_PATHS, ids=IDS)
def test_usage_calls_only_methods_the_client_has(path: Path) -> None:
    """The examples name methods by the client's own rules (iter_, download_): none drifts."""
    api = _api(path)
    package = importlib.import_module(f"generated.{api.vendor_id}")
    code = "\n".join(_python_blocks(_readme(path)))
    called = set(re.findall(r"\bclient\.(\w+)\(", code))
    assert called
    for client in (api.client_class, api.async_client_class):
        missing = {name for name in called if not hasattr(getattr(package, client), name)}
        assert not missing, (client, missing)
    if any(endpoint.pagination for endpoint in api.endpoints):
        assert any(name.startswith("iter_") for name in called)
    if any(endpoint.response.download for endpoint in api.endpoints):
        assert any(name.startswith("download_") for name in called)


def test_index_quick_start_fits_on_one_screen() -> None:
    index = render_docs_index([_api(path) for path in SPEC_PATHS])
    quick_start = index[:index.index("## Vendors")]
    assert len(quick_start.split("\n")) <= 40
    (block,) = _python_blocks(quick_start)
    ast.parse(block)
