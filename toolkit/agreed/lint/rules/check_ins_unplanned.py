"""The check-ins do not plan when progress will be reviewed.

Check-ins are where partners find out, while there is still time to act, whether the work is on track. "Regularly"
or "as needed" puts no meeting in anyone's calendar, so the first review tends to happen when something has already
gone wrong. Dates listed out of calendar order suggest a typo, and a long stretch with no check-in lets a slipping
plan go unnoticed for months.

The rule reports: a cadence that is vague or a non-answer while no check-in dates are listed; a check-in date listed
after a later one; and, when the cadence is no concrete recurring rhythm, more than ``max-gap-days`` days (default
92, about a quarter) between two checkpoints. The checkpoints are the start of the term, each listed check-in date
that falls within the term and by the outcome deadline, and the outcome deadline. A concrete rhythm ("every second
Monday", "monthly", "on the first Tuesday of each month") already puts a review in every stretch, so the listed
dates are then extra reviews and their spacing is not checked. Milestones are not checkpoints: a delivery is not a
review of progress.

Fires on:
    results: {check_ins: {cadence: as needed, dates: []}}

    term: {start: 2031-01-06, end: 2031-12-31}
    results: {deadline: 2031-12-31, check_ins: {cadence: at the milestone reviews, dates: [2031-03-03, 2031-09-08]}}

Passes:
    term: {start: 2031-01-06, end: 2031-12-31}
    results: {deadline: 2031-12-31, check_ins: {cadence: every second Monday, dates: [2031-03-03, 2031-09-08]}}

    term: {start: 2031-01-06, end: 2031-12-31}
    results:
      deadline: 2031-12-31
      check_ins: {cadence: at the milestone reviews, dates: [2031-03-03, 2031-06-02, 2031-09-01, 2031-12-01]}
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Iterator

from agreed.document import Document, JsonPath
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext, OptionValues
from agreed.lint.rules._dates import Dated, check_in_dates, date_at, days
from agreed.problem import Severity
from agreed.record import Record
from agreed.text.patterns import Regex
from agreed.text.values import is_non_answer

DEFAULT_MAX_GAP_DAYS = 92
CHECK_INS = ("results", "check_ins")
DATES = (*CHECK_INS, "dates")

_VAGUE = Regex(
    r"""\b(?:regular(?:ly)?|periodic(?:ally)?|from\s+time\s+to\s+time|(?:every\s+)?now\s+and\s+(?:then|again)
    |every\s+so\s+often|(?:every\s+)?once\s+in\s+a\s+while|occasional(?:ly)?|ad[\s\-]hoc|on\s+demand
    |as\s+(?:and\s+when\s+)?(?:needed|necessary|required|appropriate|useful)|as\s+often\s+as\s+(?:needed|necessary)
    |when(?:ever)?\s+(?:needed|necessary|required|appropriate|useful|possible)|if\s+(?:needed|necessary|required))\b""",
    re.IGNORECASE | re.VERBOSE,
)
_RHYTHM = Regex(
    r"""\b(?:every|each)\s+(?:[\w\-]+\s+){0,2}?(?:(?:working\s+|business\s+|calendar\s+)?day|week|fortnight|month
        |quarter|year|sprint|iteration|(?:mon|tues|wednes|thurs|fri|satur|sun)day|weekday)s?\b
    |\b(?:daily|weekly|fortnightly|monthly|quarterly|annually|yearly|bi-?weekly|bi-?monthly|semi-?monthly)\b
    |\b(?:once|twice|three\s+times|\d+\s+times)\s+(?:a|per)\s+(?:day|week|fortnight|month|quarter|year)\b
    |\bper\s+(?:week|fortnight|month|quarter|sprint)\b
    |\b(?:mon|tues|wednes|thurs|fri|satur|sun)days\b
    |\b(?:first|second|third|fourth|last|1st|2nd|3rd|4th)\s+\w+day\s+of\s+(?:the|each|every)\s+month\b""",
    re.IGNORECASE | re.VERBOSE,
)


class Checkpoint(Record):
    day: Dated
    what: str
    is_check_in: bool


def is_concrete(cadence: object) -> bool:
    """Whether the cadence names a recurring rhythm that puts a check-in in every stretch of the term."""
    return isinstance(cadence, str) and not is_non_answer(cadence) and _RHYTHM.search(cadence) is not None


def is_vague(cadence: str) -> bool:
    return is_non_answer(cadence) or (_VAGUE.search(cadence) is not None and not is_concrete(cadence))


def check(document: Document, context: LintContext, *,
          max_gap_days: int = DEFAULT_MAX_GAP_DAYS) -> Iterator[AtPath]:
    cadence = document.value_at((*CHECK_INS, "cadence"))
    if isinstance(cadence, str) and cadence.strip() and is_vague(cadence) and not document.value_at(DATES):
        yield AtPath((*CHECK_INS, "cadence"), f"cadence {cadence.strip()!r} plans no check-in and no dates are "
                     "listed: agree a recurring rhythm (e.g. 'every second Monday') or list the check-in dates")
    check_ins = list(check_in_dates(document))
    yield from _out_of_order(check_ins)
    if check_ins and not is_concrete(cadence):
        yield from _gaps(document, check_ins, max_gap_days)


def _out_of_order(check_ins: list[Dated]) -> Iterator[AtPath]:
    for previous, current in itertools.pairwise(check_ins):
        if current.day < previous.day:
            yield AtPath(current.path, f"{current.day.isoformat()} is listed after {previous.day.isoformat()} but "
                         "falls before it: list the check-in dates in calendar order")


def _gaps(document: Document, check_ins: list[Dated], max_gap_days: int) -> Iterator[AtPath]:
    timeline = sorted(_checkpoints(document, check_ins), key=lambda checkpoint: checkpoint.day.day)
    for earlier, later in itertools.pairwise(timeline):
        gap = (later.day.day - earlier.day.day).days
        if gap <= max_gap_days:
            continue
        path: JsonPath = later.day.path if later.is_check_in else earlier.day.path if earlier.is_check_in else DATES
        yield AtPath(path, f"{days(gap)} pass between {earlier.what} and {later.what}, longer than "
                     f"{days(max_gap_days)} without a check-in: add a check-in date in between or agree a recurring "
                     "cadence (e.g. 'every second Monday')")


def _checkpoints(document: Document, check_ins: list[Dated]) -> Iterator[Checkpoint]:
    start, deadline = date_at(document, "term", "start"), date_at(document, "results", "deadline")
    if start is not None:
        yield Checkpoint(start, f"the start of the term on {start.day.isoformat()}", False)
    for dated in check_ins:
        if (start is None or dated.day >= start.day) and (deadline is None or dated.day <= deadline.day):
            yield Checkpoint(dated, f"the check-in on {dated.day.isoformat()}", True)
    if deadline is not None:
        yield Checkpoint(deadline, f"the outcome deadline {deadline.day.isoformat()}", False)


def configure(options: OptionValues) -> DocumentRule:
    return dataclasses.replace(RULE, check=functools.partial(check, max_gap_days=options["max-gap-days"]))


RULE = DocumentRule(code="T305", name="check-ins-unplanned", category=Category.TIME, severity=Severity.WARNING,
                    doc=__doc__ or "", check=check,
                    elements=("W-PROGRESS",),
                    options_schema={"type": "object",
                                    "properties": {"max-gap-days": {"type": "integer", "minimum": 1,
                                                                    "default": DEFAULT_MAX_GAP_DAYS}},
                                    "additionalProperties": False},
                    configure=configure)
