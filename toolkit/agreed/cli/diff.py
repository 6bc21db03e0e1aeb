"""``agreed diff``: what changed between two versions of an agreement, by meaning, and whether it is material
(needs fresh consent), a record of progress (status, delivered_on) or editorial.

Which versions are compared is :func:`agreed.history.named_versions.files_to_compare`'s to decide; what
``--git-driver`` shows for the arguments git passes, :func:`agreed.history.git_driver.driver_view`'s. This module
parses the options, calls one of them, renders the result and exits.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import click

from agreed.cli.output import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_USAGE,
    deliver,
    format_option,
    output_option,
    usage_error,
)
from agreed.history.diff import FileDiff
from agreed.history.git_driver import DriverArguments, driver_view
from agreed.report.changes import CHANGES_FORMATS, Summary, has_material, render_file_text

FAIL_ON = ("material", "never")


@click.command("diff")
@click.argument("versions", nargs=-1, metavar="[A [B]] | [PATHS]...")
@click.option("--base", metavar="REV", default=None,
              help="Compare every agreement changed since the merge base of REV and HEAD with the working tree: "
                   "below the PATHS named, else below contracts/ at the repository root.")
@format_option(CHANGES_FORMATS, "Output format (markdown: a pull-request comment).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="never", show_default=True,
              help="Exit 1 when a change of this class is present.")
@output_option
@click.option("--git-driver", is_flag=True,
              help="Act as git's external diff command: read the 7 or 9 arguments git passes "
                   "(see `git config diff.agreed.command`).")
def command(versions: tuple[str, ...], base: str | None, output_format: str, fail_on: str, output: Path | None,
            git_driver: bool) -> None:
    """Show what changed between two versions of an agreement, by meaning, each change material (needs fresh
    consent), record (progress recorded: status, delivered_on, measured) or editorial.

    \b
    agreed diff A B               A and B are files or REV:path (REV alone: the other's file at REV)
    agreed diff FILE              the working file against HEAD
    agreed diff --base REV [PATHS]...   every agreement changed since the merge base of REV and HEAD

    Exit codes: 0 done, 1 a material change with --fail-on material (records and editorial changes never fail),
    2 usage or git errors, or a version that does not load.
    """
    if git_driver:
        _run_git_driver(versions)
    # deferred: git's external diff runs once per file, and needs neither git nor the pairing of files
    from agreed.history.named_versions import UnusableVersions, files_to_compare

    try:
        files = files_to_compare(versions, base)
    except UnusableVersions as error:
        usage_error(str(error))
    _emit(files, output_format, fail_on, output)


def _emit(files: Sequence[FileDiff], output_format: str, fail_on: str, output: Path | None) -> NoReturn:
    deliver(CHANGES_FORMATS.render(output_format, files), output, Summary.of(files).line(), output_format)
    raise SystemExit(_exit_code(files, fail_on))


def _exit_code(files: Sequence[FileDiff], fail_on: str) -> int:
    if any(file.error is not None for file in files):
        return EXIT_USAGE
    return EXIT_FINDINGS if fail_on == "material" and has_material(files) else EXIT_CLEAN


def _run_git_driver(arguments: Sequence[str]) -> NoReturn:
    """Show what git's external diff should show; always exits 0 (but for arguments git never passes), since git
    stops at the first external diff that fails."""
    try:
        view = driver_view(arguments)
    except DriverArguments as error:
        usage_error(str(error))
    click.echo(render_file_text(view.file) if view.file is not None else view.text, nl=False)
    raise SystemExit(EXIT_CLEAN)
