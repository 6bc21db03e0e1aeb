"""agreed.lint.engine: load, schema and rule problems; crashing rules; statement checks; thresholds.

Every rule here is a fake built for the test, so these tests do not depend on the real rules.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreed.codes import INTERNAL_ERROR
from agreed.document import Document
from agreed.lint.engine import (
    ABOUT_THE_WORDS,
    StatementFinding,
    check_statement,
    lint_document,
    one_finding_per_span,
    validate,
)
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext, TextContext, TextRule, TextSpan
from agreed.problem import Problem, Severity, at_or_above

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, LoadData, LoadText


# What follows the 9 lines of draft_yaml(), from line 10 on.
RESULTS = """\
results:
  deliverables:
    - id: d1
      what: Publish the quick checklist
      owner: maria
    - id: d2
      what: >-
        Run a quick
        pilot with quick feedback
"""


def document_rule(code: str, check: Callable[[Document, LintContext], Iterable[AtPath]],
                  severity: Severity = Severity.WARNING, name: str = "fake-document-rule") -> DocumentRule:
    return DocumentRule(code=code, name=name, category=Category.STRUCTURE, severity=severity, doc="fake",
                        check=check)


def text_rule(code: str, check: Callable[[str, TextContext], Iterable[TextSpan]],
              severity: Severity = Severity.WARNING, name: str = "fake-text-rule") -> TextRule:
    return TextRule(code=code, name=name, category=Category.VAGUENESS, severity=severity, doc="fake", check=check)


def word_rule(code: str, word: str, severity: Severity = Severity.WARNING) -> TextRule:
    """A text rule that flags every occurrence of ``word``."""

    def check(text: str, context: TextContext) -> Iterator[TextSpan]:
        for match in re.finditer(rf"\b{re.escape(word)}\b", text):
            yield TextSpan(match.start(), match.end(), f"{word!r} flagged")

    return text_rule(code, check, severity, name=f"flag-{word}")


def at(*findings: AtPath) -> Callable[[Document, LintContext], Iterable[AtPath]]:
    return lambda document, context: list(findings)


def crash(document: Document, context: LintContext) -> Iterator[AtPath]:
    yield AtPath(("title",), "never reported: the rule fails before finishing")
    raise ZeroDivisionError("division by zero")


def never_called(document: Document, context: LintContext) -> list[AtPath]:
    raise AssertionError("rules must not run on this document")


def summary(problems: Iterable[Problem]) -> list[tuple[int, int, str, str]]:
    return [(problem.line, problem.col, problem.rule, problem.message) for problem in problems]


@pytest.fixture
def agreement_text(draft_yaml: DraftYaml) -> str:
    return draft_yaml() + RESULTS


@pytest.fixture
def agreement(load_text: LoadText, agreement_text: str) -> Document:
    document = load_text(agreement_text)
    assert document.loaded
    return document


# ------------------------------------------------------------------------------------------ lint_document


@pytest.mark.parametrize("text", ["agreed: 1\nagreed: 1\n", "- a\n", "", "title: [unclosed\n"])
def test_a_broken_document_yields_only_its_load_problems(load_text: LoadText, text: str) -> None:
    document = load_text(text)
    assert document.data is None
    problems = lint_document(document, rules=[document_rule("Z001", never_called)])
    assert problems == list(document.problems)
    assert all(problem.rule.startswith("S") for problem in problems)


def test_a_valid_document_without_rules_has_no_problems(agreement: Document) -> None:
    assert lint_document(agreement, rules=[]) == []


def test_document_rule_findings_become_positioned_problems(agreement: Document) -> None:
    rule = document_rule("Z101", at(
        AtPath(("results", "deliverables", 0, "owner"), "value finding"),
        AtPath(("results", "deliverables", 0, "owner"), "key finding", at_key=True),
        AtPath(("results", "deliverables", 1), "item finding"),
        AtPath(("results", "deliverables", 1, "due"), "missing field: nearest ancestor"),
    ), severity=Severity.INFO)
    problems = lint_document(agreement, rules=[rule])
    assert summary(problems) == [
        (14, 7, "Z101", "results.deliverables[id=d1].owner: key finding"),
        (14, 14, "Z101", "results.deliverables[id=d1].owner: value finding"),
        (15, 7, "Z101", "results.deliverables[id=d2].due: missing field: nearest ancestor"),
        (15, 7, "Z101", "results.deliverables[id=d2]: item finding"),
    ]
    assert {problem.severity for problem in problems} == {Severity.INFO}
    assert {problem.path for problem in problems} == {"agreement.yaml"}


def test_text_rule_findings_are_placed_on_the_flagged_words(agreement: Document) -> None:
    problems = lint_document(agreement, rules=[word_rule("Z201", "checklist"), word_rule("Z202", "pilot")])
    assert summary(problems) == [
        (13, 31, "Z201", "'checklist' flagged"),
        (18, 9, "Z202", "'pilot' flagged"),
    ]


def test_text_rules_receive_the_statement_context(agreement: Document) -> None:
    seen: list[tuple[str, TextContext]] = []

    def record(text: str, context: TextContext) -> list[TextSpan]:
        seen.append((text, context))
        return []

    lint_document(agreement, rules=[text_rule("Z203", record)])
    assert seen == [
        ("Publish the quick checklist", TextContext(measured=False, owned=True)),
        ("Run a quick pilot with quick feedback", TextContext(measured=False, owned=False)),
    ]


def test_schema_problems_come_first_and_rules_still_run(load_text: LoadText, agreement_text: str) -> None:
    document = load_text(agreement_text.replace("title: Demo agreement", "title: 5"))
    rule = document_rule("Z102", at(AtPath(("id",), "rule finding")))
    assert summary(lint_document(document, rules=[rule])) == [
        (2, 5, "Z102", "id: rule finding"),
        (3, 8, "S100", "title: expected text, found the number 5"),
    ]


def test_an_unknown_format_version_stops_before_the_rules(load_text: LoadText, agreement_text: str) -> None:
    document = load_text(agreement_text.replace("agreed: 1", "agreed: 3"))
    problems = lint_document(document, rules=[document_rule("Z103", never_called)])
    assert [problem.rule for problem in problems] == ["S011"]


def test_a_crashing_rule_becomes_x001_and_the_others_still_run(agreement: Document) -> None:
    rules = [
        document_rule("Z104", at(AtPath(("title",), "before the crash"))),
        document_rule("Z105", crash, name="crashy"),
        word_rule("Z106", "pilot"),
    ]
    problems = lint_document(agreement, rules=rules)
    assert summary(problems) == [
        (1, 1, INTERNAL_ERROR,
         "internal error in rule Z105 (crashy): ZeroDivisionError: division by zero; please report it"),
        (3, 8, "Z104", "title: before the crash"),
        (18, 9, "Z106", "'pilot' flagged"),
    ]
    internal = problems[0]
    assert internal.severity is Severity.ERROR
    assert internal.path == "agreement.yaml"


def test_a_crashing_text_rule_becomes_x001(agreement: Document) -> None:
    def boom(text: str, context: TextContext) -> list[TextSpan]:
        raise ValueError(f"cannot read {text[:7]!r}")

    problems = lint_document(agreement, rules=[text_rule("Z107", boom, name="boom"), word_rule("Z108", "pilot")])
    assert [problem.rule for problem in problems] == [INTERNAL_ERROR, "Z108"]
    assert problems[0].message == ("internal error in rule Z107 (boom): ValueError: cannot read 'Publish'; "
                                   "please report it")


def test_default_rules_are_used_when_none_are_given(agreement: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    # Not "import agreed.lint.engine": the package attribute agreed.lint is the agreed.lint() function.
    from agreed.lint import engine

    monkeypatch.setattr(engine, "default_rules", lambda: (document_rule("Z109", at(AtPath(("id",), "default"))),))
    assert summary(lint_document(agreement)) == [(2, 5, "Z109", "id: default")]


def test_lint_context_reaches_the_rules(agreement: Document) -> None:
    received: list[LintContext] = []

    def record(document: Document, context: LintContext) -> list[AtPath]:
        received.append(context)
        return []

    context = LintContext(today=datetime.date(2031, 5, 1))
    lint_document(agreement, rules=[document_rule("Z110", record)], context=context)
    assert received == [context]


def test_problems_are_sorted(agreement: Document) -> None:
    rules = [
        document_rule("Z112", at(AtPath(("results",), "late"), AtPath(("id",), "early"))),
        document_rule("Z111", at(AtPath(("results",), "same spot, other rule"))),
    ]
    problems = lint_document(agreement, rules=rules)
    assert problems == sorted(problems)
    assert [(problem.line, problem.rule) for problem in problems] == [(2, "Z112"), (11, "Z111"), (11, "Z112")]


def test_validate_returns_load_and_schema_problems_only(load_text: LoadText, agreement_text: str) -> None:
    broken = load_text("a: 1\na: 2\n")
    assert validate(broken) == list(broken.problems)
    invalid = load_text(agreement_text.replace("status: draft", "status: draft\nextra: 1"))
    assert [problem.rule for problem in validate(invalid)] == ["S100"]


# ------------------------------------------------------------------------------------------ check_statement


def test_check_statement_orders_findings_by_position_then_rule() -> None:
    def spans(*found: tuple[int, int]) -> Callable[[str, TextContext], list[TextSpan]]:
        return lambda text, context: [TextSpan(start, end, f"{start}-{end}") for start, end in found]

    about_the_actor = dataclasses.replace(text_rule("Z303", spans((10, 14), (0, 3))), category=Category.ACCOUNTABILITY)
    rules = [
        about_the_actor,  # a finding about who acts overlaps the others and is still said
        text_rule("Z301", spans((10, 14), (0, 5))),
        text_rule("Z302", spans((4, 6))),
        document_rule("Z399", never_called),
    ]
    findings = check_statement("irrelevant text here", rules)
    assert [(finding.start, finding.end, finding.rule) for finding in findings] == [
        (0, 3, "Z303"), (0, 5, "Z301"), (4, 6, "Z302"), (10, 14, "Z301"), (10, 14, "Z303")]


# ------------------------------------------------------------------------------------------ one span, one finding


def spans_of(*found: tuple[int, int]) -> Callable[[str, TextContext], list[TextSpan]]:
    return lambda text, context: [TextSpan(start, end, f"{start}-{end}") for start, end in found]


def said(findings: Iterable[StatementFinding]) -> list[tuple[int, int, str]]:
    return [(finding.start, finding.end, finding.rule) for finding in findings]


def test_a_finding_inside_another_finding_is_dropped() -> None:
    text = "We will meet at some point to review."
    time, amount = text_rule("Z401", spans_of((13, 26))), text_rule("Z402", spans_of((16, 20), (0, 2)))
    assert said(check_statement(text, [amount, time])) == [(0, 2, "Z402"), (13, 26, "Z401")]
    assert said(check_statement(text, [time, amount])) == [(0, 2, "Z402"), (13, 26, "Z401")]


def test_the_same_span_is_kept_for_the_rule_that_comes_first() -> None:
    first, second = text_rule("Z502", spans_of((3, 9))), text_rule("Z501", spans_of((3, 9)))
    assert said(check_statement("go faster now", [first, second])) == [(3, 9, "Z502")]
    assert said(check_statement("go faster now", [second, first])) == [(3, 9, "Z501")]


def test_overlapping_spans_that_do_not_contain_each_other_are_both_said() -> None:
    left, right = text_rule("Z601", spans_of((0, 6))), text_rule("Z602", spans_of((3, 9)))
    assert said(check_statement("abcdefghij", [left, right])) == [(0, 6, "Z601"), (3, 9, "Z602")]


def test_a_finding_is_not_dropped_for_a_milder_one() -> None:
    mild = text_rule("Z701", spans_of((0, 9)), Severity.INFO)
    severe = text_rule("Z702", spans_of((3, 6)), Severity.ERROR)
    assert said(check_statement("abcdefghij", [mild, severe])) == [(0, 9, "Z701"), (3, 6, "Z702")]
    assert said(check_statement("abcdefghij", [severe, text_rule("Z703", spans_of((0, 9)))])) == [
        (0, 9, "Z703"), (3, 6, "Z702")]


def test_on_the_same_words_the_more_severe_finding_is_kept_whatever_the_order() -> None:
    mild, severe = text_rule("Z711", spans_of((3, 6)), Severity.INFO), text_rule("Z712", spans_of((3, 6)))
    assert said(check_statement("abcdefghij", [mild, severe])) == [(3, 6, "Z712")]
    assert said(check_statement("abcdefghij", [severe, mild])) == [(3, 6, "Z712")]


_SPANS = st.lists(st.tuples(st.integers(0, 30), st.integers(1, 10)).map(lambda pair: (pair[0], pair[0] + pair[1])),
                  max_size=4)
_FOUND = st.lists(st.tuples(st.sampled_from([Category.VAGUENESS, Category.TIME, Category.WEAK_VERB,
                                             Category.ACCOUNTABILITY]),
                            st.sampled_from(list(Severity)), _SPANS), max_size=5)


def _contains(outer: TextSpan, inner: TextSpan) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


@given(_FOUND)
def test_one_finding_per_span_keeps_each_span_once_and_drops_only_what_a_kept_finding_covers(
        drawn: list[tuple[Category, Severity, list[tuple[int, int]]]]) -> None:
    found = [(TextRule(code=f"Z{900 + rank}", name=f"z{rank}", category=category, severity=severity, doc="fake",
                       check=lambda text, context: []), [TextSpan(start, end, f"{rank}.{index}")
                                                         for index, (start, end) in enumerate(spans)])
             for rank, (category, severity, spans) in enumerate(drawn)]
    kept = one_finding_per_span(found)
    assert [rule for rule, _ in kept] == [rule for rule, _ in found]
    kept_words = [(rule.severity, span) for rule, spans in kept if rule.category in ABOUT_THE_WORDS for span in spans]

    def covered(severity: Severity, span: TextSpan) -> bool:
        return any(other is not span and other_severity >= severity and _contains(other, span)
                   for other_severity, other in kept_words)

    for (rule, spans), (_, kept_spans) in zip(found, kept, strict=True):
        if rule.category not in ABOUT_THE_WORDS:
            assert kept_spans == spans
            continue
        assert [span for span in spans if span in kept_spans] == kept_spans  # order kept, nothing new
        for span in spans:  # a dropped span lies in a kept one at least as severe; a kept one in none
            assert covered(rule.severity, span) != (span in kept_spans)


def test_a_team_term_and_a_built_in_rule_on_the_same_words_give_one_finding() -> None:
    from agreed.lint.config import default_config
    from agreed.lint.rules import ALL_RULES, custom_vague_term

    configured = custom_vague_term.RULE.configure({"terms": ["at some point", "robust"]})  # type: ignore[misc]
    rules = [configured if rule.code == custom_vague_term.RULE.code else rule
             for rule in default_config(Path("."), ALL_RULES).rules]
    text = "Deliver a robust export at some point."
    assert [finding.rule for finding in check_statement(text, rules)] == [configured.code, configured.code]


def test_a_team_term_wins_over_a_longer_built_in_finding_around_it() -> None:
    from agreed.lint.config import default_config
    from agreed.lint.rules import ALL_RULES, custom_vague_term

    configured = custom_vague_term.RULE.configure({"terms": ["synergy"]})  # type: ignore[misc]
    rules = [configured if rule.code == custom_vague_term.RULE.code else rule
             for rule in default_config(Path("."), ALL_RULES).rules]
    text = "Find synergies across the 2 support queues."
    assert {finding.rule for finding in check_statement(text, ALL_RULES)} - {configured.code}  # a built-in finding
    found = check_statement(text, rules)
    assert [(finding.rule, text[finding.start:finding.end]) for finding in found] == [(configured.code, "synergies")]


def test_one_span_one_finding_in_a_document(load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["results"]["deliverables"] = [
        {"id": "d1", "what": "Ship the export at some point.", "owner": "maria"}]
    from agreed.lint.rules import TEXT_RULES, fuzzy_deadline

    document = load_data(minimal_agreement)
    line = document.position(("results", "deliverables", 0, "what"))[0]
    text_codes = {rule.code for rule in TEXT_RULES}
    assert [problem.rule for problem in lint_document(document)
            if problem.line == line and problem.rule in text_codes] == [fuzzy_deadline.RULE.code]


def test_check_statement_carries_rule_details_and_context() -> None:
    received: list[TextContext] = []

    def check(text: str, context: TextContext) -> list[TextSpan]:
        received.append(context)
        return [TextSpan(4, 9, "flagged")]

    rule = text_rule("Z304", check, severity=Severity.ERROR, name="flagger")
    context = TextContext(measured=True, owned=True)
    findings = check_statement("the quick fox", [rule], context)
    assert findings == [StatementFinding(rule, TextSpan(4, 9, "flagged"))]
    assert [(f.rule, f.name, f.category, f.severity, f.start, f.end, f.message) for f in findings] == [
        ("Z304", "flagger", Category.VAGUENESS, Severity.ERROR, 4, 9, "flagged")]
    assert received == [context]
    check_statement("the quick fox", [rule])
    assert received[-1] == TextContext(measured=False, owned=False)


def test_check_statement_without_rules_finds_nothing() -> None:
    assert check_statement("anything at all", []) == []


# ------------------------------------------------------------------------------------------ at_or_above


def _problem(severity: Severity) -> Problem:
    return Problem("a.yaml", 1, 1, "Z000", severity, "message")


@pytest.mark.parametrize(("severities", "threshold", "expected"), [
    pytest.param([], Severity.INFO, False, id="no-problems"),
    pytest.param([Severity.ERROR], None, False, id="no-threshold"),
    pytest.param([Severity.INFO], Severity.WARNING, False, id="below"),
    pytest.param([Severity.WARNING], Severity.WARNING, True, id="equal"),
    pytest.param([Severity.INFO, Severity.ERROR], Severity.WARNING, True, id="one-above"),
    pytest.param([Severity.INFO, Severity.INFO], Severity.INFO, True, id="info-threshold"),
    pytest.param([Severity.WARNING], Severity.ERROR, False, id="warning-below-error"),
])
def test_at_or_above(severities: list[Severity], threshold: Severity | None, expected: bool) -> None:
    assert at_or_above([_problem(severity) for severity in severities], threshold) is expected
    assert at_or_above(iter([_problem(severity) for severity in severities]), threshold) is expected


def test_a_value_breaking_schema_and_rule_is_reported_once_by_the_rule(draft_yaml: DraftYaml,
                                                                       load_text: LoadText) -> None:
    text = draft_yaml() + "results:\n  deliverables:\n    - id: d1\n      what: Publish 3 guides\n" \
                          "      owner: the team\n"
    problems = lint_document(load_text(text))
    at_owner = [(problem.rule, problem.line) for problem in problems if problem.line == 14]
    assert at_owner == [("A202", 14)]


def test_a_schema_error_stays_when_the_rule_finding_is_suppressed(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + "results:\n  deliverables:\n    - id: d1\n      what: Publish 3 guides\n" \
                          "      owner: the team  # agreed: disable=A202 -- decided at the kickoff\n"
    assert [problem.rule for problem in lint_document(load_text(text)) if problem.line == 14] == ["S100"]


@pytest.mark.parametrize("code", ["S199", "X199", "Z199"])
def test_a_rule_is_told_from_a_built_in_check_by_its_fields_not_its_spelling(load_text: LoadText,
                                                                            agreement_text: str, code: str) -> None:
    """A rule coded like a built-in (S101-S104 are real rules) still says once what the schema also reports."""
    document = load_text(agreement_text.replace("title: Demo agreement", "title: 5"))
    rule = document_rule(code, at(AtPath(("title",), "a number is no title")), severity=Severity.ERROR)
    assert summary(lint_document(document, rules=[rule])) == [(3, 8, code, "title: a number is no title")]

