"""``agreed consent status|check``: where each party's consent stands, and the CI gate on it.

``status`` shows, per agreement and party, ``valid``, ``stale`` or ``missing`` with the reason (exit 0).
``check`` exits 1 unless every ``active`` agreement has valid consent from every party and no agreement that was
``ended`` or ``fulfilled`` at the base changed its terms; 2 for usage and git errors. With ``--base REV`` who may
consent and by which evidence is read from REV (:mod:`agreed.consent.status`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from agreed import __version__
from agreed.cli.output import EXIT_CLEAN, EXIT_FINDINGS, format_option, usage_error
from agreed.consent.evidence import EvidenceError
from agreed.consent.reviews import Review, ReviewsError, read_reviews
from agreed.consent.roster import roster_at
from agreed.consent.status import AgreementStatus, StatusError, agreement_status, gate_failures
from agreed.history.changes_report import change_line, change_record
from agreed.history.git import GitError, Repository
from agreed.lint.config import find_config
from agreed.lint.people import Roster, RosterError
from agreed.sources import select

DEFAULT_FOLDER = "contracts"
JSON_VERSION = 1


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
@format_option(["text", "json"])
def status_command(paths: tuple[str, ...], base: str | None, reviews: Path | None, output_format: str) -> None:
    """Show, per agreement and party, valid / stale / missing consent and why (default: contracts/). Exit 0, or 2
    for usage and git errors."""
    results = _statuses(paths, base, reviews)
    if output_format == "json":
        click.echo(json.dumps(_json(results), indent=2, ensure_ascii=False))
    else:
        for result in results:
            _print(result)
    raise SystemExit(EXIT_CLEAN)


@group.command("check")
@_options
def check_command(paths: tuple[str, ...], base: str | None, reviews: Path | None) -> None:
    """The CI gate: exit 1 unless every active agreement has valid consent from every party and no ended or
    fulfilled agreement changed its terms since --base; 0 passes, 2 usage and git errors."""
    failed = 0
    for result in _statuses(paths, base, reviews):
        failures = gate_failures(result)
        for failure in failures:
            click.echo(f"{result.path}: {failure}")
        if not failures:
            click.echo(f"{result.path}: ok ({result.status})")
        failed += bool(failures)
    if failed:
        click.echo(f"consent check failed for {failed} agreement{'s' if failed != 1 else ''}", err=True)
        raise SystemExit(EXIT_FINDINGS)
    raise SystemExit(EXIT_CLEAN)


def _statuses(paths: Sequence[str], base: str | None, reviews_file: Path | None) -> list[AgreementStatus]:
    selection = select(list(paths) or [DEFAULT_FOLDER])
    if selection.reads_stdin:
        usage_error("consent needs agreement files in a repository, not standard input")
    if selection.empty:
        usage_error(f"no agreement files in: {', '.join(selection.empty)}")
    try:
        reviews: list[Review] = [] if reviews_file is None else read_reviews(reviews_file)
        with Repository.open(Path.cwd()) as repository:
            roster = None if base is None else _base_roster(repository, base)
            return [agreement_status(repository, file, base=base, reviews=reviews, roster=roster)
                    for file in selection.files]
    except (GitError, StatusError, EvidenceError, ReviewsError, RosterError) as error:
        usage_error(str(error))


def _base_roster(repository: Repository, base: str) -> Roster | None:
    """The people roster at ``base``, named by the configuration (found from here) as it was at ``base``."""
    repository.resolve(base)
    config = find_config(Path.cwd())
    return roster_at(repository, base, None if config is None else repository.relative(config))


def _print(result: AgreementStatus) -> None:
    if result.error is not None:
        click.echo(f"{result.path}: {result.error}")
        return
    click.echo(f"{result.path}: {result.agreement} ({result.status}) {result.digest}"
               f"{' [new in this change]' if result.new else ''}")
    for party in result.parties:
        click.echo(f"  {party.party}: {party.state}: {party.reason}")
        for change in party.changes:
            click.echo(f"    {change_line(change)}")
    for problem in result.problems:
        click.echo(f"  ledger: {problem}")


def _json(results: Sequence[AgreementStatus]) -> dict[str, Any]:
    return {"version": JSON_VERSION, "tool": {"name": "agreed", "version": __version__},
            "agreements": [_record(result) for result in results]}


def _record(result: AgreementStatus) -> dict[str, Any]:
    return {
        "path": result.path, "agreement": result.agreement, "status": result.status, "digest": result.digest,
        "policy": list(result.policy), "new": result.new, "error": result.error,
        "ledger_problems": list(result.problems), "gate_failures": gate_failures(result),
        "parties": [{"party": party.party, "state": party.state, "reason": party.reason,
                     "evidence": party.evidence, "removed": party.removed, "agreed_digest": party.agreed_digest,
                     "agreed_at": party.agreed_at.strftime("%Y-%m-%dT%H:%M:%SZ") if party.agreed_at else None,
                     "changes_since": [change_record(change) for change in party.changes]}
                    for party in result.parties],
    }
