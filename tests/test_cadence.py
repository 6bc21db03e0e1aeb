"""The cadence reader: which phrases become a rhythm (and which are left alone), the time of day and length, and the
rhythm's days agreeing with an independent RRULE expansion (dateutil's)."""

from __future__ import annotations

import datetime

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from agreed.cadence import WEEKDAY_NAMES, Frequency, Rhythm, cadence_weekdays, read_cadence

MO, TU, WE, TH, FR = range(5)


@pytest.mark.parametrize(("text", "expected"), [
    ("every Monday at 13:00, 20 minutes, standing in the clinic corridor office", Rhythm(Frequency.WEEKLY,
                                                                                         weekdays=(MO,))),
    ("weekly", Rhythm(Frequency.WEEKLY)),
    ("Once a week, in the small meeting room", Rhythm(Frequency.WEEKLY)),
    ("weekly on Tuesday", Rhythm(Frequency.WEEKLY, weekdays=(TU,))),
    ("Mondays and Thursdays", Rhythm(Frequency.WEEKLY, weekdays=(MO, TH))),
    ("every Monday, Wednesday and Friday", Rhythm(Frequency.WEEKLY, weekdays=(MO, WE, FR))),
    ("every two weeks", Rhythm(Frequency.WEEKLY, 2)),
    ("every 3 weeks on Tuesday", Rhythm(Frequency.WEEKLY, 3, (TU,))),
    ("every second week", Rhythm(Frequency.WEEKLY, 2)),
    ("every other week", Rhythm(Frequency.WEEKLY, 2)),
    ("fortnightly", Rhythm(Frequency.WEEKLY, 2)),
    ("Fortnightly on Fridays", Rhythm(Frequency.WEEKLY, 2, (FR,))),
    ("biweekly", Rhythm(Frequency.WEEKLY, 2)),
    ("bi-weekly", Rhythm(Frequency.WEEKLY, 2)),
    ("every other Monday", Rhythm(Frequency.WEEKLY, 2, (MO,))),
    ("monthly", Rhythm(Frequency.MONTHLY)),
    ("every two months", Rhythm(Frequency.MONTHLY, 2)),
    ("quarterly", Rhythm(Frequency.MONTHLY, 3)),
    ("every quarter", Rhythm(Frequency.MONTHLY, 3)),
    ("the first Monday of the month", Rhythm(Frequency.MONTHLY, 1, (MO,), 1)),
    ("last Friday of every month at noon", Rhythm(Frequency.MONTHLY, 1, (FR,), -1)),
    ("second Tuesday of every other month", Rhythm(Frequency.MONTHLY, 2, (TU,), 2)),
    ("daily", Rhythm(Frequency.DAILY)),
    ("every weekday at 9:15, 15 minutes", Rhythm(Frequency.WEEKLY, weekdays=(MO, TU, WE, TH, FR))),
    ("annually", Rhythm(Frequency.YEARLY)),
])
def test_a_phrase_with_one_reading_is_a_rhythm(text: str, expected: Rhythm) -> None:
    assert read_cadence(text).rhythm == expected


@pytest.mark.parametrize("text", [
    "every fourth Tuesday, 60 minutes, all three parties",  # the shipped examples' ambiguous ordinals
    "every second Monday, 30 minutes, plus a 90-minute review at each listed date",
    "the first Monday",  # of what?
    "weekly, plus a review each quarter",  # two rhythms
    "every Monday except in August",
    "weekly unless a holiday falls on it",
    "every Monday or Tuesday",
    "twice a week",
    "bimonthly",  # every two months, or twice a month?
    "semi-monthly",
    "monthly on Mondays",  # which Monday?
    "Monday at 10:00",  # once, or every Monday?
    "as needed",
    "every 0 weeks",
    "",
    "weekly from March, then monthly",
    "every Monday at 10:00; on Fridays a written update",  # weekdays in two clauses: two rhythms
    "every Monday, 90 minutes, and every Friday a written note",  # weekdays on either side of a length
    "every Monday; Fridays a written update",
    "the first and third Tuesday of the month",  # two days a month, not the third Tuesday alone
    "second, fourth and last Friday of each month",
])
def test_a_phrase_with_an_exception_or_two_readings_is_no_rhythm(text: str) -> None:
    assert read_cadence(text).rhythm is None


