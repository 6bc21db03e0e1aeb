"""Changes as Markdown (a pull-request comment): a summary table (agreement, material, record and editorial
changes), then per agreement its material changes, its records ("progress recorded, no fresh consent needed") and,
folded, its editorial changes; every value is escaped for Markdown tables.

A file whose name is not UTF-8 is named with :func:`agreed.printable.printable` (``\\xNN`` per byte); every control
character and bidirectional override from a file is shown escaped (:mod:`agreed.visible`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final

from agreed.history.diff import Change, FileDiff
from agreed.history.materiality import Materiality
from agreed.report.changes.base import LINE_BREAK, Summary, flow, plural, shown_texts
from agreed.visible import visible_lines

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def escape_markdown(text: str) -> str:
    """Text safe inside a Markdown table cell: specials backslash-escaped, ``&`` as an entity, line breaks
    as ``<br>``."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;"))
    return LINE_BREAK.sub("<br>", escaped)


def _code(text: str) -> str:
    """A code span for a path; plain escaped text when the path itself holds a backtick or a line break."""
    if "`" in text or LINE_BREAK.search(text):
        return escape_markdown(text)
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
    rows = ["| path | from | to | note |", "| --- | --- | --- | --- |"]
    for change in changes:
        old_text, new_text = shown_texts(change, None, _cell_text)
        old = "" if old_text is None else escape_markdown(old_text)
        new = "" if new_text is None else escape_markdown(new_text)
        note = escape_markdown(change.note or change.kind.value)
        rows.append(f"| {_code(change.path)} | {old} | {new} | {note} |")
    return rows


def _markdown_details(file: FileDiff) -> list[str]:
    lines = [f"#### {_markdown_name(file)}", ""]
    if file.error is not None:
        return [*lines, f"**Cannot compare:** {escape_markdown(file.error)}", ""]
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


def render(files: Sequence[FileDiff]) -> str:
    summary = Summary.of(files)
    lines = ["### Agreement changes", "", escape_markdown(summary.line()), ""]
    if files:
        lines += ["| agreement | material changes | record changes | editorial changes |",
                  "| --- | ---: | ---: | ---: |"]
        for file in files:
            counts = ("—",) * 3 if file.error is not None else (file.material, file.record, file.editorial)
            lines.append(f"| {_markdown_name(file)} | {' | '.join(str(count) for count in counts)} |")
        lines.append("")
    for file in sorted(files, key=lambda file: -file.material):
        lines += _markdown_details(file)
    return visible_lines("\n".join(lines).rstrip("\n") + "\n")
