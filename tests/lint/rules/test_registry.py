"""The rule registry: every text rule is registered once, with documentation that ``agreed explain`` can print."""

from __future__ import annotations

import pytest

from agreed.lint.rule import Rule, TextContext
from agreed.lint.rules import ALL_RULES, DOCUMENT_RULES, REPOSITORY_RULES, TEXT_RULES

IDS = [rule.code for rule in TEXT_RULES]
UNCONFIGURED = [rule for rule in TEXT_RULES if rule.configure is None]  # their examples hold with no options


def test_registry_composition() -> None:
    assert ALL_RULES == TEXT_RULES + DOCUMENT_RULES + REPOSITORY_RULES
    assert all(rule.check_text is not None and rule.check_document is None for rule in TEXT_RULES)


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


def _examples(doc: str, heading: str) -> list[str]:
    lines = doc.split(heading, 1)[1].splitlines()[1:]
    examples: list[str] = []
    for line in lines:
        if not line.startswith("    "):
            break
        examples.append(line.strip())
    return examples


@pytest.mark.parametrize("rule", UNCONFIGURED, ids=[rule.code for rule in UNCONFIGURED])
def test_documented_examples_hold(rule: Rule) -> None:
    assert rule.check_text is not None
    fires, passes = _examples(rule.doc, "Fires on:"), _examples(rule.doc, "Passes:")
    assert fires
    assert passes
    for example in fires:
        assert list(rule.check_text(example, TextContext())), example
    for example in passes:
        assert not list(rule.check_text(example, TextContext())), example


@pytest.mark.parametrize("rule", UNCONFIGURED, ids=[rule.code for rule in UNCONFIGURED])
def test_spans_are_inside_the_text_with_a_message(rule: Rule) -> None:
    assert rule.check_text is not None
    text = ("We will try to deliver a robust, seamless layer ASAP, e.g. several dashboards etc., improve churn, "
            "support the launch and fix all issues by TBD; the report will be updated soon, in Q3.")
    spans = list(rule.check_text(text, TextContext()))
    assert spans
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end].strip() == text[span.start : span.end]
        assert f'"{text[span.start : span.end]}"' in span.message
