"""The options that choose a run's settings: ``--config``, ``--isolated`` and ``--today``; config errors exit 2."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from agreed.cli.output import EXIT_USAGE
from agreed.lint.config import ConfigError, LintConfig, default_config, find_config, load_config
from agreed.lint.rule import LintContext
from agreed.problem import Problem
from agreed.sources import display_path

F = TypeVar("F", bound=Callable[..., Any])


def config_options(function: F) -> F:
    function = click.option("--isolated", is_flag=True,
                            help="Ignore every configuration file; use the defaults.")(function)
    return click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="Configuration file (.agreed.yaml or pyproject.toml) [default: the nearest one, "
                             "searched from here up to the repository root].")(function)


def today_option(function: F) -> F:
    return click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
                        help="The date that overdue and passed-deadline checks compare with [default: the "
                             "system date]; set it for reproducible CI.")(function)


def run_config(config_path: Path | None, isolated: bool) -> LintConfig:
    """The configuration for this run; a bad or missing explicit file prints its problems and exits 2."""
    from agreed.lint.rules import ALL_RULES

    found = config_path if config_path is not None else (None if isolated else find_config(Path.cwd()))
    if found is None:
        return default_config(Path.cwd(), ALL_RULES)
    if not found.is_file():
        _fail(f"agreed: error: configuration file {found} does not exist")
    try:
        return load_config(found, ALL_RULES, shown=_shown(found))
    except ConfigError as error:
        _fail_with(error.problems, "the configuration is invalid")


def run_context(today: datetime.datetime | None, config: LintConfig) -> LintContext:
    """Today's date (or --today) and the people roster the configuration names; a bad roster exits 2."""
    day = today.date() if today is not None else datetime.date.today()
    if config.people is None:
        return LintContext(today=day)
    from agreed.lint.people import RosterError, load_roster

    if not config.people.is_file() and config.people_at is not None:
        shown, line, col = config.people_at
        _fail(f"{shown}:{line}:{col}: S013 people: the roster {_shown(config.people)} is not a readable file\n"
              "agreed: error: the configuration is invalid; nothing was checked")
    try:
        return LintContext(today=day, people=load_roster(config.people, _shown(config.people)))
    except RosterError as error:
        _fail_with(error.problems, "the people roster is invalid")


def _shown(path: Path) -> str:
    return display_path(path, Path.cwd().resolve())


def _fail_with(problems: Sequence[Problem], what: str) -> NoReturn:
    _fail("\n".join(f"{p.path}:{p.line}:{p.col}: {p.rule} {p.message}" for p in problems)
          + f"\nagreed: error: {what}; nothing was checked")


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    raise SystemExit(EXIT_USAGE)
