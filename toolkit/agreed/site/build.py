"""``agreed site``: a static site of every agreement, ready for GitHub or GitLab Pages.

Layout of the output folder (every link relative, so it works from ``file://`` and under any sub-path)::

    index.html                  every agreement: status, parties, next due, overdue, consent, last material change
    agreements/<name>.html      one page per agreement: the readable page, its renegotiation timeline, consent given
    people/<name>.html          one page per party id: what they owe, are owed, must consent to
    .nojekyll                   tells GitHub Pages to serve the files as they are
    .agreed-site.json           the manifest (:mod:`agreed.site.manifest`)

Names are made by :mod:`agreed.site.slugs`. Which files are agreements is :mod:`agreed.sources`'s to say. The same
inputs and the same ``today`` give the same bytes. A rebuild makes again only the pages whose inputs changed: an
agreement's page depends on its file, the newest commit that changed it, its consent records (and the newest commit
that touched them), the people roster, and the names of its own page and its parties' pages; the index and each
person's page depend on the facts of the agreements they list and ``today``.
Nothing is written outside the output folder, nor in a git directory; files are removed only as the manifest allows.

A file that does not load stops the build before anything is written (there is no agreement to make a page of). An
agreement that loads but holds a value the schema does not allow (:func:`agreed.schema.unreadable_values`: a day that
does not exist, a misspelt status) is published with a note naming each problem on its page and in its index row, and
the problems are in the result (``problems``), so the command can exit 2 once the pages are written.
"""

from __future__ import annotations

import datetime
import hashlib
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from agreed.agreement import Agreement, read_agreement
from agreed.atomic import inside_git_directory, write_atomically
from agreed.consent.evidence import EvidenceError
from agreed.consent.ledger import ConsentRecord, ledger_folder, read_records
from agreed.consent.status import AgreementStatus, agreement_status
from agreed.consent.trust import StatusError
from agreed.document import load_document
from agreed.errors import AgreedError
from agreed.git.repository import GitError, Repository
from agreed.history.timeline import Options, Timeline, build_timeline
from agreed.history.versions import VersionLoader
from agreed.people import Roster, RosterError
from agreed.problem import Problem
from agreed.reading import Unreadable, read_file
from agreed.render.consent_panel import ConsentPanel, panel_of
from agreed.render.html import NavLink, html_page
from agreed.render.page import agreement_markdown
from agreed.schedule import dated_items
from agreed.schema import unreadable_values
from agreed.site import pages
from agreed.site.facts import CONSENT_UNKNOWN, AgreementFacts, ChangeFacts, ItemFacts, PartyFacts
from agreed.site.gitfacts import Touched, touched_paths
from agreed.site.history_section import consent_events, consent_markdown, timeline_markdown, versions_by_digest
from agreed.site.manifest import (
    NAME,
    READ_LIMIT,
    SITE_FILE,
    AgreementRecord,
    Manifest,
    PageRecord,
    code_fingerprint,
    manifest_text,
    read_manifest,
    sha256,
)
from agreed.site.slugs import unique_names
from agreed.sources import (
    NoPathGiven,
    agreement_files,
    display_path,
    git_start,
    named_or_default,
    repository_root,
)
from agreed.visible import visible

if TYPE_CHECKING:
    from agreed.cache import CacheFolder

NOJEKYLL = ".nojekyll"
NO_GIT = "not in a git repository: no history, and consent cannot be checked"
SHALLOW = ("this clone is shallow: the history shown starts at the oldest commit fetched (git fetch --unshallow, "
           "or fetch-depth: 0 in CI, for all of it)")
UNCOMMITTED = "not committed yet: the history starts with its first commit"


class SiteError(AgreedError):
    """The site cannot be built as asked (a path holds no agreement, the output folder is refused ...)."""


@dataclass(frozen=True, slots=True)
class SiteRequest:
    """What to build: the agreements the ``paths`` name (default: ``contracts/``), seen from ``here``, into the
    folder ``out``, for the day ``today``; ``cache``: the user's cache of parsed versions (history)."""

    here: Path
    paths: tuple[str, ...]
    out: Path
    today: datetime.date
    cache: CacheFolder | None = None


