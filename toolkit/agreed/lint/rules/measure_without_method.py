"""A measure of quality or resource use says neither its unit nor how it is taken.

A measure that nobody knows how to take is read differently by each partner, and the first argument about it comes
when the figures disappoint. Each item under ``measures.quality`` and ``measures.resources`` should say what it is
counted in (``unit``) or, better, who takes it, from which source and how often (``how``). A method that says
nothing ("TBD", "as usual") counts as none. Drafts may leave both open.

Fires on:
    measures:
      quality: [{id: csat, measure: Customer satisfaction}]
      resources: [{id: hours, measure: Hours spent, how: as usual}]

Passes:
    measures:
      quality: [{id: csat, measure: Share of accounts rating onboarding 8 or higher, unit: percent}]
      resources: [{id: hours, measure: Hours spent, how: Timesheets by account code, exported monthly by Ana}]
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.agreement import agreement_of
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._references import dodged, is_draft, missing
from agreed.problem import Severity

_ADVICE = "say who takes it, from which source and how often (`how`), and what it is counted in (`unit`)"


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    draft = is_draft(document)
    results = agreement_of(document).results
    measures = (*results.quality_measures, *results.resource_measures) if results is not None else ()
    for measure in measures:
        if not missing(measure.unit, "unit" in measure.present) and not dodged(measure.unit):
            continue  # a unit, or a value of the wrong type that the schema reports
        if dodged(measure.how):
            yield AtPath((*measure.path, "how"), f"how {measure.how!r} does not say how the measure is taken, and "
                         f"it has no unit either: {_ADVICE}")
        elif not draft and missing(measure.how, "how" in measure.present):
            yield AtPath(measure.path, f"says neither its unit nor how it is measured: {_ADVICE}")


RULE = DocumentRule(code="W403", name="measure-without-method", category=Category.RESULTS, severity=Severity.WARNING,
                    doc=__doc__ or "", check=check,
                    elements=("W-MEASURES",))
