"""Bytes in, a Document out: plain data plus the position of every value and key.

Loading never raises for bad input. Whatever is wrong with a file (bytes that are not UTF-8, broken YAML,
duplicate keys, tags outside the YAML core schema, several documents, alias bombs, deep nesting, a size over the
cap) becomes a positioned :class:`~agreed.problem.Problem` in ``Document.problems`` and ``Document.data`` is None.

This module decodes the bytes and refuses what YAML readers disagree on; :mod:`agreed.compose` turns the text into
data and positions, within the budgets of :class:`~agreed.compose.Limits`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agreed.codes import EMPTY, NOT_A_MAPPING, NOT_UTF8, SYNTAX, TOO_LARGE, UNREADABLE
from agreed.compose import DEFAULT_LIMITS, Limits, Span, compose
from agreed.lines import line_col
from agreed.problem import Problem, Severity
from agreed.reading import Unreadable, Why, read_file

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """One loaded file: its data (None when it could not be loaded) and positions for any JSON path."""

    path: str
    source: str
    data: Any
    problems: tuple[Problem, ...] = ()
    values: dict[JsonPath, Span] = field(default_factory=dict, repr=False, compare=False)
    keys: dict[JsonPath, Span] = field(default_factory=dict, repr=False, compare=False)

    @property
    def loaded(self) -> bool:
        return self.data is not None and not self.problems

    def position(self, path: JsonPath) -> tuple[int, int]:
        """1-based (line, col) of the value at ``path``, or of its nearest ancestor that has one."""
        return _one_based(self._nearest(self.values, path))

    def key_position(self, path: JsonPath) -> tuple[int, int]:
        """1-based (line, col) of the key that introduces ``path``; its value's position for list items."""
        span = self.keys.get(path)
        return _one_based(span) if span is not None else self.position(path)

    def text_position(self, path: JsonPath, start: int, end: int) -> tuple[int, int]:
        """1-based (line, col) of characters ``start:end`` of the string value at ``path``.

        Searches the value's source for the flagged words, so quoting, escapes and folded block scalars are
        handled (a word without spaces exactly, by which of its copies it is); falls back to the start of the value.
        """
        span = self.values.get(path)
        value = self.value_at(path)
        if span is None or not isinstance(value, str):
            return self.position(path)
        wanted = value[start:end]
        found = _same_occurrence(self.source[span.start:span.end], value, wanted, start)
        if found >= 0:
            return line_col(self.source, span.start + found)
        # The source of a value is never shorter than the value (quotes, escapes, indentation only add), so the
        # flagged words start at or after span.start + start; searching from there finds them, or a later copy.
        found = self.source.find(wanted, min(span.start + start, span.end), span.end) if wanted else -1
        if found < 0 and wanted:
            found = self.source.find(wanted, span.start, span.end)
        if found < 0:
            first_word = wanted.split()[0] if wanted.split() else ""
            found = self.source.find(first_word, span.start, span.end) if first_word else -1
        if found < 0:
            return _one_based(span)
        return line_col(self.source, found)

    def value_at(self, path: JsonPath) -> Any:
        """The value at ``path``, or None when the path does not exist."""
        node: Any = self.data
        for step in path:
            if isinstance(node, dict) and isinstance(step, str):
                node = node.get(step)
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                node = node[step]
            else:
                return None
        return node

    def describe(self, path: JsonPath) -> str:
        """A readable path such as ``results.deliverables[id=d2].owner`` (list items named by their id)."""
        text = ""
        for depth, step in enumerate(path):
            if isinstance(step, int):
                item = self.value_at(path[: depth + 1])
                item_id = item.get("id") if isinstance(item, dict) else None
                text += f"[id={item_id}]" if isinstance(item_id, str) and item_id else f"[{step}]"
            else:
                text += f".{step}" if text else step
        return text or "(document)"

    def _nearest(self, index: dict[JsonPath, Span], path: JsonPath) -> Span:
        for cut in range(len(path), -1, -1):
            span = index.get(path[:cut])
            if span is not None:
                return span
        return Span(0, 0, 0, 0)



def _same_occurrence(written: str, value: str, wanted: str, start: int) -> int:
    """Where in ``written`` (a value's source) the copy of ``wanted`` at ``start`` of ``value`` is, when that can be
    told for sure: a word without spaces (folding and indentation change only spaces) that the source holds exactly
    as often as the value (no quote, escape or block header adds or hides one), so the n-th copy is the n-th; else -1.
    """
    if not wanted or any(character.isspace() for character in wanted):
        return -1
    in_value, in_source = _starts(value, wanted), _starts(written, wanted)
    if len(in_value) != len(in_source) or start not in in_value:
        return -1
    return in_source[in_value.index(start)]


def _starts(text: str, wanted: str) -> list[int]:
    """Where each copy of ``wanted`` starts in ``text``, overlapping copies included."""
    found: list[int] = []
    at = text.find(wanted)
    while at >= 0:
        found.append(at)
        at = text.find(wanted, at + 1)
    return found


def _one_based(span: Span) -> tuple[int, int]:
    return span.line + 1, span.col + 1


