"""Shared fixtures: the complete example agreement, a minimal agreement to edit, and loaders from text or data.

Helpers are offered as fixtures (returning callables) rather than importable functions, so the tests work in any
pytest import mode and need no ``__init__.py`` files.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from agreed.document import DEFAULT_LIMITS, Document, Limits, load_document

REPO_ROOT = Path(__file__).resolve().parents[1]
CONTRACTS_DIR = REPO_ROOT / "contracts"
COMPLETE_AGREEMENT_PATH = CONTRACTS_DIR / "sales-onboarding.yaml"

LoadText = Callable[..., Document]
LoadData = Callable[[Any], Document]


def _load_text(text: str, path: str = "agreement.yaml", limits: Limits = DEFAULT_LIMITS) -> Document:
    return load_document(text.encode("utf-8"), path, limits)


def _load_data(data: Any) -> Document:
    # JSON is YAML 1.2, so plain data round-trips through the real loader without a YAML emitter.
    return _load_text(json.dumps(data, indent=2), "agreement.yaml")


@pytest.fixture(scope="session")
def contracts_dir() -> Path:
    return CONTRACTS_DIR


@pytest.fixture(scope="session")
def complete_agreement_text() -> str:
    """contracts/sales-onboarding.yaml: a complete, valid, active agreement."""
    return COMPLETE_AGREEMENT_PATH.read_text(encoding="utf-8")


@pytest.fixture
def complete_agreement(complete_agreement_text: str) -> Document:
    document = _load_text(complete_agreement_text, "contracts/sales-onboarding.yaml")
    assert document.loaded, document.problems
    return document


@pytest.fixture
def load_text() -> LoadText:
    """``load_text(text, path="agreement.yaml", limits=DEFAULT_LIMITS)``: a Document from YAML text."""
    return _load_text


@pytest.fixture
def load_data() -> LoadData:
    """``load_data(data)``: a Document from plain data (written out as JSON, which is YAML 1.2)."""
    return _load_data


@pytest.fixture
def minimal_agreement() -> dict[str, Any]:
    """A schema-valid draft with two parties and one owned item of each kind; a fresh copy for every test."""
    return {
        "agreed": 1,
        "id": "demo",
        "title": "Demo agreement",
        "status": "draft",
        "parties": [
            {"id": "maria", "name": "Maria Chen"},
            {"id": "li", "name": "Li Wei"},
        ],
        "framing": {
            "accountability": [
                {"area": "Onboarding playbook", "owner": "maria"},
            ],
        },
        "results": {
            "deadline": "2031-06-30",
            "deliverables": [
                {"id": "d1", "what": "Publish the onboarding checklist", "owner": "maria", "due": "2031-03-01"},
            ],
            "milestones": [
                {"id": "m1", "what": "Draft checklist sent to Li", "owner": "li", "due": "2031-02-01"},
            ],
        },
    }
