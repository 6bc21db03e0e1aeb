"""Where each party's consent to an agreement stands: ``valid``, ``stale`` or ``missing``, and why.

- ``valid``: a record (or, when the policy accepts ``review``, an approving review) for the CURRENT digest whose
  evidence passes the agreement's policy (:mod:`agreed.consent.evidence`), checked against the identities trusted
  for the party (:mod:`agreed.consent.trust`: read from the base revision, so a change cannot vouch for itself).
- ``stale``: no valid consent to the current terms, and the party's newest record is for an older digest (which
  one, and when, is said, with the material changes since: the semantic diff from the newest version of the file
  in HEAD's history that had that digest to the work tree).
- ``missing``: neither; a record for the current digest whose evidence fails is ``missing`` with the reason, and so
  is a party that has no trusted identity.

A party the change removes is listed too (``removed``), checked with its base identity against the new terms: it
must consent to being removed. Consent given to an agreement in force or final is history: a record present at the
base that the change removes is a withdrawal. Agreements of the base that no file holds now, and ids held by two
files, at the base or now, are reported too. Which of these fail the gate is :mod:`agreed.consent.gate`.
"""

from __future__ import annotations

import datetime
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from agreed.agreement import FINAL_STATUSES, IN_FORCE, Agreement, read_agreement
from agreed.compose import DEFAULT_LIMITS
from agreed.consent.digest import DigestError, digest_document
from agreed.consent.evidence import (
    REVIEW,
    EvidenceCheck,
    check_record,
    check_reviews,
    policy_of,
    start_signature_check,
)
from agreed.consent.ledger import ConsentRecord, problem_text, read_records
from agreed.consent.reviews import Review
from agreed.consent.ssh import Verifier
from agreed.consent.trust import (
    BaseRevision,
    StatusError,
    Trusted,
    identity_changes,
    names_of,
    paths_sharing_id,
    roster_vouched,
    trusted_at,
)
from agreed.consent.versions import AgreementVersions, Loaded
from agreed.document import read_document, read_result_document
from agreed.git.history import versions_of
from agreed.git.repository import GitError, Repository
from agreed.history.diff import Change, diff
from agreed.people import Roster
from agreed.problem import Problem
from agreed.reading import Unreadable, read_file
from agreed.schema import VERSION_KEY
from agreed.sources import inside

VALID: Final = "valid"
STALE: Final = "stale"
MISSING: Final = "missing"
DRAFT: Final = "draft"  # still being written: not open for consent
MAX_VERSIONS_SEARCHED: Final = 200  # how far back a stale digest's version is looked for
KEPT_WHEN_DELETED: Final = IN_FORCE | FINAL_STATUSES  # consent to these is history: never withdrawn or deleted
READ_AHEAD: Final = 4  # files read ahead per worker of a verifier, while their signatures are checked


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


def gone_since(base: BaseRevision, present: set[str], within: Sequence[str]) -> list[AgreementStatus]:
    """The agreements of the base revision under the repo-relative folders or files ``within`` whose id no file
    has now (``present``): deleted, moved elsewhere, or given another id. Each is reported with its base status, so
    the gate can refuse to drop an agreement that was in force or final."""
    gone = [found for agreement_id, files in base.by_id().items() if agreement_id not in present
            for found in files if inside(found.path, within)]
    return [AgreementStatus(found.path, found.id, None, None, base_status=found.status, deleted=True,
                            base_path=found.path, duplicated_at_base=paths_sharing_id(base, found.id))
            for found in sorted(gone, key=lambda found: found.path)]


def agreement_statuses(repository: Repository, files: Sequence[Path], *, base: BaseRevision | None = None,
                       reviews: Sequence[Review] | None = None, roster: Roster | None = None,
                       verifier: Verifier | None = None) -> list[AgreementStatus]:
    """:func:`agreement_status` of each file, duplicates marked (:func:`with_duplicates`). A file whose id another
    file holds too is matched to the base by its own path only, never by id: which of them the base agreement
    became cannot be told, so none takes over its base status, terms or consent ledger (the duplicate fails the
    gate on its own). With a ``verifier`` of several workers, the SSH signatures of the next files are checked while
    earlier ones are decided (:func:`_in_turn`); the statuses are the same either way."""
    versions = base.versions if base is not None else AgreementVersions()

    def statuses(chosen: Sequence[Path], shared_id: bool = False) -> list[AgreementStatus]:
        return _in_turn(repository, chosen, _Context(base, reviews, roster, shared_id, verifier, versions))

    results = statuses(files)
    shared = _shared_ids(results)
    if base is not None and shared:
        again = iter(statuses([file for file, result in zip(files, results, strict=True)
                               if result.agreement in shared], shared_id=True))
        results = [next(again) if result.agreement in shared else result for result in results]
    return with_duplicates(results)


