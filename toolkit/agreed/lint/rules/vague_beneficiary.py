"""A for-whom, by-whom or serving-whom entry does not say who is meant.

Who the work is for, who does it and whom it should serve are promises about people. "Everyone", "stakeholders" or
"the business" fit every agreement, so they commit no one and tell no one that they are counted on. Name the
parties by their ids, and other people or groups specifically enough that they recognise themselves ("new enterprise
customers", "Chief Revenue Officer"). A bare "customers" or "users" is reported too: every organisation serves
customers, and the agreement should say which of them benefit most. An entry that is a party's name rather than its
id, or an id-shaped entry one letter away from a party id, is reported so the reference can be checked.

Entries that name only groups are fine: the people doing the work (``by_whom``) are often the parties' teams, and
who owns each piece is checked on the owners, so a ``by_whom`` without a party is not reported.

Fires on:
    for_whom: [everyone, TBD]
    serving_whom: [customers]
    by_whom: [marai, Onboarding managers]

Passes:
    for_whom: [maria, Chief Revenue Officer]
    serving_whom: [New enterprise customers]
    by_whom: [maria, Onboarding managers]
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.agreement import agreement_of
from agreed.document import Document, JsonPath
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._references import ID_SHAPE, close_party, party_names
from agreed.problem import Severity
from agreed.text.values import is_non_answer

_FOR = "name the decision makers, owners or funders it is for: party ids, named people or a named group"
_BY = "name the people who do the work: party ids, named people or a named group"
_SERVING = "name the group that should benefit most, e.g. 'new enterprise customers'"
_RECEIVER = "name who receives it: a party id, a named person or a named group"

_QUALIFIERS = frozenset({"the", "our", "their", "all", "of", "every", "any", "each", "entire", "whole", "relevant",
                         "key", "other", "various", "wider", "general"})
_EVERYONE = frozenset(
    {
        "everyone", "everybody", "anyone", "anybody", "all", "whoever", "someone", "somebody", "everyone involved",
        "those involved", "involved", "we", "us", "ourselves", "both", "both of us", "parties", "both parties",
        "partners", "both sides", "sides", "stakeholders", "stakeholder", "interested parties", "business",
        "company", "organisation", "organization", "firm", "group", "management", "leadership", "executives", "team",
        "teams", "people", "staff", "employees", "employee", "workforce", "colleagues", "departments", "functions",
        "users", "user", "end users", "customers", "customer", "clients", "client", "public", "world", "society",
        "community", "market", "others", "internal", "external",
    }
)  # fmt: skip


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    names = party_names(document)
    agreement = agreement_of(document)
    results = agreement.results
    if results is None:
        return
    for entries, advice in ((results.for_whom, _FOR), (results.by_whom, _BY), (results.serving_whom, _SERVING)):
        for entry in entries:
            yield from _check_entry(entry.path, entry.text, advice, names)
    for deliverable in results.deliverables:
        for entry in deliverable.recipients:
            yield from _check_entry(entry.path, entry.text, _RECEIVER, names)
    for milestone in results.milestones:
        if milestone.recipient is not None:
            yield from _check_entry((*milestone.path, "to"), milestone.recipient, _RECEIVER, names)


def _check_entry(path: JsonPath, entry: str, advice: str, names: dict[str, str]) -> Iterator[AtPath]:
    if not entry.strip() or entry in names:
        return
    if is_non_answer(entry):
        yield AtPath(path, f"{entry!r} does not say who: {advice}")
    elif _is_everyone(entry):
        yield AtPath(path, f"{entry!r} is too broad to know who is meant: {advice}")
    elif (party := _party_named(entry, names)) is not None:
        yield AtPath(path, f"{entry!r} names party '{party}' other than by its id: write '{party}' so the "
                     "reference can be checked")
    elif ID_SHAPE.fullmatch(entry) and (party := close_party(entry, frozenset(names), cutoff=0.75)) is not None:
        yield AtPath(path, f"{entry!r} looks like a mistyped party id: did you mean '{party}'?")


def _is_everyone(entry: str) -> bool:
    words = entry.casefold().strip(" .,;:!").split()
    while len(words) > 1 and words[0] in _QUALIFIERS:
        words = words[1:]
    return " ".join(words) in _EVERYONE


def _party_named(entry: str, names: dict[str, str]) -> str | None:
    """The party that ``entry`` names by its name, or by its id in other letter case."""
    folded = " ".join(entry.casefold().split())
    for party_id, name in names.items():
        if folded in (party_id.casefold(), " ".join(name.casefold().split())):
            return party_id
    return None


RULE = DocumentRule(code="W405", name="vague-beneficiary", category=Category.RESULTS, severity=Severity.WARNING,
                    doc=__doc__ or "", check=check,
                    elements=("W-FOR", "W-BY", "W-SERVING", "W-WHAT", "W-MILESTONES"))
