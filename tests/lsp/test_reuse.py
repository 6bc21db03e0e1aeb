"""A buffer checked again and again keeps what the text rules found in its unchanged values (the memo of
:class:`agreed.lsp.checking.BufferChecker`), and that never changes a finding: after every edit of a random series
(lines copied, moved in or deleted, words changed, the YAML broken and mended), the findings are those of a checker
that has seen nothing before."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agreed.lint.rule import TextContext, TextRule, TextSpan
from agreed.lsp.checking import BufferChecker
from lsp_client import CONTRACTS, repository_with

AGREEMENTS = ("field-service-returns.yaml", "sales-onboarding.yaml")
WORDS = ("soon", "some", "etc.", "the best", "should", "the team", "sofia", "omar", "maria", "TBD", "regularly",
         "as needed", "20", "2031-05-01", "promptly", "quick", "owner:", "what:", "")
"""Words an edit writes: ones the text rules find, party ids, keys (an owner gained or lost changes a context)."""
BREAKS = ("  : [", "\t- x", "what: 'unclosed", "- - -", "{", "owner: [maria, omar")
CONTEXT_KEYS = ("owner", "party", "name", "due", "acceptance", "quantity", "target")
"""Keys whose values the text rules' context reads (who owns an item, whose entry, the partners' names, a date, a
number): an edit of one changes what the same words mean."""
VAGUE = " soon, as needed, with some help etc.; the team will review it, and reports are sent faster."
PROSE = re.compile(r"^\s*(?:- )?[a-z_]+: [A-Z][^'\"#]{20,}$")  # a line holding a sentence after its key


def _opened(name: str) -> list[str]:
    """The shipped agreement (which has no findings) with vague words after each sentence written on its key's line,
    so that the buffer holds findings from the start for the edits to keep, move and change."""
    lines = (CONTRACTS / name).read_text(encoding="utf-8").split("\n")
    return [line + VAGUE if PROSE.match(line) else line for line in lines]

Edit = Callable[[list[str]], list[str]]


def _copy(source: int, target: int) -> Edit:
    def edit(lines: list[str]) -> list[str]:
        return [*lines[:target], lines[source % len(lines)], *lines[target:]] if lines else lines
    return edit


def _delete(at: int) -> Edit:
    return lambda lines: [line for index, line in enumerate(lines) if index != at % max(len(lines), 1)]


def _reword(at: int, word: int, new: str) -> Edit:
    def edit(lines: list[str]) -> list[str]:
        if not lines:
            return lines
        line = lines[at % len(lines)]
        words = line.split(" ")
        words[word % len(words)] = new
        return [*lines[: at % len(lines)], " ".join(words), *lines[at % len(lines) + 1 :]]
    return edit


def _insert(at: int, line: str) -> Edit:
    return lambda lines: [*lines[:at], line, *lines[at:]]


def _append(at: int, words: str) -> Edit:
    def edit(lines: list[str]) -> list[str]:
        return [line + " " + words if index == at % max(len(lines), 1) else line for index, line in enumerate(lines)]
    return edit


def _recontext(key: str, occurrence: int, value: str) -> Edit:
    """The value of the ``occurrence``-th line that gives ``key`` rewritten as ``value``; none: the line deleted."""
    def edit(lines: list[str]) -> list[str]:
        given = re.compile(rf"^(\s*(?:- )?{key}:)")
        found = [index for index, line in enumerate(lines) if given.match(line)]
        if not found:
            return lines
        at = found[occurrence % len(found)]
        head = given.match(lines[at])
        assert head is not None
        return [*lines[:at], *([f"{head.group(1)} {value}"] if value else []), *lines[at + 1 :]]
    return edit


EDITS = st.one_of(
    st.builds(_copy, st.integers(0, 400), st.integers(0, 400)),
    st.builds(_delete, st.integers(0, 400)),
    st.builds(_reword, st.integers(0, 400), st.integers(0, 30), st.sampled_from(WORDS)),
    st.builds(_insert, st.integers(0, 400), st.sampled_from(BREAKS)),
    st.builds(_append, st.integers(0, 400), st.sampled_from(WORDS)),
    st.builds(_recontext, st.sampled_from(CONTEXT_KEYS), st.integers(0, 20), st.sampled_from(WORDS)),
    st.builds(_recontext, st.sampled_from(CONTEXT_KEYS), st.integers(0, 20), st.just("")),
    st.none(),  # the buffer as it was opened (a break mended, an edit undone)
)


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return repository_with(tmp_path_factory.mktemp("reuse"), *AGREEMENTS)


@settings(max_examples=50, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(AGREEMENTS), edits=st.lists(EDITS, min_size=1, max_size=8))
def test_findings_after_every_edit_are_those_of_a_fresh_check(repository: Path, name: str,
                                                              edits: list[Edit | None]) -> None:
    file = repository / "contracts" / name
    opened = _opened(name)
    checker = BufferChecker()
    lines = opened
    checker.check(file, "\n".join(lines))
    for edit in edits:
        lines = opened if edit is None else edit(lines)
        text = "\n".join(lines)
        assert checker.check(file, text).problems == BufferChecker().check(file, text).problems


def test_the_series_of_edits_reaches_the_text_rules_and_moves_their_findings(repository: Path) -> None:
    """The property above is worth something only if edits change findings and where they are: a word the rules
    find, typed in, is reported; a line added above moves every finding after it down one line."""
    file = repository / "contracts" / "field-service-returns.yaml"
    lines = _opened("field-service-returns.yaml")
    checker = BufferChecker()
    before = checker.check(file, "\n".join(lines)).problems
    assert before
    gives = next(index for index, line in enumerate(lines) if line.startswith("    gives: A returns desk"))
    vaguer = _reword(gives, 5, "Several")(lines)  # "Several returns desk at each of the 3 ..."
    after = checker.check(file, "\n".join(vaguer)).problems
    said_before = {problem.message for problem in before}
    assert [problem.message for problem in after if problem.message not in said_before] == [
        '"Several" is a vague quantity: give the number']
    moved = checker.check(file, "\n".join(_insert(0, "# a comment")(vaguer))).problems
    assert [problem.line for problem in moved] == [problem.line + 1 for problem in after]


def test_a_buffer_checked_again_unchanged_reads_nothing_again_until_it_is_closed(
        repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from agreed.lint import engine

    read: list[str] = []
    reader = engine.allowed_spans

    def counting(rule: TextRule, text: str, context: TextContext, allowed: re.Pattern[str] | None) -> list[TextSpan]:
        read.append(text)
        return reader(rule, text, context, allowed)

    monkeypatch.setattr(engine, "allowed_spans", counting)
    file = repository / "contracts" / "sales-onboarding.yaml"
    text = "\n".join(_opened("sales-onboarding.yaml"))

    def reads(checker: BufferChecker) -> int:
        read.clear()
        checker.check(file, text)
        return len(read)

    checker, every = BufferChecker(), BufferChecker(reuse=False)
    first = reads(checker)
    assert first > 100
    assert reads(checker) == 0
    checker.forget(file)
    assert reads(checker) == first
    assert reads(every) == reads(every) == first
