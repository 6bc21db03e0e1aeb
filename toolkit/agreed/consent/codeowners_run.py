"""The run behind ``agreed codeowners``: which agreements, which CODEOWNERS file, and what writing or checking it does.

:func:`plan` finds the repository from the current folder, chooses the CODEOWNERS file (refusing one outside the
repository's work tree or inside a git directory, before anything is read), and builds an entry per agreement
(:func:`agreed.consent.codeowners.entry_for`); an agreement that does not load, or whose file name CODEOWNERS cannot
express, is a failure of the plan, which then says why it stops. :func:`write_block` and :func:`check_block` read the
file (size-limited, UTF-8) and write it atomically inside the repository, or compare it. Nothing here prints or
exits: what stops the run is raised as :class:`CodeownersUsageError`, with the message to show.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from agreed.agreement import agreement_of
from agreed.atomic import inside_git_directory, write_atomically
from agreed.consent.codeowners import (
    CodeownersError,
    Entry,
    UnwritablePath,
    differences,
    entry_for,
    render_block,
    updated,
)
from agreed.document import read_document
from agreed.errors import AgreedError
from agreed.problem import Problem
from agreed.reading import Unreadable, read_optional_text
from agreed.sources import (
    STDIN,
    Kind,
    agreement_files,
    display_path,
    repository_root,
)

# Where GitHub and GitLab look for the file; the first that exists is used, else the first.
CANDIDATES = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS")
CODEOWNERS_LIMIT = 3 * 1024 * 1024  # bytes; GitHub ignores a larger CODEOWNERS file

UNLOADED = "an agreement does not load; fix it (agreed lint shows why) and run agreed codeowners again"
UNNAMEABLE = "CODEOWNERS cannot name an agreement file (above); rename it and run agreed codeowners again"


class CodeownersUsageError(AgreedError):
    """What was asked cannot be done (no repository, a CODEOWNERS file outside it, no agreements, a file that cannot
    be read or written, a malformed block); the message says why."""


@dataclass(frozen=True, slots=True)
class Plan:
    """The repository ``root`` (resolved), the CODEOWNERS file to write or check (None: the block is only shown),
    an entry per agreement, the named files of another kind left out, and why agreements cannot be listed (their
    load problems, or a name CODEOWNERS cannot express, in file order); ``stop`` says why the run cannot go on."""

    root: Path
    target: Path | None
    entries: tuple[Entry, ...]
    skipped: tuple[tuple[Path, Kind], ...] = ()
    failures: tuple[Problem | UnwritablePath, ...] = ()
    stop: str | None = None

    @property
    def block(self) -> str:
        return render_block(self.entries)


class FileState(enum.Enum):
    UP_TO_DATE = "up to date"
    CREATED = "created"
    UPDATED = "updated"
    OUT_OF_DATE = "out of date"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What writing or checking found: the file as named from the root, its state, and (out of date) the diff."""

    name: str
    state: FileState
    diff: tuple[str, ...] = ()


def plan(here: Path, paths: Sequence[str], file: Path | None, *, with_file: bool) -> Plan:
    """The plan for the agreements ``paths`` name (default: ``contracts/`` at the repository root), seen from the
    folder ``here``; ``file`` (relative to the root unless absolute) is the CODEOWNERS file to use when ``with_file``
    (writing or checking). A ``file`` is checked to lie inside the repository even when only the block is shown, so
    that the same option means the same everywhere. Raises :class:`CodeownersUsageError`."""
    if STDIN in paths:
        raise CodeownersUsageError("codeowners reads agreement files from the repository, not standard input")
    found = repository_root(here)
    if found is None:
        raise CodeownersUsageError("not inside a git repository: CODEOWNERS paths are relative to the repository root")
    root = found.resolve()
    chosen = codeowners_file(root, file) if with_file or file is not None else None  # refused before any reading
    return _agreements(root, chosen if with_file else None, _sources(paths, root, here))


def _sources(paths: Sequence[str], root: Path, here: Path) -> tuple[list[tuple[Path, str]], list[tuple[Path, Kind]]]:
    """The agreement files the paths name, each with the name it is reported under, and the named files of another
    kind. Every agreement the consent gate checks: no template, no consent record, and not narrowed by the
    configuration's include and exclude patterns, which are lint's."""
    selection = agreement_files(paths, root=root, error=CodeownersUsageError)
    base = here.resolve()
    return [(file, display_path(file, base)) for file in selection.files], list(selection.skipped)


