"""A commitment is owed by a group, a placeholder or several people, so nobody in particular owes it.

"We will", "the team will", "someone will", "TBD will" or "Maria and Li will own" read like ownership but name no
single person who answers for the result, and so do the same commitments in the present tense ("the team answers",
"everyone attends", "both leads meet"): when it slips, everyone assumes someone else had it. Name one owner (a
person, a role with one holder, or a named unit such as "Finance" or "the Platform team") and, if needed, the people
who help. The rule is silent when the item names one owner. A right given to a group ("Employees may download their
payslips") is no commitment they owe, but a group that acts for the agreement is named whatever the modal ("the team
can review", "the team may revisit the terms", "everyone is expected to review"). In an answer the partners give
together (a relationship answer, how check-ins run) the partners acting together is the practice asked for: "we",
"both of us", "they" for the partners and their names joined by "and" pass there, while anyone else ("the team",
"someone", "management") is still named, and so is "one of us": one partner left unnamed is no owner (name the
partner, or the rota that says whose turn it is). "Either of us" gives each partner the same right or duty, as
"each" does, and passes. An actor picked by who happens to be free ("whoever is available approves") names nobody,
while one picked by an event ("whoever receives it forwards it") does.

Fires on:
    We will deliver a reporting layer by 2027-03-31.
    Someone from Sales will call each lost account.
    Sales/Marketing will deliver 40 qualified leads per month.
    The team replies to every partner email within 2 working days.
    The vendor shortlist will be approved by the business.
    Owner: TBD. Ines and Paul meet every second Thursday.
    People share updates in the channel; whoever is available approves the release.
    The Platform and Checkout teams fix the flaky tests by 2027-03-01.
    The team may revisit the terms if things change significantly.
    Everyone is expected to review each pull request within 2 working days.

Passes:
    Maria Chen will deliver the reporting layer by 2027-03-31.
    Maria, with help from Li, will call each lost account by 2027-02-15.
    Each account manager will call their top 5 accounts by 2027-02-15.
    Finance will send the pack to Li and Omar every Monday.
    Employees may download their payslips from the HR portal.
    Whoever receives a complaint forwards it to Ana Ruiz within 4 working hours of receipt.
    Finance holds all 14 month-end management reports by 2027-03-01.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from agreed.lint.rule import Category, TextRule, TextSpan
from agreed.problem import Severity
from agreed.text.hits import Hit, scan, text_before
from agreed.text.patterns import Regex, TermPattern, alternation, any_word, phrase_regex, tokenise
from agreed.text.sentences import clause_around
from agreed.text.vocabulary import MODAL, PLACEHOLDER, PLURAL_ROLES, may_hold_placeholder, names_owner

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from agreed.lint.rule import TextContext

GROUPS = (
    "we", "we'll", "we're", "we've", "they'll", "our team", "our teams", "the team", "the teams", "the whole team",
    "the project team", "the working group", "the group", "our people", "the people", "everyone", "everybody",
    "all staff", "all of us", "both of us", "the two of us", "someone", "somebody", "anyone", "anybody", "people",
    "stakeholders", "all stakeholders", "the stakeholders", "relevant stakeholders", "key stakeholders", "management",
    "the management", "leadership", "the leadership", "the leadership team", "the business", "the organisation",
    "the organization", "the org", "relevant teams", "the relevant team", "the relevant teams", "the parties",
    "both parties", "all parties", "both sides", "both partners", "all partners", "the partners", "both teams",
    "all teams", "the teams involved", "a member of", "members of", "a representative of", "representatives of",
    "they", "the squad", "our squad", "the crew", "folks", "the folks", "our folks", "one of us", "any of us",
    "one of you", "one of them",
)  # fmt: skip
PLURAL_GROUPS = (
    "they", "all of us", "both of us", "the two of us", "stakeholders", "all stakeholders", "the stakeholders",
    "relevant stakeholders", "key stakeholders", "the parties", "both parties", "all parties", "both sides",
    "both partners", "all partners", "the partners", "both teams", "all teams", "our teams", "the teams", "people",
    "the people", "our people", "folks", "the folks", "our folks",
)  # fmt: skip
"""The groups of GROUPS that take a plural verb: "they answer", "both parties sign", "people share updates"."""
_AVAILABLE = (
    "available", "free", "around", "on hand", "nearest", "closest", "least busy", "not busy", "in the office",
    "online", "awake", "first to see it", "first to notice",
)  # fmt: skip
_WHOEVER = TermPattern.raw(
    rf"""(?P<term>(?<![\w\-])(?:whoever|whichever\s+(?:of\s+us|[\w\-]+))\s+(?:is|are|happens\s+to\s+be)\s+
    (?:\w+ly\s+)?{alternation(_AVAILABLE)})(?![\w\-])""",
    needs=any_word("whoever", "whichever"),
)
"""An actor chosen by who happens to be free when the time comes ("whoever is available approves"): nobody owns it
before then. An event that picks the actor ("whoever receives it forwards it") names who acts, and passes."""
_COMMITS = (
    rf"(?:{MODAL}|owns?|co-owns?|commits?\s+to|agrees?\s+to|promises?|undertakes?|takes?\s+(?:ownership|responsibility)"
    r"|(?:is|are)\s+(?:both\s+|jointly\s+)?(?:responsible|accountable|in\s+charge|tasked)"
    r"|(?:is|are)\s+(?:expected|supposed|required)\s+to|delivers?|ensures?"
    r"|makes?\s+sure|provides?|handles?|leads?|drives?|aims?|plans?|intends?|tries|try|endeavou?rs?|jointly"
    r"|together|both)\b"
)
_ROLES = phrase_regex(PLURAL_ROLES)
_STATE = (
    "is|was|has|does|seems|needs|wants|likes|looks|sounds|feels|knows|thinks|believes|gets|becomes|remains|means"
    "|says|said|are|were|have|had|do|did|know|think|want|need|like|seem|say|get|feel|and|or|not|also|still|never"
    "|of|in|on|to|at|for|with|who|that|which|than|as|if"
)
_THIRD_PERSON = (
    rf"(?-i:(?!(?:{_STATE}|{_ROLES})\b)[a-z]+(?<=[^su]s))\b"
    rf"(?!\s+(?:{MODAL}|are|were|have|had|and|or|of)\b)"
)
"""A verb in the present tense after a singular group ("the team answers", "everyone attends"): not a plural noun
("the team leads", "the management accounts are ..."), not a verb of state ("the team has 4 people"), not a
possessive ("the team's")."""
_BASE_FORM = rf"(?-i:(?!(?:{_STATE})\b)[a-z]{{2,}}(?<!ed)(?<!ing)(?<![^p]ly)(?<!s))\b(?=\s+[a-z\d])"
"""A verb in the present tense after a plural group ("both leads meet every Friday", "they answer tickets"): a
lowercase word, not a past form, an adverb or a verb of state, with the rest of its clause after it."""
_AS_COMMITTING = rf"(?=\s*,?\s+(?:\w+ly\s+)?{_COMMITS})"
_AS_SUBJECT = rf"(?=\s*,?\s+(?:\w+ly\s+)?(?:{_COMMITS}|{_THIRD_PERSON}))"
_AS_PLURAL_SUBJECT = rf"(?=\s*,?\s+(?:\w+ly\s+)?{_BASE_FORM})"
_MODIFIER = r"(?:\s+(?:from|of|in|at|on|within)\s+(?:the\s+)?(?!\d)[\w\-]+(?:\s+[A-Z][\w\-]*)?)?"
"""Where a group is from ("someone from Sales", "the team in Lisbon"); not a span of time ("within 2 hours")."""
_BODIES = ("working group", "task force", "project team")
_GENERIC_BODY = rf"(?:the|our|their|a|this)\s+(?:[\w\-]+\s+){{0,2}}?{alternation(_BODIES)}"
_SUBJECT = TermPattern.either(  # a generic body, a group or a placeholder, with an optional modifier, as the subject
    TermPattern.raw(rf"(?P<term>(?<![\w\-]){_GENERIC_BODY}{_MODIFIER}){_AS_SUBJECT}", needs=any_word(*_BODIES)),
    TermPattern.of(GROUPS, after=_MODIFIER + _AS_SUBJECT),
    TermPattern.raw(rf"(?P<term>(?<![\w\-])(?:{PLACEHOLDER}){_MODIFIER}){_AS_COMMITTING}", needs=may_hold_placeholder),
)
_PLURAL_SUBJECT = TermPattern.of(PLURAL_GROUPS, after=_MODIFIER + _AS_PLURAL_SUBJECT, label="present-plural")
_ROLE_GROUP = TermPattern.raw(
    rf"""(?P<term>(?<![\w\-])(?:(?:all|100\s?%\s+of|the|our|their)\s+)?(?:(?!each|every|any)[\w\-]+\s+){{0,2}}?
    {_ROLES}){_AS_SUBJECT}
    | (?P<both>(?<![\w\-])both\s+(?:[\w\-]+\s+){{0,2}}?[\w\-]+s)(?:{_AS_SUBJECT}|{_AS_PLURAL_SUBJECT})""",
    needs=any_word(*PLURAL_ROLES, "both"),
    label="clause-initial",
)
_ALL_GROUP = TermPattern.raw(
    rf"""(?P<term>(?<![\w\-])(?:all|100\s?%\s+of)\s+(?:(?:the|our|their)\s+)?(?:[\w\-]+\s+){{0,2}}?
    {_ROLES})(?=\s+(?!(?:and|or|in|of|at|on|for|with|from|to|by|across|within)\b)[a-z]+\b)""",
    needs=any_word(*PLURAL_ROLES),
    label="clause-initial",
)
_WE = TermPattern.of(("we", "we'll", "we're", "we've", "let's", "let us", "up to us", "on us", "by us"))
_BY = r"(?<![\w\-])(?:jointly\s+|together\s+)?by\s+"
# "by each other" is not here: a reciprocal agent names every actor (each partner presents the other's case).
_AGENT = TermPattern.of((*GROUPS, "us", "them"), before=_BY)
_ACTOR = (
    r"(?:(?:the|our)\s+(?:[\w\-]+\s+){0,2}?(?:team|unit|department|group|office|desk|committee|board|function|squad)"
    rf"|(?:its|their|his|her|our)\s+(?:[\w\-]+\s+)?{phrase_regex(PLURAL_ROLES)}"
    r"|(?:(?:the|our)\s+)?(?-i:(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof)\.?\s+)?[A-Z][\w'\u2019\-]*"
    r"(?:\s+(?:of\s+)?[A-Z][\w'\u2019\-]*){0,2}))"
)
_UNITS = ("teams", "departments", "units", "groups", "offices", "functions", "squads")
_JOINER = r"(?:\s*,?\s+(?:and|or|&|\+)\s+|\s*/\s*)"
_JOINED_ACTOR = Regex(r"(?:\s(?:and|or|&|\+)\s+|/\s*)(?:(?:the|our|its|their|his|her)\s|(?-i:[A-Z]))", re.IGNORECASE)
"""In every match of _SEVERAL: a _JOINER (with a space before its "and", "or", "&" or "+") before an _ACTOR."""
_SEVERAL = TermPattern.raw(
    rf"""(?P<term>(?:(?:either|both)\s+)?{_ACTOR}(?:\s*,\s*{_ACTOR})*{_JOINER}{_ACTOR}
    (?:\s+{alternation(_UNITS)})?)
    (?=\s+(?:{_COMMITS}|co-\w+|share|sign|to\s+[a-z]+\b))
    | (?<![\w\-])by\s+(?P<agents>{_ACTOR}{_JOINER}{_ACTOR})(?![\w\-])""",
    needs=_JOINED_ACTOR.search,
    label="several",
)
_SEVERAL_DOING = TermPattern.raw(
    rf"""(?P<term>(?-i:[A-Z][\w'\u2019\-]*)(?:\s*,\s*{_ACTOR})*{_JOINER}(?-i:[A-Z][\w'\u2019\-]*)
    | (?:the|our)\s+(?-i:[A-Z][\w'\u2019\-]*){_JOINER}(?-i:[A-Z][\w'\u2019\-]*)\s+{alternation(_UNITS)})
    (?=\s+(?!(?:of|in|at|on|for|with|from|to|by|and|or|as|is|are|was|were|will)\b)(?-i:[a-z]+)\b)""",
    needs=_JOINED_ACTOR.search,
    label="several-at-start",
)
"""Two named people or units that open a clause with a verb of their own: "Ines and Paul meet every Thursday", "The
Platform and Checkout teams fix it"."""
_OWNER_FIELD = TermPattern.raw(
    rf"(?<![\w\-])(?:owner|accountable|responsible|dri|assignee|lead)\s*[:=]\s*(?P<term>{PLACEHOLDER})",
    needs=may_hold_placeholder,
    label="owner-field",
)
"""A placeholder where an owner's name belongs: "Owner: TBD", "Data migration owner: [owner]"."""
_PERMITTED = Regex(r"\s+(?:\w+ly\s+)?(?:may|can|could|might)\b", re.IGNORECASE)
_ACTING_UNIT = Regex(
    r"\b(?:we|us|team|teams|squad|crew|group|force|management|leadership|business|organi[sz]ation|org|parties|partners"
    r"|sides|everyone|everybody)\b",
    re.IGNORECASE,
)
"""A group that acts for the agreement (the team, the partners, everyone in it): "the team may revisit the terms"
hides who will, where "employees may download their payslips" gives a right to those it names."""
_HAS_JOINT_WORD = any_word("jointly", "joint", "shared")


