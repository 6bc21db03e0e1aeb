"""A205 passive-commitment: commitments in the passive voice with no actor."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from agreed.lint.rule import Category, TextContext
from agreed.lint.rules.passive_commitment import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import FlaggedBy, RuleIdentity


def test_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("A205", "passive-commitment", Category.ACCOUNTABILITY, Severity.WARNING)


@pytest.mark.parametrize(("text", "expected"), [
    ("The report will be updated.", ["will be updated"]),
    ("The pack is to be delivered on 2027-03-01.", ["is to be delivered"]),
    ("The plan shall be reviewed weekly.", ["shall be reviewed"]),
    ("The audit must be completed by Friday.", ["must be completed"]),
    ("The backlog will get done.", ["will get done"]),
    ("Access must be revoked by 2027-03-01.", ["must be revoked"]),
    ("The deadline will be met by 20%.", ["will be met"]),
    ("Invoices are paid within 30 days.", ["are paid"]),
    ("The budget has been approved.", ["has been approved"]),
    ("Budget to be approved by 2027-02-01.", ["to be approved"]),
    ("The guide will also be refreshed weekly.", ["will also be refreshed"]),
    ("There will be a weekly check-in.", ["There will be"]),
    ("Customers will receive a confirmation email within 5 minutes.", ["will receive"]),
    ("Customers should always receive a friendly response.", ["should always receive"]),
    ("All new hires will be assigned an onboarding buddy.", ["will be assigned"]),
    ("Dashboards will be delivered by the next release.", ["will be delivered"]),
    ("Every defect that is reported will be fixed.", ["will be fixed"]),
    ("The data that is collected will be deleted after 30 days.", ["will be deleted"]),
    ("If the link fails, the router will be restarted.", ["will be restarted"]),
    ("That report will be updated weekly.", ["will be updated"]),
    ("The report gets written by Friday.", ["gets written"]),
    ("When the invoice arrives, it is paid within 30 days.", ["is paid"]),
    ("Each month they are reviewed.", ["are reviewed"]),
    ("Incidents are escalated to management.", ["are escalated"]),
    ("Incidents will be escalated to leadership within 2 hours.", ["will be escalated"]),
    ("High-quality training will be provided to mentors.", ["will be provided"]),
    ("The minutes are sent to everyone on Monday.", ["are sent"]),
    ("Incidents are escalated to finance.", ["are escalated"]),  # "finance" is also a verb: "to" still leads to whom
    ("Reports are sent to legal.", ["are sent"]),
    ("Invoices are forwarded to support.", ["are forwarded"]),
    ("Uptime will be calculated each month.", ["will be calculated"]),  # the work promised, not the method
    ("Refunds are calculated and paid within 5 days.", ["are calculated"]),
    ("Churn is measured monthly in ChartMogul.", ["is measured"]),  # when it is done, not what the figure is
])
def test_fires(text: str, expected: list[str], flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == expected


@pytest.mark.parametrize("text", [
    "The report will be reviewed by Maria Chen.",
    "The report will be reviewed and approved by the CFO.",
    "The help desk will be staffed by 3 agents from 2027-01-04.",
    "Finance will revoke access by 2027-03-01.",
    "Ana owns the rollout; all 40 stores will be migrated by 2027-06-30.",
    "Owner: Ana Ruiz. The stores will be migrated by 2027-06-30.",
    "Maria will receive the pack from Li every Monday.",
    "Li is expected to deliver the plan by 2027-02-01.",
    "Li is asked to implement the fix by 2027-02-01.",
    "Patients are directed to call 999.",
    "Stewards are trained to bring every lost child to the info desk.",
    "We are committed to the plan; Li is based in Berlin.",
    "Li will be involved in the 3 reviews.",
    "The Controller signs off every journal above EUR 50,000 before it is posted.",
    "Mr. Osei will run 4 revision sessions and cut costs by 10%.",
    "Sign the signed contract and file the attached annex.",
    "Owner to be confirmed.",
    "See https://example.com/will-be-updated by 2027-01-10.",
    "Run `will_be_deleted.sh` on 2027-01-05.",
    'Replace "will be reviewed" with "Li reviews" by 2027-03-01.',
    "Li will fix every defect that is reported in the pilot.",
    "Li answers each question which is raised in the channel within 4 hours.",
    "Li will refund each charge that has been disputed.",
    "Li ensures invoices are paid within 30 days.",
    "Li will make sure the logs are kept for 90 days.",
    "Each design review gets written comments from the product lead.",
    "Li moves each P1 bug to the top of the backlog on the day it is triaged.",
    "Whoever receives a complaint forwards it to Li within 4 working hours.",
    "Uptime is calculated over each calendar month, excluding approved maintenance.",
    "The score is computed as the mean of the 3 ratings.",
    "Deliver the plan in a format to be agreed.",  # a placeholder (V108), not a passive hiding its actor
])
def test_passes(text: str, flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == []


def test_silent_when_the_item_names_its_owner(flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, "The report will be updated.", TextContext(owned=True)) == []
