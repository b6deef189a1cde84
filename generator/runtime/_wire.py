"""Wire formats of dates, times and durations: one parser and one exact formatter per format."""

# Each codec turns the vendor's text (or number) into datetime / date / time / timedelta and
# back, byte for byte as the vendor writes it. Parsers use the C fast paths where the format
# allows (datetime.fromisoformat, date.fromisoformat) and a layout compiled once otherwise
# (_layout.py); nothing calls strptime per value.

from __future__ import annotations

import email.utils
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from ._layout import compile_layout

__all__ = ["Codec", "codec", "WIRE_FORMATS"]

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MILLI = timedelta(milliseconds=1)
_ISO_DURATION = re.compile(
    r"P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?", re.IGNORECASE
)


@dataclass(frozen=True)
class Codec:
    """`read(wire)` → Python value (ValueError when it does not parse); `write(value)` → wire."""

    name: str  # e.g. "datetime %Y-%m-%d %H:%M:%S (UTC)", for messages
    kind: type  # datetime, date, time or timedelta
    read: Callable[[object], object]
    write: Callable[[object], object]


def _zone(tz: str | None) -> tzinfo | None:
    if tz is None:
        return None
    return timezone.utc if tz.upper() in ("UTC", "Z") else ZoneInfo(tz)


def _text(raw: object) -> str:
    if not isinstance(raw, str):
        raise ValueError(f"expected a string, got {type(raw).__name__}")
    return raw


