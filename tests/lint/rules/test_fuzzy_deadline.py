"""T301 fuzzy-deadline: deadlines that name a period, a relative time or an undated event."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from agreed.lint.rule import Category, TextContext, TextRule
from agreed.lint.rules.fuzzy_deadline import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
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
    ("Ship during the rollout.", ["during the rollout"]),
    ("Send the recap after the campaign wraps.", ["after the campaign wraps"]),
    ("Ship by <date>.", ["by <date>"]),
    ("Deadline: TBD", ["Deadline: TBD"]),
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
])
def test_passes(text: str, flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == []


def test_messages_say_what_kind_of_time_it_is() -> None:
    assert isinstance(RULE, TextRule)
    messages = [span.message for span in RULE.check("Ship by Q3 or soon, after the reorg.", TextContext())]
    assert messages == [
        '"by Q3" is a period, not a day: give the calendar day it ends on, as YYYY-MM-DD',
        '"soon" is relative to when it was written: give the calendar day',
        '"after the reorg" is an undated event: give the calendar day it falls on',
    ]
