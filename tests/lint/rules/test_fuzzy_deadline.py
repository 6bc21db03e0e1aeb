"""T301 fuzzy-deadline: deadlines that name a period, a relative time or an undated event."""

from __future__ import annotations

import datetime
import itertools
import json
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from agreed.cli import main
from agreed.lint.rule import Category, TextContext, TextRule
from agreed.lint.rules.fuzzy_deadline import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from pathlib import Path

    from conftest import FlaggedBy, RuleIdentity


def test_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("T301", "fuzzy-deadline", Category.TIME, Severity.WARNING)


@pytest.mark.parametrize(("text", "expected"), [
    ("Reduce churn by Q4.", ["by Q4"]),
    ("Launch in Q3 2027.", ["in Q3 2027"]),
    ("Ship by end of Q3 2027.", ["by end of Q3 2027"]),
    ("Hire 3 engineers in H2.", ["in H2"]),
    ("Close the books by end of year.", ["by end of year"]),
    ("Close the books by the end of the quarter.", ["by the end of the quarter"]),
    ("Close the books by EOY.", ["EOY"]),
    ("Ship by the end of 2027.", ["the end of 2027"]),
    ("Ship in March 2027.", ["in March 2027"]),
    ("Ship by 2027-03.", ["2027-03"]),
    ("Ship in FY27.", ["in FY27"]),
    ("Ship next week and review next quarter.", ["next week", "next quarter"]),
    ("Ship this quarter.", ["this quarter"]),
    ("Ship by the summer.", ["by the summer"]),
    ("Ship early 2027.", ["early 2027"]),
    ("Ship mid-March.", ["mid-March"]),
    ("Ship by mid-year.", ["by mid-year"]),
    ("Ship soon.", ["soon"]),
    ("Ship shortly.", ["shortly"]),
    ("Ship later.", ["later"]),
    ("Ship later this year.", ["later this year"]),
    ("Ship in the coming weeks.", ["in the coming weeks"]),
    ("Ship next Monday.", ["next Monday"]),
    ("Ship by Friday.", ["by Friday"]),
    ("Ship tomorrow.", ["tomorrow"]),
    ("Respond within two weeks.", ["within two weeks"]),
    ("Ship in due course.", ["in due course"]),
    ("Ship eventually.", ["eventually"]),
    ("Ship at a later date.", ["at a later date"]),
    ("Respond promptly and in a timely manner.", ["promptly", "in a timely manner"]),
    ("Deliver on time, without undue delay.", ["on time", "without undue delay"]),
    ("Ship in time for the audit.", ["in time for the audit"]),
    ("Ship in time for the demo.", ["in time for"]),
    ("Ship by the next release.", ["by the next release"]),
    ("Ship before launch.", ["before launch"]),
    ("Ship by go-live.", ["by go-live"]),
    ("Ship before the holidays.", ["before the holidays"]),
    ("Ship by the end of the pilot.", ["by the end of the pilot"]),
    ("Ship after the reorg.", ["after the reorg"]),
    ("Ship 30 days after go-live.", ["30 days after go-live"]),
    ("Send the survey 3 fortnights after launch.", ["3 fortnights after launch"]),
    ("Send the survey a fortnight before go-live.", ["a fortnight before go-live"]),
    ("Ship during the rollout.", ["during the rollout"]),
    ("Send the recap after the campaign wraps.", ["after the campaign wraps"]),
    ("Ship by <date>.", ["by <date>"]),
    ("Deadline: TBD", ["Deadline: TBD"]),
    ("Marketing will deliver X by Y.", ["by Y"]),
    ("We will get to it at some point.", ["at some point"]),
    ("Issue the statements shortly after month-end.", ["shortly after month-end"]),
    ("Start the weekly digest starting soon.", ["starting soon"]),
    ("Pilot it in two wards later in the year.", ["later in the year"]),
    ("Send the survey within 2 weeks after launch.", ["within 2 weeks after launch"]),
    ("Stay on call through the ERP go-live.", ["through the ERP go-live"]),
    ("Agree the budget by the next steering review.", ["by the next steering review"]),
    ("Launch in the first half of 2027.", ["in the first half of 2027"]),
    ("Kick off in the new financial year.", ["in the new financial year"]),
    ("Add the export in a later phase.", ["in a later phase"]),
    ("Share the numbers at the next check-in.", ["at the next check-in"]),
    ("Run a lessons-learned review post-launch.", ["post-launch"]),
    ("Send the deck before the next board and the slides before the QBR.", ["before the next board", "before the QBR"]),
    ("Share the numbers before the budget cycle, ahead of peak season.",
     ["before the budget cycle", "ahead of peak season"]),
    ("Close the pilot by the next townhall.", ["by the next townhall"]),
    ("Hit the target by the end of the fiscal.", ["by the end of the fiscal"]),
    ("Draft the spec within the sprint and move the servers over the weekend.",
     ["within the sprint", "over the weekend"]),
    ("Fix it in the longer term; ship the rest in the months ahead.", ["in the longer term", "in the months ahead"]),
    ("Train the staff in the run-up to launch.", ["in the run-up to launch"]),
    ("Publish it on launch day, or around launch.", ["on launch day", "around launch"]),
    ("Present it the week after next.", ["the week after next"]),
    ("Finish the curriculum by the new academic year.", ["by the new academic year"]),
    ("Hit the target by quarter two.", ["by quarter two"]),
    ("Finish it by the open day, before the busy period.", ["by the open day", "before the busy period"]),
    ("Raise it before the next funding round or the election.", ["before the next funding round"]),
    ("Decide by the go/no-go meeting.", ["by the go/no-go meeting"]),
    ("Finish it by sprint 3, the rest in release 2.", ["by sprint 3", "in release 2"]),
    ("Submit the plan prior to commencement and mobilise after contract award.",
     ["prior to commencement", "after contract award"]),
    ("Send it by the 15th, the slides by lunchtime and the rest this afternoon.",
     ["by the 15th", "by lunchtime", "this afternoon"]),
    ("Send it within a fortnight, before the weekend.", ["within a fortnight", "before the weekend"]),
    ("Send it after the summer break, no later than Q3.", ["after the summer break", "no later than Q3"]),
    ("By COB, send the draft; ship the fix shortly thereafter.", ["By COB", "shortly thereafter"]),
    ("Hand over the runbook within 10 days of kickoff.", ["within 10 days"]),
    ("Retire the old CRM before launch and send the pack on 2027-03-01.", ["before launch"]),
    ("Ship the forecast for all 80 branches in Q2 2027.", ["in Q2 2027"]),
    ("2. Migrate billing soon", ["soon"]),  # a numbered imperative, not a heading
    ("Omar will notify Li of a breach without undue delay.", ["without undue delay"]),  # "breach" ends in "each"
    ("The developer will fix it soon.", ["soon"]),  # "developer" ends in "per"
    ("Li will send the figures when they become available.", ["when they become available"]),  # happens once
])
def test_fires(text: str, expected: list[str], flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == expected


@pytest.mark.parametrize("text", [
    "Ship the billing export by 2027-02-01.",
    "Ship the billing export on 31 March 2027.",
    "Ship the billing export by March 31, 2027.",
    "Ship the billing export by 31 March.",
    "Publish daily, weekly, monthly and quarterly reports.",
    "Review it every Monday and on Fridays.",
    "Publish the board pack by the 5th business day of each month.",
    "Run the audit in the first week of each quarter.",
    "Reply within 5 working days of each request.",
    "Acknowledge each Sev-1 page within 15 minutes.",
    "Delete the data within 30 days of contract termination.",
    "Run a 6-week pilot starting 2027-03-01.",
    "Report within 30 days of 2027-01-15.",
    "Send it by COB on 2027-02-12.",
    "Send it on Friday 2027-03-05.",
    "Raise the Q1 2027 win rate from 21% to 26% by 2027-04-05.",
    "The Q3 2027 promotion committee meets on 2027-09-14.",
    "Review all 37 falls reported in 2026 by 2027-02-09.",
    "Report the no-show rate per clinic for July 2025.",
    "Li may send the draft; no later than 2027-01-10.",
    "Finish the works as soon as practicable.",
    "Report in every quarter of 2027, on the 10th of the following month.",
    "Read https://example.com/q3-soon-next-week by 2027-01-10.",
    "Set `deadline=Q3` and `eta=soon` on 2027-01-05.",
    'Replace the banner "We will reply soon" with "We reply within 2 business days" by 2027-03-01.',
    "Log zero data-loss incidents in May 2027.",
    "Make search 10% faster than in release 3.9 and no slower than in 2026.",
    "Attend all 6 fortnightly steering calls in Q1 2027.",
    "Close every P1 defect before release 5.0 ships on 2027-03-01.",
    "Keep the on-call list until the new one is approved.",
    "Countersign within 5 days of contract signature.",
    "Li will send the figures by 2027-03-01, or once they are available.",
    "Li will report availability for each calendar month by the 5th working day of the next month.",
    "If availability falls below 99.95%, Omar will credit 10% of that month's fee by the 10th of the next month.",
])
def test_passes(text: str, flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Roll out the intranet once procurement signs off.", ["once procurement signs off"]),
    ("Migrate the archive once storage is available.", ["once storage is available"]),
    ("Release the annual report when the figures are final.", ["when the figures are final"]),
    ("Keep the legacy tool until the migration is complete.", ["until the migration is complete"]),
    ("Delete the staging data as soon as the contract is signed.", ["as soon as the contract is signed"]),
    ("Migrate the archive by the time we launch.", ["by the time we launch"]),
    ("Publish the catalogue once ready.", ["once ready"]),
    ("Move the office before the lease runs out.", ["before the lease runs out"]),
    ("Publish the results when the survey closes.", ["when the survey closes"]),
    ("Start the hiring after the budget is approved.", ["after the budget is approved"]),
    # the duration counts from the condition, which is the one finding
    ("When the budget is approved, Finance releases funds within 2 working days.", ["When the budget is approved"]),
])
def test_an_undated_condition_as_the_deadline_fires(text: str, expected: list[str], flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == expected


@pytest.mark.parametrize("text", [
    "Notify the customer when orders are shipped.",  # a kind of event: each order starts it again
    "Alert the on-call engineer when the queue detects a stall.",  # "when" with an action verb: a trigger
    "Go live once legal signs off, no later than 2027-03-01.",  # the calendar day is the deadline
    "The system shall let the clerk edit an amount until the batch is closed.",  # a system's behaviour per batch
    "Run the job once a day and retry only once.",
    "Reply when possible.",
    "When the window closes, the portal locks the form.",  # a system's behaviour for every window
    "Reply when each survey closes.",
    "Refunds are processed once the returned item is inspected, within 5 working days.",  # each item's event
    "Discounts apply until the order is shipped.",  # how long a state holds
    "The price is fixed until the contract is renewed.",
    "The form is ready when all 12 fields are filled.",
    "Around 20 people join the call.",
    "Long-term partners get a discount.",
    "Short-term sick leave is covered by the team.",
    "The system shall lock the account immediately after the 5th failed attempt.",
    "Keep the old server until we have a replacement in place on 2027-05-01.",
    "Keep the old server until we have a replacement.",  # a state, not one event
])
def test_a_condition_that_recurs_or_is_dated_passes(text: str, flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Publish weekly notes going forward.", ["going forward"]),
    ("From now on, log each change in the register.", ["From now on"]),
    ("Deliver short-term savings in procurement.", ["short-term"]),
    ("Flag risks to the plan early.", ["early"]),
    ("Warn the sponsor early if the budget is at risk.", ["early"]),
    ("Escalate outages immediately.", ["immediately"]),
    ("Revoke access immediately on termination.", ["immediately"]),
    ("Answer the auditor's letter within a reasonable time.", ["within a reasonable time"]),
    ("The bidder shall mobilise within a short timeframe.", ["within a short timeframe"]),
    ("Deliver the report by the agreed date, within the agreed timeframe.",
     ["by the agreed date", "within the agreed timeframe"]),
    ("Hand over at the right time.", ["at the right time"]),
    ("The Contractor shall remedy defects forthwith.", ["forthwith"]),
    ("The Supplier shall respond with reasonable dispatch.", ["with reasonable dispatch"]),
    ("The Supplier shall provide the report at the earliest possible date.", ["at the earliest possible date"]),
])
def test_open_ended_timing_fires(text: str, expected: list[str], flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == expected


@pytest.mark.parametrize("text", [
    "Going forward with the merger is the board's decision.",
    "Offer short-term loans to staff.",
    "Arrive at the venue 15 minutes early.",
    "Report progress as early as the data allows.",
    "Deliver the report on the agreed date of 2027-03-01.",
    "Move the early-warning dashboard to the new server on 2027-02-01.",
])
def test_timing_words_in_another_sense_pass(text: str, flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == []


@pytest.mark.parametrize("text", [
    # trigger clocks: each member of a set, each arriving item, or a condition starts the clock
    "Answer every billing question in #support within 4 working hours.",
    "Reply to email within 1 business day and to live chat within 2 minutes.",
    "Send a renewal reminder 60 days before each lease ends.",
    "Post planned absences to the team calendar at least 3 weeks before they start.",
    "If a deployment fails, the on-call engineer rolls it back within 20 minutes.",
    "Should the primary site go down, the provider fails over within 5 minutes.",
    "I will alert the sponsor within 1 working day when I spot a risk to the launch.",
    "Restore 95 % of affected meters within 2 hours of a fault and the rest within 8 hours.",
    "Claims are due within 30 days of the end of the month in which the outage occurred.",
    "On receipt of a complaint, the ombudsman replies within 20 working days.",
    "Disputes go to Ana and Li, who decide within 5 working days.",
    "Team members reply to Slack mentions within 4 working hours.",
    "We keep the build green; a broken build is fixed or reverted within 1 hour.",
    "Decisions are recorded in the decision log within 2 working days of the meeting.",
    "We meet every Monday at 10:00 and post updates in #ops by Friday noon.",
    "Finance pays approved expense claims in the next payroll run after approval.",
    "The squad coaches each integrator during its onboarding.",
    "The mentor meets each apprentice for 30 minutes every two weeks during the first year.",
    "The PMO reports to the sponsor monthly, within 3 working days after month-end.",
    "Each store manager submits the stock count by 10:00 on the first working day after month-end.",
    "Contracts over EUR 50,000 are approved by the CFO within 3 working days.",
    "The vendor confirms receipt within 1 working day.",
    "Our SLA: P1 response in 15 minutes, P2 in 4 hours, P3 in 2 business days.",
    "The batch job shall complete within 2 hours and the dashboard shall refresh within 10 minutes.",
    "Customers may cancel within 14 days.",  # a right of each customer, from their own start
    # a duration counted from a dated event
    "Finish the fit-out before the 2027-09-01 start of term.",
    "The new CRM goes live on 2027-04-01; training ends 2 weeks before go-live.",
    "Train the call-centre staff within 5 working days after the launch on 2027-04-01.",
    "Remove the scaffolding within 10 working days after practical completion (2027-09-17).",
    "Train the agents within 3 days after go-live, planned for 2027-06-01.",
    "Train the agents within 3 days after go-live (scheduled 2027-06-01).",
    "Train the agents in the week before go-live (go-live: 2027-06-01).",
    "The vendor keeps 2 spare units on site through the 2027 peak (2027-11-15 to 2027-12-31).",
    "Warehouse staff work 4 extra hours a week during peak, from 2027-11-15 to 2027-12-31.",
    "Members vote at the AGM on the first Saturday of March.",
    # rate windows
    "Lock the account after 3 failed sign-ins within 10 minutes.",
    "Count a user as active with at least one visit in 30 days.",
    "Spend at most EUR 20,000 in 2027 on contractors.",  # a cap over a year
    "During 2027, the team keeps P1 response under 15 minutes.",  # a span with both ends
    # dates that describe, and "by" naming who acts
    "Summarise the feedback of the 2026-10 staff survey for the board.",
    "The scope covers the 14 dashboards retired in 2026.",
    "Survey the 60 starters joining in 2027 with the 5-point onboarding form.",
    "Close the gaps found by the pilot users.",
    "Changes approved by the steering committee take effect on 2027-03-01.",
    "The plan was signed off by the board.",
    "The budget will be approved by the steering committee.",
    "Maria keeps churn under 3 %, checked by the Finance audit.",  # an examination that acts
    "The contract is signed off by the Legal review.",
    # a window a level is held or a statistic is taken over, and the year of a figure a set is ranked by
    "PagerDuty shows time-to-resolve under 30 minutes for every P1 incident in 2031.",
    "Lowest monthly availability of the Payments API in 2031.",
    "Share of the top 10 accounts (by 2030 ARR) live on the new importer.",
    # an event of each item's own
    "Each forecast is in the sheet at least 30 days before its event.",
    # the agreement's own term, a cadence, a start condition with a dated deadline
    "Prices stay fixed for the duration of the contract.",
    "Raise blockers at the monthly review.",
    "Run a fire drill twice a year, in spring and autumn.",
    "Every year, renew the insurance in January.",
    "Pay the rent on the 1st of each month.",
    "Take a break after 2 hours of driving.",
    "Share the numbers at the weekly check-in.",
    "Complete the pre-launch checklist.",  # "pre-launch" names the checklist
    "Store the session data in H2 tables.",  # a code that names the noun after it
    "Approved by Y. Smith on 2027-01-04.",  # an initial
    "Sort the list by N.",
    "Finish it by milestone 2 (2027-04-30).",
    "Phase 2 starts after the phase 1 gate review on 2027-05-03.",
    "Raise on time delivery from 82 % to 95 % by 2027-12-31.",  # "on time" names the measure
    "Keep 95 % of trains on time, measured monthly.",  # punctuality, measured
    "Following the Q1 review, Finance will present 3 options to the CFO by 2027-05-05.",
    # asides: a risk, a purpose
    "Risk: demand may exceed supply during the summer peak.",
    "As a tenant, I want online payment so that I can pay rent quickly.",
])
def test_a_time_that_is_not_the_deadline_passes(text: str, flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Complete the fixes on the booking pages within two weeks.", ["within two weeks"]),  # one set, not arrivals
    ("Send the notice 90 days before the contract ends.", ["before the contract ends"]),  # one undated end
    ("Review the tool after it launches.", ["after it launches"]),  # a pronoun without an offset: one event
    ("Ship the fix by the pilot.", ["by the pilot"]),
    ("Book the venue by the launch date.", ["by the launch"]),
    ("Ship the module after approval.", ["after approval"]),
    ("Hire 5 engineers in 2027.", ["in 2027"]),
    ("Run the review every quarter and finish the audit by Q3.", ["by Q3"]),
    ("Renew the insurance in January.", ["in January"]),
    ("Keep spare units on site through the 2027 peak.", ["through the 2027 peak"]),
    ("Ship by Q3, and report on 2027-10-05.", ["by Q3"]),  # the day dates the report, not the shipping
    ("Hire 3 engineers in H2 2027 across the two sites.", ["in H2 2027"]),
    ("The new portal will launch within 6 months.", ["within 6 months"]),  # one event  # one module's approval, undated
    ("Training ends 2 weeks before go-live.", ["2 weeks before go-live"]),  # dated nowhere in the statement
    ("Close the books within 5 days after month-end.", ["within 5 days after month-end"]),  # no cadence: one month
    ("Each team delivers its plan by month-end.", ["by month-end"]),  # which month?
    ("Process improvements are delivered within 6 months.", ["within 6 months"]),
    ("Li may send the draft within 2 weeks.", ["within 2 weeks"]),  # a hedge of the committing actor, not a right
    ("Deliver the P2 design within two weeks.", ["within two weeks"]),  # "P2" names a design, not a ticket class
    ("The plan is finished by the audit.", ["by the audit"]),  # finishing is no examining: the audit times it
    ("The report will be checked by the next review.", ["by the next review"]),  # one occasion, not who checks
    ("Cut churn to under 3 % in 2031.", ["in 2031"]),  # a level reached, not held
    ("Keep churn under 3 % by 2031.", ["by 2031"]),
    ("Migrate the top 10 accounts by 2030.", ["by 2030"]),  # no figure after the year
    ("Deliver the forecast 30 days before its event.", ["30 days before its event"]),  # one forecast's one event
])
def test_one_undated_event_still_fires(text: str, expected: list[str], flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == expected


def test_messages_say_what_kind_of_time_it_is() -> None:
    assert isinstance(RULE, TextRule)
    messages = [span.message for span in RULE.check("Ship by Q3 or soon, after the reorg.", TextContext())]
    assert messages == [
        '"by Q3" is a period, not a day: give the calendar day it ends on, as YYYY-MM-DD',
        '"soon" is relative to when it was written: give the calendar day',
        '"after the reorg" is an undated event: give the calendar day it falls on',
    ]


_WORDS = st.text(alphabet=st.characters(codec="ascii", categories=("L", "N", "P", "Zs")), max_size=100)
_NOUNS = st.sampled_from(["request", "ticket", "order", "question", "contract", "store", "invoice", "lease", "page"])


@given(_WORDS)
def test_findings_lie_in_order_inside_the_text(text: str) -> None:
    assert isinstance(RULE, TextRule)
    spans = list(RULE.check(text, TextContext()))
    assert all(0 <= span.start < span.end <= len(text) for span in spans)
    assert all(first.end <= second.start for first, second in itertools.pairwise(spans))


@given(st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2099, 12, 31)))
def test_a_calendar_day_is_never_fuzzy(day: datetime.date) -> None:
    assert isinstance(RULE, TextRule)
    for text in (f"Ship the export by {day.isoformat()}.", f"Ship it on {day:%d %B %Y}.",
                 f"Train the agents within 3 working days after the go-live on {day.isoformat()}."):
        assert list(RULE.check(text, TextContext())) == [], text


