"""Shared command-line plumbing: options, colour, exit codes and printing reports."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from agreed.codes import INTERNAL_ERROR, UNREADABLE
from agreed.problem import Problem, Severity, at_or_above
from agreed.report.lint import LINT_FORMATS, Report, step_summary
from agreed.report.lint.prepare import lint_report
from agreed.report.registry import Registry
from agreed.visible import visible

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

USAGE_CODES = frozenset({UNREADABLE, INTERNAL_ERROR})
FAIL_ON_CHOICES = ("error", "warning", "info", "never")

F = TypeVar("F", bound=Callable[..., Any])


def fail_on_option(function: F) -> F:
    return click.option(
        "--fail-on", type=click.Choice(FAIL_ON_CHOICES), default=None,
        help="Exit 1 when a finding has at least this severity ('never': only errors of use exit non-zero) "
             "[default: the configuration's fail-on, else error].",
    )(function)


def format_option(formats: Registry[Any, Any], help_text: str = "Output format.") -> Callable[[F], F]:
    """--format, offering exactly the formats of the result's registry; its first format is the default."""
    def decorate(function: F) -> F:
        return click.option("--format", "output_format", type=click.Choice(formats.names()),
                            default=formats.names()[0], show_default=True, help=help_text)(function)
    return decorate


OUTPUT_HELP = ("Write the report to FILE (atomically) and print only the summary line. FILE's folder must exist (none "
               "is created); an existing regular file is replaced (through a symbolic link: the file it leads to) "
               "and a pipe or terminal device (/dev/stdout, also a pipe) or the file standard output is redirected "
               "to written into; anything inside a git directory (.git/, a bare repository) is refused, however the "
               "path is spelled.")


def output_option(function: F) -> F:
    """--output FILE: see :func:`deliver` for what it may write."""
    return click.option("--output", "-o", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path),
                        default=None, help=OUTPUT_HELP)(function)


def report_options(function: F) -> F:
    """--format (default: github inside GitHub Actions, else text) and --output."""
    function = output_option(function)
    return click.option("--format", "output_format", type=click.Choice(LINT_FORMATS.names()), default=None,
                        help="Output format [default: github when GITHUB_ACTIONS is 'true', else text].",
                        )(function)


DOCS_URL_HELP = ("Link the rules' documentation under URL, where this copy of agreed's repository is served at its "
                 "revision (docs/rules.md is added to it): SARIF's helpUri and informationUri, the language server's "
                 "links [default: $AGREED_DOCS_URL, else the project URL the installed package declares, else no "
                 "links].")


def docs_url_option(function: F) -> F:
    """--docs-url URL (or $AGREED_DOCS_URL): the base of the rules' links; one that is no absolute http or https URL
    is a usage error."""
    return click.option("--docs-url", "docs", metavar="URL", envvar="AGREED_DOCS_URL", default=None,
                        callback=_checked_docs_url, help=DOCS_URL_HELP)(function)


def _checked_docs_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from agreed.report.rule_docs import BadDocsUrl, docs_url  # only a run given a URL pays for it

    try:
        return docs_url(value)
    except BadDocsUrl as error:
        raise click.BadParameter(str(error), ctx, param, param_hint=_given_as(ctx, param)) from None


def _given_as(ctx: click.Context, param: click.Parameter) -> str | None:
    """The environment variable that gave ``param`` its value, quoted as click quotes an option, else None (click
    then names the option): a bad value set long ago in the environment is found by its name."""
    from_environment = param.name is not None and (
        ctx.get_parameter_source(param.name) is click.core.ParameterSource.ENVIRONMENT)
    return f"'{param.envvar}' (from the environment)" if from_environment and isinstance(param.envvar, str) else None


def chosen_format(output_format: str | None) -> str:
    if output_format is not None:
        return output_format
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true" and "github" in LINT_FORMATS
    return "github" if in_actions else "text"


def threshold(fail_on: str | None) -> Severity | None:
    return None if fail_on == "never" else Severity.parse(fail_on or "error")


def use_color() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def emit_report(problems: Sequence[Problem], files: int, output_format: str | None, fail_on: str | None,
                output: Path | None = None, docs: str | None = None) -> NoReturn:
    chosen = chosen_format(output_format)
    report = lint_report(problems, files, chosen, Path.cwd(), color=use_color() and output is None, docs=docs)
    deliver(LINT_FORMATS.render(chosen, report), output, report.summary(), chosen)
    if chosen == "github":
        _append_step_summary(report)
    raise SystemExit(exit_code(problems, fail_on))


def deliver(rendered: str, output: Path | None, summary: str, output_format: str) -> None:
    """Print a rendered report, or write it to ``output`` (atomically) and print the summary line.

    ``output`` may replace a regular file or write into a pipe or terminal device (``/dev/stdout`` when standard
    output is a pipe included), in a folder that exists; never in a git directory
    (:func:`agreed.atomic.write_atomically` refuses that, links and ``..`` resolved).
    """
    if output is None:
        click.echo(rendered, nl=False)
        return
    sys.stdout.flush()  # anything printed before comes first when ``output`` is this process's own /dev/stdout
    from agreed.atomic import RefusedTarget, write_atomically  # only a run that writes a file pays for it

    try:
        # Into the very file standard output or error is (``-o /dev/stdout > file``): through that stream, so the
        # summary line printed next lands after the report instead of in a replaced file.
        write_atomically(output, rendered, overwrite=True, create_folders=False, streams=(sys.stdout, sys.stderr))
    except RefusedTarget as error:
        usage_error(f"--output {error}")
    except FileNotFoundError as error:
        usage_error(f"cannot write {output}: {error.strerror or error} (--output creates no folders)")
    except OSError as error:
        usage_error(f"cannot write {output}: {error.strerror or error}")
    click.echo(f"{summary} Report ({output_format}) written to {visible(str(output))}.")


def _append_step_summary(report: Report) -> None:
    """Inside GitHub Actions, add a table of findings to the job's summary page."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as stream:
            stream.write(step_summary.render(report))
    except OSError as error:
        click.echo(f"agreed: warning: cannot write the step summary: {error.strerror or error}", err=True)


def exit_code(problems: Sequence[Problem], fail_on: str | None) -> int:
    """2 when agreed itself failed or a path could not be read; 1 for findings at the threshold; else 0."""
    if any(problem.rule in USAGE_CODES for problem in problems):
        return EXIT_USAGE
    return EXIT_FINDINGS if at_or_above(problems, threshold(fail_on)) else EXIT_CLEAN


def usage_error(message: str) -> NoReturn:
    click.echo(f"agreed: error: {visible(message)}", err=True)
    raise SystemExit(EXIT_USAGE)
