"""Every dated item of one agreement, as people plan by them: what falls on which day, who owes it, whether it is done.

One list for every reader of an agreement's dates (``agreed due``, the site, the calendar), built from the typed view
(:mod:`agreed.agreement`), so they all agree on what is dated and when:

- each deliverable and milestone (``due``; done when ``delivered_on`` is written), owner its ``owner``, for its
  recipients (``for`` / ``to``);
- each check-in date (``results.check_ins.dates``), shared by all parties; the cadence is prose and stays in the view
  (``results.check_ins.cadence``);
- the measurement day (``celebration.measurement.on``; done when every target records what was measured) and each
  target's ``measured_on`` (done when that target records it), both possibly written relative to the outcome deadline
  (``deadline + 15 days``, resolved against ``results.deadline``); a target counts as measured once a measured value is
  recorded (:func:`agreed.measured.is_measured`);
- the announcement (``celebration.measurement.communicated_on``), owed by the ``announcer`` to ``for_whom`` and
  ``serving_whom``;
- each hand-off (``due``), owed by its ``from`` to its ``to``;
- reservation reviews and renegotiation triggers: the format gives them no date field, so every calendar date written
  in a reservation's ``monitoring`` ("names a backup by 2031-02-27") or in a renegotiation signal ("if the budget is
  not approved by 2031-05-01") is one item; other words for a time ("each quarter") are left to the people;
- the term's start and end.

A date that is missing, empty or not a calendar day is left out (the schema and lint report it). Which items can be
late, as opposed to days that simply pass, is :attr:`ItemKind.can_be_late`.

An item's ``key`` never depends on its place in a list, so it survives an edit that inserts or moves other entries
(calendar UIDs are made of it): ``kind:id`` where the entry has an id, else ``kind:#`` and a short digest of its text
(``trigger:#3f2a91c0:2031-05-01``); a key two items share gets ``~2``, ``~3``... in their order.
"""

from __future__ import annotations

import datetime
import enum
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from agreed.agreement import Agreement, JsonPath, Text
from agreed.measured import is_measured

__all__ = ["DatedItem", "ItemKind", "dated_items", "day_of", "one_line"]


class ItemKind(enum.StrEnum):
    """What a dated item is, as a person names it."""

    DELIVERABLE = "deliverable"
    MILESTONE = "milestone"
    CHECK_IN = "check-in"
    MEASUREMENT = "measurement"
    ANNOUNCEMENT = "announcement"
    HANDOFF = "hand-off"
    RESERVATION_REVIEW = "reservation review"
    TRIGGER = "renegotiation trigger"
    TERM_START = "term start"
    TERM_END = "term end"

    @property
    def can_be_late(self) -> bool:
        """Whether an item of this kind is overdue once its day passes without it being done: deliverables,
        milestones and measurements (the agreement records their completion: ``delivered_on``, ``measured``) and
        the term's end (an agreement still in force after its term must be closed or renegotiated). The other days
        are dates in the diary: the format has no place to record that a check-in, an announcement, a hand-off, a
        review or a trigger took place, so they pass instead of staying late for ever."""
        return self in _CAN_BE_LATE


_CAN_BE_LATE = frozenset({ItemKind.DELIVERABLE, ItemKind.MILESTONE, ItemKind.MEASUREMENT, ItemKind.TERM_END})


@dataclass(frozen=True, slots=True)
class DatedItem:
    """One dated item of an agreement.

    ``key`` is stable within the agreement and unique in it (``deliverable:d1``, ``check-in:2031-03-01``,
    ``term:end``): an item's id where it has one, its place in its list otherwise. ``what`` is one line a person
    reads; ``owner`` the party accountable (None where the item has none); ``counterparts`` the party ids or names it
    is for; ``path`` the JSON path of the value that carries the date."""

    kind: ItemKind
    key: str
    what: str
    on: datetime.date
    owner: str | None
    counterparts: tuple[str, ...]
    done: bool
    path: JsonPath

    def overdue(self, today: datetime.date) -> bool:
        """Whether the item is late on ``today``: of a kind that can be late, not done, and its day before today."""
        return self.kind.can_be_late and not self.done and self.on < today

    def concerns(self, party: str) -> bool:
        """Whether ``party`` owes the item or it is for them."""
        return self.owner == party or party in self.counterparts


def dated_items(agreement: Agreement) -> tuple[DatedItem, ...]:
    """Every dated item of ``agreement`` (see the module), sorted by (day, key); dates that do not parse are left
    out."""
    items = _unique_keys(_all_items(agreement))
    return tuple(sorted(items, key=lambda item: (item.on, item.key)))


