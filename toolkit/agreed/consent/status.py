"""Where each party's consent to an agreement stands: ``valid``, ``stale`` or ``missing``, and why.

- ``valid``: a record (or, when the policy accepts ``review``, an approving review) for the CURRENT digest whose
  evidence passes the agreement's policy (:mod:`agreed.consent.evidence`).
- ``stale``: no valid consent to the current terms, and the party's newest record is for an older digest (which
  one, and when, is said, with the material changes since: the semantic diff from the newest version of the file
  in HEAD's history that had that digest to the work tree).
- ``missing``: neither; a record for the current digest whose evidence fails is ``missing`` with the reason.

Trust: with a base revision, what decides who may consent (the parties, their emails, handles and keys, and
``consent.evidence``) is read from the agreement as it was at the base, so a change cannot add its own key or party
and approve itself. A party the base version does not know (one the change adds, or any party of an agreement the
change creates) is trusted only through the people roster as it was at the base (:mod:`agreed.consent.roster`);
without a roster entry it cannot be ``valid`` in that change (merge the agreement while it is not ``active``, then
the party consents). A party the change removes is listed too (``removed``), checked with its base identity against
the new terms: it must consent to being removed. The agreement is found at the base by its path, else by its ``id``
in the one agreement file of the checked places that has it (a file moved in the change keeps its trusted
identities); which files are agreements is :func:`agreed.sources.kind_of`, the definition every command uses, so a
copy kept in a hidden folder, or anywhere outside the checked places, is never a base version. An id held by two
files, at the base or now, is a gate failure. Without a base, the work tree is trusted.

Consent given to an agreement in force or final is history: a record present at the base that the change removes
is a withdrawal, which the gate refuses (an agreement in force changes through ``renegotiating``).
"""

from __future__ import annotations

import datetime
import posixpath
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from agreed.consent.digest import DigestError, digest_document
from agreed.consent.evidence import (
    REVIEW,
    Finding,
    Identity,
    check_record,
    check_reviews,
    identity_of,
    policy_of,
    vouched_identity,
)
from agreed.consent.ledger import FOLDER as LEDGER
from agreed.consent.ledger import ConsentRecord, LedgerProblem, parse_record, read_records
from agreed.consent.reviews import Review
from agreed.document import Document, load_document, read_document
from agreed.git.history import versions_of
from agreed.git.repository import GitError, Repository
from agreed.history.diff import Change, diff
from agreed.people import Roster
from agreed.schema import VERSION_KEY
from agreed.sources import Kind, agreement_paths, inside, kind_of

VALID: Final = "valid"
STALE: Final = "stale"
MISSING: Final = "missing"
DRAFT: Final = "draft"  # still being written: not open for consent
FINAL_STATUSES: Final = ("ended", "fulfilled")
NEW_UNTRUSTED: Final = ("the agreement is new in this change and the people roster at the base revision does not "
                         "list this party, so its identity cannot be trusted yet: merge the agreement before it is "
                         "active, then the party consents")
AMBIGUOUS_BASE: Final = ("several files held this agreement's id at the base revision, so which one it was, and "
                          "whose identities to trust, cannot be told")
MAX_VERSIONS_SEARCHED: Final = 200  # how far back a stale digest's version is looked for


class StatusError(Exception):
    """The status could not be worked out (git, an unreadable base); ``str(error)`` is one line for users."""


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """A consent record of the base revision that the change removed: ``party``'s consent to ``digest``, which lay
    at the repo-relative ``path``."""

    party: str
    digest: str
    path: str


@dataclass(frozen=True, slots=True)
class PartyStatus:
    """One party's consent: ``state`` (valid, stale, missing), a one-line ``reason``, the digest it agreed to and
    when (the record's time; none for a review), and when stale the material changes since."""

    party: str
    state: str
    reason: str
    evidence: str | None = None  # the kind that made it valid
    agreed_digest: str | None = None
    agreed_at: datetime.datetime | None = None
    removed: bool = False  # a party of the base revision that the change removed
    changes: tuple[Change, ...] = ()  # when stale: the material changes since the terms it agreed to


