"""Who signs, and with which keys: a party's entry as the consent gate will trust it when ``agreed sign`` records
its consent.

A party that the change under review removed (or whose keys it replaced) is trusted as it was at the revision the
change started from: its entry is read from the agreement there, found as the consent gate finds it
(:class:`agreed.consent.trust.BaseRevision`: at the same path, else by its id among the agreements of the folder the
gate checks, :func:`checked_places`; by its path only while another current file there holds the same id, as the gate
cannot tell which of them the base agreement became). The people roster the gate trusts is read the same way.
Nothing here prints or exits: what stops the signing is raised as :class:`SigningError`, with the message to show.

:func:`sign_consent` is the whole of ``agreed sign`` below the command line: it refuses an agreement that does not
validate, a draft and a final one, finds the signer, refuses a record without a signature where only signatures
count, signs with the key and verifies the signature against the keys trusted for the party, and writes the record
to the ledger (:mod:`agreed.consent.ledger`).
"""

from __future__ import annotations

import datetime
import difflib
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from agreed.agreement import FINAL_STATUSES, Agreement, Identity, Party, agreement_of
from agreed.consent import ssh
from agreed.consent.digest import DigestError, digest_document
from agreed.consent.evidence import SSH_SIGNATURE, policy_of, vouched_identity
from agreed.consent.ledger import Clock, LedgerError, Written, new_record, write_record
from agreed.consent.roster import roster_at, roster_beside
from agreed.consent.status import DRAFT
from agreed.consent.trust import BaseRevision, StatusError
from agreed.document import Document, read_document
from agreed.errors import AgreedError
from agreed.git.repository import GitError, Repository
from agreed.people import Roster, RosterError
from agreed.problem import Problem
from agreed.reading import Unreadable, read_file
from agreed.settings import find_config
from agreed.sources import AGREEMENTS, default_folder, inside, select

MAX_KEY_FILE_BYTES = 64 * 1024


class SigningError(AgreedError):
    """What stops the signing (the agreement, the party, the base revision, the roster, the key, the ledger); the
    message says why. ``problems`` are why the agreement does not validate; ``notes`` what was found to say before
    the signing stopped (a party read at the base revision)."""

    def __init__(self, message: str, *, problems: Sequence[Problem] = (), notes: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)
        self.notes = tuple(notes)


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


@dataclass(frozen=True, slots=True)
class SignRequest:
    """One consent to record: the agreement ``file``, the party, the folder relative paths are read from (``here``),
    and optionally the SSH ``key`` and the ``base`` revision. ``interactive``: a terminal can answer a passphrase
    prompt; ``environment``: the whole environment ``ssh-keygen`` runs in (None: this process's);
    ``clock``: when the consent is given."""

    file: Path
    party_id: str
    here: Path
    key: Path | None = None
    base: str | None = None
    interactive: bool = False
    environment: Mapping[str, str] | None = None
    clock: Clock = _utc_now


@dataclass(frozen=True, slots=True)
class SignResult:
    """What :func:`sign_consent` did (written, or found already recorded) and what it has to say about it."""

    written: Written
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Signer:
    """The party entry the consent is checked against and, when it is the entry at the base revision and differs
    from the current one, a note that says so."""

    entry: Party
    note: str | None = None


@dataclass(frozen=True, slots=True)
class _Version:
    """One version of a schema-valid agreement: its document (the entries as written) and its typed view."""

    document: Document
    agreement: Agreement

    @classmethod
    def of(cls, document: Document) -> _Version:
        return cls(document, agreement_of(document))

    @property
    def id(self) -> str:
        return str(self.agreement.id)

    def as_written(self, party: Party) -> object:
        """The party's whole entry as written (x- extension keys included), to tell two versions of it apart."""
        return self.document.value_at(party.path)


def current_party(agreement: Agreement, party_id: str) -> Signer:
    """The entry of ``party_id`` among the agreement's parties; an error that also points at --base when it is not
    there."""
    found = agreement.party(party_id)
    if found is None:
        raise SigningError(f"{not_a_party(agreement, party_id)}; if the change under review removed it, it consents "
                           "with --base REV, REV being the revision the change started from (e.g. origin/main)")
    return Signer(found)


def party_at_base(file: Path, document: Document, party_id: str, base: str) -> Signer:
    """With ``--base``: the revision ``base`` is resolved first (an unknown one is an error, whoever signs), then
    the party of the schema-valid agreement ``document`` is looked up as :func:`_party_or_removed` does."""
    current = _Version.of(document)
    try:
        with Repository.open(file) as repository:
            places = checked_places(repository, file)
            revision = BaseRevision(repository, base, places)
            sharing = others_with_id(repository, file, places, current.id)
            return _party_or_removed(repository.relative(file), current, party_id, revision, sharing)
    except (GitError, StatusError) as error:
        raise SigningError(f"--base {base}: {error}") from error


