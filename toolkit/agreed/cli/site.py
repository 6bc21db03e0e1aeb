"""``agreed site [PATHS] -o DIR``: a static site of every agreement (:mod:`agreed.site.build`)."""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from agreed.cli.output import EXIT_CLEAN, EXIT_USAGE, usage_error
from agreed.cli.settings import today_option
from agreed.report.lint.text_report import problem_line
from agreed.visible import visible


@click.command("site")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--output", "-o", "out", metavar="DIR", required=True, type=click.Path(path_type=Path),
              help="The folder to write the site into (created if missing). Pages of agreements that are gone are "
                   "removed only when the folder holds this site's manifest (.agreed-site.json); other files are "
                   "left alone. A folder inside a git directory is refused.")
@today_option
@click.option("--no-cache", is_flag=True, help="Neither read nor write the user cache of parsed versions (history).")
def command(paths: tuple[str, ...], out: Path, today: datetime.datetime | None, no_cache: bool) -> None:
    """Build a static site of the agreements (default: contracts/): an index (status, parties, next item due,
    overdue count, consent, last material change; filterable by status and party), one page per agreement with its
    renegotiation timeline and consent given, and one page per person (what they owe, are owed, must consent to).
    Links are relative: it works from file:// and under a sub-path (GitHub or GitLab Pages). The same inputs and
    --today give the same bytes; a rebuild makes again only the pages whose inputs changed. Exit 0, or 2 on errors:
    a file that does not load stops the build; a value the schema does not allow (a day that does not exist) is
    reported positioned and noted on its pages, which are still written.
    """
    from agreed.cli.cache_location import open_user_cache
    from agreed.site.build import SiteError, SiteRequest, build_site, rendered_kinds
    from agreed.sources import git_start, repository_root

    here = Path.cwd()
    day = today.date() if today is not None else datetime.date.today()
    root = repository_root(git_start(paths, here))
    cache = None if no_cache or root is None else open_user_cache(root)
    try:
        result = build_site(SiteRequest(here, paths, out, day, cache))
    except SiteError as error:
        usage_error(str(error))
    for note in result.notes:
        click.echo(f"agreed: note: {note}", err=True)
    for problem in result.problems:
        click.echo(problem_line(problem, color=False), err=True)
    for page in result.left:
        click.echo(f"agreed: note: {page} is no longer part of the site but was edited since it was written: "
                   "left in place", err=True)
    made = rendered_kinds(result)
    click.echo(f"site: {result.agreements} agreement{'s' * (result.agreements != 1)}, {len(result.pages)} files in "
               f"{visible(str(out))}: made {made['index']} index, {made['agreements']} agreement and "
               f"{made['people']} people pages; {len(result.pages) - len(result.rendered)} unchanged"
               + (f"; {len(result.removed)} removed" if result.removed else "") + f" (built for {day.isoformat()})")
    if result.problems:
        files = len({problem.path for problem in result.problems})
        click.echo(f"agreed: error: {files} agreement{'s' * (files != 1)} hold{'s' * (files == 1)} values that could "
                   "not be read (above): the pages are written, each with a note of what it leaves out", err=True)
        raise SystemExit(EXIT_USAGE)
    raise SystemExit(EXIT_CLEAN)
