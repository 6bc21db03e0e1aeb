"""Which files a command reads: explicit files, folders searched for agreements, or standard input."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

AGREEMENT_SUFFIXES = (".yaml", ".yml")
STDIN = "-"


@dataclass(frozen=True, slots=True)
class Selection:
    """The files to read (in a stable order) and the arguments that held none."""

    files: tuple[Path, ...]
    empty: tuple[str, ...]
    reads_stdin: bool = False


def _everything(path: Path, named: bool) -> bool:
    return True


def select(arguments: Sequence[str], wanted: Callable[[Path, bool], bool] = _everything) -> Selection:
    """Expand arguments: folders to the agreement files below them (hidden folders skipped), files as given.

    ``wanted(path, named)`` filters the result (``named``: the file was an argument itself, not found in a folder);
    a folder whose agreement files are all filtered out does not count as empty.
    """
    files: list[Path] = []
    empty: list[str] = []
    reads_stdin = False
    for argument in arguments:
        if argument == STDIN:
            reads_stdin = True
            continue
        path = Path(argument)
        if _is_dir(path):
            found = sorted(_agreements_below(path))
            files.extend(file for file in found if wanted(file, False))
            if not found:
                empty.append(argument)
        elif wanted(path, True):
            files.append(path)  # missing or odd paths are reported by the loader, with a position
    return Selection(tuple(_unique(files)), tuple(empty), reads_stdin)


def _unique(files: Iterable[Path]) -> Iterator[Path]:
    """Each file once, however it was named (``a.yaml``, ``./a.yaml``, ``../here/a.yaml``)."""
    seen: set[str] = set()
    for file in files:
        try:
            key = str(file.resolve())
        except (OSError, RuntimeError):  # a link loop: reported later by the loader
            key = str(file)
        if key not in seen:
            seen.add(key)
            yield file


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, RuntimeError):
        return False


def _agreements_below(folder: Path) -> Iterable[Path]:
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in names:
            if name.endswith(AGREEMENT_SUFFIXES) and not name.startswith("."):
                yield Path(root, name)


def repository_root(start: Path) -> Path | None:
    """The nearest of ``start`` and its ancestors holding ``.git`` (a folder, or a file in a worktree or submodule)."""
    start = Path(os.path.abspath(start))
    for folder in (start, *start.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return None


def display_path(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` (already resolved) when it lies below it, else as given; forward slashes."""
    try:
        return path.resolve().relative_to(base).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside base, or a symbolic-link loop (read later as S010)
        return path.as_posix()
