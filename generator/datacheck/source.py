"""Reading a data file safely: unusable input becomes one `InputError` naming file and position.

Files are read in bounded pieces and positions are counted on the way, so a broken byte deep in
a large file is named by line and column without holding the file in memory.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["InputError", "open_input", "text_lines", "Tracked", "MAX_LINE_BYTES"]

CHUNK_BYTES = 64 * 1024
MAX_LINE_BYTES = 8 * 1024 * 1024  # far above any real row (34 columns × csv's 128 KiB field cap)


class InputError(Exception):
    """A file that cannot be checked at all: missing, empty, binary, not UTF-8, broken…"""

    def __init__(self, file: str, message: str, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(file, message, line, column)
        self.file = file
        self.message = message
        self.line = line
        self.column = column

    def render(self) -> str:
        where = f":{self.line}:{self.column or 1}" if self.line is not None else ""
        return f"{self.file}{where}: error: {self.message}"

    def as_json(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "column": self.column,
                "message": self.message}


def open_input(path: Path, shown: str) -> BinaryIO:
    """The file opened for reading; missing, unreadable, not a file or empty is an InputError."""
    try:
        handle = path.open("rb")
        size = os.fstat(handle.fileno()).st_size
    except OSError as error:
        raise InputError(shown, f"cannot read: {error.strerror or error}") from None
    if not path.is_file():
        handle.close()
        raise InputError(shown, "not a regular file")
    if size == 0:
        handle.close()
        raise InputError(shown, "empty file", 1, 1)
    return handle


class Tracked:
    """A binary reader that remembers where the last piece it handed out began and what it held,
    so a position inside that piece can be turned into a line and column."""

    def __init__(self, handle: BinaryIO, shown: str) -> None:
        self.handle = handle
        self.shown = shown
        self.offset = 0  # of `last` in the file
        self.last = b""
        self._lines = 0  # newlines before `last`
        self._line_start = 0  # file offset where the line holding the start of `last` begins
        self.read_bytes = 0  # for a progress bar

    def read(self, size: int = CHUNK_BYTES) -> bytes:
        data = self.handle.read(size)
        if data:
            self._lines += self.last.count(b"\n")
            newline = self.last.rfind(b"\n")
            if newline >= 0:
                self._line_start = self.offset + newline + 1
            self.offset += len(self.last)
            self.last = data
            self.read_bytes += len(data)
        return data

    def position(self, at: int) -> tuple[int, int]:
        """Line and column (1-based, in characters) of byte `at` of the last piece."""
        before = self.last[:at]
        newline = before.rfind(b"\n")
        line = self._lines + before.count(b"\n") + 1
        if newline >= 0:
            head = before[newline + 1:]
        else:  # the line began in an earlier piece: its bytes there are counted, not kept
            head = b"\0" * (self.offset - self._line_start) + before
        return line, len(head.decode("utf-8", "replace")) + 1

    def error(self, at: int, message: str) -> InputError:
        line, column = self.position(at)
        return InputError(self.shown, message, line, column)

    def error_at_end(self, message: str) -> InputError:
        return self.error(len(self.last), message)


def text_lines(handle: BinaryIO, shown: str) -> Iterator[str]:
    """Decoded lines (ends kept, a leading BOM dropped); a byte that is not UTF-8, a NUL
    (binary data) or a line over MAX_LINE_BYTES is an InputError at its line and column."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    number = 0
    while raw := handle.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(raw) > MAX_LINE_BYTES:
            raise InputError(shown, f"line longer than {MAX_LINE_BYTES:,} bytes", number, 1)
        try:
            text = decoder.decode(raw)
        except UnicodeDecodeError as error:
            column = len(raw[:error.start].decode("utf-8", "replace")) + 1
            raise InputError(shown, f"not UTF-8: byte 0x{raw[error.start]:02x}", number,
                             column) from None
        if "\0" in text:
            raise InputError(shown, "binary data (a NUL byte)", number, text.index("\0") + 1)
        yield text.removeprefix("\ufeff") if number == 1 else text
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise InputError(shown, "not UTF-8: the file ends inside a character", number, 1) from None
