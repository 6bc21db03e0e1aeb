"""T304 outside-term: every planned date falls within the term, and the term ends after it starts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.document import JsonPath
from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.outside_term import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText, RuleIdentity

TERM = " (term 2031-01-06 to 2031-12-31)"
BEFORE = "{day} is {early} before the term starts on 2031-01-06{term}: move the date into the term or start the term " \
         "earlier"
AFTER = "{day} is {late} after the term ends on 2031-12-31{term}: move the date into the term or end the term later"

PLANNED_DATES: list[JsonPath] = [
    ("results", "deadline"),
    ("results", "milestones", 0, "due"),
    ("results", "deliverables", 0, "due"),
    ("results", "check_ins", "dates", 1),
    ("celebration", "targets", 0, "measured_on"),
    ("celebration", "measurement", "on"),
    ("celebration", "measurement", "communicated_on"),
    ("celebration", "handoffs", 0, "due"),
]


@pytest.fixture
def agreement(minimal_agreement: dict[str, Any]) -> dict[str, Any]:
    """minimal_agreement with a term (2031-01-06 to 2031-12-31) and a date inside it at each of PLANNED_DATES."""
    minimal_agreement["term"] = {"start": "2031-01-06", "end": "2031-12-31"}
    minimal_agreement["results"]["check_ins"] = {"cadence": "every Monday", "dates": ["2031-01-06", "2031-04-01"]}
    minimal_agreement["celebration"] = {
        "targets": [{"id": "t1", "metric": "Median days", "target": 30, "measured_on": "2031-07-15"}],
        "measurement": {"on": "2031-07-15", "communicated_on": "2031-07-22"},
        "handoffs": [{"id": "h1", "what": "Dashboard", "from": "maria", "to": "Ops", "due": "2031-12-31"}],
    }
    return minimal_agreement


def _set(data: dict[str, Any], path: JsonPath, value: Any) -> None:
    node: Any = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def test_rule_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("T304", "outside-term", Category.TIME, Severity.ERROR)
    assert set(RULE.elements) >= {"W-DEADLINE", "W-MILESTONES", "C-HANDOFFS", "C-WHEN"}
    assert not RULE.clock
    assert not isinstance(RULE, TextRule)


def test_passes_when_every_date_is_within_the_term_bounds_included(findings: Findings, load_data: LoadData,
                                                                   agreement: dict[str, Any]) -> None:
    assert findings(RULE, load_data(agreement)) == []


@pytest.mark.parametrize("path", PLANNED_DATES, ids=lambda path: ".".join(map(str, path)))
@pytest.mark.parametrize(("day", "message"), [
    ("2031-01-05", BEFORE.format(day="2031-01-05", early="1 day", term=TERM)),
    ("2030-12-01", BEFORE.format(day="2030-12-01", early="36 days", term=TERM)),
    ("2032-01-01", AFTER.format(day="2032-01-01", late="1 day", term=TERM)),
    ("2032-03-01", AFTER.format(day="2032-03-01", late="61 days", term=TERM)),  # 2032 is a leap year
])
def test_fires_on_a_date_outside_the_term(findings: Findings, load_data: LoadData, agreement: dict[str, Any],
                                          path: JsonPath, day: str, message: str) -> None:
    _set(agreement, path, day)
    assert findings(RULE, load_data(agreement)) == [(path, message)]


def test_reports_one_finding_per_date(findings: Findings, load_data: LoadData, agreement: dict[str, Any]) -> None:
    agreement["results"]["deadline"] = "2032-01-31"
    agreement["celebration"]["handoffs"].append({"id": "h2", "what": "Playbook", "due": "2032-02-29"})
    assert findings(RULE, load_data(agreement)) == [
        (("results", "deadline"), AFTER.format(day="2032-01-31", late="31 days", term=TERM)),
        (("celebration", "handoffs", 1, "due"), AFTER.format(day="2032-02-29", late="60 days", term=TERM)),
    ]


def test_a_term_that_ends_before_it_starts_is_the_only_finding(findings: Findings, load_data: LoadData,
                                                               agreement: dict[str, Any]) -> None:
    agreement["term"] = {"start": "2031-12-31", "end": "2031-01-06"}
    assert findings(RULE, load_data(agreement)) == [
        (("term", "end"), "the term ends 2031-01-06, before it starts 2031-12-31: correct one of the two dates")]


def test_a_term_of_one_day_holds_dates_on_that_day(findings: Findings, load_data: LoadData,
                                                   agreement: dict[str, Any]) -> None:
    agreement["term"] = {"start": "2031-06-30", "end": "2031-06-30"}
    agreement["results"]["check_ins"]["dates"] = ["2031-06-30", "2031-06-30"]
    for path in PLANNED_DATES:
        _set(agreement, path, "2031-06-30")
    assert findings(RULE, load_data(agreement)) == []


def test_with_only_a_start_only_earlier_dates_fire(findings: Findings, load_data: LoadData,
                                                   agreement: dict[str, Any]) -> None:
    agreement["term"] = {"start": "2031-01-06"}
    agreement["results"]["deadline"] = "2099-01-01"
    agreement["results"]["milestones"][0]["due"] = "2031-01-01"
    assert findings(RULE, load_data(agreement)) == [
        (("results", "milestones", 0, "due"), BEFORE.format(day="2031-01-01", early="5 days", term="")),
    ]


def test_with_only_an_end_only_later_dates_fire(findings: Findings, load_data: LoadData,
                                                agreement: dict[str, Any]) -> None:
    agreement["term"] = {"start": "", "end": "2031-12-31"}
    agreement["results"]["milestones"][0]["due"] = "2001-01-01"
    agreement["results"]["check_ins"]["dates"].append("2032-01-02")
    assert findings(RULE, load_data(agreement)) == [
        (("results", "check_ins", "dates", 2), AFTER.format(day="2032-01-02", late="2 days", term="")),
    ]


@pytest.mark.parametrize("term", [None, "2031", [], {"start": 20310106, "end": "2031-12"}, {"start": "soon"}],
                         ids=repr)
def test_no_usable_term_means_nothing_to_compare(findings: Findings, load_data: LoadData, agreement: dict[str, Any],
                                                 term: Any) -> None:
    agreement["term"] = term
    agreement["results"]["deadline"] = "2099-01-01"
    assert findings(RULE, load_data(agreement)) == []


def test_odd_data_is_left_to_the_schema(findings: Findings, load_data: LoadData, agreement: dict[str, Any]) -> None:
    agreement["results"]["deadline"] = ["2099-01-01"]
    agreement["results"]["milestones"] = [None, "2099-01-01", {"due": True}]
    agreement["results"]["check_ins"] = {"dates": "2099-01-01"}
    agreement["celebration"] = {"targets": {"t1": "2099-01-01"}, "measurement": ["2099-01-01"],
                                "handoffs": [{"due": 20990101}, {"due": "2099-02-30"}]}
    assert findings(RULE, load_data(agreement)) == []


def test_delivered_on_is_not_checked_here(findings: Findings, load_data: LoadData, agreement: dict[str, Any]) -> None:
    agreement["results"]["milestones"][0]["delivered_on"] = "2030-01-01"
    assert findings(RULE, load_data(agreement)) == []


def test_the_problem_points_at_the_date(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + """\
term:
  start: 2031-01-06
  end: 2031-12-31
