"""The Markdown of the site's own pages: the index of every agreement and one page per person.

Both say which day they were built for: "next due" and "overdue" are counted from it, so the same inputs and the
same day give the same bytes. Links are relative (``agreements/<name>.html`` from the index, ``../...`` from the
pages in folders), so the site works from ``file://`` and under any sub-path of a web server.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from agreed.problem import Problem
from agreed.render.markdown import short_digests
from agreed.site.facts import AgreementFacts, ItemFacts, PersonKey
from agreed.site.markup import link, table, text

AGREEMENTS_FOLDER = "agreements"
PEOPLE_FOLDER = "people"
INDEX = "index.html"
NOTHING = "—"  # an empty cell, which a card on a narrow screen would show as a name with no value


@dataclass(frozen=True, slots=True)
class Names:
    """The file name (without folder and suffix) of each agreement's page by its path, and of each person's by id."""

    agreements: Mapping[str, str]
    people: Mapping[str, str]

    def agreement_href(self, path: str, root: str = "") -> str:
        return f"{root}{AGREEMENTS_FOLDER}/{self.agreements[path]}.html"

    def person_href(self, person: str, root: str = "") -> str:
        return f"{root}{PEOPLE_FOLDER}/{self.people[person]}.html"


@dataclass(frozen=True, slots=True)
class Person:
    """One person of the site: their party id and the name the first agreement (by path) gives them."""

    id: str
    name: str

    @property
    def key(self) -> PersonKey:
        return PersonKey(self.id, self.name)


def people_of(agreements: Sequence[AgreementFacts]) -> list[Person]:
    """Every party id of the agreements, once, named as in the first agreement (by path) that has it; by id."""
    named: dict[str, str] = {}
    for facts in sorted(agreements, key=lambda facts: facts.path):
        for party in facts.parties:
            named.setdefault(party.id, party.name)
    return [Person(person, named[person]) for person in sorted(named)]


def built_for(today: datetime.date) -> str:
    return (f"Built for {today.isoformat()}: what is next due and what is overdue are counted from that day "
            "(agreed site --today).")


def _days(item: ItemFacts, today: datetime.date) -> str:
    gap = (item.day - today).days
    if item.done:
        return "done"
    if gap == 0:
        return "due today"
    if gap > 0:
        return f"in {gap} day{'s' * (gap != 1)}"
    return f"{-gap} day{'s' * (gap != -1)} late" if item.can_be_late else f"passed {-gap} day{'s' * (gap != -1)} ago"


# -- values that could not be read ---------------------------------------------------------------------------------

UNREADABLE = ("Not all of this agreement could be read: the values below are not what the format allows, so this "
              "page, the index and the people's pages leave them out. Correct them in the file (agreed lint names "
              "them too).")


def _problem_text(problem: Problem) -> str:
    return text(f"{problem.path}:{problem.line}:{problem.col}: {problem.rule} {problem.message}")


def with_problems(markdown_text: str, problems: Sequence[Problem]) -> str:
    """An agreement's page with a note under its title naming each value that could not be read (position and
    message), so a reader knows what the page leaves out; the page as it is when there are none."""
    if not problems:
        return markdown_text
    title, _, rest = markdown_text.partition("\n")
    note = ["", f"> **{text(UNREADABLE)}**", ">", *(f"> - {_problem_text(problem)}" for problem in problems)]
    return "\n".join([title, *note, rest])


def _problems_cell(problems: Sequence[Problem]) -> str:
    """What follows the title in an index row: the values that could not be read, if any."""
    count = len(problems)
    if not count:
        return ""
    return (f" — **{count} value{'s' * (count != 1)} could not be read:** "
            + "; ".join(_problem_text(problem) for problem in problems))


# -- the index -------------------------------------------------------------------------------------------------------

INDEX_HEADER = ["Agreement", "Status", "Parties", "Next due", "Overdue", "Consent", "Last material change"]


def index_markdown(agreements: Sequence[AgreementFacts], names: Names, today: datetime.date) -> str:
    """The index: one row per agreement (by title, then path), with links to its page and its parties' pages."""
    shown = sorted(agreements, key=lambda facts: (facts.title.casefold(), facts.title, facts.path))
    rows = [_index_row(facts, names, today) for facts in shown]
    statuses = sorted({facts.status for facts in agreements})
    out = ["# Agreements", "", text(built_for(today)), "",
           f"{len(shown)} agreement{'s' * (len(shown) != 1)}"
           + (f" ({', '.join(f'{sum(f.status == s for f in shown)} {text(s)}' for s in statuses)})." if shown else "."),
           "", *table(INDEX_HEADER, rows), "", "## People", ""]
    out += [f"- {link(person.name, names.person_href(person.id))}" for person in people_of(agreements)]
    return "\n".join(out) + "\n"


