"""CSV bodies streamed into row models, chunk by chunk in constant memory (sync and async alike).

The parser is push-based: `feed_bytes(data)` (or `feed(text)`) takes the next chunk and yields
the rows it completes; `finish()` yields the rest. Only whole records reach `csv.reader` (a
record may span lines inside quotes), so the per-row work stays csv.reader + one dict +
model_validate. Work is linear in the body: a chunk is scanned once, and text waiting for the
end of its record is kept as a list of parts, joined once when the record ends.

Limits: a record still open after `max_record_chars` characters raises ResponseTooLarge (a body
without a newline cannot grow without bound); a field over `csv.field_size_limit()` (process
wide, 131,072 by default) raises ResponseTooLarge naming its row and column. Bytes that are not
valid in the body's encoding raise ResponseValidationError naming the row.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from ._description import CsvLayout
from ._errors import ResponseTooLarge, ResponseValidationError
from ._models import report_unknown, strict_enums, unknown_count
from ._response import validation_error

__all__ = ["CsvParser", "clean_cell"]

M = TypeVar("M", bound=BaseModel)

_NUMERIC_START = frozenset("0123456789+")


def clean_cell(value: str, excel_apostrophes: bool = True) -> str:
    """A cell as meant: padding stripped, and (where the layout says so) the one leading
    apostrophe that Excel-style exports put before a number to keep it text ('2020… → 2020…);
    words like 'Twas keep theirs."""
    value = value.strip()
    if excel_apostrophes and value[:1] == "'" and value[1:2] in _NUMERIC_START:
        return value[1:]
    return value


class CsvParser(Generic[M]):
    """Turns CSV text, fed in chunks, into validated `row_model` instances."""

    def __init__(
        self,
        layout: CsvLayout,
        row_model: type[M],
        *,
        where: str,
        context: dict[str, object] | None = None,
        strict: bool = False,
        max_record_chars: int | None = None,
        encoding: str = "utf-8",
    ) -> None:
        self.layout = layout
        self.max_record_chars = max_record_chars
        self.encoding = encoding
        # Strict: a byte that is not text is a broken body, not a U+FFFD to validate as data.
        self._decoder = codecs.getincrementaldecoder(encoding)("strict")
        self.row_model = row_model
        self.where = where
        self.context = context
        self.strict = strict
        self.rows_read = 0  # records read so far, the header included: the row number of errors
        self._columns: tuple[str, ...] | None = None if layout.header else layout.columns
        self._pending: list[str] = []  # text after the last record end, in parts
        self._pending_chars = 0
        self._odd = False  # an odd number of quotes pending: inside a quoted cell
        self._started = False
        d = re.escape(layout.delimiter)
        # Excel apostrophes are removed from the text before csv.reader sees it, so rows pay
        # nothing for them. Fast path: an apostrophe right after a delimiter or a line break.
        self._simple_apostrophe = re.compile(rf"'(?=[0-9+])(?<=[{d}\n]')")
        self._any_apostrophe = re.compile(r"'(?=[0-9+])")
        # A chunk holding any of these may have cells that str.strip changes; it then goes
        # through the stripping loop. Single characters only: `in` is a memchr for them, while
        # looking for pairs like " ," would cost more than stripping every cell.
        self._blanks = (" ", "\t", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", layout.quote)

    def feed_bytes(self, data: bytes) -> Iterator[M]:
        """The rows completed by this chunk of the body's bytes."""
        try:
            text = self._decoder.decode(data)
        except UnicodeDecodeError as exc:
            raise self._not_text(exc) from None
        return self.feed(text)

    def feed(self, text: str) -> Iterator[M]:
        """The rows completed by this chunk of text."""
        if not self._started and text:
            self._started = True
            text = "\n" + text.removeprefix("\ufeff")  # "\n": the first field also starts a line
        cut = self._record_end(text) if text else 0
        if not cut:
            self._hold(text)
            return iter(())
        head = text[:cut]
        if self._pending:
            limit = self.max_record_chars
            if limit is not None and self._pending_chars + cut > limit:
                self._check_record(self._pending_chars + self._first_end(head))
            head = "".join((*self._pending, head))
            self._pending.clear()
        self._pending_chars, self._odd = 0, False  # a record end is outside quotes
        self._hold(text[cut:])
        return self._rows(head)

    def finish(self) -> Iterator[M]:
        """The rows of whatever is left once the body has ended."""
        try:
            tail = self._decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            raise self._not_text(exc) from None
        return itertools.chain(self.feed(tail), self._rest())

    def _rest(self) -> Iterator[M]:
        rest = "".join(self._pending)
        self._pending.clear()
        self._pending_chars = 0
        if rest.strip():
            yield from self._rows(rest if rest.endswith("\n") else rest + "\n")

    def _hold(self, text: str) -> None:
        """Keep text that waits for the end of its record, within max_record_chars."""
        if not text:
            return
        self._pending.append(text)
        self._pending_chars += len(text)
        if text.count(self.layout.quote) % 2:
            self._odd = not self._odd
        self._check_record(self._pending_chars)

    def _check_record(self, chars: int) -> None:
        limit = self.max_record_chars
        if limit is not None and chars > limit:
            row = self.rows_read + 1
            raise ResponseTooLarge(
                f"{self.where}: row {row}: CSV record longer than {limit:,} characters "
                f"(max_csv_record_chars)",
                limit=limit,
                model=self.row_model.__name__,
                row=row,
            )

    def _record_end(self, text: str) -> int:
        """Index just past the last newline of `text` that ends a record (outside quotes, given
        the quotes pending before it); 0 if none."""
        quote = self.layout.quote
        end = text.rfind("\n")
        quotes = (text.count(quote, 0, end) if end >= 0 else 0) + self._odd
        while end >= 0:
            if quotes % 2 == 0:  # an even number of quotes before it: outside any quoted cell
                return end + 1
            previous = text.rfind("\n", 0, end)
            quotes -= text.count(quote, previous + 1, end)
            end = previous
        return 0

    def _first_end(self, text: str) -> int:
        """Index just past the first newline of `text` that ends a record."""
        quote, start, quotes = self.layout.quote, 0, int(self._odd)
        while (end := text.find("\n", start)) >= 0:
            quotes += text.count(quote, start, end)
            if quotes % 2 == 0:
                return end + 1
            start = end + 1
        return len(text)

    def _not_text(self, exc: UnicodeDecodeError) -> ResponseValidationError:
        row = self.rows_read + 1
        return ResponseValidationError(
            f"{self.where}: row {row} or later: body is not valid {self.encoding}: {exc.reason} "
            f"(byte 0x{exc.object[exc.start]:02x})",
            model=self.row_model.__name__,
            row=row,
        )

    def _prepare(self, text: str) -> tuple[str, bool]:
        """The text to parse, with Excel apostrophes removed, and whether cells need stripping."""
        if self.layout.excel_apostrophes and "'" in text:
            if self.layout.quote not in text:
                text = self._simple_apostrophe.sub("", text)
            if self._any_apostrophe.search(text):
                text = self._remove_apostrophes(text)
        padded = not text.isascii() or any(c in text for c in self._blanks)
        return text, padded

    def _remove_apostrophes(self, text: str) -> str:
        """Remove each apostrophe that clean_cell would: the first non-blank character of a cell
        (quoted or not) followed by a digit or "+". Quote parity tells inside from outside;
        `text` starts at a record boundary."""
        delimiter, quote = self.layout.delimiter, self.layout.quote
        seen = [0, 0]  # position counted up to, quotes seen before it

        def replace(match: re.Match[str]) -> str:
            at = match.start()
            seen[1] += text.count(quote, seen[0], at)
            seen[0] = at
            before = at - 1
            if seen[1] % 2:  # inside a quoted cell: line breaks there are content, and blank
                while before >= 0 and text[before].isspace():
                    before -= 1
                # leading only if right after the cell's opening quote
                opening = (
                    before >= 0
                    and text[before] == quote
                    and (before == 0 or text[before - 1] in (delimiter, "\n", "\r"))
                )
                return "" if opening else "'"
            while before >= 0 and text[before].isspace() and text[before] not in "\r\n":
                before -= 1
            leading = before < 0 or text[before] in (delimiter, "\n", "\r")
            return "" if leading else "'"

        return self._any_apostrophe.sub(replace, text)

    def _rows(self, text: str) -> Iterator[M]:
        text, padded = self._prepare(text)
        reader = csv.reader(
            io.StringIO(text), delimiter=self.layout.delimiter, quotechar=self.layout.quote
        )
        # The helpers keep rows_read current even when they raise, so errors name the row.
        try:
            if self._columns is None and not self._read_header(reader):
                return
            yield from self._records(reader, padded)
        except ValidationError as exc:
            raise validation_error(exc, self.row_model, self.where, self.rows_read) from None
        except csv.Error as exc:
            raise self._csv_error(exc, text, self.rows_read + 1) from None

    def _read_header(self, reader: Iterator[list[str]]) -> bool:
        """Take the first non-blank record as the header; False when the text holds none yet."""
        for cells in reader:
            if cells:
                self.rows_read += 1
                self._columns = self._check_header(cells, self.rows_read)
                return True
        return False

    def _records(self, reader: Iterator[list[str]], padded: bool) -> Iterator[M]:
        """The validated rows after the header, counted in rows_read (a failing row included)."""
        columns = self._columns or ()
        width = len(columns)
        validate = self._row_validator()
        count = unknown_count
        seen = count()
        row = self.rows_read
        try:
            # Two copies of one loop, so unpadded chunks skip the strip.
            if padded:
                strip = str.strip
                for cells in reader:
                    if len(cells) != width:
                        if not cells:
                            continue  # a blank line
                        raise self._width_error(cells, row + 1)
                    row += 1
                    item = validate(dict(zip(columns, map(strip, cells))))
                    if count() != seen:  # an enum value the spec does not know: say where
                        report_unknown(item, f"{self.where}: row {row}", seen)
                        seen = count()
                    yield item
            else:
                for cells in reader:
                    if len(cells) != width:
                        if not cells:
                            continue
                        raise self._width_error(cells, row + 1)
                    row += 1
                    item = validate(dict(zip(columns, cells)))
                    if count() != seen:
                        report_unknown(item, f"{self.where}: row {row}", seen)
                        seen = count()
                    yield item
        finally:
            self.rows_read = row

    def _csv_error(
        self, exc: csv.Error, text: str, row: int
    ) -> ResponseTooLarge | ResponseValidationError:
        """A csv.Error at `row` as the typed error the caller sees."""
        if "field larger than field limit" in str(exc):
            return self._field_error(text, row)
        return ResponseValidationError(
            f"{self.where}: row {row}: not valid CSV: {exc}",
            model=self.row_model.__name__,
            row=row,
        )

    def _field_error(self, text: str, row: int) -> ResponseTooLarge:
        """The error for a field over csv.field_size_limit(), naming its column."""
        limit = csv.field_size_limit()
        column = _long_field(text, self.layout.delimiter, self.layout.quote, limit)
        names = self._columns or self.layout.columns
        name = names[column] if column is not None and column < len(names) else None
        which = f"field {name!r}" if name else "a field"
        return ResponseTooLarge(
            f"{self.where}: row {row}: {which} is longer than {limit:,} characters "
            f"(csv.field_size_limit())",
            limit=limit,
            model=self.row_model.__name__,
            field=name,
            row=row,
        )

    def _row_validator(self) -> Callable[[dict[str, str]], M]:
        """model_validate as is; in strict mode, with unknown enum values refused."""
        model = self.row_model
        if not self.strict:
            return model.model_validate

        def strict(data: dict[str, str]) -> M:
            with strict_enums():
                return model.model_validate(data)

        return strict

    def _width_error(self, cells: list[str], row: int) -> ResponseValidationError:
        width = len(self._columns or ())
        what = "short" if len(cells) < width else "long"
        return ResponseValidationError(
            f"{self.where}: row {row}: {len(cells)} values, expected {width} "
            f"({', '.join(self._columns or ())}): row too {what}",
            model=self.row_model.__name__,
            row=row,
        )

    def _check_header(self, cells: list[str], row: int) -> tuple[str, ...]:
        """The file's column order, after checking its header against the expected columns."""
        header = tuple(c.strip() for c in cells)
        expected = self.layout.columns
        if header == expected:
            return expected
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        duplicated = len(set(header)) != len(header)
        if missing or duplicated or (extra and self.strict):
            parts = []
            if missing:
                parts.append(f"missing {', '.join(missing)}")
            if extra:
                parts.append(f"unexpected {', '.join(extra)}")
            if duplicated:
                parts.append("duplicated column names")
            raise ResponseValidationError(
                f"{self.where}: row {row}: CSV header does not match the expected columns: "
                f"{'; '.join(parts)}",
                model=self.row_model.__name__,
                row=row,
            )
        return header  # same columns in another order, or extra ones the model may ignore


def _long_field(text: str, delimiter: str, quote: str, limit: int) -> int | None:
    """The column of the first field in `text` longer than `limit` (an error path: a plain
    character loop is fast enough)."""
    column = length = 0
    quoted = False
    for char in text:
        if char == quote:
            quoted = not quoted
        elif not quoted and char == delimiter:
            column, length = column + 1, 0
        elif not quoted and char == "\n":
            column, length = 0, 0
        elif char != "\r":
            length += 1
            if length > limit:
                return column
    return None
