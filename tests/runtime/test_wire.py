"""Wire-format codecs: every format round-trips (hypothesis) and writes the vendor's exact text."""

from __future__ import annotations

import locale
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.runtime import codec

_MOMENTS = st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2099, 12, 31))
_SECONDS = _MOMENTS.map(lambda value: value.replace(microsecond=0))
_ZONES = st.sampled_from([timezone.utc, timezone(timedelta(hours=5, minutes=30)),
                          timezone(timedelta(hours=-8))])
_LAYOUTS = ["%Y-%m-%d %H:%M:%S", "%m/%d/%y %I:%M:%S %p", "%Y%m%d%H%M%S", "%d.%m.%Y at %H:%M:%S",
            "%a %b %d %H:%M:%S %Y", "%A, %d %B %Y %H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S%%"]
_AWARE = ["%a, %d %b %Y %H:%M:%S %z", "%Y-%m-%dT%H:%M:%S%z"]


@settings(max_examples=60)
@given(_MOMENTS, st.sampled_from(_LAYOUTS))
def test_naive_layouts_round_trip(value: datetime, layout: str) -> None:
    if "%y" in layout:  # two-digit years mean 1969-2068, as in strptime
        value = value.replace(year=1969 + value.year % 100, day=min(value.day, 28))
    if "%f" not in layout:
        value = value.replace(microsecond=0)
    wire = codec("datetime", layout)
    assert wire.read(wire.write(value)) == value


@settings(max_examples=60)
@given(_SECONDS, _ZONES, st.sampled_from(_AWARE))
def test_aware_layouts_round_trip(value: datetime, zone: timezone, layout: str) -> None:
    wire = codec("datetime", layout)
    moment = value.replace(tzinfo=zone)
    back = wire.read(wire.write(moment))
    assert back == moment and back.utcoffset() == moment.utcoffset()


@settings(max_examples=60)
@given(_MOMENTS, _ZONES, st.sampled_from(["rfc3339", "iso8601", "sql-timestamp"]))
def test_iso_family_round_trips_with_fractions(value: datetime, zone: timezone, fmt: str) -> None:
    wire = codec(fmt, tz="UTC")
    moment = value.replace(tzinfo=zone)
    assert wire.read(wire.write(moment)) == moment


_PRECISION = {"rfc3339-millis": 1000, "epoch-millis": 1000, "rfc2822": 1_000_000,
              "epoch-seconds": 1_000_000}


@settings(max_examples=80)
@given(_MOMENTS, st.sampled_from(sorted(_PRECISION)))
def test_utc_formats_round_trip_at_their_precision(value: datetime, fmt: str) -> None:
    step = _PRECISION[fmt]  # microseconds the format keeps: milliseconds or whole seconds
    moment = value.replace(microsecond=value.microsecond // step * step, tzinfo=timezone.utc)
    wire = codec(fmt)
    assert wire.read(wire.write(moment)) == moment


@settings(max_examples=60)
@given(st.dates(min_value=date(1, 1, 1)), st.sampled_from([None, "%Y%m%d", "%d/%m/%Y"]))
def test_dates_round_trip(value: date, layout: str | None) -> None:
    wire = codec("date", layout)
    assert wire.read(wire.write(value)) == value


@settings(max_examples=60)
@given(st.times(), st.sampled_from([None, "%H%M%S.%f", "%I:%M:%S.%f %p"]))
def test_times_round_trip(value: time, layout: str | None) -> None:
    wire = codec("time", layout)
    assert wire.read(wire.write(value)) == value


@settings(max_examples=60)
@given(st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3000)),
       st.sampled_from(["duration-seconds", "duration-millis", "duration-iso8601"]))