def read_document(file: Path, display_path: str | None = None, limits: Limits = DEFAULT_LIMITS, *,
                  positions: bool = True) -> Document:
    """Read and load ``file``; an unreadable path becomes a Problem, never an exception."""
    shown = display_path if display_path is not None else str(file)
    return read_result_document(read_file(file, limits.max_bytes), shown, limits, positions=positions)


def read_result_document(raw: bytes | Unreadable, path: str, limits: Limits = DEFAULT_LIMITS, *,
                         positions: bool = True) -> Document:
    """The document in what :mod:`agreed.reading` read (from a file or standard input): loaded, or a read failure
    as one positioned Problem (S005 over the size limit, else S010)."""
    if isinstance(raw, Unreadable):
        return failed_document(path, TOO_LARGE if raw.why is Why.TOO_LARGE else UNREADABLE, raw.reason)
    return load_document(raw, path, limits, positions=positions)


def decode_text(raw: bytes, path: str) -> tuple[str, Problem | None]:
    """The text of ``raw`` as the loader decodes it (UTF-8, a byte-order mark dropped), or the positioned problem
    of bytes that are not UTF-8; for inputs other than YAML that report their errors as lint does."""
    return _decode(raw, path)


def failed_document(path: str, code: str, message: str, line: int = 1, col: int = 1) -> Document:
    """A Document that could not be loaded, carrying one error."""
    return Document(path, "", None, (Problem(path, line, col, code, Severity.ERROR, message),))


def load_document(raw: bytes, path: str, limits: Limits = DEFAULT_LIMITS, *, positions: bool = True) -> Document:
    """Decode and load one YAML document; every defect becomes a Problem. With ``positions`` False the Document
    holds the same data and problems, but no position of a value or key (``values`` and ``keys`` are empty): for
    readers of the data only, which load faster so."""
    if len(raw) > limits.max_bytes:
        return failed_document(path, TOO_LARGE, f"file is larger than the {limits.max_bytes:,}-byte limit")
    source, decode_problem = _decode(raw, path)
    if decode_problem is not None:
        return Document(path, "", None, (decode_problem,))
    ambiguous = _ambiguous_breaks(source, path)
    if ambiguous:
        return Document(path, source, None, ambiguous)
    composed = compose(path, source, limits, positions=positions)
    problems = composed.problems
    if not problems and composed.empty:
        problems = (Problem(path, 1, 1, EMPTY, Severity.ERROR, "file holds no YAML document"),)
    elif not problems and not isinstance(composed.data, dict):
        problems = (
            Problem(path, 1, 1, NOT_A_MAPPING, Severity.ERROR,
                    f"the file must hold a YAML mapping of keys to values, not {_kind(composed.data)}"),
        )
    if problems:
        return Document(path, source, None, problems, composed.values, composed.keys)
    return Document(path, source, composed.data, (), composed.values, composed.keys)


_BOM = b"\xef\xbb\xbf"


def _decode(raw: bytes, path: str) -> tuple[str, Problem | None]:
    # Every leading byte-order mark goes: the C parser skips repeated ones without counting them in its offsets.
    body = raw
    while body.startswith(_BOM):
        body = body[len(_BOM):]
    try:
        return body.decode("utf-8"), None
    except UnicodeDecodeError as error:
        # Positioned in the text an editor shows: each undecodable byte is one replacement character.
        before = body[: error.start].decode("utf-8", errors="replace")
        line, col = line_col(before, len(before))
        message = f"file is not valid UTF-8 (byte 0x{body[error.start]:02x}); save it as UTF-8"
        return "", Problem(path, line, col, NOT_UTF8, Severity.ERROR, message)


_AMBIGUOUS_BREAKS = {"\x85": ("NEL, next line", "\\N"), "\u2028": ("LS, line separator", "\\L"),
                     "\u2029": ("PS, paragraph separator", "\\P")}
_AMBIGUOUS_BREAK = re.compile("[\x85\u2028\u2029]")
_AMBIGUOUS_SHOWN = 10


def _ambiguous_breaks(source: str, path: str) -> tuple[Problem, ...]:
    """Raw NEL, LS and PS characters: line breaks to YAML 1.1 readers, text to YAML 1.2 readers and most editors.

    Where one appears (in a quoted value, a comment, anywhere) the file means different things to different
    readers: a comment may end early and hide a key, a value may gain a space or a break. It is refused."""
    found = list(itertools.islice(_AMBIGUOUS_BREAK.finditer(source), _AMBIGUOUS_SHOWN + 1))
    problems = []
    for match in found[:_AMBIGUOUS_SHOWN]:
        name, escape = _AMBIGUOUS_BREAKS[match.group()]
        line, col = line_col(source, match.start())
        problems.append(Problem(path, line, col, SYNTAX, Severity.ERROR,
                                f"character U+{ord(match.group()):04X} ({name}) is a line break to some YAML readers "
                                "and text to others, so the file would not mean the same everywhere; use a plain "
                                f"line break, or inside double quotes the escape {escape}"))
    if len(found) > _AMBIGUOUS_SHOWN:
        more = len(_AMBIGUOUS_BREAK.findall(source)) - _AMBIGUOUS_SHOWN
        last = problems[-1]
        problems[-1] = Problem(path, last.line, last.col, SYNTAX, Severity.ERROR,
                               f"{last.message} ({more:,} more such characters after this one)")
    return tuple(problems)


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an empty value"
    return "a single value"
