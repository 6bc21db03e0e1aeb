"""The text rules' budget: how much of a value and of an agreement they read, and how many findings a rule lists per
value before it counts the rest in one summary finding. Counts, never times (speed: tests/benchmarks/)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from agreed.cli import main
from agreed.codes import TEXT_NOT_READ
from agreed.lint.budget import DEFAULT_BUDGET, Cut, TextBudget, readings
from agreed.lint.engine import Linter, check_statement
from agreed.lint.rule import Category, TextContext, TextRule, TextSpan
from agreed.lint.run import check_statements
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, LoadText


def word_rule(code: str, word: str) -> TextRule:
    """A text rule that flags every occurrence of ``word``."""

    def check(text: str, context: TextContext) -> Iterator[TextSpan]:
        for match in re.finditer(rf"\b{re.escape(word)}\b", text):
            yield TextSpan(match.start(), match.end(), f"{word!r} flagged")

    return TextRule(code=code, name=f"flag-{word}", category=Category.VAGUENESS, severity=Severity.WARNING,
                    doc="fake", check=check)


QUICK = word_rule("Z401", "quick")
CAP = DEFAULT_BUDGET.findings_per_value


# ------------------------------------------------------------------------------------------ check_statement


def test_a_rule_lists_at_most_the_cap_per_statement_then_counts_the_rest() -> None:
    occurrences = CAP + 15
    text = "quick " * occurrences
    findings = check_statement(text, [QUICK])
    assert len(findings) == CAP + 1
    assert [finding.message for finding in findings[:CAP]] == ["'quick' flagged"] * CAP
    summary = findings[CAP]
    assert summary.rule == "Z401"
    assert summary.message.startswith("and 15 more Z401 findings in this value")
    assert (summary.start, summary.end) == (6 * CAP, 6 * CAP + 5)  # at the first finding not listed


def test_at_the_cap_exactly_nothing_is_summarised() -> None:
    findings = check_statement("quick " * CAP, [QUICK])
    assert [finding.message for finding in findings] == ["'quick' flagged"] * CAP


def test_one_more_than_the_cap_is_counted_in_the_singular() -> None:
    findings = check_statement("quick " * (CAP + 1), [QUICK])
    assert findings[-1].message.startswith("and 1 more Z401 finding in this value")


def test_the_cap_counts_each_rule_on_its_own() -> None:
    findings = check_statement("quick slow " * 12, [QUICK, word_rule("Z402", "slow")], budget=TextBudget(
        findings_per_value=5))
    by_rule = {code: [finding for finding in findings if finding.rule == code] for code in ("Z401", "Z402")}
    assert [len(found) for found in by_rule.values()] == [6, 6]
    assert [found[-1].message.split(" (")[0] for found in by_rule.values()] == [
        "and 7 more Z401 findings in this value, not listed one by one",
        "and 7 more Z402 findings in this value, not listed one by one"]


def test_text_past_the_value_budget_is_not_read_and_a_finding_says_so() -> None:
    text = "quick " * 20  # 120 characters
    findings = check_statement(text, [QUICK], budget=TextBudget(value_chars=40))
    flagged = [finding for finding in findings if finding.rule == "Z401"]
    assert [finding.start for finding in flagged] == [0, 6, 12, 18, 24, 30]  # the 7th "quick" would end past 40
    not_read = [finding for finding in findings if finding.rule == TEXT_NOT_READ]
    assert len(not_read) == 1
    assert (not_read[0].start, not_read[0].end, not_read[0].severity) == (36, 120, Severity.WARNING)
    assert "only the first 36 of this value's 120 characters" in not_read[0].message


def test_the_budget_never_cuts_a_word_in_two() -> None:
    found: list[str] = []

    def record(text: str, context: TextContext) -> list[TextSpan]:
        found.append(text)
        return []

    rule = TextRule(code="Z403", name="record", category=Category.VAGUENESS, severity=Severity.WARNING, doc="fake",
                    check=record)
    check_statement("alpha bravo charlie delta echo", [rule], budget=TextBudget(value_chars=16))
    assert found == ["alpha bravo "]


def test_a_value_within_the_budget_has_no_not_read_finding() -> None:
    text = "quick " * 5
    assert all(finding.rule != TEXT_NOT_READ
               for finding in check_statement(text, [QUICK], budget=TextBudget(value_chars=len(text))))


# ------------------------------------------------------------------------------------------ lint_document


@pytest.fixture
def long_milestones(draft_yaml: DraftYaml) -> str:
    """Two milestones: m1 says "quick" CAP + 30 times on one line (line 13), m2 once (line 17)."""
    return draft_yaml() + (
        "results:\n"
        "  milestones:\n"
        "    - id: m1\n"
        f"      what: {'quick ' * (CAP + 30)}\n"
        "      owner: maria\n"
        "      due: 2031-05-01\n"
        "    - id: m2\n"
        "      what: a quick one\n"
        "      owner: maria\n"
        "      due: 2031-06-01\n"
    )


def test_in_a_document_the_summary_stands_at_the_first_finding_not_listed(load_text: LoadText,
                                                                           long_milestones: str) -> None:
    problems = Linter((QUICK,))(load_text(long_milestones))
    listed = [(problem.line, problem.col) for problem in problems if problem.message == "'quick' flagged"]
    assert listed == [(13, 13 + 6 * index) for index in range(CAP)] + [(17, 15)]
    summaries = [problem for problem in problems if problem.message.startswith("and ")]
    assert [(problem.line, problem.col, problem.rule) for problem in summaries] == [(13, 13 + 6 * CAP, "Z401")]
    assert summaries[0].message.startswith("and 30 more Z401 findings in this value")


def test_prose_past_the_agreement_budget_is_not_read(load_text: LoadText, long_milestones: str) -> None:
    m1_length = len("quick " * (CAP + 30)) - 1  # the plain scalar ends without its last space
    problems = Linter((QUICK,), budget=TextBudget(document_chars=m1_length))(load_text(long_milestones))
    assert [problem for problem in problems if problem.line == 17 and problem.rule == "Z401"] == []
    not_read = [problem for problem in problems if problem.rule == TEXT_NOT_READ]
    assert [(problem.line, problem.col, problem.severity) for problem in not_read] == [(17, 13, Severity.WARNING)]
    assert "this value was not checked" in not_read[0].message


def test_no_not_read_finding_when_no_text_rule_runs(load_text: LoadText, long_milestones: str) -> None:
    problems = Linter((), budget=TextBudget(value_chars=10))(load_text(long_milestones))
    assert problems == []


# ------------------------------------------------------------------------------------------ the CLI, real rules


def test_a_huge_comparative_statement_gives_a_screenful_not_a_flood(tmp_path: Path, draft_yaml: DraftYaml,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The reproducer: one milestone of 2 MB saying "Reduce churn and improve onboarding..." over and over."""
    sentence = "Reduce churn and improve onboarding with faster releases. "
    statement = sentence * (2_000_000 // len(sentence))
    (tmp_path / "big.yaml").write_text(draft_yaml() + (
        "results:\n  milestones:\n    - id: m1\n      owner: maria\n      due: 2031-05-01\n"
        f"      what: {statement}\n"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint", "--no-cache", "--isolated", "--today", "2031-01-01", "big.yaml"])
    lines = [line for line in result.stdout.splitlines() if line.startswith("big.yaml:")]
    v105 = [line for line in lines if " V105 " in line]
    assert len(v105) == CAP + 1
    read = DEFAULT_BUDGET.value_chars
    summary = re.search(r"and ([\d,]+) more V105 findings", v105[-1])
    assert summary is not None
    # Three comparatives per sentence; the text rules read no more than the value budget of the statement.
    assert 0 < int(summary.group(1).replace(",", "")) <= 3 * (read // len(sentence) + 1) - CAP
    not_read = [line for line in lines if f" {TEXT_NOT_READ} " in line]
    assert len(not_read) == 1
    assert not_read[0].startswith("big.yaml:15:13: X004 warning the text rules read only the first")


def test_a_value_cut_by_the_agreement_budget_uses_it_up(load_text: LoadText, long_milestones: str) -> None:
    half_of_m1 = len("quick " * (CAP + 30)) // 2
    problems = Linter((QUICK,), budget=TextBudget(document_chars=half_of_m1))(load_text(long_milestones))
    not_read = [(problem.line, problem.col, problem.message.split(":")[0]) for problem in problems
                if problem.rule == TEXT_NOT_READ]
    assert [(line, col) for line, col, _ in not_read] == [(13, 13), (17, 13)]
    assert not_read[0][2].startswith("the text rules read only the first")
    assert not_read[1][2] == "the text rules read at most 120 characters of commitment prose per agreement"


# ------------------------------------------------------------------------------------------ the one walk


@given(st.lists(st.text(alphabet="ab .\n", max_size=40), max_size=12),
       st.integers(min_value=1, max_value=40), st.integers(min_value=1, max_value=120))
def test_the_walk_spends_the_budget_in_order_and_stops_once(texts: list[str], value_chars: int,
                                                            document_chars: int) -> None:
    budget = TextBudget(value_chars=value_chars, document_chars=document_chars)
    walked = list(readings(texts, budget))
    assert [reading.at for reading in walked] == list(range(len(walked)))
    assert all(reading.read <= min(value_chars, len(texts[reading.at])) for reading in walked)
    assert sum(reading.read for reading in walked) <= document_chars
    ends = [reading for reading in walked if reading.cut in (Cut.TOTAL, Cut.SPENT)]
    assert all(reading.cut is Cut.SPENT for reading in ends[1:])
    assert len(ends) <= 2
    if walked and walked[-1].cut is not Cut.SPENT:  # nothing ran out: every text was walked
        assert len(walked) == len(texts) or walked[-1].cut is Cut.TOTAL
    for reading in walked:
        whole = reading.read == len(texts[reading.at])
        assert whole == (reading.cut is Cut.NONE)


@pytest.mark.parametrize("lengths", [(30, 30, 30, 30), (10, 60, 5), (45, 45, 45), (50, 1, 1)])
def test_check_text_says_not_read_where_the_walk_cut(lengths: tuple[int, ...]) -> None:
    budget = TextBudget(value_chars=40, document_chars=100)
    texts = [" ".join(["quick"] * ((length + 5) // 6))[:length].strip() for length in lengths]
    checked = check_statements(texts, budget=budget)
    stopped_lines = [line.number - 1 for line in checked if any(f.rule == TEXT_NOT_READ for f in line.findings)]
    walked = list(readings(texts, budget))
    stopped_walk = [reading.at for reading in walked if reading.cut is not Cut.NONE]
    assert stopped_lines == stopped_walk