@dataclass(frozen=True, slots=True)
class AgreementStatus:
    """The consent of every party of one agreement file; ``error`` instead when it has no digest."""

    path: str
    agreement: str | None
    status: str | None
    digest: str | None
    policy: tuple[str, ...] = ()
    parties: tuple[PartyStatus, ...] = ()
    base_status: str | None = None
    base_digest: str | None = None
    new: bool = False  # the agreement does not exist at the base revision
    problems: tuple[str, ...] = field(default=())  # malformed ledger files
    error: str | None = None
    deleted: bool = False  # the agreement exists at the base revision only (deleted, moved away, or its id changed)
    base_path: str | None = None  # where the agreement was at the base revision
    identity_changed: tuple[str, ...] = ()  # parties whose email, handle or keys differ from the base revision
    stranger: bool = False  # the file loaded but is no agreement (no ``agreed:`` key): nothing to consent to
    policy_changed: bool = False  # consent.evidence differs from the base revision
    withdrawn: tuple[Withdrawal, ...] = ()  # consent records at the base that the change removed
    duplicated: tuple[str, ...] = ()  # the other files that hold this agreement's id now
    duplicated_at_base: tuple[str, ...] = ()  # the files that held this id at the base, when more than one

    @property
    def fully_consented(self) -> bool:
        return self.error is None and bool(self.parties) and all(p.state == VALID for p in self.parties)


@dataclass(frozen=True, slots=True)
class _Trusted:
    policy: tuple[str, ...]
    identities: Mapping[str, Identity]
    new: bool
    status: str | None = None
    digest: str | None = None
    path: str | None = None  # where the agreement is at the base revision
    untrusted: str = ("added in this change: it has no identity at the base revision (neither in the agreement nor "
                      "in the people roster), so its consent cannot be "
                      "verified until the change is merged (with the agreement not active) and it consents then")


@dataclass(frozen=True, slots=True)
class BaseAgreement:
    """An agreement file as it was at the base revision."""

    path: str
    document: Document

    @property
    def id(self) -> str | None:
        return self._text("id")

    @property
    def status(self) -> str | None:
        return self._text("status")

    def _text(self, key: str) -> str | None:
        data = self.document.data
        value = data.get(key) if isinstance(data, Mapping) else None
        return value if isinstance(value, str) else None


