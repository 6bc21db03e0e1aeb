"""The written forms of a term a team declares: "synergy" is also written "synergies", "leverage" "leveraging".

A team lists its vague words (``vague-terms``) and its precise jargon (``allowed-terms``) once, in the form that
comes to mind; statements use them in the plural, in another tense, or hyphenated. :func:`term_forms` gives the
forms to look for: the last word as a plural and as a verb, the first word of a phrase as a verb ("leverage
synergies", "leveraged synergies"), a plural's singular, and a hyphenated phrase with spaces. The endings follow the
regular rules of English spelling; a form that English does not have costs a lookup and matches nothing. A phrase
is found whether its words are written apart or joined by hyphens ("best effort tier", "best-effort tier").
"""

from __future__ import annotations

import functools

from agreed.text.patterns import Regex

__all__ = [
    "term_forms",
    "word_forms",
]

_SIBILANT_END = Regex(r"(?:s|x|z|ch|sh)$")
_CONSONANT_Y_END = Regex(r"[^aeiou]y$")
_SHORT_CLOSED = Regex(r"^[^aeiou]*[aeiou][bdgklmnprt]$")
"""One vowel then one consonant: the consonant doubles before -ed and -ing ("plan", "planned")."""
_PLURAL_END = Regex(r"(?:[^aeiou]ies|(?:s|x|z|ch|sh)es|[^siu]s)$")
_INFLECTABLE = Regex(r"^[A-Za-z]{3,}$")
_MOST_JOINED_WORDS = 4


@functools.cache
def word_forms(word: str) -> tuple[str, ...]:
    """``word`` and its regular forms as a noun and as a verb, the word itself first; a plural gives its singular.

    >>> word_forms("synergy")
    ('synergy', 'synergies', 'synergied', 'synergying')
    >>> word_forms("KPI"), word_forms("Synergies")
    (('KPI', 'KPIs'), ('Synergies', 'Synergy'))
    """
    if word.isupper():  # an acronym: only a plural ("KPIs")
        return word, word + "s"
    if _INFLECTABLE.match(word) is None:
        return (word,)
    singular = _singular(word)
    return (word, *singular) if singular else (word, *_inflections(word))


def _inflections(word: str) -> list[str]:
    lower = word.lower()
    if _CONSONANT_Y_END.search(lower):
        return [word[:-1] + "ies", word[:-1] + "ied", word + "ing"]
    if lower.endswith("e"):
        return [word + "s", word + "d", word[:-1] + "ing" if not lower.endswith("ee") else word + "ing"]
    plural = word + "es" if _SIBILANT_END.search(lower) else word + "s"
    forms = [plural, word + "ed", word + "ing"]
    if _SHORT_CLOSED.match(lower):
        forms += [word + word[-1] + "ed", word + word[-1] + "ing"]
    return forms


def _singular(word: str) -> list[str]:
    """The singular of a regular plural ("synergies" gives "synergy"); nothing for a word that is no plural."""
    lower = word.lower()
    if _PLURAL_END.search(lower) is None:
        return []
    if lower.endswith("ies"):
        return [word[:-3] + "y"]
    if lower.endswith("es") and _SIBILANT_END.search(lower[:-2]):
        return [word[:-2]]
    return [word[:-1]]


@functools.cache
def term_forms(term: str) -> tuple[str, ...]:
    """The forms of a word or phrase to look for, the term itself (stripped) first.

    A phrase's last word takes every form of :func:`word_forms` and its first word, unless capitalised, the forms of
    a verb, one word at a time ("leveraging synergies", "leverage synergy"); a hyphenated term is also written with
    spaces ("best-in-class", "best in class"), and a spaced one with hyphens ("best-effort tier" for "best effort
    tier"), in whatever case it is declared: the joints are spelling, not part of a name, so "Best Effort Tier" also
    gives "Best-Effort Tier", which a match in any case finds as "best-effort tier".

    >>> term_forms("leverage synergies")[:5]
    ('leverage synergies', 'leverage synergy', 'leverages synergies', 'leveraged synergies', 'leveraging synergies')
    """
    written = " ".join(term.split())
    words = written.split(" ")
    forms = [written]
    *head, last = words
    forms += [" ".join([*head, form]) for form in word_forms(last)[1:]]
    if len(words) > 1 and not words[0][:1].isupper():  # a name's first word ("Quality Gate 2") is no verb
        forms += [" ".join([form, *words[1:]]) for form in word_forms(words[0])[1:]]
    forms += [form.replace("-", " ") for form in forms if "-" in form]
    forms += [joined for form in forms for joined in _hyphenations(form)]
    return tuple(dict.fromkeys(forms))


def _hyphenations(phrase: str) -> list[str]:
    """``phrase`` with some of its spaces written as hyphens ("best-effort tier" for "best effort tier"), for a phrase
    of at most :data:`_MOST_JOINED_WORDS` words; a longer one only with every space a hyphen."""
    words = phrase.split(" ")
    if len(words) == 1:
        return []
    if len(words) > _MOST_JOINED_WORDS:
        return ["-".join(words)]
    joinings: list[str] = [words[0]]
    for word in words[1:]:
        joinings = [f"{start}{joint}{word}" for start in joinings for joint in " -"]
    return joinings
