"""Agreement text as literal Markdown: the one definition every Markdown output uses (reports, pages, the site).

Text from an agreement is data. Every ASCII character that CommonMark or GitHub's Markdown gives a meaning inside a
line (``\\ ` * _ [ ] < > | # ~ & !``) is escaped with a backslash, and so is what means something only at the start of
a line (``-``, ``+``, ``=``, ``1.``, ``1)``), so wherever the value lands (inside a line, at the start of a list item
or a paragraph, in a table cell) ``*``, ``[``, ``|`` and ``<script>`` stay text and a value that starts with ``#`` or
``-`` is no heading or list. Other punctuation (``.``, ``:``, ``(``) means nothing there and is left as written, so
the Markdown stays readable as it is. Control characters and bidirectional overrides are written visibly
(:func:`agreed.visible.visible`), so none of them can reorder or hide what a reader sees, and a line break never
reaches the Markdown as one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from agreed.visible import visible

LINE_BREAK: Final = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
"""What ends a line in agreement text (YAML's line breaks)."""

_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>|#~&!])")
_LINE_START: Final = re.compile(r"^([-+=])")
_LIST_NUMBER: Final = re.compile(r"^(\d{1,9})([.)])")
_REFERENCE: Final = re.compile(r"([@#])")
_ZERO_WIDTH_SPACE: Final = "\u200b"


def literal(line: str, *, at_start: bool = True) -> str:
    """One line of text as literal Markdown: control characters (a line break among them) visible, specials escaped,
    and, unless the caller puts it after other text on its line (``at_start=False``), what a line may start with."""
    escaped = _SPECIAL.sub(r"\\\1", visible(line))
    if not at_start:
        return escaped
    return _LIST_NUMBER.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", escaped, count=1), count=1)


def text_lines(text: str | None) -> list[str]:
    """The lines of ``text`` that hold something, each stripped of surrounding spaces and tabs."""
    return [line for line in (part.strip(" \t") for part in LINE_BREAK.split(text or "")) if line]


def inline(text: str | None) -> str:
    """``text`` as literal Markdown on one line, its lines joined with a space: for a table cell, a list item, a
    heading or a sentence."""
    return literal(" ".join(text_lines(text)))


def multiline_cell(text: str) -> str:
    """``text`` as literal Markdown for one table cell that keeps its lines: each line escaped, joined by ``<br>``
    (for a renderer that allows that one HTML tag, as code hosts' comments do). A cell starts no Markdown line."""
    return "<br>".join(literal(line, at_start=False) for line in LINE_BREAK.split(text))


def unmentioned(markdown: str) -> str:
    """Markdown with a zero-width space after every ``@`` and ``#``, so a code host neither turns ``@name`` into a
    mention nor ``#12`` into a link to an issue: for Markdown posted to an issue or a pull request."""
    return _REFERENCE.sub(rf"\1{_ZERO_WIDTH_SPACE}", markdown)


def row(cells: Sequence[str]) -> str:
    """One table row of cells already in Markdown."""
    return "| " + " | ".join(cells) + " |"


def table(header: Sequence[str], rows: Sequence[Sequence[str]], *, align: Sequence[str] = ()) -> list[str]:
    """A Markdown table (lines). The header's cells are the caller's own words; ``align`` gives the delimiter of
    each column (``---`` where it gives none; ``---:`` aligns a column of numbers right)."""
    delimiters = [align[index] if index < len(align) else "---" for index in range(len(header))]
    return [row(header), row(delimiters), *(row(cells) for cells in rows)]