class BaseRevision:
    """The base revision of a change, where trusted identities are read: each agreement is found there by its path,
    else by its ``id`` among the agreement files (:func:`agreed.sources.kind_of`) below ``within`` (repo-relative
    folders or files; ``""``: the whole tree), an index built once and only when needed."""

    def __init__(self, repository: Repository, rev: str, within: Sequence[str] = ("",)) -> None:
        self.name = rev
        try:
            self.commit = repository.resolve(rev)
        except GitError as error:
            raise StatusError(str(error)) from None
        self.within = tuple(within)
        self._repository = repository
        self._tree: list[str] | None = None
        self._agreements: frozenset[str] | None = None
        self._ledgers: dict[str, list[str]] | None = None
        self._by_id: dict[str, tuple[BaseAgreement, ...]] | None = None
        self._by_path: dict[str, BaseAgreement | None] = {}

    def agreement(self, shown: str, agreement_id: str) -> BaseAgreement | None:
        """The agreement with this id at the base: at ``shown`` when an agreement file of the checked places is
        there, else the one agreement file with this id (a file moved or renamed in the change is still the same
        agreement, with the same trusted identities); None when there is none, or several (:meth:`with_id`)."""
        if shown in self._agreement_files():
            found = self._at(shown)
            if found is not None and found.id == agreement_id:
                return found
        candidates = self.with_id(agreement_id)
        return candidates[0] if len(candidates) == 1 else None

    def with_id(self, agreement_id: str) -> tuple[BaseAgreement, ...]:
        """Every agreement file of the checked places with this id at the base (more than one: a gate failure)."""
        return self.by_id().get(agreement_id, ())

    def id_at(self, path: str) -> str | None:
        """The id of the agreement at ``path`` in the base revision, if one is there."""
        found = self._at(path) if path in self._agreement_files() else None
        return None if found is None else found.id

    def records(self, path: str, agreement_id: str) -> list[ConsentRecord]:
        """The well-formed consent records, at the base, of the agreement ``agreement_id`` whose file was at
        ``path``: its ledger beside that file (``.consent/<id>/<party>/<digest>.yaml``)."""
        folder = posixpath.join(posixpath.dirname(path), LEDGER, agreement_id)
        records: list[ConsentRecord] = []
        for name in self._ledger_files().get(folder, ()):
            party, _, file = name[len(folder) + 1 :].partition("/")
            if not file or "/" in file or party.startswith(".") or file.startswith("."):
                continue
            raw = self._read(name)
            record = None if raw is None else parse_record(raw, Path(name), agreement_id, party)
            if isinstance(record, ConsentRecord):
                records.append(record)
        return records

    def _paths(self) -> list[str]:
        if self._tree is None:
            try:
                self._tree = self._repository.tree_paths(self.commit)
            except GitError as error:
                raise StatusError(str(error)) from None
        return self._tree

    def _agreement_files(self) -> frozenset[str]:
        if self._agreements is None:
            self._agreements = frozenset(agreement_paths(self._paths(), self.within))
        return self._agreements

    def _ledger_files(self) -> Mapping[str, list[str]]:
        """The files of each agreement's ledger folder (``<folder>/.consent/<id>``) at the base, by that folder."""
        if self._ledgers is None:
            self._ledgers = defaultdict(list)
            for name in self._paths():
                parts = name.split("/")
                if kind_of(name) is Kind.CONSENT_RECORD and LEDGER in parts[:-2]:
                    at = parts.index(LEDGER)
                    self._ledgers["/".join(parts[: at + 2])].append(name)
        return self._ledgers

    def _read(self, path: str) -> bytes | None:
        try:
            return self._repository.read(self.commit, path)
        except GitError as error:
            raise StatusError(str(error)) from None

    def _at(self, path: str) -> BaseAgreement | None:
        """The file at ``path`` in the base revision, parsed once; None when there is none."""
        if path not in self._by_path:
            raw = self._read(path)
            document = None if raw is None else load_document(raw, f"{self.name}:{path}")
            self._by_path[path] = None if document is None else BaseAgreement(path, document)
        return self._by_path[path]

    def by_id(self) -> Mapping[str, tuple[BaseAgreement, ...]]:
        """Every agreement file of the checked places at the base revision by id, in path order."""
        if self._by_id is None:
            found: defaultdict[str, list[BaseAgreement]] = defaultdict(list)
            for path in sorted(self._agreement_files()):
                agreement = self._at(path)
                if agreement is not None and agreement.id is not None:
                    found[agreement.id].append(agreement)
            self._by_id = {agreement_id: tuple(files) for agreement_id, files in found.items()}
        return self._by_id


def gone_since(base: BaseRevision, present: set[str], within: Sequence[str]) -> list[AgreementStatus]:
    """The agreements of the base revision under the repo-relative folders or files ``within`` whose id no file
    has now (``present``): deleted, moved elsewhere, or given another id. Each is reported with its base status, so
    the gate can refuse to drop an agreement that was in force or final."""
    gone = [found for agreement_id, files in base.by_id().items() if agreement_id not in present
            for found in files if inside(found.path, within)]
    return [AgreementStatus(found.path, found.id, None, None, base_status=found.status, deleted=True,
                            base_path=found.path, duplicated_at_base=_duplicates(base, found.id))
            for found in sorted(gone, key=lambda found: found.path)]


def _duplicates(base: BaseRevision, agreement_id: str | None) -> tuple[str, ...]:
    files = base.with_id(agreement_id) if agreement_id is not None else ()
    return tuple(found.path for found in files) if len(files) > 1 else ()


def with_duplicates(results: Sequence[AgreementStatus]) -> list[AgreementStatus]:
    """``results`` with each agreement whose id another current file holds too marked (``duplicated``)."""
    paths: defaultdict[str, list[str]] = defaultdict(list)
    for result in results:
        if result.agreement is not None and not result.deleted:
            paths[result.agreement].append(result.path)
    return [replace(result, duplicated=tuple(path for path in paths[result.agreement] if path != result.path))
            if result.agreement is not None and not result.deleted and len(paths[result.agreement]) > 1 else result
            for result in results]


def template_status(repository: Repository, file: Path) -> AgreementStatus | None:
    """A template (:data:`agreed.sources.TEMPLATE_NAME`) is no agreement and is not consented to; None while it
    is a draft, else an error: a template in force would be an agreement that the gate does not check."""
    shown = repository.relative(file)
    data = read_document(file, shown).data
    status = data.get("status") if isinstance(data, Mapping) else None
    if not isinstance(status, str) or status == DRAFT:  # one that does not load or validate is lint's to report
        return None
    return AgreementStatus(shown, None, status, None,
                           error=f"a template is no agreement and must stay status: draft (it is {status}): copy "
                                 "it to a file of its own (agreed new) to make an agreement")


