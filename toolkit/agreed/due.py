"""What is due: the dated items of the agreements in force that fall in a window from today, and the ones overdue.

The items are those of :mod:`agreed.schedule`. An item is shown when it is not done and

- it is **overdue**: of a kind that can be late (deliverables, milestones, measurements, the term's end:
  :attr:`agreed.schedule.ItemKind.can_be_late`) and its day is before today; or
- it **falls due** in the window: from today to today plus the window, both days included (``0d``: today only).

Only agreements in force are read for items: ``active`` and ``renegotiating`` (the partners work to their dates
while renegotiating). A ``draft`` or ``proposed`` agreement binds nobody yet, and a ``fulfilled`` or ``ended`` one
binds nobody any more, so their dates are not due; they are counted as left out, by status, so a reader can tell
"nothing due" from "nothing read". Files are chosen by :mod:`agreed.sources` (agreements only: never the template or
consent records); a file that does not load, or holds a value the schema does not allow (a day that does not exist,
a misspelt key or status: :func:`agreed.schema.unreadable_values`), is reported with its positioned problems and not
read for dates, and the others are still read: an item is never left out without a word.

Items are grouped by person: the owner of each item, and one group for the items no single party owns (check-ins,
measurements, the term, dated reviews). ``party`` keeps the items a party owes or that are for them
(:meth:`agreed.schedule.DatedItem.concerns`), shared items included.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from agreed.agreement import Agreement, agreement_of, in_force
from agreed.document import Document, read_document
from agreed.errors import AgreedError
from agreed.problem import Problem
from agreed.schedule import DatedItem, dated_items
from agreed.schema import unreadable_values
from agreed.sources import agreement_files

NO_STATUS = "(no status)"

_WINDOW = re.compile(r"([0-9]{1,6})([dw])", re.ASCII | re.IGNORECASE)
_DAYS_PER_UNIT = {"d": 1, "w": 7}
DEFAULT_WINDOW = "14d"


class DueError(AgreedError, ValueError):
    """A request ``agreed due`` cannot answer: a bad window, a path without agreements, an unknown party."""


def window_days(text: str) -> int:
    """The days in a window written ``<n>d`` or ``<n>w`` (``14d``, ``2w``, ``0d``; n up to six digits; the unit in
    either case)."""
    match = _WINDOW.fullmatch(text.strip())
    if match is None:
        raise DueError(f"{text!r} is not a window: write a number of days or weeks, such as 14d, 2w or 0d")
    return int(match.group(1)) * _DAYS_PER_UNIT[match.group(2).lower()]


def window_end(today: datetime.date, days: int) -> datetime.date:
    """The last day of a window of ``days`` from ``today`` (the last calendar day when it reaches past it)."""
    if days > (datetime.date.max - today).days:
        return datetime.date.max
    return today + datetime.timedelta(days=days)


@dataclass(frozen=True, slots=True)
class AgreementRef:
    """An agreement as a line names it: its file as named or found, its id, title and status as written."""

    file: str
    id: str | None
    title: str | None
    status: str | None

    @property
    def shown(self) -> str:
        """Its id, else its title, else its file."""
        return self.id or self.title or self.file


@dataclass(frozen=True, slots=True)
class DueEntry:
    """One item shown: its agreement, the item, where its date is written (1-based line and column) and the days
    from today to it (negative when past)."""

    agreement: AgreementRef
    item: DatedItem
    line: int
    col: int
    days: int
    overdue: bool


@dataclass(frozen=True, slots=True)
class DueGroup:
    """The items of one person (``person`` None: the items no single party owns), overdue first (the longest
    overdue first), then by day; ``name`` is the person's name where an agreement gives one."""

    person: str | None
    name: str | None
    entries: tuple[DueEntry, ...]

    @property
    def shown(self) -> str:
        if self.person is None:
            return SHARED_GROUP
        return f"{self.name} ({self.person})" if self.name and self.name != self.person else self.person


SHARED_GROUP = "Shared (no single owner)"


@dataclass(frozen=True, slots=True)
class DueReport:
    """What is due on ``today`` in the window to ``until`` (``within`` days), for ``party`` or everyone."""

    today: datetime.date
    within: int
    until: datetime.date
    party: str | None
    groups: tuple[DueGroup, ...]
    agreements: int
    in_force: int
    left_out: tuple[AgreementRef, ...]
    problems: tuple[Problem, ...]
    skipped: tuple[tuple[str, str], ...] = ()

    @property
    def entries(self) -> tuple[DueEntry, ...]:
        return tuple(entry for group in self.groups for entry in group.entries)

    @property
    def overdue(self) -> int:
        return sum(entry.overdue for entry in self.entries)

    @property
    def upcoming(self) -> int:
        return sum(not entry.overdue for entry in self.entries)

    @property
    def failed(self) -> bool:
        return bool(self.problems)

    def left_out_by_status(self) -> tuple[tuple[str, int], ...]:
        """How many agreements were left out, per status, in the order of the statuses' names."""
        counted = Counter(agreement.status or NO_STATUS for agreement in self.left_out)
        return tuple(sorted(counted.items()))