@given(_NOUNS, st.integers(min_value=1, max_value=400), st.sampled_from(["hours", "working days", "days", "weeks"]))
def test_a_clock_that_restarts_at_each_item_is_never_fuzzy(noun: str, count: int, unit: str) -> None:
    assert isinstance(RULE, TextRule)
    for text in (f"Handle every {noun} within {count} {unit}.", f"Send a notice {count} days before each {noun} ends."):
        assert list(RULE.check(text, TextContext())) == [], text


_STANDING = TextContext(standing=True)
_DATED = TextContext(dated=True)


@pytest.mark.parametrize("text", [
    # the partners' own meetings, at which the practice recurs
    "Priya reports the blocker count at the next check-in.",
    "Omar raises the overtime at the October check-in and moves one shift if it runs high.",
    "Both leads look at the load at the retro.",
    # the weekday of a routine, or a weekday that names the meeting
    "A short written summary goes out on Friday morning about what moved.",
    "A missed date is owned up to at the next Tuesday sync by the person who missed it.",
    # a window counted from each occurrence
    "Finance lists the invoices falling due in the next 14 days.",
    # a duration from the event the statement names before it
    "Either lead flags the slip in the tracker; both agree a new date within 3 working days.",
    "Either party sets status to renegotiating in a pull request and proposes a meeting; we meet within 5 working"
    " days.",  # one partner acts, the partners answer together, whatever they call themselves
    "Either party sets status to renegotiating in a pull request and proposes a meeting; both meet within 5 working"
    " days.",
    "The team that finds the defect files it in the tracker within one working day.",
    # a person answered: from each message of theirs, whether the number is a digit or a word
    "Answers Maria within 1 working day.",
    "Answers Maria within one working day.",
    "Replies to the other lead within 2 hours.",
    # how long a state is kept
    "Both sides keep the weekly call until the pilot is over.",
])
def test_a_standing_practice_is_timed_by_its_own_occasion(text: str, flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text, _STANDING) == []
    assert flagged_by(RULE, text) != []  # as the deadline of something delivered once, the same time is vague


