"""Agreement text as literal Markdown (agreed.report.markdown), the one definition the reports, pages and site use."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from agreed.report.markdown import inline, literal, multiline_cell, table, unmentioned

HOSTILE = ["# heading", "- item", "+ item", "= line", "1. first", "2) second", "**bold** _em_ ~~gone~~",
           "[link](https://e.test) ![img](x.png)", "<script>alert(1)</script>", "a | b", "`code`", "&amp; stays",
           "back\\slash", "> quote"]
GFM = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_reads_as_written_at_the_start_of_a_paragraph_and_of_a_list_item(text: str) -> None:
    written = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert GFM.render(inline(text)) == f"<p>{written}</p>\n"
    assert GFM.render(f"- {inline(text)}") == f"<ul>\n<li>{written}</li>\n</ul>\n"


@pytest.mark.parametrize("text", HOSTILE)
def test_text_in_a_table_cell_keeps_the_table_whole(text: str) -> None:
    lines = table(["what", "note"], [[inline(text), multiline_cell(f"{text}\nsecond | line")]])
    assert [len(_cells(line)) for line in lines] == [2, 2, 2]
    rendered = GFM.render("\n".join(lines))
    assert "<script>" not in rendered
    assert rendered.count("<td>") == 2


def test_line_breaks_become_one_line_and_control_characters_stay_visible() -> None:
    assert inline(" first\r\n\n second\u2028third ") == "first second third"
    assert inline("a\x1cb\x0bc") == "a\\\\x1cb\\\\x0bc"  # separators Python counts as white space are shown, not hidden
    assert literal("a\u202eb\nc") == "a\\\\u202eb\\\\x0ac"
    assert multiline_cell("one\ntwo") == "one<br>two"


def test_text_after_other_text_on_its_line_keeps_its_leading_dash() -> None:
    assert literal("- x", at_start=False) == "- x"
    assert literal("- x") == "\\- x"


def test_unmentioned_markdown_neither_mentions_nor_links_an_issue() -> None:
    shown = unmentioned(inline("ask @maria about #12"))
    assert "@maria" not in shown
    assert "#12" not in shown
    assert GFM.renderInline(shown).replace("\u200b", "") == "ask @maria about #12"