@dataclass(frozen=True, slots=True)
class _Loaded:
    ref: AgreementRef
    document: Document
    view: Agreement


def due_report(arguments: Sequence[str], today: datetime.date, within: int = 14,
               party: str | None = None) -> DueReport:
    """What is due in the agreements below ``arguments`` (files or folders, see :mod:`agreed.sources`) on ``today``
    within ``within`` days, for ``party`` or everyone. :class:`DueError` for a folder without agreements, standard
    input, or a ``party`` that no agreement read names."""
    files, skipped = _agreement_files(arguments)
    documents = [read_document(file, file.as_posix()) for file in files]
    problems = tuple(problem for document in documents for problem in unreadable_values(document))
    readable = [_loaded(document) for document in documents if document.loaded]
    if party is not None:  # a party of an agreement that fails the schema is still known: its problems say the rest
        _check_party(party, readable)
    failing = {problem.path for problem in problems}
    loaded = [agreement for agreement in readable if agreement.ref.file not in failing]
    binding = [agreement for agreement in loaded if in_force(agreement.ref.status)]
    until = window_end(today, within)
    entries = [entry for agreement in binding for entry in _entries(agreement, today, until, party)]
    return DueReport(
        today, within, until, party, _groups(entries, loaded), len(loaded), len(binding),
        tuple(sorted((agreement.ref for agreement in loaded if not in_force(agreement.ref.status)),
                     key=lambda ref: ref.file)),
        problems, skipped)


def _agreement_files(arguments: Sequence[str]) -> tuple[list[Path], tuple[tuple[str, str], ...]]:
    selection = agreement_files(arguments, refuse_stdin="agreed due reads agreement files and folders, not standard "
                                "input ('-')", error=DueError)
    if not selection.files:
        named = "; ".join(f"{path.as_posix()} is a {kind.value}" for path, kind in selection.skipped)
        raise DueError(f"no agreement to read{': ' + named if named else ''} (the template and consent records are "
                       "not agreements)")
    skipped = tuple((path.as_posix(), kind.value) for path, kind in selection.skipped)
    return sorted(selection.files, key=lambda path: path.as_posix()), skipped


def _loaded(document: Document) -> _Loaded:
    view = agreement_of(document)
    return _Loaded(AgreementRef(document.path, view.id, view.title, view.status), document, view)


def _check_party(party: str, loaded: Iterable[_Loaded]) -> None:
    known = sorted({party_id for agreement in loaded for party_id in agreement.view.party_ids})
    if party not in known:
        listed = ", ".join(known) if known else "none"
        raise DueError(f"--party {party!r} is not a party of any agreement read (parties: {listed})")


def _entries(agreement: _Loaded, today: datetime.date, until: datetime.date,
             party: str | None) -> Iterator[DueEntry]:
    for item in dated_items(agreement.view):
        if item.done or (party is not None and not item.concerns(party)):
            continue
        overdue = item.overdue(today)
        if overdue or today <= item.on <= until:
            line, col = agreement.document.position(item.path)
            yield DueEntry(agreement.ref, item, line, col, (item.on - today).days, overdue)


def _groups(entries: Sequence[DueEntry], loaded: Sequence[_Loaded]) -> tuple[DueGroup, ...]:
    names = _party_names(loaded)
    people = sorted({entry.item.owner for entry in entries if entry.item.owner is not None})
    groups = [DueGroup(person, names.get(person), _ordered(entry for entry in entries if entry.item.owner == person))
              for person in people]
    shared = _ordered(entry for entry in entries if entry.item.owner is None)
    return tuple(groups + ([DueGroup(None, None, shared)] if shared else []))


def _ordered(entries: Iterable[DueEntry]) -> tuple[DueEntry, ...]:
    """Overdue first, then by day; within a day by agreement file and item key."""
    return tuple(sorted(entries, key=lambda entry: (not entry.overdue, entry.item.on, entry.agreement.file,
                                                    entry.item.key)))


def _party_names(loaded: Sequence[_Loaded]) -> dict[str, str]:
    """Each party id's name, as the first agreement (by file) that names it gives it."""
    names: dict[str, str] = {}
    for agreement in sorted(loaded, key=lambda each: each.ref.file):
        for party in agreement.view.parties:
            shown = party.shown_name
            if party.id is not None and shown:
                names.setdefault(party.id, " ".join(shown.split()))
    return names
