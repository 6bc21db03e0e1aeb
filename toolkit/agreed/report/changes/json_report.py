"""Changes as a versioned JSON document: ``{"version": 1, "tool": {"name": "agreed", "version": ...}, "files": [...],
"summary": {...}}``, values as plain data; each change has its class as ``"materiality"`` (``material``, ``record``
or ``editorial``) beside the ``"material"`` boolean (needs fresh consent).

A file whose name is not UTF-8 is named with :func:`agreed.printable.printable` (``\\xNN`` per byte).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from agreed.history.diff import Change, FileDiff
from agreed.report.changes.base import Summary
from agreed.report.envelope import json_document


def change_record(change: Change) -> dict[str, Any]:
    """One change as plain JSON data: path, kind, old and new values, ``material`` (needs fresh consent), its class
    as ``materiality`` (``material``, ``record`` or ``editorial``) and the note."""
    return {"path": change.path, "kind": change.kind.value, "old": change.old, "new": change.new,
            "material": change.material, "materiality": change.materiality.value, "note": change.note}


def _file_json(file: FileDiff) -> dict[str, Any]:
    return {"old_path": file.old_path, "new_path": file.new_path, "renamed": file.renamed, "error": file.error,
            "changes": [change_record(change) for change in file.changes]}


def render(files: Sequence[FileDiff]) -> str:
    summary = Summary.of(files)
    return json_document({"files": [_file_json(file) for file in files],
                          "summary": {"files": summary.files, "changed": summary.changed,
                                      "material": summary.material, "record": summary.record,
                                      "editorial": summary.editorial, "errors": summary.errors}})
