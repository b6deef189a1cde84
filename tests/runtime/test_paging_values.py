"""Records that are plain values: their type read off the page model's record list, tolerant
reading (kept with a warning naming row and place), strict refusal, wrong shapes refused."""

from __future__ import annotations

import warnings
from datetime import date
from enum import Enum
from typing import Annotated

import pytest
from pydantic import Field

from generator.runtime import ConfigError, OutOfSpecWarning, ResponseValidationError
from generator.runtime._models import CallspecModel
from generator.runtime._redact import Redactor
from generator.runtime._response import Exchange
from generator.runtime._typed import Wire
from generator.runtime._values import read_value, value_adapter

from .hostile import operation

EXCHANGE = Exchange("Acme", operation("/days"), "GET", "https://api.example.test/days",
                    Redactor())
DateYmd = Annotated[date, Wire("date", layout="%Y%m%d")]


class Status(str, Enum):
    ANSWERED = "answered"

    @classmethod
    def _missing_(cls, value: object) -> Status | None:
        from generator.runtime._models import unknown_member

        return unknown_member(cls, value)


class Inner(CallspecModel):
    call_days: Annotated[list[DateYmd] | None, Field(alias="callDays")] = None
    states: list[Status] = []


class Page(CallspecModel):
    result: Inner | None = None
    ids: list[str] = []
    label: str = ""


def test_the_item_type_comes_from_the_list_at_the_wire_path() -> None:
    assert value_adapter(Page, "ids").validate_python("c1") == "c1"
    days = value_adapter(Page, "result.callDays")  # through an optional model, by alias
    assert days.validate_python("20250302") == date(2025, 3, 2)
    assert value_adapter(Page, "result.call_days") is not None  # the Python name works too
    with pytest.raises(ConfigError, match="no record list at 'label'"):
        value_adapter(Page, "label")
    with pytest.raises(ConfigError, match="no record list at 'result.nope'"):
        value_adapter(Page, "result.nope")


def test_a_value_out_of_its_wire_format_is_kept_with_a_warning_naming_its_place() -> None:
    adapter = value_adapter(Page, "result.callDays")
    with pytest.warns(OutOfSpecWarning, match=r"record 7 \(result\.callDays\[2\]\): "
                      r"'2025-03-02' is not date"):
        kept = read_value(adapter, "2025-03-02", EXCHANGE, None, 7, "result.callDays[2]")
    assert kept == "2025-03-02"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a value in its format warns about nothing
        assert read_value(adapter, "20250302", EXCHANGE, None, 0, "x[0]") == date(2025, 3, 2)


def test_an_unknown_enum_value_is_kept_and_refused_in_strict_mode() -> None:
    adapter = value_adapter(Page, "result.states")
    with pytest.warns(OutOfSpecWarning, match=r"record 3 \(result\.states\[0\]\).*'parked'"):
        kept = read_value(adapter, "parked", EXCHANGE, None, 3, "result.states[0]")
    assert kept == "parked" and isinstance(kept, Status)
    with pytest.raises(ResponseValidationError) as caught:
        read_value(adapter, "parked", EXCHANGE, {"strict": True}, 3, "result.states[0]")
    assert (caught.value.row, caught.value.field) == (3, "result.states[0]")


def test_a_value_of_the_wrong_shape_is_refused_naming_row_and_place() -> None:
    adapter = value_adapter(Page, "ids")
    with pytest.raises(ResponseValidationError, match=r"row 4: ids\[1\] does not fit") as caught:
        read_value(adapter, {"id": "c2"}, EXCHANGE, None, 4, "ids[1]")
    assert (caught.value.row, caught.value.field) == (4, "ids[1]")
    assert isinstance(caught.value.errors, tuple) and caught.value.errors


def test_value_adapters_are_built_once_per_model_and_path() -> None:
    assert value_adapter(Page, "ids") is value_adapter(Page, "ids")
