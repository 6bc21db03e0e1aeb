"""T308 deadline-passed: an agreement still in force has neither passed its outcome deadline nor its term."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import pytest

from agreed.document import Document, JsonPath
from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, DocumentRule, LintContext, TextRule
from agreed.lint.rules.deadline_passed import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import LoadData, LoadText, RuleIdentity

DEADLINE = ("results", "deadline")
TERM_END = ("term", "end")
MESSAGE = "{what} on {day}, {ago} ago, but the status is still {status!r}: record the outcome and move the status " \
          "to 'fulfilled' or 'ended', or renegotiate the date"


@pytest.fixture
def agreement(minimal_agreement: dict[str, Any]) -> dict[str, Any]:
    """minimal_agreement made active: deadline 2031-06-30, term 2031-01-06 to 2031-09-30."""
    minimal_agreement["status"] = "active"
    minimal_agreement["term"] = {"start": "2031-01-06", "end": "2031-09-30"}
    return minimal_agreement


def _found(document: Document, today: datetime.date | None) -> list[tuple[JsonPath, str]]:
    assert isinstance(RULE, DocumentRule)
    return [(finding.path, finding.message) for finding in RULE.check(document, LintContext(today=today))]


def test_rule_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("T308", "deadline-passed", Category.TIME, Severity.WARNING)
    assert RULE.elements == ("W-DEADLINE", "K-STATUS")
    assert RULE.clock
    assert not isinstance(RULE, TextRule)


@pytest.mark.parametrize("today", [None, datetime.date(2031, 6, 30), datetime.date(2031, 1, 1)], ids=str)
def test_passes_up_to_the_deadline_day_and_without_a_clock(load_data: LoadData, agreement: dict[str, Any],
                                                           today: datetime.date | None) -> None:
    assert _found(load_data(agreement), today) == []


@pytest.mark.parametrize("status", ["active", "renegotiating"])
def test_fires_once_the_deadline_has_passed(load_data: LoadData, agreement: dict[str, Any], status: str) -> None:
    agreement["status"] = status
    assert _found(load_data(agreement), datetime.date(2031, 7, 1)) == [
        (DEADLINE, MESSAGE.format(what="the outcome deadline passed", day="2031-06-30", ago="1 day", status=status)),
    ]


def test_fires_on_deadline_and_term_end(load_data: LoadData, agreement: dict[str, Any]) -> None:
    assert _found(load_data(agreement), datetime.date(2032, 1, 1)) == [
        (DEADLINE, MESSAGE.format(what="the outcome deadline passed", day="2031-06-30", ago="185 days",
                                  status="active")),
        (TERM_END, MESSAGE.format(what="the term ended", day="2031-09-30", ago="93 days", status="active")),
    ]


def test_fires_on_a_term_that_ended_even_without_a_deadline(load_data: LoadData, agreement: dict[str, Any]) -> None:
    del agreement["results"]["deadline"]
    assert _found(load_data(agreement), datetime.date(2031, 10, 1)) == [
        (TERM_END, MESSAGE.format(what="the term ended", day="2031-09-30", ago="1 day", status="active")),
    ]


@pytest.mark.parametrize("status", ["draft", "proposed", "fulfilled", "ended", None, ["active"], {"active": 1}])
def test_passes_when_the_agreement_is_not_in_force(load_data: LoadData, agreement: dict[str, Any],
                                                   status: Any) -> None:
    agreement["status"] = status
    assert _found(load_data(agreement), datetime.date(2040, 1, 1)) == []


@pytest.mark.parametrize(("deadline", "term"), [
    ("", None), ("Q2 2031", "2031"), (20310630, {"end": 20310930}), (["2031-06-30"], {"end": ["2031-09-30"]}),
    (None, {"end": "2031-02-30"}),
], ids=repr)
def test_odd_dates_are_left_to_the_schema(load_data: LoadData, agreement: dict[str, Any], deadline: Any,
                                          term: Any) -> None:
    agreement["results"]["deadline"] = deadline
    agreement["term"] = term
    assert _found(load_data(agreement), datetime.date(2040, 1, 1)) == []


def test_the_active_example_reports_its_deadline_once_it_passes(complete_agreement_text: str,
                                                                load_text: LoadText) -> None:
    problems = lint_document(load_text(complete_agreement_text), rules=[RULE],
                             context=LintContext(today=datetime.date(2032, 7, 10)))
    line = complete_agreement_text.splitlines().index("  deadline: 2032-06-30") + 1
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (line, 13, "T308", Severity.WARNING, "results.deadline: " + MESSAGE.format(
            what="the outcome deadline passed", day="2032-06-30", ago="10 days", status="active")),
    ]
