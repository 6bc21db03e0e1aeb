"""Masking of URLs, addresses, code and quotes; sentences and clauses."""

from __future__ import annotations

import pytest

from agreed.text.sentences import clause_around, mask, sentence_around, sentences


@pytest.mark.parametrize(("text", "hidden"), [
    ("Read https://example.com/a?b=1 today.", "https://example.com/a?b=1"),
    ("Read www.example.com/robust today.", "www.example.com/robust"),
    ("Mail maria.chen+x@example.com today.", "maria.chen+x@example.com"),
    ("Run `fast_mode --all` now.", "`fast_mode --all`"),
    ("Run ``a `b` c`` now.", "``a `b` c``"),
    ('Say "we will reply soon" now.', '"we will reply soon"'),
    ("Say \u201cwe will reply soon\u201d now.", "\u201cwe will reply soon\u201d"),
    ("Say 'robust and seamless' now.", "'robust and seamless'"),
    ("Say \u2018robust\u2019 now.", "\u2018robust\u2019"),
])
def test_mask_blanks_urls_code_and_quotes(text: str, hidden: str) -> None:
    masked = mask(text)
    assert len(masked) == len(text)
    start = text.index(hidden)
    assert masked[start : start + len(hidden)] == " " * len(hidden)
    assert masked[:start] == text[:start]
    assert masked[start + len(hidden) :] == text[start + len(hidden) :]


@pytest.mark.parametrize("text", [
    "Don't change the team's plan; the partners' goals stay.",
    "Maria's and Li's reports are due on 2027-03-01.",
    "Plain text with no quotes.",
])
def test_mask_keeps_apostrophes(text: str) -> None:
    assert mask(text) == text


def test_mask_keeps_line_breaks() -> None:
    assert mask('a "b\nc" d') == 'a "b\nc" d'  # a quote never spans lines
    assert mask("a `b` \nc") == "a     \nc"


def test_sentences_split_at_stops_semicolons_bullets_and_blank_lines() -> None:
    text = "Ship it, e.g. soon. Then grow; review.\n- bullet one\n\nNew para"
    parts = [text[start:end] for start, end in sentences(text)]
    assert parts == ["Ship it, e.g. soon.", "Then grow", "review.", "- bullet one", "New para"]


def test_sentence_and_clause_around() -> None:
    text = "Ship it. Li will, where possible, reply."
    start = text.index("possible")
    assert text[slice(*sentence_around(text, start, start + 8))] == "Li will, where possible, reply."
    assert text[slice(*clause_around(text, start, start + 8))] == " where possible"


@pytest.mark.parametrize(("text", "hidden"), [
    ("Note: clinicians may override an alert.", "Note: clinicians may override an alert."),
    ("NOTE - figures are indicative.", "NOTE - figures are indicative."),
    ("Log each sign-in. NOTE 2: logs may be purged.", "NOTE 2: logs may be purged."),
    ("Rationale: the board asked for it.\n\nLi will ship it.", "Rationale: the board asked for it."),
    ("Informative: see the best-practice guide.", "Informative: see the best-practice guide."),
    ("Guidance: a good answer is short.", "Guidance: a good answer is short."),
    ("Bidders should note that the best offer wins. Li opens bids.", "Bidders should note that the best offer wins."),
    ("Please note that some fields may change.", "Please note that some fields may change."),
    ("Example: a P1 ticket opened at 09:00.", "Example: a P1 ticket opened at 09:00."),
    ("3.2 Performance requirements\nThe API answers in 200 ms.", "3.2 Performance requirements"),
    ("## Scope\nLi ships the CRM.", "## Scope"),
    ("4. Non-functional requirements", "4. Non-functional requirements"),
    ("Report in 1 day. For example, a Sev-1 may need 2 calls. Li ships it.", "For example, a Sev-1 may need 2 calls."),
    ("For instance, we should try harder.\nLi ships it.", "For instance, we should try harder."),
])
def test_mask_blanks_non_normative_text(text: str, hidden: str) -> None:
    masked = mask(text)
    start = text.index(hidden)
    assert masked[start : start + len(hidden)] == " " * len(hidden)
    assert masked[start + len(hidden) :] == text[start + len(hidden) :]


@pytest.mark.parametrize("text", [
    "3.2.1 The system shall log each sign-in.",
    "1. Ship the CRM",
    "Notes should be kept for 7 years.",
    "Note that Li sends the draft on 2027-03-01.",
    "Li reviews the notes: 3 per week.",
    "Automate reports, for example the weekly pack.",
])
def test_mask_keeps_commitments_that_look_like_remarks(text: str) -> None:
    assert mask(text) == text
