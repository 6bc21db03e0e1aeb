"""Which files a command reads: explicit files, folders searched for agreements, or standard input.

This module is the one definition of which files are agreements, and where, for every command (lint, validate,
digest, consent, codeowners) and for the consent gate's view of the base revision:

- **where**: below the folders named, else ``contracts/`` at the repository root (:func:`default_folder`,
  :func:`named_or_default`);
- **what**: every ``*.yaml``/``*.yml`` file there (the suffix in any case: ``.YAML`` and ``.Yml`` too, as editors
  and case-insensitive file systems take them), hidden folders and hidden files included (a copy tucked away in
  ``contracts/.old/`` is an agreement like any other, so it can neither slip past the gate nor be a trusted base
  version later), except the consent records in ``.consent/`` folders and the template ``_template.yaml``
  (:func:`kind_of`). Only ``.git`` folders are never searched.

lint and validate check templates too (a template is copied into new agreements, so it must stay valid); the
consent gate, codeowners and digest take agreements only.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path, PurePath, PurePosixPath

from agreed.errors import AgreedError
from agreed.record import Record

AGREEMENT_SUFFIXES = (".yaml", ".yml")  # compared without regard to case: :func:`is_yaml_name`
CONSENT_FOLDER = ".consent"  # the consent ledger beside the agreements (agreed.consent.ledger)
TEMPLATE_NAME = "_template.yaml"  # what ``agreed init`` writes into contracts/: a guide to copy, not an agreement
DEFAULT_FOLDER = "contracts"
STDIN = "-"
STDIN_NAME = "<stdin>"  # how every command reports standard input when no --stdin-filename names it
_NEVER_SEARCHED = frozenset({".git"})


class Kind(enum.Enum):
    """What a file is, by its path."""

    AGREEMENT = "agreement"
    TEMPLATE = "template"
    CONSENT_RECORD = "consent record"
    OTHER = "other"


AGREEMENTS: frozenset[Kind] = frozenset({Kind.AGREEMENT})
CHECKED: frozenset[Kind] = frozenset({Kind.AGREEMENT, Kind.TEMPLATE})  # what lint and validate check
# What makes a folder hold agreement files, for every command: consent records alone do not (a folder of them is a
# mistaken path), the template does (``agreed init`` writes it so the first CI run has a file to check).
AGREEMENT_FILES: frozenset[Kind] = CHECKED


def kind_of(path: PurePath | str) -> Kind:
    """What the file at ``path`` (repo-relative, or as named on the command line) is: a consent record when a
    ``.consent`` folder holds it, the template when it is named ``_template.yaml``, else an agreement when it is a
    YAML file."""
    parts = PurePosixPath(path).parts if isinstance(path, str) else path.parts
    if CONSENT_FOLDER in parts[:-1]:
        return Kind.CONSENT_RECORD
    name = parts[-1] if parts else ""
    if name == TEMPLATE_NAME:
        return Kind.TEMPLATE
    return Kind.AGREEMENT if is_yaml_name(name) else Kind.OTHER


def is_yaml_name(name: str) -> bool:
    """Whether the file name ``name`` ends in one of :data:`AGREEMENT_SUFFIXES`, in any case (``a.YAML``)."""
    return name.casefold().endswith(AGREEMENT_SUFFIXES)


def stdin_name(given: str | None = None) -> str:
    """The name standard input is reported under, by every command that reads it: ``given`` (--stdin-filename),
    else ``<stdin>``."""
    return STDIN_NAME if given is None else given


def inside(path: str, places: Iterable[str]) -> bool:
    """Whether the repo-relative ``path`` is one of ``places`` or below one (``""`` or ``.``: the whole tree)."""
    return any(place in ("", ".") or path == place or path.startswith(place.rstrip("/") + "/") for place in places)


def agreement_paths(paths: Iterable[str], places: Iterable[str]) -> list[str]:
    """Those repo-relative ``paths`` (a tree's files, such as a base revision's) that are agreements below
    ``places``: the same definition as a folder search of the work tree."""
    wanted = tuple(places)
    return [path for path in paths if inside(path, wanted) and kind_of(path) is Kind.AGREEMENT]


def default_folder(start: Path) -> Path:
    """Where the agreements are when no path is named: ``contracts/`` at the root of the repository holding
    ``start`` (from any folder of it), else ``start/contracts`` outside a repository. It may not exist."""
    root = repository_root(start)
    return (root if root is not None else Path(os.path.abspath(start))) / DEFAULT_FOLDER


class NoPathGiven(AgreedError):
    """No path was named and the default folder (:func:`default_folder`) is not there: the user must name one."""


def named_or_default(paths: Sequence[str], root: Path | None = None) -> Sequence[str]:
    """The paths named, else where the agreements are (:func:`default_folder` of the current folder; ``root``: the
    repository root when the caller knows it), relative to the current folder. :class:`NoPathGiven` when no path is
    named and that folder is not there."""
    if paths:
        return paths
    folder = root / DEFAULT_FOLDER if root is not None else default_folder(Path.cwd())
    if not folder.is_dir():
        where = "here" if root is None and repository_root(Path.cwd()) is None else "at the repository root"
        raise NoPathGiven(f"no path given and there is no '{DEFAULT_FOLDER}/' folder {where}; name the agreement "
                          "files or folders")
    return (os.path.relpath(folder),)


class Selection(Record):
    """The files to read (in a stable order), the arguments that held none, and the files named that are of
    another kind than the ones asked for (a consent record named to lint, the template named to the gate)."""

    files: tuple[Path, ...]
    empty: tuple[str, ...]
    reads_stdin: bool = False
    skipped: tuple[tuple[Path, Kind], ...] = ()


class NothingToRead(AgreedError):
    """The paths given name nothing a command can read: a folder without agreements, standard input where files are
    needed, or no path and no default folder. A usage error (exit 2)."""


def agreement_files(arguments: Sequence[str], *, root: Path | None = None, kinds: Collection[Kind] = AGREEMENTS,
                    refuse_stdin: str | None = None,
                    error: Callable[[str], AgreedError] = NothingToRead) -> Selection:
    """What a command reads from its arguments: the paths named, else the default folder (:func:`named_or_default`,
    ``root`` as there), expanded by :func:`select` (a file that does not exist is the loader's to report, with its
    position). ``refuse_stdin``: why this command cannot read standard input (None: ``-`` is allowed). Raises
    ``error`` (the command's usage error; default :class:`NothingToRead`) when no path is given and there is no
    default folder, ``-`` is refused, or a folder named holds no agreement."""
    try:
        named = named_or_default(arguments, root)
    except NoPathGiven as no_default:
        raise error(str(no_default)) from None
    if refuse_stdin is not None and STDIN in named:
        raise error(refuse_stdin)
    selection = select(named, kinds=kinds)
    if selection.empty:
        raise error(f"{', '.join(selection.empty)}: holds no agreement files (*.yaml, *.yml)")
    return selection


def _everything(path: Path, named: bool) -> bool:
    return True


def select(arguments: Sequence[str], wanted: Callable[[Path, bool], bool] = _everything,
           kinds: Collection[Kind] = AGREEMENTS) -> Selection:
    """Expand arguments: folders to the files of ``kinds`` below them (:func:`kind_of`), files as given when they
    are of ``kinds`` or of no known kind (the loader says what is wrong with them), else ``skipped``.

    ``wanted(path, named)`` filters the result (``named``: the file was an argument itself, not found in a folder).
    A folder is ``empty`` when it holds no agreement file (:data:`AGREEMENT_FILES`: only consent records, or no YAML
    file at all), whatever ``kinds`` and ``wanted`` take: one whose agreement files are all filtered out, or all of
    another kind than ``kinds`` (only the template, for digest and codeowners), is not.
    """
    files: list[Path] = []
    empty: list[str] = []
    skipped: list[tuple[Path, Kind]] = []
    reads_stdin = False
    for argument in arguments:
        if argument == STDIN:
            reads_stdin = True
            continue
        path = Path(argument)
        if _is_dir(path):
            found = [(file, kind_of(_local(file))) for file in sorted(_yaml_below(path), key=_path_order)]
            files.extend(file for file, kind in found if kind in kinds and wanted(file, False))
            if not any(kind in AGREEMENT_FILES for _, kind in found):
                empty.append(argument)
            continue
        kind = kind_of(_local(path))
        if kind in (Kind.AGREEMENT, Kind.OTHER) or kind in kinds:
            if wanted(path, True):
                files.append(path)  # missing or odd paths are reported by the loader, with a position
        else:
            skipped.append((path, kind))
    return Selection(tuple(_unique(files)), tuple(empty), reads_stdin, tuple(skipped))


def _local(path: Path) -> PurePath:
    """``path`` as classified: as named when relative, else relative to the current folder when below it (so the
    folders above the current one, whatever their names, never make a file a consent record)."""
    if not path.is_absolute():
        return path
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _unique(files: Iterable[Path]) -> Iterator[Path]:
    """Each file once, however it was named (``a.yaml``, ``./a.yaml``, ``../here/a.yaml``)."""
    seen: set[str] = set()
    folders: dict[str, str] = {}
    for file in files:
        key = _real_path(file, folders)
        if key not in seen:
            seen.add(key)
            yield file


def _real_path(file: Path, folders: dict[str, str]) -> str:
    """Where ``file`` really is, as ``file.resolve()`` says, with each of its folders resolved once (``folders``
    remembers them): a file that is not a link is its resolved folder joined with its name."""
    folder, name = os.path.split(file)
    try:
        if name in ("", ".", "..") or os.path.islink(file):
            return str(file.resolve())
        real = folders.get(folder)
        if real is None:
            real = folders[folder] = os.path.realpath(folder or os.curdir)
        return os.path.join(real, name)
    except (OSError, RuntimeError, ValueError):  # a link loop, or a name the system refuses: the loader reports it
        return _in_real_folder(folder, name)


def _in_real_folder(folder: str, name: str) -> str:
    """``name`` in the real place of ``folder``: where a link that goes nowhere (a loop) is told apart by, as every
    Python version resolves it; the name as given when even the folder cannot be resolved."""
    try:
        return os.path.join(os.path.realpath(folder or os.curdir), name)
    except (OSError, ValueError):
        return os.path.join(folder, name)


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, RuntimeError):
        return False


def _path_order(path: Path) -> tuple[str, ...]:
    """The order of paths that ``sorted`` gives them (part by part, in the platform's case), with one key per path
    instead of a comparison of two paths at every step: a thousand files sort in a fraction of the time."""
    return tuple(os.path.normcase(part) for part in path.parts)


def _yaml_below(folder: Path) -> Iterator[Path]:
    """Every YAML file below ``folder``, hidden ones included; ``.git`` folders are not searched."""
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if name not in _NEVER_SEARCHED)
        for name in names:
            if is_yaml_name(name):
                yield Path(root, name)


def repository_root(start: Path) -> Path | None:
    """The nearest of ``start`` and its ancestors holding ``.git`` (a folder, or a file in a worktree or submodule)."""
    start = Path(os.path.abspath(start))
    for folder in (start, *start.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return None


def git_start(paths: Iterable[str | Path], here: Path) -> Path:
    """Where a command that shows agreements with their history (``agreed render``, ``agreed site``) looks for their
    git repository: the first of ``paths`` (files or folders, relative to ``here``) that lies in a repository — a
    file's folder, a folder itself — else ``here``. So the history and consent shown are the files' own, whatever
    folder the command runs in."""
    for path in paths:
        try:
            absolute = (here / path).resolve()
        except (OSError, RuntimeError):  # a symbolic-link loop: no repository to find from it
            continue
        folder = absolute if absolute.is_dir() else absolute.parent
        if repository_root(folder) is not None:
            return folder
    return here


def display_paths(paths: Iterable[Path], base: Path) -> list[str]:
    """:func:`display_path` of each of ``paths``, each of their folders resolved once."""
    folders: dict[str, str | None] = {}  # a folder -> its name from base, or None: outside base, or unresolvable
    return [_shown_in_folder(path, base, folders) for path in paths]


def _shown_in_folder(path: Path, base: Path, folders: dict[str, str | None]) -> str:
    folder, name = os.path.split(path)  # strings: a thousand paths split as Path objects cost several milliseconds
    if name in ("", ".", ".."):
        return display_path(path, base)
    if folder not in folders:
        try:
            folders[folder] = Path(folder or os.curdir).resolve().relative_to(base).as_posix()
        except (ValueError, OSError, RuntimeError):
            folders[folder] = None
    shown = folders[folder]
    if shown is None:  # outside base: named as given, unless the file is base itself (``../here``)
        return display_path(path, base)
    return name if shown == "." else f"{shown}/{name}"


def display_path(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` (already resolved) when it lies below it, else as given; forward slashes.

    The file is named as the user named or found it: its folder is resolved (so ``./a``, ``../here/a`` and a linked
    folder are named from ``base``), never the file itself, so a symbolic link, dangling or looping included, is
    reported under its own name and not its target's."""
    try:
        return _unresolved_name(path).relative_to(base).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside base, or a folder on a symbolic-link loop
        return path.as_posix()


def _unresolved_name(path: Path) -> Path:
    """``path`` made absolute with its folder resolved and its last component kept as it is (unless that is ``.``
    or ``..``, which only resolving can name)."""
    if path.name in ("", ".", ".."):
        return path.resolve()
    return path.parent.resolve() / path.name


def checked_places(arguments: Sequence[str], relative: Callable[[Path], str]) -> list[str]:
    """Where the agreements named by ``arguments`` are looked for in another revision (the consent gate's base, a
    diff against a base): each folder named, and the folder of each file named, so a file renamed within its folder
    is still found. ``relative`` names a path from the repository root."""
    return [relative(path if _is_dir(path) else path.parent) for path in map(Path, arguments)]
