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

from agreed.cli.output import EXIT_CLEAN, EXIT_FINDINGS, format_option, usage_error
from agreed.consent.evidence import EvidenceError
from agreed.consent.gate import gate_failures
from agreed.consent.gate_run import GateUsageError, consent_statuses
from agreed.consent.reviews import ReviewsError
from agreed.consent.status import AgreementStatus
from agreed.consent.trust import StatusError
from agreed.git.repository import GitError
from agreed.people import RosterError
from agreed.report.consent_status import CONSENT_GATE_FORMATS, CONSENT_STATUS_FORMATS


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
@format_option(CONSENT_STATUS_FORMATS)
def status_command(paths: tuple[str, ...], base: str | None, reviews: Path | None, output_format: str) -> None:
    """Show, per agreement and party, valid / stale / missing consent and why (default: contracts/); a stale party
    with the material changes since its consent. --format markdown suits a pull-request summary. Exit 0, or 2 for
    usage and git errors."""
    click.echo(CONSENT_STATUS_FORMATS.render(output_format, _statuses(paths, base, reviews)), nl=False)
    raise SystemExit(EXIT_CLEAN)


@group.command("check")
@_options
@format_option(CONSENT_GATE_FORMATS)
def check_command(paths: tuple[str, ...], base: str | None, reviews: Path | None, output_format: str) -> None:
    """The CI gate (see the README for its lifecycle rules): exit 1 unless every active agreement has valid consent
    from every party, terms changed since --base were consented to or reopened (renegotiating), removed parties
    consented, final agreements did not change and no agreement in force disappeared; 0 passes, 2 usage and git
    errors. --format json prints what status --format json prints, with each agreement's gate failures."""
    results = _statuses(paths, base, reviews)
    failed = sum(bool(gate_failures(result)) for result in results)
    click.echo(CONSENT_GATE_FORMATS.render(output_format, results), nl=False)
    if failed:
        click.echo(f"consent check failed for {failed} agreement{'s' if failed != 1 else ''}", err=True)
        raise SystemExit(EXIT_FINDINGS)
    raise SystemExit(EXIT_CLEAN)


def _statuses(paths: Sequence[str], base: str | None, reviews_file: Path | None) -> list[AgreementStatus]:
    try:
        return consent_statuses(Path.cwd(), paths, base, reviews_file)
    except (GateUsageError, GitError, StatusError, EvidenceError, ReviewsError, RosterError) as error:
        usage_error(str(error))