_CO_VERBS = (
    "own", "lead", "led", "deliver", "host", "chair", "author", "manage", "run", "sponsor", "present", "facilitate",
    "write", "wrote", "design",
)  # fmt: skip


def _has_co_word(text: str) -> bool:
    """Whether ``text`` may hold "co-own", "cochair"...: the word "co" (the tokeniser parts it from "-own") or a word
    of "co" and one of _CO_VERBS."""
    return any(word == "co" or (word.startswith("co") and word[2:].startswith(_CO_VERBS))
               for word in tokenise(text).word_set)


_JOINT = TermPattern.raw(
    r"(?P<term>(?<![\w\-])(?:jointly[\s\-]+(?:own|owned|led|lead|run|managed|delivered|responsible|accountable)"
    rf"|co-?{alternation(_CO_VERBS)}\w*"
    r"|joint\s+(?:ownership|responsibility|accountability)|shared\s+(?:ownership|responsibility|accountability)))"
    r"(?![\w\-])",
    needs=lambda text: _HAS_JOINT_WORD(text) or _has_co_word(text),
    label="joint",
)
_ROLE_NOUN_AFTER = Regex(
    rf"\s+{_ROLES}\s+(?:{MODAL}|(?!(?:the|a|an|every|each|all|our|their|its|this|these|those)\b){_BASE_FORM})",
    re.IGNORECASE,
)
"""A plural role noun after the group, with its own verb: "the team leads approve it" (not "the team leads it")."""
_AND_BEFORE = Regex(r"\band\s+$", re.IGNORECASE)
_CLAUSE_WORD = Regex(r"\b(?:what|that|which|who|how|whether|if|when|whenever|unless|once|until|before|after|as)$")
_PARTNERS = frozenset(
    (
        "we",
        "we'll",
        "we're",
        "we've",
        "us",
        "by us",
        "up to us",
        "on us",
        "let's",
        "let us",
        "both of us",
        "the two of us",
        "the partners",
        "both partners",
        "all partners",
        "the parties",
        "both parties",
        "all parties",
    )
)
"""The partners acting together, as they say it in an answer they give together."""
_THEY = frozenset(("they", "they'll", "them"))
_LIST_OPENING = Regex(r"^\s*(?:by|either|both)\s+", re.IGNORECASE)
_LIST_BREAK = Regex(rf"{_JOINER}|\s*,\s*", re.IGNORECASE)
_TITLE = Regex(r"^\s*(?:the\s+|our\s+)?(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof)\.?\s+)?", re.IGNORECASE)
_NOUN_MODIFIER = Regex(r"^(?:\d{1,3}|[a-z]+-[a-z]+)$", re.IGNORECASE)
"""A word before a group noun that puts it inside a counted noun phrase, where it modifies the noun after it: a count
("14 management reports": the reports are counted) or a compound modifier ("month-end management reports"). A pronoun
takes no such word ("on day 3 we ship")."""
_PRONOUN = Regex(r"^(?:we|they|some|any|every|no)", re.IGNORECASE)
_ONE_OF = Regex(r"(?:one|any)\s+of\s", re.IGNORECASE)
_ROTA = Regex(r"\b(?:rota|rotas|roster|rotation|in\s+turn|turns|alternately|alternating|alternate)\b", re.IGNORECASE)
"""A rota that says whose turn it is: "one of us, in turn by month, chairs the call" names the one who acts."""
_POSSESSIVE_LIST = Regex(r"['\u2019]s?$")
_PASSIVE_AFTER = Regex(
    rf"\s*,?\s+{MODAL}?\s*(?:be|get|are|is)\s+(?:\w+ly\s+)?\w+(?:ed|en)\b(?!\s+to\s+[a-z])", re.IGNORECASE
)
"""What is done to the group ("3 people will be hired"), not a duty put on it ("everyone is expected to review")."""


