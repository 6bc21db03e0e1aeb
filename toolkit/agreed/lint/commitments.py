"""Which prose in an agreement states a commitment, and what its surroundings say about it.

The text rules read commitments: deliverables, milestones, targets, measures and hand-offs. A statement whose item
already carries numbers (a quantity or target, or an acceptance criterion) counts as measured; one whose item names
exactly one owner counts as owned. The rules use that to stay quiet where the structure already says what the
words leave open.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from agreed.agreement import Deliverable, Milestone, Responsibility, agreement_of
from agreed.document import Document, JsonPath
from agreed.lint.rule import TextContext
from agreed.text.values import OwnerKind, classify_owner


@dataclass(frozen=True, slots=True)
class Statement:
    """One piece of commitment prose at ``path``."""

    path: JsonPath
    text: str
    context: TextContext


def items(document: Document, *section: str) -> Iterator[tuple[JsonPath, Mapping[str, Any]]]:
    """The mapping items of the list at ``section`` (e.g. ``results``, ``deliverables``) with their paths."""
    listed = document.value_at(section)
    if not isinstance(listed, list):
        return
    for index, item in enumerate(listed):
        if isinstance(item, dict):
            yield (*section, index), item


def has_number(item: Mapping[str, Any], *fields: str) -> bool:
    return any(isinstance(item.get(name), (int, float)) and not isinstance(item.get(name), bool) for name in fields)


def has_text(item: Mapping[str, Any], name: str) -> bool:
    value = item.get(name)
    return isinstance(value, str) and bool(value.strip())


def is_owned(owner: str | None) -> bool:
    """Whether ``owner`` (an item's owner, when written as text) names exactly one party."""
    return owner is not None and classify_owner(owner) is OwnerKind.SINGLE


# (list location, prose fields, numeric fields that make the item measured, whether it has an owner field)
_COMMITMENTS: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], bool], ...] = (
    (("results", "deliverables"), ("what", "acceptance"), ("quantity", "target"), True),
    (("results", "milestones"), ("what",), (), True),
    (("celebration", "targets"), ("metric",), ("target",), False),
    (("results", "measures", "quality"), ("measure", "how"), (), False),
    (("results", "measures", "resources"), ("measure", "how"), (), False),
    (("celebration", "handoffs"), ("what",), (), False),
)


# The elements whose prose the text rules read.
COMMITMENT_ELEMENTS = ("W-WHAT", "W-MILESTONES", "C-TARGETS", "W-MEASURES", "C-HANDOFFS")


def statements(document: Document) -> Iterator[Statement]:
    """Every commitment statement of a loaded document, with its context."""
    for section, prose_fields, numeric_fields, has_owner in _COMMITMENTS:
        for path, item in items(document, *section):
            owner = item.get("owner")
            owned = is_owned(owner if isinstance(owner, str) else None) if has_owner else True
            measured_item = has_number(item, *numeric_fields) or has_text(item, "acceptance")
            for name in prose_fields:
                text = item.get(name)
                if not isinstance(text, str) or not text.strip():
                    continue
                measured = measured_item and name != "acceptance"
                yield Statement((*path, name), text, TextContext(measured=measured, owned=owned))


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
