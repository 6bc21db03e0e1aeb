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

from collections.abc import Iterator

from agreed.document import Document
from agreed.lint.commitments import items
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.problem import Severity

# Every list whose items carry an id of their own.
IDENTIFIED_LISTS: tuple[tuple[str, ...], ...] = (
    ("parties",),
    ("results", "deliverables"),
    ("results", "milestones"),
    ("results", "measures", "quality"),
    ("results", "measures", "resources"),
    ("celebration", "targets"),
    ("celebration", "handoffs"),
    ("relationship", "reservations"),
)


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    for section in IDENTIFIED_LISTS:
        first_index: dict[str, int] = {}
        for path, item in items(document, *section):
            item_id = item.get("id")
            if not isinstance(item_id, str):
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
