"""``agreed calendar``: the agreements' dates as an RFC 5545 calendar (``.ics``) to import or subscribe to.

The run is :mod:`agreed.feed.build`; this module reads the options and the configuration's site URL, calls it,
writes the calendar (standard output without ``-o`` or with ``-o -``) and exits.
"""

from __future__ import annotations

from pathlib import Path

import click

from agreed.cli.output import EXIT_CLEAN, EXIT_USAGE, OUTPUT_HELP, deliver, usage_error
from agreed.cli.settings import config_options, run_config
from agreed.feed.build import CalendarError, Feed, build_calendar, configured_site_url
from agreed.report.lint.text_report import problem_line
from agreed.visible import visible

STDOUT = Path("-")


@click.command("calendar")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--party", metavar="ID", default=None,
              help="Only the events this party owes, is owed or attends (a party id).")
@click.option("--site-url", metavar="URL", default=None,
              help="The address the site of 'agreed site' is published at: each event links to its agreement's "
                   "page there [default: the configuration's site.url; none: no links].")
@click.option("--output", "-o", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the calendar to FILE " + OUTPUT_HELP.removeprefix("Write the report to FILE ")
                   + " '-', or no -o: standard output.")
@config_options
def command(paths: tuple[str, ...], party: str | None, site_url: str | None, output: Path | None,
            config_path: Path | None, isolated: bool) -> None:
    """Write the agreements' dates as an iCalendar file (RFC 5545) to import into a calendar or subscribe to.

    All-day events for due dates, measurement and announcement days, hand-offs, dated reviews and the term's start
    and end; check-ins at the cadence's time, as one recurring series where the cadence states a rhythm (every
    Monday, fortnightly, the first Tuesday of the month ...). Each event's UID is the agreement's id and the item's
    key, and its SEQUENCE counts its changes in the file's git history, so importing a newer file updates the
    events instead of adding copies. Without -o, or with -o -, the calendar goes to standard output.
    PATHS are files or folders (searched for agreements); default: contracts/ at the repository root.
    Exit codes: 0 written, 2 usage errors or an agreement that cannot be read (nothing is written).
    """
    config = run_config(config_path, isolated)
    url = site_url if site_url is not None else configured_site_url(config.source)
    try:
        feed = build_calendar(paths, Path.cwd(), party=party, site_url=url)
    except CalendarError as error:
        usage_error(str(error))
    _report_skipped(feed)
    if feed.failed:
        for problem in feed.problems:
            click.echo(problem_line(problem, color=False), err=True)
        click.echo("agreed: error: an agreement above cannot be read as calendar events; nothing was written",
                   err=True)
        raise SystemExit(EXIT_USAGE)
    deliver(feed.text, None if output in (None, STDOUT) else output, _summary(feed), "ics")
    raise SystemExit(EXIT_CLEAN)


def _report_skipped(feed: Feed) -> None:
    for path, kind in feed.skipped:
        click.echo(f"agreed: note: {visible(path)} is a {kind}, not an agreement: not read", err=True)


def _summary(feed: Feed) -> str:
    events = f"{feed.events} event{'s' if feed.events != 1 else ''}"
    agreements = f"{feed.agreements} agreement{'s' if feed.agreements != 1 else ''}"
    return f"{events} from {agreements}" + (f" for {visible(feed.party)}." if feed.party else ".")