def _index_row(facts: AgreementFacts, names: Names, today: datetime.date) -> list[str]:
    following = facts.next_due(today)
    late = facts.overdue(today)
    change = facts.last_material
    return [
        link(facts.title, names.agreement_href(facts.path)) + _problems_cell(facts.problems),
        text(facts.status),
        ", ".join(link(party.name, names.person_href(party.id)) for party in facts.parties),
        NOTHING if following is None else text(f"{following.on}: {following.what} ({_days(following, today)})"),
        str(len(late)) if late else "0",
        text(short_digests(facts.consent_summary())),
        text(facts.history) if change is None else text(f"{change.day}: {_short(change.subject)} ({change.commit})"),
    ]


def _short(subject: str, most: int = 60) -> str:
    return subject if len(subject) <= most else subject[: most - 1].rstrip() + "…"


# -- a person's page -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Duty:
    """One item on a person's page, with the agreement it belongs to."""

    agreement: AgreementFacts
    item: ItemFacts


def person_markdown(person: Person, agreements: Sequence[AgreementFacts], names: Names, today: datetime.date) -> str:
    """What ``person`` owes, what they are owed (open items, by day) and what they must consent to."""
    key = person.key
    theirs = [facts for facts in sorted(agreements, key=lambda facts: facts.path)
              if any(party.id == person.id for party in facts.parties)]
    owes = _open([Duty(facts, item) for facts in theirs for item in facts.due_items if item.owed_by(key)], today)
    owed = _open([Duty(facts, item) for facts in theirs for item in facts.due_items if item.owed_to(key)], today)
    shared = _open([Duty(facts, item) for facts in theirs for item in facts.due_items if item.shared_with(key)],
                   today)
    out = [f"# {text(person.name)}", "", text(built_for(today)), "",
           f"Party id: `{text(person.id)}`. In {len(theirs)} agreement{'s' * (len(theirs) != 1)}.", "",
           "## What they owe", "", *_duties(owes, names, today, "For whom",
                                            lambda duty: _whom(duty, duty.item.counterparts, key)),
           "## What they are owed", "", *_duties(owed, names, today, "Owner",
                                                 lambda duty: _whom(duty, (duty.item.owner or "",), key)),
           "## What they must consent to", "", *_consents(person, theirs, names),
           "## Dates they share", "", *_duties(shared, names, today, "With",
                                         lambda duty: _whom(duty, duty.item.counterparts, key)),
           "## Their agreements", ""]
    out += [f"- {link(facts.title, names.agreement_href(facts.path, '../'))} ({text(facts.status)})"
            for facts in theirs]
    return "\n".join(out) + "\n"


def _whom(duty: Duty, who: Sequence[str], person: PersonKey) -> str:
    """The others of ``who`` (``person``, whose page this is, left out): party ids as their names in the duty's
    agreement, other names as written; a dash when nobody else is named."""
    named = {party.id: party.name for party in duty.agreement.parties}
    others = [named.get(entry, entry) for entry in who if entry.strip() and not person.matches(entry)]
    return ", ".join(others) or NOTHING


def _open(duties: list[Duty], today: datetime.date) -> list[Duty]:
    """The duties still ahead or overdue on ``today``, by day."""
    return sorted((duty for duty in duties if duty.item.pending(today)),
                  key=lambda duty: (duty.item.on, duty.agreement.path, duty.item.key))


def _duties(duties: Sequence[Duty], names: Names, today: datetime.date, other: str,
            whom: Callable[[Duty], str]) -> list[str]:
    if not duties:
        return ["Nothing open.", ""]
    rows = [[text(duty.item.on), text(_days(duty.item, today)), text(duty.item.what), text(duty.item.kind),
             link(duty.agreement.title, names.agreement_href(duty.agreement.path, "../")), text(whom(duty))]
            for duty in duties]
    return [*table(["Day", "When", "What", "Kind", "Agreement", other], rows), ""]


def _consents(person: Person, theirs: Sequence[AgreementFacts], names: Names) -> list[str]:
    rows = []
    for facts in theirs:
        party = next(party for party in facts.parties if party.id == person.id)
        if facts.open_for_consent and party.consent != "valid":
            rows.append([link(facts.title, names.agreement_href(facts.path, "../")), text(facts.status),
                         text(party.consent), text(short_digests(party.reason or facts.consent_note))])
    if not rows:
        return ["Nothing: every agreement open for consent has theirs for its current terms.", ""]
    return [*table(["Agreement", "Status", "Their consent", "Why"], rows), ""]
