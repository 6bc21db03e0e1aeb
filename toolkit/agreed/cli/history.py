"""``agreed history FILE|ID``: every version of an agreement from git, with its semantic changes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from agreed.cli.output import format_option, usage_error
from agreed.report.timeline import TIMELINE_FORMATS

if TYPE_CHECKING:
    from agreed.git.repository import Repository


@click.command("history")
@click.argument("target", metavar="FILE|ID")
@click.option("--field", "field", metavar="PATH", default=None,
              help="One element's timeline, e.g. results.deadline or results.deliverables[id=d2].due "
                   "(cumulative days for dates, cumulative % for numbers).")
@click.option("--since", metavar="DATE|REV", default=None,
              help="Only versions on or after this date (YYYY-MM-DD), or after this revision.")
@click.option("--material-only", is_flag=True,
              help="Only versions and changes that need fresh consent (no records, nothing editorial).")
@format_option(TIMELINE_FORMATS)
@click.option("--allow-shallow", is_flag=True,
              help="Go on in a shallow clone (with a warning) instead of stopping: its history is incomplete.")
@click.option("--first-parent/--no-first-parent", default=True, show_default=True,
              help="Follow only first parents, as git log --first-parent: a branch merged with --no-ff is one "
                   "version, its merge. --no-first-parent also lists each commit of the merged branches.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache of parsed versions.")
def command(target: str, field: str | None, since: str | None, material_only: bool, output_format: str,
            allow_shallow: bool, first_parent: bool, no_cache: bool) -> None:
    """List every version of an agreement (a FILE, or an agreement ID) from git, oldest first: commit, date,
    author, subject and the semantic changes since the version before, each flagged material (needs fresh
    consent), record (progress recorded: status, delivered_on, measured) or editorial.
    Renames are followed while the agreement keeps its id; deletions and re-creations are shown. An ID is looked
    up among the agreements of contracts/ at the repository root; two files holding it is an error naming both.
    """
    from agreed.cli.cache_location import open_user_cache
    from agreed.git.repository import GitError
    from agreed.history.timeline import Options, build_timeline, resolve_target

    cwd = Path.cwd()
    options = Options(since=since, material_only=material_only, field=field, allow_shallow=allow_shallow,
                      first_parent=first_parent)
    try:
        with _open(cwd, target) as repository:
            path = resolve_target(repository, target, cwd)
            cache = None if no_cache else open_user_cache(repository.root)
            timeline = build_timeline(repository, path, replace(options, cache=cache))
    except GitError as error:
        usage_error(str(error))
    if timeline.shallow:
        click.echo("agreed: warning: this clone is shallow: the history shown may be incomplete "
                   "(git fetch --unshallow, or fetch-depth: 0 in CI)", err=True)
    click.echo(TIMELINE_FORMATS.render(output_format, timeline), nl=False)


def _open(cwd: Path, target: str) -> Repository:
    """The current folder's repository (a path in another one is then outside it); when the current folder is in
    none, the repository of an existing ``target``."""
    from agreed.git.repository import GitError, Repository

    try:
        return Repository.open(cwd)
    except GitError:
        if not (cwd / target).exists():
            raise
    return Repository.open(cwd / target)
