"""A spec compared with itself has no changes: as written, and dumped again by PyYAML."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.diff import Side, diff_sides, load_side
from generator.spec.load import load_spec_file
from tests.conftest import ROOT, SPECS

FEATURES = sorted((ROOT / "tests" / "features").glob("*/*.yaml"))
FEATURE_SPECS = [path for path in FEATURES if path.stem == path.parent.name]
EVERY_SPEC = SPECS + FEATURE_SPECS


def _side(path: Path, raw: bytes | None = None) -> Side:
    display = path.relative_to(ROOT).as_posix()
    return load_side(display, path.read_bytes() if raw is None else raw)


@pytest.mark.parametrize("path", EVERY_SPEC, ids=[path.stem for path in EVERY_SPEC])
def test_spec_against_itself_is_empty(path: Path) -> None:
    assert diff_sides(_side(path), _side(path)) == []


def _shuffled(value: object, rng: random.Random) -> object:
    """Top-level keys in another order; nested mappings as they are (their order can mean
    something: CSV columns, the order of params in docs)."""
    if isinstance(value, dict):
        keys = list(value)
        rng.shuffle(keys)
        return {key: value[key] for key in keys}
    return value


# Seeded (derandomize): the suite gives the same verdict on every run. Keys are never sorted
# on the way out: nested order is meaning (a header-less CSV's columns), and sorting it is an
# edit, which the diff rightly reports.
@settings(max_examples=30, deadline=None, derandomize=True)
@given(path=st.sampled_from(EVERY_SPEC), flow=st.sampled_from([None, True, False]),
       width=st.sampled_from([60, 100, 10_000]), seed=st.integers(0, 2**16))
def test_spec_dumped_again_diffs_empty(path: Path, flow: bool | None, width: int,
                                       seed: int) -> None:
    data = _shuffled(load_spec_file(path).data, random.Random(seed))
    dumped = yaml.safe_dump(data, sort_keys=False, default_flow_style=flow, width=width,
                            allow_unicode=True).encode()
    assert dumped != path.read_bytes()  # a real re-dump, not the file itself
    assert diff_sides(_side(path), _side(path, dumped)) == []