def _number(raw: object) -> int | float:
    """JSON numbers as they are; CSV cells and query strings hold the digits as text."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise ValueError(f"expected a number, got {type(raw).__name__}")
    if isinstance(raw, str):
        return float(raw) if any(c in raw for c in ".eE") else int(raw)
    return raw


def _whole(number: float) -> int | float:
    return int(number) if float(number).is_integer() else number


def _datetime_codec(fmt: str, layout: str | None, zone: tzinfo | None) -> Codec:
    def attach(value: datetime) -> datetime:
        # A naive wire value is in the declared zone; without one it stays naive.
        return value.replace(tzinfo=zone) if value.tzinfo is None and zone else value

    def local(value: object) -> datetime:
        assert isinstance(value, datetime)
        # Aware values are converted to the declared zone; naive ones are taken to be in it.
        if zone is not None and value.tzinfo is not None:
            return value.astimezone(zone)
        return value

    def utc(value: object) -> datetime:
        value = local(value)
        return value if value.tzinfo else value.replace(tzinfo=zone or timezone.utc)

    read: Callable[[object], object]
    write: Callable[[object], object]
    if fmt in ("datetime", "strftime"):
        compiled = compile_layout(layout or "%Y-%m-%dT%H:%M:%S")
        read = lambda raw: attach(compiled.parse(_text(raw)))  # noqa: E731
        write = lambda value: compiled.format(local(value))  # noqa: E731
    elif fmt in ("rfc3339", "rfc3339-millis", "iso8601"):
        read = lambda raw: attach(datetime.fromisoformat(_text(raw)))  # noqa: E731
        write = functools.partial(_iso, fmt=fmt, utc=utc)
    elif fmt == "sql-timestamp":
        read = lambda raw: attach(datetime.fromisoformat(_text(raw)))  # noqa: E731
        write = lambda value: _sql(local(value))  # noqa: E731
    elif fmt == "rfc2822":
        read = lambda raw: attach(email.utils.parsedate_to_datetime(_text(raw)))  # noqa: E731
        write = lambda value: email.utils.format_datetime(utc(value))  # noqa: E731
    elif fmt in ("epoch-seconds", "epoch-millis"):
        unit = timedelta(seconds=1) if fmt == "epoch-seconds" else _MILLI
        read = lambda raw: (_EPOCH + _number(raw) * unit).astimezone(zone or timezone.utc)  # noqa: E731
        write = lambda value: _whole((utc(value) - _EPOCH) / unit)  # noqa: E731
    else:
        raise ValueError(f"{fmt!r} is not a datetime wire format")
    label = f"{fmt} {layout}" if layout else fmt
    return Codec(label, datetime, read, write)


def _iso(value: object, fmt: str, utc: Callable[[object], datetime]) -> str:
    moment = utc(value)
    spec = "milliseconds" if fmt == "rfc3339-millis" else _timespec(moment.microsecond)
    text = moment.isoformat(timespec=spec)
    if fmt == "iso8601":  # basic offset: +0000
        return text[:-3] + text[-2:]
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _sql(value: datetime) -> str:
    return value.replace(tzinfo=None).isoformat(sep=" ", timespec=_timespec(value.microsecond))


def _timespec(microsecond: int) -> str:
    """As short as exact: whole seconds, milliseconds (`.250`, as vendors write them), or
    microseconds."""
    if not microsecond:
        return "seconds"
    return "milliseconds" if microsecond % 1000 == 0 else "microseconds"


def _date_codec(layout: str | None) -> Codec:
    if layout in (None, "%Y-%m-%d"):
        return Codec("date %Y-%m-%d", date, lambda raw: _as_date(date.fromisoformat(_text(raw))),
                     lambda value: _as_date(value).isoformat())
    compiled = compile_layout(layout)
    return Codec(f"date {layout}", date, lambda raw: compiled.parse(_text(raw)).date(),
                 lambda value: compiled.format(_midnight(_as_date(value))))


def _as_date(value: object) -> date:
    assert isinstance(value, date)
    return value.date() if isinstance(value, datetime) else value


def _midnight(value: date) -> datetime:
    return datetime(value.year, value.month, value.day)


def _time_codec(layout: str | None) -> Codec:
    if layout in (None, "%H:%M:%S"):
        return Codec("time %H:%M:%S", time, lambda raw: time.fromisoformat(_text(raw)),
                     lambda value: _time_iso(value))
    compiled = compile_layout(layout)

    def write(value: object) -> str:
        assert isinstance(value, time)
        return compiled.format(datetime.combine(date(1900, 1, 1), value))

    return Codec(f"time {layout}", time, lambda raw: compiled.parse(_text(raw)).timetz(), write)


def _time_iso(value: object) -> str:
    assert isinstance(value, time)
    return value.isoformat(timespec="microseconds" if value.microsecond else "seconds")


def _duration_codec(fmt: str) -> Codec:
    if fmt == "duration-iso8601":
        return Codec(fmt, timedelta, lambda raw: _read_iso_duration(_text(raw)), _write_iso_duration)
    unit = timedelta(seconds=1) if fmt == "duration-seconds" else _MILLI
    return Codec(fmt, timedelta, lambda raw: _number(raw) * unit,
                 lambda value: _whole(_delta(value) / unit))


def _delta(value: object) -> timedelta:
    assert isinstance(value, timedelta)
    return value


def _read_iso_duration(text: str) -> timedelta:
    match = _ISO_DURATION.fullmatch(text)
    if match is None or text.upper() in ("P", "PT") or text.upper().endswith("T"):
        raise ValueError(f"{text!r} is not an ISO 8601 duration")
    weeks, days, hours, minutes, seconds = (float(part) if part else 0 for part in match.groups())
    return timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)


def _write_iso_duration(value: object) -> str:
    delta = _delta(value)
    if delta < timedelta(0):
        raise ValueError("an ISO 8601 duration cannot be negative")
    hours, rest = divmod(delta.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    second_text = f"{seconds}.{delta.microseconds:06d}".rstrip("0") if delta.microseconds else str(seconds)
    time_part = "".join(f"{number}{unit}" for number, unit in
                        ((hours, "H"), (minutes, "M")) if number)
    if seconds or delta.microseconds or not (delta.days or time_part):
        time_part += f"{second_text}S"
    days = f"{delta.days}D" if delta.days else ""
    return f"P{days}T{time_part}" if time_part else f"P{days}"


WIRE_FORMATS = ("datetime", "date", "time", "rfc3339", "rfc3339-millis", "iso8601", "rfc2822",
                "sql-timestamp", "epoch-seconds", "epoch-millis", "duration-seconds",
                "duration-millis", "duration-iso8601")


@functools.cache
def codec(fmt: str, layout: str | None = None, tz: str | None = None) -> Codec:
    """The codec of one wire format (a strftime `layout` for datetime/date/time), built once."""
    if fmt == "date":
        return _date_codec(layout)
    if fmt == "time":
        return _time_codec(layout)
    if fmt.startswith("duration-"):
        return _duration_codec(fmt)
    made = _datetime_codec(fmt, layout, _zone(tz))
    return Codec(f"{made.name} ({tz})" if tz else made.name, made.kind, made.read, made.write)
