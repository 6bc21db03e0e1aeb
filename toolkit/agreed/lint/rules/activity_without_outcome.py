"""An activity verb promises effort, not a result that can be checked.

"Support the launch", "look into the flaky tests", "drive adoption", "address customer concerns" or "keep
stakeholders informed" are done the
moment anyone spends time on them: nothing says what exists, or what number has moved, when the work is finished.
Name the outcome: an artefact handed to someone, a count, or a threshold. The rule is silent when the statement names
one, and when the item states its numbers in its own fields.

Only a commitment of the actor counts. A system or a party that "monitors queue depth" or "supports single sign-on"
states a capability; a participle ("teams supporting the rollout"), a noun ("support tickets", "help desk") and a
purpose ("To help agents find answers, the portal will ...") promise no activity. Nor does support of a named set
of products ("support Chrome, Firefox, Safari and Edge"), nor support given in stated hours ("08:00 to 18:00,
Monday to Friday"): each can be checked.

Fires on:
    Support the EMEA launch.
    The data team will look into the flaky tests.
    Engage with key accounts and help with renewals.
    Marketing will drive adoption and do its part at the launch.
    Li will keep stakeholders informed.
    Take care of onboarding issues and address customer concerns.
    Li is responsible for quality.

Passes:
    Investigate the 3 failed batch runs and send a root-cause report to Ana Ruiz by 2027-02-10.
    Staff a 24/7 support rota with 4 agents from 2027-01-01.
    Route every support ticket to the help desk within 10 minutes.
    The portal supports single sign-on.
    To help agents find answers, the portal will index the knowledge bases.
    Answer every customer complaint within 2 working days.
    Li is responsible for the Christmas staffing plan, due 2027-10-15.
    Li will support Chrome, Firefox, Safari and Edge by 2027-03-01.
    Platform will provide support 08:00 to 18:00 CET, Monday to Friday, except public holidays in Germany.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from agreed.lint.rule import Category, TextRule, TextSpan
from agreed.problem import Severity
from agreed.text.hits import Hit, scan, text_after, text_before
from agreed.text.measures import has_artefact, has_measure, has_service_hours
from agreed.text.patterns import Regex, TermPattern, alternation, any_word
from agreed.text.roles import VerbRole, verb_role
from agreed.text.sentences import clause_around
from agreed.text.vocabulary import MODAL, verb_forms

if TYPE_CHECKING:
    from collections.abc import Iterator

    from agreed.lint.rule import TextContext

VERBS = verb_forms(
    "support", "help", "help with", "assist", "assist with", "work on", "work towards", "work toward", "look into",
    "look at", "investigate", "explore", "engage with", "engage", "involve", "consult", "participate in",
    "contribute to", "facilitate", "coordinate", "liaise with", "focus on", "monitor", "oversee", "consider",
    "evaluate", "assess", "research", "discuss", "champion", "promote", "encourage", "foster", "advise on",
    "collaborate on", "collaborate with", "partner with", "align on", "align with", "follow up on", "keep an eye on",
    "keep track of", "get involved in", "be involved in", "stay involved in", "provide support", "provide help",
    "provide assistance", "provide guidance", "offer support", "offer help", "give support", "lend support",
    "give assistance", "offer assistance", "provide input", "give input", "offer guidance", "raise awareness",
    "stay close to", "stay on top of", "keep on top of", "stay in touch with", "keep in touch with",
    "stay engaged with", "stay aligned with", "stay aligned on", "work together", "work closely with",
    "work closely together", "prioritise", "prioritize",
)  # fmt: skip
_PATTERN = TermPattern.of((*VERBS, "involved in"))
_GIVE = (*verb_forms("provide", "offer"), "give", "gives", "giving")
_PROVIDE = TermPattern.raw(
    rf"""(?<![\w\-]){alternation(_GIVE)}\s+(?:(?!(?:a|an|the|\d\w*)\s)[a-z\-]+\s+){{1,2}}
    (?:support|help|assistance|guidance|input|advice)(?![\w\-])""",
    needs=any_word(*_GIVE),
)
_ABSTRACT_RESULTS = (
    "adoption", "engagement", "awareness", "alignment", "change", "growth", "improvement", "improvements",
    "innovation", "collaboration", "excellence", "usage", "uptake", "momentum", "progress", "value", "success",
    "transformation", "efficiency", "efficiencies", "visibility", "accountability", "ownership", "culture", "impact",
    "results", "outcomes", "performance", "productivity", "synergy", "synergies", "buy-in", "traction", "demand",
)  # fmt: skip
_DRIVE = TermPattern.raw(
    rf"""(?<![\w\-]){alternation(verb_forms("drive", "boost", "spur", "accelerate", "push", "fuel", "champion"))}\s+
    (?:(?:the|our|their|its|more|greater|further|broader|wider|better|overall|user|customer|product|team|[a-z]+-wide)
    \s+){{0,2}}{alternation(_ABSTRACT_RESULTS)}(?![\w\-])""",
    needs=any_word(
        "drive",
        "drives",
        "drove",
        "driven",
        "driving",
        "boost",
        "boosts",
        "boosted",
        "boosting",
        "spur",
        "spurs",
        "spurred",
        "spurring",
        "accelerate",
        "accelerates",
        "accelerated",
        "accelerating",
        "push",
        "pushes",
        "pushed",
        "pushing",
        "fuel",
        "fuels",
        "fuelled",
        "fueled",
        "fuelling",
        "fueling",
        "champion",
        "champions",
        "championed",
        "championing",
    ),
)
"""A push towards an abstract result ("drive adoption", "boost engagement"): effort, with nothing to count."""
_AREAS = (
    *_ABSTRACT_RESULTS, "quality", "delivery", "communication", "communications", "experience", "satisfaction",
    "security", "compliance", "operations", "the relationship", "relationships", "stability", "reliability",
)  # fmt: skip
_ANSWERS_FOR_AN_AREA = TermPattern.raw(
    rf"""(?<![\w\-])(?:responsible|accountable|in\s+charge)\s+(?:for|of)\s+(?:(?:the|our|their|its|overall)\s+)?
    (?:[a-z\-]+\s+)?{alternation(_AREAS)}(?![\w\-])""",
    needs=any_word("responsible", "accountable", "charge"),
    label="area",
)
"""Answering for an area ("Li is responsible for quality"): an owner is named, but not what they deliver; the
outcome that shows the area is in hand (a count, a threshold, an artefact) is missing."""
_KEEP_INFORMED = TermPattern.raw(
    rf"""(?<![\w\-]){alternation(verb_forms("keep"))}\s+(?:[\w\-]+\s+){{1,5}}?
    (?:informed|updated|posted|aware|in\s+the\s+loop|up\s+to\s+date|up-to-date|in\s+sync|abreast|apprised)(?![\w\-])""",
    needs=any_word("keep", "keeps", "kept", "keeping"),
)
"""Keeping people informed, with no message, channel or cadence that can be checked."""
_DO_ITS_PART = TermPattern.raw(
    rf"""(?<![\w\-]){alternation(verb_forms("do", "play"))}\s+(?:its|our|their|his|her|my|your|a|an|the)\s+
    (?:own\s+|full\s+|fair\s+|active\s+|key\s+|important\s+|big\s+)?(?:part|bit|share|role)(?![\w\-])""",
    needs=any_word("part", "bit", "share", "role"),
)
"""Doing one's part or playing a role: a share of an effort that nobody has described."""
_TENDING = verb_forms(
    "take care of", "address", "handle", "deal with", "tackle", "attend to", "look after", "sort out", "manage",
)  # fmt: skip
_OPEN_PROBLEMS = (
    "issues", "concerns", "problems", "questions", "queries", "complaints", "feedback", "requests", "escalations",
    "blockers", "challenges", "pain points", "worries", "needs", "expectations",
)  # fmt: skip
_TEND_TO_PROBLEMS = TermPattern.raw(
    rf"""(?<![\w\-]){alternation(_TENDING)}\s+(?:(?:any|all|the|our|their|its|open|new|raised)\s+)?
    (?:(?!(?:\d\w*|every|each)\b)[\w\-]+\s+){{0,2}}?{alternation(_OPEN_PROBLEMS)}(?![\w\-])""",
    needs=any_word(*_OPEN_PROBLEMS, "points"),
)
"""Tending to an open set of problems ("take care of onboarding issues", "address customer concerns"): however many
come and however they end, the work was done; nothing says what is resolved, how many or by when."""
_HOMOGRAPHS = ("support", "help", "research", "focus", "monitor", "review", "promote", "champion", "partner")
_SUBJECT_USE = Regex(rf"\s*(?:(?:and|&|/)\s*[\w\-]+\s+)?(?:team\s+)?{MODAL}\b", re.IGNORECASE)
_AFTER_MODAL = Regex(r"\b(?:will|shall|must|should|can|could|may|might|to|[a-z]+['\u2019]ll)$")
"""A verb after a modal stays a verb before a noun: "will support staff" is no "support staff"."""
_RANKS = Regex(r"(?:\s+[\w\-]+){1,4}\s+(?:over|before|ahead\s+of)\s", re.IGNORECASE)
"""Prioritising one thing over another states an order that can be checked."""
_NAMED_AGENT = Regex(r"\s+by\s+(?:the\s+)?(?-i:[A-Z])")
"""A participle opening its sentence and naming who does it ("Monitored by Elif in the monthly review")."""
_NAME = r"(?-i:[A-Z][\w.+\-]*)(?:\s+\d[\w.]*)?"
_NAMED_SET = Regex(rf"\s+{_NAME}(?:\s*,\s*{_NAME})+\s*,?\s+(?:and|or)\s+{_NAME}(?![\w\-])")
"""Three or more named products, platforms or standards ("support Chrome, Firefox, Safari and Edge"): a closed set,
each of which works or does not, like a system's capability."""
_NEGATED = Regex(r"\b(?:not|never|no|n['\u2019]t)\b|n['\u2019]t$")
_VERB_BEFORE = Regex(
    r"(?:^|\b(?:will|shall|must|should|can|could|may|might|to|and|or|also|actively|fully|continue|continues|then"
    r"|we|i|you|they|he|she|it|[a-z]+['\u2019]ll|please|jointly|together|help|helps))$"
)
_NOUN_AFTER = Regex(
    r"(?:desk|desks|team|teams|tickets?|rota|rotas|engineers?|staff|hours|queue|cases?|requests?|contracts?"
    r"|agreements?|levels?|functions?|channels?|lines?|cent(?:re|er)s?|portal|model|documents?|documentation"
    r"|evidence|materials?|information|data|tools?|tooling|system|systems|calls?|emails?|sla|slas|shifts?|role"
    r"|roles|budget|articles?|pages?|page|findings|papers?|reports?|groups?)\b"
)


