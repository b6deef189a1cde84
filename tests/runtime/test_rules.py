"""Conditional rules at run time: not-one-of conditions, comparisons and windows, and messages
that name each param by its Python and wire names."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any, ClassVar

import pytest
from pydantic import Field

from generator.runtime import RequestError, RequestModel, Rule, When


class Window(RequestModel):
    __callspec_rules__: ClassVar[tuple[Rule, ...]] = (
        Rule(kind="window", paths=(("from_",), ("to",)), wires=("from", "to"),
             formats=("iso", "iso"), span=(3600.0, 86400.0)),
        Rule(kind="compare", paths=(("low",), ("high",)), wires=("lo", "high"), op="<=",
             formats=("epoch_ms", "epoch_s")),
        Rule(kind="only_when", paths=(("extra",),), wires=("extra",),
             when=When(path=("kind",), test="not_one_of", values=("a", "b"), wire="kind")),
    )
    from_: str | None = Field(None, alias="from")
    to: str | None = None
    low: int | None = Field(None, alias="lo")
    high: int | None = None
    kind: str | None = None
    extra: str | None = None


def _refused(**kwargs: Any) -> str:
    with pytest.raises(RequestError) as caught:
        Window(**kwargs)
    return str(caught.value)


def test_a_window_has_both_bounds() -> None:
    Window(from_="2025-01-01T00:00:00Z", to="2025-01-01T01:00:00Z")
    Window(from_="2025-01-01T00:00:00Z", to="2025-01-02T00:00:00Z")
    assert "more than the 1 day, 0:00:00 allowed" in _refused(
        from_="2025-01-01T00:00:00Z", to="2025-01-02T00:00:01Z")
    assert "at least 1:00:00" in _refused(from_="2025-01-01T00:00:00Z", to="2025-01-01T00:59:59Z")
    assert "to must not be before from_ (from)" in _refused(
        from_="2025-01-02T00:00:00Z", to="2025-01-01T00:00:00Z")


def test_an_ordering_rule_waits_for_both_values() -> None:
    Window(from_="2025-01-01T00:00:00Z")
    Window(high=1)


def test_numbers_scale_by_their_unit_before_comparing() -> None:
    Window(low=1_000, high=1)  # 1000 ms <= 1 s
    message = _refused(low=1_001, high=1)
    assert "low (lo) must be at most high (<=)" in message


def test_values_that_cannot_be_compared_are_refused_with_the_reason() -> None:
    assert "cannot compare from_ (from) with to" in _refused(from_="yesterday", to="2025-01-01")


def test_not_one_of_holds_only_for_a_given_value_outside_the_list() -> None:
    Window(kind="c", extra="x")
    assert "extra allowed only when kind is not one of 'a', 'b'" in _refused(kind="a", extra="x")
    _refused(extra="x")  # an absent param is not "not one of" anything


@pytest.mark.parametrize(("layout", "left", "right", "holds"), [
    ("%d/%m/%Y", "31/01/2025", "01/02/2025", True),  # as text "31…" > "01…"
    ("iso", "2025-01-01 10:00:00", "2025-01-01 09:00:00.5", False),
    (None, date(2025, 1, 1), date(2025, 1, 2), True),
    (None, datetime(2025, 1, 1, tzinfo=timezone.utc), datetime(2025, 1, 1, tzinfo=timezone.utc),
     True),
])
def test_compare_reads_dates_as_dates(layout: str | None, left: object, right: object,
                                      holds: bool) -> None:
    rule = Rule(kind="compare", paths=(("a",), ("b",)), wires=("a", "b"), op="<=",
                formats=(layout, layout))

    class Pair(RequestModel):
        a: Any = None
        b: Any = None

    assert (rule.violation(Pair(a=left, b=right)) is None) is holds
