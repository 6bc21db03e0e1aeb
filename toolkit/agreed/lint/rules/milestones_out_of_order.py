"""The milestones are not listed in the order they fall due.

Partners read the milestones as the route to the outcome: who hands what to whom, and then what comes next. A list
that jumps back in time hides that sequence, and a milestone that is due earlier than the one above it often means a
date was mistyped or a step was moved without the plan around it being rethought. Only the first milestone out of
order is reported; sort the list by due date, or correct the date.

Fires on:
    milestones:
      - {id: m1, due: 2031-04-30, ...}
      - {id: m2, due: 2031-02-27, ...}

Passes:
    milestones:
      - {id: m1, due: 2031-02-27, ...}
      - {id: m2, due: 2031-04-30, ...}
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from agreed.agreement import agreement_of
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._dates import item_dates, item_name
from agreed.problem import Severity


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    for previous, current in itertools.pairwise(item_dates(document, "due", agreement_of(document).milestones)):
        if current.day < previous.day:
            yield AtPath(current.path, f"is due {current.day.isoformat()}, before milestone "
                         f"{item_name(document, previous.path[:-1])} listed above it (due "
                         f"{previous.day.isoformat()}): list the milestones in the order they fall due")
            return


RULE = DocumentRule(code="T303", name="milestones-out-of-order", category=Category.TIME, severity=Severity.INFO,
                    doc=__doc__ or "", check=check,
                    elements=("W-MILESTONES",))
