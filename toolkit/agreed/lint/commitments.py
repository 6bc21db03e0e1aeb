"""The items of an agreement that commit someone, as the document rules read them: what must name one owner,
the parties' ids, and dates as the loaded data holds them.

Which prose the text rules read, and in what context, is decided by the scope table
(:mod:`agreed.lint.rules.scope`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from agreed.agreement import Deliverable, Milestone, Responsibility, agreement_of
from agreed.document import Document

Owned = Deliverable | Milestone | Responsibility
"""The items that each name one accountable owner."""


def owned_items(document: Document) -> Iterator[Owned]:
    """Every item that must name exactly one accountable owner: deliverables, milestones, areas of accountability."""
    agreement = agreement_of(document)
    yield from agreement.deliverables
    yield from agreement.milestones
    yield from agreement.accountability


def party_ids(document: Document) -> frozenset[str]:
    return agreement_of(document).party_ids


def parse_date(value: object) -> datetime.date | None:
    """A loaded date value (an ISO ``YYYY-MM-DD`` string) as a date; None for anything else."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None
