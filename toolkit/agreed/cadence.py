"""Read a check-in cadence ("every Monday at 13:00, 20 minutes") as a calendar rhythm, a time of day and a length.

A cadence is prose, so only phrases with one reading become a rhythm (an RFC 5545 RRULE):

- ``daily``, ``every day``; ``every weekday`` (Monday to Friday);
- ``weekly``, ``every week``, ``once a week``; ``every Monday``, ``Mondays``, ``every Monday and Thursday``,
  ``weekly on Tuesday``;
- ``every other week``, ``every two weeks``, ``every 3 weeks``, ``every second week``, ``fortnightly``,
  ``biweekly``, ``every fortnight``; ``every other Monday``, ``fortnightly on Fridays``;
- ``monthly``, ``every month``, ``every two months``; ``quarterly``, ``every quarter``;
- ``the first Monday of the month``, ``last Friday of every month``, ``second Tuesday of every other month``;
- ``yearly``, ``annually``, ``every year``.

Everything else is left unmapped, and the agreement's listed check-in dates stand alone: two rhythms in one text
("weekly, plus a review each quarter"; weekdays named apart, in two clauses or on either side of a time or a length:
"every Monday at 10:00; on Fridays a written update"), an exception or condition (except, unless, or, if, during,
from, until, not ...), a count per period (twice a week), words with two readings (``bimonthly``, ``semi-monthly``)
and an ordinal before a weekday without "of the month" (``every second Monday``: every other Monday, or the second
Monday of each month?); several days of the month (``the first and third Tuesday of the month``).

A time of day (``at 13:00``, ``9:30am``, ``noon``, or a range ``13:00-13:30``) and a length (``20 minutes``,
``90-minute``, ``an hour``, ``1.5 hours``) are read only when the text gives exactly one of each (a range gives
both, and a separate length must agree with it). A time the text states but a calendar cannot use is left out,
and :attr:`Cadence.time_note` says why: one that is no time of day (``25:00``), several times, or a time in a named
time zone (``9:00 CET``, ``10:00 UTC+1``, ``9:00 Europe/Paris``: the calendar's times are floating local times, and
converting would need the zone's rules). Words are English; case, hyphens and dashes do not matter.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from enum import StrEnum
from typing import TypeVar

from agreed.record import Record
from agreed.text.patterns import Regex

_T = TypeVar("_T")

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WORKING_DAYS = (0, 1, 2, 3, 4)
_DAY_WORDS = (*WEEKDAY_NAMES, "weekday", "working day")
LAST = -1  # the ``nth`` of "the last Friday of the month"

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12}
_ORDINAL_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
                  "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "last": LAST}
_NUMBER = "(?:" + "|".join([r"\d{1,2}", *_NUMBER_WORDS]) + ")"
_ORDINAL = "(?:" + "|".join(_ORDINAL_WORDS) + ")"
_WEEKDAY = "(?:" + "|".join(WEEKDAY_NAMES) + ")"
_MONTH_ORDINALS = "(?:first|1st|second|2nd|third|3rd|fourth|4th|last)"  # a month has no sure fifth Monday

# Words that qualify or bend a rhythm (an exception, a condition, a count per period, a second reading): a text with
# one of them is not mapped. Matched as whole words after times and lengths are taken out.
_QUALIFIERS = frozenset({
    "except", "excepting", "excluding", "exclude", "unless", "skip", "skipping", "skipped", "but", "or", "if",
    "when", "whenever", "during", "until", "till", "through", "between", "from", "after", "before", "starting",
    "beginning", "then", "holiday", "holidays", "vacation", "vacations", "not", "no", "twice", "thrice", "times",
    "bimonthly", "semimonthly", "biannual", "biannually", "semiannual", "semiannually", "semi", "alternate",
    "alternating", "irregular", "irregularly", "occasionally", "sometimes", "usually", "normally", "typically",
    "roughly", "about", "around", "approximately", "needed", "adhoc", "demand", "request", "requested", "least",
    "most", "more", "less", "few", "several", "couple", "some", "otherwise", "instead",
})


class Frequency(StrEnum):
    DAILY = "DAILY"
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"
    YEARLY = "YEARLY"


class Rhythm(Record):
    """A recurrence: every ``interval`` periods of ``frequency``; a weekly one on ``weekdays`` (0 Monday .. 6
    Sunday; none: the weekday it starts on); a monthly one with ``nth`` (1-4, or -1 for the last) on the ``nth``
    of its one weekday."""

    frequency: Frequency
    interval: int = 1
    weekdays: tuple[int, ...] = ()
    nth: int = 0

    def rule(self) -> dict[str, list[object]]:
        """The RRULE parts (without UNTIL), as :class:`icalendar.vRecur` takes them."""
        parts: dict[str, list[object]] = {"FREQ": [self.frequency.value]}
        if self.interval != 1:
            parts["INTERVAL"] = [self.interval]
        if self.nth:
            parts["BYDAY"] = [f"{self.nth}{WEEKDAY_CODES[self.weekdays[0]]}"]
        elif self.weekdays:
            parts["BYDAY"] = [WEEKDAY_CODES[day] for day in self.weekdays]
        return parts

    def first_on_or_after(self, day: datetime.date) -> datetime.date:
        """The first day from ``day`` on that the rhythm meets: where a series starting at ``day`` begins."""
        if self.nth:
            found = _nth_weekday(day.year, day.month, self.weekdays[0], self.nth)
            if found >= day:
                return found
            year, month = _month_after(day.year, day.month)
            return _nth_weekday(year, month, self.weekdays[0], self.nth)
        if self.frequency is Frequency.WEEKLY and self.weekdays:
            return next(day + datetime.timedelta(days=step) for step in range(7)
                        if (day.weekday() + step) % 7 in self.weekdays)
        return day

    def occurs_on(self, start: datetime.date, day: datetime.date) -> bool:
        """Whether the series that starts on ``start`` (a day :meth:`first_on_or_after` gives) meets on ``day``,
        as RFC 5545 expands the rule (weeks start on Monday)."""
        if day < start:
            return False
        if self.frequency is Frequency.DAILY:
            return (day - start).days % self.interval == 0
        if self.frequency is Frequency.WEEKLY:
            weeks = ((day - start).days + start.weekday()) // 7
            return weeks % self.interval == 0 and day.weekday() in (self.weekdays or (start.weekday(),))
        if self.frequency is Frequency.MONTHLY:
            months = (day.year - start.year) * 12 + day.month - start.month
            if months % self.interval:
                return False
            if self.nth:
                return day == _nth_weekday(day.year, day.month, self.weekdays[0], self.nth)
            return day.day == start.day
        return (day.year - start.year) % self.interval == 0 and (day.month, day.day) == (start.month, start.day)


class Cadence(Record):
    """What a cadence text says a calendar can use: its rhythm, time of day and length (each None when the text
    does not say it with one reading)."""

    rhythm: Rhythm | None = None
    at: datetime.time | None = None
    length: datetime.timedelta | None = None
    time_note: str = ""  # why a time the text states is not used ("" when none is stated, or it is used)


def read_cadence(text: str) -> Cadence:
    """The rhythm, time of day and length that ``text`` states (see the module's documentation)."""
    lowered = " ".join(text.casefold().split())
    timing, rest = _time_and_length(lowered)
    return Cadence(_rhythm(rest), timing.at, timing.length, timing.note)


def cadence_weekdays(text: str) -> tuple[int, ...]:
    """The weekdays (0 Monday .. 6 Sunday) on which ``text`` puts its check-ins, in order: those of the rhythm it
    states (``every Monday and Thursday``, ``every weekday``, ``the first Tuesday of the month``), also when the only
    doubt is an ordinal before a weekday (``every second Monday`` meets on Mondays under either reading). Empty when
    the rhythm names no weekday (``weekly``, ``monthly``) or the text is left unmapped for any other reason (two
    rhythms, an exception or condition, words with two readings)."""
    folded = " ".join(text.casefold().split())
    if not any(word in folded for word in _DAY_WORDS):  # no rhythm names a weekday without one of these words
        return ()
    _, rest = _time_and_length(folded)
    rhythm = _rhythm(rest, either_reading=True)
    return () if rhythm is None else rhythm.weekdays


# --- the rhythm ------------------------------------------------------------------------------------------------------


def _words(pattern: str, needs: Callable[[str], object] | None = None) -> Regex:
    """``pattern`` as whole words; ``needs``: a cheap test without which it cannot match (it is then not even
    compiled: a one-file lint compiles only the expressions its agreements' cadences need)."""
    return Regex(rf"\b(?:{pattern})\b", needs=needs)


def _holding(word: str) -> Callable[[str], bool]:
    return lambda text: word in text


_NTH_OF_MONTH = _words(rf"(?P<nth>{_MONTH_ORDINALS}) (?P<day>{_WEEKDAY}) (?:of|in) (?:the|each|every|a) month"
                       rf"|(?P<nth2>{_MONTH_ORDINALS}) (?P<day2>{_WEEKDAY}) (?:of|in) every "
                       rf"(?P<count>other|{_NUMBER}) months?", _holding("month"))
# "the first and | " once "third Tuesday of the month" is taken: several days of the month
_ORDINALS_BEFORE_TAKEN = Regex(rf"\b{_ORDINAL}(?:\s+(?:and|{_ORDINAL}))*\s+\|", needs=_holding("|"))
_ORDINAL_WEEKDAY = _words(rf"{_ORDINAL} (?P<day>{_WEEKDAY})s?")
_EVERY_OTHER_WEEKDAY = _words(rf"every other (?P<day>{_WEEKDAY})")
_EVERY_COUNT = _words(rf"every (?P<count>other|{_NUMBER}|{_ORDINAL}) (?P<unit>day|week|month|year)s?",
                      _holding("every"))
_PLAIN: tuple[tuple[Regex, Rhythm], ...] = (
    (_words("daily|every day|each day|once a day|once per day"), Rhythm(Frequency.DAILY)),
    (_words("every weekday|each weekday|every working day|each working day|weekdays"),
     Rhythm(Frequency.WEEKLY, weekdays=WORKING_DAYS)),
    (_words("fortnightly|every fortnight|each fortnight|once a fortnight|biweekly|bi weekly"),
     Rhythm(Frequency.WEEKLY, 2)),
    (_words("weekly|every week|each week|once a week|once per week"), Rhythm(Frequency.WEEKLY)),
    (_words("quarterly|every quarter|each quarter|once a quarter|once per quarter"), Rhythm(Frequency.MONTHLY, 3)),
    (_words("monthly|every month|each month|once a month|once per month"), Rhythm(Frequency.MONTHLY)),
    (_words("yearly|annually|every year|each year|once a year|once per year"), Rhythm(Frequency.YEARLY)),
)
_WEEKDAY_NAME = _words(rf"(?P<day>{_WEEKDAY})(?P<plural>s)?")
_RECURRING_WEEKDAY = _words(rf"(?:every|each) {_WEEKDAY}|{_WEEKDAY}s")
_UNITS = {"day": Frequency.DAILY, "week": Frequency.WEEKLY, "month": Frequency.MONTHLY, "year": Frequency.YEARLY}


def _rhythm(text: str, *, either_reading: bool = False) -> Rhythm | None:
    """The one rhythm ``text`` (lower case, times and lengths taken out) states, or None. With ``either_reading``, an
    ordinal before a weekday is read as "every other" that weekday instead of leaving the text unmapped: a rhythm
    whose weekdays are right under both readings, and only they (see :func:`cadence_weekdays`)."""
    plain = _CLAUSE_BREAK.sub(" ; ", text)
    plain = _PUNCTUATION.sub(" ", plain)  # hyphens, dashes, commas and the like read as spaces
    plain = " ".join(plain.split())
    if any(word in _QUALIFIERS for word in plain.split()):
        return None
    found: list[Rhythm] = []
    plain = _take(_NTH_OF_MONTH, plain, found, _nth_of_month)
    if _ORDINALS_BEFORE_TAKEN.search(plain):
        return None  # "the first and third Tuesday of the month": two days a month, which one RRULE here cannot say
    if _ORDINAL_WEEKDAY.search(plain):
        if not either_reading:
            return None  # "every second Monday": every other Monday, or the second Monday of the month?
        plain = _ORDINAL_WEEKDAY.sub(lambda match: f"every other {match.group('day')}", plain)
    plain = _take(_EVERY_OTHER_WEEKDAY, plain, found, _every_other_weekday)
    plain = _take(_EVERY_COUNT, plain, found, _every_count)
    for pattern, rhythm in _PLAIN:
        plain = _take(pattern, plain, found, _always(rhythm))
    return _combined(set(found), plain)


def _take(pattern: Regex, text: str, found: list[Rhythm], read: _Reader) -> str:
    """Append the rhythm of each match of ``pattern`` to ``found`` (None: an unusable match, kept as is) and
    return ``text`` with the matches blanked out, so that a later pattern does not read them again."""
    def blank(match: re.Match[str]) -> str:
        rhythm = read(match)
        if rhythm is None:
            found.append(_UNUSABLE)
            return match.group(0)
        found.append(rhythm)
        return " | "

    return pattern.sub(blank, text)


_Reader = Callable[[re.Match[str]], Rhythm | None]  # a phrase's rhythm; None: one no RRULE here can say
_UNUSABLE = Rhythm(Frequency.DAILY, interval=0)  # marks a phrase that names a rhythm no RRULE here can say


def _combined(found: set[Rhythm], rest: str) -> Rhythm | None:
    """The one rhythm of the phrases ``found``, with the weekdays named in ``rest`` (what the phrases left)."""
    if _UNUSABLE in found or len(found) > 1 or _weekday_lists(rest) > 1:
        return None
    named = tuple(sorted({WEEKDAY_NAMES.index(match.group("day")) for match in _WEEKDAY_NAME.finditer(rest)}))
    if not found:
        return Rhythm(Frequency.WEEKLY, weekdays=named) if _RECURRING_WEEKDAY.search(rest) else None
    rhythm = found.pop()
    if not named:
        return rhythm
    if rhythm.frequency is not Frequency.WEEKLY or rhythm.weekdays:
        return None  # "monthly on Mondays" (which Monday?), or weekdays named twice
    return Rhythm(Frequency.WEEKLY, rhythm.interval, named)


_PUNCTUATION = Regex(r"[^\w\s;]+|_")
_CLAUSE_BREAK = Regex(r"[;:.!?()\[\]/]")  # ends a clause; commas do not ("Monday, Wednesday and Friday")
_LIST_WORDS = frozenset({"and", "every", "each", "on"})  # what may stand between two weekdays of one list


def _weekday_lists(rest: str) -> int:
    """How many separate lists of weekdays ``rest`` holds: "every Monday and Thursday" is one, "every Monday ;
    on Fridays" (two clauses, or a time or a length between them) two."""
    lists, gap = 0, True
    for word in rest.split():
        if _WEEKDAY_NAME.fullmatch(word):
            lists += gap
            gap = False
        elif word not in _LIST_WORDS:
            gap = True
    return lists


def _always(rhythm: Rhythm) -> _Reader:
    return lambda _match: rhythm


def _nth_of_month(match: re.Match[str]) -> Rhythm | None:
    nth = match.group("nth") or match.group("nth2")
    day = match.group("day") or match.group("day2")
    count = match.group("count")
    interval = 1 if count is None else _count(count)
    if interval is None:
        return None
    return Rhythm(Frequency.MONTHLY, interval, (WEEKDAY_NAMES.index(day),), _ORDINAL_WORDS[nth])


def _every_other_weekday(match: re.Match[str]) -> Rhythm | None:
    return Rhythm(Frequency.WEEKLY, 2, (WEEKDAY_NAMES.index(match.group("day")),))


def _every_count(match: re.Match[str]) -> Rhythm | None:
    interval = _count(match.group("count"))
    return None if interval is None else Rhythm(_UNITS[match.group("unit")], interval)


def _count(word: str) -> int | None:
    """The interval ``every WORD weeks`` states: other is 2, second is 2, a number as written; None for 0 or last."""
    if word == "other":
        return 2
    value = _ORDINAL_WORDS.get(word) or _NUMBER_WORDS.get(word) or (int(word) if word.isdigit() else 0)
    return value if value > 0 else None


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> datetime.date:
    """The ``nth`` (1-4, or -1: last) ``weekday`` of the month."""
    if nth == LAST:
        next_year, next_month = _month_after(year, month)
        last = datetime.date(next_year, next_month, 1) - datetime.timedelta(days=1)
        return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _month_after(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


# --- the time of day and the length ----------------------------------------------------------------------------------

_CLOCK = r"(?:(?P<{n}h>\d{{1,2}})(?::|\.)(?P<{n}m>\d{{2}})\s*(?P<{n}x>am|pm|a\.m\.|p\.m\.)?" \
         r"|(?P<{n}hh>\d{{1,2}})\s*(?P<{n}xx>am|pm|a\.m\.|p\.m\.)|(?P<{n}noon>noon|midday))"
_RANGE = Regex(r"(?<![\w:.])" + _CLOCK.format(n="a") + r"\s*(?:-|\u2013|\u2014|to)\s*" + _CLOCK.format(n="b")
                    + r"(?![\w:])")
_TIME = Regex(r"(?<![\w:.])" + _CLOCK.format(n="a") + r"(?![\w:])(?!\s*(?:h|hours?|hrs?|min|mins|minutes?)\b)")
_LENGTH = Regex(r"(?<![\w.,])(?P<amount>\d{1,3}(?:[.,]5)?|an?|one|two|three|half an?)[\s-]?"
                     r"(?P<unit>minutes?|mins?|hours?|hrs?)\b")
_DAY = datetime.timedelta(days=1)
_TAKEN = "\x00"  # marks where a time or a length was taken out of the text: it ends a list of weekdays
_ABBREVIATIONS = ("utc", "gmt", "cet", "cest", "eet", "eest", "wet", "met", "mest", "bst", "ist", "est", "edt",
                  "cst", "cdt", "mst", "mdt", "pst", "pdt", "akst", "akdt", "hst", "aest", "aedt", "acst", "acdt",
                  "awst", "nzst", "nzdt", "jst", "kst", "hkt", "sgt", "msk")
_ZONE = Regex(_TAKEN + r"\s*\(?\s*(?P<zone>(?:" + "|".join(_ABBREVIATIONS) + r")(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?"
                   r"|[a-z]+(?:/[a-z_-]+)+)(?![\w/])", needs=_holding(_TAKEN))


class _Timing(Record):
    at: datetime.time | None
    length: datetime.timedelta | None
    note: str


def _time_and_length(text: str) -> tuple[_Timing, str]:
    """The one time of day and the one length ``text`` states (None when none, several, or in a named time zone; the
    note says why a stated time is not used), and the text without them, each taken out piece ending a clause."""
    starts: set[datetime.time | None] = set()
    lengths: set[datetime.timedelta | None] = set()
    impossible: list[str] = []

    def ranged(match: re.Match[str]) -> str:
        start, end = _clock(match, "a"), _clock(match, "b")
        starts.add(start)
        if start is None or end is None:
            impossible.append(match.group(0))
        if start is not None and end is not None and end > start:
            lengths.add(_between(start, end))
        else:
            lengths.add(None)
        return f" {_TAKEN} "

    def timed(match: re.Match[str]) -> str:
        start = _clock(match, "a")
        starts.add(start)
        if start is None:
            impossible.append(match.group(0))
        return f" {_TAKEN} "

    def lasting(match: re.Match[str]) -> str:
        lengths.add(_length(match))
        return f" {_TAKEN} "

    rest = _TIME.sub(timed, _RANGE.sub(ranged, _LENGTH.sub(lasting, text)))
    zones = sorted({match.group("zone").replace(" ", "") for match in _ZONE.finditer(rest)})
    at, length = _one(starts), _one(lengths)
    note = _time_note(starts, impossible, zones)
    timing = _Timing(None, None, note) if note else _Timing(at, length, "")
    return timing, rest.replace(_TAKEN, ";")


def _time_note(starts: set[datetime.time | None], impossible: list[str], zones: list[str]) -> str:
    """Why the time the text states is not used; "" when it states none, or one a calendar can use."""
    if impossible:
        return f"{impossible[0].strip()} is not a time of day"
    if len(starts) > 1:
        return "it names more than one time of day"
    if starts and zones:
        zone = zones[0].title() if "/" in zones[0] else zones[0].upper()
        return f"it names a time zone ({zone}), and the calendar holds local times only"
    return ""


def _one(values: set[_T | None]) -> _T | None:
    return next(iter(values)) if len(values) == 1 else None


def _clock(match: re.Match[str], name: str) -> datetime.time | None:
    if match.group(f"{name}noon"):
        return datetime.time(12)
    hour_text = match.group(f"{name}h") or match.group(f"{name}hh")
    minute = int(match.group(f"{name}m") or 0)
    suffix = (match.group(f"{name}x") or match.group(f"{name}xx") or "").replace(".", "")
    hour = int(hour_text)
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


def _between(start: datetime.time, end: datetime.time) -> datetime.timedelta:
    day = datetime.date(2000, 1, 1)
    return datetime.datetime.combine(day, end) - datetime.datetime.combine(day, start)


def _length(match: re.Match[str]) -> datetime.timedelta | None:
    amount_text, unit = match.group("amount"), match.group("unit")
    amounts = {"a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0, "half a": 0.5, "half an": 0.5}
    amount = amounts.get(amount_text)
    if amount is None:
        amount = float(amount_text.replace(",", "."))
    minutes = amount * (60 if unit.startswith(("hour", "hr")) else 1)
    length = datetime.timedelta(minutes=minutes)
    return length if datetime.timedelta(0) < length < _DAY and minutes == int(minutes) else None
