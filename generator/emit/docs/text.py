"""Vendor text made safe for Markdown: table cells, code spans, paragraphs, fences, values."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from generator.ir.nodes import NO_VALUE

__all__ = [
    "MASK",
    "YES",
    "NO",
    "table_cell",
    "inline_text",
    "code_span",
    "cell_code",
    "paragraphs",
    "fenced_block",
    "format_value",
    "value_cell",
    "flag",
    "join_code",
    "table_row",
    "finish",
]

MASK = "***"
YES, NO, UNKNOWN = "✓", "–", "?"

# A CommonMark code span: a backtick run closed by the next run of exactly the same length.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_ENTITY_START = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Line starts that would open a block (list item, heading, rule, fence) instead of a paragraph.
_BLOCK_START = re.compile(r"^(?:[-+*](?:\s|$)|[-*_]{3,}\s*$|#{1,6}(?:\s|$)|```|~~~)")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_FENCE = re.compile(r"^(`{3,}|~{3,})")


def _escape_prose(text: str) -> str:
    """Plain vendor text: no HTML, no entity, backslashes and pipes kept literal."""
    text = text.replace("\\", "\\\\")
    text = _ENTITY_START.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;").replace(MASK, r"\*\*\*")
    return text.replace("|", "\\|").replace("\n", "<br>")


def _escape_code(code: str, in_table: bool) -> str:
    """A vendor code span's content: only newlines (and pipes in tables) need care."""
    code = code.replace("\n", " ")
    return code.replace("|", "\\|") if in_table else code


def _inline(text: str, in_table: bool) -> str:
    text = "\n".join(line.strip() for line in _lines(text))
    parts: list[str] = []
    position = 0
    for match in _CODE_SPAN.finditer(text):
        parts.append(_escape_prose(text[position:match.start()]))
        fence = match.group(1)
        parts.append(fence + _escape_code(match.group(2), in_table) + fence)
        position = match.end()
    parts.append(_escape_prose(text[position:]))
    return "".join(parts)


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")


def table_cell(text: str) -> str:
    """Vendor text as one GFM table cell: `|` → `\\|`, newlines → `<br>`, `<`/`>` as entities.

    Code spans the text already holds stay code (their pipes escaped for the table); outside
    them backslashes are doubled so nothing the vendor wrote becomes an escape or HTML.
    """
    return _inline(text, in_table=True)


def inline_text(text: str) -> str:
    """Vendor text on one Markdown line outside a table (list item, bold topic, heading)."""
    return _inline(text, in_table=False)


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in re.findall(r"`+", text)), default=0)


def code_span(text: str) -> str:
    """`text` as a CommonMark code span: a fence longer than any backtick run inside, padded
    with a space where the content starts or ends with a backtick (or with spaces on both
    sides, which CommonMark would otherwise strip)."""
    text = text.replace("\r\n", "\n").replace("\n", " ")
    if not text:
        return "` `"
    fence = "`" * (_longest_backtick_run(text) + 1)
    edged = text[0] == "`" or text[-1] == "`"
    spaced = text[0] == " " and text[-1] == " " and bool(text.strip())
    pad = " " if edged or spaced else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def cell_code(text: str) -> str:
    """A code span that sits in a table cell (GFM removes the backslash before `|` again)."""
    return code_span(text).replace("|", "\\|")


def _block_safe(line: str) -> str:
    """Escape a paragraph line's first character where it would start another block."""
    ordered = _ORDERED_START.match(line)
    if ordered:
        return f"{ordered.group(1)}\\{line[len(ordered.group(1)):]}"
    return "\\" + line if _BLOCK_START.match(line) else line


def paragraphs(text: str) -> tuple[str, ...]:
    """Vendor prose as Markdown paragraphs, one per line of the text."""
    lines = (line.strip() for line in _lines(text))
    return tuple(_block_safe(inline_text(line)) for line in lines if line)


def fenced_block(text: str) -> str:
    """The fence for a code block holding `text`: longer than any backtick run inside it."""
    return "`" * max(3, _longest_backtick_run(text) + 1)


def format_value(value: object) -> str:
    """A spec value as shown in docs: a plain string as itself, anything else as JSON."""
    if isinstance(value, str) and value and value == value.strip() and "\n" not in value:
        return value
    return json.dumps(value, ensure_ascii=False)


def value_cell(value: object) -> str:
    """A spec value in a table cell; empty where the spec gave none."""
    return "" if value is NO_VALUE else cell_code(format_value(value))


def flag(value: bool | None) -> str:
    return UNKNOWN if value is None else YES if value else NO


def join_code(values: Sequence[object]) -> str:
    return ", ".join(cell_code(format_value(value)) for value in values)


def table_row(*cells: str) -> str:
    """One GFM table row of cells that are already escaped."""
    return "| " + " | ".join(cells) + " |"


def finish(text: str) -> str:
    """No trailing whitespace, at most one blank line in a row outside code, one final newline."""
    lines: list[str] = []
    fence = ""
    for line in (raw.rstrip() for raw in text.split("\n")):
        fence = _track_fence(fence, line)
        if line or fence or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip("\n") + "\n"


def _track_fence(fence: str, line: str) -> str:
    """The code fence a line leaves open ("" outside code)."""
    opener = _FENCE.match(line)
    if not fence:
        return opener.group(1) if opener else ""
    if opener is None or line.strip() != opener.group(1):
        return fence
    closes = opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence)
    return "" if closes else fence
