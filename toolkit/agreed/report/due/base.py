"""What every format of ``agreed due`` says the same way: the days left or late, the summary sentence."""

from __future__ import annotations

from agreed.due import AgreementRef, DueEntry, DueReport
from agreed.schedule import one_line


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def days_phrase(entry: DueEntry) -> str:
    """``3 days late``, ``today``, ``in 1 day``."""
    if entry.days < 0:
        return f"{plural(-entry.days, 'day')} late"
    return "today" if entry.days == 0 else f"in {plural(entry.days, 'day')}"


def counterparts_phrase(entry: DueEntry) -> str:
    """Whom the item is for, ``maria, Onboarding managers``; empty when it names no one."""
    return ", ".join(entry.item.counterparts)


def agreement_phrase(agreement: AgreementRef) -> str:
    """``id: title`` on one line, or whichever of them the agreement has (its file when neither)."""
    if agreement.id and agreement.title:
        return one_line(f"{agreement.id}: {agreement.title}")
    return one_line(agreement.shown)


def window_phrase(report: DueReport) -> str:
    """``by 2031-06-15 (within 14 days)``, or ``today`` for a window of no days."""
    if report.within == 0:
        return "today"
    return f"by {report.until.isoformat()} (within {plural(report.within, 'day')})"


def summary(report: DueReport) -> str:
    """One sentence: what is overdue and due, in how many agreements in force, and what was left out."""
    who = f" that concern {report.party}" if report.party is not None else ""
    said = (f"{report.overdue} overdue and {report.upcoming} due {window_phrase(report)}{who}, "
            f"in {plural(report.in_force, 'agreement')} in force")
    left_out = report.left_out_by_status()
    if left_out:
        counts = ", ".join(f"{count} {status}" for status, count in left_out)
        said += f"; not in force, so not read for dates: {counts}"
    if report.problems:
        unread = len({problem.path for problem in report.problems})
        said += f"; {plural(unread, 'file')} could not be read for dates"
    return said + "."
