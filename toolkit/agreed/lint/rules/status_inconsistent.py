"""The status contradicts the delivery record.

The status tells everyone where the agreement stands, and the ``delivered_on`` dates are the evidence for it. A
``fulfilled`` agreement with a deliverable that was never recorded as delivered claims a success its own record
does not show. A delivery recorded on a ``draft`` or ``proposed`` agreement, or before the term starts, happened
before anyone was bound: it is not performance under this agreement, and belongs in ``results.evidence`` (or the
date or status is wrong). Milestones are steps on the way, so only deliverables must be recorded for
``fulfilled``; a recorded delivery is checked on milestones and deliverables alike.

Fires on:
    status: fulfilled
    deliverables: [{id: d1, due: 2031-06-30, ...}]
    ---
    status: proposed
    milestones: [{id: m1, due: 2031-03-31, delivered_on: 2031-03-28, ...}]

Passes:
    status: fulfilled
    deliverables: [{id: d1, due: 2031-06-30, delivered_on: 2031-06-27, ...}]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from agreed.document import Document, JsonPath
from agreed.lint.commitments import items, parse_date
from agreed.lint.rule import Category, Finding, LintContext, Rule
from agreed.lint.rules._dates import DELIVERED_LISTS, NOT_YET_AGREED, date_at, is_delivered, status
from agreed.problem import Severity


def check(document: Document, context: LintContext) -> Iterator[Finding]:
    current = status(document)
    for section in DELIVERED_LISTS:
        for path, item in items(document, *section):
            yield from _check_item(document, current, section, path, item)


def _check_item(document: Document, current: str | None, section: tuple[str, str], path: JsonPath,
                item: Mapping[str, Any]) -> Iterator[Finding]:
    if current == "fulfilled" and section[-1] == "deliverables" and not is_delivered(item):
        yield Finding(path, "records no delivered_on, but the agreement is 'fulfilled': record the day it was "
                      "delivered, or set the status to 'ended' if it never was")
    delivered = parse_date(item.get("delivered_on"))
    if delivered is None:
        return
    start = date_at(document, "term", "start")
    if current in NOT_YET_AGREED:
        yield Finding((*path, "delivered_on"), f"records a delivery on {delivered.isoformat()}, but the agreement is "
                      f"still {current!r}: nothing is delivered under terms not yet agreed; describe work already "
                      "done under results.evidence")
    elif start is not None and delivered < start.day:
        yield Finding((*path, "delivered_on"), f"records a delivery on {delivered.isoformat()}, before the term "
                      f"starts on {start.day.isoformat()}: correct the date, or describe work done before the "
                      "agreement under results.evidence")


RULE = Rule(code="S103", name="status-inconsistent", category=Category.STRUCTURE, severity=Severity.ERROR,
            summary=(__doc__ or "").partition("\n")[0], doc=__doc__ or "", check_document=check,
            elements=("K-STATUS",))
