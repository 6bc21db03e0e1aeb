"""Which prose of an agreement the text rules read, and which rules read it: one table, element by element.

Every free-text value of the agreement format has a row in :data:`SCOPE`: its schema path (``parties[].commits``),
the ``schema/ELEMENTS.md`` id it carries, and either the text rules that read it or the reason none does. A rule
reads an element only where its question makes sense there: a relationship answer is asked whether it hides an
escape clause, a vague time or frequency, an open list, a hedge or a collective actor, not whether a comparison has
a baseline; an A+ result is asked for its numbers, not for its owner. Elements that hold no prose at all (dates,
ids, flags, names) are listed in :data:`NO_PROSE` with what they hold instead.

The registry derives each text rule's ``elements`` from this table, ``agreed explain`` shows it from both sides, and
the README prints it (a test keeps the two equal). To make a text rule read an element, add the rule to the row.

The rows are in reading order: commitments first (deliverables, milestones, targets, measures, hand-offs, then what
each party commits to and gives), so that the text budget of an agreement is spent on them before the rest.

The placeholder rule V108 reads commitments only: an answer that is a placeholder as a whole ("TBD") is the
non-answer rule's (S104), which would otherwise report the same words twice.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence

from agreed.agreement import agreement_of
from agreed.document import Document, JsonPath
from agreed.lint.commitments import gives_own_date
from agreed.lint.rule import TextContext, TextRule
from agreed.lint.rules import (
    activity_without_outcome,
    collective_actor,
    comparative_without_baseline,
    custom_vague_term,
    escape_clause,
    fuzzy_deadline,
    open_ended_list,
    passive_commitment,
    placeholder,
    subjective_quality,
    superlative_absolute,
    vague_quantifier,
    weak_commitment,
)
from agreed.record import Record
from agreed.text.values import OwnerKind, classify_owner


class Voice(enum.Enum):
    """Whose words a value is, which decides what its statements' context says about ownership."""

    ITEM = "the item names its owner"
    """A list item with an ``owner`` (or ``party``) field: owned when that field names exactly one party."""
    NO_ACTOR = "no actor is asked for"
    """A metric, a measure, a hand-off (whose ``from`` and ``to`` say who) or information shared: no owner field and
    nobody the words must name; an actor they do name is read as written, so a group ("the team will review")
    still names nobody."""
    PARTY = "the party's own words"
    """A party's own entry: the party it belongs to is known; a group ("we", "the team") still names nobody."""
    PARTNERS = "the partners' shared words"
    """An answer the partners give together: owned by nobody in particular, and practised by the partners, whose
    names the context carries."""


class Prose(Record):
    """One free-text place of the format: its schema path, the element it carries, and the text rules that read it
    (``codes``: their codes, for the engine's look-up), or why none does (``unread``)."""

    path: str
    element: str
    rules: tuple[TextRule, ...] = ()
    codes: frozenset[str] = frozenset()
    voice: Voice = Voice.PARTNERS
    standing: bool = False
    """Whether the words state a standing practice rather than something delivered once (see ``TextContext``)."""
    counted: bool = False
    """Whether the words name what is counted, with its time in fields of its own (see ``TextContext``)."""
    unread: str = ""


def _read(path: str, element: str, rules: Sequence[TextRule], voice: Voice = Voice.PARTNERS) -> Prose:
    return Prose(path, element, tuple(rules), frozenset(rule.code for rule in rules), voice)


def _practice(path: str, element: str, rules: Sequence[TextRule], voice: Voice = Voice.PARTNERS) -> Prose:
    """A place whose words say how someone acts each time an occasion comes."""
    return _read(path, element, rules, voice)._replace(standing=True)


def _unread(path: str, element: str, why: str) -> Prose:
    return Prose(path, element, unread=why)


