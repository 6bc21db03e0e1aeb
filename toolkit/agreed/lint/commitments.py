"""The items of an agreement that commit someone, as the document rules read them: what must name one owner,
the parties' ids, and dates as the loaded data holds them.

Which prose the text rules read, and in what context, is decided by the scope table
(:mod:`agreed.lint.rules.scope`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping

from agreed.agreement import Deliverable, Milestone, Responsibility, agreement_of
from agreed.document import Document

DATE_FIELDS = ("due", "delivered_on", "on", "communicated_on", "dates", "measured_on")
"""The fields in which an item gives its own calendar day (as the schema defines them): a deliverable's, a
milestone's or a hand-off's ``due`` and the day it was delivered, the day results are measured and communicated, the
check-ins' ``dates``, a target's ``measured_on``."""

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


def gives_own_date(item: Mapping[str, object]) -> bool:
    """Whether the mapping of an item fills one of its own date fields (:data:`DATE_FIELDS`)."""
    return any(_is_filled(item.get(name)) for name in DATE_FIELDS)


def _is_filled(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return isinstance(value, (list, datetime.date)) and bool(value)


def parse_date(value: object) -> datetime.date | None:
    """A loaded date value (an ISO ``YYYY-MM-DD`` string) as a date; None for anything else."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None
