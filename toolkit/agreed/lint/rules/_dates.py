"""The dated values of an agreement, for the time and status rules (a private helper, not a rule).

Every function reads dates through :func:`day_at`, so a value that is missing, mistyped or not a calendar day is
simply left out: the schema reports those. :func:`day_at` is also the one place where a measurement day written
relative to the outcome deadline (``deadline``, ``deadline + 15 days``; the schema's ``dayAfterDeadline``, allowed at
:func:`may_be_relative` paths only) is resolved, so every date rule compares the real day and points at the text.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import Protocol

from agreed.agreement import Deliverable, Milestone, agreement_of
from agreed.document import Document, JsonPath
from agreed.lint.commitments import parse_date
from agreed.record import Record
from agreed.text.patterns import Regex

NOT_YET_AGREED = frozenset({"draft", "proposed"})

Delivered = Milestone | Deliverable
"""The items that are due by a date and may record ``delivered_on``."""

DEADLINE: JsonPath = ("results", "deadline")
DAY_AFTER_DEADLINE = Regex(r"deadline(?: \+ ([0-9]{1,4}) days?)?")
"""A day relative to the outcome deadline, exactly as the schema's ``dayAfterDeadline`` accepts it."""


class Dated(Record):
    """A calendar day found in the document at ``path``; ``relative`` is the text when it was written relative to
    the outcome deadline (``deadline + 15 days``) and ``day`` the day that text names."""

    path: JsonPath
    day: datetime.date
    relative: str | None = None

    @property
    def shown(self) -> str:
        """The day for a message: ``2031-07-15``, or ``2031-07-15 (deadline + 15 days)`` for a relative day."""
        return self.day.isoformat() if self.relative is None else f"{self.day.isoformat()} ({self.relative})"


def may_be_relative(path: JsonPath) -> bool:
    """Whether the schema lets the value at ``path`` be written relative to the deadline: the measurement days
    (``celebration.measurement.on`` and ``communicated_on``, each target's ``measured_on``)."""
    match path:
        case ("celebration", "measurement", "on" | "communicated_on"):
            return True
        case ("celebration", "targets", int(), "measured_on"):
            return True
    return False


def day_at(document: Document, path: JsonPath) -> Dated | None:
    """The day at ``path``: a calendar date, or (where :func:`may_be_relative`) a day relative to the outcome
    deadline resolved against it; None for anything else, and for a relative day without a calendar deadline."""
    value = document.value_at(path)
    day = parse_date(value)
    if day is not None:
        return Dated(path, day)
    match = DAY_AFTER_DEADLINE.fullmatch(value) if isinstance(value, str) and may_be_relative(path) else None
    deadline = parse_date(document.value_at(DEADLINE)) if match is not None else None
    if match is None or deadline is None:
        return None
    try:
        return Dated(path, deadline + datetime.timedelta(days=int(match.group(1) or 0)), value)
    except OverflowError:  # past the year 9999: the deadline is the schema's to question
        return None


def date_at(document: Document, *path: str | int) -> Dated | None:
    """:func:`day_at` with the path's steps as arguments."""
    return day_at(document, path)


def status(document: Document) -> str | None:
    """The agreement's status, if it is a string (any other value is the schema's to report)."""
    return agreement_of(document).status


def days(count: int) -> str:
    """``count`` days in words: "1 day", "15 days"."""
    return f"{count} day{'' if count == 1 else 's'}"


def delivered_items(document: Document) -> Iterator[Delivered]:
    """Every milestone, then every deliverable."""
    agreement = agreement_of(document)
    yield from agreement.milestones
    yield from agreement.deliverables


def due_items(document: Document) -> Iterator[tuple[Dated, Delivered]]:
    """The due date of every milestone, then of every deliverable, with its item."""
    for item in delivered_items(document):
        due = day_at(document, (*item.path, "due"))
        if due is not None:
            yield due, item


def check_in_dates(document: Document) -> Iterator[Dated]:
    """The calendar days of ``results.check_ins.dates``, in listed order."""
    check_ins = results.check_ins if (results := agreement_of(document).results) is not None else None
    for entry in check_ins.dates if check_ins is not None else ():
        dated = day_at(document, entry.path)
        if dated is not None:
            yield dated


class Located(Protocol):
    """A list item of the typed view: anything that knows its path."""

    @property
    def path(self) -> JsonPath: ...


def item_dates(document: Document, field: str, listed: Iterable[Located]) -> Iterator[Dated]:
    """The day in ``field`` of every item of ``listed`` (such as the agreement's targets)."""
    for item in listed:
        dated = day_at(document, (*item.path, field))
        if dated is not None:
            yield dated


def planned_dates(document: Document) -> Iterator[Dated]:
    """Every day the agreement plans for: the outcome deadline, due dates, check-ins, measurement and hand-offs."""
    for single in (("results", "deadline"), ("celebration", "measurement", "on"),
                   ("celebration", "measurement", "communicated_on")):
        dated = date_at(document, *single)
        if dated is not None:
            yield dated
    yield from (dated for dated, _ in due_items(document))
    agreement = agreement_of(document)
    yield from check_in_dates(document)
    yield from item_dates(document, "measured_on", agreement.targets)
    yield from item_dates(document, "due", agreement.handoffs)


def item_name(document: Document, path: JsonPath) -> str:
    """How a message names the list item at ``path``: its id in quotes, or its position."""
    item = document.value_at(path)
    item_id = item.get("id") if isinstance(item, dict) else None
    return repr(item_id) if isinstance(item_id, str) and item_id else f"number {int(path[-1]) + 1}"
