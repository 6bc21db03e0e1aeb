"""A206 collective-actor: commitments owed by a group, a placeholder or several people at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextContext, TextRule
from agreed.lint.rules.collective_actor import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import FlaggedBy, LoadText, RuleIdentity


def test_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("A206", "collective-actor", Category.ACCOUNTABILITY, Severity.WARNING)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We will deliver a reporting layer.", ["We"]),
        ("We'll deliver a reporting layer.", ["We'll"]),
        ("The team will look into the flaky tests.", ["The team"]),
        ("Everyone should contribute to the wiki.", ["Everyone"]),
        ("Someone from Sales will call each lost account.", ["Someone from Sales"]),
        ("Stakeholders will sign off the plan.", ["Stakeholders"]),
        ("The business will decide.", ["The business"]),
        ("All of us will attend.", ["All of us"]),
        ("TBD will own the vendor shortlist.", ["TBD"]),
        ("[owner] will send it.", ["[owner]"]),
        ("Both parties will sign.", ["Both parties"]),
        ("Managers will review it.", ["Managers"]),
        ("All clinical staff will complete the training.", ["All clinical staff"]),
        ("100% of managers complete the course.", ["100% of managers"]),
        ("Maria and Li will own the migration.", ["Maria and Li"]),
        ("Sales/Marketing will deliver 40 leads.", ["Sales/Marketing"]),
        ("Finance or Legal will confirm.", ["Finance or Legal"]),
        ("The CFO and the COO will sign off.", ["The CFO and the COO"]),
        ("Dr. Patel and Dr. Ruiz will own the audit.", ["Dr. Patel and Dr. Ruiz"]),
        ("Engineering and Product to explore a strategy.", ["Engineering and Product"]),
        ("The review is jointly owned by HR and IT.", ["jointly owned", "HR and IT"]),
        ("The press release will be approved by Comms and Legal.", ["Comms and Legal"]),
        ("The shortlist will be approved by the business.", ["the business"]),
        ("It is up to us to deliver.", ["up to us"]),
        ("Owner: TBD. Deliver the revised policy.", ["TBD"]),
        ("Data migration owner: [owner]; dry run on 2027-04-03.", ["[owner]"]),
        ("Ines and Paul meet every second Thursday at 08:30.", ["Ines and Paul"]),
        ("Both leads will escalate the 3 risks.", ["Both leads"]),
        ("The squad will fix the flaky tests.", ["The squad"]),
        (
            "The Contractor or its subcontractors shall carry out the 2 audits.",
            ["The Contractor or its subcontractors"],
        ),
        ("We may raise concerns within 2 days.", ["We"]),
        ("The Maths and Science departments will co-deliver STEM week.", ["The Maths and Science departments"]),
        ("Priya and Omar will co-own the accounts list.", ["Priya and Omar"]),
        ("The CISO and the CIO are jointly accountable for the plan.", ["The CISO and the CIO"]),
        ("The plan is co-owned by Li.", ["co-owned"]),
        ("The squad replies to every ticket within 2 working days.", ["The squad"]),
        ("Everybody joins the Tuesday stand-up.", ["Everybody"]),
        ("Somebody reconciles the ledger every Friday.", ["Somebody"]),
        ("Ops/Support owns the on-call rota.", ["Ops/Support"]),
        ("Both coordinators review the rota every Friday.", ["Both coordinators"]),
        ("All of us sign the timesheet on Fridays.", ["All of us"]),
        ("Our team maintains the runbook.", ["Our team"]),
        ("They reply to each escalation within 4 hours.", ["They"]),
        ("Each site lead phones the other lead within a day and they settle the next steps.", ["they"]),
        ("The team leads the migration to the new ledger.", ["The team"]),
        ("People share updates in the channel every Friday.", ["People"]),
        ("Folks post their status by 10:00 each day.", ["Folks"]),
        ("One of us will approve each release.", ["One of us"]),
        ("Whoever is available approves the release.", ["Whoever is available"]),
        ("The Platform and Checkout teams fix the flaky tests.", ["The Platform and Checkout teams"]),
        ("Sales and Engineering fix the flaky tests.", ["Sales and Engineering"]),
        ("On day 3 we ship the patch.", ["we"]),  # a count before a pronoun does not make it a noun's modifier
        ("The team can review every pull request within 2 working days.", ["The team"]),
        ("The team might review every pull request within 2 working days.", ["The team"]),
        ("Our squad could take the on-call shifts in March.", ["Our squad"]),
        ("Everyone is expected to review every pull request within 2 working days.", ["Everyone"]),
        ("The team is required to attend each check-in.", ["The team"]),
    ],
)
def test_fires(text: str, expected: list[str], flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Maria Chen will deliver the reporting layer by 2027-03-31.",
        "I will deliver the reporting layer.",
        "The CFO will approve the budget.",
        "The Platform team will deliver the API.",
        "Finance will send the pack to Li and Omar every Monday.",
        "Maria, with help from Li, will call each lost account by 2027-02-15.",
        "Each account manager will call their top 5 accounts by 2027-02-15.",
        "Finance will email all store managers by 2027-02-01.",
        "Churn and NPS will be reported weekly.",
        "3 people will be hired by 2027-03-01.",
        "Ship the billing export by 2027-02-01.",
        "Reduce travel spend, tracked monthly by the FP&A lead.",
        "See https://example.com/we-will-deliver for the 4 steps.",
        "Run `we_all_deploy` on 2027-01-05.",
        'Replace "we will reply soon" with the new text by 2027-03-01.',
        "In scope: all 62 UK stores and the Dublin flagship.",
        "The General Counsel will approve the charter by 2027-03-01.",
        "Employees may download their payslips from the HR portal.",
        "Customers can export their data at any time.",
        "People can download the report from the portal.",
        "Incidents are escalated to management within 2 hours.",  # a recipient and a time, no group acting
        "Anyone can raise an alert in the team channel.",
        "Stakeholders may read the minutes in the wiki.",
        "The team is expected at the Monday stand-up.",
        "New York and London offices close at 18:00.",
        "Maria leads the rollout; the team leads will meet every Monday.",
        "A lapse is named by the person who committed it, together with what they will do differently.",
        "Both take the two options to the CRO together, presented by each other.",
        "The team's backlog is groomed by Maria Chen every Monday.",
        "The team has 6 engineers in Lisbon.",
        "The monthly management reports are sent by Omar Haddad.",
        "Staff the front desk with 2 nurses every Sunday.",
        "The case system shall delete drafts after N days.",
        "They said the figures were wrong.",
        "The team leads approve each release.",
        "Keeps the tracker current and tells both partners within one working day.",
        "Omar checks the queue daily; if it grows past 40 tickets, they add a second agent.",
        "The two drafts are reviewed by each other before 2027-03-01.",
        "Whoever receives a complaint forwards it to Ana Ruiz within 4 working hours.",
        "Either of us may call a pause.",
        "Finance holds all 14 month-end management reports by 2027-03-01.",
        "Aisha's and Kenji's delivery leads export the timesheets on the first working day of each month.",
        "If two disagree, the CTO and CFO hear all positions together.",
        "The Platform team fixes the flaky tests.",
        "One of us, in turn by month, chairs the check-in.",  # the rota names whose turn it is
    ],
)
def test_passes(text: str, flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == []


def test_silent_when_the_item_names_its_owner(flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, "We will deliver a reporting layer.", TextContext(owned=True)) == []
    assert flagged_by(RULE, "We will deliver a reporting layer (owner: Li Wei).") == []


PARTNERS = TextContext(standing=True, partners=("maria", "Maria Chen", "daniel", "Dr Daniel Ortiz"))
"""An answer Maria Chen and Daniel Ortiz give together."""


@pytest.mark.parametrize(
    "text",
    [
        "We meet every Tuesday at 9:00.",
        "Maria and Daniel spend 1 hour on it every Friday.",
        "They disagree in private first, then agree on one message.",
        "They review the load at the June check-in and shift one workshop if needed.",
        "Both of us read the figures before the call.",
        "The two of us walk through one clinic every month.",
        "Both partners sign the summary.",
        "The agenda is set by us; we co-host the review.",
        "Maria Chen and Dr Ortiz will present the results together.",
        "Maria Chen and Daniel Ortiz will present the results together.",
        "Daniel or Maria calls the other the same day.",
        "It is up to us to raise a slipping date first.",
    ],
)
def test_the_partners_acting_together_is_the_practice_their_answer_asks_for(text: str, flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text, PARTNERS) == []
    assert flagged_by(RULE, text) != []  # anywhere else, the same words name no single owner


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Someone takes the notes at every check-in.", ["Someone"]),
        ("Somebody books the room.", ["Somebody"]),
        ("The team answers every partner email within 2 days.", ["The team"]),
        ("Management decides if we disagree twice.", ["Management"]),
        ("Stakeholders will hear of a surprise first.", ["Stakeholders"]),
        ("Everyone attends the Monday stand-up.", ["Everyone"]),
        ("TBD will chair the check-in.", ["TBD"]),
        ("The renegotiation will be approved by the business.", ["the business"]),
        ("Maria and Li meet every Friday.", ["Maria and Li"]),
        ("Maria and the Finance team will review the rota.", ["Maria and the Finance team"]),
        ("Maria Chen and Daniel Moore will present the results.", ["Maria Chen and Daniel Moore"]),
        ("The team meets on Monday and they review the figures.", ["The team", "they"]),
        ("One of us books the room for each check-in.", ["One of us"]),  # one partner, unnamed: no owner
        ("The team may revisit the terms if things change significantly.", ["The team"]),
        ("Whoever is free chairs the check-in.", ["Whoever is free"]),
    ],
)
def test_anyone_else_is_named_in_the_partners_answer(text: str, expected: list[str], flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text, PARTNERS) == expected


def test_the_relationship_answers_of_an_agreement_are_the_partners(load_text: LoadText) -> None:
    text = """agreed: 1
id: demo
title: Demo agreement
status: draft
parties:
  - id: maria
    name: Maria Chen
  - id: daniel
    name: Daniel Ortiz
    commits: We answer every email within one working day.
relationship:
  routine: We meet every Tuesday at 9:00. Maria and Daniel spend 1 hour on it every Friday.
  disagreement: They disagree in private first, then agree on one message. Someone from HR mediates.
"""
    problems = [problem for problem in lint_document(load_text(text), rules=[RULE]) if problem.rule == "A206"]
    assert [(problem.line, problem.col, problem.message.split('"')[1]) for problem in problems] == [
        (10, 14, "We"),
        (13, 76, "Someone from HR"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "We will deliver.",
            '"We" is a collective or placeholder actor: name the one person, role or unit who owns this',
        ),
        (
            "Maria and Li will own it.",
            '"Maria and Li" makes several actors own one commitment: name one owner and list the others as helpers',
        ),
    ],
)
def test_messages(text: str, message: str) -> None:
    assert isinstance(RULE, TextRule)
    assert [span.message for span in RULE.check(text, TextContext())] == [message]