def _keep(hit: Hit) -> bool:
    """A passive subject ("3 people will be hired", "Churn and NPS will be reported") is what is acted on."""
    opens_clause = not hit.before.strip() or hit.before.rstrip().endswith((",", ";", ":"))
    if hit.label in ("clause-initial", "several-at-start") and not opens_clause:
        return False  # "email all store managers" is a recipient, not the doer
    if hit.label == "present-plural" and not _opens_plural_clause(hit, opens_clause=opens_clause):
        return False
    if _ROLE_NOUN_AFTER.match(hit.masked, hit.end):
        return False  # "the team leads approve": the group names whose leads they are; the role group is the actor
    if hit.label in ("several", "several-at-start") and _POSSESSIVE_LIST.search(hit.term):
        return False  # "Aisha's and Kenji's delivery leads export": whose leads, each acting for their own
    if (
        hit.label == ""
        and not _PRONOUN.search(hit.term)
        and _NOUN_MODIFIER.search(text_before(hit.masked, hit.start, 1))
    ):
        return False  # "all 14 month-end management reports": the group word modifies the noun after it
    if _ONE_OF.match(hit.term) and _ROTA.search(hit.sentence):
        return False  # "One of us, in turn by month, chairs the call": the rota names whose turn it is
    if hit.term.lower() == "they" and _CLAUSE_WORD.search(text_before(hit.masked, hit.start, 1)):
        return False  # "together with what they will do differently": a subordinate clause, not the commitment
    if hit.label != "owner-field" and not _ACTING_UNIT.search(hit.term) and _PERMITTED.match(hit.masked, hit.end):
        return False  # "Employees may download their payslips": a right given to them, not a commitment they owe
    # the owner is named elsewhere in the statement, not by the actors found ("Sales/Marketing owns lead scoring")
    elsewhere = f"{hit.masked[: hit.start]}{' ' * (hit.end - hit.start)}{hit.masked[hit.end :]}"
    return not (_PASSIVE_AFTER.match(hit.masked, hit.end) or names_owner(elsewhere))