TERMS = custom_vague_term.RULE
EVERY_RULE = (
    TERMS,
    subjective_quality.RULE,
    vague_quantifier.RULE,
    escape_clause.RULE,
    open_ended_list.RULE,
    comparative_without_baseline.RULE,
    superlative_absolute.RULE,
    activity_without_outcome.RULE,
    placeholder.RULE,
    weak_commitment.RULE,
    passive_commitment.RULE,
    collective_actor.RULE,
    fuzzy_deadline.RULE,
)
"""Commitments are read by every text rule."""
COUNTED = tuple(rule for rule in EVERY_RULE if rule is not passive_commitment.RULE)
"""A measure, a metric or a hand-off: read as a commitment, but not asked for the actor of a passive. A measure's
method is naturally passive ("churn is measured monthly in ChartMogul"), a metric names what is counted ("invoices
paid within 30 days"), and a hand-off's ``from`` and ``to`` name who gives and who receives; a group written as the
actor ("the team will review reports", "someone hands over the runbook") still names nobody."""
PARTY_PROMISE = tuple(rule for rule in COUNTED if rule is not placeholder.RULE)
"""What a party promises in its own entry: a commitment whose actor is the party (no passive to ask about)."""
ANSWER = (
    TERMS,
    vague_quantifier.RULE,
    escape_clause.RULE,
    open_ended_list.RULE,
    weak_commitment.RULE,
    collective_actor.RULE,
    fuzzy_deadline.RULE,
)
"""How the partners work together: escape clauses, vague times and frequencies, open lists, hedges, groups."""
PICTURE = (
    TERMS,
    subjective_quality.RULE,
    vague_quantifier.RULE,
    escape_clause.RULE,
    open_ended_list.RULE,
    fuzzy_deadline.RULE,
    comparative_without_baseline.RULE,
    superlative_absolute.RULE,
)
"""A picture of success, asked for numbers and dates: quality words, vague amounts, comparisons and superlatives
stand where numbers belong, and an escape clause ("ASAP if possible") or an open list ("etc.") leaves open what the
result is and when."""

