"""Load the versions of one agreement a top-level entry at a time, so that a version that changed one entry costs
the loading of that entry, not of the whole file.

Consecutive versions of an agreement differ in a few places, yet loading each version whole made a cold history
(and a cold ``agreed site``) spend nearly all of its time composing the same text again. Here a version's text is
cut into pieces, each starting at a line that begins a top-level key (a simple key at column 0 followed by ``:``
and a space or the end of the line); each piece is composed on its own, remembered by its text, and the version's
data is the pieces' mappings joined in order. Unchanged pieces are found in memory (and their values are the very
same objects as before, which :func:`agreed.history.canonical.same` then compares at once).

A piece of one top-level key whose value is a block mapping indented by two spaces (``results:`` and its entries)
is cut the same way one level down, before each line that begins one of its keys at column 2, so that a version that
moved a deadline composes that line, not all of ``results``; the key's line and its first entry make the first such
piece. Why that is safe is the argument below with column 2 for column 0: a plain or block scalar of an entry
continues only on lines indented deeper, and a text holding a tab or a line of content indented by fewer than two
spaces is not cut there.

Why the pieces mean what the whole means: at a line that begins a key at column 0, nothing before it can still be
open when each piece before it loads on its own. A plain scalar or a block scalar of a top-level value never
continues at column 0; a quoted scalar or a flow collection that continues past the cut leaves its piece
unterminated, which then does not load. So the whole text is read, as its pieces are, as one top-level mapping of
those entries. Whatever could still make the two differ is left to the whole-file loader
(:func:`agreed.history.versions.parse`), which then decides alone, problems and all:

- a piece that does not load cleanly as a mapping, or that only ruamel.yaml's own parser reads (the whole file
  would then be read by that parser throughout);
- a top-level key in two pieces (a duplicate key), or more values than the budget once the pieces are added up;
- a line at column 0 that starts ``...`` or ``%`` (a document end marker, a directive); a ``---`` after the first
  key leaves its piece holding two documents, which does not load;
- a line break other than LF and CRLF, NEL/LS/PS among them, bytes that are not UTF-8, a file over the size limit;
- a text with fewer than two pieces (nothing to gain).

:func:`agreed.history.versions.parse_piecewise` loads a version through a :class:`PiecewiseParser`, else whole; it
gives what :func:`agreed.history.versions.parse` gives (tests/history/test_piecewise.py checks it on generated and
damaged agreements).
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from agreed import yaml_io
from agreed.compose import DEFAULT_LIMITS, Limits, compose
from agreed.document import decode_text
from agreed.record import Record

# A line (after the first) that begins a top-level key; and the first line, when it does.
_KEY_LINE = re.compile(r"\n[A-Za-z0-9_][A-Za-z0-9_-]*:(?=[ \r\n]|$)")
_FIRST_KEY_LINE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*:(?=[ \r\n]|$)")
# One level down: a top-level key with nothing after its colon, and the lines of its block mapping's keys.
_NESTED_HEADER = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*:[ ]*\r?\n")
_NESTED_KEY_LINE = re.compile(r"\n  [A-Za-z0-9_][A-Za-z0-9_-]*:(?=[ \r\n]|$)")
_SHALLOW_LINE = re.compile(r"\n(?! *(#|\r?\n|$))(?!  )")  # a line of content indented by fewer than two spaces
_OTHER_BREAKS = ("\x85", "\u2028", "\u2029")
_LONE_CR = re.compile("\r(?!\n)")
# At column 0: a document end marker (after which a piece would load alone, the whole not) or a directive (which
# may change how everything after it is read).
_END_OR_DIRECTIVE = ("...", "%")


class _Piece(Record):
    """A piece's mapping and how many values it holds (aliases expanded, as the composer counts them)."""

    data: dict[str, Any]
    nodes: int


