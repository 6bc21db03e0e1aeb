"""Where the lines of a text start: the one rule behind every position, source snippet and line-based input.

Lines end at CRLF, CR or LF: YAML 1.2's line breaks and every editor's. NEL, LS and PS are line breaks only to
YAML 1.1 readers (libyaml among them), so the loader refuses them and they never decide a position; form feeds and
other separators that ``str.splitlines`` also breaks at are ordinary characters here.
"""

from __future__ import annotations

import bisect
import functools
import re

LINE_BREAK = re.compile("\r\n|[\r\n]")


@functools.lru_cache(maxsize=16)
def line_starts(text: str) -> list[int]:
    """Offsets where the lines of ``text`` start (the first is 0)."""
    return [0, *map(re.Match.end, LINE_BREAK.finditer(text))]


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` without their breaks; a final break ends the last line rather than opening another,
    as with ``str.splitlines``."""
    lines = LINE_BREAK.split(text)
    if lines and lines[-1] == "" and len(lines) > 1:
        lines.pop()
    return [] if text == "" else lines


def line_count(text: str) -> int:
    """How many lines ``text`` has, counting an unterminated last line (and an empty text as one line)."""
    return len(line_starts(text))


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, col) of a character offset into ``text``, always a position that exists in it.

    Columns count characters. An offset past the end is the end of the text (the parser reports the end of a file
    without a final line break on a line after it), and one between CR and LF is the end of its line.
    """
    offset = min(max(offset, 0), len(text))
    if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
        offset -= 1
    starts = line_starts(text)
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1
