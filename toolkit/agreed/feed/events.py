"""The calendar events of one agreement: one per dated item (:mod:`agreed.schedule`), and its check-ins as one
recurring series where the cadence states a rhythm (:mod:`agreed.cadence`).

- Due dates, measurement and announcement days, hand-offs, dated reviews and triggers, and the term's start and end
  are all-day events (the format gives them a day, not a time), marked free so they do not block anyone's diary.
  The term is two one-day events, its start and its end, rather than one bar across every day of the year.
- Check-ins: when the cadence maps to a rhythm and the term has a start and an end, they are one series from the
  first day on or after the term's start that the rhythm meets, until the term's end; the listed check-in dates the
  series meets are in it, the others stay events of their own. At the cadence's time of day (and for its length)
  when it states one, as floating local time, and busy; all-day and free otherwise, like every other all-day item.
  A time the cadence states but the calendar cannot use (no time of day, several, or one in a named time zone) is
  left out, and the description says why.
- The event's status follows the agreement's: tentative while it is a draft or proposed, cancelled once ended
  (closed unfulfilled), confirmed otherwise.

An event's ``uid`` is ``{agreement id}/{item key}@agreed`` (the series: ``{agreement id}/check-ins@agreed``), so an
updated calendar replaces its events instead of adding copies. Attendees are the parties the item concerns (its
owner and those it is for; everyone for shared items) that have an email address.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from agreed.agreement import Agreement, Party
from agreed.cadence import Cadence, Rhythm, read_cadence
from agreed.printable import printable
from agreed.schedule import DatedItem, ItemKind, dated_items, day_of, one_line

UID_DOMAIN = "agreed"
SERIES_KEY = "check-ins"
_DAY = datetime.timedelta(days=1)
_LABELS = {ItemKind.DELIVERABLE: "Due: ", ItemKind.MILESTONE: "Milestone due: ", ItemKind.HANDOFF: "Hand-off: "}
_SHORT = {ItemKind.CHECK_IN: "Check-in", ItemKind.TERM_START: "Term starts", ItemKind.TERM_END: "Term ends"}
_DONE_WORDS = {ItemKind.DELIVERABLE: "delivered", ItemKind.MILESTONE: "delivered", ItemKind.MEASUREMENT: "measured"}


class Status(StrEnum):
    TENTATIVE = "TENTATIVE"
    CONFIRMED = "CONFIRMED"
    CANCELLED = "CANCELLED"


_STATUS_OF = {"draft": Status.TENTATIVE, "proposed": Status.TENTATIVE, "ended": Status.CANCELLED}


@dataclass(frozen=True, slots=True)
class Attendee:
    party: str
    name: str
    email: str


@dataclass(frozen=True, slots=True)
class Event:
    """One calendar event. ``start`` and ``end`` (exclusive) are days for an all-day event, floating local times
    otherwise; no ``end`` is a moment (a time without a length: RFC 5545 wants an end later than the start). A
    series has its ``rhythm`` and the last day it may meet, ``until``. ``concerns`` holds the party ids and names
    the event is owed by, owed to or attended by (what ``--party`` matches)."""

    uid: str
    summary: str
    description: str
    start: datetime.date | datetime.datetime
    end: datetime.date | datetime.datetime | None
    status: Status
    busy: bool
    category: str
    attendees: tuple[Attendee, ...] = ()
    concerns: frozenset[str] = frozenset()
    rhythm: Rhythm | None = None
    until: datetime.date | datetime.datetime | None = None
    url: str | None = None

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime.datetime)

    def fingerprint(self) -> str:
        """A digest of everything the event says: equal exactly when two versions of it read alike."""
        fields = [self.uid, self.summary, self.description, self.start.isoformat(),
                  None if self.end is None else self.end.isoformat(),
                  self.status.value, self.busy, self.category,
                  [[attendee.party, attendee.name, attendee.email] for attendee in self.attendees],
                  None if self.rhythm is None else {part: [str(value) for value in values]
                                                    for part, values in self.rhythm.rule().items()},
                  None if self.until is None else self.until.isoformat(), self.url]
        return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an agreement's events point: its file as shown, and its page on the site (None without a site)."""

    file: str
    page: str | None = None


def events_of(agreement: Agreement, origin: Origin) -> tuple[Event, ...]:
    """The events of ``agreement`` (which must have an id), in the order of their items."""
    assert agreement.id is not None, "an agreement without an id has no stable event names"
    check_ins = agreement.results.check_ins if agreement.results is not None else None
    cadence = read_cadence(check_ins.cadence) if check_ins is not None and check_ins.cadence else Cadence()
    series = _series_start(agreement, cadence.rhythm)
    events = [_item_event(agreement, origin, item, cadence) for item in dated_items(agreement)
              if not _in_series(item, cadence.rhythm, series)]
    if series is not None and cadence.rhythm is not None:
        events.append(_series_event(agreement, origin, cadence, cadence.rhythm, series))
    return tuple(events)


def _series_start(agreement: Agreement, rhythm: Rhythm | None) -> tuple[datetime.date, datetime.date] | None:
    """The first and the last day of the check-in series: the first day the rhythm meets from the term's start on,
    and the term's end; None without a rhythm, a term with both days, or a day of it inside the term."""
    term = agreement.term
    if rhythm is None or term is None:
        return None
    start, end = day_of(term.start), day_of(term.end)
    if start is None or end is None:
        return None
    try:
        first = rhythm.first_on_or_after(start)
    except (OverflowError, ValueError):  # the calendar's last days
        return None
    return (first, end) if first <= end else None


def _in_series(item: DatedItem, rhythm: Rhythm | None, series: tuple[datetime.date, datetime.date] | None) -> bool:
    if item.kind is not ItemKind.CHECK_IN or rhythm is None or series is None:
        return False
    first, last = series
    return item.on <= last and rhythm.occurs_on(first, item.on)