@dataclass(frozen=True, slots=True)
class SiteResult:
    """The pages of the site (relative to the output folder), those made in this run, those removed (pages of
    agreements or people that are gone), those left because they were edited since, notes for the user, and the
    values the agreements hold that could not be read (positioned; each page and index row notes its own)."""

    out: Path
    pages: tuple[str, ...]
    rendered: tuple[str, ...]
    removed: tuple[str, ...] = ()
    left: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    agreements: int = 0
    problems: tuple[Problem, ...] = ()


@dataclass(slots=True)
class _Source:
    """One agreement file: where it is, how it is shown, its bytes, and (parsed on demand) its typed view."""

    file: Path
    shown: str
    raw: bytes
    content: str
    named: bool
    agreement_id: str = ""
    agreement: Agreement | None = None
    data: Any = None
    facts: AgreementFacts | None = None
    key: str = ""
    problems: tuple[Problem, ...] = ()


@dataclass(slots=True)
class _Git:
    repository: Repository | None
    touched: Touched = field(default_factory=lambda: Touched({}, {}))
    shallow: bool = False
    roster: Roster | None = None


def build_site(request: SiteRequest) -> SiteResult:
    """Build (or bring up to date) the site in ``request.out``."""
    out = _output_folder(request.out)
    code = code_fingerprint()
    manifest = read_manifest(out, code)
    sources = _read_sources(request, manifest)
    git = _open_git(git_start([source.file for source in sources], request.here), sources)
    try:
        return _Builder(request, out, code, manifest, sources, git).build()
    finally:
        if git.repository is not None:
            git.repository.close()


def _output_folder(out: Path) -> Path:
    resolved = Path(os.path.abspath(out))
    try:
        resolved = resolved.resolve()
    except (OSError, RuntimeError) as error:
        raise SiteError(f"-o {out}: {error}") from None
    if inside_git_directory(resolved):
        raise SiteError(f"-o {out}: inside a git directory; agreed never writes there")
    if resolved.exists() and not resolved.is_dir():
        raise SiteError(f"-o {out}: not a folder")
    return resolved


def _read_sources(request: SiteRequest, manifest: Manifest) -> list[_Source]:
    try:
        arguments = named_or_default(request.paths)
    except NoPathGiven as error:
        raise SiteError(str(error)) from None
    missing = [argument for argument in arguments if argument != "-" and not os.path.lexists(argument)]
    if missing:
        raise SiteError(f"no such file or folder: {', '.join(missing)}")
    selection = agreement_files(arguments, error=SiteError,
                                refuse_stdin="a site is built from agreement files, not standard input")
    for path, kind in selection.skipped:
        raise SiteError(f"{path.as_posix()}: a {kind.value} is not an agreement")
    named = {str(Path(argument)) for argument in arguments}
    root = repository_root(git_start(selection.files, request.here))
    base = (root if root is not None else request.here).resolve()  # named from the repository's root, from anywhere
    sources = [_source(file, display_path(file, base), str(file) in named, manifest) for file in selection.files]
    found = [source for source in sources if source is not None]
    if not found:
        raise SiteError(f"{', '.join(arguments)}: holds no agreements to publish")
    return found


def _source(file: Path, shown: str, named: bool, manifest: Manifest) -> _Source | None:
    raw = read_file(file)
    if isinstance(raw, Unreadable):
        raise SiteError(f"{shown}: {raw.detail}")
    source = _Source(file, shown, raw, sha256(raw), named)
    known = manifest.agreements.get(shown)
    if known is not None and known.content == source.content:
        source.agreement_id, source.facts = known.id, known.facts
        return source
    return source if _parse(source) else None