def agreement_status(repository: Repository, file: Path, *, base: str | BaseRevision | None = None,
                     reviews: Sequence[Review] | None = None, roster: Roster | None = None) -> AgreementStatus:
    """The consent of every current party of the agreement ``file`` (in the work tree of ``repository``) and, with
    ``base``, of every party the change removed (they must consent to the new terms too). ``roster``: the people
    roster as it was at ``base``, which vouches for parties the base version lacks and, where it lists a person,
    is that person's identity. ``reviews``: the code host's reviews, None when none were exported. Pass one
    :class:`BaseRevision` for many files, so the base is resolved and indexed once."""
    if isinstance(base, str):
        base = BaseRevision(repository, base)
    shown = repository.relative(file)
    document = read_document(file, shown)
    if isinstance(document.data, Mapping) and VERSION_KEY not in document.data:
        return AgreementStatus(shown, None, None, None, error="not an agreement (it has no 'agreed:' key)",
                               stranger=True)
    current = digest_document(document)
    if isinstance(current, DigestError):
        return AgreementStatus(shown, None, None, None, error=_no_digest(current))
    data: Mapping[str, Any] = document.data
    names = names_of(data)
    before = _trusted(shown, data, base)
    trusted = _vouched(before, roster, names)
    agreement_id = str(data["id"])
    records = read_records(file, agreement_id)
    found = [item for item in records if isinstance(item, ConsentRecord)]
    problems = tuple(_ledger_problem(repository, item) for item in records if isinstance(item, LedgerProblem))
    removed = [name for name in trusted.identities if name not in names] if base is not None else []
    parties = tuple(_party_status(name, trusted, found, current, repository, shown, reviews)
                    for name in names + removed)
    past = _PastTerms(repository, shown)
    parties = tuple(_with_changes(party, past, data) for party in parties)
    parties = tuple(_mark_removed(party) if party.party in removed else party for party in parties)
    compared = base is not None and before.status is not None  # a base version that validates
    withdrawn: tuple[Withdrawal, ...] = ()
    if base is not None and trusted.path is not None and trusted.status in KEPT_WHEN_DELETED:
        withdrawn = _withdrawn(base.records(trusted.path, agreement_id), found)
    return AgreementStatus(shown, agreement_id, str(data["status"]), current, trusted.policy, parties,
                           trusted.status, trusted.digest, trusted.new, problems, base_path=trusted.path,
                           identity_changed=_identity_changes(before, data) if compared else (),
                           policy_changed=compared and set(before.policy) != set(policy_of(data)),
                           withdrawn=withdrawn, duplicated_at_base=_duplicates(base, agreement_id) if base else ())


def _withdrawn(before: Iterable[ConsentRecord], now: Iterable[ConsentRecord]) -> tuple[Withdrawal, ...]:
    """The records of the base (``before``) whose party and digest no well-formed record has now."""
    kept = {(record.party, record.digest) for record in now}
    return tuple(Withdrawal(record.party, record.digest, Path(record.path or "").as_posix()) for record in before
                 if (record.party, record.digest) not in kept)


def _identity_changes(before: _Trusted, data: Mapping[str, Any]) -> tuple[str, ...]:
    """The parties of both versions whose email, handle or keys (in any order) differ from the base version's."""
    def key(identity: Identity) -> tuple[str | None, str | None, frozenset[str]]:
        return identity.email, identity.handle, frozenset(identity.keys)

    now = _identities(data)
    return tuple(name for name, identity in now.items()
                 if name in before.identities and key(identity) != key(before.identities[name]))


def _ledger_problem(repository: Repository, problem: LedgerProblem) -> str:
    """A malformed record, named by its repo-relative path."""
    try:
        return str(replace(problem, path=repository.relative(Path(problem.path))))
    except GitError:
        return str(problem)


def _no_digest(error: DigestError) -> str:
    """Why there is no digest, with the first problem (``line:col: message``) so the user knows where to look."""
    first = error.problems[0] if error.problems else None
    where = f": {first.line}:{first.col}: {first.message}" if first is not None else ""
    more = len(error.problems) - 1
    return (f"no digest, terms that do not validate cannot be consented to{where}"
            f"{f' (and {more} more: agreed lint shows them)' if more > 0 else ''}")


