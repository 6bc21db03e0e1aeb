"""The renegotiation view: what a code lens on ``status`` and on each deliverable says, from git and the consent
records on disk.

A lens on ``status`` names the last commit that changed the agreement materially; a lens on a deliverable names the
last commit that changed that deliverable materially (matched by its id, as the semantic diff pairs list items).
Both say which parties consented to the current terms, which are still awaited and whose consent is stale
(:func:`agreed.consent.status.agreement_status`, as ``agreed consent status`` without a base gives it: the roster
of people the configuration names counts). The lenses describe the committed history and the file and
records on disk, not the unsaved buffer: a deliverable that HEAD's version lacks is "not committed yet". Where there
is no history to read (no repository, a shallow clone, a file git does not hold) the lens says why.

The work is done once per state of a file: its HEAD commit, the file on disk and its folder's consent records, each
read from the file system without running git, so lenses asked again while the agreement is typed cost a few stats.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Final

from agreed.agreement import agreement_of, read_agreement
from agreed.consent.gate_run import gate_roster
from agreed.consent.status import MISSING, STALE, VALID, AgreementStatus, agreement_status
from agreed.document import Document
from agreed.errors import AgreedError
from agreed.git.history import Version
from agreed.git.repository import Repository, decode_path
from agreed.history.diff import Change
from agreed.history.timeline import Entry, Options, build_timeline, touches
from agreed.history.versions import parse
from agreed.reading import not_a_regular_file
from agreed.record import Record
from agreed.settings import find_config
from agreed.sources import CONSENT_FOLDER

COMMAND: Final = "agreed.showHistory"  # what a client runs from a lens: (file URI, field) as its arguments
STATUS: Final = "status"
SEPARATOR: Final = " · "
NOT_COMMITTED: Final = "not committed yet"
SHALLOW: Final = "history incomplete in this shallow clone (git fetch --unshallow)"
_CONSENT_GROUPS: Final = (("consented", VALID), ("awaiting", MISSING), ("stale", STALE))


class LensPlace(Record):
    """Where a lens sits (0-based line and character of the key or item) and what it is about: the agreement's
    ``status``, or the deliverable with the id ``deliverable``."""

    line: int
    character: int
    deliverable: str | None = None

    @property
    def field(self) -> str:
        return field_of(self.deliverable)


def field_of(deliverable: str | None) -> str:
    """The element a lens is about as ``agreed history --field`` names it: ``status``, or the deliverable."""
    return STATUS if deliverable is None else f"results.deliverables[id={deliverable}]"


def lens_places(document: Document) -> list[LensPlace]:
    """The lenses of a loaded buffer: on the ``status`` key and on the first line of each deliverable with an id."""
    found: list[LensPlace] = []
    status = document.keys.get((STATUS,))
    if status is not None:
        found.append(LensPlace(status.line, status.col))
    for item in agreement_of(document).deliverables:
        span = document.values.get(item.path)
        if span is not None and isinstance(item.id, str):
            found.append(LensPlace(span.line, span.col, item.id))
    return found


@dataclass(frozen=True, slots=True)
class _Terms:
    """What git and the consent records say of one file: why there is no history (``missing``), else the last
    material version of the agreement and of each deliverable HEAD's version holds; and the consent."""

    consent: str
    missing: str | None = None
    last_material: Version | None = None
    deliverables: dict[str, Version | None] = field(default_factory=dict)
    absent: str = NOT_COMMITTED  # what the lens of a deliverable HEAD's version lacks says


@dataclass(frozen=True, slots=True)
class _Location:
    """Where git keeps the state of the repository holding a file: its own folder and the shared one (they differ
    in a linked work tree)."""

    git_dir: Path
    common_dir: Path


_State = tuple[object, ...]


class Lenses:
    """The lens texts of files, each file's worked out once per state (HEAD commit, the file, its consent records).
    Safe to use from several threads: one file's terms are worked out once however many lenses ask at a time."""

    def __init__(self) -> None:
        self._locations: dict[Path, _Location | str] = {}  # a file's repository, or why it has none
        self._terms: dict[Path, tuple[_State, _Terms]] = {}
        self._lock = threading.Lock()
        self.worked_out = 0  # how many times terms were read from git and the records (not from the cache)

    def title(self, file: Path, deliverable: str | None) -> str:
        """What the lens of ``file`` on its status (``deliverable`` None) or on a deliverable says."""
        return self.lens(file, deliverable)[0]

    def lens(self, file: Path, deliverable: str | None) -> tuple[str, bool]:
        """What the lens says, and whether there is a committed history of what it is about (its command would show
        none of a deliverable not committed yet, nor without a repository or in a shallow clone); the state of the
        file is read once for both."""
        with self._lock:
            terms = self._terms_of(file)
        has_history = terms.missing is None and (deliverable is None or deliverable in terms.deliverables)
        return _title(terms, deliverable), has_history

    def forget(self, file: Path) -> None:
        """Drop what is kept of ``file`` (its buffer was closed)."""
        with self._lock:
            self._locations.pop(file, None)
            self._terms.pop(file, None)

    def _terms_of(self, file: Path) -> _Terms:
        refused = not_a_regular_file(file)
        if refused is not None:
            return _Terms("", f"no history: {file} {refused.reason}")
        location = self._locations.get(file)
        if location is None:
            location = self._locations[file] = _locate(file)
        if isinstance(location, str):
            return _Terms("", location)
        state = _state(location, file)
        kept = self._terms.get(file)
        if kept is not None and kept[0] == state:
            return kept[1]
        self.worked_out += 1
        terms = _read_terms(file)
        self._terms[file] = (state, terms)
        return terms


