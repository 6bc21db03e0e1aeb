"""V109 weak-commitment: hedges that turn a commitment into an intention."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agreed.lint.rule import Category
from agreed.lint.rules.weak_commitment import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import FlaggedBy, RuleIdentity


def test_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("V109", "weak-commitment", Category.WEAK_VERB, Severity.INFO)


@pytest.mark.parametrize(("text", "expected"), [
    ("Ops should publish a summary.", ["should"]),
    ("Ops may publish a summary.", ["may"]),
    ("Li might send a draft and could call Omar.", ["might", "could"]),
    ("We will try to share the forecast.", ["try to"]),
    ("Finance aims to close by day 5.", ["aims to"]),
    ("We hope to hire 3 engineers.", ["hope to"]),
    ("Legal intends to review it.", ["intends to"]),
    ("Ideally, Li sends a draft every Friday.", ["Ideally"]),
    ("Share the data where we can.", ["where we can"]),
    ("We plan to launch and expect to grow.", ["plan to", "expect to"]),
    ("Sales will aim for 40 demos.", ["aim for"]),
    ("Marketing would like to run 2 campaigns.", ["would like to"]),
    ("We will do our best.", ["do our best"]),
    ("May we deliver it on 2027-03-01?", ["May"]),
    ("The vendor will aim to answer every ticket within 1 day.", ["aim to"]),
    ("The project lead should approve each change within 2 days.", ["should"]),
    ("Each partner should name a contact by 2027-02-01.", ["should"]),
    ("We agree that Li may send the draft.", ["may"]),
    ("Li drafts the plan and may share it with Omar.", ["may"]),
    ("The monthly report should be sent to Finance.", ["should"]),
    ("The service attempts to reconnect and hopes to recover.", ["hopes to"]),
    ("We may raise a concern with Li at each check-in.", ["may"]),
    ("Drivers should take a break every 4 hours.", ["should"]),
    ("Customers should receive a reply within 1 day.", ["should"]),
    ("We will probably check in every Friday.", ["probably"]),
    ("Li may be able to review the draft.", ["may"]),
    ("As the project lead, I should send the plan by 2027-02-01.", ["should"]),
    ("Li may, if time allows, send a draft.", ["may"]),
    ("The vendor is expected to deliver the patch by 2027-03-01.", ["expected to"]),
    ("Li plans to send the figures on 2027-03-01.", ["plans to"]),
    ("Omar plans to publish the roadmap by 2027-05-01.", ["plans to"]),
    ("Finance ought to close the books by 2027-01-10.", ["ought to"]),
    ("Errors should be logged.", ["should"]),
    ("The database should be backed up nightly by Ops.", ["should"]),
    ("The server should be patched every month by the on-call engineer.", ["should"]),
    ("Kevin may send the report by 2027-03-01.", ["may"]),  # "Kevin" ends in "in", no month before "may"
    ("Our contractors may deliver the parts by 2027-03-01.", ["may"]),  # the party's own contractors: a hedge
    ("Several contractors may deliver the parts by 2027-03-01.", ["may"]),  # a determiner: no whole class
])
def test_fires(text: str, expected: list[str], flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == expected


@pytest.mark.parametrize("text", [
    "Ops will publish a summary within 2 business days of each Sev-1 incident.",
    "Either partner may end the agreement with 30 days' written notice.",
    "The Client may terminate with 30 days' written notice.",
    "Daniel brings the list of deals expected to close in the next 30 days.",
    "Li reviews the releases planned to ship in March 2027.",
    "Staff may not disclose salaries.",
    "Li will send the draft on 15 May 2027.",
    "Li will send the draft in May 2027.",
    "May 2027: Li sends the draft.",
    "Warn each other about anything that could delay the launch.",
    "Priya could not attend; Omar sends her the minutes on 2027-01-08.",
    "Should the launch slip, Li tells Maria within 1 day.",
    "Draft a plan to migrate the 4 services by 2027-02-01.",
    "Publish weekly and monthly, exactly on Mondays.",
    "See https://example.com/should-we for the 3 options.",
    "Set `may_retry` to false on 2027-01-05.",
    'Replace "we may reply" with "we reply within 2 days".',
    "The service should retry failed webhooks 3 times.",
    "The app may cache the token for 15 minutes.",
    "The payment API should return an error code within 200 ms.",
    "Customers may export their data as CSV.",
    "Users should sign in with single sign-on.",
    "You may cancel the subscription at any time.",
    "Delays may occur if the vendor ships late; Li tells Maria within 1 day.",
    "Li will fix every defect that may appear in the pilot.",
    "If the migration should slip, Omar tells the board within 1 day.",
    "Should the link fail, the router switches to the backup line within 5 s.",
    "There may be up to 3 releases a month.",
    "The client attempts to reconnect 3 times.",
    "Customers who wish to export their data use the portal.",
    "Flag potentially affected customers within 1 day.",
    "Note: clinicians may override an alert by entering a reason.",
    "Tenderers should note that the contract goes to the lowest bid.",
    "Should the Supplier wish to replace a subcontractor, it asks the Authority 30 days before.",
    "The WMS should support cross-docking of inbound pallets.",
    "The Authority may, at its discretion, extend the term by 12 months.",
    "Li may be on leave in August; Omar covers the 4 reviews then.",
    "Managers may approve expenses up to 500 EUR.",
    "The vendor may subcontract the work only with written approval.",
    "As a customer, I should be able to reset my password by e-mail.",
    "In case the pump should fail, the backup pump starts within 10 s.",
    "The parties may agree a different schedule in writing.",
    "The supplier may, with our written consent, use subcontractors.",
    "Risk: Li may leave in June. Mitigation: Omar shadows her from 2027-03-01.",
    "Assumption 2: the vendor could ship the 40 laptops in one batch.",
    "Omar owns the plan to publish the roadmap by 2027-05-01.",
    "The database should be backed up nightly.",
    "The public API should be versioned.",
    "Errors should be logged by the service.",
    "The export should be sent by email every Monday.",
    "Should the link be restored by Ops, Li tells Maria within 1 hour.",
    "Contractors may submit invoices.",  # a permission to a class of people
    "Staff may work remotely on Fridays.",
])
def test_passes(text: str, flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == []


_SYSTEMS = st.sampled_from(["The service", "The mobile app", "The payment API", "The portal", "Each server"])
_ACTORS = st.sampled_from(["Li", "Ops", "The vendor", "Our team", "Each partner", "The project lead", "We"])
_VERBS = st.sampled_from(["send", "retry", "publish", "log", "cache", "report", "archive"])
_OBJECTS = st.sampled_from(["each failed request", "the summary", "the token for 15 minutes", "3 times"])


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(system=_SYSTEMS, actor=_ACTORS, modal=st.sampled_from(["should", "may"]), verb=_VERBS, rest=_OBJECTS)
def test_a_modal_hedges_for_an_actor_and_not_for_a_system(
    system: str, actor: str, modal: str, verb: str, rest: str, flagged_by: FlaggedBy
) -> None:
    assert flagged_by(RULE, f"{system} {modal} {verb} {rest}.") == []
    assert flagged_by(RULE, f"{actor} {modal} {verb} {rest}.") == [modal]
    in_a_condition = actor.lower() if actor == "We" else actor
    assert flagged_by(RULE, f"If {in_a_condition} {modal} {verb} {rest}, Li tells Omar.") == []


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(system=_SYSTEMS, actor=_ACTORS.filter(lambda actor: actor != "We"), verb=st.sampled_from(["logged", "archived"]))
def test_a_passive_hedges_for_whoever_acts_in_it(system: str, actor: str, verb: str, flagged_by: FlaggedBy) -> None:
    agent = actor[:1].lower() + actor[1:] if " " in actor else actor  # "by the vendor", "by Li"
    assert flagged_by(RULE, f"{system} should be {verb} every week.") == []  # a specification of the system
    assert flagged_by(RULE, f"{system} should be {verb} every week by {agent}.") == ["should"]
    assert flagged_by(RULE, f"The invoices should be {verb} every week.") == ["should"]  # a hidden actor
    assert flagged_by(RULE, f"The invoices should be {verb} every week by {system.lower()}.") == []
