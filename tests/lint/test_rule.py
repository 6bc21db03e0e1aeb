"""agreed.lint.rule: a rule's kind is its type, each kind holds exactly one check, and the summary is the doc's first
line."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from agreed.lint import suppressions
from agreed.lint.builtin import BUILTIN_RULES
from agreed.lint.repository import check_repository
from agreed.lint.rule import (
    AgreementSummary,
    AtPath,
    BuiltinRule,
    Category,
    DocumentRule,
    LintContext,
    RepositoryRule,
    Rule,
    TextContext,
    TextRule,
    TextSpan,
)
from agreed.lint.rules import ALL_RULES, DOCUMENT_RULES, REPOSITORY_RULES, TEXT_RULES
from agreed.problem import Problem, Severity

IDENTITY: dict[str, Any] = {"code": "Z901", "name": "fake", "category": Category.VAGUENESS,
                            "severity": Severity.WARNING, "doc": "A fake rule.\n\nIts explanation."}


def no_spans(text: str, context: TextContext) -> list[TextSpan]:
    return []


def no_findings(document: object, context: LintContext) -> list[AtPath]:
    return []


def test_each_kind_is_built_with_its_check() -> None:
    text = TextRule(**IDENTITY, check=no_spans)
    document = DocumentRule(**IDENTITY, check=no_findings)
    repository = RepositoryRule(**IDENTITY, check=lambda summaries: [])
    assert [rule.kind for rule in (text, document, repository)] == ["text", "document", "repository"]
    assert all(rule.suppressible for rule in (text, document, repository))


def test_the_summary_is_the_first_line_of_the_doc() -> None:
    assert TextRule(**IDENTITY, check=no_spans).summary == "A fake rule."


def test_the_base_type_is_no_rule_of_its_own() -> None:
    with pytest.raises(TypeError, match="abstract"):
        Rule(**IDENTITY)  # type: ignore[abstract]


@pytest.mark.parametrize("build", [TextRule, DocumentRule, RepositoryRule])
def test_a_rule_without_a_check_cannot_be_built(build: Callable[..., Rule]) -> None:
    with pytest.raises(TypeError, match="check"):
        build(**IDENTITY)
    with pytest.raises(TypeError, match="needs a check function"):
        build(**IDENTITY, check=None)


def test_a_rule_with_two_kinds_of_check_cannot_be_built() -> None:
    with pytest.raises(TypeError, match="check_document"):
        TextRule(**IDENTITY, check=no_spans, check_document=no_findings)  # type: ignore[call-arg]


def test_a_rule_without_a_summary_cannot_be_built() -> None:
    with pytest.raises(ValueError, match="no summary"):
        TextRule(**{**IDENTITY, "doc": ""}, check=no_spans)
    with pytest.raises(ValueError, match="no summary"):
        DocumentRule(**{**IDENTITY, "doc": "\nStarts with a blank line."}, check=no_findings)


def test_a_configured_rule_keeps_its_kind() -> None:
    rule = TextRule(**IDENTITY, check=no_spans)
    assert type(dataclasses.replace(rule, severity=Severity.ERROR)) is TextRule


def test_built_in_checks_have_no_check_and_cannot_be_suppressed() -> None:
    assert all(type(rule) is BuiltinRule and not rule.suppressible for rule in BUILTIN_RULES)
    assert BuiltinRule(**IDENTITY).kind == "built-in"


def test_the_registry_holds_each_kind_in_its_own_tuple() -> None:
    assert all(type(rule) is TextRule for rule in TEXT_RULES)
    assert all(type(rule) is DocumentRule for rule in DOCUMENT_RULES)
    assert all(type(rule) is RepositoryRule for rule in REPOSITORY_RULES)
    assert all(rule.suppressible for rule in ALL_RULES)


def test_a_repository_rule_builds_positioned_problems_with_its_code_and_default_severity() -> None:
    rule = RepositoryRule(**IDENTITY, check=lambda summaries: [])
    assert rule.problem("a.yaml", 3, 7, "found") == Problem("a.yaml", 3, 7, "Z901", Severity.WARNING, "found")


def test_the_engine_applies_a_repository_rule_s_configured_severity() -> None:
    default = RepositoryRule(**IDENTITY, check=lambda summaries: [
        default.problem(summary.path, summary.line, summary.col, "found") for summary in summaries])
    configured = dataclasses.replace(default, severity=Severity.ERROR)
    summaries = [AgreementSummary("a.yaml", "a", 2, 5)]
    problems = check_repository(summaries, [configured], lambda path: frozenset(),
                                lambda path: suppressions.Parsed((), ()))
    assert problems == [Problem("a.yaml", 2, 5, "Z901", Severity.ERROR, "found")]