@pytest.mark.parametrize(("text", "expected"), [
    ("Deal with such requests promptly as appropriate.", ["promptly"]),
    ("We sort out any friction soon.", ["soon"]),
    ("The leads compare notes at some point.", ["at some point"]),
    ("Both talk it over later.", ["later"]),
    ("Review the shared backlog by Q3.", ["by Q3"]),
    ("Pair up in the coming weeks.", ["in the coming weeks"]),  # a window of no stated length
    ("Meet before launch to agree the plan.", ["before launch"]),  # a milestone of the project, not the practice's
    ("Raise it at the next board meeting.", ["at the next board meeting"]),  # another body's meeting
    ("Send the summary next Monday.", ["next Monday"]),  # one Monday, no meeting named
    ("Deliver the migration plan within 6 weeks.", ["within 6 weeks"]),  # no event starts the clock
    ("Deliver the report within 1 working day.", ["within 1 working day"]),
    ("Respond to the audit findings within two weeks.", ["within two weeks"]),  # one set of things, answered once
    # a clause before ";" is no event of a duration whose clause does not take it up
    ("We ship the release notes on Fridays; we deliver the migration plan within 2 weeks.", ["within 2 weeks"]),
    ("We ship the release notes on Fridays; questions are answered within 2 days.", []),  # each question
    ("Keep the legacy tool until the migration is complete.", []),  # kept while the practice runs
])
def test_a_vague_time_in_a_standing_practice_still_fires(text: str, expected: list[str],
                                                         flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text, _STANDING) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Retain the current supplier until the new one is signed.", []),  # kept until its replacement comes
    ("Continue the existing rota until the revised one is agreed.", []),
    ("Keep the legacy tool until the migration is complete.", ["until the migration is complete"]),
])
def test_until_after_keeping_a_state_says_how_long_it_holds(text: str, expected: list[str],
                                                           flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Failure: fewer than 40 sign-ups for April to June 2027.", []),
    ("Count the missed appointments between April and June 2027.", []),
    ("Failure: the churn rate over October-December 2026 above 3 %.", []),
    ("Hit the target by June 2027.", ["by June 2027"]),  # one month as a deadline
])
def test_a_month_range_with_its_year_is_a_window(text: str, expected: list[str], flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("A short talk at the spring town hall, then a note to the sponsors.", []),
    ("Results are shown at the partner summit.", []),
    ("Ship the module before launch.", ["before launch"]),  # bounded by an event, not held at it
    ("Publish it soon after the review.", ["soon after the review"]),
    ("Train the staff in the run-up to launch.", ["in the run-up to launch"]),  # a bound too
])
def test_an_item_with_a_day_of_its_own_dates_the_event_it_happens_at(text: str, expected: list[str],
                                                                   flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text, _DATED) == expected
    if not expected:
        assert flagged_by(RULE, text) != []  # without the item's day, the event is undated


