"""How every human-facing output writes text it did not choose: with each control character made visible.

A message may quote a value from a user's file, and ``--format full`` prints the file's own lines. Written as they
are, an escape sequence (``ESC ] 0 ; title BEL``, ``ESC [ 2 J``), a carriage return or a backspace would rewrite the
terminal, and a bidirectional override would show a finding's text in another order than it has. So text shown to a
person passes through :func:`visible`: such a character is written ``\\xNN`` (up to U+00FF) or ``\\uNNNN``, while
tabs and ordinary non-ASCII text (é, 中文, emoji) stay as they are. Machine formats (JSON, SARIF, GitLab) escape
through JSON and do not use it.
"""

from __future__ import annotations

import re

from agreed.printable import printable

_SHOWN_ESCAPED = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f"  # C0 controls but the tab, DEL, C1 controls (NEL among them)
    "\u061c\u200e\u200f"  # bidirectional marks: ARABIC LETTER MARK, LEFT-TO-RIGHT and RIGHT-TO-LEFT MARK
    "\u2028\u2029"  # line and paragraph separators
    "\u202a-\u202e\u2066-\u2069]"  # bidirectional embeddings, overrides and isolates
)


def visible(text: str) -> str:
    """``text`` as shown to a person, on one line: every control character (line breaks included, tab excepted),
    bidirectional control and line separator written ``\\xNN`` or ``\\uNNNN``; a byte of a name that is not UTF-8 as
    :func:`agreed.printable.printable` writes it."""
    return _SHOWN_ESCAPED.sub(_escaped, printable(text))


def visible_lines(text: str) -> str:
    """A block of lines (a rendered report) as shown to a person: each line through :func:`visible`, the line feeds
    between them kept, and a carriage return just before a line feed too (it ends the line, it cannot overwrite
    it)."""
    *lines, last = text.split("\n")
    return "".join(_visible_line(line) + "\n" for line in lines) + visible(last)


def _visible_line(line: str) -> str:
    """A line that a line feed ends; a carriage return at its end stays."""
    return visible(line[:-1]) + "\r" if line.endswith("\r") else visible(line)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