def _mark_removed(party: PartyStatus) -> PartyStatus:
    lead = ("removed in this change, and consented to it" if party.state == VALID
            else "removed in this change, must consent to it")
    return replace(party, reason=f"{lead}: {party.reason}", removed=True)


class _PastTerms:
    """The committed versions of one agreement file by digest, read newest first and only as far as asked."""

    def __init__(self, repository: Repository, shown: str) -> None:
        self._repository = repository
        self._shown = shown
        self._found: dict[str, Mapping[str, Any]] = {}
        self._pending: list[tuple[str, str]] | None = None  # (blob, commit:path) not read yet, newest first

    def terms(self, digest: str) -> Mapping[str, Any] | None:
        """The data of the newest version in HEAD's history whose digest is ``digest``; None if none is."""
        if self._pending is None:
            versions = versions_of(self._repository, self._shown)[-MAX_VERSIONS_SEARCHED:]
            self._pending = [(version.blob, f"{version.commit[:12]}:{version.path}")
                             for version in reversed(versions) if version.blob is not None]
        while digest not in self._found and self._pending:
            blob, name = self._pending.pop(0)
            document = load_document(self._repository.blob(blob), name)
            found = digest_document(document)
            if isinstance(found, str) and isinstance(document.data, Mapping):
                self._found.setdefault(found, document.data)
        return self._found.get(digest)


def _with_changes(party: PartyStatus, past: _PastTerms, data: Mapping[str, Any]) -> PartyStatus:
    """A stale party with the material changes since the terms it agreed to, when that version can be found."""
    if party.state != STALE or party.agreed_digest is None:
        return party
    try:
        agreed = past.terms(party.agreed_digest)
    except GitError as error:
        raise StatusError(str(error)) from None
    if agreed is None:
        return replace(party, reason=f"{party.reason} (no committed version with those terms was found)")
    changes = tuple(change for change in diff(agreed, data) if change.material)
    count = len(changes)
    return replace(party, reason=f"{party.reason}; {count} material change{'s' * (count != 1)} since",
                   changes=changes)


def names_of(data: Mapping[str, Any]) -> list[str]:
    return [str(party["id"]) for party in data["parties"]]


def _vouched(trusted: _Trusted, roster: Roster | None, names: Sequence[str]) -> _Trusted:
    """``trusted`` with the base roster's word on identity (:func:`agreed.consent.evidence.vouched_identity`), for
    the current parties and those the change removed."""
    if roster is None:
        return trusted
    identities = dict(trusted.identities)
    for name in [*names, *(known for known in trusted.identities if known not in names)]:
        vouched = vouched_identity(identities.get(name), roster.people.get(name))
        if vouched is not None:
            identities[name] = vouched
    return replace(trusted, identities=identities)


def _trusted(shown: str, data: Mapping[str, Any], base: BaseRevision | None) -> _Trusted:
    if base is None:
        return _Trusted(policy_of(data), _identities(data), new=False)
    found = base.agreement(shown, str(data["id"]))
    if found is None and len(base.with_id(str(data["id"]))) > 1:
        return _Trusted(policy_of(data), {}, new=False, untrusted=AMBIGUOUS_BASE)
    if found is None:
        return _Trusted(policy_of(data), {}, new=True, untrusted=NEW_UNTRUSTED)
    document = found.document
    base_digest = digest_document(document)
    if isinstance(base_digest, DigestError) or not isinstance(document.data, Mapping):
        return _Trusted(policy_of(data), {}, new=False, path=found.path,
                        untrusted="the agreement does not validate at the base revision, so no identity is trusted")
    return _Trusted(policy_of(document.data), _identities(document.data), False,
                    str(document.data["status"]), base_digest, found.path)


def _identities(data: Mapping[str, Any]) -> dict[str, Identity]:
    return {str(party["id"]): identity_of(party) for party in data["parties"]}


