"""The options that choose a run's settings: ``--config``, ``--isolated`` and ``--today``; config errors exit 2."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from agreed.cli.output import EXIT_USAGE
from agreed.errors import AgreedError
from agreed.problem import Problem
from agreed.settings import find_config
from agreed.sources import display_path

if TYPE_CHECKING:
    from agreed.cache import CacheFolder
    from agreed.lint.config import LintConfig
    from agreed.lint.context import LintContext
    from agreed.lint.facts import ConfigFacts
    from agreed.lint.run import Configuration

F = TypeVar("F", bound=Callable[..., Any])


def config_options(function: F) -> F:
    function = click.option("--isolated", is_flag=True,
                            help="Ignore every configuration file; use the defaults.")(function)
    return click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="Configuration file (.agreed.yaml or pyproject.toml) [default: the nearest one, "
                             "searched from here up to the repository root].")(function)


def calendar_day(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime.datetime | None:
    """The option's YYYY-MM-DD day (a datetime at midnight, as click's DateTime gives); a day that does not exist
    (2027-02-30) is told apart from a wrong form."""
    if value is None:
        return None
    text = value.strip()
    if not _ISO_DAY.fullmatch(text):
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD (e.g. 2031-03-31)", ctx, param)
    try:
        return datetime.datetime.combine(datetime.date.fromisoformat(text), datetime.time())
    except ValueError:
        raise click.BadParameter(f"{text} does not exist ({_why_no_such_day(text)})", ctx, param) from None


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _why_no_such_day(text: str) -> str:
    """Why a YYYY-MM-DD text names no day: the month or the day is out of range."""
    year, month, _ = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        return f"there is no month {month:02d}"
    if year == 0:
        return "there is no year 0000"
    import calendar  # only a day that does not exist needs it

    days = calendar.monthrange(year, month)[1]
    return f"{calendar.month_name[month]} {year:04d} has {days} days"


def today_option(function: F) -> F:
    return click.option("--today", callback=calendar_day, default=None, metavar="YYYY-MM-DD",
                        help="The date that overdue and passed-deadline checks compare with [default: the "
                             "system date]; set it for reproducible CI.")(function)


def run_config(config_path: Path | None, isolated: bool) -> LintConfig:
    """The configuration for this run; a bad or missing explicit file prints its problems and exits 2."""
    return resolved_config(config_file(config_path, isolated))


def config_file(config_path: Path | None, isolated: bool) -> Path | None:
    """The configuration file of this run: ``--config``, else the nearest one (none with ``--isolated``); a
    ``--config`` that does not exist exits 2."""
    found = config_path if config_path is not None else (None if isolated else find_config(Path.cwd()))
    if found is not None and not found.exists():  # anything else there is read (or refused) by load_config
        _fail(f"agreed: error: configuration file {found} does not exist")
    return found


def config_root(found: Path | None) -> Path:
    """The folder the configuration applies to: the configuration file's, else the current one."""
    return found.resolve().parent if found is not None else Path.cwd().resolve()


def resolved_config(found: Path | None) -> LintConfig:
    """The configuration in ``found`` (the defaults for None), its rules resolved; a bad file prints its problems
    and exits 2."""
    from agreed.lint.config import ConfigError, default_config, load_config
    from agreed.lint.rules import ALL_RULES

    if found is None:
        return default_config(Path.cwd(), ALL_RULES)
    try:
        return load_config(found, ALL_RULES, shown=_shown(found))
    except ConfigError as error:
        _fail_with(error.problems, "the configuration is invalid")


def run_configuration(found: Path | None, folder: CacheFolder | None) -> Configuration:
    """The configuration in ``found`` with its facts at once (from the cache ``folder`` when it was resolved
    before) and its rules when a file must be checked (:func:`agreed.lint.run.remembered_configuration`)."""
    from agreed.lint.run import remembered_configuration

    return remembered_configuration(found, config_root(found), Path.cwd().resolve(), folder,
                                    lambda: resolved_config(found))


def run_context(today: datetime.datetime | None, config: ConfigFacts | LintConfig) -> LintContext:
    """Today's date (or --today) and the people roster the configuration names; a bad roster exits 2."""
    from agreed.lint.run import lint_context

    day = today.date() if today is not None else datetime.date.today()
    try:
        return lint_context(config, day, Path.cwd().resolve())
    except AgreedError as error:
        # Only a run with a roster can fail here, and loads these modules: the others skip them.
        from agreed.lint.config import ConfigError
        from agreed.people import RosterError

        if isinstance(error, ConfigError):
            _fail_with(error.problems, "the configuration is invalid")
        if not isinstance(error, RosterError):
            raise
        _fail_with(error.problems, "the people roster is invalid")


def _shown(path: Path) -> str:
    return display_path(path, Path.cwd().resolve())


def _fail_with(problems: Sequence[Problem], what: str) -> NoReturn:
    _fail("\n".join(f"{p.path}:{p.line}:{p.col}: {p.rule} {p.message}" for p in problems)
          + f"\nagreed: error: {what}; nothing was checked")


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    raise SystemExit(EXIT_USAGE)
