"""A deliverable has neither a number nor an acceptance criterion.

Words alone let each partner picture a different result, and the difference only shows on the day it is handed
over. A deliverable needs a number (``quantity`` or ``target``, with its unit) or a check that anyone can run to
see that it was delivered (``acceptance``); ideally both. An acceptance criterion that says nothing ("TBD", "see
above", "as usual") counts as none. Drafts may leave both open while the partners talk.

Fires on:
    deliverables:
      - {id: d1, what: Improve the onboarding experience, owner: maria}
      - {id: d2, what: Onboarding playbook, acceptance: TBD, owner: maria}

Passes:
    deliverables:
      - {id: d1, what: Onboarding playbook of 12 sections, quantity: 12, unit: sections, owner: maria}
      - {id: d2, what: Onboarding playbook, acceptance: Daniel signs off all 12 sections, owner: maria}
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.agreement import agreement_of
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._references import dodged, is_draft, missing
from agreed.problem import Severity

_ADVICE = "give the quantity and unit it is counted in, or a check that shows it was delivered"


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    draft = is_draft(document)
    for deliverable in agreement_of(document).deliverables:
        if "quantity" in deliverable.present or "target" in deliverable.present:
            continue  # a number, or a value of the wrong type that the schema reports
        acceptance = deliverable.acceptance
        if dodged(acceptance):
            yield AtPath((*deliverable.path, "acceptance"), f"acceptance {acceptance!r} is no check anyone can "
                         f"verify, and the deliverable has no quantity or target either: {_ADVICE}")
        elif not draft and missing(acceptance, "acceptance" in deliverable.present):
            yield AtPath(deliverable.path, f"has neither a quantity or target nor an acceptance criterion: {_ADVICE}")


RULE = DocumentRule(code="W401", name="deliverable-unmeasured", category=Category.RESULTS, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=("W-WHAT",))
