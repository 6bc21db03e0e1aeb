"""The consent gate (``agreed consent check``) as JUnit XML: one test case per agreement, failing with each gate
failure listed when the gate refuses it; consent records that were ignored are noted in its output."""

from __future__ import annotations

from collections.abc import Sequence

from agreed.consent.gate import gate_failures
from agreed.consent.status import AgreementStatus
from agreed.report.junit import Case, Failure, junit_text

SUITE = "agreed consent check"
CLASSNAME = "agreed.consent"
FAILURE_KIND = "consent"


def render(results: Sequence[AgreementStatus]) -> str:
    return junit_text(SUITE, [_case(result) for result in results])


def _case(result: AgreementStatus) -> Case:
    failures = gate_failures(result)
    failure = Failure(FAILURE_KIND, failures[0], tuple(failures)) if failures else None
    ignored = tuple(f"a consent record was ignored: {problem}" for problem in result.problems)
    return Case(result.path, CLASSNAME, failure, ignored)
