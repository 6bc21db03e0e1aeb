"""``agreed history`` output: text for terminals, a versioned JSON document, and markdown for pull requests.

Every change, version and field movement is labelled with its class: ``material`` (needs fresh consent),
``record`` (progress recorded, such as the status or a ``delivered_on``: no fresh consent needed) or ``editorial``.
JSON gives the class as ``"materiality"`` beside the ``"material"`` boolean. A file whose name is not UTF-8 is named
with :func:`agreed.printable.printable` (``\\xNN`` per byte) in every format.
Text and Markdown also show every control character and bidirectional override escaped (:mod:`agreed.visible`).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

from agreed.history.materiality import Materiality
from agreed.report.changes import change_record
from agreed.report.envelope import json_document
from agreed.report.registry import Registry
from agreed.visible import visible_lines

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


def _named(timeline: Timeline) -> str:
    return f"{timeline.path} (id {timeline.agreement_id})" if timeline.agreement_id else timeline.path


def _summary(timeline: Timeline) -> str:
    if timeline.uncommitted:
        return f"{_named(timeline)}: {UNCOMMITTED}"
    count = len(timeline.entries)
    material = sum(entry.material for entry in timeline.entries)
    records = sum(entry.materiality is Materiality.RECORD for entry in timeline.entries)
    unknown = sum(entry.unknown for entry in timeline.entries)
    return (f"{_named(timeline)}: {count} version{'s' * (count != 1)}, {material} with material changes, "
            f"{records} only recording progress" + (f" ({unknown} not parseable)" if unknown else ""))


def _field_summary(timeline: Timeline) -> str:
    if timeline.uncommitted:
        return f"{timeline.path}: {timeline.field}: {UNCOMMITTED}"
    count = sum(not point.initial for point in timeline.points)
    return f"{timeline.path}: {timeline.field}: {count} change{'s' * (count != 1)}"


def _point_value(point: FieldPoint) -> str:
    return shown_value(point.value) if point.present else "(absent)"


def _movement(point: FieldPoint) -> str:
    return ", ".join(part for part in (point.change, point.total) if part)


# -- text ------------------------------------------------------------------------------------------------------------


def render_text(timeline: Timeline) -> str:
    return visible_lines(_field_text(timeline) if timeline.field is not None else _versions_text(timeline))


def _versions_text(timeline: Timeline) -> str:
    out = [_summary(timeline), *(f"note: {note}" for note in timeline.notes)]
    for entry in timeline.entries:
        version = entry.version
        out += ["", f"{short(version)} {day(version)} {version.author}  {version.subject}  [{version.path}]"]
        out += [f"  {kind:<9}  {line}" for kind, line in entry_lines(entry)]
    return "\n".join(out) + "\n"


def _field_text(timeline: Timeline) -> str:
    out = [_field_summary(timeline), *(f"note: {note}" for note in timeline.notes)]
    for point in timeline.points:
        movement = _movement(point)
        out.append(f"{short(point.version)} {day(point.version)} {point.version.author}  {_point_value(point)}"
                   + (f"  ({movement})" if movement else "") + f"  [{point.materiality.value}]  "
                   + point.version.subject)
    return "\n".join(out) + "\n"


# -- json ------------------------------------------------------------------------------------------------------------


def _version_record(version: Version) -> dict[str, Any]:
    return {"commit": version.commit, "short": short(version), "date": version.date.isoformat(),
            "author": version.author, "email": version.email, "subject": version.subject, "path": version.path,
            "blob": version.blob}


def _entry_record(entry: Entry) -> dict[str, Any]:
    return {**_version_record(entry.version), "created": entry.created, "deleted": entry.deleted,
            "renamed_from": entry.renamed_from, "renamed_to": entry.renamed_to, "history_start": entry.history_start,
            "kind": entry_kind(entry), "material": entry.material, "materiality": entry.materiality.value,
            "unknown": entry.unknown,
            "compared_with": None if entry.compared_with is None else entry.compared_with.commit,
            "problems": list(entry.problems), "changes": [change_record(change) for change in entry.changes]}


def _point_record(point: FieldPoint) -> dict[str, Any]:
    return {**_version_record(point.version), "value": point.value, "present": point.present,
            "change": point.change, "total": point.total, "material": point.material,
            "materiality": point.materiality.value, "initial": point.initial}


def render_json(timeline: Timeline) -> str:
    return json_document({
        "path": timeline.path, "id": timeline.agreement_id, "shallow": timeline.shallow,
        "committed": not timeline.uncommitted,
        "notes": list(timeline.notes), "versions": [_entry_record(entry) for entry in timeline.entries],
        "field": None if timeline.field is None else {
            "path": timeline.field, "points": [_point_record(point) for point in timeline.points]},
    })


# -- markdown --------------------------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    return f"{fence}{text.replace(chr(10), ' ')}{fence}" if text else ""


def render_markdown(timeline: Timeline) -> str:
    return visible_lines(_field_markdown(timeline) if timeline.field is not None else _versions_markdown(timeline))


def _versions_markdown(timeline: Timeline) -> str:
    out = [f"### History of `{timeline.path}`", "", _summary(timeline) + ".", ""]
    out += [f"> **Note:** {_cell(note)}" for note in timeline.notes]
    if timeline.entries:
        out += ["| commit | date | author | subject | kind | changes |", "|---|---|---|---|---|---|"]
        out += [f"| `{short(e.version)}` | {day(e.version)} | {_cell(e.version.author)} | {_cell(e.version.subject)} "
                f"| {entry_kind(e)} | {_cell(_brief(e))} |" for e in timeline.entries]
    for entry in timeline.entries:
        version = entry.version
        out += ["", f"#### `{short(version)}` {_cell(version.subject)}", "",
                f"{day(version)}, {_cell(version.author)}, `{version.path}`", ""]
        out += [f"- **{kind}** {_code(line)}" for kind, line in entry_lines(entry)]
    return "\n".join(out) + "\n"


def _brief(entry: Entry, most: int = 3) -> str:
    """The first few things a version changed, for the summary table."""
    lines = [line.split(":", 1)[0] if ": " in line else line for _, line in entry_lines(entry)]
    more = f" and {len(lines) - most} more" if len(lines) > most else ""
    return ", ".join(lines[:most]) + more


def _field_markdown(timeline: Timeline) -> str:
    out = [f"### `{timeline.field}` in `{timeline.path}`", "", _field_summary(timeline) + ".", ""]
    out += [f"> **Note:** {_cell(note)}" for note in timeline.notes]
    out += ["| commit | date | author | value | change | total | kind | subject |",
            "|---|---|---|---|---|---|---|---|"]
    out += [f"| `{short(p.version)}` | {day(p.version)} | {_cell(p.version.author)} | {_cell(_point_value(p))} "
            f"| {p.change} | {p.total.removesuffix(' total')} | {p.materiality.value} "
            f"| {_cell(p.version.subject)} |" for p in timeline.points]
    return "\n".join(out) + "\n"


TIMELINE_FORMATS: Final[Registry[Timeline, str]] = Registry("timeline", {
    "text": render_text, "json": render_json, "markdown": render_markdown,
})
