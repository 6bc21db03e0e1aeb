"""The term-pattern engine: phrase expressions, and regular expressions compiled on first use."""

from __future__ import annotations

import re

from agreed.text.patterns import Regex, phrase_regex


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