_MEETINGS = st.sampled_from(["check-in", "retro", "review", "catch-up", "meeting", "stand-up", "sync"])
_WHICH = st.sampled_from(["the", "the next", "the June", "the weekly", "our next"])


@given(_WHICH, _MEETINGS, st.sampled_from(["at", "by", "before", "after"]))
def test_the_partners_meeting_never_needs_a_day_in_a_standing_practice(which: str, meeting: str,
                                                                       preposition: str) -> None:
    assert isinstance(RULE, TextRule)
    text = f"Ana brings the figures {preposition} {which} {meeting}."
    assert list(RULE.check(text, _STANDING)) == [], text


@given(st.sampled_from(["promptly", "soon", "in a timely manner", "later", "eventually", "by Q3", "at some point"]))
def test_a_time_vague_in_itself_fires_in_a_standing_practice(phrase: str) -> None:
    assert isinstance(RULE, TextRule)
    assert len(list(RULE.check(f"Ana answers partner questions {phrase}.", _STANDING))) == 1


@pytest.mark.parametrize(("text", "expected"), [
    ("Publish the rota by Christmas 2027.", []),  # a holiday of a given year is a calendar day
    ("Publish the rota before Christmas Day 2027.", []),
    ("Publish the rota before Easter 2027.", []),  # Easter moves from year to year, not within one
    ("Publish the rota by Good Friday 2027.", []),
    ("Publish the rota by Thanksgiving 2027.", []),
    ("Publish the rota by Christmas.", ["by Christmas"]),  # which year's?
    ("Publish the rota before Easter.", ["before Easter"]),
    ("Publish the rota by Good Friday.", ["by Good Friday"]),
    ("Publish the rota by Thanksgiving.", ["by Thanksgiving"]),
])
def test_a_holiday_is_a_day_once_its_year_is_given(text: str, expected: list[str], flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a period that qualifies what is counted or held over it: the window of the count
    ("Li will keep Sev-1 incidents caused by releases at zero in 2032.", []),
    ("Li will keep Sev-1 incidents caused by releases at zero during 2032.", []),
    ("KR3: zero Sev-1 incidents caused by releases in 2032.", []),
    ("Median days to first transaction, merchants signed in Q1 2032", []),
    ("Monthly active merchants in December 2032", []),
    ("Share of calendar months in 2032 with Identity API availability at or above 99.95 %", []),
    ("Median time to acknowledge Sev-1 pages, all pages in H1 2032", []),
    # a period by which a set is to be done, or a level reached
    ("Get contracts signed in Q3 2032.", ["in Q3 2032"]),
    ("Maria finishes testing in Q3 2032.", ["in Q3 2032"]),
    ("Ship 40 features in Q3 2032.", ["in Q3 2032"]),
    ("Raise monthly active merchants to 5000 in Q3 2032.", ["in Q3 2032"]),
    ("Li will keep the rota at 5 people by Q3 2032.", ["by Q3 2032"]),
])
def test_a_period_that_qualifies_what_is_counted_is_a_window(text: str, expected: list[str],
                                                             flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # each member of a kind has its own event; an event recorded when it happens starts a clock
    ("Li will apply security patches within 7 days of their release.", []),
    ("Li will apply each security patch within 7 days of its release.", []),
    ("Once the contract is signed, Li will create the tenant within 2 working days.", []),
    ("Once the order is paid, Li will ship it within 2 days.", []),
    # one set and one release; a milestone of the work, which can be dated
    ("Li will apply the security patches within 7 days of their release.", ["within 7 days"]),
    ("Li will apply the patch within 7 days of its release.", ["within 7 days"]),
    ("Once the migration is complete, Li will train agents within 2 days.", ["Once the migration is complete"]),
    ("Once the plan is signed off, Li will train agents within 2 days.", ["Once the plan is signed off"]),
])
def test_a_duration_from_each_members_own_event_or_a_recorded_trigger(text: str, expected: list[str],
                                                                       flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Publish the rota by 1/3/2027.", "2027-03-01 read day first or 2027-01-03 month first"),
    ("Renew within 30 days of 02.04.2027.", "2027-04-02 read day first or 2027-02-04 month first"),
])
def test_a_day_in_numbers_that_reads_as_two_days_fires(text: str, expected: str) -> None:
    assert isinstance(RULE, TextRule)
    [span] = RULE.check(text, TextContext())
    assert expected in span.message
    assert "YYYY-MM-DD" in span.message


