"""The run behind ``agreed calendar``: the agreements named, their events, revised over their history, as one calendar.

Files are chosen by :mod:`agreed.sources` (agreements only: never the template or consent records; standard input
is refused, having no history). Every agreement read must load and have an id, and no two may share one, since the
id names their events: otherwise nothing is built and the problems say why, positioned in their files. Agreements
of every status are read; an event's status follows the agreement's (:mod:`agreed.feed.events`).

A file is described by its path from the root of its git repository when it lies in one (so the events read the same
from any folder), else as named; its events are revised over its history in that repository
(:mod:`agreed.feed.revisions`). With a site URL, each event links to its agreement's page on the site that
``agreed site`` builds: ``<site URL>/agreements/<name>.html``, the names given as the site gives them.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from agreed.agreement import Agreement, agreement_of
from agreed.codes import SCHEMA_VIOLATION
from agreed.document import Document, read_document
from agreed.errors import AgreedError
from agreed.feed.events import Event, Origin, events_of
from agreed.feed.ics import calendar_text
from agreed.feed.revisions import Revised, Version, revised
from agreed.problem import Problem, Severity
from agreed.schema import unreadable_values
from agreed.sources import agreement_files, repository_root

if TYPE_CHECKING:
    from agreed.git.repository import Repository

CALENDAR_NAME = "Agreements"


class CalendarError(AgreedError, ValueError):
    """A request ``agreed calendar`` cannot answer: no agreements, standard input, an unknown party, a bad site URL,
    a history git cannot read."""


@dataclass(frozen=True, slots=True)
class Feed:
    """The calendar built (empty when ``problems`` kept it from being built), how many events and agreements it
    holds, the named files of another kind that were left out, and why agreements could not be read."""

    text: str
    events: int
    agreements: int
    party: str | None = None
    skipped: tuple[tuple[str, str], ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def failed(self) -> bool:
        return bool(self.problems)


@dataclass(frozen=True, slots=True)
class _Read:
    file: Path
    document: Document
    view: Agreement


def build_calendar(arguments: Sequence[str], here: Path, *, party: str | None = None,
                   site_url: str | None = None) -> Feed:
    """The calendar of the agreements ``arguments`` name (files or folders; none: ``contracts/`` at the repository
    root), seen from the folder ``here``, with only the events ``party`` owes, is owed or attends when given.
    :class:`CalendarError` for what cannot be done."""
    files, skipped = _agreement_files(arguments, here)
    read = [_read(file) for file in files]
    problems = _problems(read)
    if problems:
        return Feed("", 0, 0, party, skipped, problems)
    if party is not None:
        _check_party(party, read)
    if site_url is not None:
        checked_site_url(site_url)
    with contextlib.ExitStack() as stack:
        repositories = _Repositories(stack)
        holders = {entry.file: repositories.of(entry.file) for entry in read}
        shown = {entry.file: _shown(entry.file, holders[entry.file]) for entry in read}
        pages = _pages({shown[entry.file]: entry.view.id or "" for entry in read}, site_url)
        events = [event for entry in read
                  for event in _revised_events(entry, Origin(shown[entry.file], pages.get(shown[entry.file])),
                                               holders[entry.file])]
    if party is not None:
        events = [event for event in events if party in event.event.concerns]
    name = CALENDAR_NAME if party is None else f"{CALENDAR_NAME} of {_party_name(party, read)}"
    return Feed(calendar_text(events, name), len(events), len(read), party, skipped)


def _agreement_files(arguments: Sequence[str], here: Path) -> tuple[list[Path], tuple[tuple[str, str], ...]]:
    selection = agreement_files(arguments, root=repository_root(here), error=CalendarError,
                                refuse_stdin="agreed calendar reads agreement files and folders, not standard input "
                                "('-'): an event's revision is counted over the file's history")
    if not selection.files:
        raise CalendarError("no agreement to read (the template and consent records are not agreements)")
    skipped = tuple((path.as_posix(), kind.value) for path, kind in selection.skipped)
    return sorted(selection.files, key=lambda path: path.as_posix()), skipped


def _read(file: Path) -> _Read:
    document = read_document(file, file.as_posix())
    return _Read(file, document, agreement_of(document))


def _problems(read: Sequence[_Read]) -> tuple[Problem, ...]:
    """Why the agreements cannot make one calendar: load problems and values the schema does not allow (a day that
    does not exist would leave its event out without a word), a missing id, an id two files share."""
    problems = [problem for entry in read for problem in unreadable_values(entry.document)]
    owners: dict[str, _Read] = {}
    for entry in read:
        if not entry.document.loaded:
            continue
        if entry.view.id is None or not entry.view.id.strip():
            problems.append(_problem(entry, "not an agreement with an id: the calendar names each event by its "
                                            "agreement's id ('id:' and 'agreed: 1' at the top level)"))
        elif entry.view.id in owners:
            problems.append(_problem(entry, f"id {entry.view.id!r} is also the id of "
                                            f"{owners[entry.view.id].file.as_posix()}: their events would share "
                                            "their names (UIDs); give each agreement its own id"))
        else:
            owners[entry.view.id] = entry
    return tuple(problems)


def _problem(entry: _Read, message: str) -> Problem:
    line, col = entry.document.position(("id",))
    return Problem(entry.document.path, line, col, SCHEMA_VIOLATION, Severity.ERROR, message)


def _check_party(party: str, read: Sequence[_Read]) -> None:
    known = sorted({party_id for entry in read for party_id in entry.view.party_ids})
    if party not in known:
        raise CalendarError(f"--party {party!r} is not a party of any agreement read (parties: "
                            f"{', '.join(known) if known else 'none'})")


def _party_name(party: str, read: Sequence[_Read]) -> str:
    for entry in read:
        found = entry.view.party(party)
        if found is not None and found.shown_name and found.shown_name.strip() != party:
            return f"{' '.join(found.shown_name.split())} ({party})"
    return party


# --- history ---------------------------------------------------------------------------------------------------------

class _Repositories:
    """The git repository each file lies in, each opened once and closed with ``stack``."""

    def __init__(self, stack: contextlib.ExitStack) -> None:
        self._stack = stack
        self._open: list[Repository] = []
        self._outside: set[Path] = set()

    def of(self, file: Path) -> Repository | None:
        """The repository whose work tree holds ``file`` (the innermost one), or None outside any (or without
        git)."""
        try:
            folder = file.resolve().parent
        except (OSError, RuntimeError):
            return None
        holding = [known for known in self._open if folder.is_relative_to(known.root)]
        if holding:
            return max(holding, key=lambda known: len(known.root.parts))
        if folder in self._outside:
            return None
        return self._opened(folder)

    def _opened(self, folder: Path) -> Repository | None:
        from agreed.git.repository import GitError, Repository

        try:
            repository = self._stack.enter_context(Repository.open(folder))
        except GitError:
            self._outside.add(folder)
            return None
        self._open.append(repository)
        return repository


def _shown(file: Path, repository: Repository | None) -> str:
    """The file's path from its repository's root when it lies in one, else as named."""
    if repository is not None:
        try:
            return file.resolve().relative_to(repository.root).as_posix()
        except (ValueError, OSError, RuntimeError):
            pass
    return file.as_posix()


def _revised_events(entry: _Read, origin: Origin, repository: Repository | None) -> tuple[Revised, ...]:
    current = events_of(entry.view, origin)
    if repository is None:
        return revised(current, ())
    return revised(current, tuple(_versions(repository, origin)))


def _versions(repository: Repository, origin: Origin) -> Iterator[Version]:
    """The events of each committed version of the file, oldest first (renames followed)."""
    from agreed.agreement import read_agreement
    from agreed.git.history import versions_of
    from agreed.git.repository import GitError
    from agreed.history.versions import VersionLoader

    loader = VersionLoader(repository, None)
    try:
        found = versions_of(repository, origin.file, first_parent=True)
    except GitError as error:
        raise CalendarError(f"cannot read the history of {origin.file}: {error}") from None
    for version in found:
        parsed = loader.load(version.blob, version.path)
        view = read_agreement(parsed.data) if parsed.loaded else None
        if view is not None and view.id is not None:
            yield Version(version.date, events_of(view, origin))


# --- pages -----------------------------------------------------------------------------------------------------------

SITE_SETTING = "site"
# as the configuration schema's site.url: only the characters RFC 3986 allows in a host and a path (a space, quotes,
# angle brackets and letters beyond ASCII are written percent-encoded)
_SITE_URL = re.compile(r"https?://[A-Za-z0-9\-._~!$&'()*+,;=:%\[\]]+(/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*)?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def configured_site_url(config_file: Path | None) -> str | None:
    """The site URL the configuration file sets (``site: {url: ...}``, checked by its schema when it was loaded),
    or None."""
    if config_file is None:
        return None
    from agreed.settings import read_settings

    settings = read_settings(config_file, config_file.as_posix()).data
    site = settings.get(SITE_SETTING) if isinstance(settings, Mapping) else None
    url = site.get("url") if isinstance(site, Mapping) else None
    return url if isinstance(url, str) else None


def checked_site_url(url: str) -> str:
    """``url`` when it is an absolute http or https URL without a query or fragment, else :class:`CalendarError`."""
    if not _SITE_URL.fullmatch(url) or _CONTROL.search(url):
        raise CalendarError(f"the site URL {url!r} (--site-url, else site.url in the configuration) is not an "
                            "absolute http or https URL of the site's folder (such as "
                            "https://example.github.io/agreements/)")
    return url



def _pages(ids_by_file: Mapping[str, str], site_url: str | None) -> dict[str, str]:
    """Each agreement's page URL on the site (by its file as shown); none without a site URL."""
    if site_url is None:
        return {}
    from agreed.site.pages import AGREEMENTS_FOLDER
    from agreed.site.slugs import unique_names

    base = site_url.rstrip("/")
    return {file: f"{base}/{AGREEMENTS_FOLDER}/{quote(name)}.html"
            for file, name in unique_names(dict(ids_by_file)).items()}


__all__ = ["CALENDAR_NAME", "CalendarError", "Event", "Feed", "build_calendar", "checked_site_url",
           "configured_site_url"]