def _opens_plural_clause(hit: Hit, *, opens_clause: bool) -> bool:
    """Whether a plural group before a verb in the present tense is its clause's subject: "tell both partners" is
    not. "They" counts at the start of the statement or after "and" ("Ana calls Li and they agree the steps"):
    elsewhere it points back to who was named ("Rafael tracks the rate; if it falls, they drop it")."""
    after_and = _AND_BEFORE.search(hit.masked[: hit.start]) is not None
    if hit.term.lower() == "they":
        return after_and or not hit.masked[: hit.start].strip()
    return opens_clause or after_and


def _one_per_clause(hits: Iterable[Hit]) -> Iterator[Hit]:
    """The hits, less a joint verb ("co-own", "jointly accountable") in a clause whose joined actors were reported:
    "Priya and Omar will co-own the list" has one problem, said once."""
    joined_clauses: set[tuple[int, int]] = set()
    for hit in hits:
        clause = clause_around(hit.masked, hit.start, hit.end)
        if hit.label == "joint" and clause in joined_clauses:
            continue
        if hit.label in ("several", "several-at-start"):
            joined_clauses.add(clause)
        yield hit


def _message(hit: Hit) -> str:
    if hit.label in ("several", "several-at-start", "joint"):
        return f'"{hit.term}" makes several actors own one commitment: name one owner and list the others as helpers'
    return f'"{hit.term}" is a collective or placeholder actor: name the one person, role or unit who owns this'


