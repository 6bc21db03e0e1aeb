"""Lint results in the cache: how a file's problems and agreement summary are keyed, stored and read back.

All the results of one configuration live in one file, ``<cache>/v4/<digest of the salt>.json``, in a
:mod:`agreed.cache` folder, which authenticates it: a warm run reads one file instead of one per agreement. The salt
is the caller's (tool version and code, configuration and where it is, roster, and the date when a clock rule is on,
treated opaquely). Within it, a file's result is keyed by the path it is reported under, the codes that per-file
ignores switch off for it and its exact bytes; change any of them and the result is simply not found. Beside the
results of each file, the file keeps the findings of the cross-file rules for the last few sets of files checked
together, keyed by every file's key, so a run over unchanged files runs no rule at all.

Results are gathered in memory and written by :meth:`ResultCache.save`: the file is read again under a lock and
this run's results merged in, so runs at the same time keep each other's results, and written atomically. A result
whose file was checked again with other bytes is dropped then, so the file holds about one result per path.

A file or a result of any other shape is a miss. Problems from an internal error (X001) are never stored, so a crash
in a rule is reported again on the next run instead of being remembered.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from agreed.cache import CacheFolder, JsonFiles, code_stamp, content_key
from agreed.codes import INTERNAL_ERROR
from agreed.lint.context import AgreementSummary, PartyEntry
from agreed.lint.facts import ConfigFacts
from agreed.problem import Problem, Severity

LAYOUT = "v4"  # bump when the file's format changes; files of older layouts are then never read
FILE_VERSION = 4
CROSS_FILE_KEPT = 4  # sets of files whose cross-file findings are kept (a whole run, and a few partial ones)

Encoded = list[Any]  # a result as stored: [shown path, problems, summary]

FACTS_LAYOUT = "settings-v1"  # the facts of configurations (:class:`ConfigFacts`), one file each


def _nothing_ignored(shown_path: str) -> frozenset[str]:
    return frozenset()


class ResultCache:
    """Lint results kept in ``folder``, one file per ``salt``; each file's result keyed by its shown path, the codes
    ``ignored_for`` switches off for it (the configuration's per-file ignores) and its bytes."""

    __slots__ = ("_files", "_looked_up", "_new", "_new_cross_file", "_stored", "file", "folder", "ignored_for", "salt")

    def __init__(self, folder: CacheFolder, salt: str,
                 ignored_for: Callable[[str], frozenset[str]] = _nothing_ignored) -> None:
        self.folder = folder
        self.salt = salt
        self.ignored_for = ignored_for
        name = hashlib.sha256(salt.encode("utf-8", "surrogatepass")).hexdigest()
        self.file = os.path.join(folder.path, LAYOUT, f"{name}.json")  # a string: pathlib is slow
        self._files = JsonFiles(folder)
        self._stored: _Stored | None = None
        self._looked_up: dict[str, str] = {}  # shown path -> key, for this run
        self._new: dict[str, Encoded] = {}
        self._new_cross_file: tuple[str, list[list[Any]]] | None = None

    def __repr__(self) -> str:
        return f"ResultCache({str(self.folder.path)!r}, {self.salt!r})"

    @property
    def directory(self) -> Path:
        return self.folder.path

    def _key(self, shown_path: str, raw: bytes) -> str:
        return content_key((shown_path, " ".join(sorted(self.ignored_for(shown_path)))), raw)

    def lookup(self, shown_path: str, raw: bytes) -> list[Problem] | None:
        """The stored problems of this path with exactly these bytes, or None (a miss) when there is no usable entry."""
        found = self.lookup_result(shown_path, raw)
        return None if found is None else found[0]

    def lookup_result(self, shown_path: str, raw: bytes) -> tuple[list[Problem], AgreementSummary | None] | None:
        """The stored problems and agreement summary of this path with exactly these bytes, or None (a miss)."""
        key = self._looked_up[shown_path] = self._key(shown_path, raw)
        encoded = self._new.get(key)
        if encoded is None:
            encoded = self._read().results.get(key)
        try:
            return None if encoded is None else _decode_result(shown_path, encoded)
        except (ValueError, TypeError, KeyError, IndexError):  # a result of the wrong shape
            return None

    def store(self, shown_path: str, raw: bytes, problems: Sequence[Problem],
              summary: AgreementSummary | None = None) -> None:
        """Remember ``problems`` (and the summary) for this path and content, until :meth:`save`."""
        if any(problem.rule == INTERNAL_ERROR for problem in problems):
            return
        key = self._looked_up[shown_path] = self._key(shown_path, raw)
        self._new[key] = [shown_path, _encode_problems(problems), _encode_summary(summary)]

    def run_key(self, files: int) -> str | None:
        """What the cross-file findings of this run are keyed by: every file's key, when all ``files`` of the run were
        looked up (else None: a file the cache could not read leaves the run without one)."""
        if len(self._looked_up) != files:
            return None
        return content_key(sorted(self._looked_up.values()), b"")

    def cross_file(self, run_key: str) -> list[Problem] | None:
        """The stored cross-file findings of the run with ``run_key``, or None (a miss)."""
        encoded = next((problems for key, problems in self._read().cross_file if key == run_key), None)
        try:
            return None if encoded is None else _decode_problems(encoded)
        except (ValueError, TypeError, KeyError, IndexError):
            return None

    def store_cross_file(self, run_key: str, problems: Sequence[Problem]) -> None:
        """Remember the cross-file findings of the run with ``run_key`` (none from an internal error), until
        :meth:`save`."""
        if not any(problem.rule == INTERNAL_ERROR for problem in problems):
            self._new_cross_file = (run_key, _encode_problems(problems))

    def save(self) -> None:
        """Write what this run stored into the file, merged with what is there now (other runs' results kept); does
        nothing when nothing was stored or the cache folder is not writable."""
        if self._new or self._new_cross_file is not None:
            self._files.update(self.file, self._merged)
            self._new.clear()
            self._new_cross_file = None
            self._stored = None

    def _read(self) -> _Stored:
        if self._stored is None:
            self._stored = _Stored.of(self._files.read(self.file))
        return self._stored

    def _merged(self, current: Any) -> dict[str, Any]:
        stored = _Stored.of(current)
        checked_again = {key for key, (shown, *_) in stored.results.items()
                         if self._looked_up.get(shown, key) != key}  # an older version of a file of this run
        results = {key: value for key, value in stored.results.items() if key not in checked_again}
        results.update(self._new)
        cross_file = list(stored.cross_file)
        if self._new_cross_file is not None:
            run_key = self._new_cross_file[0]
            cross_file = [self._new_cross_file, *(entry for entry in cross_file if entry[0] != run_key)]
        return {"version": FILE_VERSION, "results": results,
                "cross_file": [list(entry) for entry in cross_file[:CROSS_FILE_KEPT]]}


class _Stored:
    """What the cache file holds, as read: results by key, and cross-file findings by run key (newest first)."""

    __slots__ = ("cross_file", "results")

    def __init__(self, results: dict[str, Encoded], cross_file: list[tuple[str, list[list[Any]]]]) -> None:
        self.results = results
        self.cross_file = cross_file

    @classmethod
    def of(cls, data: Any) -> _Stored:
        """The file's content; nothing from a file of another shape (another layout, damaged, hand-made)."""
        if not isinstance(data, dict) or data.get("version") != FILE_VERSION:
            return cls({}, [])
        results, cross_file = data.get("results"), data.get("cross_file")
        if not isinstance(results, dict) or not isinstance(cross_file, list):
            return cls({}, [])
        usable = {key: value for key, value in results.items()
                  if isinstance(value, list) and len(value) == 3 and isinstance(value[0], str)}
        runs = [(entry[0], entry[1]) for entry in cross_file
                if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str)]
        return cls(usable, runs)


