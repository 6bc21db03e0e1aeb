"""Agreement text written into Markdown as text: it can never become markup, yet its web addresses stay links.

The text itself is escaped as :mod:`agreed.report.markdown` writes agreement text (Markdown's specials and what a line
may start with backslash-escaped, so a value that starts with ``#``, ``-`` or ``1.`` is no heading or list and
``<script>`` is shown, not run; control characters and bidirectional overrides written visibly). What is this
module's own: an ``http`` or ``https`` address in the text becomes a Markdown autolink, which needs no linkify
library (trailing punctuation is left out of the address, as a reader means it); a paragraph keeps its lines; an
e-mail address becomes a link; digests in the consent subsystem's own words are cut short.
"""

from __future__ import annotations

import re
from typing import Final

from agreed.report.markdown import literal, text_lines

_ADDRESS: Final = re.compile(r"https?://[^\s<>|`\"\\\[\]{}]+", re.IGNORECASE)
_TRAILING: Final = ".,;:!?'\")]}*_~"
_EMAIL: Final = re.compile(r"[A-Za-z0-9.+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
_DIGEST: Final = re.compile(r"(?<![0-9A-Za-z])sha256:([0-9a-f]{64})(?![0-9A-Za-z])")
DIGEST_SHOWN: Final = 12
"""Hex digits shown of a digest named in a sentence or a table (the whole digest is shown once, where it is the
subject)."""


def inline(value: str) -> str:
    """``value`` as Markdown text on one line (its line breaks become spaces): for list items and table cells."""
    return _line(" ".join(text_lines(value)))


def prose(value: str) -> str:
    """``value`` as a Markdown paragraph: its lines kept with hard line breaks, blank lines dropped."""
    return "\\\n".join(_line(line) for line in text_lines(value))


def email_link(address: str) -> str:
    """An email address as a link (``<a@b.org>``) when it is a plain address, else as text."""
    shown = address.strip()
    return f"<{shown}>" if _EMAIL.fullmatch(shown) else inline(shown)


def short_digests(value: str) -> str:
    """``value`` with each whole digest in it (``sha256:`` and 64 hex digits) cut to its first :data:`DIGEST_SHOWN`
    hex digits. For the consent subsystem's own words (a party's reason names the terms it consented to by digest):
    a 71-character word can neither wrap in a table cell nor fit a printed page. Never for an agreement's text."""
    return _DIGEST.sub(lambda found: f"sha256:{found.group(1)[:DIGEST_SHOWN]}", value)


def _line(line: str) -> str:
    """One line of text escaped, its addresses made autolinks."""
    parts: list[str] = []
    written = 0
    for match in _ADDRESS.finditer(line):
        address = _without_trailing(match.group())
        if address.endswith("//"):  # a scheme with nothing after it is no address
            continue
        parts.append(literal(line[written:match.start()], at_start=written == 0))
        parts.append(f"<{address}>")
        written = match.start() + len(address)
    parts.append(literal(line[written:], at_start=written == 0))
    return "".join(parts)


def _without_trailing(address: str) -> str:
    """The address without the punctuation that ends the sentence around it (a closing bracket it opened stays)."""
    while address and address[-1] in _TRAILING:
        if address[-1] == ")" and address.count("(") >= address.count(")"):
            break
        address = address[:-1]
    return address
