"""A timeline as text for a terminal: the summary line, then per version its commit, day, author and subject and one
line per change with its class (``material``, ``record``, ``editorial``); for one field, one line per version that
moved it. Every control character and bidirectional override is shown escaped (:mod:`agreed.visible`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agreed.report.timeline.base import day, entry_lines, field_summary, movement, point_value, short, summary
from agreed.visible import visible_lines

if TYPE_CHECKING:
    from agreed.history.timeline import Timeline


def render(timeline: Timeline) -> str:
    return visible_lines(_field_text(timeline) if timeline.field is not None else _versions_text(timeline))


def _versions_text(timeline: Timeline) -> str:
    out = [summary(timeline), *(f"note: {note}" for note in timeline.notes)]
    for entry in timeline.entries:
        version = entry.version
        out += ["", f"{short(version)} {day(version)} {version.author}  {version.subject}  [{version.path}]"]
        out += [f"  {kind:<9}  {line}" for kind, line in entry_lines(entry)]
    return "\n".join(out) + "\n"


def _field_text(timeline: Timeline) -> str:
    out = [field_summary(timeline), *(f"note: {note}" for note in timeline.notes)]
    for point in timeline.points:
        moved = movement(point)
        out.append(f"{short(point.version)} {day(point.version)} {point.version.author}  {point_value(point)}"
                   + (f"  ({moved})" if moved else "") + f"  [{point.materiality.value}]  "
                   + point.version.subject)
    return "\n".join(out) + "\n"
