"""What the editor is shown: the rules' link only where the package declares a project URL, and completions that
leave out keys already written."""

from __future__ import annotations

import datetime

import pytest

from agreed.lsp import guidance
from agreed.lsp.places import ITEM, Place
from agreed.report.lint import sarif_report


def test_the_rules_link_follows_the_declared_project_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sarif_report, "project_home", lambda: None)
    assert guidance.code_link() is None
    monkeypatch.setattr(sarif_report, "project_home", lambda: "https://example.org/agreed")
    assert guidance.code_link() == "https://example.org/agreed#rules"


def test_keys_already_written_are_not_offered_again() -> None:
    today = datetime.date(2031, 1, 6)
    place = Place(("results", "deliverables", ITEM), None, False, False, "", frozenset({"id", "what"}))
    labels = [suggestion.label for suggestion in guidance.suggestions(place, "    ", None, today)]
    assert "owner" in labels
    assert "due" in labels
    assert "id" not in labels
    assert "what" not in labels
