"""A fulfilled agreement does not record what its targets measured.

The targets say what success means, and the measured results say whether it came: a ``fulfilled`` agreement whose
targets carry no ``measured`` result claims an ending nobody can judge, and the partners cannot know whether to
celebrate. Record under each target what its measurement found (``measured: {value, on, by, source}``); if a target
was never measured, say so by setting the status to ``ended`` instead.

Fires on:
    status: fulfilled
    celebration:
      targets: [{id: ttv, metric: Median days to first use, baseline: 61, target: 30}]

Passes:
    status: fulfilled
    celebration:
      targets:
        - id: ttv
          metric: Median days to first use
          baseline: 61
          target: 30
          measured: {value: 28, on: 2032-07-15, by: li, source: CRM onboarding report}

    status: active
    celebration:
      targets: [{id: ttv, metric: Median days to first use, baseline: 61, target: 30}]
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.agreement import agreement_of
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.problem import Severity

FULFILLED = "fulfilled"


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    agreement = agreement_of(document)
    if agreement.status != FULFILLED:
        return
    for target in agreement.targets:
        if "measured" not in target.present:  # a measured result of the wrong shape is the schema's to report
            yield AtPath(target.path, "records no measured result, but the agreement is 'fulfilled': add "
                         "`measured` with the value found, the day, who measured it and the source, so the "
                         "partners know whether the target was met")


RULE = DocumentRule(code="C505", name="fulfilled-unmeasured", category=Category.CELEBRATION,
                    severity=Severity.WARNING, doc=__doc__ or "", check=check,
                    elements=("C-TARGETS", "K-STATUS"))
