"""Where each key and value of a TOML document stands, which ``tomllib`` does not say.

The settings in ``[tool.agreed]`` of a ``pyproject.toml`` are read with ``tomllib`` and checked like an
``.agreed.yaml``; to point a finding at the line that holds the setting, :func:`locate` walks the same text once
more and records the span of every value and key by its path (``("tool", "agreed", "rules", "V101")``, list items by
their index). It reads only text that ``tomllib`` has accepted: it does not check the grammar, and on anything it does
not expect it stops and returns what it has found (a caller falls back to the table's header).
"""

from __future__ import annotations

import contextlib
import re
import tomllib
from dataclasses import dataclass, field

from agreed.compose import Span
from agreed.errors import AgreedError
from agreed.lines import line_col

TomlPath = tuple[str | int, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BLANK = " \t"
_SCALAR_END = re.compile(r"[,\]}#\r\n]")


@dataclass
class TomlLayout:
    """The spans of a TOML document's values and of the keys that introduce them, by path."""

    values: dict[TomlPath, Span] = field(default_factory=dict)
    keys: dict[TomlPath, Span] = field(default_factory=dict)

    def under(self, prefix: TomlPath) -> TomlLayout:
        """The spans of the paths inside the table at ``prefix``, with ``prefix`` taken off their paths."""
        cut = len(prefix)
        return TomlLayout(
            {path[cut:]: span for path, span in self.values.items() if path[:cut] == prefix},
            {path[cut:]: span for path, span in self.keys.items() if path[:cut] == prefix},
        )


class _Stop(AgreedError):
    """The text is not what the walk expects; what was found so far stands (never leaves this module)."""


def locate(text: str) -> TomlLayout:
    """The span of every value and key of the TOML document ``text`` (already accepted by ``tomllib``)."""
    walk = _Walk(text)
    with contextlib.suppress(_Stop, IndexError):
        walk.document()
    return walk.layout


class _Walk:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0
        self.layout = TomlLayout()
        self.table: TomlPath = ()
        self.array_tables: dict[TomlPath, int] = {}

    def document(self) -> None:
        while self._skip(newlines=True) < len(self.text):
            if self.text.startswith("[[", self.at):
                self._header(double=True)
            elif self.text[self.at] == "[":
                self._header(double=False)
            else:
                self._pair(self.table)

    def _header(self, double: bool) -> None:
        start = self.at
        self.at += 2 if double else 1
        names = [name for name, _ in self._key()]
        self._skip()
        self._expect("]]" if double else "]")
        path: TomlPath = tuple(names)
        if double:
            index = self.array_tables.get(path, 0)
            self.array_tables[path] = index + 1
            path = (*path, index)
        self._record(self.layout.values, path, start, self.at)
        self.table = path

    def _pair(self, table: TomlPath) -> None:
        parts = self._key()
        path: TomlPath = table
        for name, (start, end) in parts:
            path = (*path, name)
            self._record(self.layout.keys, path, start, end)
        self._skip()
        self._expect("=")
        self._skip()
        self._value(path)

    def _key(self) -> list[tuple[str, tuple[int, int]]]:
        parts: list[tuple[str, tuple[int, int]]] = []
        while True:
            self._skip()
            start = self.at
            parts.append((self._key_part(), (start, self.at)))
            self._skip()
            if not self.text.startswith(".", self.at):
                return parts
            self.at += 1

    def _key_part(self) -> str:
        char = self.text[self.at]
        if char in "\"'":
            start = self.at
            self._string()
            try:  # the quoted name, unescaped as TOML does
                return str(tomllib.loads(f"k = {self.text[start : self.at]}")["k"])
            except tomllib.TOMLDecodeError as error:
                raise _Stop from error
        found = _BARE_KEY.match(self.text, self.at)
        if found is None:
            raise _Stop
        self.at = found.end()
        return found.group()

    def _value(self, path: TomlPath) -> None:
        start = self.at
        char = self.text[self.at]
        if char in "\"'":
            self._string()
        elif char == "[":
            self._array(path)
        elif char == "{":
            self._inline_table(path)
        else:
            end = _SCALAR_END.search(self.text, self.at)
            stop = end.start() if end else len(self.text)
            self.at = start + len(self.text[start:stop].rstrip(_BLANK))
            if self.at == start:
                raise _Stop
        self._record(self.layout.values, path, start, self.at)

    def _array(self, path: TomlPath) -> None:
        self.at += 1
        index = 0
        while self._skip(newlines=True) < len(self.text) and self.text[self.at] != "]":
            self._value((*path, index))
            index += 1
            self._skip(newlines=True)
            if self.text.startswith(",", self.at):
                self.at += 1
        self._expect("]")

    def _inline_table(self, path: TomlPath) -> None:
        self.at += 1
        while self._skip() < len(self.text) and self.text[self.at] != "}":
            self._pair(path)
            self._skip()
            if self.text.startswith(",", self.at):
                self.at += 1
        self._expect("}")

    def _string(self) -> None:
        quote = self.text[self.at]
        delimiter = quote * 3 if self.text.startswith(quote * 3, self.at) else quote
        self.at += len(delimiter)
        while True:
            if self.at >= len(self.text):
                raise _Stop
            if quote == '"' and self.text[self.at] == "\\":
                self.at += 2
            elif self.text.startswith(delimiter, self.at):
                run = len(delimiter)
                while run in (3, 4) and self.text.startswith(quote, self.at + run):  # quotes ending the content
                    run += 1
                self.at += run
                return
            else:
                self.at += 1

    def _skip(self, newlines: bool = False) -> int:
        """Moves past blanks and comments (and line breaks when ``newlines``); returns where the walk now stands."""
        while self.at < len(self.text):
            char = self.text[self.at]
            if char in _BLANK or (newlines and char in "\r\n"):
                self.at += 1
            elif char == "#":
                end = self.text.find("\n", self.at)
                self.at = len(self.text) if end < 0 else end
            else:
                break
        return self.at

    def _expect(self, token: str) -> None:
        if not self.text.startswith(token, self.at):
            raise _Stop
        self.at += len(token)

    def _record(self, index: dict[TomlPath, Span], path: TomlPath, start: int, end: int) -> None:
        if path in index:
            return
        line, col = line_col(self.text, start)
        index[path] = Span(line - 1, col - 1, start, end)
