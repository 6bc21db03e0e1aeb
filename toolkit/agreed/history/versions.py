"""Parse an agreement's versions, caching the parsed data by blob id so that a repeated history is near-instant.

Each version's bytes are loaded with :func:`agreed.document.load_document` (the C-parser-based safe loader). What
it yields (the plain data, or the problems that kept it from loading) is stored as a small JSON file under
``<cache>/blobs/v2/<first two hex digits>/<blob id>.json``, in the repository's folder of the user's cache (see
:mod:`agreed.cache`, which also authenticates every entry and follows no link): a blob id names the exact bytes, so
an entry never goes stale. What comparing two versions gave is stored the same way under ``v2/pairs/``, keyed by both
blob ids. Entries are written to a temporary file and renamed into place; an entry that is missing, corrupt, not
authentic or written by another version of agreed is a miss; a cache folder that cannot be written silently stops
storing. A loader that serves one history (``history``, as :func:`agreed.history.timeline.build_timeline` names
it) keeps all of that history's entries in one pack instead (:mod:`agreed.history.pack`), written by :meth:`save`.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from agreed.cache import CacheFolder, JsonFiles, code_stamp
from agreed.history.pack import HistoryPack
from agreed.history.piecewise import PiecewiseParser

if TYPE_CHECKING:
    from agreed.history.canonical import Fingerprints

LAYOUT = "v2"  # bump when the entry format changes
_BLOB_ID = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")


class BlobSource(Protocol):
    """Where blobs come from: :class:`agreed.git.repository.Repository` in practice."""

    def blob(self, blob_id: str) -> bytes: ...

    def blobs(self, blob_ids: Iterable[str]) -> dict[str, bytes]: ...


@dataclass(frozen=True, slots=True)
class Parsed:
    """One version's content as loaded: its data, or None with the problems that kept it from loading."""

    data: Any
    problems: tuple[str, ...] = ()

    @property
    def loaded(self) -> bool:
        return self.data is not None


DELETED = Parsed(None)


def parse(raw: bytes, path: str) -> Parsed:
    """Load one version's bytes; every defect becomes a one-line problem, never an exception."""
    from agreed.document import load_document

    document = load_document(raw, path, positions=False)
    problems = tuple(f"line {problem.line}, col {problem.col}: {problem.message} ({problem.rule})"
                     for problem in document.problems)
    return Parsed(document.data if not problems else None, problems)


def parse_piecewise(pieces: PiecewiseParser, raw: bytes, path: str) -> Parsed:
    """What :func:`parse` gives for ``raw``, from the pieces ``pieces`` remembers where it can."""
    data = pieces.joined(raw, path)
    return Parsed(data) if data is not None else parse(raw, path)