def _parse(source: _Source) -> bool:
    """Load the file; False for a YAML file that is no agreement (no ``agreed:`` key) found in a folder."""
    document = load_document(source.raw, source.shown)
    if document.data is None:
        first = document.problems[0]
        raise SiteError(f"{first.path}:{first.line}:{first.col}: {first.message}")
    if not isinstance(document.data, Mapping) or "agreed" not in document.data:
        if source.named:
            raise SiteError(f"{source.shown}: not an agreement (it has no 'agreed:' key)")
        return False
    source.data = document.data
    source.problems = tuple(unreadable_values(document))
    source.agreement = read_agreement(document.data)
    source.agreement_id = source.agreement.id or PurePosixPath(source.shown).stem
    return True


def _open_git(here: Path, sources: Sequence[_Source]) -> _Git:
    """The repository that holds ``here`` (:func:`agreed.sources.git_start` of the agreements), its roster found
    from there."""
    try:
        repository = Repository.open(here)
    except GitError:
        return _Git(None)
    try:
        places = sorted({repository.relative(source.file.parent) for source in sources
                         if _inside(repository, source.file)})
        from agreed.consent.gate_run import gate_roster

        return _Git(repository, touched_paths(repository, places), repository.is_shallow(),
                    gate_roster(repository, here, None))
    except (GitError, RosterError) as error:
        repository.close()
        raise SiteError(str(error)) from None


def _inside(repository: Repository, file: Path) -> bool:
    try:
        repository.relative(file)
    except GitError:
        return False
    return True