SCOPE: tuple[Prose, ...] = (
    # commitments: every text rule (measures, metrics and hand-offs all but the passive voice's)
    _read("results.deliverables[].what", "W-WHAT", EVERY_RULE, Voice.ITEM),
    _read("results.deliverables[].acceptance", "W-WHAT", EVERY_RULE, Voice.ITEM),
    _read("results.milestones[].what", "W-MILESTONES", EVERY_RULE, Voice.ITEM),
    _read("celebration.targets[].metric", "C-TARGETS", COUNTED, Voice.NO_ACTOR)._replace(counted=True),
    _read("results.measures.quality[].measure", "W-MEASURES", COUNTED, Voice.NO_ACTOR),
    _read("results.measures.quality[].how", "W-MEASURES", COUNTED, Voice.NO_ACTOR),
    _read("results.measures.resources[].measure", "W-MEASURES", COUNTED, Voice.NO_ACTOR),
    _read("results.measures.resources[].how", "W-MEASURES", COUNTED, Voice.NO_ACTOR),
    _read("celebration.handoffs[].what", "C-HANDOFFS", COUNTED, Voice.NO_ACTOR),
    # what each party promises and gives
    _practice("parties[].commits", "G-COMMIT", PARTY_PROMISE, Voice.PARTY),
    _practice("parties[].beyond", "G-BEYOND", PARTY_PROMISE, Voice.PARTY),
    _read(
        "parties[].gives",
        "P-CONSIDERATION",
        (TERMS, vague_quantifier.RULE, escape_clause.RULE, open_ended_list.RULE, weak_commitment.RULE),
        Voice.PARTY,
    ),
    _practice(
        "results.buy_in[].how",
        "W-BUYIN",
        (
            TERMS,
            vague_quantifier.RULE,
            escape_clause.RULE,
            open_ended_list.RULE,
            activity_without_outcome.RULE,
            weak_commitment.RULE,
            fuzzy_deadline.RULE,
        ),
        Voice.ITEM,
    ),
    _read(
        "results.information[].what",
        "W-INFO",
        (TERMS, vague_quantifier.RULE, escape_clause.RULE, open_ended_list.RULE),
        Voice.NO_ACTOR,
    ),
    # how the work is steered, measured and closed
    _practice("results.check_ins.how", "W-PROGRESS", ANSWER),
    _practice(
        "celebration.measurement.how",
        "C-WHEN",
        (
            TERMS,
            vague_quantifier.RULE,
            escape_clause.RULE,
            open_ended_list.RULE,
            weak_commitment.RULE,
            fuzzy_deadline.RULE,
        ),
    ),
    _read(
        "celebration.failure.definition",
        "C-FAILURE",
        (
            TERMS,
            subjective_quality.RULE,
            vague_quantifier.RULE,
            escape_clause.RULE,
            open_ended_list.RULE,
            comparative_without_baseline.RULE,
            fuzzy_deadline.RULE,
        ),
    ),
    _practice(
        "celebration.failure.accountability",
        "C-FAILURE",
        (TERMS, escape_clause.RULE, open_ended_list.RULE, weak_commitment.RULE),
    ),
    _practice(
        "celebration.credit[].how",
        "C-CREDIT",
        (TERMS, vague_quantifier.RULE, escape_clause.RULE, open_ended_list.RULE, weak_commitment.RULE),
    ),
    _read(
        "results.means[]",
        "W-MEANS",
        (
            TERMS,
            subjective_quality.RULE,
            vague_quantifier.RULE,
            escape_clause.RULE,
            open_ended_list.RULE,
            comparative_without_baseline.RULE,
            superlative_absolute.RULE,
            weak_commitment.RULE,
        ),
    ),
    # the picture of success
    _read("framing.a_plus", "F-APLUS", PICTURE),
    # how the partners work together
    _practice("relationship.routine", "R-ROUTINE", ANSWER),
    _practice("relationship.alerts", "R-ALERTS", ANSWER),
    _practice("relationship.surprises", "R-SURPRISES", ANSWER),
    _practice("relationship.disagreement", "R-DISAGREE", ANSWER),
    _practice("relationship.talk.good_days", "R-TALK", ANSWER),
    _practice("relationship.talk.bad_days", "R-TALK", ANSWER),
    _practice("relationship.time_together", "R-TIME", ANSWER),
    _practice("relationship.setbacks", "R-SETBACKS", ANSWER),
    _practice("relationship.imbalances[].response", "R-IMBALANCES", ANSWER),
    _practice("relationship.reservations[].monitoring", "R-RESERVATIONS", ANSWER),
    _practice("relationship.renegotiation.how", "R-RENEGOTIATE", ANSWER),
    # a signal is met by any change it names ("the budget is cut"): no baseline to ask for
    _read(
        "relationship.renegotiation.signals[]",
        "R-RENEGOTIATE",
        (TERMS, subjective_quality.RULE, vague_quantifier.RULE, open_ended_list.RULE),
    ),
    _read(
        "relationship.confidentiality.may_share[]",
        "R-CONFIDENTIAL",
        (TERMS, vague_quantifier.RULE, open_ended_list.RULE),
    ),
    _read(
        "relationship.confidentiality.may_not_share[]",
        "R-CONFIDENTIAL",
        (TERMS, vague_quantifier.RULE, open_ended_list.RULE),
    ),
    # left out, and why
    _unread(
        "parties[].receives",
        "P-CONSIDERATION",
        "the value a party expects back, in its own judgement; what the others give for it is read under gives",
    ),
    _unread("parties[].needs_partner", "P-INTERDEPENDENT", "a reason the party gives, not a promise"),
    _unread("parties[].hopes", "R-HOPES", "hopes for the experience, not commitments"),
    _unread("relationship.personal", "R-PERSONAL", "personal sharing, not a commitment"),
    _unread(
        "framing.together",
        "F-RESULTS",
        "the shared aim in words; the A+ result and the targets carry its numbers and are read",
    ),
    _unread("framing.alliance.why", "F-ALLIANCE", "a rationale: editorial, not a promise"),
    _unread("framing.grade_without.grade", "F-GRADE", "a grade, not a statement"),
    _unread("framing.grade_without.why", "F-GRADE", "a rationale: editorial, not a promise"),
    _unread("framing.accountability[].area", "F-ACCOUNT", "the name of an area; the owner rules check its owner"),
    _unread("results.purpose", "W-PURPOSE", "a rationale: editorial, not a promise"),
    _unread("results.evidence[].fact", "W-EVIDENCE", "facts, judged by their source, not by their wording"),
    _unread("results.evidence[].source", "W-EVIDENCE", "a source: a reference, not a statement"),
    _unread(
        "results.check_ins.cadence",
        "W-PROGRESS",
        "a cadence, read as one by check-ins-unplanned (a vague cadence is reported there)",
    ),
    _unread("celebration.targets[].measured.note", "C-TARGETS", "a note on a value measured: a record of fact"),
    _unread("celebration.targets[].measured.source", "C-TARGETS", "a source: a reference, not a statement"),
    _unread(
        "relationship.triggers[]",
        "R-TRIGGERS",
        "a known sensitivity, named so that partners avoid it: a description, not a promise",
    ),
    _unread(
        "relationship.imbalances[].imbalance",
        "R-IMBALANCES",
        "the imbalance expected: a description; the response to it is read",
    ),
    _unread(
        "relationship.reservations[].concern",
        "R-RESERVATIONS",
        "the reservation itself: a worry, not a promise; how it is monitored is read",
    ),
    _unread("relationship.other[]", "R-OTHER", "remarks of no set kind, raised for discussion"),
)

