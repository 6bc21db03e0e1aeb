"""Shared command-line plumbing: options, colour, exit codes and printing reports."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TypeVar

import click

from agreed.document import UNREADABLE
from agreed.lint.engine import INTERNAL_ERROR, at_or_above
from agreed.lint.rule import Rule
from agreed.problem import Problem, Severity
from agreed.report import REPORTERS, Report

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

USAGE_CODES = frozenset({UNREADABLE, INTERNAL_ERROR})
FAIL_ON_CHOICES = ("error", "warning", "info", "never")

F = TypeVar("F", bound=Callable[..., Any])


def fail_on_option(function: F) -> F:
    return click.option(
        "--fail-on", type=click.Choice(FAIL_ON_CHOICES), default="error", show_default=True,
        help="Exit 1 when a finding has at least this severity ('never': only errors of use exit non-zero).",
    )(function)


def format_option(choices: Sequence[str]) -> Callable[[F], F]:
    def decorate(function: F) -> F:
        return click.option("--format", "output_format", type=click.Choice(list(choices)), default="text",
                            show_default=True, help="Output format.")(function)
    return decorate


def threshold(fail_on: str) -> Severity | None:
    return None if fail_on == "never" else Severity.parse(fail_on)


def use_color() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def all_rules() -> dict[str, Rule]:
    from agreed.lint.builtin import BUILTIN_RULES
    from agreed.lint.rules import ALL_RULES

    return {rule.code: rule for rule in (*BUILTIN_RULES, *sorted(ALL_RULES, key=lambda rule: rule.code))}


def emit_report(problems: Sequence[Problem], files: int, output_format: str, fail_on: str) -> NoReturn:
    report = Report(tuple(problems), files, all_rules(), color=use_color() and output_format == "text")
    click.echo(REPORTERS[output_format](report), nl=False)
    raise SystemExit(exit_code(problems, fail_on))


def exit_code(problems: Sequence[Problem], fail_on: str) -> int:
    """2 when agreed itself failed or a path could not be read; 1 for findings at the threshold; else 0."""
    if any(problem.rule in USAGE_CODES for problem in problems):
        return EXIT_USAGE
    return EXIT_FINDINGS if at_or_above(problems, threshold(fail_on)) else EXIT_CLEAN


def usage_error(message: str) -> NoReturn:
    click.echo(f"agreed: error: {message}", err=True)
    raise SystemExit(EXIT_USAGE)
