"""Render the semantic changes of one or more files as text, JSON or Markdown (a pull-request comment).

- text: per file a header (its paths, where it was renamed from, the counts), then one line per change,
  ``path: old -> new (note) [material|record|editorial]``, and a summary line at the end.
- json: a versioned document, ``{"version": 1, "tool": {"name": "agreed", "version": ...}, "files": [...],
  "summary": {...}}``, values as plain data; each change has its class as ``"materiality"`` (``material``,
  ``record`` or ``editorial``) beside the ``"material"`` boolean (needs fresh consent).
- markdown: a summary table (agreement, material, record and editorial changes), then per agreement its material
  changes, its records ("progress recorded, no fresh consent needed") and, folded, its editorial changes; every
  value is escaped for Markdown tables.

Every format names a file whose name is not UTF-8 with :func:`agreed.printable.printable` (``\\xNN`` per byte).
Text and Markdown also show every control character and bidirectional override from a file escaped
(:mod:`agreed.visible`), so it cannot rewrite a terminal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from agreed.history.diff import AGREEMENT, Change, ChangeKind, FileDiff
from agreed.history.materiality import Materiality
from agreed.report.envelope import json_document
from agreed.report.registry import Registry
from agreed.visible import visible, visible_lines

TEXT_LIMIT: Final = 100  # characters of a value shown in text output
MARKDOWN_LIMIT: Final = 200  # length from which a changed value in Markdown shows only its difference in context
CONTEXT: Final = 24  # characters kept on either side of the difference when a long changed value is elided
WORD_REACH: Final = 16  # how far the kept context may widen to take in a whole word
ELLIPSIS: Final = "…"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class Summary:
    files: int
    changed: int
    material: int
    record: int
    editorial: int
    errors: int

    @classmethod
    def of(cls, files: Sequence[FileDiff]) -> Summary:
        return cls(len(files), sum(bool(file.changes) for file in files), sum(file.material for file in files),
                   sum(file.record for file in files), sum(file.editorial for file in files),
                   sum(file.error is not None for file in files))

    @property
    def changes(self) -> int:
        return self.material + self.record + self.editorial

    def line(self) -> str:
        """``3 changes (1 material, 1 record, 1 editorial) in 2 of 3 agreements.``"""
        agreements = _plural(self.files, "agreement")
        errors = f"; {_plural(self.errors, 'agreement')} could not be compared" if self.errors else ""
        if not self.changes:
            return f"No semantic changes in {agreements}{errors}."
        where = _plural(self.files, "agreement")
        if self.changed != self.files:
            where = f"{self.changed} of {where}"
        return (f"{_plural(self.changes, 'change')} ({class_counts(self.material, self.record, self.editorial)}) "
                f"in {where}{errors}.")


def class_counts(material: int, record: int, editorial: int) -> str:
    """``1 material, 1 record, 1 editorial``."""
    return f"{material} material, {record} record, {editorial} editorial"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def has_material(files: Iterable[FileDiff]) -> bool:
    return any(file.material for file in files)


# -- values ------------------------------------------------------------------------------------------------------


def format_value(value: Any, limit: int | None = TEXT_LIMIT) -> str:
    """A value on one line in YAML flow style (``{id: d3, what: ...}``, ``[a, b]``), cut at ``limit`` characters."""
    return _cut(_flow(value), limit)


def _cut(text: str, limit: int | None) -> str:
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + ELLIPSIS
    return text


def elide_pair(old: str, new: str, limit: int | None, context: int = CONTEXT) -> tuple[str, str]:
    """Two texts shortened so that what differs stays visible: when either is longer than ``limit`` (None: always),
    the part both share at the start and at the end is elided with "…", except ``context`` characters (widened to
    whole words) around the difference. ``limit`` also caps what is left of each side (None: never, so nothing
    that differs is hidden)."""
    if limit is not None and len(old) <= limit and len(new) <= limit:
        return old, new
    shortest = min(len(old), len(new))
    prefix = 0
    while prefix < shortest and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < shortest - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    start = max(0, prefix - context)
    for _ in range(WORD_REACH):  # back to the start of a word
        if start == 0 or old[start - 1].isspace():
            break
        start -= 1
    kept = min(suffix, context)  # characters of the shared end that stay
    for _ in range(WORD_REACH):  # on to the end of a word
        if kept == suffix or old[len(old) - suffix + kept].isspace():
            break
        kept += 1
    return (_elided(old, start, len(old) - suffix + kept, limit),
            _elided(new, start, len(new) - suffix + kept, limit))


def _elided(text: str, start: int, end: int, limit: int | None) -> str:
    head = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if end < len(text) else ""
    body = text[start:end]
    if limit is not None and len(head) + len(body) + len(tail) > limit:
        return head + body[: max(1, limit - len(head) - 1)] + ELLIPSIS
    return head + body + tail


def _flow(value: Any) -> str:
    if value is None:
        return "(empty)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key}: {_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if isinstance(value, str):
        return _LINE_BREAK.sub("\\\\n", value) if value else '""'
    return str(value)


def shown(change: Change, value: Any) -> Any:
    """What to show of a value: a whole agreement added or removed is named by its id and title."""
    if change.path == AGREEMENT and isinstance(value, Mapping):
        return f"{value.get('id')} ({value.get('title')})"
    return value


def shown_texts(change: Change, limit: int | None,
                render: Callable[[Any], str] | None = None) -> tuple[str | None, str | None]:
    """The old and new value of a change as flow text (None for the side an addition or removal lacks).

    A changed value longer than ``limit`` keeps only its difference with some context (:func:`elide_pair`); an
    added or removed one is cut at ``limit``. ``limit`` None: added and removed values whole, and a changed value
    longer than :data:`MARKDOWN_LIMIT` elided around its difference but never cut within it. ``render`` turns a
    value into text (default: YAML flow style).
    """
    render = render or _flow
    old = None if change.kind is ChangeKind.ADDED else render(shown(change, change.old))
    new = None if change.kind is ChangeKind.REMOVED else render(shown(change, change.new))
    if old is not None and new is not None:
        if limit is None:
            if max(len(old), len(new)) <= MARKDOWN_LIMIT:
                return old, new
            return elide_pair(old, new, None)
        return elide_pair(old, new, limit)
    return (None if old is None else _cut(old, limit)), (None if new is None else _cut(new, limit))


def _values(change: Change) -> str:
    old, new = shown_texts(change, TEXT_LIMIT)
    if new is None:
        return f"- {old}"
    if old is None:
        return f"+ {new}"
    return f"{old} -> {new}"


# -- text --------------------------------------------------------------------------------------------------------


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


def render_text(files: Sequence[FileDiff]) -> str:
    return "".join(render_file_text(file) for file in files) + Summary.of(files).line() + "\n"


# -- json --------------------------------------------------------------------------------------------------------


def change_record(change: Change) -> dict[str, Any]:
    """One change as plain JSON data: path, kind, old and new values, ``material`` (needs fresh consent), its class
    as ``materiality`` (``material``, ``record`` or ``editorial``) and the note."""
    return {"path": change.path, "kind": change.kind.value, "old": change.old, "new": change.new,
            "material": change.material, "materiality": change.materiality.value, "note": change.note}


def _file_json(file: FileDiff) -> dict[str, Any]:
    return {"old_path": file.old_path, "new_path": file.new_path, "renamed": file.renamed, "error": file.error,
            "changes": [change_record(change) for change in file.changes]}


def render_json(files: Sequence[FileDiff]) -> str:
    summary = Summary.of(files)
    return json_document({"files": [_file_json(file) for file in files],
                          "summary": {"files": summary.files, "changed": summary.changed,
                                      "material": summary.material, "record": summary.record,
                                      "editorial": summary.editorial, "errors": summary.errors}})


# -- markdown ----------------------------------------------------------------------------------------------------


def escape_markdown(text: str) -> str:
    """Text safe inside a Markdown table cell: specials backslash-escaped, ``&`` as an entity, line breaks
    as ``<br>``."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;"))
    return _LINE_BREAK.sub("<br>", escaped)


def _code(text: str) -> str:
    """A code span for a path; plain escaped text when the path itself holds a backtick or a line break."""
    if "`" in text or _LINE_BREAK.search(text):
        return escape_markdown(text)
    return "`" + text.replace("|", "\\|") + "`"


def _cell_text(value: Any) -> str:
    """A value for a table cell: a string as it is (its line breaks become ``<br>``), anything else in flow style."""
    return value if isinstance(value, str) else _flow(value)


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
    title = _plural(len(changes), f"{materiality.value} change")
    if materiality is Materiality.EDITORIAL:
        return [f"<details><summary>{title}</summary>", "", *_markdown_table(changes), "", "</details>", ""]
    return [f"**{title}** ({_MEANING[materiality]})", "", *_markdown_table(changes), ""]


def render_markdown(files: Sequence[FileDiff]) -> str:
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


CHANGES_FORMATS: Final[Registry[Sequence[FileDiff], str]] = Registry("changes", {
    "text": render_text, "json": render_json, "markdown": render_markdown,
})
