"""T307 milestone-overdue: on an agreement in force, every item past its due date records its delivery."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import pytest

from agreed.document import Document, JsonPath
from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, DocumentRule, LintContext, TextRule
from agreed.lint.rules.milestone_overdue import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import ItemAt, LoadData, LoadText, RuleIdentity

MESSAGE = "was due {due}, {ago} ago, and records no delivered_on: record the day it was delivered, or agree a new " \
          "date with the partners"
TODAY = datetime.date(2031, 3, 2)


@pytest.fixture
def agreement(minimal_agreement: dict[str, Any]) -> dict[str, Any]:
    """minimal_agreement made active: milestone due 2031-02-01, deliverable due 2031-03-01."""
    minimal_agreement["status"] = "active"
    return minimal_agreement


def _found(document: Document, today: datetime.date | None) -> list[tuple[JsonPath, str]]:
    assert isinstance(RULE, DocumentRule)
    return [(finding.path, finding.message) for finding in RULE.check(document, LintContext(today=today))]


def test_rule_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("T307", "milestone-overdue", Category.TIME, Severity.WARNING)
    assert RULE.elements == ("W-MILESTONES", "W-WHAT")
    assert RULE.clock
    assert not isinstance(RULE, TextRule)


def test_fires_on_every_overdue_item_milestones_first(load_data: LoadData, agreement: dict[str, Any]) -> None:
    assert _found(load_data(agreement), TODAY) == [
        (("results", "milestones", 0, "due"), MESSAGE.format(due="2031-02-01", ago="29 days")),
        (("results", "deliverables", 0, "due"), MESSAGE.format(due="2031-03-01", ago="1 day")),
    ]


@pytest.mark.parametrize("today", [None, datetime.date(2031, 2, 1), datetime.date(2020, 1, 1)], ids=str)
def test_passes_until_the_day_after_the_due_date_and_without_a_clock(load_data: LoadData, agreement: dict[str, Any],
                                                                     today: datetime.date | None) -> None:
    assert _found(load_data(agreement), today) == []


@pytest.mark.parametrize("status", ["active", "renegotiating"])
def test_fires_while_the_agreement_is_in_force(load_data: LoadData, agreement: dict[str, Any], status: str) -> None:
    agreement["status"] = status
    assert len(_found(load_data(agreement), TODAY)) == 2


@pytest.mark.parametrize("status", ["draft", "proposed", "fulfilled", "ended", None, ["active"], 1])
def test_passes_when_the_agreement_is_not_in_force(load_data: LoadData, agreement: dict[str, Any],
                                                   status: Any) -> None:
    agreement["status"] = status
    assert _found(load_data(agreement), TODAY) == []


@pytest.mark.parametrize("delivered_on", ["2031-01-30", "2031-03-02", 20310130, "soon"], ids=repr)
def test_a_recorded_delivery_passes_even_one_the_schema_will_reject(load_data: LoadData, item_at: ItemAt,
                                                                agreement: dict[str, Any], dated_item: JsonPath,
                                                                delivered_on: Any) -> None:
    item_at(agreement, dated_item)["delivered_on"] = delivered_on
    assert [path for path, _ in _found(load_data(agreement), TODAY)] == [
        path for path in [("results", "milestones", 0, "due"), ("results", "deliverables", 0, "due")]
        if path[:-1] != dated_item]


@pytest.mark.parametrize("delivered_on", ["", None], ids=repr)
def test_an_empty_delivery_is_no_record(load_data: LoadData, item_at: ItemAt, agreement: dict[str, Any],
                                        dated_item: JsonPath, delivered_on: Any) -> None:
    item_at(agreement, dated_item)["delivered_on"] = delivered_on
    assert len(_found(load_data(agreement), TODAY)) == 2


@pytest.mark.parametrize("due", ["", "end of Q1", "2031-02-30", None, 20310201, ["2031-02-01"]], ids=repr)
def test_an_unusable_due_date_is_left_to_the_schema(load_data: LoadData, agreement: dict[str, Any],
                                                    due: Any) -> None:
    agreement["results"]["milestones"][0]["due"] = due
    agreement["results"]["deliverables"] = [None, "d1", {"due": True}]
    assert _found(load_data(agreement), TODAY) == []


def test_the_active_example_reports_its_first_milestones_once_they_pass(complete_agreement_text: str,
                                                                        load_text: LoadText) -> None:
    problems = lint_document(load_text(complete_agreement_text), rules=[RULE],
                             context=LintContext(today=datetime.date(2031, 4, 1)))
    lines = complete_agreement_text.splitlines()

    def position(due: str, after: str) -> tuple[int, int]:
        line = lines.index(f"      due: {due}", lines.index(after)) + 1
        return line, 12

    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (*position("2031-03-31", "    - id: checklist"), "T307", Severity.WARNING,
         "results.deliverables[id=checklist].due: " + MESSAGE.format(due="2031-03-31", ago="1 day")),
        (*position("2031-02-27", "    - id: checklist-draft"), "T307", Severity.WARNING,
         "results.milestones[id=checklist-draft].due: " + MESSAGE.format(due="2031-02-27", ago="33 days")),
        (*position("2031-03-31", "    - id: playbook-draft"), "T307", Severity.WARNING,
         "results.milestones[id=playbook-draft].due: " + MESSAGE.format(due="2031-03-31", ago="1 day")),
    ]
