"""The shared prose analysis: masking, term patterns, numbers, dates, baselines, sentences and owner values."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from agreed import text as text_package
from agreed.text.hits import exempted, is_proper_name, scan, text_after, text_before
from agreed.text.measures import has_artefact, has_baseline, has_date, has_measure, has_number
from agreed.text.patterns import Regex, TermPattern, phrase_regex
from agreed.text.sentences import clause_around, mask, sentence_around, sentences
from agreed.text.values import OwnerKind, classify_owner, is_non_answer, says_there_is_none
from agreed.text.vocabulary import BY_AGENT, PLACEHOLDER, names_owner, verb_forms

# -- mask -------------------------------------------------------------------------------------------------------------


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


# -- term patterns and scanning ---------------------------------------------------------------------------------------


def test_phrase_regex_matches_whole_words_and_spelling_variants() -> None:
    pattern = re.compile(phrase_regex(("user-friendly", "best", "we'll", "etc.")), re.IGNORECASE)
    found = [m.group() for m in pattern.finditer("User friendly, user-friendly, best-in-class, best, we\u2019ll, etc.")]
    assert found == ["User friendly", "user-friendly", "best", "we\u2019ll", "etc."]
    assert pattern.search("bestow the Robustness") is None


def test_phrase_regex_prefers_the_longest_phrase() -> None:
    assert re.match(phrase_regex(("a few", "a few of")), "a few of them").group() == "a few of"  # type: ignore[union-attr]


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


def test_scan_never_reports_a_span_that_crosses_a_masked_region() -> None:
    pattern = TermPattern.raw(r"at\s+\S*\s*must")
    assert list(scan("at https://example.com must", pattern)) == []


def test_hit_context_properties() -> None:
    (hit,) = scan("First sentence. Li will, if possible, ship it.", TermPattern.of(("possible",)))
    assert hit.sentence == "Li will, if possible, ship it."
    assert hit.clause.strip() == "if possible"
    assert hit.before == "Li will, if "
    assert hit.after == ", ship it."


# -- numbers, dates, baselines, artefacts -----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Hire 3 engineers", True), ("Hire three engineers", True), ("EUR 1,200.50", True), ("by 2027-03-01", True),
    ("in Q3", False), ("in FY27", False), ("in H2", False), ("hire someone", False), ("no one", False),
])
def test_has_number(text: str, expected: bool) -> None:
    assert has_number(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("by 2027-03-31", True), ("on 31 March 2027", True), ("by 31 March", True), ("by March 31, 2027", True),
    ("by 31/03/2027", True), ("in March 2027", False), ("by Q3", False), ("in May we ship", False), ("by 2027", False),
])
def test_has_date(text: str, expected: bool) -> None:
    assert has_date(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Investigate 3 failed runs", True), ("reduce to 5%", True),
    ("by 2027-03-31 in Q3 of FY27 at 09:00", False), ("in March 2027", False), ("by 2027", False),
])
def test_has_measure(text: str, expected: bool) -> None:
    assert has_measure(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Reduce churn from 8% to 5%", True),
    ("Reduce churn by 3 points", True),
    ("Cut latency to under 300 ms", True),
    ("Make it 20% faster", True),
    ("Keep spend below the FY2026 audited total", True),
    ("more than 40 accounts", True),
    ("Halve the backlog", True),
    ("Reduce churn", False),
    ("Reduce churn by 2027", False),
    ("Reduce churn by 2027-12-31", False),
    ("faster than before", False),
    ("cheaper than competitors", False),
])
def test_has_baseline(text: str, expected: bool) -> None:
    assert has_baseline(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("and send a root-cause report to Ana", True), ("present a written plan", True),
    ("contribute to the roadmap", False), ("look into the report", False),
])
def test_has_artefact(text: str, expected: bool) -> None:
    assert has_artefact(text) is expected


# -- sentences, clauses, neighbours -----------------------------------------------------------------------------------


def test_sentences_split_at_stops_semicolons_bullets_and_blank_lines() -> None:
    text = "Ship it, e.g. soon. Then grow; review.\n- bullet one\n\nNew para"
    parts = [text[start:end] for start, end in sentences(text)]
    assert parts == ["Ship it, e.g. soon.", "Then grow", "review.", "- bullet one", "New para"]


def test_sentence_and_clause_around() -> None:
    text = "Ship it. Li will, where possible, reply."
    start = text.index("possible")
    assert text[slice(*sentence_around(text, start, start + 8))] == "Li will, where possible, reply."
    assert text[slice(*clause_around(text, start, start + 8))] == " where possible"


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


def test_regex_compiles_on_first_use_and_delegates() -> None:
    pattern = Regex(r"(?P<word>b\w+)", re.IGNORECASE)
    assert pattern.regex is pattern.regex
    assert pattern.search("a Best b").group() == "Best"  # type: ignore[union-attr]
    assert pattern.match("best") is not None
    assert pattern.fullmatch("best b") is None
    assert [m.group() for m in pattern.finditer("be by bo", 3)] == ["by", "bo"]
    assert pattern.sub("x", "a be c") == "a x c"
    assert Regex(r"\s*,\s*").split("a , b") == ["a", "b"]


def test_is_proper_name() -> None:
    (name,) = scan("Buy it at Best Buy.", TermPattern.of(("best",)))
    (word,) = scan("Best results win.", TermPattern.of(("best",)))
    assert is_proper_name(name)
    assert not is_proper_name(word)


def test_verb_forms() -> None:
    assert verb_forms("improve", "apply", "fix", "support", "look into") == (
        "improve", "improves", "improved", "improving", "apply", "applies", "applied", "applying",
        "fix", "fixes", "fixed", "fixing", "support", "supports", "supported", "supporting",
        "look into", "looks into", "looked into", "looking into")


# -- shared fragments -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "agent"), [
    ("reviewed by Maria Chen", True), ("approved by the CFO", True), ("staffed by 3 agents", True),
    ("by 2027-03-01", False), ("by Friday", False), ("by 20%", False), ("by the end of March", False),
    ("by email", False), ("by Q3", False),
])
def test_by_agent(text: str, agent: bool) -> None:
    assert (re.search(BY_AGENT, text, re.IGNORECASE) is not None) is agent


@pytest.mark.parametrize(("text", "expected"), [
    ("Owner: Ana Ruiz", True), ("Ana owns the rollout", True), ("(owner: Li Wei)", True),
    ("The report is owned by", False), ("lead-generation", False),
])
def test_names_owner(text: str, expected: bool) -> None:
    assert names_owner(text) is expected


@pytest.mark.parametrize(("text", "found"), [
    ("TBD", ["TBD"]), ("XX%", ["XX%"]), ("within N days", ["N"]), ("???", ["???"]), ("[owner]", ["[owner]"]),
    ("<date>", ["<date>"]), ("N/A", ["N/A"]), ("What?", []), ("a todo list", []), ("XXL", []),
])
def test_placeholder_fragment(text: str, found: list[str]) -> None:
    assert [m.group() for m in re.finditer(PLACEHOLDER, text)] == found


# -- owners -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "kind"), [
    ("Maria Chen", OwnerKind.SINGLE),
    ("maria", OwnerKind.SINGLE),
    ("the CFO", OwnerKind.SINGLE),
    ("Platform team", OwnerKind.SINGLE),
    ("R&D lead", OwnerKind.SINGLE),
    ("Maria Chen <maria+work@example.com>", OwnerKind.SINGLE),
    ("Maria Chen, VP Sales", OwnerKind.SINGLE),
    ("@mchen", OwnerKind.SINGLE),
    ("we", OwnerKind.COLLECTIVE),
    ("us", OwnerKind.COLLECTIVE),
    ("the team", OwnerKind.COLLECTIVE),
    ("Team", OwnerKind.COLLECTIVE),
    ("everyone", OwnerKind.COLLECTIVE),
    ("all", OwnerKind.COLLECTIVE),
    ("both", OwnerKind.COLLECTIVE),
    ("all parties", OwnerKind.COLLECTIVE),
    ("the sales teams", OwnerKind.COLLECTIVE),
    ("a member of Finance", OwnerKind.COLLECTIVE),
    ("TBD", OwnerKind.PLACEHOLDER),
    ("?", OwnerKind.PLACEHOLDER),
    ("", OwnerKind.PLACEHOLDER),
    ("   ", OwnerKind.PLACEHOLDER),
    ("n/a", OwnerKind.PLACEHOLDER),
    ("someone", OwnerKind.PLACEHOLDER),
    ("someone from Sales", OwnerKind.PLACEHOLDER),
    ("owner", OwnerKind.PLACEHOLDER),
    ("[owner]", OwnerKind.PLACEHOLDER),
    ("<name>", OwnerKind.PLACEHOLDER),
    ("maria and li", OwnerKind.MULTIPLE),
    ("maria, li", OwnerKind.MULTIPLE),
    ("maria/li", OwnerKind.MULTIPLE),
    ("maria & li", OwnerKind.MULTIPLE),
    ("maria + li", OwnerKind.MULTIPLE),
    ("maria or li", OwnerKind.MULTIPLE),
    ("Sales and Marketing", OwnerKind.MULTIPLE),
])
def test_classify_owner(value: str, kind: OwnerKind) -> None:
    assert classify_owner(value) is kind


# -- "there is none" -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["none", " N/A ", "n/a.", "Nothing else.", "not  applicable", "NIL",
                                   "nothing to add"])
def test_says_there_is_none(value: str) -> None:
    assert says_there_is_none(value)
    assert is_non_answer(value)  # where "none" cannot be the answer, it dodges the question


@pytest.mark.parametrize("value", ["TBD", "see above", "none yet", "Nothing is shared before both have read it", ""])
def test_other_answers_do_not_say_there_is_none(value: str) -> None:
    assert not says_there_is_none(value)


# -- weight -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("module", sorted(Path(text_package.__file__).parent.glob("*.py")), ids=lambda path: path.name)
def test_text_module_imports_only_light_standard_modules(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    imported = {alias.name for node in tree.body if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in tree.body if isinstance(node, ast.ImportFrom)}
    imported -= {name for name in imported if name.startswith("agreed.text.")}  # the package's own modules
    assert imported <= {"__future__", "re", "enum", "bisect", "dataclasses", "functools"}  # bisect: a small module
