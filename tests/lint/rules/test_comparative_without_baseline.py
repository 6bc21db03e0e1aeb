"""V105 comparative-without-baseline: comparatives and change verbs with no baseline, target or amount."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from agreed.lint.rule import Category, TextContext
from agreed.lint.rules.comparative_without_baseline import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import FlaggedBy, RuleIdentity


def test_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("V105", "comparative-without-baseline", Category.VAGUENESS, Severity.WARNING)


@pytest.mark.parametrize(("text", "expected"), [
    ("Reduce churn.", ["Reduce"]),
    ("Improve onboarding and increase retention.", ["Improve", "increase"]),
    ("Deliver faster, better releases.", ["faster", "better"]),
    ("Generate more qualified leads and fewer escalations.", ["more", "fewer"]),
    ("Enhance, optimise and boost the funnel.", ["Enhance", "optimise", "boost"]),
    ("Cut costs and grow revenue.", ["Cut", "grow"]),
    ("Keep error rates lower.", ["lower"]),
    ("Deliver an improved checkout.", ["improved"]),
    ("Release faster than before.", ["faster than before"]),
    ("Price it cheaper than competitors.", ["cheaper than competitors"]),
    ("Grow the pipeline by 2027.", ["Grow"]),
    ("Reduce churn by Q4.", ["Reduce"]),
    ("Revamp the review process.", ["Revamp"]),
    ("Make the page faster and more intuitive.", ["faster", "more intuitive"]),
    ("Make the service more robust and less customer-centric.", ["more robust", "less customer-centric"]),
    ("Document pain scores more consistently.", ["more consistently"]),
    ("Answer faster than our competitors\u2019 desks.", ["faster than our competitors\u2019"]),
    ("Costs will go down.", ["go down"]),
    ("Reduce AWS spend.", ["Reduce"]),
    ("Churn is going down and sign-ups went up.", ["going down", "went up"]),
    ("Churn will drop next year.", ["drop"]),
    ("Revenue is expected to rise.", ["rise"]),
    ("Give outages a higher severity than usual.", ["higher"]),
    ("Onboarding is noticeably slower.", ["slower"]),
    ("Deliver the improvement of the search page.", ["improvement"]),
    ("Sign-off takes longer and the forecasts got worse.", ["longer", "worse"]),
    ("Keep the weaker suppliers on a looser contract.", ["weaker", "looser"]),
    ("Keep downtime to a minimum and open incidents to the bare minimum.", ["to a minimum", "to the bare minimum"]),
    ("Give more help to carers for more young people.", ["more", "more"]),
])
def test_fires(text: str, expected: list[str], flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == expected


@pytest.mark.parametrize("text", [
    "Reduce churn from 8% to 5% by 2027-12-31.",
    "Reduce churn by 3 points.",
    "Cut p95 checkout latency to under 300 ms.",
    "Raise the approval limit 20% above the FY2026 audited total.",
    "Keep spend below the FY2026 audited total.",
    "Answer in less than 4 hours and no more than 2 escalations per week.",
    "Make the page 20% faster.",
    "Hire two more engineers.",
    "Increase NPS to 45.",
    "Grow ARR from EUR 1.2M to EUR 1.5M.",
    "Halve the backlog.",
    "Publish weekly; review at least 3 and at most 5 accounts daily.",
    "Once more, send the pack on 2027-01-04.",
    "Read https://example.com/improve-faster-better before 2027-01-10.",
    "Run `reduce_costs.py` and `grow_db` on 2027-01-05.",
    'Replace the tagline "faster, better, cheaper" by 2027-03-01.',
    "Require more than one approver for every payment.",
    "Assign a higher severity on the P1-P4 scale to outages.",
    "Give outages a higher priority than P3.",
    "Reduce churn by 20 % by 2027-12-31.",
    "Raise NPS from 32 to 45.",
    "Costs will go down from EUR 40k to EUR 32k a month.",
    "Li will drop the legacy report by 2027-01-01.",
    "Ana will decline any request without a ticket.",
    "Pay suppliers through the UK Faster Payments scheme.",
    "Raise it when a risk comes up.",
    "Faster Payments settles each transfer in 2 hours.",
    "Li no longer approves refunds after 2027-01-01.",
    "Escalate any ticket open longer than 48 hours.",
    "Make the page 20% slower only in the load test.",
    "Agree a growth plan of 10 actions with the board by 2027-02-01.",
    "Keep the stored data to the minimum required by the 2026 retention policy.",
    "Accept suppliers rated B or higher on the 2026 audit scale.",
    "The plan runs to 10 pages, more or less.",
    "Li will reduce flaky tests to zero by 2031-05-31.",  # "to zero" is a target, as "to 0" is
])
def test_passes(text: str, flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == []


def test_silent_when_the_item_is_measured(flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, "Reduce churn and improve onboarding.", TextContext(measured=True)) == []
