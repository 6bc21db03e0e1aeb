"""Turn path arguments (and ``-`` for standard input) into files to check, and check them."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from agreed.cache import ResultCache
from agreed.cli.output import usage_error
from agreed.document import Document, read_result_document
from agreed.lint.batch import Check, Checked, Source, Summarise, check_agreements
from agreed.lint.config import LintConfig
from agreed.problem import Problem
from agreed.reading import read_stream
from agreed.sources import CHECKED, DEFAULT_FOLDER, Kind, default_folder, display_path, repository_root, select
from agreed.visible import visible

__all__ = ["DEFAULT_FOLDER", "Inputs", "gather_inputs", "named_or_default", "paths_argument"]


def paths_argument(function: Callable[..., Any]) -> Callable[..., Any]:
    function = click.argument("paths", nargs=-1, type=click.Path(path_type=str))(function)
    function = click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
                            help="Worker processes for many files (0: one per core).")(function)
    return click.option("--stdin-filename", metavar="NAME", default=None,
                        help="Name to report for the agreement read from standard input ('-').")(function)


@dataclass(frozen=True, slots=True)
class Inputs:
    """The files named on the command line and, with ``-``, the document read from standard input."""

    sources: tuple[Source, ...]
    stdin: Document | None

    @property
    def count(self) -> int:
        return len(self.sources) + (self.stdin is not None)

    def check(self, check: Check, jobs: int) -> list[Problem]:
        return self.check_agreements(check, jobs).problems

    def check_agreements(self, check: Check, jobs: int, cache: ResultCache | None = None,
                         summarise: Summarise | None = None) -> Checked:
        """Problems of every input and, with ``summarise``, the summaries cross-file rules read."""
        checked = check_agreements(self.sources, check, jobs, cache, summarise)
        if self.stdin is None:
            return checked
        summary = summarise(self.stdin) if summarise is not None else None
        return Checked(checked.problems + check(self.stdin),
                       checked.summaries + ([summary] if summary is not None else []))


def named_or_default(paths: Sequence[str], root: Path | None = None) -> Sequence[str]:
    """The paths named, else where the agreements are (:func:`agreed.sources.default_folder`: ``contracts/`` at the
    repository root, from any folder of the repository; ``root``: that root when the caller knows it), shown
    relative to the current folder; a usage error when there is none."""
    if paths:
        return paths
    folder = root / DEFAULT_FOLDER if root is not None else default_folder(Path.cwd())
    if not folder.is_dir():
        where = "here" if repository_root(Path.cwd()) is None else "at the repository root"
        usage_error(f"no path given and there is no '{DEFAULT_FOLDER}/' folder {where}; name the agreement files "
                    "or folders")
    return (os.path.relpath(folder),)


def gather_inputs(paths: Sequence[str], stdin_filename: str | None, config: LintConfig | None = None,
                  kinds: Collection[Kind] = CHECKED) -> Inputs:
    """What to check (:func:`named_or_default`): the files of ``kinds`` (agreements and templates, for lint and
    validate), filtered by the configuration's include and exclude patterns; exits 2 when a path holds no agreement.
    Named files of another kind (a consent record) are left out, with a note on standard error."""
    paths = named_or_default(paths)
    selection = select(paths, _wanted_by(config), kinds) if config is not None else select(paths, kinds=kinds)
    if stdin_filename is not None and not selection.reads_stdin:
        usage_error("--stdin-filename names the agreement read from standard input: add '-' to the paths")
    if selection.empty:
        usage_error(f"{', '.join(selection.empty)}: holds no agreement files (*.yaml, *.yml)")
    for path, kind in selection.skipped:
        click.echo(f"agreed: note: {visible(path.as_posix())} is a {kind.value}, not an agreement: not checked",
                   err=True)
    base = Path.cwd().resolve()
    sources = tuple((file, display_path(file, base)) for file in selection.files)
    stdin = None
    if selection.reads_stdin:
        stdin = read_result_document(read_stream(sys.stdin.buffer), stdin_filename or "<stdin>")
    return Inputs(sources, stdin)


def _wanted_by(config: LintConfig) -> Callable[[Path, bool], bool]:
    def wanted(path: Path, named: bool) -> bool:
        return not config.excluded(path) and (named or config.included(path))
    return wanted