def _keep(hit: Hit) -> bool:
    if verb_role(hit.masked, hit.start, hit.end) is not VerbRole.COMMITMENT:
        return False  # "The portal supports single sign-on", "teams supporting the rollout", "To help agents, ..."
    before = text_before(hit.masked, hit.start, 1)
    if (_NOUN_AFTER.match(text_after(hit.masked, hit.end, 1)) and not _AFTER_MODAL.search(before)) or _is_noun_use(hit):
        return False  # "support tickets", "a help desk", "customer support", "with the help of"
    if hit.term[:1].isupper() and _SUBJECT_USE.match(hit.masked, hit.end):
        return False  # "Support and Success will ...": a team named as the subject
    ranks = hit.term.lower().startswith("priorit") and _RANKS.match(hit.masked, hit.end)
    if ranks or (not before and _NAMED_AGENT.match(hit.masked, hit.end)):
        return False  # "prioritise P1 bugs over internal tooling" orders work; "Monitored by Elif": who, not what
    if _NEGATED.search(text_before(hit.masked, hit.start, 2)):
        return False  # "will not discuss the budget with other VPs" is a rule, not an activity
    if hit.term.lower().startswith("support") and _NAMED_SET.match(hit.masked, hit.end):
        return False  # "support Chrome, Firefox, Safari and Edge": each named one works or does not
    return not (has_measure(hit.sentence) or has_artefact(hit.sentence) or has_service_hours(hit.sentence))


