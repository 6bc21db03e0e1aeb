"""T305 check-ins-unplanned: check-ins follow a concrete rhythm or listed dates, in order and close enough together."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, DocumentRule, LintContext, Rule, TextRule
from agreed.lint.rules.check_ins_unplanned import RULE, check
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText, RuleIdentity

CADENCE = ("results", "check_ins", "cadence")
DATES = ("results", "check_ins", "dates")
VAGUE = "cadence {cadence!r} plans no check-in and no dates are listed: agree a recurring rhythm (e.g. 'every second " \
        "Monday') or list the check-in dates"
GAP = "{gap} pass between {earlier} and {later}, longer than {most} without a check-in: add a check-in date in " \
      "between or agree a recurring cadence (e.g. 'every second Monday')"
START = "the start of the term on 2031-01-06"
DEADLINE = "the outcome deadline 2031-06-30"


@pytest.fixture
def agreement(minimal_agreement: dict[str, Any]) -> dict[str, Any]:
    """minimal_agreement with a term from 2031-01-06 (deadline 2031-06-30) and check-ins at the milestone reviews."""
    minimal_agreement["term"] = {"start": "2031-01-06", "end": "2031-12-31"}
    minimal_agreement["results"]["check_ins"] = {"cadence": "at the milestone reviews", "dates": ["2031-03-01"]}
    return minimal_agreement


def _check_ins(agreement: dict[str, Any], cadence: Any, *dates: Any) -> None:
    agreement["results"]["check_ins"] = {"cadence": cadence, "dates": list(dates)}


def _findings_of(rule: Rule, document: Any) -> list[tuple[Any, str]]:
    assert isinstance(rule, DocumentRule)
    return [(finding.path, finding.message) for finding in rule.check(document, LintContext())]


def test_rule_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("T305", "check-ins-unplanned", Category.TIME, Severity.WARNING)
    assert RULE.elements == ("W-PROGRESS",)
    assert not RULE.clock
    assert not isinstance(RULE, TextRule)


def test_the_option_default_is_the_keyword_default() -> None:
    assert RULE.options_schema is not None
    option = RULE.options_schema["properties"]["max-gap-days"]
    assert option == {"type": "integer", "minimum": 1, "default": 92}
    assert inspect.signature(check).parameters["max_gap_days"].default == option["default"]
    assert RULE.options_schema["additionalProperties"] is False


@pytest.mark.parametrize("cadence", [
    "regularly", "Regular check-ins", "as needed", "As and when necessary", "Periodically.", "from time to time",
    "when necessary", "whenever needed", "if required", "every now and then", "every so often", "occasionally",
    "ad hoc", "TBD", "see above", "???",
])
@pytest.mark.parametrize("dates", [[], None], ids=["empty", "absent"])
def test_fires_on_a_vague_cadence_without_dates(findings: Findings, load_data: LoadData,
                                                minimal_agreement: dict[str, Any], cadence: str,
                                                dates: list[str] | None) -> None:
    minimal_agreement["results"]["check_ins"] = {"cadence": cadence, "dates": dates}
    assert findings(RULE, load_data(minimal_agreement)) == [(CADENCE, VAGUE.format(cadence=cadence.strip()))]


@pytest.mark.parametrize("cadence", [
    "every second Monday", "Monthly, 30 minutes", "twice a month", "Mondays at 10:00", "weekly stand-up",
    "on the first Tuesday of each month", "bi-weekly", "regularly, every Friday", "once per quarter",
    "at the milestone reviews", "", "   ",
])
def test_a_concrete_or_merely_unspecific_cadence_without_dates_passes(findings: Findings, load_data: LoadData,
                                                                      minimal_agreement: dict[str, Any],
                                                                      cadence: str) -> None:
    _check_ins(minimal_agreement, cadence)
    assert findings(RULE, load_data(minimal_agreement)) == []


def test_a_vague_cadence_with_dates_is_covered_by_the_dates(findings: Findings, load_data: LoadData,
                                                            agreement: dict[str, Any]) -> None:
    _check_ins(agreement, "as needed", "2031-03-01", "2031-05-01")
    assert findings(RULE, load_data(agreement)) == []


def test_fires_on_each_date_listed_after_a_later_one(findings: Findings, load_data: LoadData,
                                                     agreement: dict[str, Any]) -> None:
    _check_ins(agreement, "every Monday", "2031-03-01", "2031-05-01", "2031-02-01", "2031-04-01", "later",
               "2031-03-31")
    message = "{day} is listed after {before} but falls before it: list the check-in dates in calendar order"
    assert findings(RULE, load_data(agreement)) == [
        ((*DATES, 2), message.format(day="2031-02-01", before="2031-05-01")),
        ((*DATES, 5), message.format(day="2031-03-31", before="2031-04-01")),
    ]


@pytest.mark.parametrize("dates", [
    ["2031-03-01"],  # 54 days after the start, 121 before the deadline
    ["2031-04-08"],  # 92 days after the start, 83 before the deadline
])
def test_gaps_of_at_most_92_days_pass(findings: Findings, load_data: LoadData, agreement: dict[str, Any],
                                      dates: list[str]) -> None:
    agreement["results"]["check_ins"]["dates"] = dates
    agreement["results"]["deadline"] = "2031-06-01"
    assert findings(RULE, load_data(agreement)) == []


def test_fires_on_a_long_gap_before_the_deadline(findings: Findings, load_data: LoadData,
                                                 agreement: dict[str, Any]) -> None:
    assert findings(RULE, load_data(agreement)) == [
        ((*DATES, 0), GAP.format(gap="121 days", earlier="the check-in on 2031-03-01", later=DEADLINE,
                                 most="92 days")),
    ]


def test_fires_on_a_long_gap_after_the_start_and_between_check_ins(findings: Findings, load_data: LoadData,
                                                                   agreement: dict[str, Any]) -> None:
    agreement["results"]["check_ins"]["dates"] = ["2031-06-15", "2031-04-09", "2031-06-30"]
    found = findings(RULE, load_data(agreement))
    assert found[1:] == [
        ((*DATES, 1), GAP.format(gap="93 days", earlier=START, later="the check-in on 2031-04-09", most="92 days")),
    ]
    _check_ins(agreement, None, "2031-03-01", "2031-06-02")
    assert findings(RULE, load_data(agreement)) == [
        ((*DATES, 1), GAP.format(gap="93 days", earlier="the check-in on 2031-03-01",
                                 later="the check-in on 2031-06-02", most="92 days")),
    ]


def test_check_ins_outside_the_term_and_deadline_are_no_checkpoints(findings: Findings, load_data: LoadData,
                                                                    agreement: dict[str, Any]) -> None:
    agreement["results"]["check_ins"]["dates"] = ["2030-12-01", "2031-09-01"]
    assert findings(RULE, load_data(agreement)) == [
        (DATES, GAP.format(gap="175 days", earlier=START, later=DEADLINE, most="92 days")),
    ]


def test_without_term_and_deadline_only_the_check_ins_count(findings: Findings, load_data: LoadData,
                                                            agreement: dict[str, Any]) -> None:
    del agreement["term"]
    agreement["results"]["deadline"] = "end of June"
    agreement["results"]["check_ins"]["dates"] = ["2031-03-01", "2031-09-01"]
    assert findings(RULE, load_data(agreement)) == [
        ((*DATES, 1), GAP.format(gap="184 days", earlier="the check-in on 2031-03-01",
                                 later="the check-in on 2031-09-01", most="92 days")),
    ]


@pytest.mark.parametrize("cadence", ["every second Monday", "Every 4 weeks", "monthly", "twice a month",
                                     "each sprint review", "every other working day", "Tuesdays"])
def test_a_concrete_cadence_covers_the_gaps(findings: Findings, load_data: LoadData, agreement: dict[str, Any],
                                            cadence: str) -> None:
    agreement["results"]["check_ins"]["cadence"] = cadence
    agreement["results"]["deadline"] = "2032-06-30"
    assert findings(RULE, load_data(agreement)) == []


@pytest.mark.parametrize("cadence", ["at each milestone review", "every time a milestone is due", "quarterlies",
                                     "as needed", None, 92])
def test_a_cadence_without_a_rhythm_leaves_the_gaps_to_check(findings: Findings, load_data: LoadData,
                                                             agreement: dict[str, Any], cadence: Any) -> None:
    agreement["results"]["check_ins"]["cadence"] = cadence
    assert [path for path, _ in findings(RULE, load_data(agreement))] == [(*DATES, 0)]


def test_configure_binds_the_maximum_gap(load_data: LoadData, agreement: dict[str, Any]) -> None:
    assert RULE.configure is not None
    document = load_data(agreement)  # gaps of 54 and 121 days
    assert _findings_of(RULE.configure({"max-gap-days": 121}), document) == []
    assert _findings_of(RULE.configure({"max-gap-days": 53}), document) == [
        ((*DATES, 0), GAP.format(gap="54 days", earlier=START, later="the check-in on 2031-03-01", most="53 days")),
        ((*DATES, 0), GAP.format(gap="121 days", earlier="the check-in on 2031-03-01", later=DEADLINE,
                                 most="53 days")),
    ]
    configured = RULE.configure({"max-gap-days": 200})
    assert (configured.code, configured.name, configured.options_schema) == (RULE.code, RULE.name,
                                                                             RULE.options_schema)


@pytest.mark.parametrize("check_ins", [
    None, "every Monday", ["2031-03-01"], {"cadence": 7, "dates": "2031-03-01"},
    {"cadence": ["as needed"], "dates": [None, 20310301, True, {"on": "2031-03-01"}, "2031-02-30"]},
    {"cadence": None, "dates": None},
], ids=repr)
def test_odd_data_does_not_crash(findings: Findings, load_data: LoadData, agreement: dict[str, Any],
                                 check_ins: Any) -> None:
    agreement["results"]["check_ins"] = check_ins
    assert findings(RULE, load_data(agreement)) == []


def test_the_problems_point_at_cadence_and_date(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + """\
term:
  start: 2031-01-06
results:
  check_ins:
    cadence: as needed
    dates: []
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (14, 14, "T305", Severity.WARNING, "results.check_ins.cadence: " + VAGUE.format(cadence="as needed")),
    ]
    text = text.replace("dates: []", "dates: [2031-02-01, 2031-06-01]")
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (15, 25, "T305", Severity.WARNING, "results.check_ins.dates[1]: " + GAP.format(
            gap="120 days", earlier="the check-in on 2031-02-01", later="the check-in on 2031-06-01",
            most="92 days")),
    ]
