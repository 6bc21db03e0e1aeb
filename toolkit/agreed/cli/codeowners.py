"""``agreed codeowners``: CODEOWNERS entries that request each agreement's parties as reviewers.

Without ``--write`` or ``--check`` the managed block is printed. ``--write`` puts it into the CODEOWNERS file
(atomically; lines outside the block are kept); ``--check`` exits 1 and prints a diff when the file's block is out
of date. With no path, the agreements are those under ``contracts/`` at the repository root, wherever in the
repository the command runs. Parties without a code-host handle are listed on standard error (and in a comment line
of the block). The file is always inside the repository's work tree: a ``--file`` (or a symbolic link) that leads
outside it, or into a git directory, is refused. An agreement whose file name CODEOWNERS cannot express (a line
break, a tab, another control character, a byte that is not UTF-8) stops the command (exit 2) with its name,
before anything is written.

The run is :mod:`agreed.consent.codeowners_run`; this module parses the options, calls it, prints what it found and
exits.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import click

from agreed.cli.files import note_skipped
from agreed.cli.output import EXIT_CLEAN, EXIT_FINDINGS, usage_error
from agreed.consent.codeowners import Entry, UnwritablePath, missing_handles, unusable_handles
from agreed.consent.codeowners_run import (
    CANDIDATES,
    CodeownersUsageError,
    FileState,
    Outcome,
    Plan,
    check_block,
    plan,
    write_block,
)
from agreed.problem import Problem
from agreed.report.lint.text_report import problem_line
from agreed.visible import visible, visible_lines


@click.command("codeowners")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--write", is_flag=True, help="Write the block into the CODEOWNERS file.")
@click.option("--check", is_flag=True,
              help="Exit 1 (and show what differs) when the file's block is out of date (not with --write).")
@click.option("--file", "file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The CODEOWNERS file, relative to the repository root; it must lie inside the repository "
                   "(outside .git) once '..' and symbolic links are resolved [default: the first of "
                   f"{', '.join(CANDIDATES)} that exists, else {CANDIDATES[0]}].")
def command(paths: tuple[str, ...], write: bool, check: bool, file: Path | None) -> None:
    """Request each agreement's parties as reviewers: one CODEOWNERS line per agreement, from the parties' handles
    (default: contracts/ at the repository root).

    Only the block between '# BEGIN agreed' and '# END agreed' is managed; every other line is kept. CODEOWNERS
    requests the parties but cannot require all of them to approve: the consent gate does that. Exit codes: 0 done
    (or up to date), 1 --check found the block out of date, 2 usage errors, an agreement that does not load or
    whose file name CODEOWNERS cannot express (a line break, a tab, another control character, a byte that is not
    UTF-8).
    """
    if write and check:
        usage_error("--write and --check cannot be used together: --check tells whether --write would change the "
                    "file")
    try:
        planned = plan(Path.cwd(), paths, file, with_file=write or check)
    except CodeownersUsageError as error:
        usage_error(str(error))
    _failures(planned)
    _warn(planned.entries)
    if planned.target is None:
        click.echo(planned.block, nl=False)
        raise SystemExit(EXIT_CLEAN)
    try:
        outcome = write_block(planned) if write else check_block(planned)
    except CodeownersUsageError as error:
        usage_error(str(error))
    _report(outcome)


def _failures(planned: Plan) -> None:
    """The files left out, why agreements cannot be listed, and a stop when the plan cannot go on."""
    note_skipped(planned.skipped)
    for failure in planned.failures:
        click.echo(_failure_line(failure), err=True)
    if planned.stop is not None:
        usage_error(planned.stop)


def _failure_line(failure: Problem | UnwritablePath) -> str:
    if isinstance(failure, Problem):
        return problem_line(failure, color=False)
    return f"agreed: error: {visible(str(failure))}"


def _warn(entries: Sequence[Entry]) -> None:
    for line in missing_handles(entries):
        click.echo(f"agreed: warning: parties without a code-host handle (not requested as reviewers): {visible(line)}",
                   err=True)
    for line in unusable_handles(entries):
        click.echo(f"agreed: warning: parties whose handle is not a code-host user name (not requested as "
                   f"reviewers): {visible(line)}", err=True)


def _report(outcome: Outcome) -> NoReturn:
    if outcome.state is not FileState.OUT_OF_DATE:
        click.echo(f"{outcome.name}: {outcome.state.value}")
        raise SystemExit(EXIT_CLEAN)
    diff = "".join(line if line.endswith("\n") else line + "\n" for line in outcome.diff)
    click.echo(visible_lines(diff), nl=False)
    click.echo(f"{outcome.name}: out of date; run 'agreed codeowners --write' and commit the result", err=True)
    raise SystemExit(EXIT_FINDINGS)
