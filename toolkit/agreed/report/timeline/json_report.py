"""A timeline as a versioned JSON document: the file, its id, every version with what it changed (each change with
its class as ``"materiality"`` beside the ``"material"`` boolean) and, for one field, its value at each version."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from agreed.report.changes import change_record
from agreed.report.envelope import json_document
from agreed.report.timeline.base import entry_kind, short

if TYPE_CHECKING:
    from agreed.git.history import Version
    from agreed.history.timeline import Entry, FieldPoint, Timeline


def _version_record(version: Version) -> dict[str, Any]:
    return {"commit": version.commit, "short": short(version), "date": version.date.isoformat(),
            "author": version.author, "email": version.email, "subject": version.subject, "path": version.path,
            "blob": version.blob}


def _entry_record(entry: Entry) -> dict[str, Any]:
    return {**_version_record(entry.version), "created": entry.created, "deleted": entry.deleted,
            "renamed_from": entry.renamed_from, "renamed_to": entry.renamed_to, "history_start": entry.history_start,
            "kind": entry_kind(entry), "material": entry.material, "materiality": entry.materiality.value,
            "unknown": entry.unknown,
            "compared_with": None if entry.compared_with is None else entry.compared_with.commit,
            "problems": list(entry.problems), "changes": [change_record(change) for change in entry.changes]}


def _point_record(point: FieldPoint) -> dict[str, Any]:
    return {**_version_record(point.version), "value": point.value, "present": point.present,
            "change": point.change, "total": point.total, "material": point.material,
            "materiality": point.materiality.value, "initial": point.initial}


def render(timeline: Timeline) -> str:
    return json_document({
        "path": timeline.path, "id": timeline.agreement_id, "shallow": timeline.shallow,
        "committed": not timeline.uncommitted,
        "notes": list(timeline.notes), "versions": [_entry_record(entry) for entry in timeline.entries],
        "field": None if timeline.field is None else {
            "path": timeline.field, "points": [_point_record(point) for point in timeline.points]},
    })
