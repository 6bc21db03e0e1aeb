"""What is due as text for a terminal: a heading line, then per person their items (overdue first), each on two
lines: the days late or left, the day, the kind, the item and whom it is for (when one person owes it); then its
agreement and where its date is written (``FILE:LINE:COL``). The summary ends it.
Every text from an agreement is shown with its control characters escaped (:mod:`agreed.visible`)."""

from __future__ import annotations

from agreed.due import DueEntry, DueGroup, DueReport
from agreed.report.due.base import agreement_phrase, counterparts_phrase, days_phrase, summary, window_phrase
from agreed.schedule import one_line
from agreed.visible import visible_lines

_PHRASE_WIDTH = 14
_AGREEMENT_INDENT = 2 + 7 + 1 + _PHRASE_WIDTH + 1  # under the day


def render(report: DueReport) -> str:
    lines = [f"What is due on {report.today.isoformat()}, {window_phrase(report)}", ""]
    for group in report.groups:
        lines += _group(group)
    if not report.groups:
        lines += ["Nothing is overdue or due.", ""]
    lines.append(summary(report))
    return visible_lines("\n".join(lines) + "\n")


def _group(group: DueGroup) -> list[str]:
    return [one_line(group.shown), *(_line(entry) for entry in group.entries), ""]


def _line(entry: DueEntry) -> str:
    marker = "OVERDUE" if entry.overdue else "due"
    item = entry.item
    where = f"{entry.agreement.file}:{entry.line}:{entry.col}"
    for_whom = f" (for {counterparts_phrase(entry)})" if item.owner is not None and item.counterparts else ""
    return (f"  {marker:<7} {days_phrase(entry):<{_PHRASE_WIDTH}} {item.on.isoformat()}  {item.kind}: {item.what}"
            f"{for_whom}\n"
            f"{'':<{_AGREEMENT_INDENT}}{agreement_phrase(entry.agreement)} ({where})")
