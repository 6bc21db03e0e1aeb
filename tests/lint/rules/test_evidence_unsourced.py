"""W406 evidence-unsourced: every piece of evidence names its source."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.evidence_unsourced import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText

SOURCE = "name the report, data export or study it comes from, with its date"
FACT = ("results", "evidence", 1, "fact")


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category, RULE.elements) == (
        "W406", "evidence-unsourced", Severity.WARNING, Category.RESULTS, ("W-EVIDENCE",))
    assert not isinstance(RULE, TextRule)
    assert RULE.summary == RULE.doc.splitlines()[0]


def _evidence(data: dict[str, Any], fact: str, source: Any = None) -> dict[str, Any]:
    evidence: dict[str, Any] = data["results"]["evidence"][1]
    evidence["fact"] = fact
    if source is None:
        del evidence["source"]
    else:
        evidence["source"] = source
    return evidence


@pytest.mark.parametrize("source", [None, "", "  "], ids=repr)
def test_fires_on_a_fact_without_source(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                        source: str | None) -> None:
    _evidence(complete_data, "11 of 17 churn interviews named onboarding delays.", source)
    assert findings(RULE, load_data(complete_data)) == [
        (FACT, f"has no source: {SOURCE}, so the partners can check it")]


@pytest.mark.parametrize("fact", ["Customers hate our onboarding.", "Onboarding is the main reason for churn",
                                  "Everyone knows the checklist works."])
def test_fires_on_an_opinion_without_source(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                            fact: str) -> None:
    _evidence(complete_data, fact)
    assert findings(RULE, load_data(complete_data)) == [
        (FACT, "states no number or date and has no source, so as written it is an opinion: add the figure behind "
         f"it, and {SOURCE}")]


@pytest.mark.parametrize(("fact", "opinion"), [
    ("11 of 17 churn interviews named onboarding delays.", ""),
    ("Customers hate our onboarding.", ", and the fact states no number or date"),
])
@pytest.mark.parametrize("source", ["TBD", "see above", "various", "???"])
def test_fires_on_a_source_that_says_nothing(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                             fact: str, opinion: str, source: str) -> None:
    _evidence(complete_data, fact, source)
    assert findings(RULE, load_data(complete_data)) == [
        (("results", "evidence", 1, "source"), f"source {source!r} does not say where the fact comes from{opinion}: "
         f"{SOURCE}")]


@pytest.mark.parametrize("fact", ["TBD", "n/a", "see above"])
def test_fires_on_a_fact_that_says_nothing(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                           fact: str) -> None:
    _evidence(complete_data, fact, "Churn review 2030")
    assert findings(RULE, load_data(complete_data)) == [
        (FACT, f"fact {fact!r} states nothing: write down what was observed, with the figure behind it, and {SOURCE}")]


@pytest.mark.parametrize(("fact", "source"), [
    ("Customers hate our onboarding.", "Churn interviews by Customer Success"),  # a named source is enough
    ("Onboarding took a median of 61 days.", "CRM export"),
])
def test_passes_with_a_named_source(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                    fact: str, source: str) -> None:
    _evidence(complete_data, fact, source)
    assert findings(RULE, load_data(complete_data)) == []


def test_a_draft_may_leave_sources_open_but_not_dodge(findings: Findings, load_data: LoadData,
                                                      minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["results"]["evidence"] = [
        {"fact": "Customers hate our onboarding."}, {"fact": "Median onboarding took 61 days.", "source": "TBD"}]
    assert [path for path, _ in findings(RULE, load_data(minimal_agreement))] == [
        ("results", "evidence", 1, "source")]


@pytest.mark.parametrize(("fact", "source"), [
    (None, None), ("", None), ("  ", "TBD"), (61, None), (["fact"], "TBD"), ("Median 61 days", 2030),
    ("Median 61 days", ["CRM"]),
], ids=repr)
def test_odd_values_are_left_to_the_schema(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                           fact: Any, source: Any) -> None:
    evidence = complete_data["results"]["evidence"][1]
    evidence["fact"] = fact
    evidence["source"] = source
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize("evidence", [None, "fact", [], [None, 3, "fact", ["fact"]]], ids=repr)
def test_odd_lists_do_not_crash(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                evidence: Any) -> None:
    complete_data["results"]["evidence"] = evidence
    assert findings(RULE, load_data(complete_data)) == []


def test_problem_points_at_the_source(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + """\
results:
  evidence:
    - fact: Median onboarding took 61 days in 2030.
      source: see above
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (13, 15, "W406", Severity.WARNING,
         f"results.evidence[0].source: source 'see above' does not say where the fact comes from: {SOURCE}"),
    ]
