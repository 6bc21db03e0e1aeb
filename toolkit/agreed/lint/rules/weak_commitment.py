"""A hedge turns a commitment into an intention.

"Should", "may", "try to", "aim to" or "ideally" tell the partner what someone hopes to do, not what they will do:
when it does not happen, nothing was broken. Use "will" (or a bare imperative) and commit, or say plainly that the
item is optional. The rule reads who the modal is about, so that only a hedge of whoever commits is reported:

- a system, product, service or component as the subject ("the service should retry", "the app may cache the token")
  is a priority keyword of a specification (RFC 2119, ISO/IEC/IEEE 29148), not a hedge, and so is a passive with
  one as its subject and no actor named ("the database should be backed up nightly"); a passive that names who acts
  is about them ("should be backed up by Ops" hedges what Ops does), and one whose subject is no system hides an
  actor, whose hedge is still a hedge ("errors should be logged");
- "may" that grants a right ("the Client may terminate with 30 days' notice", "customers may export their data"),
  or a modal about someone the commitment serves ("users should sign in with single sign-on"), is no hedge of the
  committing party;
- a possibility ("delays may occur", "anything that could delay the launch", "Risk: Li may leave in June") and a
  condition ("if the launch should slip", "Should the link fail, ...") describe what might happen, not what anyone
  promises.

Fires on:
    Ops should publish a summary after each incident.
    The database should be backed up every night by the Platform team.
    We will try to share the forecast by 2027-03-01.
    Ideally, Li may send a draft every Friday.
    The vendor will aim to answer every ticket within 1 day.

Passes:
    Ops will publish a summary within 2 business days of each Sev-1 incident.
    Either partner may end the agreement with 30 days' written notice.
    The service should retry each failed webhook 3 times.
    Customers may export their data as CSV.
    Should the link fail, the router switches to the backup line within 5 s.
    Li will send the draft on 15 May 2027.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from agreed.lint.rule import Category, TextRule, TextSpan
from agreed.problem import Severity
from agreed.text.hits import Hit, scan, text_after, text_before
from agreed.text.patterns import Regex, TermPattern
from agreed.text.subjects import Subject, SubjectKind, names_a_class, passive_agent
from agreed.text.vocabulary import verb_forms

if TYPE_CHECKING:
    from collections.abc import Iterator

    from agreed.lint.rule import TextContext

TERMS = (
    "should", "may", "might", "could", "ideally", "hopefully", "potentially", "possibly", "perhaps", "probably",
    "where we can", "if we can", "when we can", "where they can", "if they can", "where I can", "if I can",
    "do our best", "do my best", "do their best", "do his best", "do her best", "do its best", "aim for", "aims for",
    "aiming for", "would like to", "wish to", "wishes to", "ought to",
    *verb_forms(
        "try to", "attempt to", "aim to", "strive to", "hope to", "intend to", "plan to", "expect to",
        "endeavour to", "endeavor to", "seek to",
    ),
)  # fmt: skip
_PATTERN = TermPattern.of(TERMS)
_RIGHT = Regex(
    r"(?:also\s+|at\s+any\s+time\s+|instead\s+)?(?:not|terminate|end|cancel|withdraw|request|ask|audit|inspect|decline"
    r"|refuse|reject|opt|choose|elect|renegotiate|reopen|veto|appoint|nominate|delegate|access|attend|invite|call"
    r"|escalate|extend|suspend|pause|substitute|contact|exercise|invoice|charge|claim|object|appeal|propose"
    r"|use|require|rely|recover|retain|keep|withhold|approve|authori[sz]e|waive|vary|amend|assign|transfer"
    r"|sub-?contract|disclose|agree)\b"
    r"|(?:,\s*)?at\s+(?:its|their|his|her|our|your)\b"  # "may, at its discretion, ...": a right
)
_STATE = Regex(r"be\s+(?!able\b)\w")
_MONTH_CONTEXT = Regex(r"\b(?:in|by|of|from|until|till|since|before|after|during|early|mid|late|end|\d+\w*)$")
_NOUN_BEFORE = Regex(r"\b(?:a|an|the|our|their|its|this|that)$")
_QUALIFIES = Regex(r"(?:\w+(?:ed|en|ive|ous|ful|able|ible|al|ic|ing|ant|ent)|harmful|sensitive|unsafe|relevant)\b")
_INFORMS = Regex(r"(?:also\s+)?(?:note|be\s+noted|be\s+aware|refer|see)\b")
_RECEIVES = Regex(
    r"(?:always\s+|also\s+|then\s+)?(?:receive|get|hear|be\s+(?:given|sent|told|informed|notified|offered))\b"
)
_DESCRIBES_A_RISK = Regex(
    r"\s*(?:[-*\u2022]\s+)?(?:risks?|assumptions?|dependenc(?:y|ies)|constraints?|threats?|issues?|concerns?"
    r"|scenarios?)(?:\s+\d+)?\s*:",
    re.IGNORECASE,
)
_AUXILIARY = Regex(r"(?<![\w'])(?:is|are|was|were|be|been|being|am|'s|'re|not|also|now|still)$")
_MODALS = frozenset(("should", "may", "might", "could"))
_RETRIES = frozenset(verb_forms("try to", "attempt to"))
_NOT_ABOUT_THE_COMMITTING_PARTY = frozenset((SubjectKind.SYSTEM, SubjectKind.RECIPIENT))


def _keep(hit: Hit) -> bool:
    word = hit.term.lower()
    if word in _MODALS:
        return _modal_hedges(hit, word)
    if word in ("potentially", "possibly") and _QUALIFIES.match(text_after(hit.masked, hit.end, 1)):
        return False  # "potentially affected customers" qualifies a noun
    if word.startswith(("plan", "aim")) and _NOUN_BEFORE.search(text_before(hit.masked, hit.start, 1)):
        return False  # "a plan to migrate" is a noun
    if " " not in word or word.startswith(("do ", "where ", "if ", "when ")):
        return True  # "ideally", "do our best", "where we can" hedge whoever says them
    if _describes_a_noun(hit, word):
        return False  # "the deals expected to close this month": a participle that says which deals
    subject = hit.subject
    if subject.kind is SubjectKind.RECIPIENT or subject.subordinate:
        return False  # "customers who wish to export", "users expect to": not what the committing party does
    return not (word in _RETRIES and subject.kind is SubjectKind.SYSTEM)  # "the client attempts to reconnect 3 times"


def _describes_a_noun(hit: Hit, word: str) -> bool:
    """Whether a past participle ("expected to", "planned to") follows its noun with no "is" or "are" between: it
    then narrows the noun down, as a relative clause would, and promises nothing."""
    before = text_before(hit.masked, hit.start, 1)
    return word.split()[0].endswith("ed") and bool(before) and not _AUXILIARY.search(before.lower())


def _modal_hedges(hit: Hit, word: str) -> bool:
    """Whether "should", "may", "might" or "could" hedges what the committing party will do."""
    before = text_before(hit.masked, hit.start, 1)
    after = _after_aside(hit)
    if word == "may" and _is_month(hit, before, after):
        return False  # "in May 2027"
    if word == "could" and after.startswith("not "):
        return False  # "Priya could not attend" reports a fact
    subject = _who_acts(hit)
    if subject.subordinate or _DESCRIBES_A_RISK.match(hit.before):
        return False  # "if the launch should slip", "anything that could delay", "Risk: Li may leave in June"
    if subject.kind is SubjectKind.NONE:
        return not _opens_condition(hit)  # "Should the link fail, ..." is a condition; "May we ...?" asks
    if _INFORMS.match(after):
        return False  # "Tenderers should note that ...", "it should be noted": a remark to the reader
    if subject.kind is SubjectKind.RECIPIENT and _RECEIVES.match(after):
        return True  # "customers should receive a reply": a hedge of whoever sends it
    if subject.kind in _NOT_ABOUT_THE_COMMITTING_PARTY:
        return False  # a specification's priority keyword, a permission, or what someone else should do
    if word == "may" and names_a_class(subject):
        return False  # "Contractors may submit invoices": a permission to every member of a class
    if subject.kind is SubjectKind.THING:
        return word == "should"  # "delays may occur" is a possibility; "the report should be sent" hedges
    if word != "should" and _STATE.match(after):
        return False  # "Li may be late" describes a possibility ("may be able to" still hedges)
    return not (word == "may" and _RIGHT.match(after))  # "the Client may terminate": a right, not a hedge


def _who_acts(hit: Hit) -> Subject:
    """Whom a modal is about: the agent of the passive it opens when one is named ("the database should be backed
    up by Ops": Ops), else the subject of its clause."""
    subject = hit.subject
    if subject.kind is SubjectKind.NONE:
        return subject  # "Should the link be restored by Ops, ...": a condition, whoever acts
    agent = passive_agent(hit.masked, hit.end)
    return subject if agent is None else agent._replace(subordinate=subject.subordinate)


def _after_aside(hit: Hit) -> str:
    """Three words after the hit, past an aside between commas ("may, with our consent, use")."""
    if hit.masked.startswith(",", hit.end) and (aside_end := hit.masked.find(",", hit.end + 1)) > 0:
        return text_after(hit.masked, aside_end + 1, 3)
    return text_after(hit.masked, hit.end, 3)


def _opens_condition(hit: Hit) -> bool:
    after = hit.after
    return "," in after and not after.rstrip().endswith("?")


def _is_month(hit: Hit, before: str, after: str) -> bool:
    starts_sentence = not before
    return bool((hit.term == "May" and not starts_sentence) or re.match(r"\d", after) or _MONTH_CONTEXT.search(before))


def check(text: str, context: TextContext) -> Iterator[TextSpan]:
    for hit in scan(text, _PATTERN, keep=_keep):
        yield TextSpan(
            hit.start,
            hit.end,
            f'"{hit.term}" is a weak commitment: say "will" and commit, or mark the item as optional',
        )


RULE = TextRule(
    code="V109",
    name="weak-commitment",
    category=Category.WEAK_VERB,
    severity=Severity.INFO,
    doc=__doc__ or "",
    check=check,
)
