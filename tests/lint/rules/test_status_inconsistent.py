"""S103 status-inconsistent: the status agrees with the delivery record."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from agreed.document import JsonPath
from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.status_inconsistent import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, ItemAt, LoadData, LoadText, RuleIdentity

DELIVERABLE = ("results", "deliverables", 0)
UNDELIVERED = "records no delivered_on, but the agreement is 'fulfilled': record the day it was delivered, or set " \
              "the status to 'ended' if it never was"
NOT_AGREED = "records a delivery on {day}, but the agreement is still {status!r}: nothing is delivered under terms " \
             "not yet agreed; describe work already done under results.evidence"
BEFORE_TERM = "records a delivery on {day}, before the term starts on 2031-01-06: correct the date, or describe " \
              "work done before the agreement under results.evidence"


@pytest.fixture
def agreement(minimal_agreement: dict[str, Any]) -> dict[str, Any]:
    """minimal_agreement with a term from 2031-01-06 (milestone due 2031-02-01, deliverable due 2031-03-01)."""
    minimal_agreement["term"] = {"start": "2031-01-06", "end": "2031-12-31"}
    return minimal_agreement


def test_rule_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("S103", "status-inconsistent", Category.STRUCTURE, Severity.ERROR)
    assert RULE.elements == ("K-STATUS",)
    assert not RULE.clock
    assert not isinstance(RULE, TextRule)


@pytest.mark.parametrize("status", ["draft", "proposed", "active", "renegotiating", "fulfilled", "ended"])
def test_passes_with_nothing_delivered_on_an_agreement_with_nothing_due(findings: Findings, load_data: LoadData,
                                                                        agreement: dict[str, Any], status: str) -> None:
    agreement["status"] = status
    agreement["results"]["deliverables"] = []
    agreement["results"]["milestones"] = []
    assert findings(RULE, load_data(agreement)) == []


def test_fires_on_each_undelivered_deliverable_of_a_fulfilled_agreement(findings: Findings, load_data: LoadData,
                                                                        agreement: dict[str, Any]) -> None:
    agreement["status"] = "fulfilled"
    agreement["results"]["milestones"][0]["delivered_on"] = "2031-01-30"
    agreement["results"]["deliverables"] += [
        {"id": "d2", "what": "Delivered", "owner": "li", "due": "2031-03-01", "delivered_on": "2031-02-27"},
        {"id": "d3", "what": "Empty", "owner": "li", "due": "2031-03-01", "delivered_on": ""},
    ]
    assert findings(RULE, load_data(agreement)) == [
        (DELIVERABLE, UNDELIVERED),
        (("results", "deliverables", 2), UNDELIVERED),
    ]


@pytest.mark.parametrize("status", ["active", "renegotiating", "ended"])
def test_undelivered_items_are_fine_while_in_force_or_once_ended(findings: Findings, load_data: LoadData,
                                                                 agreement: dict[str, Any], status: str) -> None:
    agreement["status"] = status
    assert findings(RULE, load_data(agreement)) == []


def test_fires_on_an_undelivered_milestone_of_a_fulfilled_agreement(findings: Findings, load_data: LoadData,
                                                                     agreement: dict[str, Any]) -> None:
    agreement["status"] = "fulfilled"
    agreement["results"]["deliverables"][0]["delivered_on"] = "2031-03-01"
    assert findings(RULE, load_data(agreement)) == [(("results", "milestones", 0), UNDELIVERED)]


def test_a_fulfilled_agreement_passes_when_every_milestone_and_deliverable_is_recorded(
        findings: Findings, load_data: LoadData, agreement: dict[str, Any]) -> None:
    agreement["status"] = "fulfilled"
    agreement["results"]["milestones"][0]["delivered_on"] = "2031-01-30"
    agreement["results"]["deliverables"][0]["delivered_on"] = "2031-03-01"
    assert findings(RULE, load_data(agreement)) == []


@pytest.mark.parametrize("status", ["draft", "proposed"])
def test_fires_on_a_delivery_before_the_terms_are_agreed(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                                         agreement: dict[str, Any], dated_item: JsonPath,
                                                         status: str) -> None:
    agreement["status"] = status
    item_at(agreement, dated_item)["delivered_on"] = "2031-01-30"
    assert findings(RULE, load_data(agreement)) == [
        ((*dated_item, "delivered_on"), NOT_AGREED.format(day="2031-01-30", status=status))]


@pytest.mark.parametrize("status", ["active", "renegotiating", "fulfilled", "ended"])
def test_fires_on_a_delivery_before_the_term(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                             agreement: dict[str, Any], dated_item: JsonPath, status: str) -> None:
    agreement["status"] = status
    for path in (("results", "milestones", 0), DELIVERABLE):
        item_at(agreement, path)["delivered_on"] = "2031-01-06"
    item_at(agreement, dated_item)["delivered_on"] = "2031-01-05"
    assert findings(RULE, load_data(agreement)) == [
        ((*dated_item, "delivered_on"), BEFORE_TERM.format(day="2031-01-05"))]


def test_a_delivery_on_a_draft_is_reported_once(findings: Findings, load_data: LoadData,
                                                agreement: dict[str, Any]) -> None:
    agreement["results"]["milestones"][0]["delivered_on"] = "2030-01-01"
    assert findings(RULE, load_data(agreement)) == [
        (("results", "milestones", 0, "delivered_on"), NOT_AGREED.format(day="2030-01-01", status="draft"))]


def test_without_a_term_start_any_delivery_day_passes(findings: Findings, load_data: LoadData,
                                                      agreement: dict[str, Any]) -> None:
    agreement["status"] = "active"
    agreement["term"] = {"start": "January", "end": "2031-12-31"}
    agreement["results"]["milestones"][0]["delivered_on"] = "2001-01-01"
    assert findings(RULE, load_data(agreement)) == []


@pytest.mark.parametrize("delivered_on", [20310130, "2031-02-30", "last week", ["2031-01-30"], True], ids=repr)
@pytest.mark.parametrize("status", ["draft", "active", "fulfilled", None, ["fulfilled"], 3])
def test_odd_data_is_left_to_the_schema(findings: Findings, load_data: LoadData, agreement: dict[str, Any],
                                        delivered_on: Any, status: Any) -> None:
    agreement["status"] = status
    agreement["term"]["start"] = "2040-01-01"
    agreement["results"]["milestones"][0]["delivered_on"] = delivered_on
    agreement["results"]["deliverables"] = [None, "d1", 7, {"id": "d2", "delivered_on": delivered_on}]
    assert findings(RULE, load_data(agreement)) == []


def test_the_problem_points_at_the_delivery_day(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + """\
results:
  milestones:
    - id: kickoff
      what: Kickoff held
      due: 2031-02-27
      delivered_on: 2031-02-20
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (15, 21, "S103", Severity.ERROR, "results.milestones[id=kickoff].delivered_on: "
         + NOT_AGREED.format(day="2031-02-20", status="draft")),
    ]


def test_the_fulfilled_example_without_a_delivery_points_at_the_deliverable(contracts_dir: Path,
                                                                           load_text: LoadText) -> None:
    text = (contracts_dir / "clinic-scheduling.yaml").read_text(encoding="utf-8")
    text = text.replace("      due: 2025-05-30\n      delivered_on: 2025-05-23\n", "      due: 2025-05-30\n", 1)
    line = text.splitlines().index("    - id: sms-reminders") + 1
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (line, 7, "S103", Severity.ERROR, f"results.deliverables[id=sms-reminders]: {UNDELIVERED}"),
    ]
