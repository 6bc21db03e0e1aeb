"""The library surface: load, validate and lint agreements as plain function calls that return values."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from agreed.document import Document, load_document, read_document
from agreed.due import DueReport, due_report, window_days
from agreed.lint import run as lint_run
from agreed.lint.engine import StatementFinding
from agreed.lint.rule import LintContext
from agreed.lint.run import LintResult
from agreed.problem import Problem

if TYPE_CHECKING:
    from agreed.feed.build import Feed


def load(source: str | Path | bytes, path: str = "<string>") -> Document:
    """A Document from a file path, or from YAML bytes (``path`` names it in findings)."""
    if isinstance(source, bytes):
        return load_document(source, path)
    return read_document(Path(source))


def loads(text: str, path: str = "<string>") -> Document:
    """A Document from YAML text."""
    return load_document(text.encode("utf-8"), path)


def validate(document: Document) -> list[Problem]:
    """Load and schema problems of ``document`` (empty when it conforms)."""
    return lint_run.validate_document(document)


def check(document: Document, today: datetime.date | None = None) -> list[Problem]:
    """Load, schema and rule problems of ``document``, as ``agreed lint`` reports them."""
    return lint_run.lint_document(document, LintContext(today=today or datetime.date.today()))


def lint(paths: Sequence[str | Path], config: str | Path | None = None,
         today: datetime.date | None = None, jobs: int = 0) -> LintResult:
    """Lint the agreement files ``paths`` name (folders searched for *.yaml and *.yml) as ``agreed lint`` does,
    cross-file rules included, with the configuration file ``config`` (default: the defaults, no file read).

    Raises :class:`agreed.lint.config.ConfigError` for a configuration, and
    :class:`agreed.people.RosterError` for a people roster, that cannot be used."""
    from agreed.lint.config import default_config, load_config
    from agreed.lint.rules import ALL_RULES

    here = Path.cwd()
    settings = default_config(here, ALL_RULES) if config is None else load_config(Path(config), ALL_RULES)
    context = lint_run.lint_context(settings, today or datetime.date.today(), here.resolve())
    files = lint_run.selection([str(path) for path in paths], settings).files
    return lint_run.lint(lint_run.Inputs.of(files, here.resolve()), settings, context, jobs=jobs)


def due(paths: Sequence[str | Path], today: datetime.date | None = None, within: str = "14d",
        party: str | None = None) -> DueReport:
    """What ``agreed due`` shows: the items of the agreements in force below ``paths`` that fall due from ``today``
    (default: the system date) within the window ``within`` (``14d``, ``2w``), and the overdue ones, for ``party``
    or everyone. Raises :class:`agreed.due.DueError` for a bad window, a path without agreements or an unknown
    party."""
    return due_report([str(path) for path in paths], today or datetime.date.today(), window_days(within), party)


def calendar(paths: Sequence[str | Path], party: str | None = None, site_url: str | None = None,
             here: str | Path | None = None) -> Feed:
    """What ``agreed calendar`` writes: the calendar of the agreements below ``paths`` (``Feed.text``, RFC 5545),
    seen from the folder ``here`` (default: the current one; its git repository gives the events' revisions), with
    only ``party``'s events when given, each linked to its page under ``site_url`` when given. Agreements that cannot
    be read leave the text empty and say why in ``Feed.problems``; :class:`agreed.feed.build.CalendarError` for a
    path without agreements, an unknown party or a bad site URL."""
    from agreed.feed.build import build_calendar  # icalendar is loaded only for a calendar

    return build_calendar([str(path) for path in paths], Path(here) if here is not None else Path.cwd(),
                          party=party, site_url=site_url)


def check_statement(text: str) -> list[StatementFinding]:
    """Findings of the text rules in one free-standing statement, as ``agreed check-text`` finds them in a line."""
    return lint_run.check_statement(text)
