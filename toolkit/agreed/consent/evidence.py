"""Evidence that a party consented: which kinds count (the policy) and whether one record or review passes.

The kinds, strictest first (the schema's ``consent.evidence``):

- ``ssh-signature``: the record carries an SSH signature over :func:`agreed.consent.ssh.consent_message` for this
  agreement, party and digest, made by one of the party's listed keys (``ssh-keygen -Y verify``).
- ``signed-commit``: the commit that added the record file carries a git SSH signature (``gpg.format=ssh``, SSHSIG
  namespace ``git``) that verifies over that commit with one of the party's listed keys (``parties[].keys``, the
  same keys as for ``ssh-signature``). Who authored the commit does not matter, the key does. OpenPGP and X.509
  signed commits do not count: the schema lists SSH keys only, so there is nothing to check them against.
- ``author-email``: the commit that added the record file is authored by the party's email (case-insensitive).
  Git does not check author emails, so this is the weakest evidence a commit can give; branch protection and the
  code host's identity are what make it mean something.
- ``review``: an approving review by the party's code-host handle on a commit at which the agreement had the
  current digest, from an exported JSON file (GitHub's reviews API shape).

When an agreement names no policy, :data:`DEFAULT_POLICY` applies: an SSH signature or the author email.

"The commit that added the record" is the OLDEST commit of HEAD's history that added the file
(:func:`agreed.git.additions.added_by`): deleting a record and adding it again in a commit of one's own does not
make it one's own. After a squash merge, the squash commit is the one that added every record of the pull
request: its author and signature then stand for all of them, so commit evidence of the other parties stops counting
(SSH-signed records keep counting).

The identities (email, handle, keys) passed in here are whatever the caller trusts: :mod:`agreed.consent.status`
reads them from the base revision, so a change cannot vouch for itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from agreed.agreement import Agreement, Identity
from agreed.consent.digest import digest_document
from agreed.consent.ledger import FOLDER as LEDGER_FOLDER
from agreed.consent.ledger import ConsentRecord
from agreed.consent.reviews import Review
from agreed.consent.ssh import GIT_NAMESPACE, NAMESPACE, SshError, Verdict, Verifier, consent_message
from agreed.document import load_document
from agreed.errors import AgreedError
from agreed.git.additions import Addition, CommitSignature, additions, commit_signature
from agreed.git.repository import GitError, Repository
from agreed.people import Person

LEDGER_PATHSPEC: Final = f":(glob)**/{LEDGER_FOLDER}/**"  # every consent ledger of the repository

SSH_SIGNATURE: Final = "ssh-signature"
SIGNED_COMMIT: Final = "signed-commit"
AUTHOR_EMAIL: Final = "author-email"
REVIEW: Final = "review"
KINDS: Final = (SSH_SIGNATURE, SIGNED_COMMIT, AUTHOR_EMAIL, REVIEW)
DEFAULT_POLICY: Final = (SSH_SIGNATURE, AUTHOR_EMAIL)
_DECISIVE = frozenset({"APPROVED", "CHANGES_REQUESTED", "DISMISSED"})
_SIGNATURE_FORMAT_NAMES: Final = {"openpgp": "OpenPGP", "x509": "X.509"}


class EvidenceError(AgreedError):
    """Evidence could not be read (a reviews file, git); ``str(error)`` is a one-line message for users."""


@dataclass(frozen=True, slots=True)
class EvidenceCheck:
    """Whether one piece of evidence counts: ``kind`` and a one-line ``detail`` (what passed, or why not). A verdict,
    not a finding: it has no position in a file."""

    kind: str
    valid: bool
    detail: str


def vouched_identity(known: Identity | None, person: Person | None) -> Identity | None:
    """The identity trusted for a party: where the people roster lists the person, the roster's email, handle and
    keys ARE its identity (what the roster leaves out, it does not have), so an agreement that gives someone else's
    email or key cannot speak for a listed person; else ``known``. A person who has left vouches for no party that
    has no identity yet."""
    if person is None or (known is None and person.gone):
        return known
    return Identity(person.id, person.email, person.handle, person.keys)


def policy_of(agreement: Agreement) -> tuple[str, ...]:
    """The kinds of evidence an agreement accepts (``consent.evidence``), strictest first; :data:`DEFAULT_POLICY`
    when it lists none (unset, empty, or not a list). A list that names no kind agreed knows accepts none."""
    consent = agreement.consent
    if consent is None or not consent.listed:
        return DEFAULT_POLICY
    return tuple(kind for kind in KINDS if kind in consent.evidence)


# --- records --------------------------------------------------------------------------------------------------------


def check_record(record: ConsentRecord, identity: Identity, policy: Sequence[str], repository: Repository,
                 verifier: Verifier | None = None) -> Iterator[EvidenceCheck]:
    """What each record-based kind of the policy says about ``record``, strictest first (``review`` is not about
    records). Lazy: a caller that stops at the first valid finding runs no further check. SSH signatures are
    checked by ``verifier`` (default: one of its own, one ``ssh-keygen`` at a time)."""
    checks: dict[str, Callable[[], EvidenceCheck]] = {
        SSH_SIGNATURE: lambda: check_signature(record, identity, verifier),
        SIGNED_COMMIT: lambda: check_signed_commit(record, identity, repository, verifier),
        AUTHOR_EMAIL: lambda: check_author_email(record, identity, repository),
    }
    return (checks[kind]() for kind in policy if kind in checks)


def start_signature_check(record: ConsentRecord, identity: Identity, policy: Sequence[str],
                          verifier: Verifier) -> None:
    """Start in ``verifier`` the ``ssh-keygen`` run that :func:`check_record` will need for ``record``'s SSH
    signature (:meth:`agreed.consent.ssh.Verifier.start`), if the policy accepts one and the record carries one."""
    if SSH_SIGNATURE in policy and _signature_refused(record, identity) is None:
        assert record.signature is not None  # refused otherwise
        verifier.start(_consent_of(record), record.signature, identity.keys, identity.party)


def check_signature(record: ConsentRecord, identity: Identity, verifier: Verifier | None = None) -> EvidenceCheck:
    """Whether the record's SSH signature is over this consent by one of the party's trusted keys."""
    refused = _signature_refused(record, identity)
    if refused is not None:
        return refused
    assert record.signature is not None  # refused otherwise
    verdict = _verified(_consent_of(record), record.signature, identity, verifier)
    if verdict.valid:
        return EvidenceCheck(SSH_SIGNATURE, True, f"signed with {verdict.fingerprint}")
    return EvidenceCheck(SSH_SIGNATURE, False, str(verdict.reason))


def _signature_refused(record: ConsentRecord, identity: Identity) -> EvidenceCheck | None:
    """Why the record's SSH signature cannot count without asking ``ssh-keygen``; None when it must be asked."""
    if record.signature is None:
        return EvidenceCheck(SSH_SIGNATURE, False, "the record is not signed")
    if not identity.keys:
        return EvidenceCheck(SSH_SIGNATURE, False, f"no trusted key is listed for {identity.party}")
    return None


