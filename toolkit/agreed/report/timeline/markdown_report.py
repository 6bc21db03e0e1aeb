"""A timeline as Markdown for a pull request: the summary, a table of the versions, then per version what it changed;
for one field, a table of its value at each version. Text from the history (authors, subjects, values) is
written as :mod:`agreed.report.markdown` writes agreement text, every control character shown escaped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agreed.report.markdown import inline
from agreed.report.timeline.base import day, entry_kind, entry_lines, field_summary, point_value, short, summary
from agreed.visible import visible_lines

if TYPE_CHECKING:
    from agreed.history.timeline import Entry, Timeline


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    return f"{fence}{text.replace(chr(10), ' ')}{fence}" if text else ""


def render(timeline: Timeline) -> str:
    return visible_lines(_field_markdown(timeline) if timeline.field is not None else _versions_markdown(timeline))


def _versions_markdown(timeline: Timeline) -> str:
    out = [f"### History of `{timeline.path}`", "", summary(timeline) + ".", ""]
    out += [f"> **Note:** {inline(note)}" for note in timeline.notes]
    if timeline.entries:
        out += ["| commit | date | author | subject | kind | changes |", "|---|---|---|---|---|---|"]
        out += [f"| `{short(e.version)}` | {day(e.version)} | {inline(e.version.author)} | {inline(e.version.subject)} "
                f"| {entry_kind(e)} | {inline(_brief(e))} |" for e in timeline.entries]
    for entry in timeline.entries:
        version = entry.version
        out += ["", f"#### `{short(version)}` {inline(version.subject)}", "",
                f"{day(version)}, {inline(version.author)}, `{version.path}`", ""]
        out += [f"- **{kind}** {_code(line)}" for kind, line in entry_lines(entry)]
    return "\n".join(out) + "\n"


def _brief(entry: Entry, most: int = 3) -> str:
    """The first few things a version changed, for the summary table."""
    lines = [line.split(":", 1)[0] if ": " in line else line for _, line in entry_lines(entry)]
    more = f" and {len(lines) - most} more" if len(lines) > most else ""
    return ", ".join(lines[:most]) + more


def _field_markdown(timeline: Timeline) -> str:
    out = [f"### `{timeline.field}` in `{timeline.path}`", "", field_summary(timeline) + ".", ""]
    out += [f"> **Note:** {inline(note)}" for note in timeline.notes]
    out += ["| commit | date | author | value | change | total | kind | subject |",
            "|---|---|---|---|---|---|---|---|"]
    out += [f"| `{short(p.version)}` | {day(p.version)} | {inline(p.version.author)} | {inline(point_value(p))} "
            f"| {p.change} | {p.total.removesuffix(' total')} | {p.materiality.value} "
            f"| {inline(p.version.subject)} |" for p in timeline.points]
    return "\n".join(out) + "\n"
