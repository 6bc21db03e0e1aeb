"""A content-keyed cache of lint results, so that re-linting unchanged files costs a hash and a small read.

An entry is keyed by the SHA-256 of the caller's salt (tool version, configuration and date, treated opaquely),
the path a file is reported under and the file's exact bytes; change any of them and the entry is simply not found.
Entries are small JSON files under ``<cache>/v1/<first two hex digits>/<digest>.json``, each written to a temporary
file and renamed into place, so parallel writers (forked workers) never see or leave a half-written entry.

The cache never makes linting fail: an entry that is missing, corrupt, truncated or unreadable is a miss, and a
cache folder that cannot be written silently stops storing. Problems from an internal error (X001) are never
stored, so a crash in a rule is reported again on the next run instead of being remembered.

This module imports nothing heavy (no YAML parser, no schema validator, no rules): a fully cached run never loads
them.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from agreed import __version__
from agreed.atomic import write_atomically
from agreed.lint.rule import AgreementSummary, PartyEntry
from agreed.problem import Problem, Severity

CACHE_FOLDER = ".agreed_cache"
LAYOUT = "v2"  # bump when the entry format changes; old entries are then never read
ENTRY_VERSION = 2
INTERNAL_ERROR = "X001"  # the engine's internal-error rule (agreed.lint.engine.INTERNAL_ERROR), never cached

# https://bford.info/cachedir/: backup and archiving tools skip a folder holding this file.
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by agreed.\n"
    "# For information about cache directory tags, see:\n"
    "#\thttps://bford.info/cachedir/\n"
)
GITIGNORE = "# Created by agreed: everything in this folder is a cache.\n*\n"

_FIELDS = ("path", "line", "col", "rule", "severity", "message")


class JsonFiles:
    """Small JSON entries in a cache folder: any entry that cannot be read is a miss; each entry is written to a
    temporary file and renamed into place, so parallel writers (forked workers) never see half an entry; the cache
    folder (``root``) gets its ``CACHEDIR.TAG`` and ``.gitignore`` when first written; once a write fails (the folder
    is not writable), storing stops quietly."""

    __slots__ = ("_disabled", "_ready", "root")

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._ready: set[str] = set()  # entry folders known to exist (per process)
        self._disabled = False

    @staticmethod
    def read(entry: str) -> Any:
        """The JSON value at ``entry``; None when there is none, or it cannot be read or decoded."""
        try:
            with open(entry, "rb") as stream:
                return json.loads(stream.read())
        except (OSError, ValueError, RecursionError):  # missing, unreadable, not JSON, or nested absurdly deep
            return None

    def write(self, entry: str, value: Any) -> None:
        if self._disabled:
            return
        folder, name = os.path.split(entry)
        temporary = os.path.join(folder, f".{name}.{os.getpid()}.tmp")  # one writer per process: no clash
        try:
            text = json.dumps(value, separators=(",", ":"))
            self._prepare(folder)
            with open(temporary, "wb") as stream:
                stream.write(text.encode("ascii"))  # json.dumps escapes everything outside ASCII
            os.replace(temporary, entry)
        except (OSError, ValueError, TypeError):  # ValueError, TypeError: data that JSON cannot hold
            self._disabled = True
            with contextlib.suppress(OSError):
                os.unlink(temporary)

    def _prepare(self, folder: str) -> None:
        """Create the entry folder and, once per process, the cache folder with its tag and .gitignore."""
        if folder in self._ready:
            return
        if not self._ready:
            self.root.mkdir(parents=True, exist_ok=True)
            for name, text in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", GITIGNORE)):
                if not (self.root / name).exists():
                    with contextlib.suppress(FileExistsError):  # another process may have written it first
                        write_atomically(self.root / name, text, overwrite=False)
        os.makedirs(folder, exist_ok=True)
        self._ready.add(folder)


class ResultCache:
    """Lint results stored under ``directory``, keyed by ``key`` (a salt), the shown path and the file's bytes."""

    __slots__ = ("_files", "_root", "directory", "key")

    def __init__(self, directory: Path, key: str) -> None:
        self.directory = Path(directory)
        self.key = key
        self._root = os.path.join(self.directory, LAYOUT)  # entries' paths are built as strings: pathlib is slow
        self._files = JsonFiles(self.directory)

    def __repr__(self) -> str:
        return f"ResultCache({str(self.directory)!r}, {self.key!r})"

    def entry(self, shown_path: str, raw: bytes) -> Path:
        """Where the entry for this path and content lives (whether or not it exists)."""
        return Path(self._entry(shown_path, raw))

    def _entry(self, shown_path: str, raw: bytes) -> str:
        digest = hashlib.sha256()
        for part in (self.key, shown_path):
            encoded = part.encode("utf-8", "surrogatepass")
            digest.update(b"%d:" % len(encoded))  # length-prefixed: no two (salt, path) pairs run together alike
            digest.update(encoded)
        digest.update(raw)
        name = digest.hexdigest()
        return f"{self._root}{os.sep}{name[:2]}{os.sep}{name}.json"

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


@functools.cache
def code_stamp() -> str:
    """agreed's version and the size and modification time of every one of its modules: a cached result made by
    other code (another release, or an edited checkout) is never reused. A few dozen stat calls."""
    stamps: list[str] = []
    folders = [Path(__file__).resolve().parent]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir() and entry.name != "__pycache__":
                    folders.append(Path(entry.path))
                elif entry.name.endswith((".py", ".json", ".yaml")):
                    status = entry.stat()
                    stamps.append(f"{entry.path}:{status.st_size}:{status.st_mtime_ns}")
    digest = hashlib.sha256("\n".join(sorted(stamps)).encode()).hexdigest()[:16]
    return f"{__version__}+{digest}"


def cache_directory(start: Path) -> Path:
    """The cache folder for work in ``start``: ``.agreed_cache`` at the root of the enclosing git repository.

    The root is the nearest of ``start`` and its ancestors that holds ``.git`` (a folder, or a file in a worktree or
    submodule); outside any repository, ``start/.agreed_cache``.
    """
    from agreed.sources import repository_root

    return (repository_root(start) or Path(os.path.abspath(start))) / CACHE_FOLDER


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
