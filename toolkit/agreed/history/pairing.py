"""Which versions of which agreement files ``agreed diff`` compares: the files changed since a base, paired across
renames as the consent gate sees them, and the name a file had at a revision when git's rename detection knows it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from agreed.errors import AgreedError
from agreed.git.changes import changed_files, merge_base_of, tracked_paths
from agreed.git.repository import GitError, Repository
from agreed.history.diff import FileDiff, compare_files
from agreed.reading import Unreadable, Why, read_file
from agreed.sources import AGREEMENTS, agreement_paths, checked_places, default_folder, inside, select

Pair = tuple[str | None, str | None]  # (old path at the merge base, new path in the work tree); None: no such side


class UnreadableVersion(AgreedError):
    """A working file that exists but cannot be read (the message names it and says why)."""


class NoSuchPlace(AgreedError):
    """Paths named to ``agreed diff --base`` that name nothing to compare: not in the work tree, and holding no
    agreement file at the merge base (a typo, which must not pass as a range without changes)."""


def working_version(path: Path) -> bytes | None:
    """The bytes of a working file, None when it does not exist; raises :class:`UnreadableVersion` when it cannot
    be read."""
    raw = read_file(path)
    if isinstance(raw, Unreadable):
        if raw.why is Why.MISSING:
            return None
        raise UnreadableVersion(f"{path}: {raw.reason}")
    return raw


def changed_agreements(repository: Repository, base: str, limits: Sequence[str]) -> list[FileDiff]:
    """Every agreement changed since the merge base of ``base`` below the paths ``limits`` names, else below
    ``contracts/`` at the repository root, compared with the working tree. Each side of a change is a version only
    when it is an agreement file (:func:`agreed.sources.kind_of`: hidden ones included, never a consent record or
    the template) in the places the consent gate checks for these paths (:func:`agreed.sources.checked_places`): a
    file moved in from elsewhere is added, one moved out is deleted, as the gate sees it. The work tree is read as
    the gate reads it: a file git does not list (ignored, or no regular file, such as a named pipe) is there too,
    and one that cannot be read is a comparison that fails, with the reason."""
    merge_base = merge_base_of(repository, base)
    named = [repository.relative(Path(limit)) for limit in limits]
    _check_places(repository, merge_base, limits, named)
    places = (checked_places(limits, repository.relative) if limits
              else [repository.relative(default_folder(repository.root))])
    pairs = [pair for pair in changed_files(repository, base)
             if not named or any(inside(path, named) for path in pair if path is not None)]
    files = []
    for pair in _with_unlisted(repository, pairs, limits):
        old, new = (path if path is not None and agreement_paths([path], places) else None for path in pair)
        if old is None and new is None:
            continue
        old_raw = repository.read(merge_base, old) if old is not None else None
        renamed = old is not None and new is not None and old != new
        new_raw = read_file(repository.root / new) if new is not None else None
        if isinstance(new_raw, Unreadable) and new_raw.why is not Why.MISSING:
            files.append(FileDiff(old, new, renamed=renamed, error=f"{new} {new_raw.reason}"))
            continue
        file = compare_files(old, old_raw, new, None if isinstance(new_raw, Unreadable) else new_raw,
                             renamed=renamed)
        if file.agreement:
            files.append(file)
    return files


def _check_places(repository: Repository, merge_base: str, limits: Sequence[str], named: Sequence[str]) -> None:
    """Raise :class:`NoSuchPlace` for the ``limits`` (``named``: the same, repo-relative) that neither exist in the
    work tree nor hold an agreement file at ``merge_base``; a folder or file deleted since is still a place to
    compare (its agreements are deleted)."""
    absent = [(limit, place) for limit, place in zip(limits, named, strict=True) if not Path(limit).exists()]
    if not absent:
        return
    at_base = repository.tree_paths(merge_base)
    missing = [limit for limit, place in absent if not agreement_paths(at_base, [place])]
    if missing:
        raise NoSuchPlace(f"no such file or folder: {', '.join(missing)} (nor an agreement file there at the merge "
                          "base)")


def _with_unlisted(repository: Repository, pairs: Sequence[Pair], limits: Sequence[str]) -> list[Pair]:
    """``pairs`` (git's changes) with the agreement files of the work tree that the consent gate reads below
    ``limits`` (else ``contracts/``) and git's diff does not show: ignored files and files that are no regular
    file (git lists neither). Such a file is added, or, when git has it deleted, changed."""
    shown = {new for _, new in pairs if new is not None}
    deleted = {old for old, new in pairs if new is None and old is not None}
    known = shown | (tracked_paths(repository) - deleted)
    arguments = list(limits) or [str(default_folder(repository.root))]
    present = [repository.relative(file) for file in select([a for a in arguments if Path(a).exists()],
                                                             kinds=AGREEMENTS).files]
    unlisted = [path for path in present if path not in known]
    kept = [pair for pair in pairs if not (pair[1] is None and pair[0] in unlisted)]
    return kept + [(path if path in deleted else None, path) for path in unlisted]


def renamed_at(repository: Repository, rev: str, path: str, other_rev: str | None) -> str | None:
    """The name at ``rev`` of the file that git's rename detection pairs with ``path`` between ``rev`` and the
    other version (``other_rev``, or None: the work tree), in whichever direction the two are related; None when
    git knows of no such file (or cannot tell)."""
    candidates: list[str] = []
    try:
        pairs = changed_files(repository, rev, other_rev)  # from the merge base of rev (rev when older) to other
        candidates += [old for old, new in pairs if new == path and old is not None and old != path]
        if other_rev is not None:
            pairs = changed_files(repository, other_rev, rev)  # from the merge base of other (other when older)
            candidates += [new for old, new in pairs if old == path and new is not None and new != path]
        return next((name for name in candidates if repository.read(rev, name) is not None), None)
    except GitError:
        return None
