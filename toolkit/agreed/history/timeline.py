"""The model behind ``agreed history``: every version of one agreement with its semantic changes, or one field's
timeline with cumulative movement (how far a deadline slipped, how much a target moved).

Versions come from :func:`agreed.git.history.steps_of`, oldest first, renames followed by git's rename detection; a
rename is followed only while the agreement keeps its ``id`` (a file renamed from one with another id starts a new
history).
Only first parents are followed by default (``git log --first-parent``): a branch merged with ``--no-ff`` is one
version, its merge, compared with the main line before it, so every change is listed once. On request
(``Options.first_parent`` False) the merged branches' commits are listed too; each version is compared with the
file in its commit's first parent, so a branch's commits show what they changed and not what the other branch did
meanwhile.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agreed.git.history import (
    SHALLOW_MESSAGE,
    Step,
    Version,
    agreement_files,
    deleted_files,
    reachable,
    shallow_boundary,
    steps_of,
)
from agreed.git.repository import GitError, Repository
from agreed.history.materiality import Materiality
from agreed.history.versions import Parsed, VersionLoader, parse
from agreed.reading import Unreadable, read_file
from agreed.sources import Kind, agreement_paths, default_folder, is_yaml_name, kind_of

if TYPE_CHECKING:
    from agreed.cache import CacheFolder
    from agreed.history.canonical import Fingerprints
    from agreed.history.diff import Change

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FIELD_STEP = re.compile(r"\[([^\]]*)\]|([^.\[\]]+)")


@dataclass(frozen=True, slots=True)
class Entry:
    """One version and what it changed since the version before it.

    ``problems`` say why the changes are unknown: this version, or every version before it, cannot be parsed. When
    only the versions just before it cannot, it is compared with the last one that can (``compared_with``).
    """

    version: Version
    changes: tuple[Change, ...]
    created: bool = False
    deleted: bool = False
    renamed_from: str | None = None
    problems: tuple[str, ...] = ()
    renamed_to: str | None = None
    compared_with: Version | None = None
    history_start: bool = False  # the oldest version a shallow clone holds: where the available history starts
    before: str | None = None  # the blob this version was compared with

    @property
    def unknown(self) -> bool:
        """Whether what this version changed is unknown (a version that cannot be parsed is never editorial)."""
        return bool(self.problems)

    @property
    def materiality(self) -> Materiality:
        """The strongest class of what the version did: material for a creation, a deletion, an unknown or any
        material change; else record when it recorded progress (status, delivered_on); else editorial."""
        if self.created or self.deleted or self.unknown:
            return Materiality.MATERIAL
        return Materiality.strongest((change.materiality for change in self.changes), Materiality.EDITORIAL)

    @property
    def material(self) -> bool:
        """Whether the version needs fresh consent (a version that only records progress does not)."""
        return self.materiality is Materiality.MATERIAL


@dataclass(frozen=True, slots=True)
class FieldPoint:
    """One version in which a field's value changed; ``change`` and ``total`` describe the movement."""

    version: Version
    value: Any
    present: bool
    change: str
    total: str
    materiality: Materiality  # the strongest class of the version's changes at the field
    initial: bool = False  # the field's first value: not a change

    @property
    def material(self) -> bool:
        """Whether this movement of the field needs fresh consent."""
        return self.materiality is Materiality.MATERIAL


@dataclass(frozen=True, slots=True)
class Timeline:
    """An agreement's versions, oldest first, after the filters; ``points`` is set when a field was asked for."""

    path: str
    agreement_id: str | None
    entries: tuple[Entry, ...]
    notes: tuple[str, ...] = ()
    field: str | None = None
    points: tuple[FieldPoint, ...] = ()
    shallow: bool = False
    blobs_read: int = 0
    uncommitted: bool = False  # git holds no version of the file yet (untracked, or only added)


@dataclass(frozen=True, slots=True)
class Options:
    """What ``agreed history`` was asked: a window (``since``), material changes only, one field, and whether to
    follow first parents only (a merged branch is its merge) or to list the merged branches' commits too."""

    since: str | None = None
    material_only: bool = False
    field: str | None = None
    allow_shallow: bool = False
    first_parent: bool = True
    cache: CacheFolder | None = None  # where parsed versions are cached (cli/ finds the user's cache folder)


# -- finding the agreement -------------------------------------------------------------------------------------------


