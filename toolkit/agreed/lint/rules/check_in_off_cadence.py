"""A listed check-in date falls on a weekday the cadence does not name.

When the cadence names the days the partners meet ("every Monday at 13:00", "Mondays and Thursdays", "the first
Tuesday of the month") and a listed check-in date falls on another weekday, one of the two is wrong: a date typed a
day off, or a cadence that no longer says when the partners meet. Either way somebody turns up on the wrong day, and
`agreed calendar` shows the date as a meeting of its own beside the series.

The rule reads the weekdays of the cadence as the calendar does (its rhythm); an ordinal before a weekday ("every
second Monday") still names Mondays, whichever way it is read. It says nothing when the cadence names no weekday
("weekly", "monthly", "as needed"), names an exception or a condition, or names two rhythms ("every Monday at
10:00; on Fridays a written update"): then no listed date can be said to be off it. Move the date to one of the
cadence's weekdays, or correct the cadence.

Fires on:
    results:
      check_ins:
        cadence: every Monday at 13:00, 20 minutes
        dates: [2031-03-03, 2031-03-11]

    results:
      check_ins:
        cadence: every second Monday
        dates: [2031-03-04]

Passes:
    results:
      check_ins:
        cadence: Mondays and Thursdays
        dates: [2031-03-03, 2031-03-13]

    results:
      check_ins:
        cadence: every Monday at 10:00; on Fridays a written update
        dates: [2031-03-07]
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.cadence import WEEKDAY_NAMES, cadence_weekdays
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._dates import check_in_dates
from agreed.problem import Severity

CADENCE = ("results", "check_ins", "cadence")


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    cadence = document.value_at(CADENCE)
    weekdays = cadence_weekdays(cadence) if isinstance(cadence, str) else ()
    if not weekdays:
        return
    for dated in check_in_dates(document):
        if dated.day.weekday() not in weekdays:
            yield AtPath(dated.path, f"{dated.shown} is a {_day_name(dated.day.weekday())}, but the cadence names "
                         f"{_listed(weekdays)}: {_remedy(weekdays)}")


def _day_name(weekday: int) -> str:
    return WEEKDAY_NAMES[weekday].title()


def _listed(weekdays: tuple[int, ...]) -> str:
    """``Monday``, ``Monday and Thursday``, ``Monday, Wednesday and Friday``."""
    names = [_day_name(day) for day in weekdays]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _remedy(weekdays: tuple[int, ...]) -> str:
    where = f"a {_day_name(weekdays[0])}" if len(weekdays) == 1 else "one of those days"
    return f"move the check-in to {where}, or correct the cadence"


RULE = DocumentRule(code="T309", name="check-in-off-cadence", category=Category.TIME, severity=Severity.WARNING,
                    doc=__doc__ or "", check=check, elements=("W-PROGRESS",))