def _locate(file: Path) -> _Location | str:
    try:
        with Repository.open(file) as repository:
            found = repository.run("rev-parse", "--absolute-git-dir", "--git-common-dir").splitlines()
            git_dir, common = (repository.root / decode_path(line) for line in found[:2])
    except AgreedError as error:
        return f"no history: {error}"
    return _Location(git_dir, common)


def _state(location: _Location, file: Path) -> _State:
    """What changes whenever HEAD moves, the file on disk changes, a consent record beside it does or the
    configuration (which may name a roster of people) does."""
    head = _read(location.git_dir / "HEAD")
    ref = head.removeprefix("ref:").strip() if head.startswith("ref:") else ""
    refs = (_read(location.common_dir / ref), _stat(location.common_dir / "packed-refs")) if ref else ()
    config = find_config(file.parent)
    return (head, *refs, _stat(location.common_dir / "shallow"), _stat(file), config and _stat(config),
            *_stats(file.parent / CONSENT_FOLDER))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size, found.st_ino


def _stats(folder: Path) -> list[tuple[str, tuple[int, int, int] | None]]:
    """Each file below ``folder`` (links not followed) with its stat, in a stable order."""
    found = [(os.path.join(top, name), _stat(Path(top, name)))
             for top, _, names in os.walk(folder) for name in names]
    return sorted(found, key=lambda pair: pair[0])


def _read_terms(file: Path) -> _Terms:
    try:
        with Repository.open(file) as repository:
            consent = _consent(repository, file)
            if repository.is_shallow():
                return _Terms(consent, SHALLOW)
            return _history(repository, file, consent)
    except AgreedError as error:
        return _Terms("", f"no history: {error}")


def _history(repository: Repository, file: Path, consent: str) -> _Terms:
    timeline = build_timeline(repository, repository.relative(file))
    committed = next((entry.version for entry in reversed(timeline.entries) if entry.version.blob is not None), None)
    if timeline.uncommitted or committed is None:
        return _Terms(consent, NOT_COMMITTED)
    assert committed.blob is not None
    data = parse(repository.blob(committed.blob), committed.path).data
    last = next((entry.version for entry in reversed(timeline.entries) if entry.material), None)
    if data is None:
        return _Terms(consent, None, last, absent=f"the version of {committed.commit[:7]} does not load")
    ids = [item.id for item in read_agreement(data).deliverables if isinstance(item.id, str)]
    return _Terms(consent, None, last,
                  {deliverable: _last_touching(timeline.entries, field_of(deliverable)) for deliverable in ids})


def history_text(file: Path, field: str) -> str:
    """What the lens's command shows, as ``agreed history --material-only`` prints it: the material changes of the
    agreement in ``file`` (``field`` ``status``), or those of one deliverable; else why there are none (a field no
    version holds is refused as ``agreed history --field`` refuses it). :class:`AgreedError` when there is no history
    to read or the field is unknown."""
    from agreed.report.timeline.text_report import render

    one = None if field == STATUS else field
    with Repository.open(file) as repository:
        timeline = build_timeline(repository, repository.relative(file), Options(material_only=True, field=one))
    if one is not None:  # the versions that changed it, each with its own changes (not the value by version)
        timeline = replace(timeline, field=None, points=(),
                           entries=tuple(replace(entry, changes=_touching(entry, one))
                                         for entry in timeline.entries if _changed_materially(entry, one)))
    return render(timeline)


def _last_touching(entries: Sequence[Entry], wanted: str) -> Version | None:
    """The newest version that changed ``wanted`` materially."""
    return next((entry.version for entry in reversed(entries) if _changed_materially(entry, wanted)), None)


def _changed_materially(entry: Entry, wanted: str) -> bool:
    """Whether ``entry`` changed ``wanted`` materially; a version whose changes are not listed (a creation, a
    deletion, one that cannot be parsed) counts, as it does for ``agreed history --field``."""
    listed = not (entry.created or entry.deleted or entry.unknown)
    return not listed or any(change.material for change in _touching(entry, wanted))


def _touching(entry: Entry, wanted: str) -> tuple[Change, ...]:
    return tuple(change for change in entry.changes if touches(change.path, wanted))


def _consent(repository: Repository, file: Path) -> str:
    try:
        status = agreement_status(repository, file, roster=gate_roster(repository, file.parent, None))
    except AgreedError as error:
        return f"consent unknown: {error}"
    return consent_text(status)


def consent_text(status: AgreementStatus) -> str:
    """Who consented to the current terms, who is awaited and whose consent is stale, in one line."""
    if status.error is not None:
        return f"consent: {status.error}"
    groups = [(label, [party.party for party in status.parties if party.state == state])
              for label, state in _CONSENT_GROUPS]
    shown = [f"{label}: {', '.join(names)}" for label, names in groups if names]
    return SEPARATOR.join(shown) or "consent: no parties"


def _title(terms: _Terms, deliverable: str | None) -> str:
    history = terms.missing or _history_text(terms, deliverable)
    return SEPARATOR.join(part for part in (history, terms.consent) if part)


def _history_text(terms: _Terms, deliverable: str | None) -> str:
    if deliverable is None:
        return _changed(terms.last_material)
    if deliverable not in terms.deliverables:
        return terms.absent
    return _changed(terms.deliverables[deliverable])


def _changed(version: Version | None) -> str:
    if version is None:
        return "no material change in the history"
    return f"last material change {version.date.date().isoformat()} by {version.author} ({version.commit[:7]})"
