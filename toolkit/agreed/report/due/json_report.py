"""What is due as a versioned JSON document (:mod:`agreed.report.envelope`)::

    {"version": 1, "tool": {...}, "today": "2031-06-01", "within_days": 14, "until": "2031-06-15",
     "party": null, "overdue": 4, "upcoming": 1, "agreements": 4, "in_force": 1,
     "people": [{"person": "daniel", "name": "Daniel Ortiz", "items": [ITEM, ...]}, ...],
     "left_out": [{"file": ..., "id": ..., "title": ..., "status": ...}],
     "skipped": [{"file": ..., "kind": "template"}],
     "problems": [{"path": ..., "line": 1, "col": 1, "rule": "S001", "severity": "error", "message": ...}]}

``person`` is null for the group of items no single party owns. Each ITEM::

    {"agreement": {"file", "id", "title", "status"}, "kind": "milestone", "key": "milestone:m1", "what": ...,
     "on": "2031-02-27", "owner": "daniel", "counterparts": ["maria"], "days": -94, "overdue": true,
     "line": 158, "col": 12, "path": ["results", "milestones", 0, "due"]}

``days`` is the number of days from today to the item's day (negative when past).
"""

from __future__ import annotations

from typing import Any

from agreed.due import AgreementRef, DueEntry, DueGroup, DueReport
from agreed.problem import Problem
from agreed.report.envelope import json_document


def render(report: DueReport) -> str:
    return json_document({
        "today": report.today.isoformat(), "within_days": report.within, "until": report.until.isoformat(),
        "party": report.party, "overdue": report.overdue, "upcoming": report.upcoming,
        "agreements": report.agreements, "in_force": report.in_force,
        "people": [_group(group) for group in report.groups],
        "left_out": [_agreement(ref) for ref in report.left_out],
        "skipped": [{"file": file, "kind": kind} for file, kind in report.skipped],
        "problems": [_problem(problem) for problem in report.problems],
    })


def _group(group: DueGroup) -> dict[str, Any]:
    return {"person": group.person, "name": group.name, "items": [_entry(entry) for entry in group.entries]}


def _agreement(ref: AgreementRef) -> dict[str, Any]:
    return {"file": ref.file, "id": ref.id, "title": ref.title, "status": ref.status}


def _entry(entry: DueEntry) -> dict[str, Any]:
    item = entry.item
    return {"agreement": _agreement(entry.agreement), "kind": item.kind.value, "key": item.key, "what": item.what,
            "on": item.on.isoformat(), "owner": item.owner, "counterparts": list(item.counterparts),
            "days": entry.days, "overdue": entry.overdue, "line": entry.line, "col": entry.col,
            "path": list(item.path)}


def _problem(problem: Problem) -> dict[str, Any]:
    return {"path": problem.path, "line": problem.line, "col": problem.col, "rule": problem.rule,
            "severity": problem.severity.label, "message": problem.message}
