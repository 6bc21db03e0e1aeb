"""An open-ended list leaves the set of things promised unbounded.

"Etc.", "and so on", "as well as other media", "including but not limited to" or a trailing "..." turn a list of
deliverables into an open set, as does "or whatever works", and "such as", "e.g." or "like" after a plural noun
("languages like DE and FR") only give examples of it: nobody can tell when every item has
been delivered. List every item, or give the rule that decides what belongs to the set.

An example is not a list: a sentence that opens with "For example," illustrates what the sentence before promised,
"e.g." with one sample value in brackets, or closing its sentence or clause, shows the form of a field defined
elsewhere ("a priority (e.g. P1) from the P1-P4 scale", "export in a common format, e.g. CSV."), and "such as to"
means "so as to". Several values after "e.g." ("e.g. CSV or JSON") still leave the set open. Nor do examples of a set
that a document or a calendar lists ("the browsers listed in the Browser Matrix, such as Chrome 120", "public
holidays such as Good Friday"): the list decides what belongs to it.

Fires on:
    Migrate the CRM, the billing system, etc. by 2027-03-31.
    Share all incident data, including but not limited to logs and timelines.
    Build dashboards for key metrics such as churn and NPS.
    Announce each change by email as well as other media.
    Export the ledger in a common format, e.g. CSV or JSON.
    Track the tasks in Jira or whatever tool fits, in languages like DE and FR.

Passes:
    Migrate the CRM, the billing system and the data warehouse by 2027-03-31.
    Share the incident log and the timeline of each Sev-1 incident within 2 business days.
    Report the two metrics, namely churn and NPS, every Monday.
    Give each ticket a priority (e.g. P2) from the P1-P4 scale in Table 3.
    Export the ledger in a common format, e.g. CSV.
    Report each incident within 24 hours. For example, one found at 22:00 is reported by 22:00 the next day.
    Size the cache such as to keep at most 2 GB in memory.
    Support the browsers listed in the Browser Matrix, such as Chrome 120 and Firefox 121.
    The report looks like the 2026 one and the forms like the old ones.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from agreed.lint.rule import Category, TextRule, TextSpan
from agreed.problem import Severity
from agreed.text.bounded import listed_elsewhere
from agreed.text.hits import Hit, scan, text_before
from agreed.text.patterns import Regex, TermPattern, any_word

if TYPE_CHECKING:
    from collections.abc import Iterator

    from agreed.lint.rule import TextContext

TERMS = (
    "etc.", "etc", "etcetera", "et cetera", "and so on", "and so forth", "and the like", "or the like", "or similar",
    "or something similar", "or something like that", "and similar", "and such", "and whatnot",
    "including but not limited to", "including without limitation",
    "including, but not limited to", "but not limited to", "among others", "amongst others", "among other things",
    "amongst other things", "and anything else", "and whatever else", "and everything else", "such as", "e.g.", "e.g",
    "eg.", "for example", "for instance", "and other", "or other", "and others", "or others", "as well as other",
    "as well as others", "and any other", "or any other",
)  # fmt: skip
_EXAMPLES = frozenset(("such as", "e.g.", "e.g", "eg.", "for example", "for instance"))
_SAMPLE_GIVERS = frozenset(("e.g.", "e.g", "eg."))
"""The words that give sample values of a field, in brackets or at the end of a sentence or clause."""
_AT_CLAUSE_END = r"(?=\s*(?:[.,;:!?)\]]|$))"

_LIST_WORDS = TermPattern.of(TERMS)
_AND_MORE = TermPattern.of(("and more", "and much more", "and many more", "and lots more"), after=_AT_CLAUSE_END)
_ELLIPSIS = TermPattern.raw(
    r"(?<=[\w)\],])\s?(?P<term>\.\.\.|…)(?!\w)", needs=lambda text: "..." in text or "…" in text
)
_WHATEVER = TermPattern.raw(
    rf"""(?<![\w\-])(?P<term>(?:or|and)\s+(?:whatever|whichever|anything)(?:\s+else)?
    (?:(?:\s+[a-z\-]+){{0,2}}?\s+(?:works|work|fits|fit|suits|suit|helps|help|applies|apply
      |is\s+(?:needed|best|easiest|available|appropriate|convenient|useful)|makes\s+sense)(?![\w\-])
    |{_AT_CLAUSE_END}))""",
    needs=any_word("whatever", "whichever", "anything"),
)
"""A list closed by whatever the one who delivers picks: "Slack or whatever works", "Jira or whatever tool fits"."""
_LIKE = TermPattern.of(("like",), label="like")
_NOT_A_SET = Regex(
    r"\b(?:is|was|has|does|this|us|as|its|looks|seems|sounds|feels|appears|tastes|smells|less|unless|always|perhaps)$"
)
"""Words ending in "s" before "like" that name no set of things: "it looks like", "less like"."""
_COMPARED = Regex(r"\s+(?:the|a|an|this|that|these|those|our|their|its|his|her|your|any|every|each)\b", re.IGNORECASE)


_SO_AS_TO = Regex(r"\s+to\b", re.IGNORECASE)
_LIST_IN = Regex(r",|\band\b|\bor\b|/")
_CLAUSE_END = Regex(r"[.;!?](?=\s|$)|\n|$")


def _keep(hit: Hit) -> bool:
    word = hit.term.lower()
    if hit.label == "like":
        return _gives_examples(hit)
    if word in _EXAMPLES:
        return _lists(hit, word)
    if word in ("and other", "or other", "as well as other", "and any other", "or any other"):
        return re.match(r"\s*(?:than|hand|way)\b", hit.masked[hit.end :], re.IGNORECASE) is None
    if hit.term in ("...", "\u2026"):
        return "," in hit.before or re.match(r"\s*(?:[.;:)\]]|$)", hit.masked[hit.end :]) is not None
    return True


def _gives_examples(hit: Hit) -> bool:
    """Whether "like" after a plural noun gives examples of a set, as "such as" does ("languages like DE and FR"),
    with several of them to the end of the clause: "like" after a verb ("looks like") or before one value compares."""
    before = text_before(hit.masked, hit.start, 1).lower()
    if not before.endswith("s") or _NOT_A_SET.fullmatch(before) or listed_elsewhere(hit.masked, hit.start):
        return False
    if _COMPARED.match(hit.masked, hit.end):
        return False  # "price add-ons like the 2026 ones": a comparison with one thing
    clause_end = _CLAUSE_END.search(hit.masked, hit.end)
    values = hit.masked[hit.end : clause_end.start() if clause_end is not None else len(hit.masked)]
    return _LIST_IN.search(values) is not None


def _lists(hit: Hit, word: str) -> bool:
    """Whether "such as", "e.g." or "for example" opens the set of things promised rather than illustrating it."""
    if word.startswith("for ") and not hit.before.strip():
        return False  # "For example, ..." opening a sentence illustrates the one before
    if word == "such as" and _SO_AS_TO.match(hit.masked, hit.end):
        return False  # "such as to keep 2 GB": so as to
    if listed_elsewhere(hit.masked, hit.start):
        return False  # "the browsers listed in the Browser Matrix, such as Chrome 120": the matrix closes the set
    return not _is_one_sample_value(hit, word)  # "a priority (e.g. P2) from the P1-P4 scale", "format, e.g. CSV."


def _is_one_sample_value(hit: Hit, word: str) -> bool:
    """Whether the example gives one value, no list of them, up to its closing bracket or, for "e.g." out of
    brackets, up to the end of its sentence or clause."""
    values = _sample_values(hit, word)
    return values is not None and _LIST_IN.search(values) is None


def _sample_values(hit: Hit, word: str) -> str | None:
    opening = hit.masked.rfind("(", 0, hit.start)
    if opening >= 0 and not hit.masked[opening + 1 : hit.start].strip():  # "(e.g. ...)"
        closing = hit.masked.find(")", hit.end)
        return hit.masked[hit.end : closing] if closing >= 0 else None
    if word not in _SAMPLE_GIVERS:
        return None
    clause_end = _CLAUSE_END.search(hit.masked, hit.end)
    return hit.masked[hit.end : clause_end.start()] if clause_end is not None else None


def check(text: str, context: TextContext) -> Iterator[TextSpan]:
    for hit in scan(text, _LIST_WORDS, _AND_MORE, _ELLIPSIS, _WHATEVER, _LIKE, keep=_keep):
        yield TextSpan(
            hit.start,
            hit.end,
            f'"{hit.term}" leaves the list open: name every item, or the rule that decides what belongs to it',
        )


RULE = TextRule(
    code="V104",
    name="open-ended-list",
    category=Category.VAGUENESS,
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
