"""Reading rendered Markdown in tests: lines outside code fences, GFM tables, cells of a row."""

from __future__ import annotations

import re

__all__ = ["UNESCAPED_PIPE", "outside_fences", "cell_count", "markdown_tables"]

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def outside_fences(text: str) -> list[str]:
    """The lines of a Markdown text that are not inside fenced code blocks."""
    lines: list[str] = []
    fence = ""
    for line in text.split("\n"):
        opener = re.match(r"^(`{3,}|~{3,})", line)
        if fence:
            if opener and line.strip() == opener.group(1) and opener.group(1).startswith(fence):
                fence = ""
            continue
        if opener:
            fence = opener.group(1)
            continue
        lines.append(line)
    return lines


def cell_count(row: str) -> int:
    """Cells of a GFM table row: the pipes not preceded by a backslash, minus the outer two."""
    return len(UNESCAPED_PIPE.split(row)) - 2


def markdown_tables(text: str) -> list[list[str]]:
    """The GFM tables of a Markdown text (outside code fences), each as its rows."""
    tables: list[list[str]] = []
    current: list[str] = []
    for line in outside_fences(text) + [""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return tables
