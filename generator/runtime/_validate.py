"""Validators a user calls without a client: a request dict, a JSON response, a CSV body.

Each returns every problem it finds (row, field, reason) instead of stopping at the first; CSV
files are read row by row in constant memory, and a caller that parses a large JSON record list
itself (streaming) checks it record by record with `record` and `envelope`. JSON nested too
deeply is one more Problem. Text that is not CSV at all (a field over csv's size limit, bytes
that are not UTF-8) raises ResponseValidationError naming its line: nothing after it can be
trusted to start a row, and there is no row to blame it on.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import IO, Any, Literal

from pydantic import BaseModel, TypeAdapter, ValidationError

from ._csv import clean_cell
from ._description import CsvLayout, Operation
from ._errors import ResponseValidationError
from ._models import strict_enums, take_notes, unknown_count, unknown_values
from ._response import parse_json
from ._unions import UnionRecords

__all__ = ["Problem", "EndpointValidator"]

CsvSource = str | os.PathLike[str] | IO[str] | Iterable[str]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one value: where (row, dotted wire path) and why."""

    field: str
    reason: str
    row: int | None = None  # CSV: line of the row (header = 1); JSON records: index in the list
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        at = f"row {self.row}: " if self.row is not None else ""
        return f"{self.severity}: {at}{self.field or '(body)'}: {self.reason}"


def _problems(error: ValidationError, row: int | None = None, skip: int = 0) -> list[Problem]:
    """Problems from a pydantic error; `skip` leading loc parts are a record index."""
    found = []
    for detail in error.errors(include_url=False, include_input=False):
        loc = detail["loc"]
        index = loc[0] if skip and loc and isinstance(loc[0], int) else row
        path = ".".join(str(part) for part in loc[skip:])
        found.append(Problem(path, detail["msg"].removeprefix("Value error, "), index))
    return found


def _unknown(result: object, row: int | None) -> list[Problem]:
    """Warnings for enum values the spec does not know (kept); a list's index is the row."""
    found = []
    for path, member in unknown_values(result):
        index, field = row, path
        if path.startswith("["):
            position, _, field = path[1:].partition("]")
            index, field = int(position), field.lstrip(".")
        reason = (f"value {member.value!r} is not in {type(member).__name__}; kept"
                  if isinstance(member, Enum) else "no variant of the union matches its tag; kept")
        found.append(Problem(field, reason, index, "warning"))
    return found


def _checked(
    check: Callable[[], object], row: int | None = None, skip: int = 0, strict: bool = False
) -> list[Problem]:
    """Run one validation; its errors, and as warnings its unknown enum values and the values
    it kept that break the spec (a const, range, pattern or wire format)."""
    before = unknown_count()
    try:
        with strict_enums(strict):
            result = check()
    except ValidationError as error:
        return _problems(error, row, skip)
    if unknown_count() == before:
        return []
    notes = [Problem(field, f"{reason}; kept", row, "warning")
             for field, reason in take_notes(before)]
    return _unknown(result, row) + notes


def _notes_by_record(model: type[BaseModel], body: bytes | str) -> list[Problem]:
    """The out-of-spec values kept in each record of a valid JSON array, with its index."""
    found = []
    for row, item in enumerate(json.loads(body)):
        before = unknown_count()
        model.model_validate(item)
        found += [Problem(field, f"{reason}; kept", row, "warning")
                  for field, reason in take_notes(before)]
    return found


