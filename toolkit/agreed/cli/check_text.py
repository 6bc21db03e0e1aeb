"""``agreed check-text``: lint free-standing statements, one per line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from agreed.cli.output import EXIT_USAGE, exit_code, fail_on_option, format_option, use_color
from agreed.cli.settings import config_options, run_config
from agreed.codes import TOO_LARGE, UNREADABLE
from agreed.document import decode_text
from agreed.lines import split_lines
from agreed.lint.engine import check_statement
from agreed.problem import Problem, Severity
from agreed.reading import Unreadable, Why, read_file, read_stream
from agreed.report.lint.text_report import problem_line
from agreed.report.statements import STATEMENT_FORMATS, CheckedLine, CheckedStatements


@click.command("check-text")
@click.argument("source", default="-", metavar="[FILE|-]")
@format_option(STATEMENT_FORMATS)
@fail_on_option
@config_options
def command(source: str, output_format: str, fail_on: str | None, config_path: Path | None, isolated: bool) -> None:
    """Lint statements (one per line), e.g. a deliverable being drafted, with the text rules.

    The configuration's rule settings, vague and allowed terms and fail-on apply, as in lint.
    With --format json, prints one JSON object per input line (JSON Lines). The input (a regular file, or '-' for
    standard input) is read up to 2 MiB; one that cannot be used is reported as lint reports a file, and exits 2.
    """
    config = run_config(config_path, isolated)
    rules = [rule for rule in config.rules if rule.check_text is not None]
    fail_on = fail_on or config.fail_on
    shown = "<stdin>" if source == "-" else source
    lines = _read_lines(source, shown)
    checked = CheckedStatements(shown, tuple(
        CheckedLine(number, line, tuple(check_statement(line, rules, allowed_terms=config.allowed_terms)))
        for number, line in enumerate(lines, start=1)), color=use_color())
    click.echo(STATEMENT_FORMATS.render(output_format, checked), nl=False)
    raise SystemExit(exit_code(checked.problems(), fail_on))


def _read_lines(source: str, shown: str) -> list[str]:
    """The statements of ``source`` (a file, or '-' for standard input), read through the same guarded reader and
    decoder as agreements; an input that cannot be read is reported as lint reports it, and exits 2."""
    raw = read_stream(sys.stdin.buffer) if source == "-" else read_file(Path(source))
    if isinstance(raw, Unreadable):
        code = TOO_LARGE if raw.why is Why.TOO_LARGE else UNREADABLE
        _input_error(Problem(shown, 1, 1, code, Severity.ERROR, raw.reason))
    text, problem = decode_text(raw, shown)
    if problem is not None:
        _input_error(problem)
    return split_lines(text)


def _input_error(problem: Problem) -> NoReturn:
    click.echo(problem_line(problem, color=False), err=True)
    raise SystemExit(EXIT_USAGE)

