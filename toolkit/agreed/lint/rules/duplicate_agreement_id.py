"""Two agreement files carry the same agreement id.

The id is how agreed finds an agreement in history, diffs, consent records and references. Two files with one id
make each of those ambiguous, typically after a file was copied as a starting point and the id left unchanged.
Checked across every file of a run (lint a folder or the whole repository).

Fires on:
    contracts/onboarding.yaml:  id: onboarding-2031
    contracts/onboarding-v2.yaml:  id: onboarding-2031

Passes:
    contracts/onboarding.yaml:  id: onboarding-2031
    contracts/renewals.yaml:  id: renewals-2031
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from agreed.lint.rule import AgreementSummary, Category, RepositoryRule
from agreed.problem import Problem, Severity


def check(summaries: Sequence[AgreementSummary]) -> Iterator[Problem]:
    first: dict[str, AgreementSummary] = {}
    for summary in summaries:
        if summary.id is None:
            continue
        earlier = first.setdefault(summary.id, summary)
        if earlier is not summary:
            yield RULE.problem(summary.path, summary.line, summary.col,
                               f"agreement id {summary.id!r} is already used by {earlier.path}:{earlier.line}: "
                               "give this agreement an id of its own")


RULE = RepositoryRule(code="K901", name="duplicate-agreement-id", category=Category.CROSS_FILE, severity=Severity.ERROR,
                      doc=__doc__ or "", check=check,
                      elements=("K-PARTIES", "K-CONSENT"))
