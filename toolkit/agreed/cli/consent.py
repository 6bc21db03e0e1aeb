"""``agreed consent status|check``: where each party's consent stands, and the CI gate on it.

``status`` shows, per agreement and party, ``valid``, ``stale`` or ``missing`` with the reason (exit 0).
``check`` exits 1 unless every ``active`` agreement has valid consent from every party and no agreement that was
``ended`` or ``fulfilled`` at the base changed its terms; 2 for usage and git errors. With ``--base REV`` who may
consent and by which evidence is read from REV (:mod:`agreed.consent.status`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

import click

from agreed.cli.files import named_or_default
from agreed.cli.output import EXIT_CLEAN, EXIT_FINDINGS, format_option, usage_error
from agreed.consent.evidence import EvidenceError
from agreed.consent.reviews import ReviewsError, read_reviews
from agreed.consent.roster import roster_at, roster_beside
from agreed.consent.status import (
    AgreementStatus,
    BaseRevision,
    StatusError,
    agreement_status,
    gate_failures,
    gone_since,
    template_status,
    with_duplicates,
)
from agreed.consent.status_report import RENDERERS, render_json
from agreed.history.git import GitError, Repository
from agreed.lint.config import find_config
from agreed.lint.people import Roster, RosterError
from agreed.sources import CHECKED, Kind, checked_places, kind_of, select
from agreed.visible import visible


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
    name = visible(result.path)
    for failure in failures:
        click.echo(f"{name}: {visible(failure)}")
    if not failures:
        click.echo(f"{name}: ok ({'deleted' if result.deleted else result.status})")
    for problem in result.problems:
        click.echo(f"{name}: warning: a consent record was ignored: {visible(problem)}")


def _statuses(paths: Sequence[str], base: str | None, reviews_file: Path | None) -> list[AgreementStatus]:
    try:
        reviews = None if reviews_file is None else read_reviews(reviews_file)
        with Repository.open(Path.cwd()) as repository:
            if repository.is_shallow():
                usage_error("this clone is shallow, so who added each consent record cannot be told: run 'git "
                            "fetch --unshallow', or check out the whole history in CI (fetch-depth: 0)")
            arguments = list(named_or_default(paths, repository.root))
            agreements, templates = _files(repository, arguments)
            within = [repository.relative(Path(path)) for path in arguments]
            places = checked_places(arguments, repository.relative)
            revision = None if base is None else BaseRevision(repository, base, places)
            roster = _roster(repository, base)
            results = _agreements([agreement_status(repository, file, base=revision, reviews=reviews, roster=roster)
                                   for file in agreements], within)
            results = with_duplicates(results)
            if revision is not None:
                known = (result.agreement or revision.id_at(result.path) for result in results)
                present = {agreement for agreement in known if agreement is not None}
                results += gone_since(revision, present, within)
            return results + [found for found in map(partial(template_status, repository), templates) if found]
    except (GitError, StatusError, EvidenceError, ReviewsError, RosterError) as error:
        usage_error(str(error))


def _agreements(results: Sequence[AgreementStatus], named: Sequence[str]) -> list[AgreementStatus]:
    """The results without YAML files that are no agreement (a roster, a config kept beside the agreements); such a
    file named itself (``named``: the repo-relative arguments) is a usage error."""
    for result in results:
        if result.stranger and result.path in named:
            usage_error(f"{result.path}: {result.error}")
    return [result for result in results if not result.stranger]


def _files(repository: Repository, arguments: Sequence[str]) -> tuple[list[Path], list[Path]]:
    """The agreement files and the templates the arguments name (folders are searched, :func:`select`); exits 2
    for a path that does not exist or holds no agreement, and for a consent record or a template named."""
    missing = [argument for argument in arguments if argument != "-" and not Path(argument).exists()]
    if missing:
        usage_error(f"no such file or folder: {', '.join(missing)}")
    selection = select(arguments, kinds=CHECKED)
    if selection.reads_stdin:
        usage_error("consent needs agreement files in a repository, not standard input")
    if selection.empty:
        usage_error(f"no agreement files in: {', '.join(selection.empty)}")
    for path, kind in selection.skipped:
        usage_error(f"{path.as_posix()}: a {kind.value} is not an agreement, there is nothing to consent to")
    named = {repository.relative(Path(argument)) for argument in arguments}
    templates = [file for file in selection.files if kind_of(repository.relative(file)) is Kind.TEMPLATE]
    for template in templates:
        if repository.relative(template) in named:
            usage_error(f"{template.as_posix()}: the template is not an agreement, there is nothing to consent to; "
                        "copy it to a file of its own (agreed new)")
    return [file for file in selection.files if file not in templates], templates


def _roster(repository: Repository, base: str | None) -> Roster | None:
    """The people roster the configuration (found from here) names: as both were at ``base``, else the work
    tree's. A configured roster that cannot be read is an error (RosterError), never no roster."""
    config = find_config(Path.cwd())
    if config is None:
        return None
    if base is None:
        return roster_beside(config, Path.cwd().resolve())
    return roster_at(repository, base, repository.relative(config))
