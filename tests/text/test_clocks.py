"""The role a time phrase plays: a trigger clock, a dated anchor, a rate window, a description, an agent or an aside."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreed.text.clocks import (
    answers_someone,
    counts_from_dated_day,
    counts_from_named_event,
    dated_elsewhere,
    describes_a_set,
    grants_a_right,
    holds_by_itself,
    in_aside,
    in_purpose,
    is_cadenced,
    is_counted_window,
    is_measurement_window,
    is_occasion_of_practice,
    is_plural_generic,
    is_rate_window,
    is_routine_slot,
    kept_until,
    names_agent,
    ranks_by,
    restarts_each_time,
    serves_each_instance,
    specifies_behaviour,
    takes_up,
)
from agreed.text.sentences import mask

_PROSE = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=120)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Answer every question within 4 hours.", True),
    ("Acknowledge each page within 15 minutes.", True),
    ("If a build breaks, revert it within 30 minutes.", True),
    ("Should the link fail, switch within 5 minutes.", True),
    ("Tell me within a day when you see a risk.", True),
    ("Reply to email within 1 business day.", True),
    ("On receipt of a complaint, reply within 20 working days.", True),
    ("P1 response in 15 minutes, P2 in 4 hours.", True),
    ("Resolve Severity 2 incidents within 8 hours.", True),
    ("Deliver the P2 design within two weeks.", False),
    ("Resolve new tickets within 2 days.", True),
    ("Fix defects reported by users within 2 days.", True),
    ("Fix the booking pages within two weeks.", False),
    ("Deliver the report within two weeks.", False),
    ("Migrate the 40 tickets of the backlog within a month.", False),
])
def test_restarts_each_time(sentence: str, expected: bool) -> None:
    assert restarts_each_time(sentence) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("within 3 days after the go-live on 2027-06-01", True),
    ("within 10 days after practical completion (2027-09-17)", True),
    ("within 5 days of the 2027-03-31 launch", True),
    ("within 2 weeks after the launch, 3 March 2027", True),
    ("within 3 days after the go-live", False),
    ("within 3 days, then report on 2027-06-01", False),
])
def test_counts_from_dated_day(text: str, expected: bool) -> None:
    duration_end = text.index(" days") + len(" days") if " days" in text else text.index(" weeks") + len(" weeks")
    assert counts_from_dated_day(text, duration_end) is expected


@given(st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2099, 12, 31)),
       st.sampled_from(["go-live", "launch", "contract award", "handover"]))
def test_any_iso_day_after_the_anchor_dates_it(day: datetime.date, event: str) -> None:
    text = f"within 5 working days after the {event} on {day.isoformat()}."
    assert counts_from_dated_day(text, len("within 5 working days"))


@pytest.mark.parametrize(("before", "expected"), [
    ("Lock the account after 5 consecutive failed attempts ", True),
    ("A user is active with at least one login ", True),
    ("Page the team when more than 3 errors ", True),
    ("Spend at most EUR 20,000 ", True),
    ("Hire 3 engineers ", False),
    ("Deliver 2 reports ", False),
])
def test_is_rate_window(before: str, expected: bool) -> None:
    assert is_rate_window(before) is expected


@pytest.mark.parametrize(("before", "expected"), [
    ("the 11 reports retired ", True),
    ("across the 60 starters joining ", True),
    ("all 37 falls reported ", True),
    ("The portal launched ", False),
    ("Ship the report ", False),
    ("KR3: zero Sev-1 incidents caused by releases ", True),  # a count of none, with what caused them
    ("Median days to first transaction, merchants signed ", True),  # a plural with no determiner
    ("Get contracts signed ", False),  # a result to bring about
    ("Maria finishes testing ", False),  # a verb and its object
    ("Ship 40 features ", False),  # no participle: the set is what is due
])
def test_describes_a_set(before: str, expected: bool) -> None:
    assert describes_a_set(before) is expected


@pytest.mark.parametrize(("before", "term", "expected"), [
    ("Fix the defects reported ", "by the pilot customers", True),
    ("Changes approved ", "by the steering committee", True),
    ("The migration will be completed ", "by go-live", False),
    ("Ship the fix ", "by the pilot", False),
    ("Changes approved ", "by the release", False),
    ("The budget will be approved ", "by the steering committee", True),  # a body acts in a finite passive too
    ("Maria keeps churn under 3 %, checked ", "by the Finance audit", True),  # an examination examines
    ("The contract is signed off ", "by the Legal review", True),
    ("The plan is finished ", "by the audit", False),  # finishing is no examining: the audit times it
    ("The report will be checked ", "by the next review", False),  # one occasion
    ("Ship the fix ", "by the Legal review", False),  # no participle
])
def test_names_agent(before: str, term: str, expected: bool) -> None:
    assert names_agent(before, term) is expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Risk: volumes may exceed forecast during the peak.", True),
    ("Reservation 2: the team may lack capacity in Q2.", True),
    ("- Assumption: the vendor ships in Q3.", True),
    ("Mitigation: book 20 agency staff by 2027-11-15.", False),
    ("Ship the risk register by Q3.", False),
])
def test_in_aside(sentence: str, expected: bool) -> None:
    assert in_aside(sentence) is expected


def test_in_purpose() -> None:
    assert in_purpose("I want a fast checkout so that I can pay ")
    assert in_purpose("Cache the token in order to answer ")
    assert not in_purpose("Ship the checkout ")


def test_serves_each_instance() -> None:
    assert serves_each_instance("during its onboarding")
    assert serves_each_instance("throughout their trial")
    assert not serves_each_instance("during the rollout")


@pytest.mark.parametrize(("words", "expected"), [
    ("customers", True),
    ("new hires", True),
    ("the figures", False),
    ("legal", False),
    ("the contract", False),
])
def test_is_plural_generic(words: str, expected: bool) -> None:
    assert is_plural_generic(words) is expected


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("The system shall let the clerk edit an amount until the batch is closed.", "until", True),
    ("The portal will hide the form once the window is closed.", "once", True),
    ("The dashboard will be published once data is available.", "once", False),
    ("Li will publish the dashboard once data is available.", "once", False),
    ("When the window closes, the portal locks the form.", "When", True),
    ("When the survey closes, Ana publishes the results.", "When", False),
])
def test_specifies_behaviour(text: str, word: str, expected: bool) -> None:
    assert specifies_behaviour(mask(text), text.index(word)) is expected


@given(_PROSE)
def test_each_question_answers_on_any_text(text: str) -> None:
    masked = mask(text)
    answers = [
        restarts_each_time(text), is_rate_window(text), describes_a_set(text), in_aside(text), in_purpose(text),
        serves_each_instance(text), is_plural_generic(text), names_agent(text, text),
        counts_from_dated_day(text, len(text) // 2), specifies_behaviour(masked, len(masked) // 2),
    ]
    assert all(isinstance(answer, bool) for answer in answers)


@given(_PROSE, _PROSE)
def test_each_member_of_a_set_restarts_the_clock_wherever_it_stands(before: str, after: str) -> None:
    assert restarts_each_time(f"{before} each {after}")


@pytest.mark.parametrize(("text", "event", "expected"), [
    ("The CRM goes live on 2027-04-01; training ends before go-live.", "go-live", True),
    ("The launch (2027-05-03) follows the beta.", "launch", True),
    ("Ship the SDK after the launch, 3 May 2027.", "launch", True),
    ("Training ends before go-live on the ward.", "go-live", False),
    ("Go live after the audit on 2027-04-01.", "launch", False),
])
def test_dated_elsewhere(text: str, event: str, expected: bool) -> None:
    assert dated_elsewhere(text, event) is expected


def test_is_cadenced() -> None:
    assert is_cadenced("Report monthly, within 3 days after month-end.")
    assert not is_cadenced("Report within 3 days after month-end.")


def test_grants_a_right() -> None:
    text = "Customers may cancel within 14 days."
    assert grants_a_right(mask(text), text.index("within"))
    text = "Li may send the draft within 2 weeks."
    assert not grants_a_right(mask(text), text.index("within"))


@pytest.mark.parametrize(("event", "expected"), [
    ("at the next check-in", True),
    ("at the March check-in", True),
    ("by the next retro", True),
    ("before the weekly meeting", True),
    ("at the next board meeting", False),  # another body's meeting
    ("by the steering review", False),
    ("at the kick-off meeting", False),  # one meeting of the project
    ("before the final review", False),
    ("at the revenue all-hands", False),
    ("before launch", False),
])
def test_is_occasion_of_practice(event: str, expected: bool) -> None:
    assert is_occasion_of_practice(event) is expected


def test_is_routine_slot() -> None:
    assert is_routine_slot("on Thursday")
    assert is_routine_slot("by Fri")
    assert not is_routine_slot("next Thursday")
    assert not is_routine_slot("this Friday")


@pytest.mark.parametrize(("term", "expected"), [
    ("in the next 14 days", True),
    ("over the past two weeks", True),
    ("within the next 5 working days", True),
    ("in the coming weeks", False),  # no length
    ("in the next few days", False),
])
def test_is_counted_window(term: str, expected: bool) -> None:
    assert is_counted_window(term) is expected


@pytest.mark.parametrize(("before", "expected"), [
    ("Either lead marks the plan as at risk; both meet ", True),  # the clause before names the event
    ("The lead who hears of the outage phones the other ", True),  # a subject defined by an event
    ("Any invoice disputed goes to Finance, which replies ", True),
    ("Whoever spots it tells the other lead ", True),
    ("Deliver the migration plan ", False),
    ("The two leads meet ", False),
    ("Answers Maria ", True),  # each message from the person answered
    ("One lead marks the plan at risk; the plan is reviewed ", True),  # the plan named again
    ("A partner flags a blocker; we discuss it ", True),
    ("We ship the release notes on Fridays; we deliver the migration plan ", False),  # nothing taken up
    ("The lead who hears of an outage phones the other; we deliver the plan ", False),
    ("Either party sets the status to renegotiating; we meet ", True),  # one partner's act, answered by both
    ("One of us flags a slip; Ana and Li meet ", True),
    ("The sales team sets the status; we meet ", False),  # no partner's act: nothing is taken up
])
def test_counts_from_named_event(before: str, expected: bool) -> None:
    assert counts_from_named_event(before) is expected


@pytest.mark.parametrize(("before", "expected"), [
    ("Answers Maria ", True),
    ("Maria answers Daniel and Li ", True),
    ("Replies to the other lead ", True),
    ("Responds to customers ", True),
    ("Gets back to them ", True),
    ("Calls back the clinic manager ", True),
    ("Responds to the audit findings ", False),  # one set of things, answered once
    ("Answers the survey ", False),
    ("Delivers the report to Maria ", False),  # no verb of answering
    ("Answers Maria; delivers the report ", False),  # the answering is in another clause
])
def test_answers_someone(before: str, expected: bool) -> None:
    assert answers_someone(before) is expected


@pytest.mark.parametrize(("earlier", "clause", "expected"), [
    ("Either lead marks the plan as at risk", " both meet ", True),
    ("A partner raises a concern", " we answer it ", True),
    ("Li sends the draft", " Ana reviews the draft ", True),
    ("Li sends the drafts", " Ana reviews the draft ", True),
    ("We ship the release notes on Fridays", " we deliver the migration plan ", False),
    ("We meet every week", " the report goes out ", False),
])
def test_takes_up(earlier: str, clause: str, expected: bool) -> None:
    assert takes_up(earlier, clause) is expected


def test_holds_by_itself() -> None:
    assert holds_by_itself("The discount applies ")
    assert holds_by_itself("The price is fixed ")
    assert not holds_by_itself("Ship the module ")


@pytest.mark.parametrize(("before", "condition", "standing", "expected"), [
    ("Both keep the current prices ", "until the new list is agreed", False, True),  # kept until replaced
    ("Retain the existing supplier ", "until the next one is signed", False, True),
    ("Keep the legacy tool ", "until the migration is complete", False, False),  # one event, no replacement
    ("Keep the legacy tool ", "until the migration is complete", True, True),  # held while the practice runs
    ("Ship the module ", "until the new one is ready", True, False),  # nothing kept
])
def test_kept_until(before: str, condition: str, standing: bool, expected: bool) -> None:
    assert kept_until(before, condition, standing=standing) is expected


_MONTHS = st.sampled_from(["January", "March", "Apr", "July", "September", "Dec"])


_OPENERS = st.sampled_from(["for", "over", "during", "between", "from"])
_JOINTS = st.sampled_from([" to ", " and ", "-", " through "])


@given(_MONTHS, _MONTHS, st.integers(min_value=1990, max_value=2099), _OPENERS, _JOINTS)
def test_a_month_range_with_its_year_is_a_window(first: str, last: str, year: int, opener: str, joint: str) -> None:
    assert is_measurement_window(f"The no-show rate {opener} {first}{joint}", f"{last} {year}")


@pytest.mark.parametrize(("before", "term"), [
    ("Hit the target by ", "June 2027"),  # one month as a deadline
    ("The rate for July to ", "September"),  # no year: not placed on the calendar
    ("Ship it in ", "July 2027"),
])
def test_a_single_month_is_no_window(before: str, term: str) -> None:
    assert not is_measurement_window(before, term)


@pytest.mark.parametrize(("before", "term", "expected"), [
    ("PagerDuty shows time-to-resolve under 30 minutes for every P1 incident ", "in 2031", True),  # a level held
    ("Keep availability at least 99.95 % ", "in every month of 2031", True),
    ("Lowest monthly availability of the Payments API ", "in 2031", True),  # a statistic
    ("Report the average handling time ", "for Q3 2031", True),
    ("Cut churn to under 3 % ", "in 2031", False),  # a level reached: a deadline
    ("Raise the average order value to EUR 50 ", "in Q3 2031", False),
    ("Keep churn under 3 % ", "by 2031", False),  # a bound, whatever is measured
    ("Keep churn under 3 %, and hire 5 engineers ", "in 2031", False),  # the level is another clause's
    ("Hire 5 engineers ", "in 2031", False),
    ("Li will keep Sev-1 incidents caused by releases at zero ", "in 2032", True),  # a level held
    ("Li will hold churn at 2 % ", "in 2032", True),
    ("Monthly active merchants ", "in December 2032", True),  # a count per period
    ("Share of calendar months ", "in 2032", True),  # the months of the year
    ("Median time to acknowledge Sev-1 pages, all pages ", "in H1 2032", True),  # the set of the median
    ("Raise monthly active merchants to 5000 ", "in Q3 2032", False),  # a level reached
    ("Resolve the backlog, all tickets ", "in Q3 2032", False),  # no figure for the set to be the window of
    ("Ship 40 features ", "in Q3 2032", False),
    ("Li will hold the launch party at 6 pm ", "in March 2032", False),  # nothing kept at a level
    ("Li will hold the workshop at 3 sites ", "in Q3 2032", False),
    ("Start the monthly reviews ", "in Q3 2032", False),  # when the count starts
    ("Publish the monthly reviews ", "in 2032", True),
])
def test_a_span_over_which_a_level_or_a_statistic_is_measured_is_a_window(before: str, term: str,
                                                                        expected: bool) -> None:
    assert is_measurement_window(before, term) is expected


@pytest.mark.parametrize(("before", "phrase", "expected"), [
    ("Share of the top 10 accounts (", "by 2030", True),
    ("List the suppliers ranked ", "by 2026", True),
    ("The branches are sorted ", "by FY27", True),
    ("Reach the top 10 accounts ", "by Q3", False),  # a quarter is no year of a figure
    ("Migrate the accounts ", "by 2030", False),  # no ranking
])
def test_ranks_by(before: str, phrase: str, expected: bool) -> None:
    assert ranks_by(before, phrase) is expected


def test_by_after_a_verb_of_hindrance_names_a_cause_not_a_day() -> None:
    assert names_agent("No month-end close is delayed", "by the migration")
    assert names_agent("The launch is held up", "by the audit")
    assert not names_agent("Deliver the plan", "by the migration")
    assert not names_agent("The launch is finished", "by the migration")
