"""Bytes in, a Document out: plain data plus the position of every value and key.

Loading never raises for bad input. Whatever is wrong with a file (bytes that are not UTF-8, broken YAML,
duplicate keys, tags outside the YAML core schema, several documents, alias bombs, deep nesting, a size over the
cap) becomes a positioned :class:`~agreed.problem.Problem` in ``Document.problems`` and ``Document.data`` is None.

The YAML is read as an event stream from ruamel.yaml's parser (its C parser when ruamel.yaml.clib is installed)
and composed here, without recursion, so that limits on depth and size are checked while reading, duplicate keys
are caught, and positions are recorded in the same pass. Scalars are resolved and converted by ruamel.yaml's own
resolver and constructors (YAML 1.2 core schema); dates become ISO 8601 strings.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from agreed import yaml_io
from agreed.codes import (
    DISALLOWED_TAG,
    DUPLICATE_KEY,
    EMPTY,
    MULTIPLE_DOCUMENTS,
    NOT_A_MAPPING,
    NOT_UTF8,
    SYNTAX,
    TOO_DEEP,
    TOO_LARGE,
    TOO_MANY_NODES,
    UNREADABLE,
)
from agreed.lines import line_col, line_starts
from agreed.problem import Problem, Severity
from agreed.reading import INPUT_LIMIT, Unreadable, Why, read_file

JsonPath = tuple[str | int, ...]

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(_CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp"))
_STR = yaml_io.STR_TAG
_INT = _CORE + "int"
_TIMESTAMP = _CORE + "timestamp"
_MAPPING_TAG = _CORE + "map"
_SEQUENCE_TAG = _CORE + "seq"
_MERGE_TAG = _CORE + "merge"


@dataclass(frozen=True, slots=True)
class Limits:
    """Budgets that keep hostile input cheap: file size, nesting depth, nodes after alias expansion."""

    max_bytes: int = INPUT_LIMIT
    max_depth: int = 64
    max_nodes: int = 100_000
    # Below 640, the least a Python interpreter may be set to convert between whole numbers and text, so every
    # number that loads can be printed, hashed into a digest and compared (0x and 0o literals reach far more).
    max_int_digits: int = 600


DEFAULT_LIMITS = Limits()


class Span(NamedTuple):
    """Where a node sits in the source: 0-based line and column of its start, and its character range."""

    line: int
    col: int
    start: int
    end: int


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
        handled; falls back to the start of the value.
        """
        span = self.values.get(path)
        value = self.value_at(path)
        if span is None or not isinstance(value, str):
            return self.position(path)
        wanted = value[start:end]
        # The source of a value is never shorter than the value (quotes, escapes, indentation only add), so the
        # flagged words start at or after span.start + start; searching from there finds the right occurrence.
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



def _one_based(span: Span) -> tuple[int, int]:
    return span.line + 1, span.col + 1


