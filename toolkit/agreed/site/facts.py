"""What the site shows of one agreement outside its own page: the facts its index row and the people's pages are made
of, kept in the site's manifest so that an unchanged agreement is never read, parsed or looked up in git again.

Every fact is plain data (strings, booleans, tuples) with a JSON form (:func:`facts_record`, :func:`facts_from`).
Which items are next due or overdue is not a fact: it depends on the day the site is built for, and is worked out
from the dated items when the index and the people's pages are made. Only an agreement in force has items that fall
due (:func:`agreed.agreement.in_force`, the rule of ``agreed due``): a fulfilled or ended one binds nobody any more, a
draft or proposed one nobody yet.

An agreement that holds a value the schema does not allow (a day that does not exist, a misspelt status) keeps
those problems among its facts (:func:`agreed.schema.unreadable_values`): the typed view leaves such a value out, so
the pages say what is missing, and a warm rebuild reports them again without parsing the file.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from agreed.agreement import FINAL_STATUSES, in_force
from agreed.problem import Problem, Severity
from agreed.schedule import ItemKind

CONSENT_UNKNOWN = "unknown"  # no repository, or terms that cannot be digested: consent cannot be told
NOT_OPEN = "not open"  # a draft: not open for consent yet


@dataclass(frozen=True, slots=True)
class PartyFacts:
    """One party: its id, the name shown, and where its consent stands (valid, stale, missing, or unknown)."""

    id: str
    name: str
    consent: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ItemFacts:
    """One dated item (:class:`agreed.schedule.DatedItem`) as the site keeps it."""

    kind: str
    key: str
    what: str
    on: str  # YYYY-MM-DD
    owner: str | None
    counterparts: tuple[str, ...]
    done: bool

    @property
    def day(self) -> datetime.date:
        return datetime.date.fromisoformat(self.on)

    @property
    def can_be_late(self) -> bool:
        return ItemKind(self.kind).can_be_late

    def overdue(self, today: datetime.date) -> bool:
        return self.can_be_late and not self.done and self.day < today

    def open_on(self, today: datetime.date) -> bool:
        """Still ahead on ``today`` (today included) and not done."""
        return not self.done and self.day >= today

    def pending(self, today: datetime.date) -> bool:
        """Ahead or overdue on ``today``: not done, and not a diary date that simply passed."""
        return self.open_on(today) or self.overdue(today)

    def owed_by(self, person: PersonKey) -> bool:
        return self.owner is not None and person.matches(self.owner)

    def owed_to(self, person: PersonKey) -> bool:
        """Someone else owes it to ``person``."""
        return self.owner is not None and not self.owed_by(person) and self.concerns(person)

    def shared_with(self, person: PersonKey) -> bool:
        """Nobody owes it, and it is for ``person`` among others (a check-in, the term's end)."""
        return self.owner is None and self.concerns(person)

    def concerns(self, person: PersonKey) -> bool:
        return any(person.matches(counterpart) for counterpart in self.counterparts)


@dataclass(frozen=True, slots=True)
class PersonKey:
    """How one person is named in an agreement: their party id and shown name (items name either)."""

    id: str
    name: str

    def matches(self, text: str) -> bool:
        folded = text.strip().casefold()
        return folded in (self.id.casefold(), self.name.casefold())


@dataclass(frozen=True, slots=True)
class ChangeFacts:
    """The newest version with a material change: its day, short commit, author and subject."""

    day: str
    commit: str
    author: str
    subject: str


@dataclass(frozen=True, slots=True)
class AgreementFacts:
    """An agreement as the index and the people's pages show it. ``history``: why there is no history, if there is
    none ("" when there is)."""

    path: str
    id: str
    title: str
    status: str
    parties: tuple[PartyFacts, ...]
    items: tuple[ItemFacts, ...]
    consent_note: str
    last_material: ChangeFacts | None
    history: str = ""
    problems: tuple[Problem, ...] = ()  # values written that could not be read (left out of the typed view)

    @property
    def open_for_consent(self) -> bool:
        return self.status != "draft" and self.status not in FINAL_STATUSES

    def consent_summary(self) -> str:
        """One phrase: how many parties consented to the current terms, or why that cannot be told."""
        if self.consent_note:
            return self.consent_note
        if self.status == "draft":
            return "draft: not open for consent"
        valid = sum(party.consent == "valid" for party in self.parties)
        return f"{valid} of {len(self.parties)} valid" if valid < len(self.parties) else "all valid"

    @property
    def due_items(self) -> tuple[ItemFacts, ...]:
        """The items that can fall due: all of them while the agreement is in force, none otherwise."""
        return self.items if in_force(self.status) else ()

    def next_due(self, today: datetime.date) -> ItemFacts | None:
        return next((item for item in self.due_items if item.open_on(today)), None)

    def overdue(self, today: datetime.date) -> tuple[ItemFacts, ...]:
        return tuple(item for item in self.due_items if item.overdue(today))


def facts_record(facts: AgreementFacts) -> dict[str, Any]:
    """``facts`` as JSON data."""
    return {
        "path": facts.path, "id": facts.id, "title": facts.title, "status": facts.status,
        "parties": [[party.id, party.name, party.consent, party.reason] for party in facts.parties],
        "items": [[item.kind, item.key, item.what, item.on, item.owner, list(item.counterparts), item.done]
                  for item in facts.items],
        "consent_note": facts.consent_note, "history": facts.history,
        "last_material": None if facts.last_material is None else [
            facts.last_material.day, facts.last_material.commit, facts.last_material.author,
            facts.last_material.subject],
        "problems": [[problem.path, problem.line, problem.col, problem.rule, problem.severity.label, problem.message]
                     for problem in facts.problems],
    }


def facts_from(record: Mapping[str, Any]) -> AgreementFacts:
    """The facts :func:`facts_record` wrote; KeyError, TypeError or ValueError when the record is not such data."""
    last = record["last_material"]
    return AgreementFacts(
        path=str(record["path"]), id=str(record["id"]), title=str(record["title"]), status=str(record["status"]),
        parties=tuple(PartyFacts(str(a), str(b), str(c), str(d)) for a, b, c, d in record["parties"]),
        items=tuple(ItemFacts(ItemKind(kind).value, str(key), str(what), datetime.date.fromisoformat(on).isoformat(),
                              None if owner is None else str(owner), tuple(map(str, counterparts)), bool(done))
                    for kind, key, what, on, owner, counterparts, done in record["items"]),
        consent_note=str(record["consent_note"]), history=str(record["history"]),
        last_material=None if last is None else ChangeFacts(*(str(part) for part in last)),
        problems=tuple(Problem(str(path), int(line), int(col), str(rule), Severity.parse(str(severity)), str(message))
                       for path, line, col, rule, severity, message in record["problems"]),
    )
