"""Trust at the base revision: whose identities (emails, handles, keys) and which accepted evidence decide a party's
consent, so a change cannot add its own key or party and approve itself.

With a base revision, what decides who may consent (the parties, their emails, handles and keys, and
``consent.evidence``) is read from the agreement as it was at the base. A party the base version does not know (one
the change adds, or any party of an agreement the change creates) is trusted only through the people roster as it
was at the base (:mod:`agreed.consent.roster`); without a roster entry it has no trusted identity in that change
(merge the agreement while it is not ``active``, then the party consents). The agreement is found at the base by its
path, else by its ``id`` in the one agreement file of the checked places that has it (a file moved in the change
keeps its trusted identities); which files are agreements is :func:`agreed.sources.kind_of`, the definition every
command uses, so a copy kept in a hidden folder, or anywhere outside the checked places, is never a base version.
Without a base, the work tree is trusted.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from agreed.agreement import Agreement, Identity
from agreed.consent.digest import DigestError
from agreed.consent.evidence import policy_of, vouched_identity
from agreed.consent.ledger import FOLDER as LEDGER
from agreed.consent.ledger import ConsentRecord, parse_record
from agreed.consent.versions import AgreementVersions, Loaded
from agreed.document import Document
from agreed.errors import AgreedError
from agreed.git.repository import GitError, Repository
from agreed.people import Roster
from agreed.sources import Kind, agreement_paths, kind_of

NEW_UNTRUSTED: Final = ("the agreement is new in this change and the people roster at the base revision does not "
                         "list this party, so its identity cannot be trusted yet: merge the agreement before it is "
                         "active, then the party consents")
AMBIGUOUS_BASE: Final = ("several files held this agreement's id at the base revision, so which one it was, and "
                          "whose identities to trust, cannot be told")


class StatusError(AgreedError):
    """The status could not be worked out (git, an unreadable base); ``str(error)`` is one line for users."""


@dataclass(frozen=True, slots=True)
class Trusted:
    """What is trusted for one agreement: the accepted evidence, each party's identity, and what the base revision
    says of it (``new``: not there; its status, digest and path); ``untrusted``: why a party without an identity
    here has none."""

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
    """An agreement file as it was at the base revision, and its typed view (:func:`agreed.agreement.agreement_of`,
    read once: the base is asked for an agreement's id and status many times)."""

    path: str
    version: Loaded
    agreement: Agreement

    @property
    def document(self) -> Document:
        return self.version.document

    @property
    def id(self) -> str | None:
        return self.agreement.id

    @property
    def status(self) -> str | None:
        return self.agreement.status


class BaseRevision:
    """The base revision of a change, where trusted identities are read: each agreement is found there by its path,
    else by its ``id`` among the agreement files (:func:`agreed.sources.kind_of`) below ``within`` (repo-relative
    folders or files; ``""``: the whole tree), an index built once and only when needed. Its files are loaded by
    ``versions``, which the check shares with its other readers of agreements (the work tree's among them)."""

    def __init__(self, repository: Repository, rev: str, within: Sequence[str] = ("",),
                 versions: AgreementVersions | None = None) -> None:
        self.name = rev
        self.versions = AgreementVersions() if versions is None else versions
        try:
            self.commit = repository.resolve(rev)
        except GitError as error:
            raise StatusError(str(error)) from None
        self.within = tuple(within)
        self._repository = repository
        self._tree: dict[str, str] | None = None  # the blob id of each file, by path
        self._unparsed: dict[str, bytes] = {}  # the agreement files read together, until each is parsed
        self._agreements: frozenset[str] | None = None
        self._ledgers: dict[str, list[str]] | None = None
        self._ledger_contents: dict[str, bytes] | None = None
        self._by_id: dict[str, tuple[BaseAgreement, ...]] | None = None
        self._by_path: dict[str, BaseAgreement | None] = {}

    def agreement(self, shown: str, agreement_id: str, *, by_id: bool = True) -> BaseAgreement | None:
        """The agreement with this id at the base: at ``shown`` when an agreement file of the checked places is
        there, else (``by_id``) the one agreement file with this id (a file moved or renamed in the change is still
        the same agreement, with the same trusted identities); None when there is none, or several
        (:meth:`with_id`). Without ``by_id`` (the id is held by another file now, so which of them the base file
        became cannot be told) only ``shown`` itself is looked at."""
        if shown in self._agreement_files():
            found = self._at(shown)
            if found is not None and found.id == agreement_id:
                return found
        if not by_id:
            return None
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
            raw = self._ledger_bytes().get(name)
            record = None if raw is None else parse_record(raw, Path(name), agreement_id, party)
            if isinstance(record, ConsentRecord):
                records.append(record)
        return records

    def _paths(self) -> Mapping[str, str]:
        """The blob id of every file at the base, by path."""
        if self._tree is None:
            try:
                self._tree = self._repository.tree_blobs(self.commit)
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

    def _ledger_bytes(self) -> Mapping[str, bytes]:
        """The bytes of every ledger file at the base (:meth:`_ledger_files`), by path: read at once, by one git
        process, when the first ledger is asked for (records are small; a round trip each cost more)."""
        if self._ledger_contents is None:
            blob_ids = {name: self._paths()[name] for names in self._ledger_files().values() for name in names}
            try:
                found = self._repository.blobs(blob_ids.values())
            except GitError as error:
                raise StatusError(str(error)) from None
            self._ledger_contents = {name: found[blob_id] for name, blob_id in blob_ids.items() if blob_id in found}
        return self._ledger_contents

    def _read(self, path: str) -> bytes | None:
        blob_id = self._paths().get(path)
        try:
            return None if blob_id is None else self._repository.blob(blob_id)
        except GitError as error:
            raise StatusError(str(error)) from None

    def _read_agreements(self) -> None:
        """Every agreement file of the checked places at the base, read at once (:meth:`by_id` parses them all)."""
        blob_ids = {path: self._paths()[path] for path in self._agreement_files() if path not in self._by_path}
        try:
            found = self._repository.blobs(blob_ids.values())
        except GitError as error:
            raise StatusError(str(error)) from None
        self._unparsed = {path: found[blob_id] for path, blob_id in blob_ids.items() if blob_id in found}

    def _at(self, path: str) -> BaseAgreement | None:
        """The file at ``path`` in the base revision, parsed once (its data only: nothing here reports a place in
        it); None when there is none."""
        if path not in self._by_path:
            if not self._by_path and path in self._agreement_files():
                self._read_agreements()
            raw = self._unparsed.pop(path, None)
            raw = self._read(path) if raw is None else raw
            loaded = None if raw is None else self.versions.load(raw, f"{self.name}:{path}")
            self._by_path[path] = (None if loaded is None
                                   else BaseAgreement(path, loaded, loaded.agreement()))
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


def trusted_at(shown: str, agreement: Agreement, base: BaseRevision | None, *,
               shared_id: bool = False) -> Trusted:
    """What is trusted for the schema-valid ``agreement`` shown at the repo-relative ``shown``: its version at
    ``base`` (nothing when that version is missing, ambiguous or does not validate), else the work tree's.
    ``shared_id``: another file holds the same id now, so the base version is looked for at ``shown`` only, never by
    id (a copy is not the agreement it was copied from, and does not take over its base status, terms or ledger)."""
    if base is None:
        return Trusted(policy_of(agreement), identities_of(agreement), new=False)
    agreement_id = str(agreement.id)
    found = base.agreement(shown, agreement_id, by_id=not shared_id)
    if found is None and len(base.with_id(agreement_id)) > 1:
        return Trusted(policy_of(agreement), {}, new=False, untrusted=AMBIGUOUS_BASE)
    if found is None:
        return Trusted(policy_of(agreement), {}, new=True, untrusted=NEW_UNTRUSTED)
    base_digest = found.version.digest()
    if isinstance(base_digest, DigestError) or not isinstance(found.document.data, Mapping):
        return Trusted(policy_of(agreement), {}, new=False, path=found.path,
                       untrusted="the agreement does not validate at the base revision, so no identity is trusted")
    before = found.agreement
    return Trusted(policy_of(before), identities_of(before), False, before.status, base_digest, found.path)


def roster_vouched(trusted: Trusted, roster: Roster | None, names: Sequence[str]) -> Trusted:
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


def names_of(agreement: Agreement) -> list[str]:
    """The party ids of a schema-valid agreement, in order."""
    return [party.id for party in agreement.parties if party.id is not None]


def identities_of(agreement: Agreement) -> dict[str, Identity]:
    """Each party's identity as a schema-valid agreement gives it, by party id."""
    identities = (party.identity for party in agreement.parties)
    return {identity.party: identity for identity in identities if identity is not None}


def identity_changes(before: Trusted, agreement: Agreement) -> tuple[str, ...]:
    """The parties of both versions whose email, handle or keys (in any order) differ from the base version's."""
    def key(identity: Identity) -> tuple[str | None, str | None, frozenset[str]]:
        return identity.email, identity.handle, frozenset(identity.keys)

    now = identities_of(agreement)
    return tuple(name for name, identity in now.items()
                 if name in before.identities and key(identity) != key(before.identities[name]))


def paths_sharing_id(base: BaseRevision, agreement_id: str | None) -> tuple[str, ...]:
    """The files that held ``agreement_id`` at the base, when more than one did (else none)."""
    files = base.with_id(agreement_id) if agreement_id is not None else ()
    return tuple(found.path for found in files) if len(files) > 1 else ()
