"""``agreed consent status|check``: where each party's consent stands, and the CI gate on it.

``status`` shows, per agreement and party, ``valid``, ``stale`` or ``missing`` with the reason (exit 0).
``check`` exits 1 unless every ``active`` agreement has valid consent from every party and no agreement that was
``ended`` or ``fulfilled`` at the base changed its terms; 2 for usage and git errors. With ``--base REV`` who may
consent and by which evidence is read from REV (:mod:`agreed.consent.status`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from agreed.cli.files import named_or_default
from agreed.cli.output import EXIT_CLEAN, EXIT_FINDINGS, format_option, usage_error
from agreed.consent.evidence import EvidenceError
from agreed.consent.reviews import ReviewsError, read_reviews
from agreed.consent.roster import roster_at
from agreed.consent.status import (
    AgreementStatus,
    BaseRevision,
    StatusError,
    agreement_status,
    gate_failures,
    gone_since,
)
from agreed.consent.status_report import RENDERERS, render_json
from agreed.history.git import GitError, Repository
from agreed.lint.config import find_config
from agreed.lint.people import Roster, RosterError
from agreed.sources import select


def _options(function: Any) -> Any:
    function = click.option("--reviews", type=click.Path(dir_okay=False, path_type=Path), default=None,
                            metavar="FILE", help="Reviews exported as JSON, evidence for agreements that accept "
                            "'review': GitHub's reviews API output (gh api --paginate .../pulls/N/reviews, or gh pr "
                            "view N --json reviews), or GitLab's merge-request approvals with the approved head "
                            "commit added as \"sha\".")(function)
    function = click.option("--base", metavar="REV", default=None,
                            help="Read who may consent (parties, emails, handles, keys, accepted evidence) from "
                                 "this revision, as CI must: a change cannot approve itself.")(function)
    return click.argument("paths", nargs=-1, type=click.Path(path_type=str))(function)


@click.group("consent")
def group() -> None:
    """Consent of every party to the current terms: status, and the CI gate."""


@group.command("status")
@_options
@format_option(list(RENDERERS))
def status_command(paths: tuple[str, ...], base: str | None, reviews: Path | None, output_format: str) -> None:
    """Show, per agreement and party, valid / stale / missing consent and why (default: contracts/); a stale party
    with the material changes since its consent. --format markdown suits a pull-request summary. Exit 0, or 2 for
    usage and git errors."""
    click.echo(RENDERERS[output_format](_statuses(paths, base, reviews)), nl=False)
    raise SystemExit(EXIT_CLEAN)


@group.command("check")
@_options
@format_option(["text", "json"])
def check_command(paths: tuple[str, ...], base: str | None, reviews: Path | None, output_format: str) -> None:
    """The CI gate (see the README for its lifecycle rules): exit 1 unless every active agreement has valid consent
    from every party, terms changed since --base were consented to or reopened (renegotiating), removed parties
    consented, final agreements did not change and no agreement in force disappeared; 0 passes, 2 usage and git
    errors. --format json prints what status --format json prints, with each agreement's gate failures."""
    results = _statuses(paths, base, reviews)
    failed = sum(bool(gate_failures(result)) for result in results)
    if output_format == "json":
        click.echo(render_json(results), nl=False)
    else:
        for result in results:
            _echo_gate(result)
    if failed:
        click.echo(f"consent check failed for {failed} agreement{'s' if failed != 1 else ''}", err=True)
        raise SystemExit(EXIT_FINDINGS)
    raise SystemExit(EXIT_CLEAN)


def _echo_gate(result: AgreementStatus) -> None:
    failures = gate_failures(result)
    for failure in failures:
        click.echo(f"{result.path}: {failure}")
    if not failures:
        click.echo(f"{result.path}: ok ({'deleted' if result.deleted else result.status})")
    for problem in result.problems:
        click.echo(f"{result.path}: warning: a consent record was ignored: {problem}")


def _statuses(paths: Sequence[str], base: str | None, reviews_file: Path | None) -> list[AgreementStatus]:
    try:
        reviews = None if reviews_file is None else read_reviews(reviews_file)
        with Repository.open(Path.cwd()) as repository:
            if repository.is_shallow():
                usage_error("this clone is shallow, so who added each consent record cannot be told: run 'git "
                            "fetch --unshallow', or check out the whole history in CI (fetch-depth: 0)")
            arguments = list(named_or_default(paths, repository.root))
            files = _files(arguments)
            revision = None if base is None else BaseRevision(repository, base)
            roster = None if base is None else _base_roster(repository, base)
            within = [repository.relative(Path(path)) for path in arguments]
            results = _agreements([agreement_status(repository, file, base=revision, reviews=reviews, roster=roster)
                                   for file in files], within)
            if revision is not None:
                known = (result.agreement or revision.id_at(result.path) for result in results)
                present = {agreement for agreement in known if agreement is not None}
                results += gone_since(revision, present, within)
            return results
    except (GitError, StatusError, EvidenceError, ReviewsError, RosterError) as error:
        usage_error(str(error))


def _agreements(results: Sequence[AgreementStatus], named: Sequence[str]) -> list[AgreementStatus]:
    """The results without YAML files that are no agreement (a roster, a config kept beside the agreements); such a
    file named itself (``named``: the repo-relative arguments) is a usage error."""
    for result in results:
        if result.stranger and result.path in named:
            usage_error(f"{result.path}: {result.error}")
    return [result for result in results if not result.stranger]


def _files(arguments: Sequence[str]) -> tuple[Path, ...]:
    """The agreement files the arguments name (folders are searched); exits 2 for a path that does not exist or
    holds no agreement."""
    missing = [argument for argument in arguments if argument != "-" and not Path(argument).exists()]
    if missing:
        usage_error(f"no such file or folder: {', '.join(missing)}")
    selection = select(arguments)
    if selection.reads_stdin:
        usage_error("consent needs agreement files in a repository, not standard input")
    if selection.empty:
        usage_error(f"no agreement files in: {', '.join(selection.empty)}")
    return selection.files


def _base_roster(repository: Repository, base: str) -> Roster | None:
    """The people roster at ``base``, named by the configuration (found from here) as it was at ``base``."""
    config = find_config(Path.cwd())
    return roster_at(repository, base, None if config is None else repository.relative(config))
