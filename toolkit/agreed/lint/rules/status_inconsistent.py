"""The status contradicts the delivery record.

The status tells everyone where the agreement stands, and the ``delivered_on`` dates are the evidence for it. A
``fulfilled`` agreement with a deliverable or a milestone that was never recorded as delivered claims a success
its own record does not show: every promised step was owed to someone, and the record is how they see it was
kept. A delivery recorded on a ``draft`` or ``proposed`` agreement, or before the term starts, happened before
anyone was bound: it is not performance under this agreement, and belongs in ``results.evidence`` (or the date or
status is wrong).

Fires on:
    status: fulfilled
    deliverables: [{id: d1, due: 2031-06-30, ...}]
    ---
    status: fulfilled
    milestones: [{id: m1, due: 2031-03-31, ...}]
    ---
    status: proposed
    milestones: [{id: m1, due: 2031-03-31, delivered_on: 2031-03-28, ...}]

Passes:
    status: fulfilled
    milestones: [{id: m1, due: 2031-03-31, delivered_on: 2031-03-28, ...}]
    deliverables: [{id: d1, due: 2031-06-30, delivered_on: 2031-06-27, ...}]
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.document import Document
from agreed.lint.commitments import parse_date
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._dates import NOT_YET_AGREED, Delivered, date_at, delivered_items, status
from agreed.problem import Severity


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    current = status(document)
    for item in delivered_items(document):
        yield from _check_item(document, current, item)


def _check_item(document: Document, current: str | None, item: Delivered) -> Iterator[AtPath]:
    path = item.path
    if current == "fulfilled" and not item.delivered:
        yield AtPath(path, "records no delivered_on, but the agreement is 'fulfilled': record the day it was "
                     "delivered, or set the status to 'ended' if it never was")
    delivered = parse_date(item.delivered_on)
    if delivered is None:
        return
    start = date_at(document, "term", "start")
    if current in NOT_YET_AGREED:
        yield AtPath((*path, "delivered_on"), f"records a delivery on {delivered.isoformat()}, but the agreement is "
                     f"still {current!r}: nothing is delivered under terms not yet agreed; describe work already "
                     "done under results.evidence")
    elif start is not None and delivered < start.day:
        yield AtPath((*path, "delivered_on"), f"records a delivery on {delivered.isoformat()}, before the term "
                     f"starts on {start.day.isoformat()}: correct the date, or describe work done before the "
                     "agreement under results.evidence")


RULE = DocumentRule(code="S103", name="status-inconsistent", category=Category.STRUCTURE, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=("K-STATUS",))
