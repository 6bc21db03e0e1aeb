"""Each text rule's documented examples hold in a run of every text rule, as ``agreed check-text`` runs them: a
"Passes:" example gets no finding from any rule, and a "Fires on:" example a finding of the rule that documents it
(another rule that reports the same words first would hide it from the reader of ``agreed explain``)."""

from __future__ import annotations

import re

import pytest
from ruamel.yaml import YAML

from agreed.lint.engine import check_statement
from agreed.lint.rule import Rule, TextRule
from agreed.lint.rules import TEXT_RULES
from rule_examples import documented_statements

_ASSUMED = re.compile(r"The examples assume ``(?P<settings>[^`]+)``")
"""How a configurable rule's documentation says which configuration its examples assume."""


def _as_documented(rule: TextRule) -> list[Rule]:
    """Every text rule, ``rule`` configured as its documentation assumes (its option from the top-level setting)."""
    assumed = _ASSUMED.search(rule.doc)
    if rule.configure is None or assumed is None:
        return list(TEXT_RULES)
    settings = YAML(typ="safe").load(assumed.group("settings"))
    configured = rule.configure({"terms": next(iter(settings.values()))})
    return [configured if other.code == rule.code else other for other in TEXT_RULES]


def _cases(heading: str) -> list[tuple[TextRule, str]]:
    return [(rule, example) for rule in TEXT_RULES for example in documented_statements(rule.doc, heading)]


@pytest.mark.parametrize(("rule", "example"), _cases("Passes:"), ids=lambda value: getattr(value, "code", ""))
def test_a_passing_example_gets_no_finding_from_any_rule(rule: TextRule, example: str) -> None:
    found = check_statement(example, _as_documented(rule))
    assert [(finding.rule, example[finding.start:finding.end]) for finding in found] == []


@pytest.mark.parametrize(("rule", "example"), _cases("Fires on:"), ids=lambda value: getattr(value, "code", ""))
def test_a_firing_example_gets_a_finding_of_its_rule_among_every_rule(rule: TextRule, example: str) -> None:
    found = check_statement(example, _as_documented(rule))
    assert rule.code in {finding.rule for finding in found}, [(f.rule, example[f.start:f.end]) for f in found]
