"""Agreements for the calendar tests, and the two independent readers of what ``agreed calendar`` writes."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import icalendar
import vobject

ASA = "asa.lind@example.org"
BEN = "ben.okoro@example.org"


def agreement(agreement_id: str = "supply-pilot", **changes: Any) -> dict[str, Any]:
    """A small agreement with two parties (both with emails), a deliverable, a milestone for someone who is not a
    party, weekly check-ins on Tuesdays at 10:00 with two listed dates (one on a Tuesday, one not), a measurement
    and an announcement. ``changes`` replace top-level keys."""
    data: dict[str, Any] = {
        "agreed": 1,
        "id": agreement_id,
        "title": "Pilot the new supply route",
        "status": "active",
        "term": {"start": "2031-01-06", "end": "2031-03-28"},
        "parties": [
            {"id": "asa", "name": "Åsa Lind", "email": ASA},
            {"id": "ben", "name": "Ben Okoro", "email": BEN},
        ],
        "results": {
            "deadline": "2031-03-20",
            "for_whom": ["asa", "Warehouse team"],
            "deliverables": [
                {"id": "route-plan", "what": "Route plan for 3 depots", "owner": "ben", "for": ["asa"],
                 "due": "2031-02-14"},
            ],
            "milestones": [
                {"id": "kickoff", "what": "Kick-off notes sent", "to": "Warehouse team", "owner": "asa",
                 "due": "2031-01-10", "delivered_on": "2031-01-09"},
            ],
            "check_ins": {"cadence": "every Tuesday at 10:00, 30 minutes, on video",
                          "dates": ["2031-01-14", "2031-02-05"], "how": "Ben shares the tracker."},
        },
        "celebration": {
            "measurement": {"on": "deadline + 3 days", "communicated_on": "2031-03-25", "how": "At the review."},
            "announcer": "asa",
        },
    }
    data.update(copy.deepcopy(changes))
    return data


def write(path: Path, data: dict[str, Any]) -> Path:
    """Write ``data`` as YAML (JSON is YAML) to ``path``, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def events_by_uid(text: str) -> dict[str, icalendar.Event]:
    """The events of a calendar as the icalendar library reads it, by UID."""
    calendar = icalendar.Calendar.from_ical(text)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def vobject_events(text: str) -> dict[str, Any]:
    """The events of a calendar as vobject (a second, independent parser) reads it, by UID."""
    calendar = vobject.readOne(text)
    return {event.uid.value: event for event in calendar.vevent_list}