@pytest.mark.parametrize(("text", "weekdays"), [
    ("every Monday at 13:00, 20 minutes", (MO,)),
    ("Mondays and Thursdays", (MO, TH)),
    ("every weekday", (MO, TU, WE, TH, FR)),
    ("the first Tuesday of the month", (TU,)),
    ("fortnightly on Fridays", (FR,)),
    ("every second Monday", (MO,)),  # every other Monday or the second of the month: Mondays either way
    ("the last Friday", (FR,)),
    ("every second Monday and Thursday", ()),  # the ordinal read as "every other" leaves weekdays named twice
    ("the first and third Tuesday of the month", ()),
    ("weekly", ()),
    ("monthly", ()),
    ("daily", ()),
    ("as needed", ()),
    ("every Monday except in August", ()),
    ("every Monday at 10:00; on Fridays a written update", ()),
])
def test_the_weekdays_a_cadence_puts_its_check_ins_on(text: str, weekdays: tuple[int, ...]) -> None:
    assert cadence_weekdays(text) == weekdays


@given(st.sampled_from(WEEKDAY_NAMES), st.sampled_from(["first", "second", "2nd", "third", "fourth", "last"]))
def test_an_ordinal_weekday_keeps_its_weekday_though_no_rhythm(day: str, ordinal: str) -> None:
    text = f"every {ordinal} {day}"
    assert read_cadence(text).rhythm is None
    assert cadence_weekdays(text) == (WEEKDAY_NAMES.index(day),)


@pytest.mark.parametrize(("text", "at", "minutes"), [
    ("every Monday at 13:00, 20 minutes", datetime.time(13), 20),
    ("Fridays 9:30-10:15", datetime.time(9, 30), 45),
    ("Fridays 9:30 \u2013 10:15, 45 minutes", datetime.time(9, 30), 45),  # the length agrees with the range
    ("every Tuesday at 2pm for half an hour", datetime.time(14), 30),
    ("weekly at 11 a.m., 90-minute session", datetime.time(11), 90),
    ("monthly at noon, 1.5 hours", datetime.time(12), 90),
    ("weekly at 9.30, an hour", datetime.time(9, 30), 60),
])
def test_time_of_day_and_length(text: str, at: datetime.time, minutes: int) -> None:
    cadence = read_cadence(text)
    assert (cadence.at, cadence.length) == (at, datetime.timedelta(minutes=minutes))


@pytest.mark.parametrize("text", [
    "weekly at 9:00 or 14:00, 30 minutes",  # two times
    "weekly at 25:00",  # no such hour
    "weekly at 13pm",
    "every fourth Tuesday",
])
def test_no_single_time_is_no_time(text: str) -> None:
    assert read_cadence(text).at is None


@pytest.mark.parametrize(("text", "note"), [
    ("every Monday at 9:00 CET", "it names a time zone (CET), and the calendar holds local times only"),
    ("Fridays 9:30-10:15 (UTC+1)", "it names a time zone (UTC+1), and the calendar holds local times only"),
    ("weekly at 9:00 Europe/Paris, 30 minutes", "it names a time zone (Europe/Paris), and the calendar holds local "
                                               "times only"),
    ("every Monday at 25:00", "25:00 is not a time of day"),
    ("weekly at 13pm", "13pm is not a time of day"),
    ("weekly at 9:00 and at 14:00", "it names more than one time of day"),
])
def test_a_time_that_is_not_used_says_why_and_leaves_the_rhythm(text: str, note: str) -> None:
    cadence = read_cadence(text)
    assert (cadence.at, cadence.length, cadence.time_note) == (None, None, note)
    assert cadence.rhythm is not None


def test_a_time_without_a_zone_has_no_note() -> None:
    cadence = read_cadence("every Monday and Thursday at 10:00, west wing")
    assert (cadence.at, cadence.time_note) == (datetime.time(10), "")
    assert cadence.rhythm == Rhythm(Frequency.WEEKLY, weekdays=(MO, TH))


def test_two_lengths_are_no_length() -> None:
    assert read_cadence("every second Monday, 30 minutes, plus a 90-minute review").length is None


