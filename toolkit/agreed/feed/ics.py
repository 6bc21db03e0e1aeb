"""Revised events as an RFC 5545 calendar, written by the ``icalendar`` library (which escapes text, folds long
lines and ends every line with CRLF).

Text from the agreements is data: the library escapes what RFC 5545 gives a meaning (commas, semicolons,
backslashes, line breaks, quotes in parameters), and every control character RFC 5545 does not allow in text, every
bidirectional control and a byte of a file name that is not UTF-8 is written ``\\xNN`` / ``\\uNNNN`` first
(:func:`agreed.visible.visible`), as in every report a person reads. An email address is percent-encoded into its
``mailto:`` URI.

The calendar has no METHOD: it is published, not sent as an invitation, so it names no ORGANIZER (none of the
parties sent it) and asks no attendee for an answer (RSVP=FALSE). Events come in a stable order (by their first
day, then UID), so the same events give the same bytes.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from urllib.parse import quote

import icalendar

from agreed.feed.revisions import Revised
from agreed.visible import visible

PRODUCT = "-//agreed//agreed calendar//EN"
_MAILTO_SAFE = "@!$&'*+=^_`{|}~.-"  # what an address keeps as it is in a mailto: URI (RFC 6068)


def calendar_text(events: Sequence[Revised], name: str) -> str:
    """The calendar named ``name`` holding ``events``, as text with CRLF line ends."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", visible(name))
    calendar.add("x-wr-calname", visible(name))
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
    component.add("uid", visible(event.uid))
    component.add("dtstamp", revised.modified)
    component.add("created", revised.created)
    component.add("last-modified", revised.modified)
    component.add("sequence", revised.sequence)
    component.add("summary", visible(event.summary))
    component.add("description", "\n".join(visible(line) for line in event.description.split("\n")))
    component.add("dtstart", event.start)
    if event.end is not None:
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
    address = icalendar.vCalAddress("mailto:" + quote(visible(email), safe=_MAILTO_SAFE))
    address.params["CN"] = visible(name)
    address.params["CUTYPE"] = "INDIVIDUAL"
    address.params["ROLE"] = "REQ-PARTICIPANT"
    address.params["RSVP"] = "FALSE"
    return address