def _consent_of(record: ConsentRecord) -> str:
    return consent_message(record.agreement, record.party, record.digest)


def _verified(message: str | bytes, signature: str, identity: Identity, verifier: Verifier | None,
              namespace: str = NAMESPACE) -> Verdict:
    """:meth:`agreed.consent.ssh.Verifier.verify` against the party's trusted keys, in ``namespace``."""
    if verifier is None:
        with Verifier() as own:
            return _verified(message, signature, identity, own, namespace)
    try:
        return verifier.verify(message, signature, identity.keys, identity.party, namespace=namespace)
    except SshError as error:
        raise EvidenceError(str(error)) from None


def adding_commit(repository: Repository, path: Path) -> Addition | None:
    """The oldest commit of HEAD's history that added the file at ``path`` (its sha and author email); None if
    none did. Only the first addition counts: a re-added file does not launder consent. The additions of every
    ledger file are read in one walk of the history, once per repository object."""
    try:
        return additions(repository, LEDGER_PATHSPEC).get(repository.relative(path))
    except GitError as error:
        raise EvidenceError(str(error)) from None


def _addition(record: ConsentRecord, kind: str, repository: Repository) -> Addition | EvidenceCheck:
    """The commit that added the record, or the failing finding of ``kind`` that says why there is none."""
    if record.path is None:
        return EvidenceCheck(kind, False, "the record was not read from the ledger")
    added = adding_commit(repository, record.path)
    if added is None:
        return EvidenceCheck(kind, False, "the record is not committed")
    return added


