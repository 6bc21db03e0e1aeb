"""What is due as Markdown to post in an issue: a heading, the summary, a table of what is overdue (first), a table
of what falls due in the window, then the files that could not be read.

Rows are grouped by person (the owner; the items no single party owns last), each naming whom the item is for.
Text from an agreement is data, written as :mod:`agreed.report.markdown` writes it: in a cell it is one line, its
punctuation backslash-escaped and its control characters shown escaped, so a ``|`` or a line break cannot break the
table and ``<script>`` stays text; a zero-width space after ``@`` and ``#`` keeps a code host from turning ``@name``
into a mention or ``#12`` into a link to an issue each time the report is posted.
"""

from __future__ import annotations

from collections.abc import Iterable

from agreed.due import DueEntry, DueGroup, DueReport
from agreed.problem import Problem
from agreed.report.due.base import agreement_phrase, counterparts_phrase, days_phrase, plural, summary, window_phrase
from agreed.report.markdown import inline, table, unmentioned
from agreed.visible import visible_lines


def cell(text: str | None) -> str:
    """``text`` safe inside a Markdown table cell posted to an issue: on one line, no mention or issue link."""
    return unmentioned(inline(text))


def render(report: DueReport) -> str:
    lines = [f"## What is due on {report.today.isoformat()}", "", cell(summary(report)), ""]
    overdue = [(group, [entry for entry in group.entries if entry.overdue]) for group in report.groups]
    upcoming = [(group, [entry for entry in group.entries if not entry.overdue]) for group in report.groups]
    lines += _section(f"Overdue ({report.overdue})", "Late", overdue, "Nothing is overdue.")
    lines += _section(f"Due {window_phrase(report)} ({report.upcoming})", "When", upcoming,
                      "Nothing falls due in the window.")
    if report.problems:
        lines += _problems(report.problems)
    return visible_lines("\n".join(lines))


def _section(title: str, days_header: str, rows: Iterable[tuple[DueGroup, list[DueEntry]]],
             nothing: str) -> list[str]:
    body = [_cells(group, entry) for group, entries in rows for entry in entries]
    if not body:
        return [f"### {cell(title)}", "", nothing, ""]
    header = ["Person", "Item", "For", "Kind", "Date", days_header, "Agreement"]
    return [f"### {cell(title)}", "", *table(header, body), ""]


def _cells(group: DueGroup, entry: DueEntry) -> list[str]:
    where = f"{entry.agreement.file}:{entry.line}"
    item = entry.item
    cells = (group.shown, item.what, counterparts_phrase(entry), item.kind.value, item.on.isoformat(),
             days_phrase(entry))
    agreement = f"{cell(agreement_phrase(entry.agreement))} ({cell(where)})"
    return [*(cell(text) for text in cells), agreement]


def _problems(problems: Iterable[Problem]) -> list[str]:
    listed = list(problems)
    lines = [f"### {plural(len({problem.path for problem in listed}), 'file')} could not be read for dates", ""]
    lines += [f"- {cell(f'{problem.path}:{problem.line}:{problem.col}')}: {cell(problem.message)}"
              for problem in listed]
    return [*lines, ""]