def resolve_target(repository: Repository, target: str, cwd: Path) -> str:
    """The repo-relative path of ``target``: a file (existing or deleted) or an agreement id, looked up among the
    agreement files of ``contracts/`` at the repository root (:mod:`agreed.sources`). A consent record or the
    template named as a file is refused: neither is an agreement."""
    candidate = cwd / target
    if candidate.exists() or _looks_like_path(target):
        path = repository.relative(candidate)
        kind = kind_of(path)
        if kind in (Kind.CONSENT_RECORD, Kind.TEMPLATE):
            raise GitError(f"{target}: a {kind.value}, not an agreement: name an agreement file or its id")
        working = read_file(repository.root / path)
        if isinstance(working, Unreadable) and not steps_of(repository, path):
            raise GitError(f"{target}: {working.reason}, and git has no history of it")
        return path
    place = repository.relative(default_folder(repository.root))
    found = _find_id(repository, target, place)
    if found is None:
        raise GitError(f"{target}: no such file, and no agreement in {place}/ has this id (in the work tree or in "
                       "git history); name the file of an agreement kept elsewhere")
    return found


def _looks_like_path(target: str) -> bool:
    return "/" in target or "\\" in target or is_yaml_name(target)


def _find_id(repository: Repository, agreement_id: str, place: str) -> str | None:
    """The agreement file below ``place`` holding ``agreement_id``: in the work tree (committed or not), else the
    most recently deleted one; two files in the work tree with the id are ambiguous (an error naming them)."""
    wanted = agreement_id.encode("utf-8")
    holding: list[str] = []
    for path in sorted(agreement_paths(agreement_files(repository), [place])):
        raw = read_file(repository.root / path)
        if isinstance(raw, Unreadable):
            continue
        if wanted in raw and _id_of_bytes(raw, path) == agreement_id:  # only files that may hold it are parsed
            holding.append(path)
    if len(holding) > 1:
        named = ", ".join(holding[:-1]) + f" and {holding[-1]}"
        raise GitError(f"{agreement_id}: {len(holding)} files hold this id ({named}): name the file path instead")
    if holding:
        return holding[0]
    loader = VersionLoader(repository, None)
    deleted = [(path, blob) for path, blob in deleted_files(repository) if agreement_paths([path], [place])]
    for path, blob in deleted:
        if _agreement_id(loader.load(blob, path)) == agreement_id:
            return path
    return None


def _id_of_bytes(raw: bytes, path: str) -> str | None:
    return _agreement_id(parse(raw, path))


def _agreement_id(parsed: Parsed) -> str | None:
    data = parsed.data
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


# -- building the timeline -------------------------------------------------------------------------------------------


def build_timeline(repository: Repository, path: str, options: Options = Options()) -> Timeline:
    """Every version of the agreement at ``path`` (repo-relative), filtered and shaped by ``options``."""
    shallow = repository.is_shallow()
    if shallow and not options.allow_shallow:
        raise GitError(SHALLOW_MESSAGE)
    keep = _window(repository, options.since)
    if options.field is not None:
        parse_field(options.field)  # a malformed field is an error before any work
    loader = VersionLoader(repository, options.cache, history=cache_name(path, options.first_parent))
    every_step = steps_of(repository, path, first_parent=options.first_parent)
    loader.prefetch([(step.version.blob, step.version.path) for step in every_step]
                    + [(step.before, step.version.path) for step in every_step]
                    + [(step.renamed_to[1], step.renamed_to[0]) for step in every_step if step.renamed_to])
    steps, notes = _same_agreement(every_step, loader)
    boundary = shallow_boundary(repository) if shallow else frozenset()
    entries = _entries(steps, loader, boundary, notes)
    latest = next((loader.load(entry.version.blob, entry.version.path) for entry in reversed(entries)
                   if entry.version.blob is not None), None)
    if latest is None and not steps:  # not committed yet: the work tree's file is all there is
        working = read_file(repository.root / path)
        latest = parse(working, path) if not isinstance(working, Unreadable) else None
    agreement_id = _agreement_id(latest) if latest is not None else None
    points: tuple[FieldPoint, ...] = ()
    if options.field is not None:
        points = field_points(entries, loader, options.field, keep)
        if options.material_only:
            points = tuple(point for point in points if point.material)
    loader.save()
    shown = [entry for entry in entries if keep(entry.version)]
    if options.material_only:
        shown = [_material_part(entry) for entry in shown if entry.material]
    return Timeline(path, agreement_id, tuple(shown), tuple(notes), options.field, points, shallow, loader.blobs_read,
                    uncommitted=not steps)


