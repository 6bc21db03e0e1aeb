"""The dated values of an agreement, for the time and status rules (a private helper, not a rule).

Every function reads dates with :func:`~agreed.lint.commitments.parse_date`, so a value that is missing, mistyped or
not a calendar day is simply left out: the schema reports those.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from agreed.document import Document, JsonPath
from agreed.lint.commitments import items, parse_date

IN_FORCE = frozenset({"active", "renegotiating"})
"""The statuses under which the partners are still working to the agreement's dates."""

NOT_YET_AGREED = frozenset({"draft", "proposed"})

DELIVERED_LISTS: tuple[tuple[str, str], ...] = (("results", "milestones"), ("results", "deliverables"))
"""The lists whose items are due by a date and may record ``delivered_on``."""


@dataclass(frozen=True, slots=True)
class Dated:
    """A calendar day found in the document at ``path``."""

    path: JsonPath
    day: datetime.date


def date_at(document: Document, *path: str | int) -> Dated | None:
    day = parse_date(document.value_at(path))
    return None if day is None else Dated(path, day)


def status(document: Document) -> str | None:
    """The agreement's status, if it is a string (any other value is the schema's to report)."""
    value = document.value_at(("status",))
    return value if isinstance(value, str) else None


def days(count: int) -> str:
    """``count`` days in words: "1 day", "15 days"."""
    return f"{count} day{'' if count == 1 else 's'}"


def is_delivered(item: Mapping[str, Any]) -> bool:
    """Whether the item records a delivery (a value of the wrong type counts: the schema reports it)."""
    return item.get("delivered_on") not in (None, "")


def due_items(document: Document) -> Iterator[tuple[Dated, Mapping[str, Any]]]:
    """The due date of every milestone, then of every deliverable, with its item."""
    for section in DELIVERED_LISTS:
        for path, item in items(document, *section):
            due = parse_date(item.get("due"))
            if due is not None:
                yield Dated((*path, "due"), due), item


def dates_in(document: Document, *section: str) -> Iterator[Dated]:
    """The calendar days of the list at ``section`` (such as ``results.check_ins.dates``), in listed order."""
    listed = document.value_at(section)
    if not isinstance(listed, list):
        return
    for index, value in enumerate(listed):
        day = parse_date(value)
        if day is not None:
            yield Dated((*section, index), day)


def item_dates(document: Document, field: str, *section: str) -> Iterator[Dated]:
    """The day in ``field`` of every item of the list at ``section``."""
    for path, item in items(document, *section):
        day = parse_date(item.get(field))
        if day is not None:
            yield Dated((*path, field), day)


def planned_dates(document: Document) -> Iterator[Dated]:
    """Every day the agreement plans for: the outcome deadline, due dates, check-ins, measurement and hand-offs."""
    for single in (("results", "deadline"), ("celebration", "measurement", "on"),
                   ("celebration", "measurement", "communicated_on")):
        dated = date_at(document, *single)
        if dated is not None:
            yield dated
    yield from (dated for dated, _ in due_items(document))
    yield from dates_in(document, "results", "check_ins", "dates")
    yield from item_dates(document, "measured_on", "celebration", "targets")
    yield from item_dates(document, "due", "celebration", "handoffs")


def item_name(document: Document, path: JsonPath) -> str:
    """How a message names the list item at ``path``: its id in quotes, or its position."""
    item = document.value_at(path)
    item_id = item.get("id") if isinstance(item, dict) else None
    return repr(item_id) if isinstance(item_id, str) and item_id else f"number {int(path[-1]) + 1}"