def test_durations_round_trip(value: timedelta, fmt: str) -> None:
    if fmt == "duration-millis":
        value = timedelta(milliseconds=value // timedelta(milliseconds=1))
    wire = codec(fmt)
    assert wire.read(wire.write(value)) == value


@pytest.mark.parametrize(("fmt", "layout", "tz", "value", "text"), [
    ("datetime", "%Y-%m-%d %H:%M:%S", None, datetime(2025, 1, 1), "2025-01-01 00:00:00"),
    ("datetime", "%m/%d/%y %I:%M %p", None, datetime(2025, 3, 4, 0, 5), "03/04/25 12:05 AM"),
    ("datetime", "%a %b %d %H:%M:%S %z %Y", None,
     datetime(2025, 1, 1, 9, tzinfo=timezone(timedelta(hours=-5))), "Wed Jan 01 09:00:00 -0500 2025"),
    ("datetime", "%Y-%m-%d %H:%M:%S", "Europe/Moscow",
     datetime(2025, 1, 1, tzinfo=timezone.utc), "2025-01-01 03:00:00"),
    ("rfc3339", None, None, datetime(2025, 1, 1, tzinfo=timezone.utc), "2025-01-01T00:00:00Z"),
    ("rfc3339", None, None, datetime(2025, 1, 1, 0, 0, 0, 5), "2025-01-01T00:00:00.000005Z"),
    ("rfc3339-millis", None, None, datetime(2022, 11, 7, tzinfo=timezone.utc),
     "2022-11-07T00:00:00.000Z"),
    ("iso8601", None, None, datetime(2025, 1, 1, tzinfo=timezone.utc), "2025-01-01T00:00:00+0000"),
    ("rfc2822", None, None, datetime(2025, 1, 1, tzinfo=timezone.utc),
     "Wed, 01 Jan 2025 00:00:00 +0000"),
    ("sql-timestamp", None, None, datetime(2025, 1, 1, 8), "2025-01-01 08:00:00"),
    ("epoch-seconds", None, None, datetime(2025, 1, 1, tzinfo=timezone.utc), 1735689600),
    ("epoch-millis", None, None, datetime(2025, 1, 1, tzinfo=timezone.utc), 1735689600000),
    ("date", "%Y%m%d", None, date(2025, 1, 2), "20250102"),
    ("time", None, None, time(7, 5), "07:05:00"),
    ("duration-seconds", None, None, timedelta(minutes=2), 120),
    ("duration-millis", None, None, timedelta(seconds=1.5), 1500),
    ("duration-iso8601", None, None, timedelta(hours=1, seconds=30), "PT1H30S"),
    ("duration-iso8601", None, None, timedelta(0), "PT0S"),
])
def test_writes_the_vendor_text(fmt: str, layout: str | None, tz: str | None, value: object,
                                text: object) -> None:
    assert codec(fmt, layout, tz).write(value) == text


def test_declared_zone_is_attached_to_naive_wire_values() -> None:
    read = codec("datetime", "%Y-%m-%d %H:%M:%S", "Europe/Moscow").read("2025-01-01 03:00:00")
    assert read == datetime(2025, 1, 1, 3, tzinfo=ZoneInfo("Europe/Moscow"))
    assert read == datetime(2025, 1, 1, tzinfo=timezone.utc)


def test_an_offset_on_the_wire_wins_over_the_declared_zone() -> None:
    """The zone is for naive wire values only: a value that states its offset means that instant."""
    read = codec("rfc3339", tz="Europe/Moscow").read("2025-01-01T00:00:00+02:00")
    assert read == datetime(2024, 12, 31, 22, tzinfo=timezone.utc)
    assert read.utcoffset() == timedelta(hours=2)


def test_english_names_whatever_the_locale() -> None:
    previous = locale.setlocale(locale.LC_TIME)
    try:
        for name in ("de_DE.UTF-8", "fr_FR.UTF-8"):
            try:
                locale.setlocale(locale.LC_TIME, name)
                break
            except locale.Error:
                continue
        wire = codec("datetime", "%a %d %b %Y")
        assert wire.write(datetime(2025, 5, 1)) == "Thu 01 May 2025"
        assert wire.read("thu 01 may 2025") == datetime(2025, 5, 1)
    finally:
        locale.setlocale(locale.LC_TIME, previous)


@pytest.mark.parametrize(("fmt", "layout", "text"), [
    ("datetime", "%Y-%m-%d %H:%M:%S", "2025-01-01"),
    ("datetime", "%Y%m%d", "2025011"),
    ("rfc3339", None, "yesterday"),
    ("duration-iso8601", None, "PT"),
    ("duration-iso8601", None, "P1DT"),  # a time part announced and left empty
    ("date", None, "2025-13-01"),
])
def test_bad_text_does_not_parse(fmt: str, layout: str | None, text: str) -> None:
    with pytest.raises(ValueError):
        codec(fmt, layout).read(text)


def test_unsupported_directive_is_refused() -> None:
    with pytest.raises(ValueError, match="%c"):
        codec("datetime", "%c")
