"""Non-normative text: notes, rationales, examples and headings, which commit nobody to anything.

A specification or an agreement mixes what is promised with remarks about it: "Note: delays may occur if ...",
"NOTE 2 - the figures are indicative", "Rationale: the board asked for it", "Informative: see ISO 9001",
"Non-normative: the figures come from 2025", "Example: a P1 ticket opened at 09:00", "For example, an incident
found at 22:00 is ...", "E.g. a team of five", and headings such as "3.2 Performance requirements". Their words are
no commitment, so :func:`non_normative_spans` finds them and :func:`agreed.text.sentences.mask` blanks them before
any text rule reads the statement:

- a remark runs from its label ("Note", "NB", "Rationale", "Informative", "Non-normative", "Example", "Guidance",
  with a colon or a dash, at the start of a line or of a sentence) to the end of its paragraph, or of a line that
  ends a sentence;
- an example is a sentence that opens with "For example," "For instance," or "E.g." (its comma is often left
  out): it illustrates the sentence before;
- a note to the reader is a sentence that opens with "Please note that", "It should be noted that" or "Tenderers
  should note that" (also "must note", "should be aware that");
- a heading is a line of its own: a Markdown heading ("## Scope"), a numbered section of two or more levels with a
  few words and no sentence in it ("3.2 Performance requirements"), one level whose last word names a part of a
  document ("4. Non-functional requirements", "Appendix B Glossary"), or one level with a capitalised phrase that
  has no verb and no number in it ("4 Fast and easy onboarding"). A numbered commitment is no heading: it opens
  with an imperative ("1. Ship CRM", "2.1 Migrate billing soon": a verb of
  :data:`~agreed.text.vocabulary.ACTION_VERBS` with words after it that no conjunction joins, unlike "3. Move and
  store"), it has a verb ("1. Ship the CRM": a word before "the" that no preposition is) or a date ("3 CRM live by
  2027-03-01").
"""

from __future__ import annotations

import re

from agreed.text.patterns import Regex
from agreed.text.vocabulary import ACTION_VERBS

__all__ = ["non_normative_spans"]

_OPENING_WORDS = (
    "note", "nb", "n.b", "rationale", "informative", "example", "comment", "remark", "guidance", "hint", "tip",
    "justification", "explanation", "editor", "explanatory", "non-normative", "non normative", "nonnormative",
    "for example", "for instance", "e.g.", "please note", "it should be noted",
)  # fmt: skip
"""How a remark, an example or a note to the reader opens (in lower case)."""
_READER_NOTE_WORDS = ("note that", "aware that")
_PART_WORDS = ("appendix", "annex", "section", "chapter", "part")
_SENTENCE_END = Regex(r"[.!?][ \t]|\n")


def _may_open_a_remark(text: str) -> bool:
    """Whether a line or a sentence of ``text`` opens as a remark, an example or a note to the reader can: a quick
    test on the first words of each, so that most statements are never searched."""
    for position in (0, *(match.end() for match in _SENTENCE_END.finditer(text))):
        head = text[position : position + 48].lstrip(" \t-*\u2022(").lower()
        if head.startswith(_OPENING_WORDS) or any(words in head for words in _READER_NOTE_WORDS):
            return True
    return False


def _may_hold_heading(text: str) -> bool:
    """Whether a line of ``text`` starts as a heading can: with a digit, "#", "§" or a word such as "Appendix"."""
    for line in text.split("\n") if "\n" in text else (text,):
        stripped = line.lstrip()
        if stripped[:1].isdigit() or stripped[:1] in ("#", "\u00a7") or stripped.lower().startswith(_PART_WORDS):
            return True
    return False


