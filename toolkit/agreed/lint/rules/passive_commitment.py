"""A commitment in the passive voice names what will happen but not who will do it.

"The report will be updated", "invoices are to be paid" or "there will be a weekly check-in" hide the actor: when
the work is not done, each partner can believe it was the other's job. Name the actor ("Finance will update the
report", "will be reviewed by Maria Chen"). The rule is silent when the item names one owner, in its own field or
in the statement ("Owner: Ana Ruiz"). A participle used as an adjective ("the signed contract") is not a passive,
and neither hides the actor a passive in a relative or subordinate clause ("Li will fix every defect that is
reported in the pilot") or in what an actor ensures ("Li ensures invoices are paid within 30 days"): only the
passive that carries the commitment counts. Measures, metrics and hand-offs are not read: a measurement's method is
naturally passive ("churn is measured monthly in ChartMogul"), and so is a definition of how a figure is worked out
anywhere ("uptime is calculated over each calendar month"), a metric names what is counted, and a hand-off's
``from`` and ``to`` name who gives and who receives (a group written as the actor there is still reported, by A206).

Fires on:
    The onboarding guide will be refreshed weekly.
    Access must be revoked by 2027-03-01.
    Incidents are escalated to management within 2 hours.
    There will be a check-in every Monday, and customers will receive a summary.

Passes:
    The onboarding guide will be refreshed weekly by Li Wei.
    Finance will revoke access by 2027-03-01.
    Ana owns the rollout; all 40 stores will be migrated by 2027-06-30.
    Li will fix every defect that is reported in the pilot.
    Uptime is calculated over each calendar month, excluding approved maintenance.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from agreed.lint.rule import Category, TextRule, TextSpan
from agreed.problem import Severity
from agreed.text.hits import Hit, scan, text_before
from agreed.text.patterns import Regex, TermPattern, any_word
from agreed.text.roles import may_be_infinitive, sends_to_someone
from agreed.text.sentences import clause_around
from agreed.text.vocabulary import BY_AGENT, LEFT_OPEN, LEFT_TO_AGREE, names_owner

if TYPE_CHECKING:
    from collections.abc import Iterator

    from agreed.lint.rule import TextContext

_IRREGULAR = (
    "done", "redone", "made", "remade", "given", "taken", "undertaken", "written", "rewritten", "chosen", "driven",
    "broken", "spoken", "hidden", "proven", "forgotten", "withdrawn", "drawn", "shown", "known", "grown", "thrown",
    "seen", "overseen", "sent", "held", "upheld", "withheld", "set", "reset", "put", "run", "rerun", "built", "rebuilt",
    "kept", "met", "paid", "repaid", "sold", "spent", "brought", "bought", "found", "told", "led", "read", "sought",
    "taught", "won", "begun", "cut", "shut", "split", "spread", "understood", "laid", "dealt", "left", "lost", "fed",
    "bound", "struck", "hung", "swept", "shed", "stuck", "forwarded", "rolled out", "signed off",
)  # fmt: skip
_WITH_PREPOSITION = (
    "based", "interested", "concerned", "pleased", "committed", "located", "situated", "entitled", "related",
    "dedicated", "involved", "engaged", "aligned", "linked", "connected", "satisfied", "focused", "focussed",
    "experienced", "skilled", "qualified", "equipped",
)  # fmt: skip
_ADJECTIVAL = (
    "supposed", "prepared", "tired", "excited", "called", "named", "titled", "composed", "attached", "listed",
    "described", "defined", "outlined", "specified", "detailed", "included", "contained", "covered", "intended",
    "meant", "deemed", "considered", "allowed", "permitted", "aware", "used", "limited", "headquartered", "organised",
    "organized", "convinced", "closed",
)  # fmt: skip
_PARTICIPLE = rf"(?:\w{{3,}}ed|{'|'.join(_IRREGULAR)})"
_ADVERBS = r"(?:(?:also|then|all|each|only|first|still|jointly|formally|always|\w+ly|not|both)\s+){0,2}"
_MODAL = (
    r"(?:will|'ll|\u2019ll|shall|must|should|needs?\s+to|has\s+to|have\s+to|(?:is|are|am)\s+(?:going\s+)?to|ought\s+to)"
)
_FINITE = r"(?:(?:has|have)\s+been|is|are|gets?)"
_PASSIVE = TermPattern.raw(
    rf"""(?<![\w\-])(?:{_MODAL}\s+{_ADVERBS}(?:be|get)\s+|{_FINITE}\s+{_ADVERBS}|to\s+be\s+)(?:\w+ly\s+)?{_PARTICIPLE}
    (?![\w\-])""",
    label="passive",
)
_EXISTENTIAL = TermPattern.raw(
    r"(?P<term>(?<![\w\-])there\s+(?:will|shall|must|should|is\s+to|are\s+to|is\s+going\s+to|are\s+going\s+to)\s+be)"
    r"(?![\w\-])",
    needs=any_word("there"),
    label="existential",
)
_RECIPIENT = TermPattern.raw(
    rf"(?P<term>(?<![\w\-])(?:{_MODAL}\s+{_ADVERBS})?(?<!to\s)receives?)(?![\w\-])",
    needs=any_word("receive", "receives"),
    label="recipient",
)
_NOT_PASSIVE = Regex(rf"(?:.*\s)?(?:{'|'.join(_ADJECTIVAL)})$", re.IGNORECASE)
_ADJECTIVE_WITH_PREPOSITION = Regex(rf"(?:.*\s)?(?:{'|'.join(_WITH_PREPOSITION)})$", re.IGNORECASE)
_PREPOSITION = Regex(r"\s+(?:in|with|to|on|about|at|for|from)\b", re.IGNORECASE)
_TO_WORD = Regex(
    r"\s+to\s+(?!(?:the|a|an|all|each|every|our|their|his|her|its|my|your|this|these|those|any|both)\b)"
    r"(?P<word>[a-z]+)\b"
)
_SUBORDINATE = Regex(r"\b(?:before|after|when|whenever|once|until|till|if|unless|whose|which|where|while)\b")
_RELATIVE = Regex(
    r"(?:^|\s)(?:that|which|who|whom|whose|where|when|whenever|once|after|before|until|till|if|unless|while|because"
    r"|since|whether|so\s+that|as\s+soon\s+as)\s+(?P<rest>(?:(?!that\b|which\b|who\b)\S+\s+)*?)$",
    re.IGNORECASE,
)
_FINITE_VERB = Regex(
    r"\b(?:is|are|am|was|were|will|shall|must|should|can|could|may|might|has|have|had|does|do|did|would)\b"
    r"|['\u2019]ll\b",
    re.IGNORECASE,
)
_ENSURES = Regex(
    r"\b(?:ensures?|ensured|ensuring|make\s+sure|makes\s+sure|making\s+sure|make\s+certain|makes\s+certain"
    r"|see\s+to\s+it|sees\s+to\s+it|guarantees?|verif(?:y|ies)|checks?|confirms?)\s+(?:that\s+)?",
    re.IGNORECASE,
    needs=any_word(
        "ensure",
        "ensures",
        "ensured",
        "ensuring",
        "sure",
        "certain",
        "see",
        "sees",
        "guarantee",
        "guarantees",
        "verify",
        "verifies",
        "check",
        "checks",
        "confirm",
        "confirms",
    ),
)
_ZERO_RELATIVE = Regex(
    r"\b(?:on|by|at|in|from|until|till|after|before)\s+the\s+(?:day|date|week|month|moment|time|hour|minute|shift"
    r"|meeting|review)\s+(?:it|they|he|she)\s+$",
    re.IGNORECASE,
)
"""A clause that follows its time without "that": "on the day it is triaged" (not "Each month they are reviewed")."""
_GETS = Regex(r"(?:.*\s)?gets?\s+\S+$", re.IGNORECASE)
_NOUN_NEXT = Regex(
    r"\s+(?!(?:by|in|on|at|to|for|from|with|within|before|after|until|and|or|but|when|if|once|as|every|each|weekly"
    r"|daily|monthly|quickly|first|done|right|back|out|up|off)\b)[a-z]{3,}\b"
)
_RELATIVE_SUBJECT = Regex(r"\b(?:who|whoever|that|which|whichever|whatever)$")
_PLACEHOLDER_PHRASE = Regex(rf"to\s+be\s+(?:{LEFT_OPEN}|{LEFT_TO_AGREE})$")
_AGENT = Regex(BY_AGENT, re.IGNORECASE, needs=any_word("by"))
_FROM_ACTOR = Regex(r"\bfrom\s+(?:the\s+)?[A-Z]\w+")
_DEFINES = Regex(
    r"(?:is|are)\s+(?:\w+ly\s+)?(?:calculated|computed|measured|counted|averaged|summed|totalled|totaled|derived"
    r"|weighted|rounded|expressed|normali[sz]ed|annuali[sz]ed)$",
    re.IGNORECASE,
)
"""A definition of how a figure is worked out, in the present tense ("Uptime is calculated over each calendar
month"): the method, whose result is the same whoever applies it; "will be calculated" still promises the work."""
_METHOD = Regex(r"\s+(?:as|over|across|from|per|using|excluding|including|on\s+the\s+basis\s+of)\b", re.IGNORECASE)
"""What a definition goes on to say: what the figure is, over what or from what ("as the mean", "over each calendar
month"), not when it is done ("Churn is measured monthly" is work someone does)."""
_MESSAGES = {
    "passive": 'is passive with no actor: name who will do it (e.g. "Finance will ...", "... by Ana Ruiz")',
    "existential": "hides who makes it happen: name the person or unit who will provide it",
    "recipient": "is framed from the recipient's side: name who will provide it",
}


def _keep(hit: Hit) -> bool:
    term = " ".join(hit.term.split())
    if _NOT_PASSIVE.match(term) or _PLACEHOLDER_PHRASE.match(term):
        return False  # "is supposed to": an adjective; "to be confirmed": a placeholder
    if _ADJECTIVE_WITH_PREPOSITION.match(term) and _PREPOSITION.match(hit.masked, hit.end):
        return False  # "is based in", "are committed to", "will be involved in"
    if _SUBORDINATE.search(text_before(hit.masked, hit.start, 3)) or _in_subordinate_clause(hit):
        return False  # "before it is posted": a condition; "every defect that is reported": which defects
    if hit.label == "passive" and _DEFINES.match(term) and _METHOD.match(hit.masked, hit.end):
        return False  # "Uptime is calculated over each calendar month": how the figure is defined
    if hit.label == "passive" and _infinitive_after(hit):
        return False  # "Li is expected to deliver" names its actor
    if hit.label == "passive" and _GETS.match(term) and _NOUN_NEXT.match(hit.masked, hit.end):
        return False  # "gets written comments": what someone receives, described by an adjective
    if hit.label == "recipient" and _RELATIVE_SUBJECT.search(text_before(hit.masked, hit.start, 1)):
        return False  # "Whoever receives it forwards it": the actor of the sentence is "whoever"
    rest = hit.masked[hit.end : clause_around(hit.masked, hit.start, hit.end)[1]]
    return not (_AGENT.search(rest) or _FROM_ACTOR.search(rest) or names_owner(hit.masked))


def _infinitive_after(hit: Hit) -> bool:
    """Whether an infinitive follows the passive ("is expected to deliver"), not "to" and whom it goes to ("is
    escalated to management")."""
    after = _TO_WORD.match(hit.masked, hit.end)
    participle = hit.term.split()[-1] if hit.term.split() else ""
    return after is not None and not sends_to_someone(participle) and may_be_infinitive(after.group("word"))


def _in_subordinate_clause(hit: Hit) -> bool:
    """Whether the passive stands in a relative or subordinate clause ("fix every defect that is reported in the
    pilot") or in what an actor ensures ("Li ensures invoices are paid"): only the passive that carries the
    commitment hides its actor, and no verb of its own stands between the clause's opening word and it."""
    clause_start = clause_around(hit.masked, hit.start, hit.end)[0]
    before = hit.masked[clause_start : hit.start]
    if _ENSURES.search(before):
        return True
    if _ZERO_RELATIVE.search(before):
        return True
    relative = _RELATIVE.search(before)
    if relative is None or not before[: relative.start()].strip():
        return False  # "That report will be updated": a determiner, not a clause
    return _FINITE_VERB.search(relative.group("rest")) is None


def check(text: str, context: TextContext) -> Iterator[TextSpan]:
    if context.owned:
        return
    for hit in scan(text, _EXISTENTIAL, _RECIPIENT, _PASSIVE, keep=_keep):
        yield TextSpan(hit.start, hit.end, f'"{hit.term}" {_MESSAGES[hit.label]}')


RULE = TextRule(
    code="A205",
    name="passive-commitment",
    category=Category.ACCOUNTABILITY,
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