def _party_status(party: str, trusted: _Trusted, records: Sequence[ConsentRecord], current: str,
                  repository: Repository, shown: str, reviews: Sequence[Review] | None) -> PartyStatus:
    identity = trusted.identities.get(party)
    own = [record for record in records if record.party == party]
    if identity is None:
        return _untrusted(party, own, current, trusted.untrusted)
    failures: list[Finding] = []
    for record in (record for record in own if record.digest == current):
        for finding in check_record(record, identity, trusted.policy, repository):
            if finding.valid:
                return PartyStatus(party, VALID, finding.detail, finding.kind, record.digest, record.signed_at)
            failures.append(finding)
    if REVIEW in trusted.policy and reviews is None:
        failures.append(Finding(REVIEW, False, "no reviews were given (--reviews FILE)"))
    elif REVIEW in trusted.policy and reviews is not None:
        finding = check_reviews(reviews, identity, repository, shown, current)
        if finding.valid:
            return PartyStatus(party, VALID, finding.detail, REVIEW, current)
        failures.append(finding)
    return _not_valid(party, own, current, failures, trusted.policy)


def _untrusted(party: str, own: Sequence[ConsentRecord], current: str, reason: str) -> PartyStatus:
    stale = _newest_other(own, current)
    if stale is not None:
        return _stale(party, stale, reason)
    return PartyStatus(party, MISSING, reason)


def _not_valid(party: str, own: Sequence[ConsentRecord], current: str, failures: Sequence[Finding],
               policy: Sequence[str]) -> PartyStatus:
    if failures and any(record.digest == current for record in own):
        detail = "; ".join(f"{finding.kind}: {finding.detail}" for finding in failures)
        return PartyStatus(party, MISSING, f"a record for the current terms exists but no evidence counts ({detail})")
    newest = _newest_other(own, current)
    if newest is not None:
        return _stale(party, newest, "")
    accepted = ", ".join(policy)
    review_note = "; ".join(f"{finding.kind}: {finding.detail}" for finding in failures)
    suffix = f" ({review_note})" if review_note else ""
    return PartyStatus(party, MISSING, f"no consent to the current terms (accepted evidence: {accepted}){suffix}")


def _newest_other(own: Sequence[ConsentRecord], current: str) -> ConsentRecord | None:
    older = [record for record in own if record.digest != current]
    return max(older, key=lambda record: record.signed_at) if older else None


def _stale(party: str, record: ConsentRecord, why: str) -> PartyStatus:
    when = record.signed_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    return PartyStatus(party, STALE, f"consented to older terms ({record.digest} on {when}){f': {why}' if why else ''}",
                       agreed_digest=record.digest, agreed_at=record.signed_at)


# --- the gate ---------------------------------------------------------------------------------------------------------


IN_FORCE: Final = ("active", "renegotiating")
KEPT_WHEN_DELETED: Final = (*IN_FORCE, *FINAL_STATUSES)
ENTERING_FORCE: Final = ("renegotiating", *FINAL_STATUSES)  # active needs every party anyway


def gate_failures(result: AgreementStatus) -> list[str]:
    """Why ``agreed consent check`` fails for this agreement (empty: it passes). The lifecycle it enforces:

    - an ``active`` agreement needs valid consent from every party (so does one that becomes active in the change,
      or gains a party), unless it was ``active`` at the base with the same terms: the gate let it in then, and
      consent given by review lives on the code host, not in the repository;
    - a material change to an agreement in force at the base (``active`` or ``renegotiating``) needs every party's
      consent, unless the agreement is ``renegotiating`` after the change; leaving ``renegotiating`` for
      ``active``, ``fulfilled`` or ``ended`` needs every party's consent to the terms it ends with;
    - an agreement in force goes back to negotiation only through ``renegotiating``, never ``draft`` or
      ``proposed``;
    - once an agreement is past ``draft``: a party the change removes, or whose email, handle or keys it changes,
      must consent (with its identity at the base); a change to the accepted evidence needs every party;
    - ``ended`` and ``fulfilled`` are final: neither terms nor status may change;
    - an agreement that was in force or final at the base may not disappear (deleted, moved out of the checked
      folders, or given another id);
    - an agreement that enters force (any status but ``draft`` and ``proposed``) without having been in force at
      the base (new to the checked folders, or ``draft`` or ``proposed`` there) needs every party's consent;
    - consent to an agreement in force or final is not withdrawn by deleting its record: a record of the base
      that the change removes fails the gate (the party renegotiates instead);
    - an agreement id held by two files, at the base or now, fails: the gate could not tell which is the agreement.
    """
    failures = _duplicate_failures(result)
    if result.deleted:
        return failures + _deletion_failures(result)
    if result.error is not None:
        return [*failures, result.error]
    base, now = result.base_status, result.status
    failures += _lifecycle_failures(result) + _withdrawal_failures(result)
    everyone, reasons = _everyone_needed(result)
    unconsented = [party for party in result.parties if party.state != VALID]
    if everyone:
        failures += reasons if unconsented else []
    elif base in (None, DRAFT) or now == DRAFT:
        unconsented = []
    else:
        unconsented = [party for party in unconsented if party.removed or party.party in result.identity_changed]
        pending = {party.party for party in unconsented}
        failures += [f"{party}'s email, handle or keys changed: it must consent, with its identity at the base"
                     for party in result.identity_changed if party in pending]
    failures += [f"{party.party} is {party.state}: {party.reason}" for party in unconsented]
    return failures