@dataclass(frozen=True, slots=True)
class _Context:
    """What :func:`agreement_status` is given besides the repository and the file."""

    base: BaseRevision | None
    reviews: Sequence[Review] | None
    roster: Roster | None
    shared_id: bool
    verifier: Verifier | None
    versions: AgreementVersions  # loads every version the check reads (the base's too)


def _in_turn(repository: Repository, files: Sequence[Path], context: _Context) -> list[AgreementStatus]:
    """:func:`agreement_status` of each file, in order. With a verifier of several workers, up to
    :data:`READ_AHEAD` files per worker are read and their signature checks started before the oldest of them is
    decided, so ``ssh-keygen`` runs while the next files are read (what is held at once stays bounded)."""
    verifier = context.verifier
    ahead = READ_AHEAD * verifier.workers if verifier is not None and verifier.workers > 1 else 0
    results: list[AgreementStatus] = []
    waiting: deque[_Read | AgreementStatus] = deque()

    def decided(read: _Read | AgreementStatus) -> AgreementStatus:
        if isinstance(read, AgreementStatus):
            return read
        return _decided(repository, read, context, verifier)

    with repository.holding_head():  # one HEAD for every record's adding commit
        for file in files:
            read = _read(repository, file, context)
            if verifier is not None and isinstance(read, _Read):
                _start_checks(read, verifier)
            waiting.append(read)
            if len(waiting) > ahead:
                results.append(decided(waiting.popleft()))
        results.extend(decided(read) for read in waiting)
    return results


def _shared_ids(results: Iterable[AgreementStatus]) -> set[str]:
    """The agreement ids that more than one of ``results`` holds."""
    seen: set[str] = set()
    shared: set[str] = set()
    for result in results:
        if result.agreement is not None and not result.deleted:
            (shared if result.agreement in seen else seen).add(result.agreement)
    return shared


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
    status = read_agreement(read_document(file, shown, positions=False).data).status
    if status is None or status == DRAFT:  # one that does not load or validate is lint's to report
        return None
    return AgreementStatus(shown, None, status, None,
                           error=f"a template is no agreement and must stay status: draft (it is {status}): copy "
                                 "it to a file of its own (agreed new) to make an agreement")


def agreement_status(repository: Repository, file: Path, *, base: str | BaseRevision | None = None,
                     reviews: Sequence[Review] | None = None, roster: Roster | None = None,
                     shared_id: bool = False, verifier: Verifier | None = None) -> AgreementStatus:
    """The consent of every current party of the agreement ``file`` (in the work tree of ``repository``) and, with
    ``base``, of every party the change removed (they must consent to the new terms too). ``roster``: the people
    roster as it was at ``base``, which vouches for parties the base version lacks and, where it lists a person,
    is that person's identity. ``reviews``: the code host's reviews, None when none were exported. ``shared_id``:
    another file holds the same id now, so the base version is the one at this file's own path or none
    (:func:`agreement_statuses` sees to it). Pass one :class:`BaseRevision` for many files, so the base is resolved
    and indexed once. ``verifier`` checks SSH signatures (default: one ``ssh-keygen`` at a time)."""
    if isinstance(base, str):
        base = BaseRevision(repository, base)
    versions = base.versions if base is not None else AgreementVersions()
    return _in_turn(repository, [file], _Context(base, reviews, roster, shared_id, verifier, versions))[0]


@dataclass(frozen=True, slots=True)
class _Read:
    """An agreement file read, with its digest, what is trusted for it and its ledger: everything its status needs
    but the verdict on each party's evidence."""

    shown: str
    data: Mapping[str, Any]
    agreement: Agreement
    digest: str
    names: list[str]
    before: Trusted  # as the base revision says
    trusted: Trusted  # with the roster's word
    records: list[ConsentRecord]
    problems: tuple[str, ...]
    removed: list[str]  # parties of the base that the change removed


def _read(repository: Repository, file: Path, context: _Context) -> _Read | AgreementStatus:
    """The agreement ``file`` read (:class:`_Read`), else its status when it has none to decide (no agreement, or
    no digest)."""
    base = context.base
    shown = repository.relative(file)
    raw = read_file(file, DEFAULT_LIMITS.max_bytes)
    loaded = (context.versions.load(raw, shown) if not isinstance(raw, Unreadable)
              else Loaded(read_result_document(raw, shown, positions=False)))
    document = loaded.document
    if isinstance(document.data, Mapping) and VERSION_KEY not in document.data:
        return AgreementStatus(shown, None, None, None, error="not an agreement (it has no 'agreed:' key)",
                               stranger=True)
    current = loaded.digest()
    if isinstance(current, DigestError):  # the reason names where the first problem is: loaded again, with places
        placed = digest_document(read_result_document(raw, shown))
        return AgreementStatus(shown, None, None, None,
                               error=_no_digest(placed if isinstance(placed, DigestError) else current))
    agreement = loaded.agreement()
    names = names_of(agreement)
    before = trusted_at(shown, agreement, base, shared_id=context.shared_id)
    trusted = roster_vouched(before, context.roster, names)
    records = read_records(file, str(agreement.id))
    found = [item for item in records if isinstance(item, ConsentRecord)]
    problems = tuple(_ledger_problem(repository, item) for item in records if isinstance(item, Problem))
    removed = [name for name in trusted.identities if name not in names] if base is not None else []
    return _Read(shown, document.data, agreement, current, names, before, trusted, found, problems, removed)