NO_PROSE: dict[str, str] = {
    "W-FOR": "names: the decision makers, owners and funders (checked by vague-beneficiary)",
    "W-BY": "names: the people who do the work (checked by vague-beneficiary)",
    "W-SERVING": "names: the constituency served (checked by vague-beneficiary)",
    "W-DEADLINE": "a date",
    "C-ANNOUNCER": "a party id",
    "P-REFUSAL": "true or false",
    "P-INROOM": "true or false",
    "K-PARTIES": "names and identities",
    "K-STATUS": "a status",
    "K-CONSENT": "consent records",
}
"""The elements that hold no free text at all, and what they hold instead."""

ELEMENT_IDS: tuple[str, ...] = (*dict.fromkeys(row.element for row in SCOPE), *NO_PROSE)
"""Every element id, each once: those with prose in reading order, then those without."""


_KNOWN = frozenset(code for row in SCOPE for code in row.codes)
_EVERY_CODE = frozenset(rule.code for rule in EVERY_RULE)


def places_of(element: str) -> tuple[Prose, ...]:
    """The places of ``element`` in the format (none when it holds no prose)."""
    return tuple(place for place in SCOPE if place.element == element)


def places_read_by(rule: TextRule) -> tuple[Prose, ...]:
    """The places the text rule reads, in reading order."""
    return tuple(place for place in SCOPE if rule.code in place.codes)


def elements_read_by(rule: TextRule) -> tuple[str, ...]:
    """The elements the text rule reads, in reading order, each once."""
    return tuple(dict.fromkeys(place.element for place in places_read_by(rule)))


# --- reading the prose of a document ---------------------------------------------------------------------------


class Statement(Record):
    """One piece of prose at ``path``, what its surroundings say about it, and the place of the format it fills."""

    path: JsonPath
    text: str
    context: TextContext
    place: Prose

    def read_by(self, rule: TextRule) -> bool:
        """Whether ``rule`` reads this statement: as the table says, and a text rule the table does not know (one
        built outside the registry) reads what every text rule reads, the commitments."""
        codes = self.place.codes
        return rule.code in codes or (rule.code not in _KNOWN and codes >= _EVERY_CODE)


_EACH = "[]"
_OWNER_FIELDS = ("owner", "party")
_NUMBER_FIELDS = ("quantity", "target")


def statements(document: Document) -> Iterator[Statement]:
    """Every non-blank value of a loaded document that a text rule reads, in reading order: row by row, except that
    rows of the same list are read item by item (a deliverable's ``what``, then its ``acceptance``, then the next
    deliverable)."""
    partners = _partner_names(document)
    found = [
        (rank, _indices(path), index, statement)
        for index, (row, steps, rank) in enumerate(_READ)
        for path, statement in _statements_at(document, row, steps, partners)
    ]
    found.sort(key=lambda entry: entry[:3])
    for *_, statement in found:
        yield statement


