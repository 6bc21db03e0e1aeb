"""What every format of the changes shares: the summary of a run and a value shown on one line, cut or elided
around its difference."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from agreed.history.diff import AGREEMENT, Change, ChangeKind, FileDiff

TEXT_LIMIT: Final = 100  # characters of a value shown in text output
MARKDOWN_LIMIT: Final = 200  # length from which a changed value in Markdown shows only its difference in context
CONTEXT: Final = 24  # characters kept on either side of the difference when a long changed value is elided
WORD_REACH: Final = 16  # how far the kept context may widen to take in a whole word
ELLIPSIS: Final = "…"
LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


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
        agreements = plural(self.files, "agreement")
        errors = f"; {plural(self.errors, 'agreement')} could not be compared" if self.errors else ""
        if not self.changes:
            return f"No semantic changes in {agreements}{errors}."
        where = plural(self.files, "agreement")
        if self.changed != self.files:
            where = f"{self.changed} of {where}"
        return (f"{plural(self.changes, 'change')} ({class_counts(self.material, self.record, self.editorial)}) "
                f"in {where}{errors}.")


def class_counts(material: int, record: int, editorial: int) -> str:
    """``1 material, 1 record, 1 editorial``."""
    return f"{material} material, {record} record, {editorial} editorial"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def has_material(files: Iterable[FileDiff]) -> bool:
    return any(file.material for file in files)


# -- values ------------------------------------------------------------------------------------------------------


def format_value(value: Any, limit: int | None = TEXT_LIMIT) -> str:
    """A value on one line in YAML flow style (``{id: d3, what: ...}``, ``[a, b]``), cut at ``limit`` characters."""
    return _cut(flow(value), limit)


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


def flow(value: Any) -> str:
    if value is None:
        return "(empty)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key}: {flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if isinstance(value, str):
        return LINE_BREAK.sub("\\\\n", value) if value else '""'
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
    render = render or flow
    old = None if change.kind is ChangeKind.ADDED else render(shown(change, change.old))
    new = None if change.kind is ChangeKind.REMOVED else render(shown(change, change.new))
    if old is not None and new is not None:
        if limit is None:
            if max(len(old), len(new)) <= MARKDOWN_LIMIT:
                return old, new
            return elide_pair(old, new, None)
        return elide_pair(old, new, limit)
    return (None if old is None else _cut(old, limit)), (None if new is None else _cut(new, limit))