def checked_places(repository: Repository, file: Path) -> list[str]:
    """Where the consent gate looks for the agreement's base version: ``contracts/`` at the repository root when
    the file is below it (the gate's default), else the file's own folder (the gate given that file). An entry
    found anywhere else (a copy under docs/) is one the gate never trusts, so it must not be signed against."""
    folder = repository.relative(default_folder(repository.root))
    return [folder] if inside(repository.relative(file), [folder]) else [repository.relative(file.parent)]


def others_with_id(repository: Repository, file: Path, places: Sequence[str], agreement_id: str) -> list[str]:
    """The repo-relative paths of the other agreement files of the checked ``places`` that hold ``agreement_id`` in
    the work tree (the gate marks them duplicates, and matches each to the base by its own path only)."""
    selection = select([str(repository.root / place) for place in places], kinds=AGREEMENTS)
    others = (repository.relative(other) for other in selection.files if other.resolve() != file.resolve())
    return [shown for shown in others if _id_of(repository.root / shown) == agreement_id]


def _id_of(file: Path) -> str | None:
    return agreement_of(read_document(file)).id


def _party_or_removed(shown: str, current: _Version, party_id: str, revision: BaseRevision,
                      sharing: Sequence[str] = ()) -> Signer:
    """The entry of ``party_id`` in the agreement (at the repo-relative path ``shown``, else by its id unless other
    files hold that id now: ``sharing``) as it was at ``revision``, which is what the consent gate trusts (a party
    the change removed, or whose keys it changed); else its current entry (a party new in the change); else an
    error."""
    now = current.agreement.party(party_id)
    trusted, where, why_not = _entry_at(revision, shown, current.id, party_id, sharing)
    note = None
    if trusted is not None and (now is None or trusted.as_written != current.as_written(now)):
        how = "removed since" if now is None else "its entry has changed since"
        note = (f"{party_id} is a party of {current.id} at {where} and {how}: its consent to the current terms is "
                "checked against its entry there (its keys, for --key).")
    entry = trusted.party if trusted is not None else now  # now only: a party new in the change
    if entry is None:
        raise SigningError(f"{not_a_party(current.agreement, party_id)}, {why_not}")
    return Signer(entry, note)


@dataclass(frozen=True, slots=True)
class _BaseEntry:
    """A party's entry at the base revision: typed, and as written there."""

    party: Party
    as_written: object


def _entry_at(revision: BaseRevision, shown: str, agreement_id: str, party_id: str,
              sharing: Sequence[str] = ()) -> tuple[_BaseEntry | None, str, str]:
    """(the party's entry at the revision, where the agreement was there, why there is no entry)."""
    found = revision.agreement(shown, agreement_id, by_id=not sharing)
    if found is None and sharing:
        return None, revision.name, (f"and {shown} held no {agreement_id} at {revision.name} (another file holds "
                                     f"{agreement_id} now: {', '.join(sharing)}; so its version there is looked "
                                     "for at its own path only)")
    if found is None:
        return None, revision.name, f"and {agreement_id} does not exist at {revision.name}"
    where = f"{revision.name} ({found.path})"
    if isinstance(digest_document(found.document), DigestError):
        return None, where, f"and {agreement_id} does not validate at {where}, so no party of it there can be trusted"
    before = _Version.of(found.document)
    party = before.agreement.party(party_id)
    entry = None if party is None else _BaseEntry(party, before.as_written(party))
    return entry, where, f"nor of its version at {where}"