def _indices(path: JsonPath) -> tuple[int, ...]:
    return tuple(step for step in path if isinstance(step, int))


def _steps(path: str) -> tuple[str, ...]:
    """``results.deliverables[].what`` as ``("results", "deliverables", "[]", "what")``."""
    return tuple(
        step for name in path.split(".") for step in ((name[: -len(_EACH)], _EACH) if name.endswith(_EACH) else (name,))
    )


def _group_ranks(steps: Sequence[tuple[str, ...]]) -> list[int]:
    """For each row's steps, the position of the first row read from the same container."""
    first: dict[tuple[str, ...], int] = {}
    return [first.setdefault(row_steps[:-1], index) for index, row_steps in enumerate(steps)]


_READ_ROWS = [row for row in SCOPE if row.codes]
_READ_STEPS = [_steps(row.path) for row in _READ_ROWS]
_READ = tuple(zip(_READ_ROWS, _READ_STEPS, _group_ranks(_READ_STEPS), strict=True))
"""The rows some rule reads, each with its path's steps and its container's rank in the reading order."""


def _partner_names(document: Document) -> tuple[str, ...]:
    """The names the agreement's parties go by: each one's id and name, as written."""
    parties = agreement_of(document).parties
    return tuple(name for party in parties for name in (party.id, party.name) if name is not None and name.strip())


def _statements_at(
    document: Document, row: Prose, steps: tuple[str, ...], partners: tuple[str, ...]
) -> Iterator[tuple[JsonPath, Statement]]:
    for path, value, item in _values(document.data, steps, (), None):
        if isinstance(value, str) and value.strip():
            yield path, Statement(path, value, _context(row, path, item, partners), row)


def _values(
    node: object, steps: tuple[str, ...], path: JsonPath, item: dict[str, object] | None
) -> Iterator[tuple[JsonPath, object, dict[str, object] | None]]:
    """The values at the end of ``steps`` from ``node``, each with its path and the mapping that holds it."""
    if not steps:
        yield path, node, item
        return
    step, rest = steps[0], steps[1:]
    if step == _EACH:
        if isinstance(node, list):
            for index, entry in enumerate(node):
                yield from _values(entry, rest, (*path, index), item)
    elif isinstance(node, dict):
        yield from _values(node.get(step), rest, (*path, step), node)


def _context(row: Prose, path: JsonPath, item: dict[str, object] | None, partners: tuple[str, ...]) -> TextContext:
    """What the item holding a value says about it: numbers or acceptance criteria of its own make it measured
    (not its own acceptance criterion, which is what says how it is judged); a date field of its own makes it dated;
    who owns it depends on the voice, and the partners' shared words carry the names of the partners."""
    fields = item if item is not None else {}
    acceptance = fields.get("acceptance")
    measured = path[-1] != "acceptance" and (
        any(_is_number(fields.get(name)) for name in _NUMBER_FIELDS)
        or (isinstance(acceptance, str) and bool(acceptance.strip()))
    )
    dated = gives_own_date(fields)
    if row.voice is Voice.PARTY:
        party = fields.get("id")
        return TextContext(
            measured=measured,
            owned=False,
            party=party if isinstance(party, str) else None,
            standing=row.standing,
            dated=dated,
        )
    if row.voice is Voice.ITEM:
        owned = any(_names_one(fields.get(name)) for name in _OWNER_FIELDS)
        return TextContext(measured=measured, owned=owned, standing=row.standing, dated=dated)
    if row.voice is Voice.PARTNERS:
        return TextContext(measured=measured, standing=row.standing, dated=dated, partners=partners)
    return TextContext(measured=measured, standing=row.standing, dated=dated, counted=row.counted)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _names_one(owner: object) -> bool:
    """Whether an item's owner, written as text, names exactly one party."""
    return isinstance(owner, str) and classify_owner(owner) is OwnerKind.SINGLE