def _by_others(hits: Iterable[Hit], partners: tuple[str, ...]) -> list[Hit]:
    """In an answer the partners give together, the hits that name someone other than the partners, less a joint
    verb in a clause whose actors are the partners ("we co-host the review"). "They" is the partners unless someone
    else was named before it, whom it may point back to."""
    others: list[Hit] = []
    theirs: set[tuple[int, int]] = set()
    for hit in hits:
        if _names_partners(hit, partners, after_others=any(other.label != "joint" for other in others)):
            theirs.add(clause_around(hit.masked, hit.start, hit.end))
        else:
            others.append(hit)
    return [
        hit for hit in others if hit.label != "joint" or clause_around(hit.masked, hit.start, hit.end) not in theirs
    ]


def _names_partners(hit: Hit, partners: tuple[str, ...], *, after_others: bool) -> bool:
    term = " ".join(hit.term.lower().split())
    if term in _THEY:
        return not after_others
    if hit.label in ("several", "several-at-start"):
        return all(_is_partner(actor, partners) for actor in _LIST_BREAK.split(_LIST_OPENING.sub("", hit.term)))
    return term in _PARTNERS


def _is_partner(actor: str, partners: tuple[str, ...]) -> bool:
    """Whether ``actor`` is one of the partners: their id, their name or words of it ("Helen", "Dr Moore")."""
    words = set(_TITLE.sub("", actor).lower().split())
    return bool(words) and any(words <= set(partner.lower().split()) for partner in partners)


def check(text: str, context: TextContext) -> Iterator[TextSpan]:
    if context.owned:
        return
    patterns = (
        _OWNER_FIELD,
        _WHOEVER,
        _SEVERAL,
        _SEVERAL_DOING,
        _JOINT,
        _SUBJECT,
        _PLURAL_SUBJECT,
        _ROLE_GROUP,
        _ALL_GROUP,
        _AGENT,
        _WE,
    )
    hits: Iterable[Hit] = _one_per_clause(scan(text, *patterns, keep=_keep))
    if context.partners is not None:
        hits = _by_others(hits, context.partners)
    for hit in hits:
        yield TextSpan(hit.start, hit.end, _message(hit))


RULE = TextRule(
    code="A206",
    name="collective-actor",
    category=Category.ACCOUNTABILITY,
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
