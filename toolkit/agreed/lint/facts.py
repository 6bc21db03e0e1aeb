"""What a lint run needs of its configuration before it checks a file, apart from the rules themselves.

Choosing the files (include and exclude patterns), keying their cached results (per-file ignores, the roster, whether
a rule reads the clock), the exit code (``fail-on``): a run whose every file is in the result cache needs no more, so
it never resolves the rules, which imports every rule module. :class:`ConfigFacts` holds these facts;
:class:`agreed.lint.run.Configuration` holds them with the way to resolve the whole configuration when a file must
be checked. The facts of a configuration file are kept in the result cache, keyed by agreed's code and the file's
bytes (:class:`agreed.lint.cache_codec.FactsMemo`), so a warm run does not even read the settings.

This module imports nothing heavy: no YAML parser, no schema, no rule.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from agreed.record import Record


class ConfigFacts(Record):
    """A resolved configuration less its rules: where it is, which files it selects, what per-file ignores switch
    off (rule codes), the roster it names, ``fail-on``, the fingerprint of its settings, and whether an enabled rule
    reads the clock (then results depend on the date)."""

    source: Path | None
    root: Path
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    people: Path | None = None
    people_at: tuple[str, int, int] | None = None  # where the configuration names the roster
    fail_on: str | None = None
    fingerprint: str = ""
    clock: bool = False

    def excluded(self, path: Path) -> bool:
        """Whether ``path`` matches an exclude pattern (paths outside the configuration's folder never do)."""
        if not self.exclude:  # no pattern: spare resolving the path, a system call per part of it
            return False
        relative = self._relative(path)
        return relative is not None and _matcher(self.exclude)(relative)

    def included(self, path: Path) -> bool:
        """Whether a file found in a folder is selected by the include patterns (all are, without any)."""
        if not self.include:
            return True
        relative = self._relative(path)
        return relative is None or _matcher(self.include)(relative)

    def ignored_codes(self, path: str) -> frozenset[str]:
        """Codes of the rules that per-file ignores switch off for ``path``."""
        if not self.per_file_ignores:
            return frozenset()
        relative = self._relative(Path(path))
        if relative is None:
            return frozenset()
        return frozenset(code for pattern, codes in self.per_file_ignores if _matcher((pattern,))(relative)
                         for code in codes)

    def _relative(self, path: Path) -> str | None:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except (ValueError, OSError, RuntimeError):
            return None

    def encode(self) -> list[Any]:
        """The facts as JSON values, in field order (:meth:`decode` reads them back)."""
        return [None if self.source is None else str(self.source), str(self.root), list(self.include),
                list(self.exclude), [[pattern, sorted(codes)] for pattern, codes in self.per_file_ignores],
                None if self.people is None else str(self.people),
                None if self.people_at is None else list(self.people_at), self.fail_on, self.fingerprint, self.clock]

    @classmethod
    def decode(cls, data: Any) -> ConfigFacts:
        """The facts :meth:`encode` gave; TypeError for data of any other shape."""
        if type(data) is not list or len(data) != len(cls._fields):
            raise TypeError("not the facts of a configuration")
        source, root, include, exclude, ignores, people, people_at, fail_on, fingerprint, clock = data
        return cls(
            source=None if source is None else Path(_text(source)),
            root=Path(_text(root)),
            include=_texts(include),
            exclude=_texts(exclude),
            per_file_ignores=tuple((_text(pattern), frozenset(_texts(codes))) for pattern, codes in _pairs(ignores)),
            people=None if people is None else Path(_text(people)),
            people_at=None if people_at is None else _place(people_at),
            fail_on=None if fail_on is None else _text(fail_on),
            fingerprint=_text(fingerprint),
            clock=_flag(clock),
        )


def _text(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("not a text")
    return value


def _texts(values: Any) -> tuple[str, ...]:
    if type(values) is not list:
        raise TypeError("not a list")
    return tuple(_text(value) for value in values)


def _pairs(values: Any) -> list[list[Any]]:
    if type(values) is not list or any(type(value) is not list or len(value) != 2 for value in values):
        raise TypeError("not a list of pairs")
    return values


def _place(value: Any) -> tuple[str, int, int]:
    if type(value) is not list or len(value) != 3 or type(value[1]) is not int or type(value[2]) is not int:
        raise TypeError("not a place")
    return _text(value[0]), value[1], value[2]


def _flag(value: Any) -> bool:
    if type(value) is not bool:
        raise TypeError("not a flag")
    return value


_SPECS: dict[tuple[str, ...], Callable[[str], bool]] = {}


def _matcher(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """A compiled gitignore-style matcher for ``patterns``, built once per run."""
    matcher = _SPECS.get(patterns)
    if matcher is None:
        import pathspec  # only configurations with patterns pay for it

        matcher = _SPECS[patterns] = pathspec.GitIgnoreSpec.from_lines(patterns).match_file
    return matcher
