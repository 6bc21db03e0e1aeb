"""The term-pattern engine: phrase expressions, and regular expressions compiled on first use."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreed.text.patterns import Regex, TermPattern, phrase_regex, word_group, words_together


def test_phrase_regex_matches_whole_words_and_spelling_variants() -> None:
    pattern = re.compile(phrase_regex(("user-friendly", "best", "we'll", "etc.")), re.IGNORECASE)
    found = [m.group() for m in pattern.finditer("User friendly, user-friendly, best-in-class, best, we\u2019ll, etc.")]
    assert found == ["User friendly", "user-friendly", "best", "we\u2019ll", "etc."]
    assert pattern.search("bestow the Robustness") is None


def test_phrase_regex_prefers_the_longest_phrase() -> None:
    assert re.match(phrase_regex(("a few", "a few of")), "a few of them").group() == "a few of"  # type: ignore[union-attr]


def test_regex_compiles_on_first_use_and_delegates() -> None:
    pattern = Regex(r"(?P<word>b\w+)", re.IGNORECASE)
    assert pattern.regex is pattern.regex
    assert pattern.search("a Best b").group() == "Best"  # type: ignore[union-attr]
    assert pattern.match("best") is not None
    assert pattern.fullmatch("best b") is None
    assert [m.group() for m in pattern.finditer("be by bo", 3)] == ["by", "bo"]
    assert pattern.sub("x", "a be c") == "a x c"
    assert Regex(r"\s*,\s*").split("a , b") == ["a", "b"]


_WORDS = ("we", "will", "the", "team", "by", "Q3", "soon", "some", "of", "us", "Li", "and", "Omar", "own", "it",
          "robust", "very", "robust-ish", ",", ".", "etc", "?")


@given(st.lists(st.sampled_from(_WORDS), max_size=24).map(" ".join))
def test_either_spans_are_the_leftmost_matches_one_after_another(text: str) -> None:
    """The alternation's own ``spans`` (each branch searched again only once a match has passed it) finds what
    searching all branches from the end of each match finds."""
    pattern = TermPattern.either(
        TermPattern.of(("we", "the team", "us")),
        TermPattern.raw(r"(?P<term>\bby\s+Q[1-4])|\bsoon\b"),
        TermPattern.of(("some", "some of", "robust"), after=r"(?=\s+\w)"),
        TermPattern.raw(r"[A-Z]\w+\s+and\s+[A-Z]\w+(?=\s+own)"),
    )
    assert list(pattern.spans(text)) == list(TermPattern.spans(pattern, text))


_WORDS_AT_THE_END = re.compile(r"\(\?:(?:[a-z'\\s+]+\|)+[a-z'\\s+]+\)\$")
"""A pattern that ends in a plain alternation of words anchored at the end of the text: "(?:each|every|per)$"."""
_SUFFIXES = {r"(?:tion|sion|ment|ity|ness|ship|ware|s)$", r"(?:s|x|z|ch|sh)$"}
"""The patterns that mean word endings, not words."""


def test_a_word_looked_for_at_the_end_of_a_text_is_a_whole_word() -> None:
    # The rules test the words before a finding with patterns such as "(?:each|every|per)$"; without a word boundary
    # "breach" ends in "each" and "developer" in "per", and the finding was wrongly dropped.
    import gc

    import agreed.lint.rules  # noqa: F401 - builds every rule's patterns

    gc.unfreeze()  # a command run in this process may have frozen the rules' objects out of gc's sight
    sources = {found.source for found in gc.get_objects() if isinstance(found, Regex)}
    unbounded = sorted(source for source in sources if source in _SUFFIXES or (
        _WORDS_AT_THE_END.fullmatch(source) is not None))
    assert set(unbounded) <= _SUFFIXES, unbounded


def test_words_together_needs_a_word_of_every_set_of_one_shape() -> None:
    needs = words_together((("down",), ("line", "road")), (("soon",),))
    assert needs("Ship it down the ROAD.")
    assert needs("Ship it soon.")
    assert not needs("Write the figures down.")  # "down" without "line" or "road"
    assert not needs("Walk along the road.")
    assert not needs("Ship it sooner.")  # whole words only
    with pytest.raises(ValueError, match="single words"):
        words_together((("down the",),))


_WORDS = st.lists(st.text("abnos", min_size=1, max_size=4), min_size=1, max_size=8, unique=True)


@given(_WORDS, st.lists(st.text("abnos", max_size=5), max_size=8).map(" ".join))
def test_a_word_group_finds_what_the_plain_alternation_of_its_words_finds(words: list[str], text: str) -> None:
    plain = re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)
    grouped = re.compile(rf"\b{word_group(words)}\b", re.IGNORECASE)
    assert [match.span() for match in grouped.finditer(text)] == [match.span() for match in plain.finditer(text)]
    upper = text.upper()
    assert [match.span() for match in grouped.finditer(upper)] == [match.span() for match in plain.finditer(text)]


def test_a_word_group_shares_the_starts_of_its_words() -> None:
    assert word_group(("managers", "mayors", "lead", "leads")) == "(?:ma(?:nagers|yors)|lead(?:s|))"
    with pytest.raises(ValueError, match="takes words"):
        word_group(("a few",))
