"""Turn path arguments (and ``-`` for standard input) into the inputs of a run (:class:`agreed.lint.run.Inputs`)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from agreed import sources
from agreed.cli.output import usage_error
from agreed.document import read_result_document
from agreed.lint import run as lint_run
from agreed.lint.run import Inputs
from agreed.reading import read_stream
from agreed.sources import CHECKED, DEFAULT_FOLDER, Kind, stdin_name
from agreed.visible import visible

if TYPE_CHECKING:
    from agreed.lint.config import LintConfig
    from agreed.lint.facts import ConfigFacts

__all__ = ["DEFAULT_FOLDER", "check_stdin_filename", "gather_inputs", "named_or_default", "note_skipped",
           "paths_argument", "stdin_filename_option"]


def paths_argument(function: Callable[..., Any]) -> Callable[..., Any]:
    function = click.argument("paths", nargs=-1, type=click.Path(path_type=str))(function)
    function = click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
                            help="Worker processes for many files (0: one per core).")(function)
    return stdin_filename_option(function)


def stdin_filename_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--stdin-filename", metavar="NAME", default=None,
                        help="Name to report for the agreement read from standard input ('-').")(function)


def check_stdin_filename(stdin_filename: str | None, reads_stdin: bool) -> None:
    """A usage error when --stdin-filename is given but no '-' says to read standard input."""
    if stdin_filename is not None and not reads_stdin:
        usage_error("--stdin-filename names the agreement read from standard input: add '-' to the paths")


def named_or_default(paths: Sequence[str], root: Path | None = None) -> Sequence[str]:
    """The paths named, else where the agreements are (:func:`agreed.sources.named_or_default`); a usage error when
    there is none."""
    try:
        return sources.named_or_default(paths, root)
    except sources.NoPathGiven as error:
        usage_error(str(error))


def gather_inputs(paths: Sequence[str], stdin_filename: str | None, config: ConfigFacts | LintConfig | None = None,
                  kinds: Collection[Kind] = CHECKED) -> Inputs:
    """What to check (:func:`named_or_default`): the files of ``kinds`` (agreements and templates, for lint and
    validate), filtered by the configuration's include and exclude patterns; exits 2 when a path holds no agreement.
    Named files of another kind (a consent record) are left out, with a note on standard error."""
    selection = lint_run.selection(named_or_default(paths), config, kinds)
    check_stdin_filename(stdin_filename, selection.reads_stdin)
    if selection.empty:
        usage_error(f"{', '.join(selection.empty)}: holds no agreement files (*.yaml, *.yml)")
    note_skipped(selection.skipped)
    stdin = None
    if selection.reads_stdin:
        stdin = read_result_document(read_stream(sys.stdin.buffer), stdin_name(stdin_filename))
    return Inputs.of(selection.files, Path.cwd().resolve(), stdin)


def note_skipped(skipped: Iterable[tuple[Path, Kind]]) -> None:
    """Say on standard error which named files are left out, being of another kind (a consent record)."""
    for path, kind in skipped:
        click.echo(f"agreed: note: {visible(path.as_posix())} is a {kind.value}, not an agreement: not checked",
                   err=True)
