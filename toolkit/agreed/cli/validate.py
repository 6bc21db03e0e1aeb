"""``agreed validate``: load and schema checks only."""

from __future__ import annotations

from pathlib import Path

import click

from agreed.cli.files import gather_inputs, paths_argument
from agreed.cli.output import docs_url_option, emit_report, fail_on_option, report_options
from agreed.cli.settings import config_options, run_config
from agreed.lint import run as lint_run


@click.command("validate")
@paths_argument
@report_options
@fail_on_option
@docs_url_option
@config_options
def command(paths: tuple[str, ...], stdin_filename: str | None, jobs: int, output_format: str | None,
            output: Path | None, fail_on: str | None, docs: str | None, config_path: Path | None,
            isolated: bool) -> None:
    """Check agreements against the schema (no lint rules).

    PATHS are files or folders (searched for *.yaml and *.yml); '-' reads standard input; default: contracts/.
    """
    config = run_config(config_path, isolated)
    inputs = gather_inputs(paths, stdin_filename, config)
    result = lint_run.validate_inputs(inputs, jobs=jobs)
    emit_report(result.problems, result.files, output_format, fail_on or config.fail_on, output, docs)