@pytest.mark.parametrize("text", [
    "Publish the rota by 31/03/2027.",  # no month 31: one day
    "Publish the rota by 03/31/2027.",
    "Publish the rota by 3/3/2027.",
    "Upgrade the agents to 4.2.10 by 2027-03-01.",
])
def test_a_day_in_numbers_that_reads_as_one_day_passes(text: str, flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == []
    assert flagged_by(RULE, text, _STANDING) == []


def test_answering_a_person_in_a_partys_commitments_through_agreed_lint(minimal_agreement: dict[str, Any],
                                                                        tmp_path: Path) -> None:
    maria, li = minimal_agreement["parties"]
    maria["commits"] = "Answers Li within 1 working day."
    li["commits"] = "Answers Maria's questions within one working day."
    minimal_agreement["results"]["deliverables"][0]["what"] = "Deliver the report within 1 working day"
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(minimal_agreement, indent=2), encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(path), "--no-cache", "--today", "2031-01-05"])
    fired = [line for line in result.output.splitlines() if f" {RULE.code} " in line]
    assert len(fired) == 1, result.output  # the one-off deliverable: nothing starts its clock
    assert '"within 1 working day"' in fired[0]
    assert path.read_text(encoding="utf-8").splitlines()[int(fired[0].split(":")[1]) - 1].strip().startswith('"what"')