def _item_event(agreement: Agreement, origin: Origin, item: DatedItem, cadence: Cadence) -> Event:
    start, end = _when(item.on, cadence if item.kind is ItemKind.CHECK_IN else Cadence())
    lines = [f"{item.kind.value.capitalize()}: {item.what}", *_agreement_lines(agreement, origin),
             *_people_lines(agreement, item), *_done_line(item)]
    if item.kind is ItemKind.CHECK_IN:
        lines += _check_in_lines(agreement, cadence)
    return Event(
        uid=_uid(agreement, item.key),
        summary=_summary(agreement, item),
        description=_description(lines, origin),
        start=start, end=end,
        status=_status(agreement),
        busy=item.kind is ItemKind.CHECK_IN and isinstance(start, datetime.datetime),
        category=item.kind.value,
        attendees=_attendees(agreement, (item.owner, *item.counterparts)),
        concerns=frozenset(name for name in (item.owner, *item.counterparts) if name),
        url=origin.page,
    )


def _series_event(agreement: Agreement, origin: Origin, cadence: Cadence, rhythm: Rhythm,
                  series: tuple[datetime.date, datetime.date]) -> Event:
    first, last = series
    start, end = _when(first, cadence)
    until: datetime.date | datetime.datetime = (last if cadence.at is None
                                                else datetime.datetime.combine(last, datetime.time(23, 59, 59)))
    everyone = tuple(sorted(agreement.party_ids))
    lines = [f"{ItemKind.CHECK_IN.value.capitalize()}s of all parties, until the term ends on {last.isoformat()}",
             *_agreement_lines(agreement, origin), *_check_in_lines(agreement, cadence)]
    return Event(
        uid=_uid(agreement, SERIES_KEY),
        summary=f"[{agreement.id}] Check-in",
        description=_description(lines, origin),
        start=start, end=end,
        status=_status(agreement),
        busy=cadence.at is not None,
        category=ItemKind.CHECK_IN.value,
        attendees=_attendees(agreement, everyone),
        concerns=frozenset(everyone),
        rhythm=rhythm, until=until,
        url=origin.page,
    )


def _when(day: datetime.date, cadence: Cadence) -> tuple[datetime.date | datetime.datetime,
                                                          datetime.date | datetime.datetime | None]:
    """All day on ``day``; at the cadence's time (and for its length; none: a moment) when it states one."""
    if cadence.at is None:
        return day, day + _DAY
    start = datetime.datetime.combine(day, cadence.at)
    return start, None if cadence.length is None else start + cadence.length


def _uid(agreement: Agreement, key: str) -> str:
    return f"{agreement.id}/{key}@{UID_DOMAIN}"


def _summary(agreement: Agreement, item: DatedItem) -> str:
    done = f" ({_DONE_WORDS[item.kind]})" if item.done and item.kind in _DONE_WORDS else ""
    label = _LABELS.get(item.kind, "")
    what = _SHORT.get(item.kind, item.what)
    return f"[{agreement.id}] {label}{what}{done}"


def _status(agreement: Agreement) -> Status:
    return _STATUS_OF.get(agreement.status or "", Status.CONFIRMED)


def _agreement_lines(agreement: Agreement, origin: Origin) -> Iterator[str]:
    title = one_line(agreement.title)
    yield f"Agreement: {title} ({agreement.id})" if title else f"Agreement: {agreement.id}"
    yield f"File: {printable(origin.file)}"  # a stray byte of the name as \\xNN, as every output names it
    if agreement.status:
        yield f"Status of the agreement: {one_line(agreement.status)}"


def _people_lines(agreement: Agreement, item: DatedItem) -> Iterator[str]:
    if item.owner:
        yield f"Owner: {_person(agreement, item.owner)}"
    if item.counterparts:
        yield "For: " + ", ".join(_person(agreement, name) for name in item.counterparts)


def _done_line(item: DatedItem) -> Iterator[str]:
    if item.kind in _DONE_WORDS:
        yield f"Done: {'yes, ' + _DONE_WORDS[item.kind] if item.done else 'not yet'}"


def _check_in_lines(agreement: Agreement, cadence: Cadence) -> Iterator[str]:
    check_ins = agreement.results.check_ins if agreement.results is not None else None
    if check_ins is None:
        return
    if one_line(check_ins.cadence):
        yield f"Cadence: {one_line(check_ins.cadence)}"
    if cadence.time_note:
        yield f"Time: all day here, as the cadence's time is left out: {cadence.time_note}"
    if one_line(check_ins.how):
        yield f"How: {one_line(check_ins.how)}"


def _description(lines: Sequence[str], origin: Origin) -> str:
    return "\n".join([*lines, *([f"Page: {origin.page}"] if origin.page else [])])


def _person(agreement: Agreement, name: str) -> str:
    """A party as ``Name (id)``; anyone else as written."""
    party = agreement.party(name)
    shown = party.shown_name if party is not None else None
    return f"{one_line(shown)} ({name})" if shown and one_line(shown) != name else name


def _attendees(agreement: Agreement, names: Sequence[str | None]) -> tuple[Attendee, ...]:
    """The parties among ``names`` with an email address, each once, by party id."""
    found = {attendee.party: attendee for name in dict.fromkeys(names) if name
             if (attendee := _attendee(agreement.party(name))) is not None}
    return tuple(found[party] for party in sorted(found))


def _attendee(party: Party | None) -> Attendee | None:
    """The party as an attendee; None when it has no id or no email address."""
    if party is None or party.id is None or not one_line(party.email):
        return None
    return Attendee(party.id, one_line(party.shown_name) or party.id, one_line(party.email))
