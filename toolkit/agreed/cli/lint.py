"""``agreed lint``: the schema plus every rule, as the team's configuration sets them."""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from agreed.cli.files import gather_inputs, paths_argument
from agreed.cli.output import emit_report, fail_on_option, report_options
from agreed.cli.settings import config_options, run_config, run_context, today_option
from agreed.document import load_document
from agreed.lint import suppressions
from agreed.lint.config import LintConfig
from agreed.lint.engine import Linter, directives
from agreed.lint.repository import check_repository, summarise
from agreed.lint.rule import LintContext
from agreed.reading import Unreadable, read_file

if TYPE_CHECKING:
    from agreed.cache import ResultCache


@click.command("lint")
@paths_argument
@report_options
@fail_on_option
@config_options
@today_option
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
              help="Keep cached results in DIR [default: a folder per repository in the user's cache folder, "
                   "$AGREED_CACHE_DIR or ~/.cache/agreed]; safe to delete. Entries are signed with a key in the "
                   "user's cache folder, so an entry nobody on this account made is never used.")
def command(paths: tuple[str, ...], stdin_filename: str | None, jobs: int, output_format: str | None,
            output: Path | None, fail_on: str | None, config_path: Path | None, isolated: bool,
            today: datetime.datetime | None, no_cache: bool, cache_dir: Path | None) -> None:
    """Check agreements against the schema and the lint rules.

    PATHS are files or folders (searched for *.yaml and *.yml); '-' reads standard input; default: contracts/.
    """
    config = run_config(config_path, isolated)
    context = run_context(today, config)
    linter = Linter(config.rules, context, config.ignored_codes, config.allowed_terms)
    inputs = gather_inputs(paths, stdin_filename, config)
    cache = None if no_cache else _cache(cache_dir, config, context)
    checked = inputs.check_agreements(linter, jobs, cache, summarise)
    cross_file = check_repository(checked.summaries, config.rules, config.ignored_codes, _directives_of)
    emit_report([*checked.problems, *cross_file], inputs.count, output_format,
                fail_on or config.fail_on, output)


def _directives_of(path: str) -> suppressions.Parsed:
    """Inline suppressions of a file with cross-file findings: read again, and parsed only if it has any."""
    none = suppressions.Parsed((), ())
    raw = read_file(Path(path))
    if isinstance(raw, Unreadable) or not suppressions.may_hold_directives(raw):
        return none
    document = load_document(raw, path)
    return directives(document) if document.data is not None else none


def _cache(cache_dir: Path | None, config: LintConfig, context: LintContext) -> ResultCache | None:
    """The result cache for this configuration and context, or None when no safe cache folder is available.

    The salt holds what changes every file's result (agreed's code, the configuration's settings and where it is, the
    roster, the date when a clock rule is on); the cache adds, per file, the codes per-file ignores switch off."""
    from agreed.cache import ResultCache, code_stamp
    from agreed.cli.cache_location import open_user_cache
    from agreed.sources import repository_root

    folder = open_user_cache(repository_root(config.root) or config.root, cache_dir)
    if folder is None:
        return None
    clock = any(rule.clock for rule in config.rules)
    roster = context.people.fingerprint if context.people is not None else ""
    source = str(config.source.resolve()) if config.source is not None else ""
    salt = json.dumps([code_stamp(), config.fingerprint, source, str(config.root), roster,
                       context.today.isoformat() if clock and context.today else ""])
    salt_digest = hashlib.sha256(salt.encode("utf-8", "surrogatepass")).hexdigest()
    if config.per_file_ignores:
        return ResultCache(folder, salt_digest, config.ignored_codes)
    return ResultCache(folder, salt_digest)