@pytest.mark.parametrize("partners", ["both", "we", "Maria and Li"])
def test_the_partners_answering_one_partners_act_through_agreed_lint(partners: str, minimal_agreement: dict[str, Any],
                                                                     tmp_path: Path) -> None:
    minimal_agreement["relationship"] = {
        "renegotiation": {
            "signals": [],
            "how": "Either party sets status to renegotiating in a pull request and proposes a meeting; "
            f"{partners} meet within 5 working days.",
        },
    }
    minimal_agreement["results"]["deliverables"][0]["what"] = "Deliver the report within 5 working days"
    path = tmp_path / "renegotiation.json"
    path.write_text(json.dumps(minimal_agreement, indent=2), encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(path), "--no-cache", "--today", "2031-01-05"])
    fired = [line for line in result.output.splitlines() if f" {RULE.code} " in line]
    assert len(fired) == 1, result.output  # the one-off deliverable, not the partners' practice
    assert path.read_text(encoding="utf-8").splitlines()[int(fired[0].split(":")[1]) - 1].strip().startswith('"what"')


_COUNTED = TextContext(counted=True)


@pytest.mark.parametrize(("text", "expected"), [
    ("Active merchants in Q1 2032", []),  # what is counted, and over which window
    ("Revenue from new merchants in FY2032", []),
    ("Merchants live by December 2032", []),
    ("Active merchants in Q1", ["in Q1"]),  # which year's?
    ("Merchants onboarded next quarter", ["next quarter"]),  # moves with the day it is read
    ("Tickets closed before launch", ["before launch"]),
])
def test_a_period_with_its_year_in_what_is_counted_is_its_window(text: str, expected: list[str],
                                                                 flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text, _COUNTED) == expected
    if not expected:
        assert flagged_by(RULE, text) != []  # as a statement of its own, the same period reads as a deadline


def test_a_targets_metric_is_counted_through_agreed_lint(minimal_agreement: dict[str, Any], tmp_path: Path) -> None:
    minimal_agreement["celebration"] = {
        "targets": [
            {"id": "active", "metric": "Active merchants in Q1 2032", "target": 400},
            {"id": "signed", "metric": "Median days to first transaction, merchants signed next quarter", "target": 9},
        ],
    }
    minimal_agreement["results"]["deliverables"][0]["what"] = "Onboard 400 active merchants in Q1 2032"
    path = tmp_path / "targets.json"
    path.write_text(json.dumps(minimal_agreement, indent=2), encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(path), "--no-cache", "--today", "2031-01-05"])
    fired = sorted(line.split(" warning ")[1] for line in result.output.splitlines() if f" {RULE.code} " in line)
    assert fired == [  # the deliverable's period is its deadline; the metric's is the window of its count
        '"in Q1 2032" is a period, not a day: give the calendar day it ends on, as YYYY-MM-DD',
        '"next quarter" is relative to when it was written: give the calendar day',
    ], result.output