def cache_name(path: str, first_parent: bool) -> str:
    """The name under which the cache keeps the versions and comparisons of the history of ``path``."""
    return f"{path}\n{'first-parent' if first_parent else 'all'}"


def _window(repository: Repository, since: str | None) -> Callable[[Version], bool]:
    """Which versions ``--since`` keeps: those on or after a date, or those not reachable from a revision."""
    if since is None:
        return lambda version: True
    if _ISO_DATE.fullmatch(since):
        try:
            day = datetime.date.fromisoformat(since)
        except ValueError:
            raise GitError(f"bad --since {since!r}: not a date (YYYY-MM-DD)") from None
        return lambda version: version.date.date() >= day
    try:
        before = reachable(repository, since)
    except GitError:
        raise GitError(f"bad --since {since!r}: neither a date (YYYY-MM-DD) nor a known revision") from None
    return lambda version: version.commit not in before


def _same_agreement(steps: list[Step], loader: VersionLoader) -> tuple[list[Step], list[str]]:
    """Cut the history at the newest rename whose two sides hold agreements with different ids."""
    for index in range(len(steps) - 1, 0, -1):
        step, older = steps[index], steps[index - 1]
        if step.version.path == older.version.path:
            continue
        old_id = _agreement_id(loader.load(step.before, older.version.path))
        new_id = _agreement_id(loader.load(step.version.blob, step.version.path))
        if old_id is not None and new_id is not None and old_id != new_id:
            note = (f"{step.version.commit[:7]}: git sees a rename from {older.version.path}, but that file holds "
                    f"agreement {old_id!r}, not {new_id!r}: its history is not followed")
            return [replace(step, before=None), *steps[index + 1 :]], [note]
    return steps, []


@dataclass(frozen=True, slots=True)
class _Produced:
    """The newest version that produced a blob, and the blob it was compared with."""

    version: Version
    before: str | None


def _entries(steps: Sequence[Step], loader: VersionLoader, boundary: frozenset[str], notes: list[str]) -> list[Entry]:
    """Each step as an entry, oldest first; a version is compared with the last version before it that parses."""
    entries: list[Entry] = []
    produced: dict[str, _Produced] = {}
    previous_path: str | None = None
    for step in steps:
        entry = _entry(step, previous_path, loader, produced, boundary)
        if entry.renamed_to is not None:
            notes.append(f"{entry.version.commit[:7]}: {step.version.path} was renamed to {entry.renamed_to}; "
                         f"its later versions are in the history of {entry.renamed_to}")
        entries.append(entry)
        if entry.version.blob is not None:
            produced[entry.version.blob] = _Produced(entry.version, step.before)
        previous_path = step.version.path
    return entries


def _entry(step: Step, previous_path: str | None, loader: VersionLoader, produced: dict[str, _Produced],
           boundary: frozenset[str]) -> Entry:
    version = step.version
    renamed_to = None
    if step.renamed_to is not None and _renamed_away_same(step, loader):
        renamed_to, blob = step.renamed_to
        version = replace(version, path=renamed_to, blob=blob)
    renamed_from = previous_path if previous_path not in (None, step.version.path) and step.before else None
    created, deleted = step.before is None, version.blob is None
    if created and version.commit in boundary:  # a shallow clone's oldest commit: not where the file was created
        after = loader.load(version.blob, version.path)
        return Entry(version, (), problems=after.problems, history_start=True)
    # A stored outcome for the step's own pair means its "before" was the one compared then: no need to load it.
    before, compared_with = step.before, None
    outcome = _decode_outcome(loader.outcome(before, version.blob))
    if outcome is None:
        before, compared_with = _last_parsed(step.before, loader, produced, renamed_from or step.version.path)
        outcome = _decode_outcome(loader.outcome(before, version.blob))
    if outcome is None:
        outcome = _compare(loader.load(before, renamed_from or step.version.path),
                           loader.load(version.blob, version.path), created=created, deleted=deleted,
                           fingerprints=loader.fingerprints)
        loader.store_outcome(before, version.blob, _encode_outcome(*outcome))
    changes, problems = outcome
    return Entry(version, changes, created and not deleted, deleted, renamed_from, problems, renamed_to,
                 compared_with, before=before)


