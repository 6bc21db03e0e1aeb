"""Agreement text written into Markdown as text: it can never become markup, yet its web addresses stay links.

Every ASCII character that Markdown gives a meaning inside a line (``\\ ` * _ [ ] < > | # ~ & !``) is escaped with a
backslash, and so is what only means something at the start of a line (``-``, ``+``, ``=``, ``1.``), so a value
that starts with ``#`` is no heading and ``<script>`` is shown, not run (the HTML of a page is rendered with raw HTML
disabled as well). Control characters and bidirectional overrides are written visibly (:func:`agreed.visible.visible`).
An ``http`` or ``https`` address in the text becomes a Markdown autolink, which needs no linkify library; trailing
punctuation is left out of the address, as a reader means it.
"""

from __future__ import annotations

import re
from typing import Final

from agreed.visible import visible

_INLINE_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>|#~&!])")
_LINE_START: Final = re.compile(r"^([-+=])")
_LIST_NUMBER: Final = re.compile(r"^(\d{1,9})([.)])")
_ADDRESS: Final = re.compile(r"https?://[^\s<>|`\"\\\[\]{}]+", re.IGNORECASE)
_TRAILING: Final = ".,;:!?'\")]}*_~"
_LINE_BREAK: Final = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_EMAIL: Final = re.compile(r"[A-Za-z0-9.+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
_DIGEST: Final = re.compile(r"(?<![0-9A-Za-z])sha256:([0-9a-f]{64})(?![0-9A-Za-z])")
DIGEST_SHOWN: Final = 12
"""Hex digits shown of a digest named in a sentence or a table (the whole digest is shown once, where it is the
subject)."""


def inline(value: str) -> str:
    """``value`` as Markdown text on one line (its line breaks become spaces): for list items and table cells."""
    return _line(" ".join(part.strip() for part in _LINE_BREAK.split(value) if part.strip()))


def prose(value: str) -> str:
    """``value`` as a Markdown paragraph: its lines kept with hard line breaks, blank lines dropped."""
    lines = [part.strip() for part in _LINE_BREAK.split(value) if part.strip()]
    return "\\\n".join(_line(line) for line in lines)


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
        parts.append(_escaped(line[written:match.start()], at_start=written == 0))
        parts.append(f"<{address}>")
        written = match.start() + len(address)
    parts.append(_escaped(line[written:], at_start=written == 0))
    return "".join(parts)


def _without_trailing(address: str) -> str:
    """The address without the punctuation that ends the sentence around it (a closing bracket it opened stays)."""
    while address and address[-1] in _TRAILING:
        if address[-1] == ")" and address.count("(") >= address.count(")"):
            break
        address = address[:-1]
    return address


def _escaped(text: str, *, at_start: bool) -> str:
    escaped = _INLINE_SPECIAL.sub(r"\\\1", visible(text))
    if not at_start:
        return escaped
    return _LIST_NUMBER.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", escaped, count=1), count=1)
