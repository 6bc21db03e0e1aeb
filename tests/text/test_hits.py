"""Scanning a statement for terms, and the context around each hit."""

from __future__ import annotations

from agreed.text.hits import exempted, scan, text_after, text_before
from agreed.text.names import is_proper_name
from agreed.text.patterns import TermPattern
from agreed.text.subjects import SubjectKind


def test_scan_reports_original_text_without_overlaps_and_skips_masked_regions() -> None:
    words = TermPattern.of(("as needed", "needed"), label="words")
    hits = list(scan('Add reviewers as needed; "as needed" is quoted; as needed.', words))
    assert [(hit.term, hit.label) for hit in hits] == [("as needed", "words"), ("as needed", "words")]
    assert all(hit.masked[hit.start : hit.end] == hit.term for hit in hits)


def test_scan_reports_the_first_named_group_and_applies_keep() -> None:
    pattern = TermPattern.raw(r"keep\s+costs\s+(?P<term>low|down)|(?P<other>soon)")
    text = "Keep costs low, keep costs down and ship soon."
    assert [hit.term for hit in scan(text, pattern)] == ["low", "down", "soon"]
    assert [hit.term for hit in scan(text, pattern, keep=lambda hit: hit.term != "down")] == ["low", "soon"]


def test_scan_skips_notes_rationales_and_headings() -> None:
    words = TermPattern.of(("robust",))
    text = "3.1 Robust design requirements\nNote: robust means 3 retries.\nShip a robust API. Rationale: robust wins."
    assert [hit.start for hit in scan(text, words)] == [text.index("a robust") + 2]


def test_scan_never_reports_a_span_that_crosses_a_masked_region() -> None:
    pattern = TermPattern.raw(r"at\s+\S*\s*must")
    assert list(scan("at https://example.com must", pattern)) == []


def test_hit_context_properties() -> None:
    (hit,) = scan("First sentence. Li will, if possible, ship it.", TermPattern.of(("possible",)))
    assert hit.sentence == "Li will, if possible, ship it."
    assert hit.clause.strip() == "if possible"
    assert hit.before == "Li will, if "
    assert hit.after == ", ship it."


def test_text_before_and_after_stay_in_the_sentence() -> None:
    text = "One two. Three four five six."
    start = text.index("five")
    assert text_before(text, start, 2) == "three four"
    assert text_after(text, start + 4, 5) == "six."
    assert text_before(text, text.index("Three")) == ""


def test_exempted_checks_the_words_around_the_hit() -> None:
    after, before = {"good": r"faith\b"}, {"significant": r"statistically$"}
    good, significant, plain = scan(
        "In good faith, a statistically significant and good result.", TermPattern.of(("good", "significant")))
    assert exempted("good", good, after=after, before=before)
    assert exempted("significant", significant, after=after, before=before)
    assert not exempted("good", plain, after=after, before=before)


def test_is_proper_name() -> None:
    (name,) = scan("Buy it at Best Buy.", TermPattern.of(("best",)))
    (word,) = scan("Best results win.", TermPattern.of(("best",)))
    assert is_proper_name(name)
    assert not is_proper_name(word)


def test_hit_subject_is_the_subject_of_its_clause() -> None:
    modals = TermPattern.of(("should",))
    first, second = scan("The service should retry; Ops should publish a summary.", modals)
    assert (first.subject.words, first.subject.kind) == ("The service", SubjectKind.SYSTEM)
    assert (second.subject.words, second.subject.kind) == ("Ops", SubjectKind.ACTOR)
