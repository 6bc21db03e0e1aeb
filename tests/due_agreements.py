"""Agreement files for the tests of ``agreed due``: written as JSON, which is YAML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CONTRACTS = Path(__file__).resolve().parents[1] / "contracts"


def write_agreement(folder: Path, name: str, status: str = "active", **parts: Any) -> Path:
    """An agreement file (JSON is YAML) with two parties and the given parts."""
    data: dict[str, Any] = {"agreed": 1, "id": name, "title": f"Title of {name}", "status": status,
                            "parties": [{"id": "maria", "name": "Maria Chen"}, {"id": "daniel", "name": "Daniel O"}]}
    data.update(parts)
    path = folder / f"{name}.yaml"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def milestones(*entries: tuple[str, str, str]) -> dict[str, Any]:
    """``results`` with milestones (id, owner, due), each for the other party."""
    return {"milestones": [{"id": item_id, "what": f"Milestone {item_id}", "owner": owner,
                            "to": "daniel" if owner == "maria" else "maria", "due": due}
                           for item_id, owner, due in entries]}
