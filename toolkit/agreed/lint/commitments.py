"""Which prose in an agreement states a commitment, and what its surroundings say about it.

The text rules read commitments: deliverables, milestones, targets, measures and hand-offs. A statement whose item
already carries numbers (a quantity or target, or an acceptance criterion) counts as measured; one whose item names
exactly one owner counts as owned. The rules use that to stay quiet where the structure already says what the
words leave open.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from agreed.agreement import Deliverable, Milestone, Responsibility, agreement_of
from agreed.document import Document, JsonPath
from agreed.lint.rule import TextContext
from agreed.record import Record
from agreed.text.values import OwnerKind, classify_owner


class Statement(Record):
    """One piece of commitment prose at ``path``."""

    path: JsonPath
    text: str
    context: TextContext


def is_owned(owner: str | None) -> bool:
    """Whether ``owner`` (an item's owner, when written as text) names exactly one party."""
    return owner is not None and classify_owner(owner) is OwnerKind.SINGLE


# The elements whose prose the text rules read.
COMMITMENT_ELEMENTS = ("W-WHAT", "W-MILESTONES", "C-TARGETS", "W-MEASURES", "C-HANDOFFS")


def statements(document: Document) -> Iterator[Statement]:
    """Every commitment statement of a loaded document, with its context: the prose of deliverables, milestones,
    targets, quality and resource measures and hand-offs, in that order."""
    agreement = agreement_of(document)
    for deliverable in agreement.deliverables:
        prose = (("what", deliverable.what), ("acceptance", deliverable.acceptance))
        numbered = deliverable.quantity is not None or deliverable.target is not None
        yield from _prose(document, deliverable.path, prose, numbered=numbered, owned=is_owned(deliverable.owner))
    for milestone in agreement.milestones:
        yield from _prose(document, milestone.path, (("what", milestone.what),), owned=is_owned(milestone.owner))
    for target in agreement.targets:
        yield from _prose(document, target.path, (("metric", target.metric),), numbered=target.target is not None)
    results = agreement.results
    for measure in (*results.quality_measures, *results.resource_measures) if results is not None else ():
        yield from _prose(document, measure.path, (("measure", measure.measure), ("how", measure.how)))
    for handoff in agreement.handoffs:
        yield from _prose(document, handoff.path, (("what", handoff.what),))


def _prose(document: Document, path: JsonPath, prose: tuple[tuple[str, str | None], ...], *, numbered: bool = False,
           owned: bool = True) -> Iterator[Statement]:
    """The non-blank prose of the item at ``path``. An item is measured when it has numbers or states acceptance
    criteria (read for every kind of item, as a stray ``acceptance`` also says how the item is judged)."""
    acceptance = document.value_at((*path, "acceptance"))
    measured_item = numbered or (isinstance(acceptance, str) and bool(acceptance.strip()))
    for name, text in prose:
        if text is not None and text.strip():
            yield Statement((*path, name), text, TextContext(measured=measured_item and name != "acceptance",
                                                             owned=owned))


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
