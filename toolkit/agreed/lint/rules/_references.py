"""What the results and preconditions rules share: drafts, answers that say nothing, and references to parties.

A value is *missing* when its key is absent or it is blank text (the schema reports values of the wrong type, so
those do not count as missing); it is *dodged* when it is text that says nothing ("TBD", "see above", "none").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from agreed.agreement import agreement_of
from agreed.document import Document, JsonPath
from agreed.text.patterns import Regex
from agreed.text.values import is_non_answer

ID_SHAPE = Regex(r"[a-z0-9][a-z0-9._-]{0,63}")
"""The schema's id pattern: what a party id written by hand looks like."""


def is_draft(document: Document) -> bool:
    return agreement_of(document).is_draft


def missing(text: str | None, written: bool) -> bool:
    """Nothing was written (``written`` says whether the item holds the key), or ``text`` is blank. A value of the
    wrong type reads as None but was written, so it is not missing."""
    return not written if text is None else not text.strip()


def dodged(value: object) -> bool:
    """Text that is there but says nothing: "TBD", "n/a", "see above", "nothing"..."""
    return isinstance(value, str) and bool(value.strip()) and is_non_answer(value)


def party_names(document: Document) -> dict[str, str]:
    """Each party's id mapped to its name (or to the id when the name is not text)."""
    names: dict[str, str] = {}
    for party in agreement_of(document).parties:
        if party.id is not None:
            names[party.id] = party.name if party.name is not None else party.id
    return names


def close_party(value: str, parties: frozenset[str], cutoff: float = 0.6) -> str | None:
    """The party id that ``value`` most likely misspells, if any is close enough."""
    import difflib  # only a finding pays for it

    close = difflib.get_close_matches(value, sorted(parties), n=1, cutoff=cutoff)
    return close[0] if close else None


def which_party(value: str, parties: frozenset[str]) -> str:
    """What to write instead of ``value``, which is not a party id: the likely party, or the ids to choose from."""
    if not parties:
        return "add them under parties first"
    close = close_party(value, parties)
    if close is not None:
        return f"did you mean '{close}'?"
    return f"use one of the party ids: {', '.join(sorted(parties))}"


PartyFlag = Literal["could_decline", "in_room"]


def parties_saying_no(document: Document, field: PartyFlag) -> Iterator[JsonPath]:
    """The paths of the party flags ``field`` that are false, unless the agreement is a draft (the template starts
    every flag at false)."""
    agreement = agreement_of(document)
    if agreement.is_draft:
        return
    for party in agreement.parties:
        said = party.could_decline if field == "could_decline" else party.in_room
        if said is False:
            yield (*party.path, field)