class _Builder:
    def __init__(self, request: SiteRequest, out: Path, code: str, manifest: Manifest, sources: list[_Source],
                 git: _Git) -> None:
        self.request, self.out, self.code, self.old, self.sources, self.git = (request, out, code, manifest,
                                                                               sources, git)
        self.pages: dict[str, PageRecord] = {}
        self.rendered: list[str] = []
        self.loader = None if git.repository is None else VersionLoader(git.repository, request.cache)

    def build(self) -> SiteResult:
        names = self._names()
        agreements: dict[str, AgreementRecord] = {}
        for source in self.sources:
            facts = self._agreement(source, names)
            agreements[source.shown] = AgreementRecord(source.content, source.agreement_id, source.key, facts)
        every = [record.facts for record in agreements.values()]
        index = pages.index_markdown(every, names, self.request.today)
        self._page(pages.INDEX, _hash_text(index), lambda: self._html("Agreements", index, "", script=True))
        for person in pages.people_of(every):
            self._person(person, every, names)
        self._page(NOJEKYLL, "", lambda: "")
        removed, left = self._remove_stale()
        manifest = Manifest(self.code, dict(sorted(self.pages.items())), dict(sorted(agreements.items())), True)
        self._write(NAME, manifest_text(manifest))
        problems = tuple(problem for _, record in sorted(agreements.items()) for problem in record.facts.problems)
        return SiteResult(self.out, tuple(sorted(self.pages)), tuple(sorted(self.rendered)), removed, left,
                          self._notes(), len(agreements), problems)

    # -- names ---------------------------------------------------------------------------------------------------

    def _names(self) -> pages.Names:
        agreement_names = unique_names({source.shown: source.agreement_id for source in self.sources})
        people = {party for source in self.sources for party in _party_ids(source)}
        return pages.Names(agreement_names, unique_names({person: person for person in people}))

    # -- agreements ----------------------------------------------------------------------------------------------

    def _agreement(self, source: _Source, names: pages.Names) -> AgreementFacts:
        if source.agreement is None and source.facts is not None:
            source.key = self._key(source, names)
            known = self.old.agreements.get(source.shown)
            target = names.agreement_href(source.shown)
            if known is not None and known.key == source.key and self._intact(target, source.key):
                self.pages[target] = self.old.pages[target]
                return source.facts
            _parse(source)
        source.key = self._key(source, names)
        facts, markdown_text = self._made(source, names)
        title = facts.title
        self._page(names.agreement_href(source.shown), source.key,
                   lambda: self._html(title, markdown_text, "../"))
        return facts

    def _key(self, source: _Source, names: pages.Names) -> str:
        """The hash of everything the agreement's page depends on (see the module)."""
        parts = [self.code, source.shown, source.content, names.agreements[source.shown],
                 *(f"{party}={names.people[party]}" for party in sorted(_party_ids(source))),
                 *self._git_parts(source)]
        return hashlib.sha256("\0".join(parts).encode("utf-8", errors="surrogatepass")).hexdigest()

    def _git_parts(self, source: _Source) -> list[str]:
        repository = self.git.repository
        if repository is None or not _inside(repository, source.file):
            return ["no git"]
        shown = repository.relative(source.file)
        ledger = ledger_folder(source.file, source.agreement_id) if _plain_id(source.agreement_id) else None
        parts = [shown, self.git.touched.of(shown), str(self.git.shallow),
                 self.git.roster.fingerprint if self.git.roster is not None else ""]
        if ledger is not None:
            parts.append(self.git.touched.below(repository.relative(ledger)))
            parts += _folder_hashes(ledger)
        return parts

    def _made(self, source: _Source, names: pages.Names) -> tuple[AgreementFacts, str]:
        """The facts and the page's Markdown of an agreement that changed."""
        agreement = source.agreement
        assert agreement is not None  # parsed by _agreement
        status, consent_note = self._consent(source)
        timeline, history_note = self._timeline(source)
        records = [record for record in _records(source) if isinstance(record, ConsentRecord)]
        party_names = {party.id: party.shown_name or party.id for party in agreement.parties if party.id}
        facts = _facts(source, agreement, status, consent_note, timeline, history_note)
        people = names.people

        def party_href(party: str) -> str | None:
            return f"../{pages.PEOPLE_FOLDER}/{people[party]}.html" if party in people else None

        panel = panel_of(status) if status is not None else ConsentPanel(note=consent_note)
        markdown_text = pages.with_problems(
            agreement_markdown(agreement, consent=panel, source=source.shown, party_href=party_href), facts.problems)
        by_digest = {} if timeline is None or self.loader is None else versions_by_digest(
            timeline, self.loader, {record.digest for record in records})
        standing = None if status is None else {party.party: (party.state, party.reason) for party in status.parties}
        events = consent_events(records, by_digest, status.digest if status is not None else None, party_names,
                                standing)
        extra = [*timeline_markdown(timeline, history_note), *consent_markdown(events, "" if status else consent_note)]
        return facts, markdown_text.rstrip("\n") + "\n\n" + "\n".join(extra)

    def _consent(self, source: _Source) -> tuple[AgreementStatus | None, str]:
        repository = self.git.repository
        if repository is None or not _inside(repository, source.file):
            return None, NO_GIT
        try:
            status = agreement_status(repository, source.file, roster=self.git.roster)
        except (GitError, StatusError, EvidenceError, ValueError) as error:
            return None, f"consent cannot be checked: {error}"
        if status.error is not None:
            return None, f"consent cannot be given yet: {status.error}"
        return status, ""

    def _timeline(self, source: _Source) -> tuple[Timeline | None, str]:
        repository = self.git.repository
        if repository is None or not _inside(repository, source.file):
            return None, NO_GIT
        options = Options(allow_shallow=True, cache=self.request.cache)
        try:
            timeline = build_timeline(repository, repository.relative(source.file), options)
        except GitError as error:
            return None, f"no history: {error}"
        if timeline.uncommitted:
            return timeline, UNCOMMITTED
        return timeline, SHALLOW if timeline.shallow else ""

    # -- people and the index --------------------------------------------------------------------------------------

    def _person(self, person: pages.Person, every: Sequence[AgreementFacts], names: pages.Names) -> None:
        markdown_text = pages.person_markdown(person, every, names, self.request.today)
        self._page(names.person_href(person.id), _hash_text(markdown_text),
                   lambda: self._html(person.name, markdown_text, "../"))

    def _html(self, title: str, markdown_text: str, root: str, *, script: bool = False) -> str:
        navigation = (NavLink("All agreements", pages.INDEX, current=not root),)
        page = html_page(visible(title), markdown_text, root=root, navigation=navigation)
        if script:  # the shell ends with </body>; agreement text is escaped, so this is the shell's own
            at = page.rindex("</body>")
            page = page[:at] + f"<script>\n{FILTER_SCRIPT}</script>\n" + page[at:]
        return page

    # -- writing -------------------------------------------------------------------------------------------------

    def _page(self, relative: str, source_key: str, make: Any) -> None:
        """Make and write the page ``relative`` unless the manifest says it was made from ``source_key`` and its
        file still holds what was written."""
        if self._intact(relative, source_key):
            self.pages[relative] = self.old.pages[relative]
            return
        text: str = make()
        self._write(relative, text)
        self.pages[relative] = PageRecord(source_key, sha256(text.encode("utf-8", errors="surrogatepass")))
        self.rendered.append(relative)

    def _intact(self, relative: str, source_key: str) -> bool:
        known = self.old.pages.get(relative)
        if known is None or known.source != source_key:
            return False
        current = read_file(self.out / relative, READ_LIMIT)
        return not isinstance(current, Unreadable) and sha256(current) == known.sha256

    def _write(self, relative: str, text: str) -> None:
        target = self.out / relative
        try:
            write_atomically(target, text, overwrite=True, inside=self.out)
        except OSError as error:
            raise SiteError(f"cannot write {target}: {getattr(error, 'strerror', None) or error}") from None

    def _remove_stale(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Remove the pages the old manifest lists that this site no longer has, if they still hold what was
        written; those edited since are left (and named)."""
        removed: list[str] = []
        left: list[str] = []
        for relative, record in sorted(self.old.pages.items()):
            if relative in self.pages or not SITE_FILE.fullmatch(relative):
                continue
            target = self.out / relative
            current = read_file(target, READ_LIMIT)
            if isinstance(current, Unreadable):
                continue
            if sha256(current) != record.sha256 or not target.resolve().is_relative_to(self.out):
                left.append(relative)
                continue
            target.unlink()
            removed.append(relative)
        return tuple(removed), tuple(left)

    def _notes(self) -> tuple[str, ...]:
        git = (NO_GIT,) if self.git.repository is None else (SHALLOW,) if self.git.shallow else ()
        return (*git, *_shared_ids(self.sources))


def _shared_ids(sources: Sequence[_Source]) -> Iterator[str]:
    """A note for each agreement id that several files hold (as lint's K901 reports): each file gets a page of its
    own, under a name that tells them apart, but people and links cannot tell which agreement the id means."""
    holders: dict[str, list[str]] = {}
    for source in sources:
        holders.setdefault(source.agreement_id, []).append(source.shown)
    for agreement_id, shown in sorted(holders.items()):
        if len(shown) > 1:
            yield (f"agreement id {visible(agreement_id)!r} is held by {len(shown)} files "
                   f"({', '.join(visible(name) for name in sorted(shown))}): each has a page of its own; give each "
                   "agreement an id of its own (agreed lint reports it as K901)")


def _hash_text(text: str) -> str:
    return sha256(text.encode("utf-8", errors="surrogatepass"))


def _party_ids(source: _Source) -> list[str]:
    if source.agreement is not None:
        return sorted({party.id for party in source.agreement.parties if party.id})
    assert source.facts is not None
    return sorted({party.id for party in source.facts.parties})


def _plain_id(agreement_id: str) -> bool:
    try:
        ledger_folder(Path("."), agreement_id)
    except ValueError:
        return False
    return True


def _folder_hashes(folder: Path) -> list[str]:
    """``name=sha256`` of every file below ``folder`` (sorted): the consent records as they are in the work tree."""
    if not folder.is_dir():
        return []
    found = []
    for root, folders, files in os.walk(folder):
        folders.sort()
        for name in sorted(files):
            path = Path(root, name)
            raw = read_file(path)
            found.append(f"{path.relative_to(folder).as_posix()}={'' if isinstance(raw, Unreadable) else sha256(raw)}")
    return found


def _records(source: _Source) -> list[ConsentRecord | Any]:
    if not _plain_id(source.agreement_id):
        return []
    return list(read_records(source.file, source.agreement_id))


def _facts(source: _Source, agreement: Agreement, status: AgreementStatus | None, consent_note: str,
           timeline: Timeline | None, history_note: str) -> AgreementFacts:
    states = {party.party: party for party in status.parties} if status is not None else {}
    parties = tuple(PartyFacts(party.id, party.shown_name or party.id,
                               states[party.id].state if party.id in states else CONSENT_UNKNOWN,
                               states[party.id].reason if party.id in states else "")
                    for party in agreement.parties if party.id)
    items = tuple(ItemFacts(item.kind.value, item.key, item.what, item.on.isoformat(), item.owner,
                            tuple(item.counterparts), item.done) for item in dated_items(agreement))
    return AgreementFacts(source.shown, source.agreement_id, (agreement.title or "").strip() or source.agreement_id,
                          agreement.status or "unknown", parties, items, consent_note,
                          _last_material(timeline), history_note if timeline is None or not timeline.entries else "",
                          source.problems)


def _last_material(timeline: Timeline | None) -> ChangeFacts | None:
    if timeline is None:
        return None
    entry = next((entry for entry in reversed(timeline.entries) if entry.material and not entry.history_start), None)
    if entry is None:
        return None
    version = entry.version
    return ChangeFacts(version.date.date().isoformat(), version.commit[:7], version.author, version.subject)


def rendered_kinds(result: SiteResult) -> Mapping[str, int]:
    """How many pages of each kind (index, agreements, people) were made in the run."""
    counts = {"index": 0, pages.AGREEMENTS_FOLDER: 0, pages.PEOPLE_FOLDER: 0}
    for page in result.rendered:
        kind = "index" if page == pages.INDEX else page.split("/", 1)[0]
        if kind in counts:
            counts[kind] += 1
    return counts


FILTER_SCRIPT = """(function () {
  "use strict";
  var table = document.querySelector("main table");
  if (!table || !table.tBodies.length) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  function statusOf(row) { return row.cells[1] ? row.cells[1].textContent.trim() : ""; }
  function partiesOf(row) {
    return Array.prototype.map.call(row.cells[2] ? row.cells[2].querySelectorAll("a") : [],
                                    function (a) { return a.textContent.trim(); });
  }
  function choices(values) {
    var seen = {};
    values.forEach(function (value) { if (value) { seen[value] = true; } });
    return Object.keys(seen).sort(function (a, b) { return a.localeCompare(b); });
  }
  function picker(id, label, values) {
    var wrap = document.createElement("p");
    var name = document.createElement("label");
    name.htmlFor = id;
    name.textContent = label + " ";
    var select = document.createElement("select");
    select.id = id;
    var all = document.createElement("option");
    all.value = "";
    all.textContent = "all";
    select.appendChild(all);
    values.forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value;
      select.appendChild(option);
    });
    wrap.appendChild(name);
    wrap.appendChild(select);
    return { wrap: wrap, select: select };
  }
  var status = picker("filter-status", "Status", choices(rows.map(statusOf)));
  var party = picker("filter-party", "Party", choices([].concat.apply([], rows.map(partiesOf))));
  var count = document.createElement("p");
  count.setAttribute("role", "status");
  var form = document.createElement("div");
  form.className = "filters";
  form.appendChild(status.wrap);
  form.appendChild(party.wrap);
  form.appendChild(count);
  var region = table.parentNode.classList.contains("table") ? table.parentNode : table;
  region.parentNode.insertBefore(form, region);
  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var keep = (!status.select.value || statusOf(row) === status.select.value)
        && (!party.select.value || partiesOf(row).indexOf(party.select.value) >= 0);
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    count.textContent = shown + " of " + rows.length + " agreements shown";
  }
  status.select.addEventListener("change", apply);
  party.select.addEventListener("change", apply);
  apply();
}());
"""