results:
  deadline: 2032-01-31
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (14, 13, "T304", Severity.ERROR, "results.deadline: " + AFTER.format(day="2032-01-31", late="31 days",
                                                                            term=TERM)),
    ]


# -- measurement days relative to the outcome deadline ---------------------------------------------------------------

RELATIVE_DAYS: list[JsonPath] = [
    ("celebration", "targets", 0, "measured_on"),
    ("celebration", "measurement", "on"),
    ("celebration", "measurement", "communicated_on"),
]


@pytest.mark.parametrize("path", RELATIVE_DAYS, ids=lambda path: ".".join(map(str, path)))
def test_fires_on_a_relative_measurement_day_after_the_term(findings: Findings, load_data: LoadData,
                                                            agreement: dict[str, Any], path: JsonPath) -> None:
    agreement["results"]["deadline"] = "2031-12-20"
    _set(agreement, path, "deadline + 15 days")
    assert findings(RULE, load_data(agreement)) == [
        (path, AFTER.format(day="2032-01-04 (deadline + 15 days)", late="4 days", term=TERM))]


@pytest.mark.parametrize("path", RELATIVE_DAYS, ids=lambda path: ".".join(map(str, path)))
@pytest.mark.parametrize("day", ["deadline", "deadline + 1 day", "deadline + 184 days"])
def test_passes_on_a_relative_measurement_day_within_the_term(findings: Findings, load_data: LoadData,
                                                              agreement: dict[str, Any], path: JsonPath,
                                                              day: str) -> None:
    _set(agreement, path, day)  # the deadline is 2031-06-30; 184 days after it is the term's last day
    assert findings(RULE, load_data(agreement)) == []


def test_a_relative_day_is_resolved_only_where_the_schema_allows_one(findings: Findings, load_data: LoadData,
                                                                     agreement: dict[str, Any]) -> None:
    agreement["results"]["deadline"] = "2031-12-20"
    agreement["celebration"]["handoffs"][0]["due"] = "deadline + 15 days"  # the schema reports it: no date here
    assert findings(RULE, load_data(agreement)) == []


def test_a_relative_day_without_a_calendar_deadline_is_left_out(findings: Findings, load_data: LoadData,
                                                                agreement: dict[str, Any]) -> None:
    agreement["results"]["deadline"] = "end of 2031"
    agreement["celebration"]["measurement"]["on"] = "deadline + 900 days"
    assert findings(RULE, load_data(agreement)) == []


def test_the_problem_points_at_the_relative_text(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + """\
term:
  start: 2031-01-06
  end: 2031-12-31
results:
  deadline: 2031-12-20
celebration:
  measurement:
    on: deadline + 15 days
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.message) for problem in problems] == [
        (17, 9, "celebration.measurement.on: " + AFTER.format(day="2032-01-04 (deadline + 15 days)", late="4 days",
                                                              term=TERM)),
    ]