def not_a_party(agreement: Agreement, party_id: str) -> str:
    """``'x' is not a party of ID (a hint)``: the closest party id, else every party id."""
    known = [str(party.id) for party in agreement.parties]
    close = difflib.get_close_matches(party_id, known, n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"its parties are: {', '.join(known)}"
    return f"{party_id!r} is not a party of {agreement.id} ({hint})"


def signing_roster(file: Path, base: str | None, here: Path) -> Roster | None:
    """The people roster the consent gate will trust (the configuration found from ``file``'s folder names it): as
    it was at ``base``, else the work tree's (relative paths read from ``here``, the current folder)."""
    config = find_config(file.parent)
    if config is None:
        return None
    try:
        if base is None:
            return roster_beside(config, here.resolve())
        with Repository.open(file) as repository:
            return roster_at(repository, base, repository.relative(config))
    except (GitError, RosterError) as error:
        raise SigningError(f"the people roster: {error}") from error


def listed_keys(party: Party, roster: Roster | None) -> tuple[tuple[str, ...], str]:
    """The keys the consent gate trusts for the party of a schema-valid agreement
    (:func:`agreed.consent.evidence.vouched_identity`), and where they are listed: the people roster, or the party's
    entry."""
    known = party.identity or Identity(str(party.id))
    trusted = vouched_identity(known, None if roster is None else roster.people.get(known.party))
    if trusted is None or trusted is known or roster is None:
        return known.keys, "parties[].keys"
    return trusted.keys, f"the people roster ({roster.path})"


# --- the signing flow -----------------------------------------------------------------------------------------------


def sign_consent(request: SignRequest) -> SignResult:
    """Record the party's consent to the current terms of the agreement (signed when the request has a key).

    Raises :class:`SigningError` for an agreement that does not validate, a draft or final one, a party that is not
    one (at the base revision either), a record without a signature where only signatures count, a key that cannot
    sign or is not trusted for the party, and a record that cannot be written.
    """
    document = read_document(request.file, request.file.as_posix())
    digest = _digest(document)
    agreement = agreement_of(document)
    _check_status(request.file, agreement)
    signer = (current_party(agreement, request.party_id) if request.base is None
              else party_at_base(request.file, document, request.party_id, request.base))
    notes = () if signer.note is None else (signer.note,)
    try:
        written = _record(request, agreement, signer.entry, digest)
    except SigningError as error:
        raise SigningError(str(error), notes=notes) from error
    return SignResult(written, notes)


def _digest(document: Document) -> str:
    result = digest_document(document)
    if isinstance(result, DigestError):
        raise SigningError(f"{result.message}; fix it ('agreed validate {document.path}') and sign again",
                           problems=result.problems)
    return result


def _check_status(file: Path, agreement: Agreement) -> None:
    status = agreement.status
    if status == DRAFT:
        raise SigningError(f"{file.as_posix()}: the agreement is a draft, which is not ready for consent: set "
                           "'status: proposed' first (every element filled in; 'agreed validate' checks it), then sign")
    if status in FINAL_STATUSES:
        raise SigningError(f"{file.as_posix()}: the agreement is {status}, which is final: consent can no longer be "
                           "recorded for it (start a new agreement to agree on new terms)")


def _record(request: SignRequest, agreement: Agreement, party: Party, digest: str) -> Written:
    """Sign (with a key) and write the record of the consent of ``party`` (its entry as the gate will trust it)."""
    agreement_id = str(agreement.id)
    if request.key is None:
        _refuse_if_only_signatures_count(request.file, agreement, request.party_id)
        signature = None
    else:
        roster = signing_roster(request.file, request.base, request.here)
        signature = _signature(request, request.key, agreement_id, party, digest, roster)
    record = new_record(agreement_id, request.party_id, digest, request.clock, signature)
    try:
        return write_record(request.file, record)
    except LedgerError as error:
        raise SigningError(str(error)) from error


def _refuse_if_only_signatures_count(file: Path, agreement: Agreement, party_id: str) -> None:
    """Stop before writing a record without a signature that could never count: the agreement accepts only
    ``ssh-signature`` as evidence."""
    if policy_of(agreement) == (SSH_SIGNATURE,):
        raise SigningError(f"{file.as_posix()} accepts only an SSH-signed consent (consent.evidence: "
                           f"[{SSH_SIGNATURE}]), so a record without a signature would not count; nothing was written: "
                           f"sign with --key PATH (a key listed for {party_id}): agreed sign "
                           f"{shlex.quote(file.as_posix())} --as {party_id} --key ~/.ssh/id_ed25519")


def _signature(request: SignRequest, key: Path, agreement_id: str, party: Party, digest: str,
               roster: Roster | None) -> str:
    """Sign the consent with ``key`` and make sure the signature verifies with a key trusted for the party."""
    party_id = str(party.id)
    listed, where = listed_keys(party, roster)
    if not listed:
        raise SigningError(f"no key is listed for {party_id} in {where}: add the public key there first (a "
                           "material change, so agree on it), or sign without --key")
    _check_public_half(key, party_id, listed)
    message = ssh.consent_message(agreement_id, party_id, digest)
    try:
        signature = ssh.sign(message, key, interactive=request.interactive, environment=request.environment)
        verdict = ssh.verify(message, signature, listed, party_id)
    except ssh.SshError as error:
        raise SigningError(str(error)) from error
    if not verdict.valid:
        if verdict.reason is not None and verdict.reason.startswith("signed by a key not listed"):
            _not_listed(key, party_id, verdict.fingerprint)
        raise SigningError(f"the signature made with {key} does not verify: {verdict.reason}")
    return signature


def _check_public_half(key: Path, party_id: str, listed: Sequence[str]) -> None:
    """Refuse a key whose public half is known and not listed, before anything asks for a passphrase."""
    public = _public_half(key)
    if public is None:
        return
    if public not in {ssh.public_key_blob(entry) for entry in listed}:
        _not_listed(key, party_id, None)


def _public_half(key: Path) -> bytes | None:
    """The public key blob of ``key`` when the file is a public key or has a ``.pub`` beside it; else None."""
    for candidate in (key, key.with_name(key.name + ".pub")):
        raw = read_file(candidate, MAX_KEY_FILE_BYTES)
        if isinstance(raw, Unreadable):
            continue
        blob = ssh.public_key_blob(raw.decode("utf-8", errors="replace").strip())
        if blob is not None:
            return blob
    return None


def _not_listed(key: Path, party_id: str, fingerprint: str | None) -> NoReturn:
    shown = f"{key} ({fingerprint})" if fingerprint else str(key)
    raise SigningError(f"{shown}: this key is not listed for {party_id} in parties[].keys; sign with a listed key, or "
                       "add this one there first (a material change, so agree on it)")