def _lifecycle_failures(result: AgreementStatus) -> list[str]:
    base, now = result.base_status, result.status
    failures: list[str] = []
    if base in FINAL_STATUSES and (result.base_digest != result.digest or now != base):
        failures.append(f"{base} at the base revision, which is final: neither its terms nor its status may change")
    if base in IN_FORCE and now in (DRAFT, "proposed"):
        failures.append(f"{base} at the base revision: an agreement in force reopens through renegotiating, "
                        f"not {now}")
    if base == "proposed" and now == DRAFT:
        failures.append("proposed at the base revision: a proposal is reworked while proposed, it does not go back "
                        "to draft (a draft's parties and identities could then change without anyone's consent)")
    return failures


def _everyone_needed(result: AgreementStatus) -> tuple[bool, list[str]]:
    """Whether this change needs every party's consent, and why when that needs saying (an agreement that is
    active needs no explanation)."""
    base, now = result.base_status, result.status
    terms_changed = result.base_digest is not None and result.base_digest != result.digest
    reasons: list[str] = []
    if base in IN_FORCE and terms_changed and now != "renegotiating":
        reasons.append(f"material change to an agreement that was {base} at the base: move it to renegotiating "
                       f"in this change, or have every party consent to the new terms")
    if base == "renegotiating" and now in FINAL_STATUSES:
        reasons.append(f"leaving renegotiating for {now}: every party must consent to the terms it ends with")
    if result.policy_changed and base not in (None, DRAFT):
        reasons.append("the accepted consent evidence (consent.evidence) changed: every party must consent to it")
    if now in ENTERING_FORCE and (result.new or base in (DRAFT, "proposed")):
        where = f"{base} at the base revision" if base is not None else "new to the checked folders"
        reasons.append(f"{now} and {where}: an agreement that enters force needs every party's consent")
    active = now == "active" and not (base == "active" and not terms_changed)
    return bool(reasons) or active, reasons


def _duplicate_failures(result: AgreementStatus) -> list[str]:
    failures = []
    if result.duplicated:
        failures.append(f"the id {result.agreement} is also held by {', '.join(result.duplicated)}: an agreement id "
                        "must be unique, or the gate cannot tell which file holds the agreed terms; give the copy "
                        "an id of its own, or remove it")
    if result.duplicated_at_base:
        failures.append(f"at the base revision the id {result.agreement} is held by "
                        f"{' and '.join(result.duplicated_at_base)}: the gate cannot tell which of them holds the "
                        "agreed terms, so every change to this agreement fails until the base has one file per id; "
                        "merge the removal of the copies with the code host's review alone")
    return failures


def _withdrawal_failures(result: AgreementStatus) -> list[str]:
    moved = (f"; when an agreement moves, its {LEDGER}/{result.agreement}/ folder moves with it"
             if result.base_path not in (None, result.path) else "")
    return [f"{withdrawal.party} withdrew consent ({withdrawal.path}, to {withdrawal.digest[:19]}…, is gone): "
            f"consent to an agreement {result.base_status} at the base is history and is not withdrawn by "
            f"deleting its record; restore the record, and to change the agreement set status: renegotiating and "
            f"agree new terms{moved}"
            for withdrawal in result.withdrawn]


def _deletion_failures(result: AgreementStatus) -> list[str]:
    if result.base_status not in KEPT_WHEN_DELETED:
        return []
    keep = ("a final agreement stays as it is" if result.base_status in FINAL_STATUSES
            else "set status: ended to close it")
    return [f"{result.base_status} at the base revision, and gone now (deleted, moved out of the checked folders, "
            f"or its id changed): keep it; {keep}"]
