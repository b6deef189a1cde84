"""Structure-aware spec fuzzing: mutated real specs through lint → generate → import.

Hypothesis drops keys, changes types, inserts junk and renames references in the parsed YAML
of a real spec. Every outcome must be a clean lint with a generated package that imports, or a
SpecError naming places: never any other exception. Seeded and derandomized, so a run is
repeatable; a handful of examples in the suite, `make fuzz` (CALLSPEC_FUZZ_EXAMPLES) for more.
"""

from __future__ import annotations

import copy
import importlib
import itertools
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.errors import SpecError
from generator.pipeline import render_tree
from generator.spec import lint_paths
from tests.conftest import SPECS

EXAMPLES = int(os.environ.get("CALLSPEC_FUZZ_EXAMPLES", "8"))
ORIGINALS = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in SPECS}
_RUNS = itertools.count()

JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 10**12), st.floats(allow_nan=False),
    st.text(max_size=12), st.sampled_from(["", "string", "integer", "object", "$ref", "x-y",
                                           "class", "None", "a.b", "{x}", "%Y"]),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=6), st.integers(),
                                                         max_size=2),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every value in the document, the root excluded, in document order."""
    items = node.items() if isinstance(node, dict) else enumerate(node) \
        if isinstance(node, list) else ()
    for key, value in items:
        yield (*prefix, key)
        yield from _paths(value, (*prefix, key))


def _parent(document: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        document = document[key]
    return document


def _names(document: dict[str, Any]) -> list[str]:
    """Type and enum names: the targets of references."""
    return [name for section in ("types", "enums")
            for name in (document.get(section) or {}) if isinstance(name, str)]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, Any]:
    vendor = draw(st.sampled_from(sorted(ORIGINALS)))
    document = copy.deepcopy(ORIGINALS[vendor])
    for _ in range(draw(st.integers(1, 4))):
        paths = list(_paths(document))
        path = draw(st.sampled_from(paths))
        parent, key = _parent(document, path), path[-1]
        action = draw(st.sampled_from(["drop", "retype", "insert", "rename", "copy"]))
        if action == "drop":
            del parent[key]
        elif action == "retype":
            parent[key] = draw(JUNK)
        elif action == "insert" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=10))] = draw(JUNK)
        elif action == "rename":
            _rename(draw, document, parent, key)
        elif action == "copy":
            parent[key] = copy.deepcopy(_parent(document, draw(st.sampled_from(paths)) + ("",)))
    return vendor, document


def _rename(draw: st.DrawFn, document: Any, parent: Any, key: Any) -> None:
    """A reference pointed elsewhere, or a type renamed under its references."""
    names = _names(document)
    if not names:
        return
    if isinstance(parent[key], str) and draw(st.booleans()):
        parent[key] = draw(st.sampled_from(names + [names[0] + "_gone", names[0].lower()]))
        return
    section = document.get(draw(st.sampled_from(["types", "enums"])))
    if isinstance(section, dict) and section:
        old = draw(st.sampled_from(sorted(str(name) for name in section)))
        if old in section:
            section[draw(st.sampled_from(names + ["Renamed", "class", "9lives"]))] = section.pop(old)


def _import_generated(files: dict[str, str], folder: Path, vendor: str) -> None:
    package = f"callspec_fuzz_{next(_RUNS)}"
    for relative, content in files.items():
        path = folder / package / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    sys.path.insert(0, str(folder))
    try:
        module = importlib.import_module(f"{package}.{vendor}")
        importlib.import_module(f"{package}.{vendor}.validators")
        assert module.__all__
    finally:
        sys.path.remove(str(folder))
        for name in [name for name in sys.modules if name.startswith(package)]:
            del sys.modules[name]


@settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=mutated())
def test_mutated_specs_lint_generate_and_import_or_fail_with_spec_error(
    case: tuple[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    vendor, document = case
    folder = tmp_path_factory.mktemp("fuzz")
    spec = folder / "specs" / f"{vendor}.yaml"
    spec.parent.mkdir()
    spec.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")
    issues = lint_paths([spec])
    if issues:
        assert all(issue.line >= 1 and issue.message for issue in issues)
        event("refused by lint")
        return
    try:
        tree = render_tree([spec], cache_dir=tmp_path_factory.getbasetemp() / "cache", jobs=1)
    except SpecError as error:  # a problem only generation finds is still told with a place
        assert error.issues
        event("refused by generate")
        return
    _import_generated(tree.files, folder / "out", tree.apis[0].vendor_id)
    event("generated and imported")


def test_found_by_fuzzing_an_enum_default_outside_the_enum_is_a_lint_error(
    tmp_path: Path,
) -> None:
    """`default: false` on an enum param linted clean, and the package then failed to import."""
    document = copy.deepcopy(ORIGINALS["deepcall"])
    document["endpoints"]["export_csv"]["params"]["module"]["default"] = False
    spec = tmp_path / "deepcall.yaml"
    spec.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    [issue] = lint_paths([spec])
    assert (issue.code, issue.path) == ("bad-value", "endpoints.export_csv.params.module.default")