def check_author_email(record: ConsentRecord, identity: Identity, repository: Repository) -> EvidenceCheck:
    """Whether the commit that added the record is authored by the party's trusted email."""
    if identity.email is None:
        return EvidenceCheck(AUTHOR_EMAIL, False, f"no trusted email is listed for {identity.party}")
    added = _addition(record, AUTHOR_EMAIL, repository)
    if isinstance(added, EvidenceCheck):
        return added
    if added.email.casefold() != identity.email.casefold():
        return EvidenceCheck(AUTHOR_EMAIL, False, f"the record was added in {added.commit[:12]} by {added.email}, "
                             f"not by {identity.party}'s email")
    return EvidenceCheck(AUTHOR_EMAIL, True, f"added in {added.commit[:12]} by {added.email}")


def check_signed_commit(record: ConsentRecord, identity: Identity, repository: Repository,
                        verifier: Verifier | None = None) -> EvidenceCheck:
    """Whether the commit that added the record carries an SSH signature by one of the party's trusted keys that
    verifies over that commit (git's ``gpg.format=ssh``, namespace ``git``); its author does not matter."""
    if not identity.keys:
        return EvidenceCheck(SIGNED_COMMIT, False, f"no trusted key is listed for {identity.party}")
    added = _addition(record, SIGNED_COMMIT, repository)
    if isinstance(added, EvidenceCheck):
        return added
    where = f"the record was added in {added.commit[:12]} by {added.email}"
    signature = _commit_signature(repository, added.commit)
    if signature is None:
        return EvidenceCheck(SIGNED_COMMIT, False, f"{where}, in an unsigned commit")
    if signature.format != "ssh":
        signed_with = _SIGNATURE_FORMAT_NAMES.get(signature.format, "an unknown kind of signature")
        return EvidenceCheck(SIGNED_COMMIT, False, f"{where}, signed with {signed_with}; only SSH signatures can be "
                             f"checked against the keys listed for {identity.party}")
    verdict = _verified(signature.payload, signature.signature, identity, verifier, GIT_NAMESPACE)
    if verdict.valid:
        return EvidenceCheck(SIGNED_COMMIT, True, f"added in {added.commit[:12]}, signed with {verdict.fingerprint}")
    signer = f" (signed with {verdict.fingerprint})" if verdict.fingerprint else ""
    return EvidenceCheck(SIGNED_COMMIT, False, f"{where}; commit signature: {verdict.reason}{signer}")


def _commit_signature(repository: Repository, commit: str) -> CommitSignature | None:
    try:
        return commit_signature(repository, commit)
    except GitError as error:
        raise EvidenceError(str(error)) from None


# --- reviews --------------------------------------------------------------------------------------------------------


def check_reviews(reviews: Sequence[Review], identity: Identity, repository: Repository, agreement_path: str,
                  digest: str) -> EvidenceCheck:
    """Whether the party's handle approved a commit at which the agreement (at ``agreement_path``, repo-relative)
    had ``digest``, and did not later request changes or have the approval dismissed."""
    if identity.handle is None:
        return EvidenceCheck(REVIEW, False, f"no trusted handle is listed for {identity.party}")
    handle = identity.handle.removeprefix("@").casefold()
    own = [review for review in reviews if review.login.casefold() == handle]
    decisive = [review for review in own if review.state in _DECISIVE]
    if not decisive or decisive[-1].state != "APPROVED":
        return EvidenceCheck(REVIEW, False, f"no standing approval by @{identity.handle}")
    for review in decisive:
        if review.state == "APPROVED" and _digest_at(repository, review.commit, agreement_path) == digest:
            return EvidenceCheck(REVIEW, True, f"approved by @{identity.handle} on {review.commit[:12]}")
    return EvidenceCheck(REVIEW, False, f"@{identity.handle} approved no commit with the current terms (only commits "
                         "with other terms, or that this clone does not have)")


def _digest_at(repository: Repository, commit: str, agreement_path: str) -> str | None:
    try:
        raw = repository.read(commit, agreement_path)
    except GitError:
        return None  # a commit this clone does not have cannot show which terms were approved
    if raw is None:
        return None
    result = digest_document(load_document(raw, agreement_path, positions=False))
    return result if isinstance(result, str) else None
