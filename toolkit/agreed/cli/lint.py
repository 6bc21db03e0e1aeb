"""``agreed lint``: the schema plus every rule, as the team's configuration sets them."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from agreed.cli.files import gather_inputs, paths_argument
from agreed.cli.output import docs_url_option, emit_report, fail_on_option, report_options
from agreed.cli.settings import config_file, config_options, config_root, run_configuration, run_context, today_option
from agreed.lint import run as lint_run

if TYPE_CHECKING:
    from agreed.cache import CacheFolder


@click.command("lint")
@paths_argument
@report_options
@fail_on_option
@docs_url_option
@config_options
@today_option
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
              help="Keep cached results in DIR [default: a folder per repository in the user's cache folder, "
                   "$AGREED_CACHE_DIR or ~/.cache/agreed]; safe to delete. Entries are signed with a key in the "
                   "user's cache folder, so an entry nobody on this account made is never used. A DIR that is a "
                   "link or inside a git directory is refused: a warning, and the run goes on without the cache.")
def command(paths: tuple[str, ...], stdin_filename: str | None, jobs: int, output_format: str | None,
            output: Path | None, fail_on: str | None, docs: str | None, config_path: Path | None, isolated: bool,
            today: datetime.datetime | None, no_cache: bool, cache_dir: Path | None) -> None:
    """Check agreements against the schema and the lint rules.

    PATHS are files or folders (searched for *.yaml and *.yml); '-' reads standard input; default: contracts/.
    """
    found = config_file(config_path, isolated)
    folder = None if no_cache else _cache_folder(config_root(found), cache_dir)
    config = run_configuration(found, folder)  # the rules are resolved only when a file is not in the cache
    context = run_context(today, config.facts)
    inputs = gather_inputs(paths, stdin_filename, config.facts)
    cache = None if folder is None else lint_run.result_cache(folder, config.facts, context)
    store_programs = None if no_cache else _programs()
    result = lint_run.lint(inputs, config, context, jobs=jobs, cache=cache)
    if store_programs is not None:
        store_programs()
    emit_report(result.problems, result.files, output_format, fail_on or config.facts.fail_on, output, docs)


def _cache_folder(root: Path, cache_dir: Path | None) -> CacheFolder | None:
    """The folder of the result cache for work in ``root``: the user's cache folder's for its repository, or
    ``--cache-dir``; None when no safe cache folder is available."""
    from agreed.cli.cache_location import open_user_cache
    from agreed.sources import repository_root

    return open_user_cache(repository_root(root) or root, cache_dir)


def _programs() -> Callable[[], None] | None:
    """Compiled expressions kept in the user's cache folder (:mod:`agreed.lint.programs`): the function returned
    stores those this run made; None when no safe folder is available."""
    from agreed.cli.cache_location import open_user_home
    from agreed.lint.programs import keep_programs_in

    folder = open_user_home()
    return None if folder is None else keep_programs_in(folder)