def _renamed_away_same(step: Step, loader: VersionLoader) -> bool:
    """Whether a rename away from the path keeps the agreement (the same ``id``, or an id that cannot be read)."""
    assert step.renamed_to is not None
    new_path, new_blob = step.renamed_to
    old_id = _agreement_id(loader.load(step.before, step.version.path))
    new_id = _agreement_id(loader.load(new_blob, new_path))
    return old_id is None or new_id is None or old_id == new_id


def _last_parsed(before: str | None, loader: VersionLoader, produced: dict[str, _Produced],
                 path: str) -> tuple[str | None, Version | None]:
    """``before``, or when it cannot be parsed the last version before it that can (and that version); ``before``
    itself when none can."""
    blob, seen = before, set()
    while blob is not None and blob not in seen and not loader.load(blob, path).loaded:
        seen.add(blob)
        origin = produced.get(blob)
        if origin is None:
            return before, None
        blob = origin.before
    if blob is None or blob == before or blob in seen:
        return before, None
    origin = produced.get(blob)
    return blob, origin.version if origin is not None else None


def _compare(before: Parsed, after: Parsed, *, created: bool, deleted: bool,
             fingerprints: Fingerprints) -> tuple[tuple[Change, ...], tuple[str, ...]]:
    """The changes from ``before`` to ``after``, and what kept them from being listed."""
    problems = list(after.problems)
    if not created and not before.loaded:
        problems.append("the version before could not be parsed: changes are not listed")
    changes: tuple[Change, ...] = ()
    if (created or before.loaded) and (deleted or after.loaded):
        from agreed.history.diff import diff

        changes = tuple(diff(before.data, after.data, fingerprints))
    return changes, tuple(problems)


def _encode_outcome(changes: tuple[Change, ...], problems: tuple[str, ...]) -> dict[str, Any]:
    return {"changes": [[change.path, change.kind.value, change.old, change.new, change.materiality.value,
                         change.note] for change in changes], "problems": list(problems)}


def _decode_outcome(stored: dict[str, Any] | None) -> tuple[tuple[Change, ...], tuple[str, ...]] | None:
    """A stored comparison; None when there is none or it does not have the expected shape (a class that is not
    ``material``, ``record`` or ``editorial`` included)."""
    if stored is None:
        return None
    from agreed.history.diff import Change, ChangeKind

    try:
        changes = tuple(Change(str(path), ChangeKind(kind), old, new, _stored_class(materiality), str(note))
                        for path, kind, old, new, materiality, note in stored["changes"])
        problems = tuple(str(problem) for problem in stored["problems"])
    except (KeyError, TypeError, ValueError):
        return None
    return changes, problems


def _stored_class(value: Any) -> Materiality:
    """The class a stored comparison names; ValueError for anything else (a boolean from an older layout too)."""
    if not isinstance(value, str):
        raise ValueError(f"not a class of change: {value!r}")
    return Materiality(value)


def _material_part(entry: Entry) -> Entry:
    return replace(entry, changes=tuple(change for change in entry.changes if change.material))


# -- one field -------------------------------------------------------------------------------------------------------


_MISSING = object()


def parse_field(field: str) -> list[str | int | tuple[str, str]]:
    """``results.deliverables[id=d2].due`` as steps: keys, list indexes and ``(key, value)`` item selectors."""
    steps: list[str | int | tuple[str, str]] = []
    position = 0
    for match in _FIELD_STEP.finditer(field):
        between = field[position : match.start()]
        if between not in ("", ".") or (between == "." and not steps):
            break
        selector, key = match.groups()
        if key is not None:
            steps.append(key)
        elif selector.isdigit():
            steps.append(int(selector))
        elif "=" in selector:
            name, _, value = selector.partition("=")
            steps.append((name.strip(), value.strip().strip("'\"")))
        else:
            break
        position = match.end()
    if not steps or position != len(field):
        raise GitError(f"bad --field {field!r}: write it like results.deadline or results.deliverables[id=d2].due")
    return steps


