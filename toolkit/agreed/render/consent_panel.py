"""The consent panel of a page: each party's consent (valid, stale or missing), since when, and what changed since.

The rows come from the consent status service that ``agreed consent status`` runs
(:func:`agreed.consent.gate_run.consent_statuses`), or from a status already computed (:func:`panel_of`, for a site
that checks every agreement in one run). Where the status cannot be known (the file is outside a git repository,
the agreement is a draft, its terms do not validate) the panel holds a note saying why instead of rows: a page is
still rendered.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from agreed.consent.evidence import EvidenceError
from agreed.consent.gate_run import GateUsageError, consent_statuses
from agreed.consent.status import DRAFT, AgreementStatus, PartyStatus
from agreed.consent.trust import StatusError
from agreed.git.repository import GitError
from agreed.people import RosterError
from agreed.sources import git_start, repository_root

DRAFT_NOTE = "a draft: not open for consent yet"
NOT_IN_GIT = "consent is not shown: the file is not in a git repository, where consent records are kept"


@dataclass(frozen=True, slots=True)
class ConsentRow:
    """One party's consent: ``state`` valid, stale or missing; ``since`` the day (UTC) of the consent record it
    rests on, when there is one; ``changes`` the material changes since a stale party consented, one line each."""

    party: str
    state: str
    reason: str
    since: datetime.date | None = None
    evidence: str | None = None
    removed: bool = False
    changes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ConsentPanel:
    """The rows of the panel, or ``note``: why there are none (outside git, a draft, terms without a digest)."""

    rows: tuple[ConsentRow, ...] = ()
    note: str | None = None
    digest: str | None = None


def consent_panel(file: Path, reviews_file: Path | None = None) -> ConsentPanel:
    """The panel of the agreement ``file``, as ``agreed consent status FILE`` sees it from the file's folder (its
    repository, its configuration and people roster). A file outside a git repository, or whose consent cannot be
    read, gets a panel with a note; only a reviews file that cannot be read is an error (ReviewsError)."""
    folder = git_start([file.resolve()], file.resolve().parent)
    if repository_root(folder) is None:
        return ConsentPanel(note=NOT_IN_GIT)
    try:
        statuses = consent_statuses(folder, [str(file.resolve())], None, reviews_file)
    except (GitError, GateUsageError, StatusError, EvidenceError, RosterError) as error:
        return ConsentPanel(note=f"consent could not be read: {error}")
    found = [status for status in statuses if not status.deleted]
    if not found:
        return ConsentPanel(note="consent could not be read: no agreement was found in the file")
    return panel_of(found[0])


def panel_of(status: AgreementStatus) -> ConsentPanel:
    """The panel of one agreement's consent status."""
    if status.error is not None:
        return ConsentPanel(note=f"consent cannot be given yet: {status.error}")
    if status.status == DRAFT:
        return ConsentPanel(note=DRAFT_NOTE, digest=status.digest)
    return ConsentPanel(tuple(_row(party) for party in status.parties), digest=status.digest)


def _row(party: PartyStatus) -> ConsentRow:
    from agreed.report.changes import change_line  # the diff's wording of a change, as consent status prints it

    since = party.agreed_at.astimezone(datetime.UTC).date() if party.agreed_at is not None else None
    return ConsentRow(party.party, party.state, party.reason, since, party.evidence, party.removed,
                      tuple(change_line(change) for change in party.changes))