_REMARK = Regex(
    r"""(?:\b(?:notes?|nb|n\.b\.|rationale|informative(?:[ \t]+notes?)?|examples?|comments?|remarks?
    |editor'?s[ \t]+note|explanatory[ \t]+note|non[ \t-]?normative(?:[ \t]+notes?)?|guidance|hints?|tips?
    |justification|explanation)
    (?:[ \t]+\d+)?(?:[ \t]*\((?:informative|non-normative)\))?
    (?:[ \t]*:|[ \t]+[-\u2013\u2014][ \t])
    |\((?:informative|non[ \t-]?normative)\)[ \t]*:?)                # a label in brackets: "(Informative) ..."
    [^\n]*(?:(?<![.!?])\n(?![ \t]*\n)(?![ \t]*(?:[-*\u2022]|\d+[.)])[ \t])[^\n]*)*""",
    re.IGNORECASE | re.MULTILINE | re.VERBOSE,
)
_EXAMPLE_SENTENCE = Regex(
    r"\b(?:for[ \t]+(?:example|instance)[ \t]*,|e\.g\.[ \t]*[,:]?)"
    r"[^\n]*?(?:[.!?](?=\s+(?-i:[^\sa-z])|\s*$)|(?=\n)|$)",  # to the end of the sentence
    re.IGNORECASE | re.MULTILINE,
)
_READER_NOTE = Regex(
    r"\b(?:please[ \t]+note|it[ \t]+should[ \t]+be[ \t]+noted|(?:[\w'\u2019\-]+[ \t]+){1,4}?(?:should|must|are[ \t]+"
    r"(?:asked|reminded)[ \t]+to)[ \t]+(?:note|be[ \t]+aware))[ \t]+that\b"
    r"[^\n]*?(?:[.!?](?=\s+(?-i:[^\sa-z])|\s*$)|(?=\n)|$)",  # to the end of the sentence
    re.IGNORECASE,
)
_HEADING = Regex(
    r"""^[ \t]*(?:
        \#{1,6}[ \t]+[^\n]+
      | (?:\u00a7[ \t]*)?\d+(?:\.\d+)+\.?[ \t]+(?P<numbered>[^\n.!?;:]{1,80})
      | (?:(?:appendix|annex|section|chapter|part)[ \t]+[A-Z0-9]+[.:]?|(?P<number>\d+)[.)]?)
        [ \t]+(?P<part>[^\n.!?;:]{1,60})
    )[ \t]*$""",
    re.IGNORECASE | re.MULTILINE | re.VERBOSE,
    needs=_may_hold_heading,
)
_COMMITS = Regex(
    r"\b(?:shall|should|must|will|may|might|can|could|would|is|are|be|has|have|need|needs|provide|provides|ensure"
    r"|ensures|deliver|delivers)\b",
    re.IGNORECASE,
)
_DOCUMENT_PART = Regex(
    r"(?:requirements?|overview|introduction|scope|purpose|definitions|background|objectives|constraints"
    r"|assumptions|dependencies|summary|glossary|references|responsibilities|roles|terms|conditions|annex|appendix"
    r"|principles|approach|context|goals|risks|deliverables|milestones|specifications?|interfaces|features"
    r"|considerations|criteria|performance|security|usability|reliability|availability|maintainability"
    r"|portability|compliance|governance|contents|abbreviations|acronyms)",
    re.IGNORECASE,
)
_MAX_HEADING_WORDS = 8
_MAX_SECTION_NUMBER_DIGITS = 2
_VERB_BEFORE_OBJECT = Regex(
    r"\b(?!(?:of|in|on|for|to|with|by|at|from|into|onto|under|over|about|across|through|within|without|between"
    r"|during|after|before|against|per|via|and|or|nor|but|versus|vs)\b)[a-z]+[ \t]+(?:the|a|an|all|each|every|our"
    r"|their|its|his|her|your|my|this|these|those|any|some|no)\b",
    re.IGNORECASE,
)
"""A word that takes an object ("ship the CRM", "train all staff"): one before a determiner that no preposition or
conjunction is, which a noun-phrase heading ("Scope of the work") does not hold."""


def non_normative_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the notes, rationales, examples and headings of ``text``, in order."""
    spans: list[tuple[int, int]] = []
    if _may_open_a_remark(text):
        for pattern in (_REMARK, _EXAMPLE_SENTENCE, _READER_NOTE):
            spans.extend(m.span() for m in pattern.finditer(text) if _opens_line_or_sentence(text, m.start()))
    spans.extend(match.span() for match in _HEADING.finditer(text) if _is_heading(match))
    return sorted(spans)


def _opens_line_or_sentence(text: str, start: int) -> bool:
    """Whether ``text[start:]`` starts a line (after a bullet, if any) or a sentence."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].rstrip(" \t")
    return before in ("", "-", "*", "\u2022") or (before.endswith((".", "!", "?")) and text[start - 1] in " \t")


def _is_heading(match: re.Match[str]) -> bool:
    words = match.group("numbered") or match.group("part")
    if words is None:
        return True  # a Markdown heading
    if len(words.split()) > _MAX_HEADING_WORDS or _COMMITS.search(words) or _opens_with_imperative(words):
        return False  # "3.2.1 The system shall log each sign-in" and "1. Ship CRM" are numbered requirements
    if match.group("numbered") is not None:
        return True
    last = words.split()[-1] if words.split() else ""
    if _DOCUMENT_PART.fullmatch(last) is not None:
        return True
    return match.group("number") is not None and _is_titled_phrase(match.group("number"), words)


def _is_titled_phrase(number: str, words: str) -> bool:
    """Whether ``words`` after a one-level section ``number`` read as a title ("4 Fast and easy onboarding"), not as
    a numbered commitment ("1. Ship the CRM", "3 CRM live by 2027-03-01") or a count ("250 users")."""
    return (
        len(number) <= _MAX_SECTION_NUMBER_DIGITS
        and words[:1].isupper()
        and not any(character.isdigit() for character in words)
        and _VERB_BEFORE_OBJECT.search(words) is None
    )


_JOINERS = frozenset(("and", "or", "nor", "&", "/", "-", "\u2013", "\u2014", "vs", "versus"))


def _opens_with_imperative(words: str) -> bool:
    """Whether ``words`` open with a verb in the base form that acts on what follows ("Ship CRM", "Train support
    staff as needed"), not with a word that a conjunction joins to the next as the topics of a heading ("Move and
    store") or with a lone word ("Scope")."""
    first, *rest = words.split() or [""]
    return first.lower() in ACTION_VERBS and bool(rest) and rest[0].lower() not in _JOINERS