def _agreements(root: Path, target: Path | None,
                sources: tuple[list[tuple[Path, str]], list[tuple[Path, Kind]]]) -> Plan:
    files, skipped = sources
    entries: list[Entry] = []
    failures: list[Problem | UnwritablePath] = []
    unloaded = False

    def planned(stop: str | None) -> Plan:
        return Plan(root, target, tuple(entries), tuple(skipped), tuple(failures), stop)

    for path, shown in files:
        document = read_document(path, shown)
        if not document.loaded:
            failures.extend(document.problems)
            unloaded = True
            continue
        relative = _relative(path, root)
        if relative is None:
            return planned(f"{path} is outside the repository {root}")
        try:
            entries.append(entry_for(relative, agreement_of(document)))
        except UnwritablePath as error:
            failures.append(error)
    return planned(UNLOADED if unloaded else UNNAMEABLE if failures else None)


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.resolve().relative_to(root).as_posix()
    except (ValueError, OSError):
        return None


def codeowners_file(root: Path, file: Path | None) -> Path:
    """The CODEOWNERS file to read or write (``root`` is resolved): ``file``, relative to ``root`` unless absolute,
    else the first of :data:`CANDIDATES` that exists; always with ``..`` and symbolic links resolved, and never
    outside the repository's work tree or inside ``.git`` (:class:`CodeownersUsageError`)."""
    if file is not None:
        return _inside(root, root / file, file)
    for candidate in CANDIDATES:
        if (root / candidate).is_file():
            return _inside(root, root / candidate, Path(candidate))
    return _inside(root, root / CANDIDATES[0], Path(CANDIDATES[0]))


def _inside(root: Path, path: Path, shown: Path) -> Path:
    """``path`` resolved, when it lies in the work tree of the repository at ``root``."""
    try:
        resolved = path.resolve()
        resolved.relative_to(root)
    except (ValueError, OSError, RuntimeError):  # outside, or a symbolic-link loop
        raise CodeownersUsageError(f"{shown}: the CODEOWNERS file must be inside the repository {root}") from None
    if inside_git_directory(resolved):
        raise CodeownersUsageError(f"{shown}: the CODEOWNERS file must be a file of the repository's work tree, not "
                                   "in .git")
    return resolved


def write_block(planned: Plan) -> Outcome:
    """Put the plan's block into its CODEOWNERS file (atomically, inside the repository); every other line is kept."""
    target = _target(planned)
    text = _read(target)
    name = display_path(target, planned.root)
    try:
        new = updated(text, planned.block)
    except CodeownersError as error:
        raise CodeownersUsageError(f"{name}: {error}") from None
    if new == text:
        return Outcome(name, FileState.UP_TO_DATE)
    try:
        write_atomically(target, new, overwrite=True, inside=planned.root)
    except OSError as error:
        raise CodeownersUsageError(f"cannot write {target}: {error.strerror or error}") from None
    return Outcome(name, FileState.UPDATED if text is not None else FileState.CREATED)


def check_block(planned: Plan) -> Outcome:
    """Whether the plan's CODEOWNERS file holds the plan's block; the diff to it when it does not."""
    target = _target(planned)
    text = _read(target)
    name = display_path(target, planned.root)
    try:
        diff = differences(text, planned.block, name)
    except CodeownersError as error:
        raise CodeownersUsageError(f"{name}: {error}") from None
    return Outcome(name, FileState.OUT_OF_DATE, tuple(diff)) if diff else Outcome(name, FileState.UP_TO_DATE)


def _target(planned: Plan) -> Path:
    if planned.target is None:
        raise ValueError("the plan has no CODEOWNERS file: make it with_file to write or check")
    return planned.target


def _read(target: Path) -> str | None:
    """The text of the CODEOWNERS file, None when there is none yet."""
    text = read_optional_text(target, CODEOWNERS_LIMIT)
    if isinstance(text, Unreadable):
        raise CodeownersUsageError(f"cannot read {target}: {text.detail}")
    return text
