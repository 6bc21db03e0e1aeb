"""What the editor is shown: the rules' link only under a documentation base given or declared, and completions
that leave out keys already written."""

from __future__ import annotations

import datetime

import pytest

from agreed.lsp import guidance
from agreed.lsp.places import ITEM, Place
from agreed.report import rule_docs


def test_the_rules_link_is_the_rules_section_under_the_base_given_else_the_declared_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rule_docs, "project_home", lambda: None)
    assert guidance.code_link("V101", None) is None
    assert guidance.code_link("V101", "https://example.org/agreed/tree/v1") == (
        "https://example.org/agreed/tree/v1/docs/rules.md#v101")
    monkeypatch.setattr(rule_docs, "project_home", lambda: "https://example.org/agreed")
    assert guidance.code_link("A201", None) == "https://example.org/agreed/docs/rules.md#a201"


def test_keys_already_written_are_not_offered_again() -> None:
    today = datetime.date(2031, 1, 6)
    place = Place(("results", "deliverables", ITEM), None, False, False, "", frozenset({"id", "what"}))
    labels = [suggestion.label for suggestion in guidance.suggestions(place, "    ", None, today)]
    assert "owner" in labels
    assert "due" in labels
    assert "id" not in labels
    assert "what" not in labels
