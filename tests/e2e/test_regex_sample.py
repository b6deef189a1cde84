"""The mock's pattern-driven strings: they match, vary with the row, and refuse what they cannot
make instead of making something up."""

from __future__ import annotations

import re

import pytest

from generator.mock.regex_sample import UnsupportedPattern, sample_matching

PATTERNS = [
    r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,9})?$",
    r"^\+?[1-9]\d{1,14}$",
    r"^(in|out)bound-[A-Z]{2,3}$",
    r"^[^@\s]+@example\.com$",
    r"^[A-Za-z0-9+/]*={0,2}$",
    r"^CA[0-9a-f]{32}$",
    r"[a-z]+_\w*",
    r"^x{3,}?y.$",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_samples_match_their_pattern(pattern: str) -> None:
    values = [sample_matching(pattern, row) for row in range(12)]
    assert all(re.search(pattern, value) for value in values), values
    assert len(set(values)) > 1 or "{" not in pattern  # rows vary where the pattern lets them


def test_the_same_row_gives_the_same_value() -> None:
    assert sample_matching(PATTERNS[2], 5) == sample_matching(PATTERNS[2], 5)


def test_max_length_bounds_open_repeats() -> None:
    assert len(sample_matching(r"^[a-z]+$", 3, max_length=2)) <= 2


@pytest.mark.parametrize("pattern", [r"^(?=a)a$", r"^(a)\1$", r"^(?<!x)y$", r"[a-"])
def test_unsupported_constructs_are_refused(pattern: str) -> None:
    with pytest.raises(UnsupportedPattern):
        sample_matching(pattern)
