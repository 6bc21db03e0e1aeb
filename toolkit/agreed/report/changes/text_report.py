"""Changes as text: per file a header (its paths, where it was renamed from, the counts), then one line per change,
``path: old -> new (note) [material|record|editorial]``, and a summary line at the end.

A file whose name is not UTF-8 is named with :func:`agreed.printable.printable` (``\\xNN`` per byte); every control
character and bidirectional override from a file is shown escaped (:mod:`agreed.visible`), so it cannot rewrite a
terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

from agreed.history.diff import Change, FileDiff
from agreed.report.changes.base import TEXT_LIMIT, Summary, class_counts, shown_texts
from agreed.visible import visible


def _values(change: Change) -> str:
    old, new = shown_texts(change, TEXT_LIMIT)
    if new is None:
        return f"- {old}"
    if old is None:
        return f"+ {new}"
    return f"{old} -> {new}"


def change_line(change: Change) -> str:
    note = f" ({change.note})" if change.note else ""
    return f"{change.path}: {_values(change)}{note} [{change.materiality.value}]"


def file_header(file: FileDiff) -> str:
    """``contracts/a.yaml (renamed from contracts/b.yaml)``, ``old -> new``, ``x.yaml (added)``, ..."""
    if file.old_path is None:
        return f"{file.new_path} (added)"
    if file.new_path is None:
        return f"{file.old_path} (deleted)"
    if file.renamed:
        return f"{file.new_path} (renamed from {file.old_path})"
    if file.old_path != file.new_path:
        return f"{file.old_path} -> {file.new_path}"
    return file.new_path


def _counts(file: FileDiff) -> str:
    if file.error is not None:
        return f"cannot compare: {file.error}"
    if not file.changes:
        return "no semantic changes"
    return class_counts(file.material, file.record, file.editorial)


def render_file_text(file: FileDiff) -> str:
    lines = [f"{file_header(file)}: {_counts(file)}"]
    lines += [f"  {change_line(change)}" for change in file.changes]
    return "".join(visible(line) + "\n" for line in lines)


def render(files: Sequence[FileDiff]) -> str:
    return "".join(render_file_text(file) for file in files) + Summary.of(files).line() + "\n"
