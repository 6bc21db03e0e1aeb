"""V107 activity-without-outcome: activity verbs that promise effort rather than a checkable result."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from agreed.lint.rule import Category, TextContext, TextRule
from agreed.lint.rules.activity_without_outcome import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import FlaggedBy, RuleIdentity


def test_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("V107", "activity-without-outcome", Category.VAGUENESS, Severity.WARNING)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Support the EMEA launch.", ["Support"]),
        ("Li will support the EMEA launch.", ["support"]),
        ("The data team will look into the flaky tests.", ["look into"]),
        ("Engage with key accounts and help with renewals.", ["Engage with", "help with"]),
        ("Investigate the outage by 2027-02-10.", ["Investigate"]),
        ("Explore new channels.", ["Explore"]),
        ("Maria will assist the rollout.", ["assist"]),
        ("Work on onboarding.", ["Work on"]),
        ("Participate in the steering group and contribute to the roadmap.", ["Participate in", "contribute to"]),
        ("Facilitate workshops and coordinate the vendors.", ["Facilitate", "coordinate"]),
        ("Monitor the servers.", ["Monitor"]),
        ("Provide support to the Sales team.", ["Provide support"]),
        ("Provide additional support for struggling students.", ["Provide additional support"]),
        ("Stakeholders will be engaged throughout the process.", ["engaged"]),
        ("Liaise with Legal and focus on onboarding.", ["Liaise with", "focus on"]),
        ("Marketing will drive adoption of the new portal.", ["drive adoption"]),
        ("Product will drive greater user engagement.", ["drive greater user engagement"]),
        ("Li will keep stakeholders informed.", ["keep stakeholders informed"]),
        ("Keep the board and the sponsors in the loop.", ["Keep the board and the sponsors in the loop"]),
        ("Marketing will do its part.", ["do its part"]),
        ("Each region will play its full part in the rollout.", ["play its full part"]),
        ("Ops will continue to support the legacy system.", ["support"]),
        ("Li agrees to help with the migration.", ["help with"]),
        ("Li is responsible for supporting the launch.", ["supporting"]),
        ("The trust will support staff through the go-live.", ["support"]),
        ("Both leads will stay close to the review and work together.", ["stay close to", "work together"]),
        ("Student wellbeing should be prioritised.", ["prioritised"]),
        ("The new module will help with reducing errors.", ["help with"]),
        ("The API team will support each integrator.", ["support"]),
        ("The Contractor shall provide appropriate support to the Authority.", ["provide appropriate support"]),
        ("Engineering and Product to explore a strategy.", ["explore"]),
        ("Li will support the launch over the weekend.", ["support"]),
        ("Li will support Sales and Marketing in the launch.", ["support"]),  # two named teams: no product set
        ("Li will provide support to the wards at 08:00 on Monday.", ["provide support"]),  # a time, no hours
        ("IT supports the migration.", ["supports"]),
        ("Li kept an eye on costs and will oversee the programme.", ["kept an eye on", "oversee"]),
        ("Take care of onboarding issues.", ["Take care of onboarding issues"]),
        (
            "Address customer concerns and deal with open complaints.",
            ["Address customer concerns", "deal with open complaints"],
        ),
        ("Li will handle customer questions.", ["handle customer questions"]),
        ("Li is responsible for quality.", ["responsible for quality"]),
        ("Ana is accountable for customer satisfaction.", ["accountable for customer satisfaction"]),
    ],
)
def test_fires(text: str, expected: list[str], flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Investigate the 3 failed batch runs and send a root-cause report to Ana Ruiz by 2027-02-10.",
        "Staff a 24/7 support rota with 4 agents from 2027-01-01.",
        "Route every support ticket to the help desk within 10 minutes.",
        "Li will support Chrome, Firefox, Safari and Edge by 2027-03-01.",
        "Li will support Chrome 120, Firefox 121 and Safari 17.",
        "Platform will provide support 08:00 to 18:00 CET, Monday to Friday, except public holidays in Germany.",
        "The desk gives support 24/7 to the 3 clinics.",
        "Omar will help the wards from 9am-5pm on weekdays.",
        "Answer customer support requests within 4 hours.",
        "Hire 2 engineers with the help of the recruiting agency.",
        "Support and Success will share ownership of the calls.",
        "Explore 3 pricing options and recommend one in a written memo.",
        "Maria will not discuss Li's team budget with other VPs.",
        "Run the weekly, daily and monthly jobs exactly on time.",
        "See https://example.com/support/investigate for the 4 steps.",
        "Run `support_bundle --investigate` on 2027-01-05.",
        'Retire the "we support you" banner.',
        "Drive adoption to 80% of agents by 2027-03-31.",
        "The portal supports single sign-on.",
        "Acme monitors the payment gateway.",
        "The platform shall support single sign-on.",
        "The app will monitor disk usage.",
        "Teams supporting the rollout get licences.",
        "Buy the licences needed to support the billing system.",
        "To help agents find answers, the portal will index the knowledge bases.",
        "Li assigns a mentor to help new hires settle in.",
        "In order to support the audit, Finance will export the ledger.",
        "The people involved in the pilot get a badge.",
        "Provide support staff for the 3 sites.",
        "The WMS should support cross-docking of inbound pallets.",
        "We prioritise customer-facing bugs over internal tooling.",
        "Monitored by Elif in the monthly resource review.",
        "Answer every customer complaint within 2 working days.",
        "Address the 3 open audit issues by 2027-03-01.",
        "The portal handles refund requests.",
        "Li is responsible for the Christmas staffing plan, due 2027-10-15.",
        "Li is responsible for quality: zero Sev-1 defects in March 2027.",
        "Address the board on 2027-03-01.",
    ],
)
def test_passes(text: str, flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == []


def test_silent_when_the_item_is_measured(flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, "Support the EMEA launch.", TextContext(measured=True)) == []


def test_an_area_is_told_apart_from_an_activity() -> None:
    assert isinstance(RULE, TextRule)
    (span,) = RULE.check("Li is responsible for quality.", TextContext())
    assert span.message == (
        '"responsible for quality" names an area, not an outcome: name the artefact, count or threshold that shows '
        "it is in hand"
    )
