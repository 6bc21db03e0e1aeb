"""Which parties a free-text answer names: by id or by a capitalised word of the name, standing as a word of its own."""

from __future__ import annotations

import pytest

from agreed.lint.rules._answers import mentioned_parties

NAMES = {"acme": "Acme Logistics", "maria": "Maria Chen", "w-ray": "Will Ray"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Acme reviews the figures", ["acme"]),
    ("Chen and acme meet monthly", ["acme", "maria"]),
    ("Maria, then Will.", ["maria", "w-ray"]),
    ("Ask Maria-Chen's team or Acme2", []),  # joined by a hyphen or a digit: part of another word
    ("we will check Mariachi bands", []),  # names match case-sensitively and as whole words only
    ("", []),
])
def test_a_party_is_named_by_id_or_name_word_as_a_word_of_its_own(text: str, expected: list[str]) -> None:
    assert mentioned_parties(text, NAMES) == expected
