"""What rules may know beyond the document they check: the context of a run (today's date, the people roster) and
the summary of each agreement that cross-file rules read (kept in the result cache with each file's findings).

Named tuples, in a module of their own: a run whose every result is cached reads them back without importing the
rules' contract (:mod:`agreed.lint.rule`, which re-exports them).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from agreed.record import Record

if TYPE_CHECKING:
    from agreed.people import Roster


class LintContext(Record):
    """Facts from outside the document that document rules may use."""

    today: datetime.date | None = None
    people: Roster | None = None


class PartyEntry(Record):
    """One party as an agreement lists it, with the position of its id."""

    id: str
    name: str | None
    email: str | None
    handle: str | None
    line: int
    col: int


class AgreementSummary(Record):
    """What cross-file rules need to know of one agreement: its id and parties, with positions."""

    path: str
    id: str | None
    line: int
    col: int
    parties: tuple[PartyEntry, ...] = ()