# --- days --------------------------------------------------------------------------------------------------------

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DAY_IN_TEXT = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])", re.ASCII)
_DAY_AFTER_DEADLINE = re.compile(r"deadline(?: \+ ([0-9]{1,4}) days?)?")
"""A day relative to the outcome deadline, exactly as the schema's ``dayAfterDeadline`` accepts it."""


def day_of(value: str | None, deadline: str | None = None) -> datetime.date | None:
    """The calendar day ``value`` names (``YYYY-MM-DD``); with ``deadline`` given, also a day relative to it
    (``deadline``, ``deadline + 15 days``). None for anything else."""
    if value is None:
        return None
    if _ISO_DAY.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    relative = _DAY_AFTER_DEADLINE.fullmatch(value) if deadline is not None else None
    base = day_of(deadline) if relative is not None else None
    if relative is None or base is None:
        return None
    try:
        return base + datetime.timedelta(days=int(relative.group(1) or 0))
    except OverflowError:  # past the year 9999
        return None


def days_in_text(text: str | None) -> tuple[datetime.date, ...]:
    """The distinct calendar days written as ``YYYY-MM-DD`` in prose, in the order they first appear."""
    found: dict[datetime.date, None] = {}
    for match in _DAY_IN_TEXT.finditer(text or ""):
        day = day_of(match.group())
        if day is not None:
            found.setdefault(day)
    return tuple(found)


def one_line(text: str | None) -> str:
    """``text`` with every run of white space (line breaks included) one space, stripped."""
    return " ".join((text or "").split())


# --- the items ---------------------------------------------------------------------------------------------------


def _all_items(agreement: Agreement) -> Iterator[DatedItem]:
    everyone = tuple(sorted(agreement.party_ids))
    yield from _term_items(agreement, everyone)
    yield from _deliverable_items(agreement)
    yield from _milestone_items(agreement)
    yield from _check_in_items(agreement, everyone)
    yield from _measurement_items(agreement, everyone)
    yield from _handoff_items(agreement)
    yield from _reservation_items(agreement, everyone)
    yield from _trigger_items(agreement, everyone)


def _term_items(agreement: Agreement, everyone: tuple[str, ...]) -> Iterator[DatedItem]:
    term = agreement.term
    if term is None:
        return
    for kind, name, value, what in ((ItemKind.TERM_START, "start", term.start, "The agreement's term starts"),
                                    (ItemKind.TERM_END, "end", term.end, "The agreement's term ends")):
        day = day_of(value)
        if day is not None:
            yield DatedItem(kind, f"term:{name}", what, day, None, everyone, False, (*term.path, name))


def _deliverable_items(agreement: Agreement) -> Iterator[DatedItem]:
    for index, item in enumerate(agreement.deliverables):
        day = day_of(item.due)
        if day is not None:
            yield DatedItem(ItemKind.DELIVERABLE, _key("deliverable", item.id, item.what),
                            _named(item.id, item.what, "deliverable", index), day, _owner(item.owner),
                            _texts(item.recipients), item.delivered, (*item.path, "due"))


def _milestone_items(agreement: Agreement) -> Iterator[DatedItem]:
    for index, item in enumerate(agreement.milestones):
        day = day_of(item.due)
        if day is not None:
            recipient = one_line(item.recipient)
            yield DatedItem(ItemKind.MILESTONE, _key("milestone", item.id, item.what),
                            _named(item.id, item.what, "milestone", index), day, _owner(item.owner),
                            (recipient,) if recipient else (), item.delivered, (*item.path, "due"))


def _check_in_items(agreement: Agreement, everyone: tuple[str, ...]) -> Iterator[DatedItem]:
    check_ins = agreement.results.check_ins if agreement.results is not None else None
    for entry in check_ins.dates if check_ins is not None else ():
        day = day_of(entry.text)
        if day is not None:
            yield DatedItem(ItemKind.CHECK_IN, f"check-in:{day.isoformat()}", "Check-in of all parties", day, None,
                            everyone, False, entry.path)