def _decode_result(shown_path: str, encoded: Encoded) -> tuple[list[Problem], AgreementSummary | None]:
    """A stored result; a malformed one raises TypeError, ValueError, KeyError or IndexError (a miss)."""
    if encoded[0] != shown_path:
        raise ValueError("a result stored for another path")
    return _decode_problems(encoded[1]), _decode_summary(shown_path, encoded[2])


# A problem is stored as the list of its fields, the severity by its label.
_SEVERITY = Problem._fields.index("severity")


def _encode_problems(problems: Sequence[Problem]) -> list[list[Any]]:
    return [[*problem[:_SEVERITY], problem.severity.label, *problem[_SEVERITY + 1:]] for problem in problems]


# The exact types of each field (``type(value) in``: quicker than isinstance over unions, and no bool for an int).
_TEXT, _NUMBER, _OPTIONAL_TEXT = (str,), (int,), (str, type(None))
_PROBLEM_FIELDS = tuple((type(value),) for value in _encode_problems([Problem("", 0, 0, "", Severity.ERROR, "")])[0])
_SUMMARY_FIELDS = (_OPTIONAL_TEXT, _NUMBER, _NUMBER, (list,))
_PARTY_FIELDS = (_TEXT, _OPTIONAL_TEXT, _OPTIONAL_TEXT, _OPTIONAL_TEXT, _NUMBER, _NUMBER)


