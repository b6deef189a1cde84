"""The docs emitter's text helpers: table cells, code spans and paragraphs stay valid Markdown."""

from __future__ import annotations

import random

from generator.emit.docs.text import cell_code, code_span, paragraphs, table_cell
from tests.emit.markdown import cell_count


def test_table_cell_escapes_pipes_and_newlines() -> None:
    assert table_cell("a|b") == "a\\|b"
    assert table_cell("one\ntwo\r\nthree") == "one<br>two<br>three"
    assert cell_count(f"| {table_cell('x | y || z')} |") == 1


def test_table_cell_neutralises_html() -> None:
    assert table_cell("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert table_cell("a &lt; b") == "a &amp;lt; b"
    assert table_cell("Q&A") == "Q&A"


def test_table_cell_keeps_backslashes_literal() -> None:
    assert table_cell("C:\\dir") == "C:\\\\dir"
    assert table_cell("a\\|b") == "a\\\\\\|b"  # backslash doubled, pipe escaped
    trailing = table_cell("ends with \\")
    assert cell_count(f"| {trailing} | x |") == 2


def test_table_cell_keeps_code_spans() -> None:
    assert table_cell("use `a|b` here") == "use `a\\|b` here"
    assert table_cell("`<tag>`") == "`<tag>`"  # code shows < literally, no entity
    assert table_cell("``a`b`` and <b>") == "``a`b`` and &lt;b&gt;"


def test_code_span_backtick_runs() -> None:
    assert code_span("plain") == "`plain`"
    assert code_span("a`b") == "``a`b``"
    assert code_span("a```b") == "````a```b````"
    assert code_span("`edge") == "`` `edge ``"
    assert code_span("edge`") == "`` edge` ``"
    assert code_span(" padded ") == "`  padded  `"
    assert code_span("two\nlines") == "`two lines`"
    assert code_span("") == "` `"


def test_code_span_leaves_pipes_and_brackets_to_cell_code() -> None:
    assert code_span("a|b<c>") == "`a|b<c>`"
    assert cell_code("a|b") == "`a\\|b`"
    assert cell_code("x\\") == "`x\\`"


def test_paragraphs_do_not_start_blocks() -> None:
    assert paragraphs("# not a heading\n- not a list\n1. not ordered\n```\n\nplain") == (
        "\\# not a heading", "\\- not a list", "1\\. not ordered", "\\```", "plain")


def test_random_cells_keep_the_row_shape() -> None:
    rng = random.Random(20240611)
    alphabet = "|`\\\n<>*_ ab"
    for _ in range(500):
        cells = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
                 for _ in range(rng.randint(1, 5))]
        for render in (table_cell, cell_code):
            row = "| " + " | ".join(render(cell) for cell in cells) + " |"
            assert "\n" not in row
            assert cell_count(row) == len(cells), (cells, row)
        plain = [cell.replace("`", "") for cell in cells]
        assert "<" not in "".join(table_cell(cell) for cell in plain).replace("<br>", "")