def _measurement_items(agreement: Agreement, everyone: tuple[str, ...]) -> Iterator[DatedItem]:
    """A target measured on the celebration's measurement day is part of "Measure the results" (done once each such
    target records its value); a target measured on a day of its own is an item of its own."""
    celebration = agreement.celebration
    if celebration is None:
        return
    deadline = agreement.results.deadline if agreement.results is not None else None
    measurement = celebration.measurement
    measured_day = day_of(measurement.on, deadline) if measurement is not None else None
    on_the_day = []
    for index, target in enumerate(celebration.targets):
        day = day_of(target.measured_on, deadline)
        if day is None or day == measured_day:
            on_the_day.append(target)
            continue
        shown = one_line(target.metric) or target.id or f"target {index + 1}"
        yield DatedItem(ItemKind.MEASUREMENT, _key("measurement", target.id, target.metric), f"Measure: {shown}",
                        day, None, everyone, is_measured(target), (*target.path, "measured_on"))
    if measurement is None:
        return
    if measured_day is not None:
        all_measured = bool(on_the_day) and all(is_measured(target) for target in on_the_day)
        yield DatedItem(ItemKind.MEASUREMENT, "measurement:results", "Measure the results", measured_day, None,
                        everyone, all_measured, (*measurement.path, "on"))
    announced_day = day_of(measurement.communicated_on, deadline)
    if announced_day is not None:
        audience = agreement.results.for_whom + agreement.results.serving_whom if agreement.results else ()
        announcer = _owner(celebration.announcer)
        yield DatedItem(ItemKind.ANNOUNCEMENT, "announcement", "Announce the results", announced_day,
                        announcer, tuple(name for name in _texts(audience) if name != announcer), False,
                        (*measurement.path, "communicated_on"))


def _handoff_items(agreement: Agreement) -> Iterator[DatedItem]:
    for index, item in enumerate(agreement.handoffs):
        day = day_of(item.due)
        if day is not None:
            receiver = one_line(item.receiver)
            what = _named(item.id, item.what, "hand-off", index)
            yield DatedItem(ItemKind.HANDOFF, _key("hand-off", item.id, item.what),
                            f"{what} (to {receiver})" if receiver else what, day, _owner(item.giver),
                            (receiver,) if receiver else (), False, (*item.path, "due"))


def _reservation_items(agreement: Agreement, everyone: tuple[str, ...]) -> Iterator[DatedItem]:
    reservations = agreement.relationship.reservations if agreement.relationship is not None else ()
    for item in reservations:
        name = " ".join(("Review reservation", one_line(item.id))).rstrip()
        concern = one_line(item.concern)
        key = _key("reservation", item.id, f"{item.concern}\n{item.monitoring}")
        for day in days_in_text(item.monitoring):
            what = name + (f": {concern}" if concern else "")
            yield DatedItem(ItemKind.RESERVATION_REVIEW, f"{key}:{day.isoformat()}", what, day, None,
                            everyone, False, (*item.path, "monitoring"))


def _trigger_items(agreement: Agreement, everyone: tuple[str, ...]) -> Iterator[DatedItem]:
    signals = agreement.relationship.renegotiation_signals if agreement.relationship is not None else ()
    for signal in signals:
        key = _key("trigger", None, signal.text)
        for day in days_in_text(signal.text):
            yield DatedItem(ItemKind.TRIGGER, f"{key}:{day.isoformat()}",
                            f"Renegotiate if: {one_line(signal.text)}", day, None, everyone, False, signal.path)


def _key(kind: str, item_id: str | None, text: str | None) -> str:
    """``kind:id``, or for an item without a usable id ``kind:#`` and a digest of its ``text`` (not its place in
    the list, which changes when another entry is inserted before it)."""
    shown = one_line(item_id)
    return f"{kind}:{shown}" if shown else f"{kind}:#{_digest(one_line(text))}"


def _digest(text: str) -> str:
    """Eight hex digits standing for ``text``: short enough for a UID, stable across runs and machines."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def _named(item_id: str | None, what: str | None, kind: str, index: int) -> str:
    """What the item is, in one line: its ``what``, else its id, else its kind and place."""
    return one_line(what) or one_line(item_id) or f"{kind} {index + 1}"


def _owner(owner: str | None) -> str | None:
    shown = one_line(owner)
    return shown or None


def _texts(entries: Iterable[Text]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(shown for entry in entries if (shown := one_line(entry.text))))


def _unique_keys(items: Iterable[DatedItem]) -> Iterator[DatedItem]:
    """The items, each key made unique by a ``~2``, ``~3``... suffix where two items share one (two deliverables
    with one id, a check-in date listed twice): the first keeps the plain key."""
    seen: dict[str, int] = {}
    for item in items:
        count = seen.get(item.key, 0) + 1
        seen[item.key] = count
        yield item if count == 1 else _rekeyed(item, f"{item.key}~{count}")


def _rekeyed(item: DatedItem, key: str) -> DatedItem:
    return DatedItem(item.kind, key, item.what, item.on, item.owner, item.counterparts, item.done, item.path)
