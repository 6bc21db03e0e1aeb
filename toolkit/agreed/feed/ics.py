"""Revised events as an RFC 5545 calendar, written by the ``icalendar`` library (which escapes text, folds long
lines and ends every line with CRLF).

The calendar has no METHOD: it is published, not sent as an invitation, so it names no ORGANIZER (none of the
parties sent it) and asks no attendee for an answer (RSVP=FALSE). Events come in a stable order (by their first
day, then UID), so the same events give the same bytes.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import icalendar

from agreed.feed.revisions import Revised

PRODUCT = "-//agreed//agreed calendar//EN"


def calendar_text(events: Sequence[Revised], name: str) -> str:
    """The calendar named ``name`` holding ``events``, as text with CRLF line ends."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    for revised in sorted(events, key=_order):
        calendar.add_component(_component(revised))
    text: str = calendar.to_ical().decode("utf-8")
    return text


def _order(revised: Revised) -> tuple[str, str]:
    start = revised.event.start
    day = start.date() if isinstance(start, datetime.datetime) else start
    return day.isoformat(), revised.event.uid


def _component(revised: Revised) -> icalendar.Event:
    event = revised.event
    component = icalendar.Event()
    component.add("uid", event.uid)
    component.add("dtstamp", revised.modified)
    component.add("created", revised.created)
    component.add("last-modified", revised.modified)
    component.add("sequence", revised.sequence)
    component.add("summary", event.summary)
    component.add("description", event.description)
    component.add("dtstart", event.start)
    component.add("dtend", event.end)
    if event.rhythm is not None:
        component.add("rrule", {**event.rhythm.rule(), "UNTIL": [event.until]} if event.until is not None
                      else event.rhythm.rule())
    component.add("status", event.status.value)
    component.add("transp", "OPAQUE" if event.busy else "TRANSPARENT")
    component.add("categories", [event.category])
    for attendee in event.attendees:
        component.add("attendee", _address(attendee.email, attendee.name))
    if event.url is not None:
        component.add("url", event.url)
    return component


def _address(email: str, name: str) -> icalendar.vCalAddress:
    address = icalendar.vCalAddress(f"mailto:{email}")
    address.params["CN"] = name
    address.params["CUTYPE"] = "INDIVIDUAL"
    address.params["ROLE"] = "REQ-PARTICIPANT"
    address.params["RSVP"] = "FALSE"
    return address

