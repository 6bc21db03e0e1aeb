"""The event composer: ruamel.yaml's parser events in, plain data and the position of every value and key out.

Composing runs without recursion, so that the budgets of :class:`Limits` (nesting depth, values after alias
expansion, digits of a whole number) are checked while reading, and the checks agreed adds to YAML (duplicate keys,
tags outside the YAML core schema, several documents, merge keys) are made, and positions are recorded, in the same
pass. Recording positions is an option of that one pass (``positions``): history, consent and digests read only the
data, which is built the same way either way; a problem is positioned in both. Scalars are resolved and converted
by ruamel.yaml's own resolver and constructors (YAML 1.2 core schema), through :mod:`agreed.yaml_io`; dates become
ISO 8601 strings. Whatever is wrong becomes a positioned Problem, never an
exception. :mod:`agreed.document` builds a Document from the result.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import re
from collections.abc import Callable
from typing import Any

from agreed import yaml_io
from agreed.codes import DISALLOWED_TAG, DUPLICATE_KEY, MULTIPLE_DOCUMENTS, SYNTAX, TOO_DEEP, TOO_MANY_NODES
from agreed.errors import AgreedError
from agreed.lines import line_col, line_starts
from agreed.problem import Problem, Severity
from agreed.reading import INPUT_LIMIT
from agreed.record import Record

NodePath = tuple[str | int, ...]  # where a node sits in the data: keys and list indexes (agreed.document.JsonPath)

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(_CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp"))
_STR = yaml_io.STR_TAG
_INT = _CORE + "int"
_TIMESTAMP = _CORE + "timestamp"
_MAPPING_TAG = _CORE + "map"
_SEQUENCE_TAG = _CORE + "seq"


class Limits(Record):
    """Budgets that keep hostile input cheap: file size, nesting depth, nodes after alias expansion."""

    max_bytes: int = INPUT_LIMIT
    max_depth: int = 64
    max_nodes: int = 100_000
    # Below 640, the least a Python interpreter may be set to convert between whole numbers and text, so every
    # number that loads can be printed, hashed into a digest and compared (0x and 0o literals reach far more).
    max_int_digits: int = 600


DEFAULT_LIMITS = Limits()


class Span(Record):
    """Where a node sits in the source: 0-based line and column of its start, and its character range."""

    line: int
    col: int
    start: int
    end: int


class Composed(Record):
    """What composing a text gave: its data (None unless it held exactly one document and no problem), the problems
    found, and where each value and key sits (both empty when positions were not asked for)."""

    data: Any
    problems: tuple[Problem, ...]
    values: dict[NodePath, Span]
    keys: dict[NodePath, Span]
    empty: bool = False  # the text held no YAML document (only comments, or nothing)
    pure: bool = False  # read by ruamel.yaml's own parser (the C parser refused it, or is not installed)
    nodes: int = 0  # the values read, aliases expanded: every mapping, list and scalar (what max_nodes limits)


def compose(path: str, source: str, limits: Limits, *, positions: bool = True) -> Composed:
    """The data of the one YAML document in ``source`` (a file shown as ``path``), within ``limits``; with the
    position of every value and key unless ``positions`` is False (the same data and problems, built faster)."""
    composer = _compose(path, source, limits, positions)
    empty = composer.result is _NOTHING
    data = None if composer.problems or empty else composer.result
    return Composed(data, tuple(composer.problems), composer.values, composer.keys, empty, composer.pure,
                    composer.nodes)


class _Nothing:
    """Marks a stream that held no document."""


_NOTHING: Any = _Nothing()


class _LimitExceeded(AgreedError):
    """Stops composing once a budget is spent; the Problem is already recorded."""


class _Frame:
    """An open mapping or sequence while composing (a plain class: a dataclass costs more to define than it saves)."""

    __slots__ = ("anchor", "container", "key", "key_offsets", "key_span", "mapping", "nodes", "path")

    def __init__(self, container: dict[str, Any] | list[Any], path: NodePath, anchor: str | None) -> None:
        self.container = container
        self.mapping = isinstance(container, dict)
        self.path = path  # () for every frame when positions are not recorded: nothing reads it then
        self.anchor = anchor
        self.nodes = 1
        self.key: str | None = None
        self.key_span: Span | None = None
        self.key_offsets: dict[str, int] = {}  # where each key was first written (parsed-text offset)


class _ParsedText(Record):
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


def _compose(path: str, source: str, limits: Limits, positions: bool) -> _Composer:
    """Compose ``source``; surrogate-pair escapes count only inside double-quoted scalars, where they are escapes."""
    if "\\u" not in source or _SURROGATE_PAIR.search(source) is None:
        return _run(path, source, limits, _ParsedText(source), positions)
    parsed = _rewrite_pairs(source)
    composer = _run(path, source, limits, parsed, positions)
    if composer.problems or all(composer.in_double_quotes(offset) for offset in parsed.rewritten_at):
        return composer
    # A pair outside double quotes (plain text, a comment) is not an escape: parse again without rewriting it.
    # The rewrite never changes the structure, so the second pass sees the same double-quoted scalars.
    return _run(path, source, limits, _rewrite_pairs(source, composer.in_double_quotes), positions)


# Where libyaml keeps YAML 1.1's narrower grammar: plain scalars and flow collections (a ':' or '? ' inside a plain
# value of [...] or {...}). Elsewhere its verdicts stand: ruamel's own parser is laxer in ways we do not want (lone
# surrogate escapes in quoted scalars, for one).
_NARROWER_IN_YAML_11 = frozenset({"while scanning a plain scalar", "while parsing a flow sequence",
                                  "while parsing a flow mapping"})


def _run(path: str, source: str, limits: Limits, parsed: _ParsedText, positions: bool) -> _Composer:
    """Compose with the C parser; where it refuses a plain scalar or a flow collection, with ruamel.yaml's own parser
    if that one reads the text. The C parser is libyaml's, which keeps YAML 1.1's narrower plain scalars
    there (``[07:00, 09:30]``, which ruamel.yaml itself writes); such a file is refused only when the YAML 1.2 parser
    refuses it too."""
    composer = _Composer(path, source, limits, parsed, positions).run()
    if composer.rejected_by_c_parser and yaml_io.yaml12_parser_reads(parsed.text):
        return _Composer(path, source, limits, parsed, positions, pure=True).run()
    return composer


class _Composer:
    """Builds plain data and position indexes from the parser's events, with budgets and strict checks.

    Without ``positions`` the indexes stay empty and no span is worked out, except where a problem is reported."""

    def __init__(self, path: str, source: str, limits: Limits, parsed: _ParsedText, positions: bool,
                 pure: bool = False) -> None:
        self.path = path
        self.positions = positions
        self.pure = pure or not yaml_io.c_parser_available()
        self.rejected_by_c_parser = False
        self.source = source
        self.parsed = parsed
        self.source_length = len(source)
        self.rewritten = bool(parsed.rewritten_at)
        self.double_quoted_starts: list[int] = []  # source spans of the double-quoted scalars, in order
        self.double_quoted_ends: list[int] = []
        self.limits = limits
        self.known_plain = _plain_values(limits.max_int_digits)
        self.problems: list[Problem] = []
        self.values: dict[NodePath, Span] = {}
        self.keys: dict[NodePath, Span] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.stack: list[_Frame] = []
        self.nodes = 0
        self.result: Any = _NOTHING
        self.documents = 0

    def run(self) -> _Composer:
        handlers = self._handlers()
        by_type: dict[type, Callable[[Any], None] | None] = {}
        try:
            for event in yaml_io.events(self.parsed.text, self.pure):
                kind = type(event)
                handler = by_type[kind] if kind in by_type else by_type.setdefault(kind, handlers.get(kind.__name__))
                if handler is not None:
                    handler(event)
        except _LimitExceeded:
            pass
        except yaml_io.SyntaxFault as error:
            self.rejected_by_c_parser = not self.pure and error.context in _NARROWER_IN_YAML_11
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
        if event.style == '"':
            if self.rewritten:  # where the double-quoted scalars are matters only to rewritten escapes
                self.double_quoted_starts.append(self.parsed.original(event.start_mark.index))
                self.double_quoted_ends.append(self.parsed.original(event.end_mark.index))
            if _SURROGATE.search(event.value):  # only a pure-Python parser lets a lone surrogate escape through
                self._problem_on(event, SYNTAX, f"YAML syntax error: {_LONE_SURROGATE} in this value")
                raise _LimitExceeded
        if self._expecting_key():
            self._key(event)
            return
        value = self._convert(event)
        self._count(1, event)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self._place(value, event)

    def _key(self, event: Any) -> None:
        frame = self.stack[-1]
        tag = event.tag
        if tag is None and event.implicit[0] and event.value == "<<":
            self._problem_on(event, DISALLOWED_TAG, "merge keys (<<) are not supported; write the keys out")
        elif tag is not None and tag not in _SCALAR_TAGS:
            self._problem_on(event, DISALLOWED_TAG, _tag_message(tag))
        key = str(event.value)
        first = frame.key_offsets.get(key)
        if first is not None:
            first_line = self._span_of(first, first).line + 1
            self._problem_on(event, DUPLICATE_KEY, f"duplicate key {key!r} (first defined on line {first_line})")
        else:
            frame.key_offsets[key] = event.start_mark.index
        frame.key = key
        if self.positions:
            frame.key_span = self._span(event)

    def _open(self, event: Any, container: dict[str, Any] | list[Any]) -> None:
        if self._expecting_key():
            self._problem_on(event, SYNTAX, "mapping keys must be plain text, not collections")
            raise _LimitExceeded
        expected = _MAPPING_TAG if isinstance(container, dict) else _SEQUENCE_TAG
        if event.tag is not None and event.tag != expected and event.tag != "!":
            self._problem_on(event, DISALLOWED_TAG, _tag_message(event.tag))
        if len(self.stack) >= self.limits.max_depth:
            self._problem_on(event, TOO_DEEP, f"nesting is deeper than {self.limits.max_depth} levels")
            raise _LimitExceeded
        self._count(1, event)
        path = self._child_path() if self.positions else ()
        self._place(container, event)
        self.stack.append(_Frame(container, path, event.anchor))

    def _close(self, event: Any) -> None:
        frame = self.stack.pop()
        if self.positions:
            span = self.values[frame.path]
            end = self.parsed.original(event.end_mark.index)
            self.values[frame.path] = Span(span.line, span.col, span.start, end)
        if frame.anchor:
            self.anchors[frame.anchor] = (frame.container, frame.nodes)
        if self.stack:
            self.stack[-1].nodes += frame.nodes

    def _alias(self, event: Any) -> None:
        if self._expecting_key():
            self._problem_on(event, SYNTAX, "an alias cannot be used as a mapping key")
            raise _LimitExceeded
        target = self.anchors.get(event.anchor)
        if target is None:
            open_anchor = any(frame.anchor == event.anchor for frame in self.stack)
            reason = "refers to a collection that contains it" if open_anchor else "has no anchor"
            self._problem_on(event, SYNTAX, f"alias *{event.anchor} {reason}")
            raise _LimitExceeded
        value, nodes = target
        self._count(nodes, event)
        self._place(value, event)

    def _place(self, value: Any, event: Any) -> None:
        """Put ``value`` where the open collection expects it, and its position (of ``event``) when recorded."""
        if not self.stack:
            self.result = value
            if self.positions:
                self.values[()] = self._span(event)
            return
        frame = self.stack[-1]
        container = frame.container
        if frame.mapping:
            key = frame.key
            assert key is not None
            container[key] = value  # type: ignore[call-overload]  # a mapping's frame holds a dict
            frame.key = None
            if self.positions:
                assert frame.key_span is not None
                path = (*frame.path, key)
                self.keys[path] = frame.key_span
                self.values[path] = self._span(event)
        else:
            if self.positions:
                self.values[(*frame.path, len(container))] = self._span(event)
            container.append(value)  # type: ignore[union-attr]  # a sequence's frame holds a list

    def _child_path(self) -> NodePath:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if frame.mapping:
            assert frame.key is not None
            return (*frame.path, frame.key)
        return (*frame.path, len(frame.container))

    def _expecting_key(self) -> bool:
        if not self.stack:
            return False
        frame = self.stack[-1]
        return frame.mapping and frame.key is None

    def _count(self, nodes: int, event: Any) -> None:
        self.nodes += nodes
        if self.stack:
            self.stack[-1].nodes += nodes
        if self.nodes > self.limits.max_nodes:
            self._problem_on(event, TOO_MANY_NODES, f"document expands to more than {self.limits.max_nodes:,} values "
                                                    "(aliases are expanded); is this an alias bomb?")
            raise _LimitExceeded

    def _convert(self, event: Any) -> Any:
        tag = event.tag
        if tag is not None and tag != "!":
            return self._typed(event, tag, implicit=False)
        written = event.value
        if not event.implicit[0]:
            return written
        known = self.known_plain.get(written, _UNKNOWN)
        if known is not _UNKNOWN:
            return known
        tag = yaml_io.resolve_plain(written)
        if tag == _STR:
            return written
        problems = len(self.problems)
        value = self._typed(event, tag, implicit=True)
        if len(self.problems) == problems:
            _remember_plain(self.known_plain, written, value)
        return value

    def _typed(self, event: Any, tag: str, *, implicit: bool) -> Any:
        """The value of a scalar tagged (or resolved to) ``tag``; a refused one is its text, with a problem."""
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
        self._problem_on(event, code, message)
        return str(event.value)

    def _too_many_digits(self, written: str) -> str:
        return (f"the number {_shown(written)} is too large: whole numbers have at most "
                f"{self.limits.max_int_digits} digits; quote it to keep it as text")

    @functools.cached_property
    def line_starts(self) -> list[int]:
        """Where the source's lines start: worked out on the first span asked for."""
        return line_starts(self.source)

    def _span(self, event: Any) -> Span:
        """Where an event sits, from the parser's character offsets: its line and column counts differ from ours
        (NEL, LS, PS; a line after the end of a file without a final line break)."""
        return self._span_of(event.start_mark.index, event.end_mark.index)

    def _span_of(self, start: int, end: int) -> Span:
        """The span of the parsed text's characters ``start:end``, in the source."""
        if self.rewritten:
            start, end = self.parsed.original(start), self.parsed.original(end)
        if start >= self.source_length:
            line, col = line_col(self.source, start)
            return Span(line - 1, col - 1, start, end)
        starts = self.line_starts
        line = bisect.bisect_right(starts, start) - 1
        return Span(line, start - starts[line], start, end)

    def _problem_on(self, event: Any, code: str, message: str) -> None:
        """A problem at the start of ``event``."""
        span = self._span(event)
        self._problem(span.line + 1, span.col + 1, code, message)

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


_UNKNOWN: Any = object()
_KNOWN_PLAIN_MOST = 4096  # typed plain scalars remembered per process: dates, numbers, booleans repeat across files


@functools.cache
def _plain_values(max_int_digits: int) -> dict[str, Any]:
    """Plain scalars already converted to a value other than text (under a limit of digits), by what was written:
    ruamel.yaml's constructors are slow, and every value they give here (a number, a boolean, None, an ISO date as
    text) is immutable, so it can be shared."""
    return {}


def _remember_plain(known: dict[str, Any], written: str, value: Any) -> None:
    if len(known) >= _KNOWN_PLAIN_MOST:
        known.clear()
    known[written] = value


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
