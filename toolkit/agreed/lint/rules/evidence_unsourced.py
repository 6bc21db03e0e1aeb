"""A piece of evidence does not say where it comes from.

The evidence is why the partners believe the investment is worth making. A fact that names its source (a report,
a data export, a study, with its date) can be checked and revisited when results disappoint; one without a source
is taken on trust, and one that also states no number or date is an opinion, however firmly it is held. A source that
says nothing ("TBD", "see above") counts as none. Drafts may leave sources open.

Fires on:
    evidence:
      - {fact: Median onboarding took 61 days in 2030}
      - {fact: Customers hate our onboarding}
      - {fact: 11 of 17 churn interviews named onboarding delays, source: TBD}

Passes:
    evidence:
      - {fact: Median onboarding took 61 days in 2030, source: CRM export 2031-01-04}
      - {fact: Churned customers named onboarding as their first complaint, source: Churn review 2030}
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.agreement import agreement_of
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._references import dodged, is_draft, missing
from agreed.problem import Severity
from agreed.text.measures import has_number

_SOURCE = "name the report, data export or study it comes from, with its date"


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    draft = is_draft(document)
    results = agreement_of(document).results
    for evidence in results.evidence if results is not None else ():
        path, fact, source = evidence.path, evidence.fact, evidence.source
        if fact is None or not fact.strip():
            continue
        if dodged(fact):
            yield AtPath((*path, "fact"), f"fact {fact!r} states nothing: write down what was observed, with the "
                         f"figure behind it, and {_SOURCE}")
        elif dodged(source):
            opinion = ", and the fact states no number or date" if not has_number(fact) else ""
            yield AtPath((*path, "source"), f"source {source!r} does not say where the fact comes from{opinion}: "
                         f"{_SOURCE}")
        elif missing(source, "source" in evidence.present) and not draft:
            if has_number(fact):
                yield AtPath((*path, "fact"), f"has no source: {_SOURCE}, so the partners can check it")
            else:
                yield AtPath((*path, "fact"), "states no number or date and has no source, so as written it is an "
                             f"opinion: add the figure behind it, and {_SOURCE}")


RULE = DocumentRule(code="W406", name="evidence-unsourced", category=Category.RESULTS, severity=Severity.WARNING,
                    doc=__doc__ or "", check=check,
                    elements=("W-EVIDENCE",))
