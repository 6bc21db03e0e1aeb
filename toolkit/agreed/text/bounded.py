"""Quantifiers over a bounded set: when "all", "every", "zero", "always" or "the largest" can be checked case by case.

An absolute is vague over a set nobody has defined ("all issues", "zero defects", "always delight customers") and
precise over one the statement defines:

- a ranking that counts its members: "the 40 largest suppliers", "the 10 most common onboarding blockers", "the top 5
  risks" (:func:`counts_ranking`);
- a set the noun phrase restricts: by a clause or a qualifier after the noun ("every defect that is reported in the
  pilot", "all invoices older than 90 days", "every ticket raised in #support"), or by a modifier before a noun whose
  members are records ("every duplicate charge", "zero critical vulnerabilities", "all input data"; not "all relevant
  tickets" or "all security concerns": a vague modifier, or a noun nobody lists in advance); a comparative modifier
  ("any longer delay") needs a number in the statement to compare with (:func:`restricted_set`);
- a set listed elsewhere, whose examples only illustrate it: "the browsers listed in the Browser Matrix, such as
  Chrome 120", "public holidays such as Good Friday" (:func:`listed_elsewhere`);
- a rule whose every case can be checked: a number, a time or a weekday bounds it ("never deploy on a Friday after
  15:00"), a condition or circumstance scopes it ("never start while the guard is open", "never in front of our
  teams"), or it names an action on a definite thing and where it goes ("always attach the signed form to the
  ticket", "never paste a secret into Slack") (:func:`checkable_rule`).
"""

from __future__ import annotations

import re

from agreed.text.measures import has_measure
from agreed.text.patterns import Regex
from agreed.text.sentences import clause_around, sentence_around
from agreed.text.vocabulary import NUMBER, WEEKDAY

__all__ = [
    "bounded_before",
    "checkable_rule",
    "counts_ranking",
    "counts_ranking_after",
    "listed_elsewhere",
    "restricted_set",
    "scoped_field",
]

_COUNT_BEFORE = Regex(rf"(?:{NUMBER}|\btop\s+{NUMBER}|\btop)\s+(?:the\s+)?$", re.IGNORECASE)
_COUNT_AFTER = Regex(rf"\s+{NUMBER}\s+[a-z]", re.IGNORECASE)
_COUNTED_FIELD = Regex(
    rf"\b(?:among|amongst|out\s+of|of)\s+(?:(?:the|all|our|these|those)\s+)?{NUMBER}\s", re.IGNORECASE
)
_DETERMINERS = frozenset({"the", "our", "your", "their", "its", "of", "my", "his", "her", "these", "those"})
_QUANTIFIERS = frozenset({"all", "every", "any", "zero", "no", "each", "100", "%", "100%", "of"})
_CLAUSE = r"(?:that|which|who|whose|where|whom)\b"
_COMPARED = (
    r"(?:older|newer|younger|larger|longer|shorter|bigger|smaller|greater|higher|lower|more|less|fewer|above|over"
    r"|under|below|exceeding|beyond|worth|costing|rated|scored|classified|open|opened|unresolved|outstanding)\s+"
    r"(?:than\s+)?(?:[\w\-]+\s+){0,2}?(?:\S*\d|P[0-4]\b|sev(?:erity)?[\s\-]?\d)"
)
_PARTICIPLE = (
    r"\w+(?:ed|en)\s+(?:in|on|by|through|via|at|from|during|under|against|before|after|for)\s+(?:\S+\s+){0,2}?"
)
_DEFINITE = r"(?:the\s+(?-i:[A-Z])|[#@]\w|(?-i:[A-Z][\w\-]*\b)|\S*\d|(?:the|this|each|our|their)\s+[\w\-]+)"
_IN_A_NAMED_PLACE = rf"(?:in|on|from|of|for|at|under|within|across|to|during)\s+{_DEFINITE}"
_QUALIFIER_AFTER = Regex(
    rf"\s*,?\s*(?:{_CLAUSE}|{_COMPARED}|{_PARTICIPLE}{_DEFINITE}|{_IN_A_NAMED_PLACE})",
    re.IGNORECASE,
)
_VAGUE_MODIFIERS = frozenset(
    {"relevant", "important", "key", "major", "minor", "significant", "possible", "potential", "other", "such",
     "necessary", "appropriate", "applicable", "related", "various", "remaining", "further", "additional", "known",
     "unknown", "future", "general", "similar", "serious", "big", "small", "real", "actual", "identified",
     "reported"}
)  # fmt: skip
"""Modifiers that restrict a set no better than the bare noun: "all relevant issues" is as open as "all issues"."""
_OPEN_NOUNS = frozenset(
    {"issue", "issues", "problem", "problems", "concern", "concerns", "need", "needs", "expectation", "expectations",
     "aspect", "aspects", "area", "areas", "thing", "things", "matter", "matters", "topic", "topics", "detail",
     "details", "information", "feedback", "scenario", "scenarios", "case", "cases", "surprise", "surprises", "work",
     "risk", "risks", "mistake", "mistakes", "loss", "losses", "leak", "leaks", "leakage", "breach", "breaches",
     "corruption"}
)  # fmt: skip
"""Nouns whose members nobody lists in advance: a modifier does not bound them ("all security concerns" stays open,
"every duplicate charge" does not), a qualifier after them can ("every risk in the register")."""
_COMPARATIVE = Regex(
    r"(?:long|larg|bigg|high|low|great|small|short|old|new|earl|lat|wid|furth|bett|wors)er|more|less|fewer"
)
_CIRCUMSTANCE = Regex(
    r"\b(?:while|when|whenever|if|unless|until|before|after|during|outside|without|in\s+front\s+of|within)\s+"
    r"(?:the|a|an|our|their|its|each|every|this|that|any|[#@]\w|(?-i:[A-Z]))",
    re.IGNORECASE,
)
_BOUND = Regex(
    rf"\b(?:{WEEKDAY}s?|weekends?|midnight|noon|holidays?)\b|\d",
    re.IGNORECASE,
)
_TARGETED_ACTION = Regex(
    r"\s+(?:\w+\s+){0,1}?[a-z]+\s+(?:the|a|an|each|every|this|that|our|their|its)\s+(?:[\w\-]+\s+){0,3}?[\w\-]+"
    r"\s+(?:to|in|into|on|onto|with|from|under|against|before|after)\s+(?:the|a|an|each|every|this|that|our|their"
    r"|its|[#@]\w|(?-i:[A-Z]))",
    re.IGNORECASE,
)


