"""V102 vague-quantifier: vague quantities, approximate numbers and vague frequencies."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from agreed.lint.rule import Category, TextContext, TextRule
from agreed.lint.rules.vague_quantifier import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import FlaggedBy, RuleIdentity


def test_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("V102", "vague-quantifier", Category.VAGUENESS, Severity.WARNING)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Spend some time on the backlog and hold frequent reviews.", ["some", "frequent"]),
        ("Onboard some new accounts.", ["some"]),
        ("Run several workshops and many demos.", ["several", "many"]),
        ("Hire a few engineers.", ["a few"]),
        ("Close numerous tickets across various teams.", ["numerous", "various"]),
        ("Interview a number of customers.", ["a number of"]),
        ("Fix most of the open defects.", ["most"]),
        ("Migrate a lot of data.", ["a lot of"]),
        ("Provide plenty of notice.", ["plenty of"]),
        ("Support multiple regions.", ["multiple"]),
        ("Recruit a handful of pilots.", ["a handful of"]),
        ("Hire about 20 engineers.", ["about 20"]),
        ("Grow ARR by around 500k.", ["around 500k"]),
        ("Cut churn by roughly 10%.", ["roughly 10%"]),
        ("Hit roughly EUR 2M in new ARR.", ["roughly EUR 2M"]),
        ("Onboard ~40 accounts.", ["~40"]),
        ("Onboard 20-ish accounts.", ["20-ish"]),
        ("Onboard 20ish accounts and publish 5%ish more.", ["20ish", "5%ish"]),
        ("Post in the order of 40 posts, in the region of 12 guides.", ["in the order of 40", "in the region of 12"]),
        ("Publish 12 posts or so, c. 40 guides and ~8 videos.", ["12 posts or so", "c. 40", "~8"]),
        ("Publish the digest roughly biweekly and the notes monthlyish.", ["roughly biweekly", "monthlyish"]),
        ("Onboard some 40 accounts.", ["some 40"]),
        ("Meet regularly to review progress.", ["regularly"]),
        ("Hold periodic reviews and frequent check-ins.", ["periodic", "frequent"]),
        ("Share updates from time to time.", ["from time to time"]),
        ("Provide ongoing coaching, as and when requested.", ["ongoing", "as and when"]),
        ("Review the plan often.", ["often"]),
        ("Offer a discount to certain customers.", ["certain"]),
        ("Certain reports will be archived.", ["Certain"]),
        ("Spend some time with certain key accounts.", ["some", "certain"]),
        ("Run some workshops at some stage.", ["some"]),
        ("Attend check-ins as needed.", ["as needed"]),
        ("Service the pumps as and when required.", ["as and when required"]),
        ("The two coordinators sync as needed.", ["as needed"]),
        ("Staff take rest breaks when needed.", ["when needed"]),
        ("Take breaks when needed; hold ad hoc calls on an ad hoc basis.", ["when needed", "on an ad hoc basis"]),
        ("Li usually answers within 2 hours.", ["usually"]),
        ("We will typically reply within a day.", ["typically"]),
        ("Support generally responds within 4 hours.", ["generally"]),
        ("Li mostly answers on the same day; Omar normally joins the call.", ["mostly", "normally"]),
        ("Answer each ticket, usually within 2 hours.", ["usually"]),
        ("Meet roughly weekly.", ["roughly weekly"]),
        ("Publish the notes weekly-ish.", ["weekly-ish"]),
        ("Meet every week or so; review the plan about every 2 weeks.", ["every week or so", "about every 2 weeks"]),
        ("Reply within 24h or so.", ["24h or so"]),
        ("Reply within 2 hours or so.", ["2 hours or so"]),
        ("Allocate enough people to the migration.", ["enough"]),
        ("Enough time together, usually weekly-ish.", ["Enough", "usually", "weekly-ish"]),
        ("Check the logs once in a while and restart the job on occasion.", ["once in a while", "on occasion"]),
        ("Check the logs every now and again.", ["every now and again"]),
        ("Li reviewed the budget off and on.", ["off and on"]),
        ("Answer within a day or so.", ["a day or so"]),
        ("Answer within a working day or two.", ["a working day or two"]),
        ("Answer each ticket in 2 hours, give or take.", ["give or take"]),
        ("The plan runs to 10 pages, more or less.", ["more or less"]),
        ("Onboard dozens of merchants and hundreds of shops.", ["dozens of", "hundreds of"]),
        ("We tend to meet on Fridays.", ["tend to"]),
        ("Support answers each ticket within 2 hours (NB: sometimes longer at weekends).", ["sometimes"]),
        ("Li at times answers the phone.", ["at times"]),
        ("Provide enough test accounts for the pilot.", ["enough"]),
    ],
)
def test_fires(text: str, expected: list[str], flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Onboard 12 new accounts and run 3 workshops by 2027-03-31.",
        "Review at least 5 and at most 8 candidates each week.",
        "Meet every Monday at 09:00; publish the notes monthly.",
        "Publish daily, weekly and quarterly reports, exactly as specified.",
        "Run several (3) workshops.",
        "Interview the most senior engineer on the team.",
        "Ship the most recent version.",
        "Count how many tickets were reopened, as many as were logged.",
        "Send the list to Li in the next few days.",
        "Set up continuous integration for the 4 services.",
        "Talk about 3 risks at the kickoff on 2027-01-12.",
        "Sterile Services turns around 100% of urgent trays within 4 hours of receipt.",
        "See https://example.com/some-several-many for the 4 templates.",
        "Run `make several` and `some_job` on 2027-01-05.",
        'Replace the banner "some of our many services" with the new copy.',
        "Someone from Finance will send the 12 invoices; sometimes is not a word we use.",
        "Make certain that every invoice is paid.",
        "Li is certain that the 4 sites are ready; nobody is certain.",
        "Ship the 3 reports at some point.",
        "Elena will produce 4 ad hoc reports for leadership.",
        "Add 2 servers as needed to run the pilot.",
        "Move the archive to cold storage some time in 2027.",
        "Rank the 5 most frequent causes of refunds each month.",
        "Notify the facilities desk of broken chairs as needed.",
        "Bring in a second reviewer when needed.",
        "Publish the 5 defects reported most often in the Q3 survey by 2027-02-01.",
        "The ticket queue usually peaks on Mondays.",
        "Release the API as generally available by 2027-03-31.",
        "Report whether response times are normally distributed.",
        "Talk about weekly reports at the kickoff on 2027-01-12.",
        "Meet every 2 weeks; finish the 20 tickets before the review.",
        "Li answers within 2 hours, which customers usually find enough.",
        "Allocate enough people to cover 3 shifts.",
        "Buy enough licences for all 40 agents by 2027-02-01.",
        "Allocate enough engineers to run both clinics on 2027-03-01.",
        "Keep the pages fast enough: p95 under 300 ms.",
        "Q4 is usually the busiest quarter for the 40 stores.",
        "Onboard up to 40 merchants by 2027-03-31.",
        "Answer each ticket in 2 hours, give or take 10 minutes.",
        "Offer either a refund or two vouchers per late delivery.",
        "The queue tends to peak on Mondays.",
        "The queue sometimes peaks on Mondays.",
        "Li adds 2 agents at times of peak load listed in Annex A.",
        "The sample is large enough for the 2027 survey.",
        "Keep the pages fast enough as the 2027 load test defines it.",
    ],
)
def test_passes(text: str, flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Run several workshops.", '"several" is a vague quantity: give the number'),
        (
            "Hire about 20 engineers.",
            '"about 20" is an approximate number with no tolerance: give the exact target or a range',
        ),
        ("Meet regularly.", '"regularly" is a vague frequency: state the cadence (e.g. "every Monday", "monthly")'),
        (
            "Li usually answers within 2 hours.",
            '"usually" says the promise does not always hold: state what is done every time, or the share of '
            'times it must hold (e.g. "95% within 2 hours")',
        ),
    ],
)
def test_messages(text: str, message: str) -> None:
    assert isinstance(RULE, TextRule)
    assert [span.message for span in RULE.check(text, TextContext())] == [message]
