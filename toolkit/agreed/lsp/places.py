"""Where the cursor is in an agreement's text, read from the lines themselves so that it works on a buffer that does
not parse mid-edit: the keys and list items that enclose a column, the key under the cursor, and whether the cursor
is where a key or a value is written.

Block YAML is read by its indentation: a line's tokens are its list dashes and its key; a node's enclosing keys are
the nearest lines above it that start further left (a list's dash may stand at its key's own column). A flow
collection (``[a, b]``, ``{start: x}``) opened after a key on the cursor's line is followed; one spanning lines, and
quoted keys spanning lines, are not: the answer is then the nearest enclosing block.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from agreed.record import Record

Step = str | None  # a key, or None for an item of a list (as agreed.report.schema.reference names steps)
ITEM: Final = None

_KEY = re.compile(r"""(?P<key>"[^"]*"|'[^']*'|[^\s#'"\[\]{},:\-?][^#:]*?|-[^\s#:][^#:]*?)[ \t]*:(?=[ \t]|$)""")
_COMMENT = re.compile(r"(?:^|[ \t])#.*$")


class Token(Record):
    """A list dash (``key`` None) or a key on a line, at its 0-based column; ``value`` is the text written after a
    key's colon (comment removed)."""

    col: int
    key: Step
    value: str = ""


class Place(Record):
    """What the cursor is on: ``steps`` lead from the top to the mapping or list the cursor writes in; ``key`` is the
    key under the cursor (or whose value the cursor is in), ``on_key`` whether the cursor is on the key itself, and
    ``typed`` the word typed so far before the cursor; ``present`` the keys already written beside the cursor in the
    same mapping."""

    steps: tuple[Step, ...]
    key: str | None
    on_key: bool
    in_value: bool
    typed: str
    present: frozenset[str] = frozenset()


def tokens(line: str) -> tuple[Token, ...]:
    """The dashes and the key that open ``line``; none for a blank line, a comment or a line of text."""
    found: list[Token] = []
    at = len(line) - len(line.lstrip(" "))
    if line.startswith(("---", "...")) or line[at:at + 1] == "#":
        return ()
    while line[at:at + 1] == "-" and line[at + 1:at + 2] in (" ", ""):
        found.append(Token(at, ITEM))
        at += 1
        at += len(line[at:]) - len(line[at:].lstrip(" "))
    match = _KEY.match(line, at)
    if match is not None:
        key = match.group("key")
        value = _COMMENT.sub("", line[match.end() + 1:]).strip()
        found.append(Token(at, key[1:-1] if key[:1] in "\"'" else key, value))
    return tuple(found)


def enclosing(lines: Sequence[str], line: int, col: int) -> tuple[Step, ...]:
    """The steps to the mapping or list that holds a node starting at ``col`` on ``line``."""
    own = [token for token in tokens(lines[line]) if token.col < col] if line < len(lines) else []
    steps = [token.key for token in own]
    key_limit, item_limit = _limits(own[0] if own else None, col)
    for above in range(min(line, len(lines)) - 1, -1, -1):
        if key_limit < 0 and item_limit < 0:
            break
        outer = [token for token in tokens(lines[above]) if _encloses(token, key_limit, item_limit)]
        if not outer:
            continue
        steps[:0] = [token.key for token in outer]
        key_limit, item_limit = _limits(outer[0], outer[0].col)
    return tuple(steps)


def _limits(first: Token | None, col: int) -> tuple[int, int]:
    """The columns at or left of which a key, and left of which a dash, encloses a node whose line starts with
    ``first`` at ``col``: a list's dash may stand at its key's column."""
    if first is not None and first.key is ITEM:
        return first.col, first.col - 1
    return col - 1, col - 1


def _encloses(token: Token, key_limit: int, item_limit: int) -> bool:
    if token.key is ITEM:
        return token.col <= item_limit
    return token.col <= key_limit


def place_at(lines: Sequence[str], line: int, character: int) -> Place:
    """What the cursor at 0-based ``line`` and ``character`` is on."""
    text = lines[line] if line < len(lines) else ""
    before = text[:character]
    typed = re.search(r"[^\s:\-\[{,]*$", before)
    word = typed.group(0) if typed is not None else ""
    line_tokens = tokens(text)
    keyed = [token for token in line_tokens if token.key is not ITEM]
    if keyed:
        key = keyed[0]
        assert key.key is not None
        key_end = key.col + len(key.key) + (2 if text[key.col:key.col + 1] in "\"'" else 0)
        if character <= key_end:
            return Place(enclosing(lines, line, key.col), key.key, True, False, word)
        steps = enclosing(lines, line, key.col)
        flow = _in_flow(_COMMENT.sub("", text[key_end + 1:character]) if character > key_end else "")
        if flow is not None:
            return Place((*steps, key.key, *flow.steps), flow.key, False, flow.key is not None or not flow.in_map,
                         word, flow.present)
        return Place(steps, key.key, False, True, word)
    start = len(before) - len(word)
    holder = enclosing(lines, line, start)
    present = sibling_keys(lines, line, start)
    if holder and holder[-1] is ITEM and line_tokens:
        return Place(holder, None, False, True, word, present)  # a list item: a key or a value, as the list holds
    return Place(holder, None, False, False, word, present)


class _Flow(Record):
    """Where the cursor is inside a value written in flow style (``[a, b]``, ``{start: x, end: y}``): the steps from
    the value's key into the innermost open collection, the key (of a flow mapping) whose value the cursor is in,
    whether that collection is a mapping, and the keys already written in it."""

    steps: tuple[Step, ...]
    key: str | None
    in_map: bool
    present: frozenset[str]


class _Open(Record):
    """A flow collection opened before the cursor: a mapping (with its keys so far and the key of the value being
    written, if past its colon) or a list."""

    in_map: bool
    keys: tuple[str, ...] = ()
    key: str | None = None
    start: int = 0


_QUOTED = re.compile(r""""(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?""")


def _in_flow(value: str) -> _Flow | None:
    """The flow collections ``value`` (the text after a key's colon, up to the cursor) leaves open, or None when it
    leaves none open."""
    opened: list[_Open] = []
    at = 0
    while at < len(value):
        char = value[at]
        if char in "\"'":
            quoted = _QUOTED.match(value, at)
            at = quoted.end() if quoted is not None else len(value)
            continue
        if char in "[{":
            opened.append(_Open(char == "{", start=at + 1))
        elif char in "]}" and opened:
            opened.pop()
        elif char == "," and opened:
            opened[-1] = _Open(opened[-1].in_map, opened[-1].keys, None, at + 1)
        elif char == ":" and opened and opened[-1].in_map and value[at + 1:at + 2] in (" ", ""):
            written = value[opened[-1].start:at].strip().strip("\"'")
            opened[-1] = _Open(True, (*opened[-1].keys, written), written, at + 1)
        at += 1
    if not opened:
        return None
    steps: list[Step] = []
    for outer in opened[:-1]:
        steps.append(outer.key if outer.in_map else ITEM)
    inner = opened[-1]
    if not inner.in_map:
        steps.append(ITEM)
    return _Flow(tuple(steps), inner.key, inner.in_map, frozenset(inner.keys))


def sibling_keys(lines: Sequence[str], line: int, col: int) -> frozenset[str]:
    """The keys written at ``col`` in the mapping around ``line`` (that line left out): up and down to the lines
    that start further left, and the key on the line of the list item's dash above."""
    found: set[str] = set()
    for step in (-1, 1):
        at = line + step
        while 0 <= at < len(lines):
            line_tokens = tokens(lines[at])
            if line_tokens and (line_tokens[0].col < col or (line_tokens[0].col == col and line_tokens[0].key is ITEM)):
                if step < 0:
                    found.update(str(token.key) for token in line_tokens if token.col == col and token.key is not ITEM)
                break
            found.update(str(token.key) for token in line_tokens if token.col == col and token.key is not ITEM)
            at += step
    return frozenset(found)