def counts_ranking(masked: str, start: int) -> bool:
    """Whether the superlative at ``start`` ranks a counted set: "the 40 largest", "the top 10 most common"."""
    sentence_start = sentence_around(masked, start, start)[0]
    return _COUNT_BEFORE.search(masked[max(sentence_start, start - 40) : start]) is not None


def counts_ranking_after(masked: str, end: int) -> bool:
    """Whether the superlative ending at ``end`` ranks a counted set named after it: "the largest 20 accounts"."""
    return _COUNT_AFTER.match(masked, end) is not None


def scoped_field(masked: str, end: int) -> bool:
    """Whether the superlative ending at ``end`` compares within a counted field: "the fastest checkout among the 5
    competitors benchmarked"; "the best of all" or "among competitors" names no such field."""
    sentence_end = sentence_around(masked, end, end)[1]
    return _COUNTED_FIELD.search(masked[end:sentence_end]) is not None


def restricted_set(masked: str, start: int, end: int) -> bool:
    """Whether the quantified noun phrase at ``masked[start:end]`` ("every defect", "zero critical vulnerabilities")
    names a set the statement defines: a clause or a qualifier follows it, or a modifier that is not vague restricts
    its noun (a comparative one only where the statement gives a number to compare with; a date is no such
    number)."""
    if _QUALIFIER_AFTER.match(masked, end):
        return True
    words = [word for word in masked[start:end].lower().split() if word not in _QUANTIFIERS | _DETERMINERS]
    modifiers = words[:-1]
    if not modifiers or not _VAGUE_MODIFIERS.isdisjoint(modifiers) or (words and words[-1] in _OPEN_NOUNS):
        return False  # "all issues", "all relevant issues", "all security concerns"
    return not _COMPARATIVE.fullmatch(modifiers[-1]) or has_measure(masked)  # "any longer delay" than "10 days"


_LISTED_SET = Regex(
    rf"""(?:\b(?:listed|named|defined|specified|set\s+out|enumerated|published|registered|recorded|shown|included)
        \s+(?:in|on|by|under)\s+{_DEFINITE}
    | \b(?:in|on|from)\s+(?:the\s+|our\s+|their\s+)?(?:[\w\-]+\s+){{0,2}}?(?:list|matrix|calendar|register
        |catalogue|catalog|schedule|table|annex|appendix|inventory|scale|roster|glossary)\b
    | \b(?:public|bank|statutory|national|federal)\s+holidays\b
    )(?:(?!\b(?:and|or|but|plus|as\s+well\s+as)\b)[^,;:.])*$""",
    re.IGNORECASE | re.VERBOSE,
)
"""A set whose members a document or a calendar lists: "listed in the Browser Matrix", "in the Sales Calendar",
"public holidays" (the official calendar's)."""


def listed_elsewhere(masked: str, start: int) -> bool:
    """Whether the examples that "such as" or "e.g." at ``start`` gives illustrate a set listed elsewhere, in a
    named document or a calendar ("the browsers listed in the Browser Matrix, such as Chrome 120", "public holidays
    such as Good Friday"): the list decides what belongs to the set, the examples leave it no more open."""
    sentence_start = sentence_around(masked, start, start)[0]
    head = masked[sentence_start:start].rstrip(" ,(\u2013\u2014")
    return _LISTED_SET.search(head) is not None


def bounded_before(masked: str, start: int) -> bool:
    """Whether the clause that an absolute adverbial at ``start`` closes ("keeps the error rate below 0.1 % at all
    times") is bounded by a number or a time, so that the rule it states is checked case by case, as "always"
    followed by the same words is."""
    clause_start = clause_around(masked, start, start)[0]
    return _BOUND.search(masked[clause_start:start]) is not None


def checkable_rule(masked: str, end: int) -> bool:
    """Whether the rule that "always" or "never" ends at ``end`` opens is checked case by case: a number, a time or
    a weekday bounds it, a condition or circumstance scopes it, or it acts on a definite thing and names where the
    thing goes."""
    sentence_end = sentence_around(masked, end, end)[1]
    rest = masked[end:sentence_end]
    return any(pattern.search(rest) for pattern in (_BOUND, _CIRCUMSTANCE)) or _TARGETED_ACTION.match(rest) is not None
