"""Text from agreements put into the Markdown of the site's pages: every character Markdown could read as markup is
escaped (so ``*``, ``[``, ``<script>`` and ``|`` show as written), line breaks become spaces, and control characters
and bidirectional overrides are shown as escapes (:func:`agreed.visible.visible`)."""

from __future__ import annotations

import re

from agreed.visible import visible

_MARKUP = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~&\"'=:])")


def text(value: str) -> str:
    """``value`` as literal Markdown text on one line."""
    return _MARKUP.sub(r"\\\1", " ".join(visible(value).split()))


def link(label: str, href: str) -> str:
    """A Markdown link showing ``label`` (agreement text) to the relative ``href`` (a name the site made)."""
    return f"[{text(label)}](<{href}>)"


def row(cells: list[str]) -> str:
    """One table row of cells already in Markdown."""
    return "| " + " | ".join(cell or " " for cell in cells) + " |"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table (lines); the header's cells are plain words of the site's own."""
    return [row(header), row(["---"] * len(header)), *(row(cells) for cells in rows)]
