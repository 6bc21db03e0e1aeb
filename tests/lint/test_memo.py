"""agreed.lint.memo with the engine: a value whose text and context did not change since the last check of a buffer
is not read again by the text rules, its findings are placed where the value now stands, and the memo holds only
what the last check read. The rules here are fakes that count what they read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from agreed.codes import INTERNAL_ERROR
from agreed.document import Document
from agreed.lint.engine import Linter, lint_document
from agreed.lint.memo import TextMemo
from agreed.lint.rule import Category, TextContext, TextRule, TextSpan
from agreed.problem import Problem, Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, LoadText

RESULTS = """\
results:
  deliverables:
    - id: d1
      what: Publish the quick checklist
      owner: maria
    - id: d2
      what: Run a quick pilot
    - id: d3
      what: Share a quick summary
"""


class Counting:
    """A text rule that flags every 'quick' and counts the values it reads."""

    def __init__(self, code: str = "Z301") -> None:
        self.read: list[str] = []
        self.rule = TextRule(code=code, name="flag-quick", category=Category.VAGUENESS,
                             severity=Severity.WARNING, doc="fake", check=self.check)

    def check(self, text: str, context: TextContext) -> Iterator[TextSpan]:
        self.read.append(text)
        if "boom" in text:
            raise ValueError("cannot read it")
        for match in re.finditer(r"\bquick\b", text):
            yield TextSpan(match.start(), match.end(), f"quick ({'owned' if context.owned else 'no owner'})")


@pytest.fixture
def text(draft_yaml: DraftYaml) -> str:
    return draft_yaml() + RESULTS


def _twice(load_text: LoadText, first: str, second: str,
           counting: Counting) -> tuple[Document, list[str], list[Problem]]:
    """Check ``first`` then ``second`` with one memo; the second document, what the rule read for it, its problems."""
    linter, memo = Linter((counting.rule,)), TextMemo()
    linter(load_text(first), memo)
    counting.read.clear()
    document = load_text(second)
    problems = linter(document, memo)
    return document, counting.read, problems


def test_only_the_value_that_changed_is_read_again(load_text: LoadText, text: str) -> None:
    counting = Counting()
    edited = text.replace("Run a quick pilot", "Run a quick trial")
    document, read, problems = _twice(load_text, text, edited, counting)
    assert read == ["Run a quick trial"]
    assert problems == lint_document(document, [counting.rule])


def test_findings_kept_from_the_last_check_are_placed_where_their_value_now_stands(
        load_text: LoadText, text: str) -> None:
    counting = Counting()
    moved = text.replace("results:\n", "# a note\n# and another\nresults:\n", 1).replace(
        "    - id: d1\n", "    - id: d0\n      what: A new quick first item\n    - id: d1\n", 1)
    document, read, problems = _twice(load_text, text, moved, counting)
    assert read == ["A new quick first item"]
    fresh = lint_document(document, [counting.rule])
    assert problems == fresh
    assert [(problem.line, problem.col) for problem in problems] == [(15, 19), (17, 25), (20, 19), (22, 21)]


def test_the_same_words_in_another_context_are_read_again(load_text: LoadText, text: str) -> None:
    counting = Counting()
    unowned = text.replace("      owner: maria\n", "")
    document, read, problems = _twice(load_text, text, unowned, counting)
    assert read == ["Publish the quick checklist"]
    assert [problem.message for problem in problems] == ["quick (no owner)"] * 3
    assert problems == lint_document(document, [counting.rule])


def test_another_linter_reads_everything_again(load_text: LoadText, text: str) -> None:
    counting = Counting()
    memo = TextMemo()
    Linter((counting.rule,))(load_text(text), memo)
    counting.read.clear()
    Linter((counting.rule,), allowed_terms=("quick pilot",))(load_text(text), memo)
    assert len(counting.read) == 3


def test_the_memo_holds_only_the_values_of_the_last_check(load_text: LoadText, text: str) -> None:
    counting = Counting()
    linter, memo = Linter((counting.rule,)), TextMemo()
    for step in range(20):
        linter(load_text(text.replace("Run a quick pilot", f"Run quick pilot {step}")), memo)
    assert len(memo) == 3
    linter(load_text(text.replace("    - id: d3\n      what: Share a quick summary\n", "")), memo)
    assert len(memo) == 2


def test_a_check_that_stops_before_the_text_rules_keeps_what_the_last_one_read(
        load_text: LoadText, text: str) -> None:
    counting = Counting()
    linter, memo = Linter((counting.rule,)), TextMemo()
    linter(load_text(text), memo)
    linter(load_text(text[: len(text) // 2] + "\n  : [\n"), memo)  # does not parse: no text rule runs
    counting.read.clear()
    linter(load_text(text), memo)
    assert counting.read == []


def test_a_crash_is_not_kept_and_is_reported_at_every_check(load_text: LoadText, text: str) -> None:
    counting = Counting()
    crashing = text.replace("Run a quick pilot", "Run a boom pilot")
    document, read, problems = _twice(load_text, crashing, crashing, counting)
    assert read == ["Run a boom pilot"]  # read again; the values before it were kept
    assert [problem.rule for problem in problems] == [INTERNAL_ERROR, "Z301"]
    assert problems == lint_document(document, [counting.rule])
