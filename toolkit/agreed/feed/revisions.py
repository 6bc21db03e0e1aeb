"""How often each event has been revised, and when: SEQUENCE, CREATED and LAST-MODIFIED from the file's history.

A calendar that imports an event again replaces the copy it holds when the UID is the same and the SEQUENCE is
higher, so the sequence must grow whenever what the event says changes, and only then. It is counted over the
agreement file's versions in git (oldest first, following renames): the events of each version are built again,
and an event's sequence is the number of versions in which it differed from how it last read. The work tree counts
as one more version when it differs from the last commit, so an uncommitted edit raises the sequence too.

The times are commit times: CREATED the commit in which the event first appeared, LAST-MODIFIED (and DTSTAMP, the
time the event's information was last revised) the commit that last changed it. An edit not yet committed keeps the
last commit's time, and an event never committed has :data:`NEVER` (1970-01-01T00:00:00Z), so the output never
depends on the clock.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from agreed.feed.events import Event

NEVER = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True, slots=True)
class Version:
    """The events of one version of an agreement file; ``committed`` is the commit's time (None: the work tree)."""

    committed: datetime.datetime | None
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class Revised:
    """An event with its revision: ``sequence`` counts its changes; ``created`` and ``modified`` are UTC times."""

    event: Event
    sequence: int
    created: datetime.datetime
    modified: datetime.datetime


@dataclass(slots=True)
class _Trace:
    fingerprint: str
    sequence: int
    created: datetime.datetime
    modified: datetime.datetime


def revised(current: Sequence[Event], versions: Iterable[Version]) -> tuple[Revised, ...]:
    """``current`` (the events as the file reads now) with their revisions counted over ``versions``, the file's
    committed versions oldest first; the current events count as the newest version."""
    traces: dict[str, _Trace] = {}
    for version in (*versions, Version(None, tuple(current))):
        for event in version.events:
            _follow(traces, event, version.committed)
    return tuple(_revised(event, traces[event.uid]) for event in current)


def _follow(traces: dict[str, _Trace], event: Event, committed: datetime.datetime | None) -> None:
    fingerprint = event.fingerprint()
    trace = traces.get(event.uid)
    when = NEVER if committed is None else committed.astimezone(datetime.UTC)
    if trace is None:
        traces[event.uid] = _Trace(fingerprint, 0, when, when)
        return
    if trace.fingerprint == fingerprint:
        return
    trace.fingerprint = fingerprint
    trace.sequence += 1
    if committed is not None:
        trace.modified = when


def _revised(event: Event, trace: _Trace) -> Revised:
    return Revised(event, trace.sequence, trace.created, max(trace.modified, trace.created))