def _decode_problems(items: Any) -> list[Problem]:
    if not isinstance(items, list):
        raise TypeError("malformed cache entry")
    problems = []
    for item in items:
        fields = _typed(item, _PROBLEM_FIELDS)
        severity = Severity.parse(fields[_SEVERITY])  # ValueError: a miss
        problems.append(Problem._make([*fields[:_SEVERITY], severity, *fields[_SEVERITY + 1:]]))
    return problems


def _encode_summary(summary: AgreementSummary | None) -> list[Any] | None:
    if summary is None:
        return None
    parties = [[party.id, party.name, party.email, party.handle, party.line, party.col] for party in summary.parties]
    return [summary.id, summary.line, summary.col, parties]


def _decode_summary(path: str, data: Any) -> AgreementSummary | None:
    if data is None:
        return None
    agreement_id, line, col, parties = _typed(data, _SUMMARY_FIELDS)
    entries = tuple(PartyEntry(*_typed(entry, _PARTY_FIELDS)) for entry in parties)
    return AgreementSummary(path, agreement_id, line, col, entries)


def _typed(values: Any, types: tuple[tuple[type, ...], ...]) -> list[Any]:
    """``values``, when it is a list of exactly one value of the given types per field; else TypeError (a miss)."""
    if type(values) is not list or len(values) != len(types):
        raise TypeError("malformed cache entry")
    for value, allowed in zip(values, types, strict=True):
        if type(value) not in allowed:
            raise TypeError("malformed cache entry")
    return values


class FactsMemo:
    """The facts of configuration files, kept in ``folder``: one entry per configuration file (its bytes, its name as
    given and its real place, the folder it applies to, the folder paths are shown from) and agreed's code
    (:func:`agreed.cache.code_stamp`), so that a run over cached results neither reads the settings nor resolves the
    rules. Only the facts of a configuration that resolved without a problem are kept: the same bytes, named the same
    way from the same place, under the same code, resolve the same way."""

    __slots__ = ("_entry", "_files")

    def __init__(self, folder: CacheFolder, source: Path | None, root: Path, base: Path, raw: bytes) -> None:
        self._files = JsonFiles(folder)
        named = ("", "") if source is None else (str(source), str(source.resolve()))
        key = content_key((code_stamp(), *named, str(root), str(base)), raw)
        self._entry = os.path.join(folder.path, FACTS_LAYOUT, f"{key}.json")  # a few: one per configuration

    def recall(self) -> ConfigFacts | None:
        """The facts kept for this configuration, or None (a miss: none kept, or of another shape)."""
        try:
            return ConfigFacts.decode(self._files.read(self._entry))
        except TypeError:
            return None

    def keep(self, facts: ConfigFacts) -> None:
        self._files.write(self._entry, facts.encode())