def _is_noun_use(hit: Hit) -> bool:
    """A homograph ("support", "help", "focus") that stands neither after a subject or modal nor first in a clause."""
    if hit.term.split()[0].lower() not in _HOMOGRAPHS:
        return False
    if _VERB_BEFORE.search(text_before(hit.masked, hit.start, 1)):
        return False
    clause_start = clause_around(hit.masked, hit.start, hit.end)[0]
    return bool(hit.masked[clause_start : hit.start].strip(" \t\n-*•"))


_MESSAGES = {
    "": "describes activity, not an outcome: name the artefact, count or threshold it produces",
    "area": "names an area, not an outcome: name the artefact, count or threshold that shows it is in hand",
}


def check(text: str, context: TextContext) -> Iterator[TextSpan]:
    if context.measured:
        return
    patterns = (_PROVIDE, _DRIVE, _KEEP_INFORMED, _DO_ITS_PART, _TEND_TO_PROBLEMS, _ANSWERS_FOR_AN_AREA, _PATTERN)
    for hit in scan(text, *patterns, keep=_keep):
        yield TextSpan(hit.start, hit.end, f'"{hit.term}" {_MESSAGES[hit.label]}')


RULE = TextRule(
    code="V107",
    name="activity-without-outcome",
    category=Category.VAGUENESS,
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
