"""V106 superlative-absolute: superlatives and unscoped absolutes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from agreed.lint.rule import Category
from agreed.lint.rules.superlative_absolute import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import FlaggedBy, RuleIdentity


def test_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("V106", "superlative-absolute", Category.VAGUENESS, Severity.WARNING)


@pytest.mark.parametrize(("text", "expected"), [
    ("Offer the best onboarding in the region.", ["best"]),
    ("Be the fastest responder.", ["fastest"]),
    ("Pick the most reliable vendor.", ["the most reliable"]),
    ("Always respond to partner questions.", ["Always"]),
    ("Never miss a deadline.", ["Never"]),
    ("Resolve all issues before launch.", ["all issues"]),
    ("Address every concern raised.", ["every concern"]),
    ("Report any problems.", ["any problems"]),
    ("Ship with zero defects and no errors.", ["zero defects", "no errors"]),
    ("Ship the release fully tested.", ["fully"]),
    ("Migrate the data completely and perfectly.", ["completely", "perfectly"]),
    ("Deliver 100% customer satisfaction.", ["100% customer satisfaction"]),
    ("Document everything.", ["everything"]),
    ("Share any and all findings.", ["any and all"]),
    ("Follow best practices and industry standards.", ["best practices", "industry standards"]),
    ("Always delight customers.", ["Always"]),
    ("Fix all relevant issues and resolve any longer delays.", ["all relevant issues", "any longer delays"]),
    ("Inform all stakeholders.", ["all stakeholders"]),
    ("Address all security concerns and meet all business needs.", ["all security concerns", "all business needs"]),
    ("Be available at all times.", ["at all times"]),
    ("Resolve every issue before launch and pick the largest vendor.", ["every issue", "largest"]),
    ("Promise zero data loss and the cheapest rates among competitors.", ["zero data loss", "cheapest"]),
    ("Offer The Best Service In Town.", ["Best"]),  # every word capitalised: "Best" names nothing
    ("We delight customers at all times.", ["at all times"]),
    ("Support answers without fail.", ["without fail"]),
    ("Offer the lowest prices and the highest availability.", ["lowest", "highest"]),  # claims, no series
    ("The fastest checkout in Europe.", ["fastest"]),
    ("Be the best team, as measured by our own feelings.", ["best"]),  # no named benchmark, no rank
])
def test_fires(text: str, expected: list[str], flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == expected


@pytest.mark.parametrize("text", [
    "Migrate all 14 branches by 2027-06-30.",
    "Migrate all three regions by 2027-06-30.",
    "Approve every invoice above EUR 5,000 within 2 business days.",
    "Record zero Sev-1 incidents in March 2027.",
    "Close 100% of payroll runs on time.",
    "Hold the review every Monday.",
    "Never share customer names outside the steering group.",
    "Do our best work on the 3 pilots; use best efforts to reply.",
    "Ship the most recent version; the most likely date is 2027-03-01.",
    "Review at least 3 and at most 5 items weekly.",
    "Buy the licences from Best Buy by 2027-02-01.",
    "See https://example.com/always-the-best for the 2 templates.",
    "Run the `best_effort_all` job nightly.",
    'Replace the slogan "always the best" by 2027-03-01.',
    "Audit the 40 largest suppliers by 2027-06-30.",
    "Publish the 10 most common onboarding blockers by 2027-02-01.",
    "List the top 5 biggest risks.",
    "Keep zero critical vulnerabilities open longer than 30 days.",
    "Answer every sales question in #onboarding within 4 working hours.",
    "Li will fix every defect that is reported in the pilot.",
    "Fix every defect reported in the pilot.",
    "Archive all requests older than 90 days.",
    "Answer all questions from the Board.",
    "Never deploy on a Friday after 15:00.",
    "Always attach the signed form to the ticket.",
    "Report any problems to the help desk.",
    "Move pipelines in 3 waves ordered by business criticality, lowest first.",
    "We will fix all critical bugs and validate all input data.",
    "All stakeholders will sign off the charter.",
    "All departments should work together.",
    "The press shall never start while the guard is open.",
    "We disagree in private first and never in front of our teams.",
    "Rank the cheapest hosting plan out of the 4 quotes received by 2027-02-01.",
    "Call the biggest 15 customers every month.",
    "Ana will never merge on Saturdays.",
    "Keep zero data loss during the 2027-05-02 cut-over.",
    "Li keeps the error rate below 0.1 % at all times, measured in Datadog.",  # as "always keeps ... below 0.1 %"
    "Support answers P1 pages within 15 minutes without fail.",
    # an extreme of a measured series is a statistic, the figure a target is set on
    "Lowest monthly availability of the Payments API in 2031.",
    "Keep the highest p99 latency of checkout under 300 ms in every week of Q3 2031.",
    "The fastest checkout in Europe, as measured by the 2032 Baymard Institute benchmark (rank 1 of 50).",
    "Offer the best onboarding in the region, ranked 1 of 12 in the yearly survey.",
    "Run the fastest checkout in Europe according to the Baymard Institute benchmark.",
])
def test_passes(text: str, flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == []
