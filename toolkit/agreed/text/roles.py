"""What role a verb plays in its clause: a commitment of the actor, or a capability, a modifier or a purpose.

A rule that finds a verb ("support", "monitor", "help") asks :func:`verb_role` whether the clause commits someone to
do it. Only a commitment is one:

- a capability: a verb of :data:`CAPABILITY_VERBS` in the present tense after its subject ("The portal supports
  single sign-on", "Acme monitors the gateway"), or in any form after a system, product or service ("The app will
  monitor disk usage"), with a feature as its object; "IT supports the migration", "the portal will support staff"
  and "the module will help with reducing errors" still promise effort;
- a modifier: a participle after a noun ("teams supporting the rollout", "the people involved in the pilot");
- a purpose: an infinitive that does not complete a verb of commitment ("To help agents find answers, ...", "a
  mentor to help new hires", "the licences needed to support billing"); after "will continue to", "agrees to",
  "is to" or a bare named actor ("Engineering and Product to explore ...") it is the commitment itself.

Whether "to" opens an infinitive or leads to a noun ("is expected to deliver", "is escalated to management") is
told by the word after it: :func:`may_be_infinitive` rules out the forms no verb's bare form takes.

The words are read from the masked statement around the verb, within its clause; nothing is parsed.
"""

from __future__ import annotations

import enum
import re

from agreed.text.patterns import Regex
from agreed.text.sentences import clause_around
from agreed.text.subjects import SubjectKind, subject_before

__all__ = [
    "CAPABILITY_VERBS",
    "VerbRole",
    "may_be_infinitive",
    "sends_to_someone",
    "verb_role",
]


class VerbRole(enum.Enum):
    COMMITMENT = "commitment"
    CAPABILITY = "capability"
    MODIFIER = "modifier"
    PURPOSE = "purpose"


_WORD = Regex(r"[\w'\u2019]+|[^\w\s]")
_MODALS = frozenset(
    {"will", "shall", "must", "should", "would", "can", "could", "may", "might", "'ll", "\u2019ll", "need", "needs",
     "to", "is", "are", "am", "be", "been", "being", "was", "were", "has", "have", "had", "going", "does", "do", "did",
     "also", "then", "actively", "fully", "always", "not", "never", "only", "jointly", "continue", "continues",
     "continuously"}
)  # fmt: skip
"""Auxiliaries and adverbs that may stand between a subject and its verb."""
_BEFORE_GERUND = frozenset(
    {"is", "are", "am", "was", "were", "be", "been", "keep", "keeps", "continue", "continues", "start", "starts",
     "begin", "begins", "stop", "stops", "and", "or", "also", "then", "actively", "not", "we", "i", "you", "they",
     "for", "in", "on", "with", "of", "by", "about", "without", "after", "before", "from", "to", "at", "towards",
     "toward", "into", "through", "the", "a", "an", "our", "their", "its", "his", "her", "my", "your", "this", "that",
     "these", "those", "will", "shall", "must", "should"}
)  # fmt: skip
"""Words after which an -ing form is the verb of its clause or a gerund object, not a modifier of a noun."""
_BEFORE_PARTICIPLE = frozenset(
    {"is", "are", "am", "was", "were", "be", "been", "being", "get", "gets", "got", "has", "have", "had", "and",
     "or", "also", "then", "not", "the", "a", "an", "our", "their", "its", "his", "her", "my", "your", "this",
     "that", "these", "those"}
)  # fmt: skip
"""Words after which an -ed form is a passive or a perfect, not a participle after a noun."""
_COMMITTING = frozenset(
    {"is", "are", "am", "be", "going", "has", "have", "need", "needs", "want", "wants", "plan", "plans", "intend",
     "intends", "aim", "aims", "agree", "agrees", "agreed", "commit", "commits", "committed", "promise", "promises",
     "promised", "undertake", "undertakes", "continue", "continues", "try", "tries", "seek", "seeks", "work", "works",
     "strive", "strives", "expect", "expects", "expected", "required", "ready", "able", "ought", "pledge", "pledges",
     "offer", "offers", "volunteer", "volunteers", "will", "shall", "must", "should", "also", "and", "or", "then",
     "start", "starts", "begin", "begins", "hope", "hopes", "wish", "wishes", "decide", "decides", "step", "steps",
     "responsible", "accountable", "asked", "tasked", "assigned", "set", "prepared", "willing", "supposed", "due"}
)  # fmt: skip
"""Words after which "to <verb>" completes a commitment ("will continue to support", "agrees to help")."""
_PURPOSE_LEAD = frozenset({"order", "as"})  # "in order to", "so as to"
_BODIES = frozenset({"team", "teams", "group", "unit", "department", "squad", "office", "desk", "committee", "board"})
_NAMED_ACTOR_TO = Regex(
    r"(?:the\s+)?(?-i:[A-Z][\w&\-]*)(?:\s+(?:and|&|or)\s+(?:the\s+)?(?-i:[A-Z][\w&\-]*)|\s+(?-i:[A-Z][\w&\-]*))*"
    r"(?:\s+team)?\s+to",
)
_EFFORT_OBJECT = Regex(
    r"\s+(?:(?:the|our|their|its|each|every|all|any|a|an|new|other)\s+)*(?:[\w\-]+\s+)?"
    r"(?:launch|launches|rollout|roll-out|migration|onboarding|transition|project|projects|programme|program|initiative|go-live|implementation"
    r"|deployment|adoption|renewals?|change|changes|transformation|effort|efforts|work|team|teams|staff|customers"
    r"|colleagues|people|partners|business|integrators?|users|clients|students|patients|residents)\b",
    re.IGNORECASE,
)
"""An object that is an effort or people ("supports the launch", "supports staff"): supporting it promises effort, not
a feature."""
CAPABILITY_VERBS = frozenset(
    {
        "support",
        "monitor",
        "track",
        "evaluate",
        "assess",
        "coordinate",
        "consult",
        "research",
        "handle",
        "manage",
    }
)
"""Verbs that state what a system or a party is able to do, not an effort it promises ("supports single sign-on",
"monitors queue depth"); "help" or "facilitate" promise effort whoever the subject is."""


_NOT_A_VERB = Regex(
    r"""(?:everyone|everybody|someone|somebody|anyone|anybody|nobody|us|them|him|me|you|it|whoever|others
    |\w*[^su\W]s                                      # a plural: "partners", "sales" (not "discuss", "focus")
    |\w*[aeiouy]\w*ing                                # a gerund: "engineering" (not "bring", "string")
    |(?!(?:wor)ship)\w+ship|\w+ity|\w+ism|(?!(?:har|wit)ness)\w+ness
    |(?!(?:imple|docu|com|supple|comple|aug|experi|seg|compli|ce|la|tor|fer|fo|frag|incre|decre)ment)\w+ment)""",
    re.VERBOSE | re.IGNORECASE,
)
"""Words that no verb's bare form is: a pronoun, a plural, a gerund, or a noun by its ending ("leadership",
"security", "management", but not the verbs "worship", "witness", "implement" or "document")."""


_SENT = frozenset((
    "escalated", "sent", "forwarded", "referred", "reported", "handed", "passed", "submitted", "delivered",
    "assigned", "given", "provided", "returned", "shared", "shown", "communicated", "distributed", "circulated",
    "routed", "copied", "posted", "emailed", "e-mailed", "mailed", "presented", "transferred", "issued", "supplied",
    "allocated", "addressed", "shipped", "uploaded", "sold", "lent", "paid", "sent out", "handed over", "passed on",
))  # fmt: skip
"""Participles of verbs whose "to" names where or to whom something goes, never an infinitive of theirs."""


def sends_to_someone(participle: str) -> bool:
    """Whether a passive of this verb reads "to" as whom the thing goes to ("is escalated to finance", "are sent to
    legal"), whatever word follows, even one that is also a verb's bare form."""
    return " ".join(participle.lower().split()) in _SENT


def may_be_infinitive(word: str) -> bool:
    """Whether ``word``, after "to", may be a verb's bare form, which makes "to" open an infinitive ("is expected to
    deliver"), rather than a noun or a pronoun "to" leads to ("is escalated to management", "is sent to partners")."""
    return _NOT_A_VERB.fullmatch(word) is None


def _words(text: str) -> list[str]:
    return [match.group().lower() for match in _WORD.finditer(text)]


def verb_role(masked: str, start: int, end: int) -> VerbRole:
    """The role of the verb (or phrasal verb) at ``masked[start:end]`` in its clause."""
    verb = next(iter(masked[start:end].split()), "").lower()
    clause_start = clause_around(masked, start, end)[0]
    before = _words(masked[clause_start:start])
    previous = before[-1] if before else ""
    if previous == "to":
        named = _names_actor(masked[clause_start:start])  # "Engineering and Product to explore a strategy"
        return VerbRole.COMMITMENT if named or _completes_commitment(before[:-1]) else VerbRole.PURPOSE
    if _lemma(verb) in CAPABILITY_VERBS and not _EFFORT_OBJECT.match(masked, end):
        if _has_system_subject(masked, start, before):
            return VerbRole.CAPABILITY  # "The app will monitor disk usage" (a subject as agreed.text.subjects sees)
        if _is_third_person(verb) and previous.isalpha() and previous not in _MODALS:
            return VerbRole.CAPABILITY  # "The portal supports", "Acme monitors"; not "does support"
    if verb.endswith("ing") and previous.isalnum() and previous not in _BEFORE_GERUND and not previous.endswith("ly"):
        return VerbRole.MODIFIER  # "teams supporting the rollout"
    if verb.endswith("ed") and previous.isalnum() and previous not in _BEFORE_PARTICIPLE and _is_noun_like(previous):
        return VerbRole.MODIFIER  # "the people involved in the pilot"
    return VerbRole.COMMITMENT


def _has_system_subject(masked: str, start: int, before: list[str]) -> bool:
    while before and before[-1] in _MODALS:
        before = before[:-1]
    if before and before[-1] in _BODIES:
        return False  # "The API team will support": a team, whatever it is named after
    return subject_before(masked, start).kind is SubjectKind.SYSTEM


def _names_actor(before: str) -> bool:
    """Whether the clause before "to <verb>" is only a named actor, as a heading-style commitment writes it ("Li to
    send the deck", "Engineering and Product to explore")."""
    return _NAMED_ACTOR_TO.fullmatch(before.strip()) is not None


def _lemma(verb: str) -> str:
    """The base of a form of a verb the capability list holds ("supports", "monitored" give "support", "monitor")."""
    for ending in ("ing", "ed", "es", "s"):
        if verb.endswith(ending) and verb[: -len(ending)] in CAPABILITY_VERBS:
            return verb[: -len(ending)]
    return verb


def _completes_commitment(before_to: list[str]) -> bool:
    """Whether "to <verb>" after ``before_to`` is what the actor commits to, not a purpose."""
    if not before_to:
        return False  # "To help agents find answers, the portal will ..."
    word = before_to[-1]
    if word in _PURPOSE_LEAD and len(before_to) > 1 and before_to[-2] in ("in", "so"):
        return False
    return word in _COMMITTING or word.endswith("ly")


def _is_third_person(verb: str) -> bool:
    return verb.endswith("s") and not verb.endswith(("ss", "us", "is"))


def _is_noun_like(word: str) -> bool:
    return not word.endswith("ly") and word not in _MODALS
