"""The written forms of a declared term: plurals, tenses, singulars and spaced hyphenations."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreed.text.term_forms import term_forms, word_forms


@pytest.mark.parametrize(("word", "forms"), [
    ("synergy", {"synergies"}),
    ("leverage", {"leverages", "leveraged", "leveraging"}),
    ("process", {"processes", "processed", "processing"}),
    ("plan", {"plans", "planned", "planning"}),
    ("agree", {"agrees", "agreed", "agreeing"}),
    ("synergies", {"synergy"}),
    ("boxes", {"box"}),
    ("KPI", {"KPIs"}),
])
def test_word_forms(word: str, forms: set[str]) -> None:
    assert forms <= set(word_forms(word))


@pytest.mark.parametrize(("word", "form"), [("analysis", "analysi"), ("status", "statu"), ("synergies", "synergieses")])
def test_no_false_singular_or_double_plural(word: str, form: str) -> None:
    assert form not in word_forms(word)


def test_a_phrase_inflects_its_last_word_and_its_first_word_as_a_verb() -> None:
    forms = term_forms("leverage  synergies")
    assert forms[0] == "leverage synergies"
    assert {"leverage synergy", "leveraging synergies", "leveraged synergies"} <= set(forms)


def test_a_capitalised_first_word_is_a_name_not_a_verb() -> None:
    assert not {"Qualities Gate 2", "Qualitied Gate 2"} & set(term_forms("Quality Gate 2"))
    assert "Quality Gates" in term_forms("Quality Gate")
    assert "Qualities Gate" not in term_forms("Quality Gate")


def test_a_hyphenated_term_is_also_written_with_spaces() -> None:
    assert {"best-effort tier", "best effort tier", "best effort tiers"} <= set(term_forms("best-effort tier"))


def test_a_spaced_term_is_also_written_with_hyphens() -> None:
    assert {"on-call rota", "on-call-rota", "on call-rota", "on-call rotas"} <= set(term_forms("on call rota"))


def test_a_term_declared_in_capitals_is_joined_like_one_in_lower_case() -> None:
    forms = term_forms("Best Effort Tier")
    assert "Best-Effort Tier" in forms
    assert {"best-effort tier", "best-effort-tier", "best effort tiers"} <= {form.casefold() for form in forms}


def test_a_long_phrase_is_joined_with_every_space_a_hyphen_only() -> None:
    forms = term_forms("tier one partner support desk")
    assert "tier-one-partner-support-desk" in forms
    assert "tier-one partner support desk" not in forms


@given(st.text(alphabet=st.sampled_from(list("abcxyzAKPI- ")), min_size=1, max_size=20).filter(str.strip))
def test_the_term_comes_first_and_forms_are_distinct(term: str) -> None:
    forms = term_forms(term)
    assert forms[0] == " ".join(term.split())
    assert len(forms) == len(set(forms))
