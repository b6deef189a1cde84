"""A JSON document read incrementally (ijson): each record of its record list handed over as soon
as it is complete, the rest of the document built as usual.

Memory stays at one record plus the envelope around the list, whatever the file's size. Nesting
deeper than MAX_DEPTH is refused before it is built (a deep document would otherwise exhaust
the parser's path strings or pydantic's recursion), and a syntax error is named by line and
column although the file is never held whole.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import ijson  # type: ignore[import-untyped]  # ships no type information

from generator.datacheck.source import CHUNK_BYTES, InputError, Tracked

__all__ = ["MAX_DEPTH", "NotRecords", "read_json"]

MAX_DEPTH = 64
OnRecord = Callable[[int, Any], None]
_ROOT_LIST: tuple[str, ...] = ()  # records_path of a file that is itself the record list
_CONTEXT = 29  # bytes before the error that yajl quotes in its message


class NotRecords(Exception):
    """The file should be a list of records, and its top level is an object."""


class _TooDeep(Exception):
    """Nesting passed MAX_DEPTH."""


@dataclass
class _Frame:
    container: Any
    path: tuple[str, ...] | None  # map keys from the root; None once off the records path
    records: bool = False  # the record list: items go to on_record, not into the container
    key: str = ""
    index: int = 0


@dataclass
class _Builder:
    """Python values from ijson's basic events, with the record list streamed out."""

    records_path: tuple[str, ...] | None
    on_record: OnRecord
    stack: list[_Frame] = field(default_factory=list)
    root: Any = None
    depth_at_read: int = 0  # nesting when the parser took its current piece of the file

    def value(self, value: Any) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        if frame.records:
            self.on_record(frame.index, value)
            frame.index += 1
        elif isinstance(frame.container, list):
            frame.container.append(value)
        else:
            frame.container[frame.key] = value

    def open(self, container: Any) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise _TooDeep
        path = self._child_path()
        if path == _ROOT_LIST == self.records_path and isinstance(container, dict):
            raise NotRecords
        records = path == self.records_path and isinstance(container, list)
        self.stack.append(_Frame(container, path, records))

    def close(self) -> None:
        self.value(self.stack.pop().container)

    def _child_path(self) -> tuple[str, ...] | None:
        if not self.stack:
            return ()
        parent = self.stack[-1]
        if parent.path is None or self.records_path is None or isinstance(parent.container, list):
            return None
        path = (*parent.path, parent.key)
        return path if self.records_path[:len(path)] == path else None


def read_json(tracked: Tracked, records_path: tuple[str, ...] | None,
              on_record: OnRecord) -> Any:
    """The document, its record list (at `records_path`; `()` for a top-level list) emptied
    after each record went to `on_record`. Unusable text raises InputError."""
    builder = _Builder(records_path, on_record)
    reader = _Marking(tracked, builder)
    handlers: dict[str, Callable[[Any], None]] = {
        "start_map": lambda _: builder.open({}),
        "start_array": lambda _: builder.open([]),
        "end_map": lambda _: builder.close(),
        "end_array": lambda _: builder.close(),
    }
    value = builder.value
    try:
        for event, data in ijson.basic_parse(reader, buf_size=CHUNK_BYTES, use_float=True):
            if event == "map_key":
                builder.stack[-1].key = data
            else:
                handlers.get(event, value)(data)
    except ijson.JSONError as error:
        raise _syntax_error(tracked, error) from None
    except _TooDeep:
        at = _too_deep_at(tracked.last, builder.depth_at_read)
        raise tracked.error(at, f"nested deeper than {MAX_DEPTH} levels") from None
    return builder.root


@dataclass
class _Marking:
    """The file as the parser reads it, noting the nesting depth at each read."""

    tracked: Tracked
    builder: _Builder

    def read(self, size: int) -> bytes:
        self.builder.depth_at_read = len(self.builder.stack)
        return self.tracked.read(size)


def _syntax_error(tracked: Tracked, error: ijson.JSONError) -> InputError:
    text = error.args[0] if error.args else b""
    message = text if isinstance(text, bytes) else str(text).encode("utf-8", "replace")
    lines = message.split(b"\n")
    reason = lines[0].decode("utf-8", "replace").split(": ", 1)[-1].rstrip(".")
    if b"\0" in tracked.last:
        return tracked.error(tracked.last.index(b"\0"), "binary data (a NUL byte), not JSON")
    if "premature EOF" in reason:
        return tracked.error_at_end("truncated JSON: the file ends inside a value")
    at = _error_offset(tracked.last, lines[1] if len(lines) > 1 else b"")
    if "UTF8" in reason or _not_utf8_at(tracked.last, at):
        return tracked.error(at, f"not UTF-8: byte 0x{tracked.last[at]:02x}")
    return tracked.error(at, f"not valid JSON: {reason}")


def _not_utf8_at(piece: bytes, at: int) -> bool:
    """Whether the character starting at `at` is no UTF-8 (a lead byte cut by the piece's end
    counts as UTF-8: it may be whole in the file)."""
    try:
        piece[at:at + 4].decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start == 0 and error.reason != "unexpected end of data"
    return False


def _error_offset(piece: bytes, quoted: bytes) -> int:
    """Where in `piece` yajl stopped, from the text its message quotes around that place: the
    bytes before it right-aligned to column 39, then the bytes after it."""
    padding = len(quoted) - len(quoted.lstrip(b" "))
    before_length = max(0, min(_CONTEXT, 39 - padding))
    flat = piece.replace(b"\n", b" ").replace(b"\r", b" ")
    if before_length < _CONTEXT and flat.startswith(quoted[padding:padding + before_length]):
        return before_length  # the error is among the first bytes of the piece
    around = quoted[39 - _CONTEXT:]
    found = flat.find(around)
    if found < 0:
        found = flat.find(around[:_CONTEXT])
    return found + _CONTEXT if found >= 0 else 0


def _too_deep_at(piece: bytes, depth: int) -> int:
    """The offset in `piece` where nesting passes MAX_DEPTH, given the depth it starts at."""
    in_string = escaped = False
    for at, byte in enumerate(piece):
        if escaped:
            escaped = False
        elif in_string:
            escaped = byte == 0x5C  # backslash
            in_string = byte != 0x22  # quote
        elif byte == 0x22:
            in_string = True
        elif byte in b"[{":
            depth += 1
            if depth > MAX_DEPTH:
                return at
        elif byte in b"]}":
            depth -= 1
    return len(piece)
