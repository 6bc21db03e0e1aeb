"""The shared fragments: verb forms, "by <agent>", a named owner and placeholders."""

from __future__ import annotations

import re

import pytest

from agreed.text.vocabulary import BY_AGENT, PLACEHOLDER, names_owner, verb_forms


def test_verb_forms() -> None:
    assert verb_forms("improve", "apply", "fix", "support", "look into") == (
        "improve", "improves", "improved", "improving", "apply", "applies", "applied", "applying",
        "fix", "fixes", "fixed", "fixing", "support", "supports", "supported", "supporting",
        "look into", "looks into", "looked into", "looking into")


@pytest.mark.parametrize(("base", "forms"), [
    ("plan", ("plan", "plans", "planned", "planning")),
    ("step up", ("step up", "steps up", "stepped up", "stepping up")),
    ("commit", ("commit", "commits", "committed", "committing")),
    ("focus", ("focus", "focuses", "focused", "focusing")),
    ("visit", ("visit", "visits", "visited", "visiting")),
    ("keep", ("keep", "keeps", "kept", "keeping")),
    ("give", ("give", "gives", "gave", "given", "giving")),
    ("drive", ("drive", "drives", "drove", "driven", "driving")),
    ("oversee", ("oversee", "oversees", "oversaw", "overseen", "overseeing")),
    ("set", ("set", "sets", "setting")),
    ("stay", ("stay", "stays", "stayed", "staying")),
    ("be involved in", ("be involved in", "is involved in", "are involved in", "am involved in", "was involved in",
                        "were involved in", "been involved in", "being involved in")),
])
def test_verb_forms_double_a_final_consonant_and_know_irregular_verbs(base: str, forms: tuple[str, ...]) -> None:
    assert verb_forms(base) == forms


@pytest.mark.parametrize(("text", "agent"), [
    ("reviewed by Maria Chen", True), ("approved by the CFO", True), ("staffed by 3 agents", True),
    ("by 2027-03-01", False), ("by Friday", False), ("by 20%", False), ("by the end of March", False),
    ("by email", False), ("by Q3", False),
])
def test_by_agent(text: str, agent: bool) -> None:
    assert (re.search(BY_AGENT, text, re.IGNORECASE) is not None) is agent


@pytest.mark.parametrize(("text", "expected"), [
    ("Owner: Ana Ruiz", True), ("Ana owns the rollout", True), ("(owner: Li Wei)", True),
    ("The report is owned by", False), ("lead-generation", False), ("Owner: TBD", False),
    ("Both leads will escalate", False), ("Maria leads the rollout", True),
])
def test_names_owner(text: str, expected: bool) -> None:
    assert names_owner(text) is expected


@pytest.mark.parametrize(("text", "found"), [
    ("TBD", ["TBD"]), ("XX%", ["XX%"]), ("within N days", ["N"]), ("???", ["???"]), ("[owner]", ["[owner]"]),
    ("<date>", ["<date>"]), ("N/A", ["N/A"]), ("What?", []), ("a todo list", []), ("XXL", []),
])
def test_placeholder_fragment(text: str, found: list[str]) -> None:
    assert [m.group() for m in re.finditer(PLACEHOLDER, text)] == found
