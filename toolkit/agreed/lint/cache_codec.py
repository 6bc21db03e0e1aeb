"""Lint results in the cache: how a file's problems and agreement summary are keyed, stored and read back.

An entry is keyed by the caller's salt (tool version and code, configuration and where it is, roster, and the date
when a clock rule is on, treated opaquely), the path a file is reported under, the codes that per-file ignores
switch off for it, and the file's exact bytes; change any of them and the entry is simply not found. Entries live
under ``<cache>/v3/<first two hex digits>/<digest>.json`` in a :mod:`agreed.cache` folder, which authenticates them.

An entry of any other shape is a miss. Problems from an internal error (X001) are never stored, so a crash in a
rule is reported again on the next run instead of being remembered.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from agreed.cache import CacheFolder, JsonFiles, content_entry
from agreed.codes import INTERNAL_ERROR
from agreed.lint.rule import AgreementSummary, PartyEntry
from agreed.problem import Problem, Severity

LAYOUT = "v3"  # bump when the entry format changes; old entries are then never read
ENTRY_VERSION = 3
_FIELDS = ("path", "line", "col", "rule", "severity", "message")


def _nothing_ignored(shown_path: str) -> frozenset[str]:
    return frozenset()


class ResultCache:
    """Lint results kept in ``folder``, keyed by ``salt``, the shown path, the codes ``ignored_for`` switches off for
    it (the configuration's per-file ignores) and the file's bytes."""

    __slots__ = ("_files", "_root", "folder", "ignored_for", "salt")

    def __init__(self, folder: CacheFolder, salt: str,
                 ignored_for: Callable[[str], frozenset[str]] = _nothing_ignored) -> None:
        self.folder = folder
        self.salt = salt
        self.ignored_for = ignored_for
        self._root = os.path.join(folder.path, LAYOUT)  # entries' paths are built as strings: pathlib is slow
        self._files = JsonFiles(folder)

    def __repr__(self) -> str:
        return f"ResultCache({str(self.folder.path)!r}, {self.salt!r})"

    @property
    def directory(self) -> Path:
        return self.folder.path

    def entry(self, shown_path: str, raw: bytes) -> Path:
        """Where the entry for this path and content lives (whether or not it exists)."""
        return Path(self._entry(shown_path, raw))

    def _entry(self, shown_path: str, raw: bytes) -> str:
        return content_entry(self._root, (self.salt, shown_path, " ".join(sorted(self.ignored_for(shown_path)))),
                             raw)

    def lookup(self, shown_path: str, raw: bytes) -> list[Problem] | None:
        """The stored problems of this path with exactly these bytes, or None (a miss) when there is no usable entry."""
        found = self.lookup_result(shown_path, raw)
        return None if found is None else found[0]

    def lookup_result(self, shown_path: str, raw: bytes) -> tuple[list[Problem], AgreementSummary | None] | None:
        """The stored problems and agreement summary of this path with exactly these bytes, or None (a miss)."""
        data = self._files.read(self._entry(shown_path, raw))
        try:
            problems = _decode(data)
            if problems is None:
                return None
            return problems, _decode_summary(shown_path, data.get("summary"))
        except (ValueError, TypeError, KeyError):  # an entry of the wrong shape
            return None

    def store(self, shown_path: str, raw: bytes, problems: Sequence[Problem],
              summary: AgreementSummary | None = None) -> None:
        """Remember ``problems`` (and the summary) for this path and content; does nothing when the cache folder is
        not writable."""
        if any(problem.rule == INTERNAL_ERROR for problem in problems):
            return
        self._files.write(self._entry(shown_path, raw),
                          {"version": ENTRY_VERSION, "problems": [_encode(problem) for problem in problems],
                           "summary": _encode_summary(summary)})


def _encode(problem: Problem) -> dict[str, Any]:
    return {"path": problem.path, "line": problem.line, "col": problem.col, "rule": problem.rule,
            "severity": problem.severity.label, "message": problem.message}


def _decode(data: Any) -> list[Problem] | None:
    """The problems of an entry, or None when it is not exactly what :func:`_encode` writes."""
    if not isinstance(data, dict) or data.get("version") != ENTRY_VERSION:
        return None
    items = data.get("problems")
    if not isinstance(items, list):
        return None
    problems = []
    for item in items:
        if not isinstance(item, dict) or tuple(item) != _FIELDS:
            return None
        path, line, col, rule, severity, message = (item[name] for name in _FIELDS)
        if not (isinstance(path, str) and isinstance(rule, str) and isinstance(message, str)
                and isinstance(severity, str) and type(line) is int and type(col) is int):
            return None
        problems.append(Problem(path, line, col, rule, Severity.parse(severity), message))  # ValueError: a miss
    return problems


def _encode_summary(summary: AgreementSummary | None) -> dict[str, Any] | None:
    if summary is None:
        return None
    parties = [[party.id, party.name, party.email, party.handle, party.line, party.col] for party in summary.parties]
    return {"id": summary.id, "line": summary.line, "col": summary.col, "parties": parties}


def _decode_summary(path: str, data: Any) -> AgreementSummary | None:
    """A stored summary; a malformed one raises TypeError or ValueError, which makes the entry a miss."""
    if data is None:
        return None
    parties = tuple(PartyEntry(*_typed(entry, (str, str | None, str | None, str | None, int, int)))
                    for entry in data["parties"])
    agreement_id, line, col = _typed([data["id"], data["line"], data["col"]], (str | None, int, int))
    return AgreementSummary(path, agreement_id, line, col, parties)


def _typed(values: Any, types: tuple[Any, ...]) -> list[Any]:
    if not isinstance(values, list) or len(values) != len(types):
        raise TypeError("malformed cache entry")
    for value, expected in zip(values, types, strict=True):
        if not isinstance(value, expected) or isinstance(value, bool):
            raise TypeError("malformed cache entry")
    return values
