"""Text from agreements put into the Markdown of the site's pages, as :mod:`agreed.report.markdown` writes it (the one
definition of agreement text as literal Markdown), and links from the site's pages to each other."""

from __future__ import annotations

from agreed.report.markdown import inline as text
from agreed.report.markdown import table

__all__ = ["link", "table", "text"]


def link(label: str, href: str) -> str:
    """A Markdown link showing ``label`` (agreement text) to the relative ``href`` (a name the site made)."""
    return f"[{text(label)}](<{href}>)"
