"""``agreed check-text``: lint free-standing statements, one per line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from agreed.cli.output import EXIT_USAGE, exit_code, fail_on_option, format_option, use_color
from agreed.cli.settings import config_options, run_config
from agreed.lint import run as lint_run
from agreed.problem import Problem
from agreed.reading import read_file, read_stream
from agreed.report.lint.text_report import problem_line
from agreed.report.statements import STATEMENT_FORMATS, CheckedStatements
from agreed.sources import STDIN, stdin_name


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
    shown = stdin_name() if source == STDIN else source
    lines = lint_run.statement_lines(read_stream(sys.stdin.buffer) if source == STDIN else read_file(Path(source)),
                                     shown)
    if isinstance(lines, Problem):  # reported as lint reports a file it cannot read
        click.echo(problem_line(lines, color=False), err=True)
        raise SystemExit(EXIT_USAGE)
    checked = CheckedStatements(shown, lint_run.check_statements(lines, config), color=use_color())
    click.echo(STATEMENT_FORMATS.render(output_format, checked), nl=False)
    raise SystemExit(exit_code(checked.problems(), fail_on or config.fail_on))
