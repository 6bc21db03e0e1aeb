"""Which versions ``agreed diff`` compares, as its arguments name them: the service behind the command.

Versions are files or ``REV:path``; ``REV`` alone names the other argument's file at that revision, and a version
named with a revision must exist there (else an error, with the file's name at that revision when git's rename
detection knows it). With one argument, the working file is compared with HEAD (a file new since HEAD: added);
with a base revision, every agreement changed since the merge base (:func:`agreed.history.pairing.changed_agreements`).
Paths are taken as the command line gives them: from the current folder. The repository is opened only when a
revision is involved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from agreed.errors import AgreedError
from agreed.git.repository import GitError, Repository
from agreed.history.diff import FileDiff, compare_files
from agreed.history.pairing import NoSuchPlace, UnreadableVersion, changed_agreements, renamed_at, working_version
from agreed.sources import is_yaml_name


class UnusableVersions(AgreedError):
    """Versions that cannot be compared as named: the message says why (and how to name them), on one line."""


@dataclass(frozen=True, slots=True)
class Spec:
    """One version named on the command line: a file (``rev`` None), ``REV:path``, or ``REV`` alone (``path``
    None: the other argument's file at that revision). ``named`` is False for the HEAD version that one file
    argument is compared with: only there may the file be missing (then it was added)."""

    rev: str | None
    path: str | None
    named: bool = True


class _LazyRepository:
    """The repository of the current folder, opened only when a revision is involved."""

    def __init__(self) -> None:
        self._repository: Repository | None = None

    def get(self) -> Repository:
        if self._repository is None:
            self._repository = Repository.open(Path.cwd())
        return self._repository

    def close(self) -> None:
        if self._repository is not None:
            self._repository.close()


def files_to_compare(versions: Sequence[str], base: str | None) -> list[FileDiff]:
    """The comparisons ``agreed diff`` shows: with ``base``, every agreement changed since the merge base of
    ``base`` and HEAD below the paths ``versions`` names; else the one or two versions ``versions`` names. Raises
    :class:`UnusableVersions` for versions that cannot be compared (git's errors and unreadable files included)."""
    repository = _LazyRepository()
    try:
        if base is not None:
            return changed_agreements(repository.get(), base, versions)
        return [_compare_named(repository, versions)]
    except (GitError, NoSuchPlace, UnreadableVersion) as error:
        raise UnusableVersions(str(error)) from error
    finally:
        repository.close()


def parse_spec(text: str) -> Spec:
    """A file when it exists or looks like one, ``REV:path`` when it holds a colon, else a bare revision."""
    if Path(text).exists():
        return Spec(None, text)
    rev, colon, path = text.partition(":")
    if colon:
        if not rev or not path:
            raise UnusableVersions(f"{text!r}: write REV:path, e.g. HEAD~1:contracts/a.yaml")
        return Spec(rev, path)
    if is_yaml_name(text) or "/" in text:
        return Spec(None, text)
    return Spec(text, None)


def _compare_named(repository: _LazyRepository, arguments: Sequence[str]) -> FileDiff:
    """The comparison of the one or two versions ``arguments`` names."""
    if not arguments:
        raise UnusableVersions("name a file (against HEAD), two versions (A B), or use --base REV")
    if len(arguments) > 2:
        raise UnusableVersions(f"expected at most two versions, got {len(arguments)}; use --base REV for many files")
    old, new = pair_specs([parse_spec(argument) for argument in arguments])
    old_label, old_raw = _read(repository, old, new)
    new_label, new_raw = _read(repository, new, old)
    if old_raw is None and new_raw is None:
        raise UnusableVersions(f"neither {old_label} nor {new_label} exists")
    file = compare_files(old_label if old_raw is not None else None, old_raw,
                         new_label if new_raw is not None else None, new_raw)
    if file.strangers:
        raise UnusableVersions(f"{' and '.join(file.strangers)}: not an agreement (no 'agreed:' format version key); "
                               "agreed diff compares agreements")
    return file


def pair_specs(specs: Sequence[Spec]) -> tuple[Spec, Spec]:
    """The two versions to compare: one argument is compared with its working file (a file: with HEAD)."""
    if len(specs) == 1:
        (spec,) = specs
        if spec.path is None:
            raise UnusableVersions(f"{spec.rev!r} is a revision; name a file too (agreed diff {spec.rev} FILE)")
        if spec.rev is None:
            return Spec("HEAD", _from_here(spec.path), named=False), spec
        return spec, Spec(None, spec.path)
    old, new = specs
    if old.path is None and new.path is None:
        raise UnusableVersions("both arguments are revisions; name a file too (e.g. REV:path)")
    if old.path is None:
        old = Spec(old.rev, new.path if new.rev is not None else _from_here(new.path))
    if new.path is None:
        new = Spec(new.rev, old.path if old.rev is not None else _from_here(old.path))
    return old, new


def _from_here(path: str | None) -> str | None:
    """A file argument's path as a ``REV:path`` path that git reads from the current folder, as the file was."""
    if path is None or Path(path).is_absolute() or path.startswith(("./", "../")):
        return path
    return f"./{path}"


def _read(repository: _LazyRepository, spec: Spec, other: Spec) -> tuple[str, bytes | None]:
    """The label of a version and its bytes (None when the file does not exist). A version named as ``REV:path``
    (or ``REV`` with the other argument's file) must exist at that revision: naming a missing one is an error."""
    assert spec.path is not None
    if spec.rev is None:
        return spec.path, working_version(Path(spec.path))
    opened = repository.get()
    relative = _repository_path(opened, spec.path)
    raw = opened.read(spec.rev, relative)
    if raw is None and spec.named:
        raise UnusableVersions(_missing(opened, spec.rev, relative, other))
    return f"{spec.rev}:{relative}", raw


def _missing(repository: Repository, rev: str, path: str, other: Spec) -> str:
    """Why ``REV:path`` names nothing, with the name git's rename detection gives the file at ``rev``."""
    message = f"{path} does not exist at {rev}"
    known = renamed_at(repository, rev, path, other.rev if other.path is not None else None)
    if known is not None:
        message += f" (git knows it there as {known}: use {rev}:{known})"
    return message


def _repository_path(repository: Repository, path: str) -> str:
    """A path as git's ``REV:path`` reads it: from the repository root, unless it starts with ./ or ../ (then
    from the current folder); an existing or absolute path is always taken from the current folder."""
    if Path(path).is_absolute() or Path(path).exists() or path.startswith(("./", "../")):
        return repository.relative(Path(path))
    return PurePosixPath(path).as_posix()