def value_at(data: Any, steps: Sequence[str | int | tuple[str, str]]) -> Any:
    """The value at ``steps`` in ``data``, or :data:`_MISSING`."""
    node = data
    for step in steps:
        if isinstance(step, str):
            node = node.get(step, _MISSING) if isinstance(node, dict) else _MISSING
        elif isinstance(step, int):
            node = node[step] if isinstance(node, list) and step < len(node) else _MISSING
        else:
            name, wanted = step
            node = next((item for item in node if isinstance(item, dict) and str(item.get(name)) == wanted),
                        _MISSING) if isinstance(node, list) else _MISSING
        if node is _MISSING:
            return _MISSING
    return node


def field_points(entries: Sequence[Entry], loader: VersionLoader, field: str,
                 keep: Callable[[Version], bool]) -> tuple[FieldPoint, ...]:
    """The versions in which ``field`` changed value (appeared, moved or went away), within the window ``keep``.

    Each version is measured against the version it was compared with (its first parent's, so a merged branch's
    commits show their own movement, and a merge its movement against the first parent). The running total is
    measured from the baseline, the value at the start of the window: the value before the window's first change,
    else (the field's first value) that value itself. A field no parseable version holds is an error.
    """
    steps = parse_field(field)
    points: list[FieldPoint] = []
    baseline: Any = _MISSING
    parsed_before = found = False
    for entry in entries:
        after = loader.load(entry.version.blob, entry.version.path)
        if not after.loaded and not entry.deleted:
            continue  # an unparseable version says nothing about the field
        value = value_at(after.data, steps) if after.loaded else _MISSING
        before = loader.load(entry.before, entry.version.path)
        previous = value_at(before.data, steps) if before.loaded else _MISSING
        found = found or value is not _MISSING or previous is not _MISSING
        initial = not parsed_before
        parsed_before = parsed_before or after.loaded
        if _same_value(value, previous) or not keep(entry.version):
            continue
        starts = baseline is _MISSING
        if starts:
            baseline = previous if previous is not _MISSING else value
        points.append(_point(entry, value, previous, baseline, field,
                             initial=initial and previous is _MISSING, first=starts and previous is _MISSING))
    if not found and parsed_before:
        raise GitError(f"bad --field {field!r}: no version of the agreement has it")
    return tuple(points)


def _same_value(value: Any, previous: Any) -> bool:
    return (value is _MISSING) == (previous is _MISSING) and (value is _MISSING or value == previous)


def _point(entry: Entry, value: Any, previous: Any, baseline: Any, field: str, *, initial: bool,
           first: bool) -> FieldPoint:
    present = value is not _MISSING
    change = _movement(previous, value) if previous is not _MISSING and present else ""
    total = _movement(baseline, value) if present and not first else ""
    return FieldPoint(entry.version, value if present else None, present, change, f"{total} total" if total else "",
                      _touching_class(entry, field), initial)


def _touching_class(entry: Entry, field: str) -> Materiality:
    """The strongest class of the version's changes at, inside or around ``field``; material when none is listed
    (the agreement was created or deleted, or its changes are unknown)."""
    touching = [change.materiality for change in entry.changes if touches(change.path, field)]
    return Materiality.strongest(touching, Materiality.MATERIAL)


def touches(path: str, field: str) -> bool:
    """Whether a change at the readable ``path`` is at, inside or around ``field`` (``results.deliverables[id=d2]``
    is touched by a change of its ``due``, of the whole item, or of the whole ``results``)."""
    return (path == field or path.startswith((f"{field}.", f"{field}["))
            or field.startswith((f"{path}.", f"{path}[")))


def _movement(old: Any, new: Any) -> str:
    """``+30 days`` between two ISO dates, ``-20 %`` between two numbers, else nothing."""
    days = _days_between(old, new)
    if days is not None:
        return f"{days:+d} day{'' if abs(days) == 1 else 's'}"
    if _is_number(old) and _is_number(new) and old != 0 and math.isfinite(old) and math.isfinite(new):
        percent = (new - old) / abs(old) * 100
        if not math.isfinite(percent):
            return ""
        return f"{percent:+.0f} %" if percent == round(percent) else f"{percent:+.1f} %"
    return ""


def _days_between(old: Any, new: Any) -> int | None:
    first, second = _as_date(old), _as_date(new)
    return None if first is None or second is None else (second - first).days


def _as_date(value: Any) -> datetime.date | None:
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