# --- properties ------------------------------------------------------------------------------------------------------

weekday_sets = st.sets(st.integers(0, 6), min_size=1, max_size=3).map(lambda days: tuple(sorted(days)))
NEUTRAL = ("in the small meeting room", "20 minutes", "with both teams", "on video", "at 10:00", "standing",
           "all three parties", "in person")


def _listed(days: tuple[int, ...]) -> str:
    names = [WEEKDAY_NAMES[day].capitalize() for day in days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@st.composite
def phrases(draw: st.DrawFn) -> tuple[str, Rhythm]:
    """A phrase with one reading, and the rhythm it states."""
    days = draw(weekday_sets)
    interval = draw(st.integers(2, 12))
    nth = draw(st.sampled_from([(1, "first"), (2, "second"), (3, "third"), (4, "fourth"), (-1, "last")]))
    day = draw(st.integers(0, 6))
    return draw(st.sampled_from([
        (f"every {_listed(days)}", Rhythm(Frequency.WEEKLY, weekdays=days)),
        (f"weekly on {_listed(days)}", Rhythm(Frequency.WEEKLY, weekdays=days)),
        (f"every {interval} weeks on {_listed(days)}", Rhythm(Frequency.WEEKLY, interval, days)),
        (f"every {interval} months", Rhythm(Frequency.MONTHLY, interval)),
        (f"every other {WEEKDAY_NAMES[day]}", Rhythm(Frequency.WEEKLY, 2, (day,))),
        (f"the {nth[1]} {WEEKDAY_NAMES[day]} of each month", Rhythm(Frequency.MONTHLY, 1, (day,), nth[0])),
        ("quarterly", Rhythm(Frequency.MONTHLY, 3)),
        ("fortnightly", Rhythm(Frequency.WEEKLY, 2)),
    ]))


@given(st.text(max_size=200))
def test_any_text_is_read_without_an_error(text: str) -> None:
    cadence = read_cadence(text)
    assert cadence.rhythm is None or cadence.rhythm.interval >= 1


@given(phrases(), st.lists(st.sampled_from(NEUTRAL), max_size=3), st.booleans())
def test_a_phrase_in_neutral_words_keeps_its_rhythm(phrase: tuple[str, Rhythm], around: list[str],
                                                     shout: bool) -> None:
    text, rhythm = phrase
    written = ", ".join([text, *around])
    assert read_cadence(written.upper() if shout else written).rhythm == rhythm


@given(phrases(), st.sampled_from(["except in August", "unless it is a holiday", "or when needed",
                                   "but not in December", "twice", "during term time"]))
def test_a_qualified_phrase_is_left_alone(phrase: tuple[str, Rhythm], qualifier: str) -> None:
    assert read_cadence(f"{phrase[0]} {qualifier}").rhythm is None


@given(st.integers(0, 6), st.sampled_from(["second", "third", "fourth", "2nd", "3rd"]))
def test_an_ordinal_weekday_without_the_month_is_left_alone(day: int, ordinal: str) -> None:
    assert read_cadence(f"every {ordinal} {WEEKDAY_NAMES[day]}").rhythm is None


@settings(max_examples=60, deadline=None)
@given(phrases(), st.dates(datetime.date(2020, 1, 1), datetime.date(2040, 1, 1)), st.integers(30, 400))
def test_the_days_a_rhythm_meets_are_those_its_rrule_expands_to(phrase: tuple[str, Rhythm], start: datetime.date,
                                                                days: int) -> None:
    rhythm = phrase[1]
    first = rhythm.first_on_or_after(start)
    last = first + datetime.timedelta(days=days)
    rule = ";".join(f"{part}={','.join(str(value) for value in values)}" for part, values in rhythm.rule().items())
    expanded = {moment.date() for moment in rrulestr(f"RRULE:{rule};UNTIL={last:%Y%m%d}",
                                                     dtstart=datetime.datetime.combine(first, datetime.time()))}
    ours = {first + datetime.timedelta(days=step) for step in range((last - first).days + 1)
            if rhythm.occurs_on(first, first + datetime.timedelta(days=step))}
    assert first in expanded  # the series starts on a day its rule meets, so DTSTART is its first occurrence
    assert ours == expanded
