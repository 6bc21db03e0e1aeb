"""V103 escape-clause: clauses that let the committing party decide later whether the promise applies."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from agreed.lint.engine import check_statement
from agreed.lint.rule import Category, TextContext, TextRule
from agreed.lint.rules.escape_clause import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import FlaggedBy, RuleIdentity


def test_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("V103", "escape-clause", Category.VAGUENESS, Severity.WARNING)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Escalate blockers as appropriate.", ["as appropriate"]),
        ("Add reviewers as needed.", ["as needed"]),
        ("Ship the fix if possible.", ["if possible"]),
        ("Automate the report where feasible.", ["where feasible"]),
        ("Reuse components where possible.", ["where possible"]),
        ("Deliver the plan as soon as possible.", ["as soon as possible"]),
        ("Deliver the plan ASAP.", ["ASAP"]),
        ("Deliver the plan asap.", ["asap"]),
        ("Provide best effort support.", ["best effort"]),
        ("Use best efforts to reply.", ["best efforts"]),
        ("Migrate to the extent possible.", ["to the extent possible"]),
        ("Use reasonable efforts to keep it current.", ["reasonable efforts"]),
        ("Refresh the data when time permits.", ["when time permits"]),
        ("Add a second reviewer if needed.", ["if needed"]),
        ("Notify Legal as required.", ["as required"]),
        ("Book the room, subject to availability.", ["subject to availability"]),
        ("Run the pilot, resources permitting.", ["resources permitting"]),
        ("Reply as soon as practicable, where practical.", ["as soon as practicable", "where practical"]),
        ("Share the deck at our discretion.", ["at our discretion"]),
        ("Run the pilot when resources allow.", ["when resources allow"]),
        ("Refresh the data if budget is available.", ["if budget is available"]),
        ("Hire 2 analysts, subject to budget approval.", ["subject to budget approval"]),
        ("Open the office, subject to final board approval.", ["subject to final board approval"]),
        ("Encrypt the archive to the maximum extent possible.", ["to the maximum extent possible"]),
        ("Migrate to the fullest extent practicable.", ["to the fullest extent practicable"]),
        ("Li will make every effort to cut waiting times.", ["make every effort"]),
        ("Add retry logic if there is spare capacity.", ["if there is spare capacity"]),
        ("Give engineering resources as available.", ["as available"]),
        ("Add weekend cover depending on demand.", ["depending on demand"]),
        ("Open the second site, contingent on board approval.", ["contingent on board approval"]),
        ("Reduce exposure so far as is reasonably practicable.", ["so far as is reasonably practicable"]),
        ("Attach the logs where available and escalate as and when needed.", ["where available", "as and when needed"]),
        ("Priya will audit the ledger at Priya's discretion.", ["at Priya's discretion"]),
        ("The vendor fixes defects at its sole discretion.", ["at its sole discretion"]),
        ("Hand over the keys on 2027-04-01 unless otherwise agreed.", ["unless otherwise agreed"]),
        ("Set up the reports as discussed and the alerts as agreed.", ["as discussed", "as agreed"]),
        ("The agency will generate up to 25 referrals a quarter.", ["up to 25"]),
        ("3) Train support staff as needed", ["as needed"]),  # a numbered imperative, not a heading
        ("Ship the importer by 2027-03-01 unless priorities change.", ["unless priorities change"]),
        ("Ship it unless something urgent comes up.", ["unless something urgent comes up"]),
        ("Ship the importer by 2027-03-01, priorities permitting.", ["priorities permitting"]),
        ("Weather permitting, we hold the picnic on 2027-06-01.", ["Weather permitting"]),
        ("Ship the importer by 2027-03-01, capacity allowing.", ["capacity allowing"]),
        ("Ship the importer by 2027-03-01, barring emergencies.", ["barring emergencies"]),
        ("Ship the importer by 2027-03-01, pending approval.", ["pending approval"]),
        ("Ship the importer (tentatively) by 2027-03-01.", ["tentatively"]),
        ("Ship the importer by 2027-03-01 if all goes to plan.", ["if all goes to plan"]),
        ("Li reserves the right to cancel the pilot.", ["reserves the right to cancel"]),
        ("The vendor retains the right to quietly change the API.", ["retains the right to quietly change"]),
        ("Li may cancel the pilot at her discretion.", ["at her discretion"]),
        ("Li will review the draft when her calendar allows.", ["when her calendar allows"]),
        ("Li will review the draft if Li's schedule permits.", ["if Li's schedule permits"]),
        ("Add caching where it makes sense.", ["where it makes sense"]),
        ("Add caching wherever sensible.", ["wherever sensible"]),
        ("Ship the importer by 2027-03-01 if circumstances change.", ["if circumstances change"]),
        ("Fix every reported bug unless it is trivial.", ["unless it is trivial"]),
        ("Fix the reported bugs unless they seem minor.", ["unless they seem minor"]),
        ("Fix each reported bug unless it's cosmetic.", ["unless it's cosmetic"]),
        ("Exceptions aside, Li answers each ticket within 2 hours of its arrival.", ["Exceptions aside"]),
        ("Answer each ticket within 2 hours, with rare exceptions.", ["with rare exceptions"]),
        ("Answer each ticket within 2 hours except in exceptional cases.", ["except in exceptional cases"]),
    ],
)
def test_fires(text: str, expected: list[str], flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Escalate any blocker older than 2 business days to Ana Ruiz.",
        "Deliver the migration plan by 2027-02-15.",
        "Keep the records required by the 2026 data-retention policy.",
        "Report breaches as required under Article 33 within 72 hours.",
        "Publish weekly and monthly summaries, exactly as listed.",
        "Possible risks are listed in the register; the need for a second reviewer is decided by Li.",
        "See https://example.com/as-needed-checklist by 2027-01-10.",
        "Run the `retry_if_possible` job every 15 minutes.",
        'Run the "best effort" retry job every 15 minutes.',
        "Replace the 'as soon as possible' wording with a date.",
        "The rates are subject to the terms of the 2026 master agreement.",
        "Limit liability to the maximum extent permitted by law.",
        "Route batch jobs to the Best Effort tier.",
        "Use the templates as available in the 2026 catalogue.",
        "When available, the backup generator starts within 10 s.",
        "Depending on the outcome of test 3, Li ships v2 on 2027-03-01.",
        "3) Training as needed",  # a heading: no commitment to read
        "The fee is dependent on the number of seats in Table 4.",
        "The buyer may, at its discretion, extend the trial by 30 days.",
        "Price the extra seats as agreed in section 7 of the order form.",
        "Send the invoices monthly unless otherwise agreed in writing.",
        "Retry each failed upload up to 5 times.",
        "The queue holds up to 500 messages.",
        "Ship the importer by 2027-03-01 unless the client cancels the order.",
        "Publish a policy allowing remote work by 2027-03-01.",
        "Deliver the 40 chairs by 2027-03-01 unless Li cancels the order in writing by 2027-02-01.",
        "The client reserves the right to audit the ledger once a year.",
        "Li reserves the right to reduce the order by at most 10 units with 5 days' notice.",
        "The buyer may extend the trial by 30 days at its discretion.",
        "We will renegotiate the fee if circumstances change by more than 10%.",
        "If priorities change, Ana Ruiz re-plans the sprint within 2 business days.",
        "Fix every reported bug unless it is marked won't-fix by the product owner.",
        "Answer each ticket within 2 hours; the exceptions are listed in Annex B.",
        "Add caching where the p95 latency exceeds 300 ms.",
    ],
)
def test_passes(text: str, flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == []


def test_message() -> None:
    assert isinstance(RULE, TextRule)
    (span,) = RULE.check("Add reviewers as needed.", TextContext())
    assert span.message == (
        '"as needed" is an escape clause: state the condition that triggers the work, or commit without it'
    )


def test_time_left_open_has_its_own_message() -> None:
    assert isinstance(RULE, TextRule)
    (span,) = RULE.check("Deliver the plan ASAP.", TextContext())
    assert span.message.startswith('"ASAP" leaves the time to whoever owes the work: give a date')


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Answer each ticket within 2 hours of its arrival except in exceptional cases.",
         ("V103", "except in exceptional cases")),
        ("The plan runs to 10 pages, more or less.", ("V102", "more or less")),
    ],
)
def test_the_clause_is_said_once_by_the_rule_that_names_it(text: str, said: tuple[str, str]) -> None:
    findings = check_statement(text)
    assert [(finding.rule, text[finding.start : finding.end]) for finding in findings] == [said]