class PiecewiseParser:
    """Loads versions through remembered pieces; one per history (what it remembers is that history's text)."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        self._limits = limits
        self._pieces: dict[str, _Piece | None] = {}
        self.whole = 0  # versions left to the whole-file loader

    def joined(self, raw: bytes, path: str) -> dict[str, Any] | None:
        """The data of ``raw`` joined from its pieces: what loading it whole would give when that loads cleanly;
        None where the whole-file loader must decide (counted in ``whole``)."""
        data = self._joined(raw, path)
        if data is None:
            self.whole += 1
        return data

    def _joined(self, raw: bytes, path: str) -> dict[str, Any] | None:
        if len(raw) > self._limits.max_bytes:
            return None
        source, problem = decode_text(raw, path)
        if problem is not None:
            return None
        texts = pieces_of(source)
        if len(texts) < 2:
            return None
        data: dict[str, Any] = {}
        nodes = 1
        for text in texts:
            piece = self._piece(text, path)
            if piece is None or not data.keys().isdisjoint(piece.data):
                return None
            data.update(piece.data)
            nodes += piece.nodes - 1  # each piece counted its own top-level mapping
        return data if nodes <= self._limits.max_nodes else None

    def _piece(self, text: str, path: str) -> _Piece | None:
        if text in self._pieces:
            return self._pieces[text]
        piece = self._nested(text, path) or self._composed(text, path)
        self._pieces[text] = piece
        return piece

    def _composed(self, text: str, path: str) -> _Piece | None:
        composed = compose(path, text, self._limits, positions=False)
        if (composed.problems or composed.empty or not isinstance(composed.data, dict)
                or (composed.pure and yaml_io.c_parser_available())):
            return None
        return _Piece(composed.data, composed.nodes)

    def _nested(self, text: str, path: str) -> _Piece | None:
        """A top-level entry whose value is a block mapping indented by two spaces, joined from its entries' pieces
        as the file is from its top-level pieces (see the module: the same reasons hold one level down); None
        where the entry must be composed whole."""
        entries = nested_pieces_of(text)
        if len(entries) < 2:
            return None
        head = self._piece(entries[0], path)  # the key's line with its first entry: {key: {first: ...}}
        if head is None or len(head.data) != 1:
            return None
        [(key, first)] = head.data.items()
        if not isinstance(first, dict):
            return None
        value = dict(first)
        nodes = head.nodes
        for entry in entries[1:]:
            piece = self._piece(entry, path)
            if piece is None or not value.keys().isdisjoint(piece.data):
                return None
            value.update(piece.data)
            nodes += piece.nodes - 1  # each piece counted its own mapping, which here is the key's value
        return _Piece({key: value}, nodes)


def pieces_of(source: str) -> list[str]:
    """``source`` cut before each line that begins a top-level key, the first key's line excepted (what comes
    before it stays with it); the whole ``source`` as one piece where cutting is not safe (see the module)."""
    if not _safe_to_cut(source):
        return [source]
    lines = [match.start() + 1 for match in _KEY_LINE.finditer(source)]
    cuts = lines if _FIRST_KEY_LINE.match(source) else lines[1:]
    bounds = [0, *cuts, len(source)]
    return [source[begin:end] for begin, end in itertools.pairwise(bounds)]


def nested_pieces_of(text: str) -> list[str]:
    """A top-level piece ``key:`` whose value is a block mapping indented by two spaces, cut before each line that
    begins one of its keys, the first excepted; ``[text]`` when it is not such a piece, or holds a tab, or a line
    (other than a comment or blank) indented by fewer than two spaces, where cutting is not safe."""
    header = _NESTED_HEADER.match(text)
    if header is None or "\t" in text or _SHALLOW_LINE.search(text, header.end()) is not None:
        return [text]
    lines = [match.start() + 1 for match in _NESTED_KEY_LINE.finditer(text, header.end() - 1)]
    bounds = [0, *lines[1:], len(text)]
    return [text[begin:end] for begin, end in itertools.pairwise(bounds)]


def _safe_to_cut(source: str) -> bool:
    """Whether ``source`` breaks its lines with LF or CRLF only and has no document end marker or directive."""
    if any(mark in source for mark in _OTHER_BREAKS) or source.startswith(_END_OR_DIRECTIVE):
        return False
    if any(f"\n{mark}" in source for mark in _END_OR_DIRECTIVE):
        return False
    return "\r" not in source or _LONE_CR.search(source) is None