def read_document(file: Path, display_path: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read and load ``file``; an unreadable path becomes a Problem, never an exception."""
    shown = display_path if display_path is not None else str(file)
    return read_result_document(read_file(file, limits.max_bytes), shown, limits)


def read_result_document(raw: bytes | Unreadable, path: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """The document in what :mod:`agreed.reading` read (from a file or standard input): loaded, or a read failure
    as one positioned Problem (S005 over the size limit, else S010)."""
    if isinstance(raw, Unreadable):
        return failed_document(path, TOO_LARGE if raw.why is Why.TOO_LARGE else UNREADABLE, raw.reason)
    return load_document(raw, path, limits)


def decode_text(raw: bytes, path: str) -> tuple[str, Problem | None]:
    """The text of ``raw`` as the loader decodes it (UTF-8, a byte-order mark dropped), or the positioned problem
    of bytes that are not UTF-8; for inputs other than YAML that report their errors as lint does."""
    return _decode(raw, path)


def failed_document(path: str, code: str, message: str, line: int = 1, col: int = 1) -> Document:
    """A Document that could not be loaded, carrying one error."""
    return Document(path, "", None, (Problem(path, line, col, code, Severity.ERROR, message),))


def load_document(raw: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Decode and load one YAML document; every defect becomes a Problem."""
    if len(raw) > limits.max_bytes:
        return failed_document(path, TOO_LARGE, f"file is larger than the {limits.max_bytes:,}-byte limit")
    source, decode_problem = _decode(raw, path)
    if decode_problem is not None:
        return Document(path, "", None, (decode_problem,))
    ambiguous = _ambiguous_breaks(source, path)
    if ambiguous:
        return Document(path, source, None, ambiguous)
    composer = _compose(path, source, limits)
    data = composer.result
    problems = tuple(composer.problems)
    if not problems and data is _NOTHING:
        problems = (Problem(path, 1, 1, EMPTY, Severity.ERROR, "file holds no YAML document"),)
    elif not problems and not isinstance(data, dict):
        problems = (
            Problem(path, 1, 1, NOT_A_MAPPING, Severity.ERROR,
                    f"the file must hold a YAML mapping of keys to values, not {_kind(data)}"),
        )
    if problems:
        return Document(path, source, None, problems, composer.values, composer.keys)
    return Document(path, source, data, (), composer.values, composer.keys)


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


class _Nothing:
    """Marks a stream that held no document."""


_NOTHING: Any = _Nothing()


class _LimitExceeded(Exception):
    """Stops composing once a budget is spent; the Problem is already recorded."""


@dataclass(slots=True)
class _Frame:
    """An open mapping or sequence while composing."""

    container: dict[str, Any] | list[Any]
    path: JsonPath
    anchor: str | None
    nodes: int = 1
    key: str | None = None
    key_span: Span | None = None
    key_lines: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _ParsedText:
    """The text handed to the parser: the source, or the source with surrogate-pair escapes rewritten.

    libyaml refuses ``\\ud83d\\ude00`` (the UTF-16 pair that JSON writers emit for characters past U+FFFF), which
    YAML 1.2, a JSON superset, reads as one character. Each pair is handed to the parser as the equivalent
    ``\\U0001F600``, two characters shorter; ``original`` maps an offset in the parsed text back to the source."""

    text: str
    rewritten_at: tuple[int, ...] = ()  # source offsets of the rewritten pairs
    rewritten_ends: tuple[int, ...] = ()  # where each rewritten escape ends in ``text``

    def original(self, index: int) -> int:
        return index + _PAIR_SAVING * bisect.bisect_right(self.rewritten_ends, index)


_SURROGATE_PAIR = re.compile(r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")
_ONE_ESCAPE = len("\\U0001F600")
_PAIR_SAVING = len("\\uD83D\\uDE00") - _ONE_ESCAPE


def _rewrite_pairs(source: str, keep: Callable[[int], bool] = lambda _offset: True) -> _ParsedText:
    """``source`` with each surrogate-pair escape that ``keep`` accepts (by its source offset) as one escape."""
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    copied = 0
    for match in _SURROGATE_PAIR.finditer(source):
        start = match.start()
        if _escaped(source, start) or not keep(start):
            continue
        code = 0x10000 + ((int(match.group(1), 16) - 0xD800) << 10) + (int(match.group(2), 16) - 0xDC00)
        pieces += [source[copied:start], f"\\U{code:08X}"]
        starts.append(start)
        ends.append(start - _PAIR_SAVING * len(ends) + _ONE_ESCAPE)
        copied = match.end()
    if not starts:
        return _ParsedText(source)
    pieces.append(source[copied:])
    return _ParsedText("".join(pieces), tuple(starts), tuple(ends))


def _escaped(source: str, backslash: int) -> bool:
    """Whether the backslash at ``backslash`` is itself escaped (an odd run of backslashes before it)."""
    before = backslash
    while before > 0 and source[before - 1] == "\\":
        before -= 1
    return (backslash - before) % 2 == 1


def _compose(path: str, source: str, limits: Limits) -> _Composer:
    """Compose ``source``; surrogate-pair escapes count only inside double-quoted scalars, where they are escapes."""
    if "\\u" not in source or _SURROGATE_PAIR.search(source) is None:
        return _run(path, source, limits, _ParsedText(source))
    parsed = _rewrite_pairs(source)
    composer = _run(path, source, limits, parsed)
    if composer.problems or all(composer.in_double_quotes(offset) for offset in parsed.rewritten_at):
        return composer
    # A pair outside double quotes (plain text, a comment) is not an escape: parse again without rewriting it.
    # The rewrite never changes the structure, so the second pass sees the same double-quoted scalars.
    return _run(path, source, limits, _rewrite_pairs(source, composer.in_double_quotes))


def _run(path: str, source: str, limits: Limits, parsed: _ParsedText) -> _Composer:
    """Compose with the C parser; where it refuses a ':' inside a plain scalar of a flow collection, with ruamel.yaml's
    own parser if that one reads the text. The C parser is libyaml's, which keeps YAML 1.1's narrower plain scalars
    there (``[07:00, 09:30]``, which ruamel.yaml itself writes); such a file is refused only when the YAML 1.2 parser
    refuses it too."""
    composer = _Composer(path, source, limits, parsed).run()
    if composer.rejected_by_c_parser and yaml_io.yaml12_parser_reads(parsed.text):
        return _Composer(path, source, limits, parsed, pure=True).run()
    return composer


class _Composer:
    """Builds plain data and position indexes from the parser's events, with budgets and strict checks."""

    def __init__(self, path: str, source: str, limits: Limits, parsed: _ParsedText, pure: bool = False) -> None:
        self.path = path
        self.pure = pure or not yaml_io.c_parser_available()
        self.rejected_by_c_parser = False
        self.source = source
        self.parsed = parsed
        self.line_starts = line_starts(source)
        self.double_quoted_starts: list[int] = []  # source spans of the double-quoted scalars, in order
        self.double_quoted_ends: list[int] = []
        self.limits = limits
        self.problems: list[Problem] = []
        self.values: dict[JsonPath, Span] = {}
        self.keys: dict[JsonPath, Span] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.stack: list[_Frame] = []
        self.nodes = 0
        self.result: Any = _NOTHING
        self.documents = 0

    def run(self) -> _Composer:
        handlers = self._handlers()
        try:
            for event in yaml_io.events(self.parsed.text, self.pure):
                handler = handlers.get(type(event).__name__)
                if handler is not None:
                    handler(event)
        except _LimitExceeded:
            pass
        except yaml_io.SyntaxFault as error:
            # The one place libyaml keeps YAML 1.1's narrower grammar: a ':' inside a plain scalar in a flow
            # collection. Elsewhere its verdicts stand (ruamel's own parser is laxer in ways we do not want, e.g.
            # lone surrogate escapes).
            self.rejected_by_c_parser = not self.pure and error.problem == "found unexpected ':'"
            self._syntax_problem(error)
        except yaml_io.ReaderFault as error:
            self._problem_at(self._reader_offset(error.position), SYNTAX, _reader_message(error))
        except yaml_io.YamlFault as error:
            self._problem(1, 1, SYNTAX, f"invalid YAML: {error}")
        return self

    def in_double_quotes(self, offset: int) -> bool:
        """Whether source ``offset`` lies inside a double-quoted scalar seen so far."""
        at = bisect.bisect_left(self.double_quoted_starts, offset) - 1
        return at >= 0 and offset < self.double_quoted_ends[at]

    def _reader_offset(self, position: int) -> int:
        """The source offset of a reader error: the C parser counts UTF-8 bytes there, not characters."""
        if not self.pure:
            position = len(self.parsed.text.encode("utf-8")[:position].decode("utf-8", errors="ignore"))
        return self.parsed.original(position)

    def _handlers(self) -> dict[str, Callable[[Any], None]]:
        """What to do with each kind of parser event; stream and document ends need nothing."""
        return {
            "DocumentStartEvent": self._start_document,
            "ScalarEvent": self._scalar,
            "MappingStartEvent": lambda event: self._open(event, {}),
            "SequenceStartEvent": lambda event: self._open(event, []),
            "MappingEndEvent": self._close,
            "SequenceEndEvent": self._close,
            "AliasEvent": self._alias,
        }

    def _start_document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            self._problem_at(self.parsed.original(event.start_mark.index), MULTIPLE_DOCUMENTS,
                             "file holds more than one YAML document; keep one per file")
            raise _LimitExceeded

    def _scalar(self, event: Any) -> None:
        span = self._span(event)
        if event.style == '"':
            self.double_quoted_starts.append(span.start)
            self.double_quoted_ends.append(span.end)
            if _SURROGATE.search(event.value):  # only a pure-Python parser lets a lone surrogate escape through
                self._problem(span.line + 1, span.col + 1, SYNTAX,
                              f"YAML syntax error: {_LONE_SURROGATE} in this value")
                raise _LimitExceeded
        if self._expecting_key():
            self._key(event, span)
            return
        value = self._convert(event)
        self._count(1, span)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self._place(value, span)

    def _key(self, event: Any, span: Span) -> None:
        frame = self.stack[-1]
        tag = event.tag
        if tag is None and event.implicit[0] and event.value == "<<":
            self._problem(span.line + 1, span.col + 1, DISALLOWED_TAG,
                          "merge keys (<<) are not supported; write the keys out")
        elif tag is not None and tag not in _SCALAR_TAGS:
            self._problem(span.line + 1, span.col + 1, DISALLOWED_TAG, _tag_message(tag))
        key = str(event.value)
        first_line = frame.key_lines.get(key)
        if first_line is not None:
            self._problem(span.line + 1, span.col + 1, DUPLICATE_KEY,
                          f"duplicate key {key!r} (first defined on line {first_line})")
        else:
            frame.key_lines[key] = span.line + 1
        frame.key = key
        frame.key_span = span

    def _open(self, event: Any, container: dict[str, Any] | list[Any]) -> None:
        if self._expecting_key():
            span = self._span(event)
            self._problem(span.line + 1, span.col + 1, SYNTAX, "mapping keys must be plain text, not collections")
            raise _LimitExceeded
        expected = _MAPPING_TAG if isinstance(container, dict) else _SEQUENCE_TAG
        span = self._span(event)
        if event.tag is not None and event.tag != expected and event.tag != "!":
            self._problem(span.line + 1, span.col + 1, DISALLOWED_TAG, _tag_message(event.tag))
        if len(self.stack) >= self.limits.max_depth:
            self._problem(span.line + 1, span.col + 1, TOO_DEEP,
                          f"nesting is deeper than {self.limits.max_depth} levels")
            raise _LimitExceeded
        self._count(1, span)
        path = self._child_path()
        self._place(container, span)
        self.stack.append(_Frame(container, path, event.anchor))

    def _close(self, event: Any) -> None:
        frame = self.stack.pop()
        span = self.values[frame.path]
        self.values[frame.path] = Span(span.line, span.col, span.start, self.parsed.original(event.end_mark.index))
        if frame.anchor:
            self.anchors[frame.anchor] = (frame.container, frame.nodes)
        if self.stack:
            self.stack[-1].nodes += frame.nodes

    def _alias(self, event: Any) -> None:
        span = self._span(event)
        if self._expecting_key():
            self._problem(span.line + 1, span.col + 1, SYNTAX, "an alias cannot be used as a mapping key")
            raise _LimitExceeded
        target = self.anchors.get(event.anchor)
        if target is None:
            open_anchor = any(frame.anchor == event.anchor for frame in self.stack)
            reason = "refers to a collection that contains it" if open_anchor else "has no anchor"
            self._problem(span.line + 1, span.col + 1, SYNTAX, f"alias *{event.anchor} {reason}")
            raise _LimitExceeded
        value, nodes = target
        self._count(nodes, span)
        self._place(value, span)

    def _place(self, value: Any, span: Span) -> None:
        if not self.stack:
            self.result = value
            self.values[()] = span
            return
        frame = self.stack[-1]
        if isinstance(frame.container, dict):
            assert frame.key is not None
            assert frame.key_span is not None
            path = (*frame.path, frame.key)
            frame.container[frame.key] = value
            self.keys[path] = frame.key_span
            frame.key = None
        else:
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
        self.values[path] = span

    def _child_path(self) -> JsonPath:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, dict):
            assert frame.key is not None
            return (*frame.path, frame.key)
        return (*frame.path, len(frame.container))

    def _expecting_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1].container, dict) and self.stack[-1].key is None

    def _count(self, nodes: int, span: Span) -> None:
        self.nodes += nodes
        if self.stack:
            self.stack[-1].nodes += nodes
        if self.nodes > self.limits.max_nodes:
            self._problem(span.line + 1, span.col + 1, TOO_MANY_NODES,
                          f"document expands to more than {self.limits.max_nodes:,} values "
                          "(aliases are expanded); is this an alias bomb?")
            raise _LimitExceeded

    def _convert(self, event: Any) -> Any:
        tag = event.tag
        implicit = tag is None or tag == "!"
        if implicit:
            if not event.implicit[0]:
                return event.value
            tag = yaml_io.resolve_plain(event.value)
        if tag == _STR:
            return event.value
        if tag not in _SCALAR_TAGS:
            return self._refuse(event, DISALLOWED_TAG, _tag_message(tag))
        if tag == _INT and _written_digits(event.value) > self.limits.max_int_digits:
            return self._refuse(event, SYNTAX, self._too_many_digits(event.value))
        try:
            value = yaml_io.construct(tag, event.value)
        except Exception as error:  # noqa: BLE001 - the constructors raise many types for bad explicit values
            if implicit and tag == _TIMESTAMP:
                # Looks like a date and is none (2027-02-30): text, as if quoted, so the schema says where a date
                # was expected and every other check still runs.
                return event.value
            reason = getattr(error, "problem", None) or str(error) or type(error).__name__
            return self._refuse(event, SYNTAX, f"invalid {tag.removeprefix(_CORE)} value {_shown(event.value)}: "
                                               f"{reason}")
        if isinstance(value, int) and abs(value) >= _smallest_with(self.limits.max_int_digits + 1):
            return self._refuse(event, SYNTAX, self._too_many_digits(event.value))
        if isinstance(value, datetime.datetime):
            return event.value  # a time of day is no date: keep what the user wrote, for the schema to quote
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    def _refuse(self, event: Any, code: str, message: str) -> str:
        span = self._span(event)
        self._problem(span.line + 1, span.col + 1, code, message)
        return str(event.value)

    def _too_many_digits(self, written: str) -> str:
        return (f"the number {_shown(written)} is too large: whole numbers have at most "
                f"{self.limits.max_int_digits} digits; quote it to keep it as text")

    def _span(self, event: Any) -> Span:
        """Where an event sits, from the parser's character offsets: its line and column counts differ from ours
        (NEL, LS, PS; a line after the end of a file without a final line break)."""
        start, end = event.start_mark.index, event.end_mark.index
        if self.parsed.rewritten_at:
            start, end = self.parsed.original(start), self.parsed.original(end)
        if start >= len(self.source):
            line, col = line_col(self.source, start)
            return Span(line - 1, col - 1, start, end)
        line = bisect.bisect_right(self.line_starts, start) - 1
        return Span(line, start - self.line_starts[line], start, end)

    def _syntax_problem(self, error: yaml_io.SyntaxFault) -> None:
        mark = error.problem_mark or error.context_mark
        offset = self.parsed.original(mark.index) if mark is not None else 0
        problem = error.problem or "invalid YAML"
        context = f" ({error.context})" if error.context else ""
        started = error.context_mark
        if error.context and started is not None and mark is not None:
            first_line = line_col(self.source, self.parsed.original(started.index))[0]
            if first_line != line_col(self.source, offset)[0]:
                context = f" ({error.context} that starts on line {first_line})"
        offset, explained = _explain_syntax(self.source, offset, problem)
        self._problem_at(offset, SYNTAX, f"YAML syntax error: {explained or problem + context}")

    def _problem_at(self, offset: int, code: str, message: str) -> None:
        line, col = line_col(self.source, offset)
        self._problem(line, col, code, message)

    def _problem(self, line: int, col: int, code: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, col, code, Severity.ERROR, message))


