"""Classifiers of whole values: answers that say nothing or that there is none, and what an owner value names."""

from __future__ import annotations

import enum
import re

from agreed.text.patterns import Regex, fold
from agreed.text.vocabulary import PLACEHOLDER, may_hold_placeholder

__all__ = [
    "NOTHING_TO_RAISE",
    "OwnerKind",
    "classify_owner",
    "is_non_answer",
    "says_there_is_none",
]


_PLACEHOLDER_VALUE = Regex(PLACEHOLDER, re.VERBOSE, may_hold_placeholder)  # compiled as the placeholder rule's


_NON_ANSWERS = frozenset(
    {
        "", "?", "??", "???", "-", "--", "\u2014", "\u2013", "...", "\u2026", "tbd", "tbc", "tba", "n/a", "na",
        "none", "nothing", "null", "nil", "no", "nope", "x", "xx", "xxx", "todo", "fixme", "unknown", "pending",
        "later", "not yet", "not sure", "unsure", "dunno", "whatever", "whatever works", "same", "same as above",
        "see above", "as above", "ditto", "as usual", "the usual", "business as usual", "as needed", "as required",
        "ad hoc", "ad-hoc", "to be determined", "to be confirmed", "to be decided", "to be agreed", "to be defined",
        "to be discussed", "to be announced", "not applicable", "does not apply", "we will see", "we'll see",
        "let's see", "depends", "it depends", "various", "etc", "misc", "other", "none yet", "nothing yet",
        "none for now", "nothing for now",
    }
)  # fmt: skip


_AS_EVER = Regex(
    r"""(?:(?:just|same|the\s+same|same\s+thing|business)\s+)?(?:as|like)\s+(?:usual|always|ever|before|last\s+time
    |now|today|we\s+do\s+(?:now|today|already)|we\s+always\s+do)""",
    re.VERBOSE,
)
"""An answer that points at a habit it does not describe: "same as usual", "like always", "as we do now"."""
_LATER = Regex(
    r"""(?:we|i|they|both\s+of\s+us|the\s+partners)(?:\s+will|'ll|\s+shall|\s+can|\s+are\s+going\s+to)\s+
    (?:(?:just|then|probably|somehow|jointly|together)\s+)?
    (?:figure|work|sort|find|decide|handle|deal\s+with|manage|see|talk\s+about|discuss|play|cross\s+that\s+bridge)
    (?:\s+(?:it|that|this|them|things))?
    (?:\s+(?:out|later|then|together|somehow|as\s+we\s+go|along\s+the\s+way|when\s+it\s+comes(?:\s+up)?
    |when\s+we\s+get\s+there|by\s+ear))*""",
    re.VERBOSE,
)
"""An answer that puts the answer off: "we will figure it out", "we'll decide later", "we will see then"."""

_LONGEST_NON_ANSWER = 40  # characters; every stock non-answer and whole-value placeholder is shorter


def is_non_answer(value: str) -> bool:
    """Whether a whole answer says nothing: empty, a placeholder ("TBD", "???"), a stock dodge ("see above"), a habit
    it does not describe ("same as usual") or an answer put off ("we will figure it out")."""
    stripped = value.strip()
    if len(stripped) > _LONGEST_NON_ANSWER:  # a real answer: spares the normalising and the placeholder scan
        return False
    normal = _normal_answer(stripped)
    return (
        normal in _NON_ANSWERS
        or normal in NOTHING_TO_RAISE
        or bool(_PLACEHOLDER_VALUE.fullmatch(stripped))
        or bool(_AS_EVER.fullmatch(normal))
        or bool(_LATER.fullmatch(normal))
    )


NOTHING_TO_RAISE = frozenset(
    {
        "none", "nothing", "no", "nil", "n/a", "na", "not applicable", "does not apply", "nothing else",
        "nothing more", "nothing further", "nothing to add", "nothing to raise", "nothing to report", "none known",
        "none at this time", "nothing at this time", "no other", "no others", "nothing other", "none other",
    }
)  # fmt: skip
"""The ways of saying "there is none": an answer to a question that may truly have none (what else to raise, what
personal life to share), and a non-answer anywhere else (:func:`is_non_answer` holds for each)."""


def says_there_is_none(value: str) -> bool:
    """Whether a whole answer says there is none ("none", "n/a", "Nothing else.", "not applicable")."""
    stripped = value.strip()
    return len(stripped) <= _LONGEST_NON_ANSWER and _normal_answer(stripped) in NOTHING_TO_RAISE


