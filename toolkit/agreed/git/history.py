"""An agreement's history in git: its versions following renames, the files deleted from HEAD's history, which
commits a revision reaches, where a shallow clone's history is cut off.

Versions follow renames segment by segment: ``git log`` on one path (merges diffed against their first parent;
``--first-parent`` by default, so that a branch merged with ``--no-ff`` counts once, as its merge), and
where the oldest commit of that log creates the file, a full-tree ``git diff-tree -M`` of that commit says whether
git's rename detection sees a rename; if so, the older path is followed from the commit's first parent. Unlike
``git log --follow`` this keeps no rename state across branches, so merges are listed correctly. Whether a rename
really continues the same agreement (the same ``id``) is for the caller to check: this module does not parse YAML.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from agreed.git.raw import LOG_FORMAT, LogEntry, RawChange, parse_changes, parse_log
from agreed.git.repository import AGREEMENT_PATTERNS, Repository, decode_path, decode_text, literal

SHALLOW_MESSAGE = (
    "this clone is shallow: history is incomplete; fetch it all "
    "(git fetch --unshallow, or fetch-depth: 0 in CI) or pass --allow-shallow"
)


@dataclass(frozen=True, slots=True)
class Version:
    """One commit that changed an agreement file."""

    commit: str  # full hex sha
    date: datetime.datetime  # committer date, timezone-aware
    author: str
    email: str
    subject: str  # first line of the message, decoded with replacement for non-UTF-8
    path: str  # repo-relative posix path of the agreement in this commit
    blob: str | None  # blob sha of the file in this commit; None when this commit deleted it


@dataclass(frozen=True, slots=True)
class Step:
    """A version and the blob it replaced: the file in the commit's first parent (None when the commit created it).

    For a rename, ``before`` is the blob under the old path; for a merge, the blob on the first parent's side.
    """

    version: Version
    before: str | None
    renamed_to: tuple[str, str] | None = None  # (new path, new blob) when this deletion is git's rename away


def versions_of(repository: Repository, path: str, *, first_parent: bool = False) -> list[Version]:
    """Every commit of HEAD's history that changed ``path``, oldest first, following renames; the commits of
    merged branches too, unless ``first_parent`` (see :func:`steps_of`)."""
    return [step.version for step in steps_of(repository, path, first_parent=first_parent)]


def steps_of(repository: Repository, path: str, *, first_parent: bool = True) -> list[Step]:
    """The commits that changed ``path``, oldest first, following renames, each with the blob it replaced (the
    file in the commit's first parent).

    ``first_parent`` (git log --first-parent): only the commits of HEAD's own line, so a branch merged with
    ``git merge --no-ff`` is one step, its merge, and not also each of the branch's commits. Without it, every
    commit of the history that changed the file, merges and merged branches' commits alike."""
    head = repository.head()
    if head is None:
        return []
    segments: list[list[Step]] = []
    seen: set[str] = set()
    start: str | None = head
    current = path
    while start is not None and start not in seen:
        seen.add(start)
        segment, origin = _segment(repository, start, current, first_parent)
        segments.append(segment)
        start, current = origin if origin is not None else (None, current)
    return [step for segment in reversed(segments) for step in segment]


def _segment(repository: Repository, start: str, path: str,
             first_parent: bool) -> tuple[list[Step], tuple[str, str] | None]:
    """The versions of ``path`` reachable from ``start`` (through first parents only, when ``first_parent``),
    oldest first, and (parent, old path) to go on with when git sees the oldest one as a rename."""
    walk = ("--first-parent",) if first_parent else ()
    output = repository.run("log", *walk, "-z", "--raw", "--no-abbrev", "-M", "--diff-merges=first-parent",
                            "--date-order", "--no-color", "--no-ext-diff", "--encoding=UTF-8",
                            f"--format={LOG_FORMAT}", start, "--", literal(path))
    entries = list(reversed(parse_log(output)))
    entries = [entry for entry in entries if any(change.new_path == path for change in entry.changes)]
    steps = [_renamed_away(repository, entry, _step(entry, path)) for entry in entries]
    if not entries or steps[0].before is not None or not entries[0].parents:
        return steps, None
    oldest = entries[0]
    rename = _renamed_into(repository, oldest.parents[0], oldest.commit, path)
    if rename is None:
        return steps, None
    steps[0] = Step(steps[0].version, rename.old_blob)
    return steps, (oldest.parents[0], rename.old_path)


def _renamed_into(repository: Repository, parent: str, commit: str, path: str) -> RawChange | None:
    return next((change for change in _renames(repository, parent, commit) if change.new_path == path), None)


def _renamed_away(repository: Repository, entry: LogEntry, step: Step) -> Step:
    """A deletion that git's rename detection (on the whole tree) sees as a rename, with where the file went."""
    if step.version.blob is not None or not entry.parents:
        return step
    for change in _renames(repository, entry.parents[0], entry.commit):
        if change.old_path == step.version.path and change.new_blob is not None:
            return Step(step.version, step.before, (change.new_path, change.new_blob))
    return step


def _renames(repository: Repository, parent: str, commit: str) -> list[RawChange]:
    output = repository.run("diff-tree", "-r", "-z", "-M", "--raw", "--no-abbrev", "--no-ext-diff", parent, commit)
    return [change for change in parse_changes(output) if change.status == "R"]


def _step(entry: LogEntry, path: str) -> Step:
    change = next(change for change in entry.changes if change.new_path == path)
    blob = None if change.status == "D" else change.new_blob
    before = change.old_blob
    version = Version(entry.commit, entry.date, entry.author, entry.email, entry.subject, path, blob)
    return Step(version, before)


def shallow_boundary(repository: Repository) -> frozenset[str]:
    """The commits where a shallow clone's history is cut off (their parents were not fetched); empty when the
    clone is complete."""
    location = decode_text(repository.run("rev-parse", "--path-format=absolute", "--git-path", "shallow")).strip()
    try:
        text = Path(location).read_text(encoding="ascii", errors="replace")
    except OSError:
        return frozenset()
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def committed(repository: Repository, paths: list[str]) -> list[str]:
    """Those of ``paths`` (repo-relative) that HEAD's tree holds, in the given order."""
    if repository.head() is None or not paths:
        return []
    tree = set(repository.tree_paths("HEAD"))
    return [path for path in paths if path in tree]


def agreement_files(repository: Repository) -> list[str]:
    """Every agreement file (``*.yaml``/``*.yml``) of the work tree, tracked or untracked (not ignored)."""
    output = repository.run("ls-files", "-z", "--cached", "--others", "--exclude-standard", "--",
                            *AGREEMENT_PATTERNS)
    paths = dict.fromkeys(decode_path(token) for token in output.split(b"\0") if token)
    return [path for path in paths if (repository.root / path).is_file()]


def deleted_files(repository: Repository) -> list[tuple[str, str]]:
    """(path, last blob) of every agreement file deleted in HEAD's history, most recent deletion first."""
    head = repository.head()
    if head is None:
        return []
    output = repository.run("log", "-z", "--raw", "--no-abbrev", "--no-renames", "--diff-filter=D",
                            "--encoding=UTF-8", f"--format={LOG_FORMAT}", head, "--", *AGREEMENT_PATTERNS)
    found: dict[str, str] = {}
    for entry in parse_log(output):
        for change in entry.changes:
            if change.status == "D" and change.old_blob is not None:
                found.setdefault(change.old_path, change.old_blob)
    return list(found.items())


def reachable(repository: Repository, rev: str) -> frozenset[str]:
    """The shas of ``rev`` and every commit it descends from."""
    output = repository.run("rev-list", repository.resolve(rev))
    return frozenset(decode_text(output).split())
