"""Changes as Markdown (a pull-request comment): a summary table (agreement, material, record and editorial
changes), then per agreement its material changes, its records ("progress recorded, no fresh consent needed") and,
folded, its editorial changes; every value is written as :mod:`agreed.report.markdown` writes agreement text (in a
table cell a value keeps its lines, joined by ``<br>``).

A file whose name is not UTF-8 is named with :func:`agreed.printable.printable` (``\\xNN`` per byte); every control
character and bidirectional override from a file is shown escaped (:mod:`agreed.visible`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from agreed.history.diff import Change, FileDiff
from agreed.history.materiality import Materiality
from agreed.report.changes.base import LINE_BREAK, Summary, flow, plural, shown_texts
from agreed.report.markdown import inline, multiline_cell, table
from agreed.visible import visible_lines


def _code(text: str) -> str:
    """A code span for a path; plain escaped text when the path itself holds a backtick or a line break."""
    if "`" in text or LINE_BREAK.search(text):
        return inline(text)
    return "`" + text.replace("|", "\\|") + "`"


def _cell_text(value: Any) -> str:
    """A value for a table cell: a string as it is (its line breaks become ``<br>``), anything else in flow style."""
    return value if isinstance(value, str) else flow(value)


def _markdown_name(file: FileDiff) -> str:
    if file.old_path is None:
        return f"{_code(file.path)} (added)"
    if file.new_path is None:
        return f"{_code(file.path)} (deleted)"
    if file.renamed or file.old_path != file.new_path:
        word = "renamed from" if file.renamed else "compared with"
        return f"{_code(file.new_path)} ({word} {_code(file.old_path)})"
    return _code(file.path)


def _markdown_table(changes: Sequence[Change]) -> list[str]:
    return table(["path", "from", "to", "note"], [_markdown_cells(change) for change in changes])


def _markdown_cells(change: Change) -> list[str]:
    old_text, new_text = shown_texts(change, None, _cell_text)
    old = "" if old_text is None else multiline_cell(old_text)
    new = "" if new_text is None else multiline_cell(new_text)
    return [_code(change.path), old, new, multiline_cell(change.note or change.kind.value)]


def _markdown_details(file: FileDiff) -> list[str]:
    lines = [f"#### {_markdown_name(file)}", ""]
    if file.error is not None:
        return [*lines, f"**Cannot compare:** {inline(file.error)}", ""]
    if not file.changes:
        return [*lines, "No semantic changes.", ""]
    for materiality in Materiality:
        lines += _markdown_group(materiality, [change for change in file.changes if change.materiality is materiality])
    return lines


_MEANING: Final = {Materiality.MATERIAL: "needs fresh consent",
                   Materiality.RECORD: "progress recorded, no fresh consent needed"}


def _markdown_group(materiality: Materiality, changes: Sequence[Change]) -> list[str]:
    """The changes of one class: material and record changes under a heading saying what they mean for consent,
    editorial ones folded."""
    if not changes:
        return []
    title = plural(len(changes), f"{materiality.value} change")
    if materiality is Materiality.EDITORIAL:
        return [f"<details><summary>{title}</summary>", "", *_markdown_table(changes), "", "</details>", ""]
    return [f"**{title}** ({_MEANING[materiality]})", "", *_markdown_table(changes), ""]


def _summary_cells(file: FileDiff) -> list[str]:
    counts = ("—",) * 3 if file.error is not None else (file.material, file.record, file.editorial)
    return [_markdown_name(file), *(str(count) for count in counts)]


def render(files: Sequence[FileDiff]) -> str:
    summary = Summary.of(files)
    lines = ["### Agreement changes", "", inline(summary.line()), ""]
    if files:
        header = ["agreement", "material changes", "record changes", "editorial changes"]
        lines += [*table(header, [_summary_cells(file) for file in files], align=["---", "---:", "---:", "---:"]), ""]
    for file in sorted(files, key=lambda file: -file.material):
        lines += _markdown_details(file)
    return visible_lines("\n".join(lines).rstrip("\n") + "\n")
