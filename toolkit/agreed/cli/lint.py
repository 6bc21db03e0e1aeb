"""``agreed lint``: the schema plus every rule."""

from __future__ import annotations

import datetime
import functools
from pathlib import Path

import click

from agreed.cli.files import gather_inputs, paths_argument
from agreed.cli.output import emit_report, fail_on_option, report_options
from agreed.lint.engine import lint_document
from agreed.lint.rule import LintContext


@click.command("lint")
@paths_argument
@report_options
@fail_on_option
def command(paths: tuple[str, ...], stdin_filename: str | None, jobs: int, output_format: str | None,
            output: Path | None, fail_on: str) -> None:
    """Check agreements against the schema and the lint rules.

    PATHS are files or folders (searched for *.yaml and *.yml); '-' reads standard input; default: contracts/.
    """
    context = LintContext(today=datetime.date.today())
    inputs = gather_inputs(paths, stdin_filename)
    problems = inputs.check(functools.partial(lint_document, context=context), jobs)
    emit_report(problems, inputs.count, output_format, fail_on, output)