def _normal_answer(stripped: str) -> str:
    """A short answer as the stock-answer lists hold it: folded, lower case, single spaces, no closing stop."""
    return " ".join(fold(stripped).strip(".:!").lower().split())


class OwnerKind(enum.Enum):
    """What an owner value names: one accountable actor, a group, a placeholder or several actors."""

    SINGLE = "single"
    COLLECTIVE = "collective"
    PLACEHOLDER = "placeholder"
    MULTIPLE = "multiple"


_PLACEHOLDER_OWNERS = frozenset(
    {
        "", "?", "??", "???", "-", "--", "\u2014", "\u2013", "tbd", "tbc", "tba", "n/a", "na", "none", "null", "nil",
        "nobody", "no one", "someone", "somebody", "anyone", "anybody", "whoever", "owner", "the owner", "owner name",
        "name", "person", "x", "xx", "xxx", "todo", "fixme", "unknown", "unassigned", "pending", "to be determined",
        "to be confirmed", "to be decided", "to be assigned", "to be agreed", "not assigned", "not yet assigned",
    }
)  # fmt: skip
_COLLECTIVE_OWNERS = frozenset(
    {
        "we", "us", "our", "ours", "all", "both", "everyone", "everybody", "all of us", "both of us", "all parties",
        "both parties", "the parties", "parties", "partners", "the partners", "both partners", "all partners",
        "both sides", "stakeholders", "all stakeholders", "the stakeholders", "the business", "business",
        "management", "leadership", "the organisation", "the organization", "the company", "the group", "the team",
        "team", "our team", "the whole team", "whole team", "joint", "jointly", "shared", "together", "people",
        "they", "them", "staff", "all staff", "everyone involved", "the teams", "teams", "relevant teams",
        "the project team", "project team", "the working group", "working group", "our people", "collective",
    }
)  # fmt: skip
_GROUP_WORDS = Regex(r"^(?:the\s+|our\s+|all\s+|both\s+)?(?:\w+\s+)*?(?:teams|parties|partners|stakeholders|staff)$")
_OWNER_SPLIT = Regex(r"\s+(?:and|or|und|et)\s+|\s*(?:&|\+|/|,|;|\band/or\b)\s*")
_ROLE_WORDS = Regex(
    r"\b(?:vp|svp|evp|head|director|lead|manager|ceo|cto|cfo|coo|cio|ciso|cmo|cro|chief|officer|president|engineer"
    r"|owner|chair|partner|principal|sponsor|analyst|counsel)\b"
)
_EMAIL_OR_HANDLE = Regex(r"<[^<>]*>|\([^()]*\)|\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")


def classify_owner(value: str) -> OwnerKind:
    """Classify an owner field's value: one actor, a collective, a placeholder or several actors.

    >>> classify_owner("Maria Chen").name, classify_owner("the team").name
    ('SINGLE', 'COLLECTIVE')
    >>> classify_owner("TBD").name, classify_owner("Maria / Li").name
    ('PLACEHOLDER', 'MULTIPLE')
    """
    normal = " ".join(value.strip().strip(".:").lower().split())
    if normal in _PLACEHOLDER_OWNERS or _PLACEHOLDER_VALUE.fullmatch(value.strip()):
        return OwnerKind.PLACEHOLDER
    if normal.startswith(("someone ", "somebody ", "anyone ")):
        return OwnerKind.PLACEHOLDER
    if normal.startswith(("a member of ", "a representative of ", "members of ")):
        return OwnerKind.COLLECTIVE
    if normal in _COLLECTIVE_OWNERS or _GROUP_WORDS.match(normal):
        return OwnerKind.COLLECTIVE
    parts = [part for part in _OWNER_SPLIT.split(_owner_names(normal)) if part.strip()]
    if len(parts) > 1 and not (len(parts) == 2 and _ROLE_WORDS.search(parts[1]) and "," in normal):
        return OwnerKind.MULTIPLE
    if normal.startswith(("both ", "jointly ", "joint ", "co-owned ")):
        return OwnerKind.COLLECTIVE
    return OwnerKind.SINGLE


_JOINED_LETTERS = Regex(r"\b(\w)\s*[&+/]\s*(\w)\b")


def _owner_names(normal: str) -> str:
    """The owner value without e-mail addresses, bracketed handles and in-word joiners such as "R&D"."""
    without_contacts = _EMAIL_OR_HANDLE.sub(" ", normal)
    return _JOINED_LETTERS.sub(r"\1\2", without_contacts).strip(" ,;")
