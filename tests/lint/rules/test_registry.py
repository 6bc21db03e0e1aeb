"""The rule registry: every text rule is registered once, with documentation that ``agreed explain`` can print."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.rule import DocumentRule, RepositoryRule, Rule, TextContext, TextRule
from agreed.lint.rules import (
    ALL_RULES,
    DOCUMENT_RULES,
    REPOSITORY_RULES,
    TEXT_RULES,
    check_in_off_cadence,
    check_ins_unplanned,
    fulfilled_unmeasured,
    measured_early_unexplained,
)
from rule_examples import documented_examples, documented_statements

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import Findings, LoadData

IDS = [rule.code for rule in TEXT_RULES]
UNCONFIGURED = [rule for rule in TEXT_RULES if rule.configure is None]  # their examples hold with no options


def test_registry_composition() -> None:
    assert ALL_RULES == TEXT_RULES + DOCUMENT_RULES + REPOSITORY_RULES
    assert all(isinstance(rule, TextRule) for rule in TEXT_RULES)


def test_codes_and_names_are_unique() -> None:
    codes = [rule.code for rule in ALL_RULES]
    names = [rule.name for rule in ALL_RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("rule", TEXT_RULES, ids=IDS)
def test_summary_is_the_first_docstring_line(rule: Rule) -> None:
    assert rule.summary == rule.doc.splitlines()[0]
    assert rule.summary.endswith(".")


@pytest.mark.parametrize("rule", TEXT_RULES, ids=IDS)
def test_doc_has_examples(rule: Rule) -> None:
    assert "Fires on:" in rule.doc
    assert "Passes:" in rule.doc


@pytest.mark.parametrize("rule", UNCONFIGURED, ids=[rule.code for rule in UNCONFIGURED])
def test_documented_examples_hold(rule: Rule) -> None:
    assert isinstance(rule, TextRule)
    fires, passes = documented_statements(rule.doc, "Fires on:"), documented_statements(rule.doc, "Passes:")
    assert fires
    assert passes
    for example in fires:
        assert list(rule.check(example, TextContext())), example
    for example in passes:
        assert not list(rule.check(example, TextContext())), example


@pytest.mark.parametrize("rule", UNCONFIGURED, ids=[rule.code for rule in UNCONFIGURED])
def test_spans_are_inside_the_text_with_a_message(rule: Rule) -> None:
    assert isinstance(rule, TextRule)
    text = ("We will try to deliver a robust, seamless layer ASAP, e.g. several dashboards etc., improve churn, "
            "support the launch and fix all issues by TBD; the report will be updated soon, in Q3.")
    spans = list(rule.check(text, TextContext()))
    assert spans
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end].strip() == text[span.start : span.end]
        assert f'"{text[span.start : span.end]}"' in span.message


def _element_ids() -> list[str]:
    import re
    from pathlib import Path

    elements = Path(__file__).resolve().parents[3] / "schema" / "ELEMENTS.md"
    return re.findall(r"^\| ([A-Z]-[A-Z]+) \|", elements.read_text(encoding="utf-8"), re.MULTILINE)


def test_every_element_is_checked_by_a_rule() -> None:
    ids = _element_ids()
    assert len(ids) == 48
    checked = {element for rule in ALL_RULES for element in rule.elements}
    assert [element for element in ids if element not in checked] == []


@pytest.mark.parametrize("rule", ALL_RULES, ids=[rule.code for rule in ALL_RULES])
def test_each_rule_names_the_elements_it_checks(rule: Rule) -> None:
    assert rule.elements
    assert set(rule.elements) <= set(_element_ids())


@pytest.mark.parametrize("rule", ALL_RULES, ids=[rule.code for rule in ALL_RULES])
def test_each_rule_has_one_kind_of_check_and_a_documented_summary(rule: Rule) -> None:
    kinds = [TextRule, DocumentRule, RepositoryRule]
    assert sum(isinstance(rule, kind) for kind in kinds) == 1
    assert rule.summary == rule.doc.splitlines()[0]
    assert "Fires on" in rule.doc
    assert "Passes:" in rule.doc


@pytest.mark.parametrize("rule", [rule for rule in ALL_RULES if rule.clock],
                         ids=[rule.code for rule in ALL_RULES if rule.clock])
def test_clock_rules_are_at_most_warnings(rule: Rule) -> None:
    from agreed.problem import Severity

    assert rule.severity <= Severity.WARNING


@pytest.mark.parametrize("rule", [rule for rule in ALL_RULES if rule.configure is not None],
                         ids=[rule.code for rule in ALL_RULES if rule.configure is not None])
def test_options_have_a_schema_with_defaults(rule: Rule) -> None:
    from jsonschema import Draft202012Validator

    assert rule.options_schema is not None
    Draft202012Validator.check_schema(dict(rule.options_schema))
    properties = rule.options_schema["properties"]
    assert all("default" in spec for spec in properties.values())
    defaults = {name: spec["default"] for name, spec in properties.items()}
    assert rule.configure is not None
    assert rule.configure(defaults).code == rule.code


# Document rules whose documentation gives whole YAML examples (blank lines between them): each example, laid over a
# minimal agreement, must fire or pass as its heading says. A new document rule with such examples joins this list.
DOCUMENTED_AS_YAML = (check_ins_unplanned.RULE, check_in_off_cadence.RULE, fulfilled_unmeasured.RULE,
                      measured_early_unexplained.RULE)


@pytest.mark.parametrize("rule", DOCUMENTED_AS_YAML, ids=[rule.code for rule in DOCUMENTED_AS_YAML])
@pytest.mark.parametrize(("heading", "fires"), [("Fires on:", True), ("Passes:", False)])
def test_the_yaml_examples_of_document_rules_hold(rule: Rule, heading: str, fires: bool, findings: Findings,
                                                  load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    examples = documented_examples(rule.doc, heading)
    assert examples
    for example in examples:
        assert bool(findings(rule, load_data({**minimal_agreement, **example}))) is fires, example