def _start_checks(read: _Read, verifier: Verifier) -> None:
    """Start the SSH signature checks that :func:`_decided` will need for ``read`` (:func:`_party_status` looks at
    each party's records for the current digest)."""
    for name in read.names + read.removed:
        identity = read.trusted.identities.get(name)
        if identity is not None:
            for record in _records_for(read.records, name, read.digest):
                start_signature_check(record, identity, read.trusted.policy, verifier)


def _decided(repository: Repository, read: _Read, context: _Context, verifier: Verifier | None) -> AgreementStatus:
    """The status of the agreement ``read``: each party's evidence judged."""
    base, reviews = context.base, context.reviews
    trusted, removed, agreement_id = read.trusted, read.removed, str(read.agreement.id)
    parties = tuple(_party_status(name, trusted, read.records, read.digest, repository, read.shown, reviews,
                                  verifier) for name in read.names + removed)
    past = _PastTerms(repository, read.shown, context.versions)
    parties = tuple(_with_changes(party, past, read.data) for party in parties)
    parties = tuple(_mark_removed(party) if party.party in removed else party for party in parties)
    compared = base is not None and read.before.status is not None  # a base version that validates
    withdrawn: tuple[Withdrawal, ...] = ()
    if base is not None and trusted.path is not None and trusted.status in KEPT_WHEN_DELETED:
        withdrawn = _withdrawn(base.records(trusted.path, agreement_id), read.records)
    return AgreementStatus(read.shown, agreement_id, str(read.agreement.status), read.digest, trusted.policy, parties,
                           trusted.status, trusted.digest, trusted.new, read.problems, base_path=trusted.path,
                           identity_changed=identity_changes(read.before, read.agreement) if compared else (),
                           policy_changed=compared and set(read.before.policy) != set(policy_of(read.agreement)),
                           withdrawn=withdrawn, duplicated_at_base=paths_sharing_id(base, agreement_id) if base else ())


def _withdrawn(before: Iterable[ConsentRecord], now: Iterable[ConsentRecord]) -> tuple[Withdrawal, ...]:
    """The records of the base (``before``) whose party and digest no well-formed record has now."""
    kept = {(record.party, record.digest) for record in now}
    return tuple(Withdrawal(record.party, record.digest, Path(record.path or "").as_posix()) for record in before
                 if (record.party, record.digest) not in kept)


def _ledger_problem(repository: Repository, problem: Problem) -> str:
    """A malformed record, named by its repo-relative path."""
    try:
        return problem_text(problem._replace(path=repository.relative(Path(problem.path))))
    except GitError:
        return problem_text(problem)


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

    def __init__(self, repository: Repository, shown: str, versions: AgreementVersions) -> None:
        self._repository = repository
        self._shown = shown
        self._versions = versions
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
            loaded = self._versions.load(self._repository.blob(blob), name)
            found = loaded.digest()
            if isinstance(found, str) and isinstance(loaded.document.data, Mapping):
                self._found.setdefault(found, loaded.document.data)
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


def _records_for(records: Sequence[ConsentRecord], party: str, digest: str) -> list[ConsentRecord]:
    """``party``'s records for the terms with ``digest``."""
    return [record for record in records if record.party == party and record.digest == digest]


def _party_status(party: str, trusted: Trusted, records: Sequence[ConsentRecord], current: str,
                  repository: Repository, shown: str, reviews: Sequence[Review] | None,
                  verifier: Verifier | None) -> PartyStatus:
    identity = trusted.identities.get(party)
    own = [record for record in records if record.party == party]
    if identity is None:
        return _untrusted(party, own, current, trusted.untrusted)
    failures: list[EvidenceCheck] = []
    for record in _records_for(own, party, current):
        for finding in check_record(record, identity, trusted.policy, repository, verifier):
            if finding.valid:
                return PartyStatus(party, VALID, finding.detail, finding.kind, record.digest, record.signed_at)
            failures.append(finding)
    if REVIEW in trusted.policy and reviews is None:
        failures.append(EvidenceCheck(REVIEW, False, "no reviews were given (--reviews FILE)"))
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


def _not_valid(party: str, own: Sequence[ConsentRecord], current: str, failures: Sequence[EvidenceCheck],
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
