"""C502 announcer-not-party: the result is announced by one of the parties."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.announcer_not_party import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText

ANNOUNCER = ("celebration", "announcer")


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category) == (
        "C502", "announcer-not-party", Severity.ERROR, Category.CELEBRATION)
    assert RULE.elements == ("C-ANNOUNCER",)
    assert not isinstance(RULE, TextRule)


@pytest.mark.parametrize("announcer", ["maria", "daniel"])
def test_passes_on_a_party(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                           announcer: str) -> None:
    complete_data["celebration"]["announcer"] = announcer
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize(("announcer", "hint"), [
    ("marai", " (did you mean 'maria'?)"),
    ("danielo", " (did you mean 'daniel'?)"),
    ("cro", "; parties are: daniel, maria"),
])
def test_fires_on_an_announcer_who_is_not_a_party(findings: Findings, load_data: LoadData,
                                                  complete_data: dict[str, Any], announcer: str, hint: str) -> None:
    complete_data["celebration"]["announcer"] = announcer
    assert findings(RULE, load_data(complete_data)) == [
        (ANNOUNCER, f"announcer {announcer!r} is not a party of this agreement{hint}")]


@pytest.mark.parametrize("announcer", ["both", "we", "all", "jointly", "together", "partners", "team"])
def test_fires_on_a_collective_announcer(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                         announcer: str) -> None:
    complete_data["celebration"]["announcer"] = announcer
    assert findings(RULE, load_data(complete_data)) == [
        (ANNOUNCER, f"{announcer!r} is not one party: name the one party who announces the result, "
                    "and say under credit how the others are named")]


@pytest.mark.parametrize("announcer", ["tbd", "someone", "nobody", "unknown", "none"])
def test_fires_on_a_placeholder_announcer(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                          announcer: str) -> None:
    complete_data["celebration"]["announcer"] = announcer
    assert findings(RULE, load_data(complete_data)) == [
        (ANNOUNCER, f"{announcer!r} names no announcer: agree now which one party announces the result")]


@pytest.mark.parametrize("announcer", ["", "  ", None, 3, ["maria"], {"id": "maria"}], ids=repr)
def test_missing_or_odd_announcers_are_left_to_the_schema(findings: Findings, load_data: LoadData,
                                                          complete_data: dict[str, Any], announcer: Any) -> None:
    complete_data["celebration"]["announcer"] = announcer
    assert findings(RULE, load_data(complete_data)) == []


def test_no_usable_parties_means_nothing_to_compare(findings: Findings, load_data: LoadData,
                                                    complete_data: dict[str, Any]) -> None:
    complete_data["parties"] = ["maria", {"name": "Daniel"}]
    complete_data["celebration"]["announcer"] = "maria"
    assert findings(RULE, load_data(complete_data)) == []


def test_an_odd_celebration_section_is_left_to_the_schema(findings: Findings, load_data: LoadData,
                                                          complete_data: dict[str, Any]) -> None:
    complete_data["celebration"] = ["announcer", "cro"]
    assert findings(RULE, load_data(complete_data)) == []


def test_the_problem_points_at_the_announcer(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + """\
celebration:
  announcer: mario
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (11, 14, "C502", Severity.ERROR,
         "celebration.announcer: announcer 'mario' is not a party of this agreement (did you mean 'maria'?)"),
    ]
