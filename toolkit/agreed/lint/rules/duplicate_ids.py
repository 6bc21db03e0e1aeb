"""Two items of one list share an id.

Ids are how agreed tells items apart over time: a renegotiation diff matches deliverables, milestones and targets by
id, and owners name parties by id. Two items with one id make every reference to it ambiguous.

Fires on:
    parties: [{id: maria, ...}, {id: maria, ...}]
    deliverables: [{id: d1, ...}, {id: d1, ...}]

Passes:
    deliverables: [{id: d1, ...}, {id: d2, ...}]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

from agreed.agreement import Agreement, agreement_of
from agreed.document import Document, JsonPath
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.problem import Severity


class _Identified(Protocol):
    @property
    def path(self) -> JsonPath: ...
    @property
    def id(self) -> str | None: ...


# Every list whose items carry an id of their own, with how to read its items.
_LISTS: tuple[tuple[tuple[str, ...], Callable[[Agreement], Sequence[_Identified]]], ...] = (
    (("parties",), lambda agreement: agreement.parties),
    (("results", "deliverables"), lambda agreement: agreement.deliverables),
    (("results", "milestones"), lambda agreement: agreement.milestones),
    (("results", "measures", "quality"), lambda agreement: agreement.results.quality_measures
     if agreement.results is not None else ()),
    (("results", "measures", "resources"), lambda agreement: agreement.results.resource_measures
     if agreement.results is not None else ()),
    (("celebration", "targets"), lambda agreement: agreement.targets),
    (("celebration", "handoffs"), lambda agreement: agreement.handoffs),
    (("relationship", "reservations"), lambda agreement: agreement.relationship.reservations
     if agreement.relationship is not None else ()),
)
IDENTIFIED_LISTS: tuple[tuple[str, ...], ...] = tuple(section for section, _ in _LISTS)


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    agreement = agreement_of(document)
    for section, listed in _LISTS:
        first_index: dict[str, int] = {}
        for item in listed(agreement):
            item_id, path = item.id, item.path
            if item_id is None:
                continue
            if item_id in first_index:
                yield AtPath((*path, "id"), f"id {item_id!r} is already used by entry {first_index[item_id]} "
                             f"of {'.'.join(section)}: give each entry its own id")
            else:
                first_index[item_id] = int(path[-1])


RULE = DocumentRule(code="S101", name="duplicate-id", category=Category.STRUCTURE, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=("K-PARTIES", "W-WHAT", "W-MILESTONES", "W-MEASURES", "C-TARGETS", "C-HANDOFFS",
                              "R-RESERVATIONS"))
