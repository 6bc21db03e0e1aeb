"""R602 reservation-unmonitored: each reservation's monitoring says who watches it or when."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.reservation_unmonitored import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText

UNMONITORED = ("says neither who watches this concern nor when: name the party who monitors it and how often "
               "(e.g. 'Daniel reviews it at every check-in')")


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category) == (
        "R602", "reservation-unmonitored", Severity.WARNING, Category.RELATIONSHIP)
    assert RULE.elements == ("R-RESERVATIONS",)
    assert not isinstance(RULE, TextRule)


@pytest.mark.parametrize("monitoring", [
    "We keep a close eye on it.",
    "Watched carefully by the leadership team.",
    "Raised if it becomes a problem.",
    "Someone may look at it on a sunny day.",  # "may" and "sun" are no dates
    "The will to keep it is monitored.",  # "will" names no party
], ids=repr)
def test_fires_on_monitoring_without_who_or_when(findings: Findings, load_data: LoadData,
                                                 complete_data: dict[str, Any], monitoring: str) -> None:
    complete_data["relationship"]["reservations"][1]["monitoring"] = monitoring
    assert findings(RULE, load_data(complete_data)) == [
        (("relationship", "reservations", 1, "monitoring"), UNMONITORED)]


@pytest.mark.parametrize("monitoring", [
    "Daniel keeps an eye on it.",
    "maria watches it.",
    "Okafor watches it.",
    "Reviewed at each check-in.",
    "Reviewed every quarter by the analyst.",
    "Checked monthly.",
    "Checked at the Monday stand-up.",
    "Checked twice a year.",
    "Checked once a month.",
    "Checked in September.",
    "Checked before 2031-06-30.",
    "An audit of 5 random go-live dates.",
], ids=repr)
def test_passes_when_monitoring_says_who_or_when(findings: Findings, load_data: LoadData,
                                                 complete_data: dict[str, Any], monitoring: str) -> None:
    complete_data["relationship"]["reservations"][1]["monitoring"] = monitoring
    assert findings(RULE, load_data(complete_data)) == []


def test_runs_on_drafts_and_reports_each_reservation(findings: Findings, load_data: LoadData,
                                                     minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["relationship"] = {"reservations": [
        {"id": "r1", "concern": "Quota pressure", "monitoring": "We watch it."},
        {"id": "r2", "concern": "Staff loss", "monitoring": "Li reports it."},
        {"id": "r3", "concern": "Gaming", "monitoring": "Discussed openly."},
    ]}
    assert findings(RULE, load_data(minimal_agreement)) == [
        (("relationship", "reservations", 0, "monitoring"), UNMONITORED),
        (("relationship", "reservations", 2, "monitoring"), UNMONITORED),
    ]


@pytest.mark.parametrize("monitoring", ["", "  ", "TBD", "see above", None, 3, ["Daniel"], {"who": "x"}], ids=repr)
def test_blank_non_answers_and_odd_values_are_left_to_other_rules(findings: Findings, load_data: LoadData,
                                                                  complete_data: dict[str, Any],
                                                                  monitoring: Any) -> None:
    complete_data["relationship"]["reservations"][0]["monitoring"] = monitoring
    complete_data["relationship"]["reservations"].append(monitoring)
    assert findings(RULE, load_data(complete_data)) == []


def test_no_parties_means_only_the_when_counts(findings: Findings, load_data: LoadData,
                                               complete_data: dict[str, Any]) -> None:
    complete_data["parties"] = "maria and daniel"
    assert findings(RULE, load_data(complete_data)) == []
    complete_data["relationship"]["reservations"][0]["monitoring"] = "Daniel keeps an eye on it."
    assert findings(RULE, load_data(complete_data)) == [
        (("relationship", "reservations", 0, "monitoring"), UNMONITORED)]


def test_the_problem_points_at_the_monitoring(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + """\
relationship:
  reservations:
    - id: quarter-close
      concern: Quota pressure at quarter close
      monitoring: We keep a close eye on it.
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (14, 19, "R602", Severity.WARNING, f"relationship.reservations[id=quarter-close].monitoring: {UNMONITORED}"),
    ]
