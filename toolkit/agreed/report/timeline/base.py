"""What every format of a timeline shares: a version's short name and day, a value on one line, the lines of what
a version did and the summary line."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from agreed.history.materiality import Materiality

if TYPE_CHECKING:
    from agreed.git.history import Version
    from agreed.history.diff import Change
    from agreed.history.timeline import Entry, FieldPoint, Timeline

SHORT = 7  # characters of a commit sha shown
UNCOMMITTED = "no committed versions yet (commit the file to start its history)"
LONGEST_VALUE = 80  # characters of a value shown in text and markdown; json holds it whole


def short(version: Version) -> str:
    return version.commit[:SHORT]


def day(version: Version) -> str:
    return version.date.date().isoformat()


def entry_kind(entry: Entry) -> str:
    """``material``, ``record``, ``editorial`` (the strongest class of what the version did), ``unknown`` (what it
    changed cannot be told: it or the version before cannot be parsed) or ``start`` (a shallow clone's oldest
    version: where the available history starts)."""
    if entry.unknown:
        return "unknown"
    if entry.history_start:
        return "start"
    return entry.materiality.value


def shown_value(value: Any) -> str:
    """A value on one line: strings as they are, other data as compact JSON; cut at LONGEST_VALUE characters."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    text = " ".join(text.split()) if isinstance(value, str) else text
    return text if len(text) <= LONGEST_VALUE else text[: LONGEST_VALUE - 1] + "…"


def change_line(change: Change) -> str:
    """``path: old -> new (note)``; ``path: + new`` for an addition, ``path: - old`` for a removal."""
    kind = change.kind.value
    if kind == "added":
        body = f"+ {shown_value(change.new)}"
    elif kind == "removed":
        body = f"- {shown_value(change.old)}"
    elif kind == "moved":
        body = "order changed"
    else:
        body = f"{shown_value(change.old)} -> {shown_value(change.new)}"
    note = f" ({change.note})" if change.note and change.note != body else ""
    return f"{change.path}: {body}{note}"


def entry_lines(entry: Entry) -> list[tuple[str, str]]:
    """What a version did, one (kind, line) per change, plus creation, rename, formatting and problem lines; kind is
    ``material``, ``record``, ``editorial`` or (for what cannot be told) ``unknown``."""
    from agreed.history.diff import AGREEMENT

    lines: list[tuple[str, str]] = []
    if entry.history_start:
        lines.append(("start", "the available history starts here (shallow clone): older versions were not fetched"))
    if entry.created:
        lines.append(("material", "agreement created"))
    if entry.deleted:
        lines.append(("material", "agreement deleted (the file was removed)"))
    if entry.renamed_from is not None:
        lines.append(("editorial", f"file renamed from {entry.renamed_from}"))
    if entry.renamed_to is not None:
        lines.append(("editorial", f"file renamed to {entry.renamed_to}"))
    if entry.compared_with is not None:
        lines.append(("note", f"compared with {short(entry.compared_with)}, the last version before it that "
                                   "can be parsed"))
    lines += [(change.materiality.value, change_line(change)) for change in entry.changes
              if change.path != AGREEMENT]
    if not lines and not entry.problems:
        lines.append(("editorial", "no change in content (formatting or comments)"))
    lines += [("unknown", f"cannot be parsed: {problem}") for problem in entry.problems]
    return lines


def named(timeline: Timeline) -> str:
    return f"{timeline.path} (id {timeline.agreement_id})" if timeline.agreement_id else timeline.path


def summary(timeline: Timeline) -> str:
    if timeline.uncommitted:
        return f"{named(timeline)}: {UNCOMMITTED}"
    count = len(timeline.entries)
    material = sum(entry.material for entry in timeline.entries)
    records = sum(entry.materiality is Materiality.RECORD for entry in timeline.entries)
    unknown = sum(entry.unknown for entry in timeline.entries)
    return (f"{named(timeline)}: {count} version{'s' * (count != 1)}, {material} with material changes, "
            f"{records} only recording progress" + (f" ({unknown} not parseable)" if unknown else ""))


def field_summary(timeline: Timeline) -> str:
    if timeline.uncommitted:
        return f"{timeline.path}: {timeline.field}: {UNCOMMITTED}"
    count = sum(not point.initial for point in timeline.points)
    return f"{timeline.path}: {timeline.field}: {count} change{'s' * (count != 1)}"


def point_value(point: FieldPoint) -> str:
    return shown_value(point.value) if point.present else "(absent)"


def movement(point: FieldPoint) -> str:
    return ", ".join(part for part in (point.change, point.total) if part)
