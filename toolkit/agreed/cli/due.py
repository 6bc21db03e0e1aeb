"""``agreed due``: what falls due in a window from today, and what is overdue, in the agreements in force.

Exit codes: 0 nothing overdue, 1 something overdue (so a scheduled job can fail or notify), 2 usage errors and files
that could not be read (their positioned problems go to standard error; the other files are still reported).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from agreed.cli.files import named_or_default
from agreed.cli.output import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, deliver, format_option, output_option, usage_error
from agreed.cli.settings import today_option
from agreed.due import DEFAULT_WINDOW, DueError, DueReport, due_report, window_days
from agreed.report.due import DUE_FORMATS
from agreed.report.due.base import summary
from agreed.report.lint.text_report import problem_line
from agreed.visible import visible


@click.command("due")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str), metavar="[PATHS]...")
@today_option
@click.option("--within", default=DEFAULT_WINDOW, show_default=True, metavar="WINDOW",
              help="How far ahead to look from today, in days or weeks: 14d, 2w, 0d (today only).")
@click.option("--party", metavar="ID", default=None,
              help="Only the items this party owes or that are for them (shared items included).")
@format_option(DUE_FORMATS)
@output_option
def command(paths: tuple[str, ...], today: datetime.datetime | None, within: str, party: str | None,
            output_format: str, output: Path | None) -> None:
    """Show what falls due within a window from today, and what is overdue, grouped by person.

    Only agreements in force (active, renegotiating) are read for dates; the others are counted as left out.
    Deliverables, milestones and measurements not recorded as done, and the term's end, are overdue once their
    day has passed; check-ins, the announcement, hand-offs and the dated reservation reviews and renegotiation
    triggers are shown when they fall in the window. Exit codes: 0 nothing overdue, 1 something overdue, 2 errors.
    PATHS are files or folders (searched for agreements); default: contracts/ at the repository root.
    """
    day = today.date() if today is not None else datetime.date.today()
    try:
        days = window_days(within)
    except DueError as error:
        usage_error(f"--within: {error}")
    try:
        report = due_report(named_or_default(paths), day, days, party)
    except DueError as error:
        usage_error(str(error))
    for path, kind in report.skipped:
        click.echo(f"agreed: note: {visible(path)} is a {kind}, not an agreement: not read", err=True)
    for problem in report.problems:
        click.echo(problem_line(problem, color=False), err=True)
    deliver(DUE_FORMATS.render(output_format, report), output, summary(report), output_format)
    raise SystemExit(_exit_code(report))


def _exit_code(report: DueReport) -> int:
    if report.failed:
        return EXIT_USAGE
    return EXIT_FINDINGS if report.overdue else EXIT_CLEAN