def _reader_message(error: yaml_io.ReaderFault) -> str:
    character = error.character
    code = ord(character) if isinstance(character, str) and len(character) == 1 else character
    if isinstance(code, int):
        return f"character U+{code:04X} is not allowed in YAML ({error.reason}); remove it"
    return f"unreadable YAML: {error.reason}"


def _shown(text: str, limit: int = 40) -> str:
    """``text`` quoted for a message, shortened when long."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


@functools.cache
def _smallest_with(digits: int) -> int:
    """The smallest whole number written with ``digits`` digits."""
    return int(10 ** (digits - 1))


def _written_digits(number: str) -> int:
    """How many digits a YAML integer is written with, base prefix, sign and underscores left out."""
    body = number.lstrip("+-").replace("_", "")
    return len(body) - 2 if body[:2] in ("0x", "0o", "0b") else len(body)


_SURROGATE = re.compile("[\ud800-\udfff]")
_LONE_SURROGATE = ("is half of a UTF-16 surrogate pair without its other half, so it stands for no character; "
                   "write the character itself, the whole pair (such as \\ud83d\\ude00) or one escape (such as "
                   "\\U0001F600)")
_ESCAPE_DIGITS = {"x": 2, "u": 4, "U": 8}


def _explain_syntax(source: str, offset: int, problem: str) -> tuple[int, str | None]:
    """A plainer message (and a better offset) for syntax errors whose parser message hides the cause."""
    if source[offset : offset + 1] == "\t":
        line_start = line_starts(source)[line_col(source, offset)[0] - 1]
        if not source[line_start:offset].strip(" \t"):
            return offset, "a tab indents this line; YAML indents with spaces only (replace the tab with spaces)"
        return offset, "a tab cannot stand here; YAML separates and indents with spaces (replace it with spaces)"
    if "escape" in problem and offset >= 2 and source[offset - 2] == "\\" and source[offset - 1] in _ESCAPE_DIGITS:
        escape = source[offset - 2 : offset + _ESCAPE_DIGITS[source[offset - 1]]]
        try:
            code = int(escape[2:], 16)
        except ValueError:
            return offset, None
        if 0xD800 <= code <= 0xDFFF:
            return offset - 2, f"the escape {escape} {_LONE_SURROGATE}"
        if code > 0x10FFFF:
            return offset - 2, f"the escape {escape} is past U+10FFFF, the last Unicode character"
    return offset, None


def _tag_message(tag: str) -> str:
    shown = tag.replace(_CORE, "!!")
    return f"tag {shown} is not allowed; use plain YAML values (strings, numbers, dates, lists, mappings)"
