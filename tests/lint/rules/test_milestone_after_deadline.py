"""T302 milestone-after-deadline: no milestone or deliverable is due after the outcome deadline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from agreed.document import Document, JsonPath
from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, LintContext
from agreed.lint.rules.milestone_after_deadline import RULE
from agreed.problem import Severity

LoadText = Callable[..., Document]
LoadData = Callable[[Any], Document]

CONTRACTS = sorted((Path(__file__).resolve().parents[3] / "contracts").glob("*.yaml"))

DELIVERABLE = ("results", "deliverables", 0)
MILESTONE = ("results", "milestones", 0)


def findings(document: Document) -> list[tuple[JsonPath, str]]:
    assert RULE.check_document is not None
    found = list(RULE.check_document(document, LintContext()))
    assert not any(finding.at_key for finding in found)
    return [(finding.path, finding.message) for finding in found]


def set_due(agreement: dict[str, Any], path: JsonPath, due: Any) -> None:
    node: Any = agreement
    for step in path:
        node = node[step]
    node["due"] = due


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category) == (
        "T302", "milestone-after-deadline", Severity.ERROR, Category.TIME)
    assert RULE.check_text is None


def test_passes_when_everything_is_due_before_the_deadline(load_data: LoadData,
                                                           minimal_agreement: dict[str, Any]) -> None:
    assert findings(load_data(minimal_agreement)) == []


@pytest.mark.parametrize("contract", CONTRACTS, ids=[path.name for path in CONTRACTS])
def test_passes_on_the_shipped_contracts(load_text: LoadText, contract: Path) -> None:
    assert findings(load_text(contract.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize(("deadline", "due", "late"), [
    ("2031-06-30", "2031-07-15", "15 days"),
    ("2031-06-30", "2031-07-01", "1 day"),
    ("2031-12-31", "2032-01-01", "1 day"),
    ("2032-02-28", "2032-03-01", "2 days"),  # 2032 is a leap year
    ("2031-02-28", "2031-03-01", "1 day"),
    ("2031-06-30", "2033-06-30", "731 days"),
])
@pytest.mark.parametrize("where", [MILESTONE, DELIVERABLE], ids=["milestone", "deliverable"])
def test_fires_when_due_after_the_deadline(load_data: LoadData, minimal_agreement: dict[str, Any], where: JsonPath,
                                           deadline: str, due: str, late: str) -> None:
    minimal_agreement["results"]["deadline"] = deadline
    set_due(minimal_agreement, MILESTONE, "2030-01-01")
    set_due(minimal_agreement, DELIVERABLE, "2030-01-01")
    set_due(minimal_agreement, where, due)
    assert findings(load_data(minimal_agreement)) == [
        ((*where, "due"), f"is due {due}, {late} after the outcome deadline {deadline}")]


@pytest.mark.parametrize("due", ["2031-06-30", "2031-06-29", "2030-01-01"])
@pytest.mark.parametrize("where", [MILESTONE, DELIVERABLE], ids=["milestone", "deliverable"])
def test_passes_on_or_before_the_deadline(load_data: LoadData, minimal_agreement: dict[str, Any], where: JsonPath,
                                          due: str) -> None:
    set_due(minimal_agreement, where, due)
    assert findings(load_data(minimal_agreement)) == []


@pytest.mark.parametrize("deadline", ["", "Q3 2031", "2031-06", "2031-02-30", None, 20310630], ids=repr)
def test_no_usable_deadline_means_nothing_to_compare(load_data: LoadData, minimal_agreement: dict[str, Any],
                                                     deadline: Any) -> None:
    minimal_agreement["results"]["deadline"] = deadline
    set_due(minimal_agreement, MILESTONE, "2099-12-31")
    assert findings(load_data(minimal_agreement)) == []


def test_missing_deadline_means_nothing_to_compare(load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    del minimal_agreement["results"]["deadline"]
    set_due(minimal_agreement, MILESTONE, "2099-12-31")
    assert findings(load_data(minimal_agreement)) == []


@pytest.mark.parametrize("due", ["", "end of Q3", "2031-13-01", None, 20310715, ["2031-07-15"]], ids=repr)
def test_an_unusable_due_date_is_left_to_the_schema(load_data: LoadData, minimal_agreement: dict[str, Any],
                                                    due: Any) -> None:
    set_due(minimal_agreement, MILESTONE, due)
    assert findings(load_data(minimal_agreement)) == []


def test_reports_milestones_before_deliverables(load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    results = minimal_agreement["results"]
    results["deliverables"].append({"id": "d2", "what": "Late deliverable", "owner": "li", "due": "2031-08-01"})
    results["milestones"].append({"id": "m2", "what": "On time", "owner": "li", "due": "2031-06-30"})
    results["milestones"].append({"id": "m3", "what": "Late", "owner": "li", "due": "2031-07-02"})
    results["milestones"].append("not an item")
    assert findings(load_data(minimal_agreement)) == [
        (("results", "milestones", 2, "due"), "is due 2031-07-02, 2 days after the outcome deadline 2031-06-30"),
        (("results", "deliverables", 1, "due"), "is due 2031-08-01, 32 days after the outcome deadline 2031-06-30"),
    ]


def test_other_dated_lists_are_not_checked(load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["celebration"] = {"handoffs": [{"id": "h1", "what": "Dashboard", "from": "maria",
                                                      "to": "Ops", "due": "2031-09-01"}]}
    minimal_agreement["results"]["check_ins"] = {"dates": ["2031-09-01"]}
    assert findings(load_data(minimal_agreement)) == []


def test_yaml_dates_are_compared_and_the_problem_points_at_the_due_date(load_text: LoadText) -> None:
    text = """\
agreed: 1
id: demo
title: Demo
status: draft
parties:
  - id: maria
    name: Maria Chen
results:
  deadline: 2031-06-30
  milestones:
    - id: m1
      what: Draft to Li
      due: 2031-07-15
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (13, 12, "T302", Severity.ERROR,
         "results.milestones[id=m1].due: is due 2031-07-15, 15 days after the outcome deadline 2031-06-30"),
    ]
