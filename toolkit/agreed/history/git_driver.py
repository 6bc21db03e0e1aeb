"""``agreed diff --git-driver``: what to show for the arguments git gives an external diff command, so that
``git diff`` and ``git log -p --ext-diff`` show semantic changes.

Git passes ``path old-file old-hex old-mode new-file new-hex new-mode`` and, for a rename, ``new-path rename-info``.
An agreement that loads on both sides shows its semantic changes; a file that is no agreement, or an agreement that
does not load, a unified line diff instead (the latter headed by why); a version that cannot be read, only that.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from agreed.errors import AgreedError
from agreed.history.diff import FileDiff, compare_files
from agreed.printable import printable
from agreed.reading import Unreadable, read_file
from agreed.visible import visible_lines

NULL_FILE = "/dev/null"
ARGUMENT_COUNTS = (7, 9)


class DriverArguments(AgreedError):
    """Arguments that are not the ones git passes an external diff command."""


class _UnreadableSide(AgreedError):
    """A version git handed over that cannot be read; the message is the note shown instead of a diff."""


@dataclass(frozen=True, slots=True)
class DriverView:
    """What the driver shows for one file: its semantic changes (``file``, to be rendered as text), else ``text``,
    shown as it is (a line diff with its control characters made visible, or why the versions cannot be read)."""

    file: FileDiff | None
    text: str = ""


def driver_view(arguments: Sequence[str]) -> DriverView:
    """What to show for the 7 or 9 arguments git passes; raises :class:`DriverArguments` for any other count."""
    if len(arguments) not in ARGUMENT_COUNTS:
        raise DriverArguments(f"--git-driver expects the 7 or 9 arguments git passes, got {len(arguments)}")
    path, old_file, new_file = arguments[0], arguments[1], arguments[4]
    new_path = arguments[7] if len(arguments) == 9 else path
    try:
        old_raw = None if old_file == NULL_FILE else _version(Path(old_file))
        new_raw = None if new_file == NULL_FILE else _version(Path(new_file))
    except _UnreadableSide as unreadable:
        return DriverView(None, f"{unreadable}\n")
    file = compare_files(path if old_raw is not None else None, old_raw, new_path if new_raw is not None else None,
                         new_raw, renamed=new_path != path)
    if file.agreement and file.error is None:
        return DriverView(file)
    error = file.error if file.agreement else None
    return DriverView(None, visible_lines(line_diff(path, old_raw, new_path, new_raw, error)))


def _version(path: Path) -> bytes:
    raw = read_file(path)
    if isinstance(raw, Unreadable):
        raise _UnreadableSide(f"agreed: cannot compare by meaning: {printable(str(path))}: {raw.reason}")
    return raw


def line_diff(old_path: str, old_raw: bytes | None, new_path: str, new_raw: bytes | None, error: str | None) -> str:
    """A unified diff (``None``: the side is absent), for YAML files that are no agreement or that do not load
    (``error`` says why, in a line before it)."""
    def lines(raw: bytes | None) -> list[str]:
        return [] if raw is None else raw.decode("utf-8", errors="replace").splitlines(keepends=True)

    header = f"agreed: cannot compare by meaning: {error}; line diff follows\n" if error else ""
    body = difflib.unified_diff(lines(old_raw), lines(new_raw), "a/" + old_path if old_raw is not None else NULL_FILE,
                                "b/" + new_path if new_raw is not None else NULL_FILE)
    return header + "".join(line if line.endswith("\n") else line + "\n" for line in body)
