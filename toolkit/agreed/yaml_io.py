"""The one configuration of ruamel.yaml: every module that reads or writes YAML goes through here.

- :func:`events`: the parser's event stream, from ruamel.yaml.clib's C parser (libyaml) when it is installed, else
  from ruamel.yaml's own parser; :func:`yaml12_parser_reads` asks ruamel.yaml's own (YAML 1.2) parser for a second
  opinion where libyaml keeps YAML 1.1's grammar. Parser errors leave as :class:`SyntaxFault`, :class:`ReaderFault`
  or :class:`YamlFault`, so no caller needs ruamel's exception classes.
- :func:`resolve_plain` and :func:`construct`: ruamel.yaml's YAML 1.2 core-schema table of implicit types and its
  constructors, for scalars composed from events.
- :func:`load_plain`: a whole document as plain data, for reading files other than agreements (no positions).
- :func:`round_trip_load` and :func:`round_trip_dump`: edit a document keeping its comments, quoting and layout.

ruamel.yaml is imported on first use only: a run that loads no YAML (a fully cached lint) never pays for it.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from agreed.errors import AgreedError

STR_TAG = "tag:yaml.org,2002:str"


class YamlFault(AgreedError):
    """The parser refused the text; ``str()`` is ruamel.yaml's description."""


@dataclass(frozen=True, slots=True)
class Mark:
    """A place the parser points at: the character offset into the parsed text."""

    index: int


class SyntaxFault(YamlFault):
    """A syntax error with the parser's own words: what is wrong (``problem``, at ``problem_mark``) and, when it
    knows, inside what (``context``, starting at ``context_mark``)."""

    def __init__(self, problem: str | None, problem_mark: Mark | None, context: str | None,
                 context_mark: Mark | None, text: str) -> None:
        super().__init__(text)
        self.problem = problem
        self.problem_mark = problem_mark
        self.context = context
        self.context_mark = context_mark


class ReaderFault(YamlFault):
    """A character YAML does not allow, at ``position`` (a UTF-8 byte offset from the C parser, a character offset
    from the pure one); ``character`` is the character, or its code."""

    def __init__(self, position: int, character: Any, reason: str, text: str) -> None:
        super().__init__(text)
        self.position = position
        self.character = character
        self.reason = reason


@functools.cache
def _c_parser() -> Any:
    """ruamel.yaml.clib's parser, or None when it is not installed."""
    try:
        from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
    except ImportError:
        return None
    return CParser


def c_parser_available() -> bool:
    return _c_parser() is not None


def events(text: str, pure: bool) -> Iterator[Any]:
    """ruamel.yaml's parser events for ``text``, straight from the C parser unless ``pure`` (ruamel.yaml's own
    parser: same events, slower) or the C parser is not installed. Raises :class:`YamlFault` (or a subclass) where
    the text is not YAML."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    parser = None if pure or not c_parser_available() else _c_parser()(text)
    try:
        if parser is None:
            yield from _safe_yaml(pure=True).parse(text)
        else:  # the loop is here, not in a helper generator: one generator frame per event, not two
            while parser.check_event():
                yield parser.get_event()
    except MarkedYAMLError as error:
        raise SyntaxFault(error.problem, _mark(error.problem_mark), error.context, _mark(error.context_mark),
                          str(error)) from None
    except ReaderError as error:
        raise ReaderFault(error.position, error.character, error.reason, str(error)) from None
    except YAMLError as error:
        raise YamlFault(str(error)) from None
    finally:
        if parser is not None:
            parser.dispose()


def _mark(mark: Any) -> Mark | None:
    return None if mark is None else Mark(mark.index)


def yaml12_parser_reads(text: str) -> bool:
    """Whether ruamel.yaml's own (YAML 1.2) parser reads ``text`` without a syntax error."""
    from ruamel.yaml.error import YAMLError

    try:
        for _ in _safe_yaml(pure=True).parse(text):
            pass
    except (YAMLError, ValueError, OverflowError):  # the pure scanner lets chr() fail on an escape past U+10FFFF
        return False
    return True


@functools.cache
def _safe_yaml(pure: bool) -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=pure)


@functools.cache
def _implicit_resolvers() -> dict[str, list[tuple[str, Any]]]:
    """ruamel.yaml's own YAML 1.2 table of implicit types, keyed by a value's first character."""
    table: dict[str, list[tuple[str, Any]]] = _safe_yaml(pure=False).resolver.versioned_resolver
    return table


def resolve_plain(value: str) -> str:
    """The tag of a plain scalar (int, float, bool, null, timestamp or str), as ruamel.yaml's resolver decides."""
    for tag, pattern in _implicit_resolvers().get(value[:1], ()):
        if pattern.match(value):
            return tag
    return STR_TAG


def construct(tag: str, value: str) -> Any:
    """``value`` converted by ruamel.yaml's safe constructor for ``tag``; raises what that constructor raises for a
    value it cannot convert (many types)."""
    from ruamel.yaml.nodes import ScalarNode

    constructor = _safe_yaml(pure=False).constructor
    return constructor.yaml_constructors[tag](constructor, ScalarNode(tag, value))


def load_plain(text: str) -> Any:
    """The document in ``text`` as plain data (YAML 1.2, ruamel.yaml's own parser); None when it is not YAML."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        return YAML(typ="safe", pure=True).load(text)
    except YAMLError:
        return None


def _round_trip() -> Any:
    """ruamel.yaml in round-trip mode as agreed writes YAML: quotes kept, lines never wrapped, lists indented
    under their key."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def round_trip_load(stream: TextIO | str) -> Any:
    """The document in ``stream`` as ruamel.yaml's commented mappings and lists, ready to edit and dump again."""
    return _round_trip().load(stream)


def round_trip_dump(data: Any) -> str:
    """The text of ``data`` (from :func:`round_trip_load`, edited), its comments and layout kept."""
    buffer = io.StringIO()
    _round_trip().dump(data, buffer)
    return buffer.getvalue()