class EndpointValidator:
    """The checks of one endpoint, built once by generated code from its models."""

    def __init__(
        self,
        operation: Operation,
        *,
        request: type[BaseModel],
        response: type[BaseModel] | None = None,
        record: type[BaseModel] | None = None,
    ) -> None:
        self.operation = operation
        self.request_model = request
        self.response_model = response
        self.record_model = record
        # a named union (UnionRecords) is validated as the alias it stands for
        item = record.alias if isinstance(record, UnionRecords) else record
        self._records = (TypeAdapter(list[item])  # type: ignore[valid-type]
                         if item is not None else None)

    def request(self, data: Mapping[str, Any], *, strict: bool = False) -> list[Problem]:
        """Problems of a request given by wire names, conditional rules included."""
        return _checked(lambda: self.request_model.model_validate(data), strict=strict)

    def response(self, body: bytes | str, *, strict: bool = False) -> list[Problem]:
        """Problems of a JSON response body (raw bytes or text)."""
        if self.response_model is None:
            return self._any_json(body)
        model = self.response_model
        return _checked(lambda: model.model_validate_json(body), strict=strict)

    def records(self, body: bytes | str, *, strict: bool = False) -> list[Problem]:
        """Problems of a JSON array of records, each named by its index in the array."""
        if self._records is None:
            raise TypeError(f"{self.operation.name} has no record model")
        adapter = self._records
        problems = _checked(lambda: adapter.validate_json(body), skip=1, strict=strict)
        # Errors carry their record's index; a warning without one is a kept out-of-spec value
        # (the list validated, so the body is a JSON array).
        if any(problem.row is None and problem.severity == "warning" for problem in problems):
            # Find its record, one record at a time (only then: the common path stays one
            # validation).
            assert self.record_model is not None
            problems = [problem for problem in problems if problem.row is not None]
            problems += _notes_by_record(self.record_model, body)
        return problems

    def record(self, data: Any, index: int, *, strict: bool = False) -> list[Problem]:
        """Problems of one parsed record, named by its index in its list."""
        if self.record_model is None:
            raise TypeError(f"{self.operation.name} has no record model")
        model = self.record_model
        return _checked(lambda: model.model_validate(data), row=index, strict=strict)

    def envelope(self, data: Any, *, strict: bool = False) -> list[Problem]:
        """Problems of a parsed JSON response whose record list was checked apart (and left
        empty here)."""
        if self.response_model is None:
            return []
        model = self.response_model
        return _checked(lambda: model.model_validate(data), strict=strict)

    def csv(self, source: CsvSource, *, strict: bool = False,
            progress: Callable[[int], None] | None = None) -> Iterator[Problem]:
        """Problems of a CSV body, row by row: a path, an open text file, or lines of text."""
        layout, model = self.operation.csv, self.record_model
        if layout is None or model is None:
            raise TypeError(f"{self.operation.name} has no CSV body")
        with _open(source) as lines:
            yield from _csv_problems(_counted(lines, progress), layout, model, strict)

    def _any_json(self, body: bytes | str) -> list[Problem]:
        try:
            parse_json(body)
        except ValueError as error:
            return [Problem("", f"not JSON: {error}")]
        return []


def _counted(lines: Iterable[str], progress: Callable[[int], None] | None) -> Iterable[str]:
    if progress is None:
        return lines
    return (_report(line, progress) for line in lines)


def _report(line: str, progress: Callable[[int], None]) -> str:
    progress(len(line.encode("utf-8", "replace")))
    return line


class _open:
    """A context manager over CSV lines, opening a path and closing only what it opened."""

    def __init__(self, source: CsvSource) -> None:
        self.source = source
        self.handle: IO[str] | None = None

    def __enter__(self) -> Iterable[str]:
        if isinstance(self.source, (str, os.PathLike)):
            if isinstance(self.source, str) and "\n" in self.source:
                return io.StringIO(self.source)
            self.handle = Path(self.source).open(encoding="utf-8-sig", newline="")
            return self.handle
        return self.source

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()


def _csv_problems(
    lines: Iterable[str], layout: CsvLayout, model: type[BaseModel], strict: bool
) -> Iterator[Problem]:
    reader = csv.reader(lines, delimiter=layout.delimiter, quotechar=layout.quote)
    try:
        yield from _rows_problems(reader, layout, model, strict)
    except csv.Error as error:
        raise ResponseValidationError(f"line {reader.line_num}: not valid CSV: {error}",
                                      model=model.__name__, row=reader.line_num) from None
    except UnicodeDecodeError as error:
        line = reader.line_num + 1
        raise ResponseValidationError(f"line {line}: not valid UTF-8: {error.reason}",
                                      model=model.__name__, row=line) from None


def _rows_problems(
    reader: Any, layout: CsvLayout, model: type[BaseModel], strict: bool
) -> Iterator[Problem]:
    columns = layout.columns
    for cells in reader:
        if not cells:
            continue
        row = reader.line_num
        if layout.header and row == 1:
            header = tuple(cell.strip() for cell in cells)
            if header != columns:
                yield Problem("(header)", f"expected columns {', '.join(columns)}", row)
            continue
        if len(cells) != len(columns):
            yield Problem("(row)", f"{len(cells)} values, expected {len(columns)}", row)
            continue
        data = {column: clean_cell(cell, layout.excel_apostrophes)
                for column, cell in zip(columns, cells)}
        yield from _checked(lambda: model.model_validate(data), row, strict=strict)
