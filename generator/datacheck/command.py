"""`callspec validate`: one file checked against one endpoint, streamed, never a traceback.

Exit 0: the data is valid (warnings allowed); 1: it has errors; 2: it cannot be checked at all
(unknown vendor or endpoint, or a file that is missing, empty, binary, not UTF-8, truncated,
too deep or too long in one field), told in one `file:line:col: error: …` line.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

from tqdm import tqdm

from generator.datacheck.jsondoc import NotRecords, read_json
from generator.datacheck.report import ProblemLog
from generator.datacheck.source import InputError, Tracked, open_input, text_lines
from generator.runtime import CallspecError, EndpointValidator, Problem

__all__ = ["Job", "Kind", "run"]

Kind = Literal["auto", "request", "records", "response"]
MAX_WHOLE_BYTES = 64 * 1024 * 1024  # a document checked whole (no record list to stream)
_PROGRESS_FROM_BYTES = 1_000_000


@dataclass(frozen=True)
class Job:
    vendor: str
    endpoint: str
    file: str
    kind: Kind = "auto"
    strict: bool = False
    as_json: bool = False
    keep: int = 100  # problems reported in full; the rest are counted


def run(job: Job) -> int:
    """Check the file; print problems (text as found, or one JSON document); the exit status."""
    try:
        validator = _validator(job.vendor, job.endpoint)
        log = ProblemLog(job.keep, None if job.as_json else _printer(job.file))
        with _opened(job.file) as handle:
            _check(job, validator, handle, log)
    except LookupError as error:  # no such vendor, endpoint or record model
        print(f"callspec validate: {error.args[0]}", file=sys.stderr)
        return 2
    except InputError as error:
        return _unusable(error, job.as_json)
    except CallspecError as error:  # the runtime refused the text itself (not CSV, over a cap)
        line = getattr(error, "row", None)
        message = re.sub(r"^line \d+: ", "", str(error)) if line else str(error)
        return _unusable(InputError(job.file, message, line), job.as_json)
    return _summary(job, log)


def _validator(vendor: str, endpoint: str) -> EndpointValidator:
    if not re.fullmatch(r"[a-z][a-z0-9_]*", vendor):
        raise LookupError(f"no vendor {vendor!r}")
    try:
        module = importlib.import_module(f"generated.{vendor}.validators")
    except ModuleNotFoundError:
        raise LookupError(f"no generated package for vendor {vendor!r}: "
                          "run `callspec generate`") from None
    validator: EndpointValidator | None = module.ENDPOINTS.get(endpoint)
    if validator is None:
        raise LookupError(f"{vendor} has no endpoint {endpoint!r}; it has: "
                          f"{', '.join(module.ENDPOINTS)}")
    return validator


@contextmanager
def _opened(file: str) -> Iterator[BinaryIO]:
    """The file, with a progress bar on stderr while a large one is read."""
    handle = open_input(Path(file), file)
    size = Path(file).stat().st_size
    # Only for a person watching: in a pipeline's log a bar is thousands of lines of noise.
    quiet = size < _PROGRESS_FROM_BYTES or not sys.stderr.isatty()
    with handle, tqdm(total=size, unit="B", unit_scale=True, file=sys.stderr, disable=quiet,
                      desc=Path(file).name) as bar:
        yield _Counted(handle, bar)  # type: ignore[misc]  # reads like a BinaryIO


@dataclass
class _Counted:
    """A binary file whose reads advance a progress bar."""

    handle: BinaryIO
    bar: tqdm[Any]

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.bar.update(len(data))
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self.handle.readline(size)
        self.bar.update(len(data))
        return data


def _check(job: Job, validator: EndpointValidator, handle: BinaryIO, log: ProblemLog) -> None:
    kind: str = job.kind
    if kind == "auto":
        kind = "response" if validator.operation.csv is None else "csv"
    if kind == "csv":
        for problem in validator.csv(text_lines(handle, job.file), strict=job.strict):
            log.add(problem)
        return
    path = _records_path(validator, kind)
    if path is None and Path(job.file).stat().st_size > MAX_WHOLE_BYTES:
        raise InputError(job.file, f"larger than {MAX_WHOLE_BYTES:,} bytes, and only a record "
                         "list is read piece by piece")

    def on_record(index: int, record: Any) -> None:
        for problem in validator.record(record, index, strict=job.strict):
            log.add(problem)

    try:
        document = read_json(Tracked(handle, job.file), path, on_record)
    except NotRecords:
        document = {}
    for problem in _document_problems(validator, kind, document, job.strict):
        log.add(problem)


def _records_path(validator: EndpointValidator, kind: str) -> tuple[str, ...] | None:
    """Where the record list is, to stream it: the whole file, a path in a response, or none."""
    if kind == "records":
        if validator.record_model is None:
            raise LookupError(f"{validator.operation.name} has no record model")
        return ()
    records = validator.operation.records
    if kind == "response" and records and validator.record_model is not None:
        return tuple(records.split("."))
    return None


def _document_problems(validator: EndpointValidator, kind: str, document: Any,
                       strict: bool) -> list[Problem]:
    if kind == "records":
        return [] if isinstance(document, list) else [
            Problem("", f"expected a JSON list of records, found {_json_type(document)}")]
    if kind == "request":
        return validator.request(document, strict=strict)
    return validator.envelope(document, strict=strict)


def _json_type(value: Any) -> str:
    return "an object" if isinstance(value, dict) else f"the {type(value).__name__} {value!r}"


def _printer(file: str) -> Callable[[Problem], None]:
    return lambda problem: print(f"{file}: {problem}")


def _unusable(error: InputError, as_json: bool) -> int:
    if as_json:
        print(json.dumps({"file": error.file, "valid": False, "unusable": error.as_json()}))
    else:
        print(error.render(), file=sys.stderr)
    return 2


def _summary(job: Job, log: ProblemLog) -> int:
    if job.as_json:
        print(json.dumps({"file": job.file, "valid": log.errors == 0, **log.as_json()}))
    else:
        if log.omitted:
            print(f"{job.file}: {log.omitted:,} more problem(s) not shown; all of them by kind:")
            print("\n".join(log.count_lines()))
        print(f"{job.file}: {log.errors:,} error(s), {log.warnings:,} warning(s)",
              file=sys.stderr)
    return 1 if log.errors else 0