class VersionLoader:
    """Parsed versions by blob id: from memory, else the cache folder, else git (then stored).

    ``blobs_read`` counts the blobs actually read from git, which a warm cache keeps at zero. Versions are loaded
    a top-level entry at a time (:mod:`agreed.history.piecewise`): one history's versions share most of their text.
    """

    def __init__(self, source: BlobSource, folder: CacheFolder | None, history: str | None = None) -> None:
        self._source = source
        self.directory = None if folder is None else blob_directory(folder)
        self._root = None if self.directory is None else os.path.join(self.directory, LAYOUT)
        self._memory: dict[str, Parsed] = {}
        self._files = None if folder is None else JsonFiles(folder)
        self._pack = None
        if self._files is not None and self._root is not None and history is not None:
            self._pack = HistoryPack(self._files, os.path.join(self._root, "histories"), history)
        self._pieces = PiecewiseParser()
        self.blobs_read = 0

    @functools.cached_property
    def fingerprints(self) -> Fingerprints:
        """Fingerprints of the loaded versions' list items (which nobody changes), for comparing them; made when
        first compared (a warm history compares nothing, and does not import the comparison)."""
        from agreed.history.canonical import Fingerprints

        return Fingerprints()

    def load(self, blob_id: str | None, path: str) -> Parsed:
        """The parsed content of ``blob_id`` (shown as ``path`` in problems); :data:`DELETED` for None."""
        if blob_id is None:
            return DELETED
        found = self._memory.get(blob_id)
        if found is None:
            found = self._lookup(blob_id)
        if found is None:
            self.blobs_read += 1
            found = parse_piecewise(self._pieces, self._source.blob(blob_id), path)
            self._store(blob_id, found)
        self._memory[blob_id] = found
        return found

    def prefetch(self, wanted: Sequence[tuple[str | None, str]]) -> None:
        """Parse at once every (blob, path) not yet known, on all cores when there are many: parsing is what a cold
        history spends its time on."""
        missing: dict[str, str] = {}
        for blob_id, path in wanted:
            if blob_id is None or blob_id in self._memory or blob_id in missing or self._stored(blob_id):
                continue  # what the cache holds is read only if needed: a warm history may need none of it
            missing[blob_id] = path
        if not missing:
            return  # nothing to parse: the workers' machinery is not even imported
        read = self._source.blobs(missing)  # one git process for all (a blob it cannot give is asked for alone)
        work = [(blob_id, read[blob_id] if blob_id in read else self._source.blob(blob_id), path)
                for blob_id, path in missing.items()]
        self.blobs_read += len(work)
        for blob_id, parsed in zip(missing, _parse_all(work, self._pieces), strict=True):
            self._store(blob_id, parsed)
            self._memory[blob_id] = parsed

    def outcome(self, before: str | None, after: str | None) -> dict[str, Any] | None:
        """What a caller stored for the pair of blobs (before, after) with :meth:`store_outcome`, if anything."""
        if self._pack is not None:
            stored = self._pack.pair(_pair_key(before, after))
        else:
            stored = self._read(self._pair_entry(before, after))
        return stored if isinstance(stored, dict) and stored.get("agreed") == code_stamp() else None

    def store_outcome(self, before: str | None, after: str | None, record: dict[str, Any]) -> None:
        """Remember what comparing two blobs gave (plain JSON data), so a repeated history need not compare them."""
        if self._pack is not None:
            self._pack.put_pair(_pair_key(before, after), {"agreed": code_stamp(), **record})
        else:
            self._write(self._pair_entry(before, after), {"agreed": code_stamp(), **record})

    def save(self) -> None:
        """Write what a loader that serves one history found and made (a loader of entries wrote as it went)."""
        if self._pack is not None:
            self._pack.save()

    def _entry(self, blob_id: str) -> str | None:
        if self._root is None or not _BLOB_ID.fullmatch(blob_id):
            return None
        return os.path.join(self._root, blob_id[:2], f"{blob_id[2:]}.json")

    def _pair_entry(self, before: str | None, after: str | None) -> str | None:
        if self._root is None:
            return None
        digest = hashlib.sha256(_pair_key(before, after).encode("ascii", errors="replace")).hexdigest()
        return os.path.join(self._root, "pairs", digest[:2], f"{digest[2:]}.json")

    def _stored(self, blob_id: str) -> bool:
        if self._pack is not None:
            return self._pack.has(blob_id)
        entry = self._entry(blob_id)
        return entry is not None and os.path.exists(entry)

    def _lookup(self, blob_id: str) -> Parsed | None:
        if self._pack is not None:
            return _decode({"agreed": code_stamp(), **(self._pack.blob(blob_id) or {})})
        return _decode(self._read(self._entry(blob_id)))

    def _store(self, blob_id: str, parsed: Parsed) -> None:
        if self._pack is not None:
            self._pack.put_blob(blob_id, {"data": parsed.data, "problems": list(parsed.problems)})
            return
        self._write(self._entry(blob_id),
                    {"agreed": code_stamp(), "data": parsed.data, "problems": list(parsed.problems)})

    def _read(self, entry: str | None) -> Any:
        return None if entry is None or self._files is None else self._files.read(entry)

    def _write(self, entry: str | None, value: Any) -> None:
        if entry is not None and self._files is not None:
            self._files.write(entry, value)


def _pair_key(before: str | None, after: str | None) -> str:
    return f"{before or '-'}:{after or '-'}"


def _decode(stored: Any) -> Parsed | None:
    if not isinstance(stored, dict) or stored.get("agreed") != code_stamp():
        return None
    problems = stored.get("problems")
    if not isinstance(problems, list) or not all(isinstance(problem, str) for problem in problems):
        return None
    data = stored.get("data")
    if data is None and not problems:
        return None
    return Parsed(data, tuple(problems))


VERSIONS_PER_WORKER = 2000  # below this many versions per worker, forking costs more than it saves: versions
# loaded piecewise take about 0.2 ms each, and a worker's results come back pickled


def _parse_all(work: Sequence[tuple[str, bytes, str]], pieces: PiecewiseParser) -> list[Parsed]:
    """Each version parsed, in order; in forked workers when there are enough of them (each worker is handed
    consecutive versions and its own copy of ``pieces``)."""
    from agreed.lint.batch import map_forked

    return map_forked(functools.partial(_parse_one, pieces=pieces), work, VERSIONS_PER_WORKER)


def _parse_one(item: tuple[str, bytes, str], *, pieces: PiecewiseParser) -> Parsed:
    return parse_piecewise(pieces, item[1], item[2])


def blob_directory(folder: CacheFolder) -> Path:
    """Where parsed versions are cached in a repository's cache folder."""
    return folder.path / "blobs"
