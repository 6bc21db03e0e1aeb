"""``agreed sign FILE --as PARTY [--key KEY] [--base REV]``: record a party's consent to the current terms in the
repository.

The record goes to the consent ledger beside the agreement (:mod:`agreed.consent.ledger`): a new file per party and
digest, so parallel signatures never conflict. The agreement itself is never edited. With ``--key`` the consent is
also signed with SSH (:mod:`agreed.consent.ssh`), and only a key the consent gate trusts for the party is accepted:
listed in the people roster when it lists the person, else in ``parties[].keys``. Drafts are not ready for consent,
and ``ended`` and ``fulfilled`` agreements are final: both are refused.

A party that the change under review removes must consent to the new terms too (the consent gate says so). It is no
longer in the file, so ``--base REV`` names the revision the change started from: the party's entry is read from the
agreement as it was there (found as the consent gate finds it, :class:`agreed.consent.trust.BaseRevision`: at the
same path, else by its id among the agreements of the folder the gate checks, :mod:`agreed.consent.signing`), and its
keys there are the ones ``--key`` must match. The record is, as always, for the current digest. ``--base`` is
always resolved, also for a current party: an unknown revision is an error.

Without ``--key`` the record carries no signature. When the agreement's ``consent.evidence`` accepts only
``ssh-signature``, such a record could never count, so none is written: the command stops (exit 2) and says to sign
with ``--key``. A signed record takes the place of the same party's record without a signature for the same terms
(it says all that one said). Exit codes: 0 recorded (or already recorded), 2 anything that stops it.
"""

from __future__ import annotations

import datetime
import os
import shlex
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from agreed.cli.output import usage_error
from agreed.consent.digest import DigestError, digest_document
from agreed.consent.evidence import SSH_SIGNATURE, policy_of
from agreed.consent.ledger import ConsentRecord, LedgerError, Written, new_record, write_record
from agreed.consent.signing import SigningError, current_party, listed_keys, party_at_base, signing_roster
from agreed.consent.ssh import SshError, consent_message, public_key_blob, sign, verify, without_askpass
from agreed.consent.status import DRAFT, FINAL_STATUSES
from agreed.document import Document, read_document
from agreed.people import Roster
from agreed.reading import Unreadable, read_file
from agreed.report.lint.text_report import problem_line

MAX_KEY_FILE_BYTES = 64 * 1024


@click.command("sign")
@click.argument("file", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--as", "party_id", required=True, metavar="PARTY", help="The party whose consent is recorded.")
@click.option("--key", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="PATH",
              help="Sign the consent with this SSH key (a private key, or a public key held by ssh-agent); it must "
                   "be listed for PARTY (the people roster when it lists PARTY, else parties[].keys).")
@click.option("--base", metavar="REV", default=None,
              help="The revision the change under review started from (e.g. origin/main): PARTY's entry is read "
                   "from the agreement as it was there (its keys for --key), as the consent gate reads it; needed "
                   "for a party the change removed or whose keys it replaced.")
def command(file: Path, party_id: str, key: Path | None, base: str | None) -> None:
    """Record PARTY's consent to the current terms of the agreement FILE (optionally signed with an SSH key).

    The consent is bound to the digest of the terms ('agreed digest') and written as a new file in
    .consent/<agreement id>/<party>/ beside FILE; commit it. FILE itself is never changed. A party that the change
    removed consents to the new terms too: name the change's base with --base REV. An agreement that accepts only
    'ssh-signature' as evidence needs --key (a record without a signature would not count). A signed record replaces
    PARTY's record without a signature for the same terms.
    Exit codes: 0 recorded or already recorded, 2 the agreement does not validate, is a draft (set 'status:
    proposed' first) or final, PARTY is not one of its parties (nor, with --base, one at REV), --base names no
    revision, --key is missing where only signatures count, or the key cannot sign or is not listed for PARTY.
    """
    if file.as_posix() == "-":
        usage_error("sign records consent beside an agreement file in a repository: name the file, not standard input")
    document = read_document(file, file.as_posix())
    digest = _digest(document)
    data: Mapping[str, Any] = document.data
    agreement_id: str = data["id"]
    _check_status(file, data)
    party = _signer(file, data, party_id, base)
    if key is None:
        _refuse_if_only_signatures_count(file, data, party_id)
    signature = None if key is None else _signature(key, agreement_id, party, digest, _roster(file, base))
    record = new_record(agreement_id, party_id, digest, _now, signature)
    try:
        written = write_record(file, record)
    except LedgerError as error:
        usage_error(str(error))
    _report(written)


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _digest(document: Document) -> str:
    result = digest_document(document)
    if isinstance(result, DigestError):
        for problem in result.problems:
            click.echo(problem_line(problem, color=False), err=True)
        usage_error(f"{result.message}; fix it ('agreed validate {document.path}') and sign again")
    return result


def _check_status(file: Path, data: Mapping[str, Any]) -> None:
    status = data["status"]
    if status == DRAFT:
        usage_error(f"{file.as_posix()}: the agreement is a draft, which is not ready for consent: set 'status: "
                    "proposed' first (every element filled in; 'agreed validate' checks it), then sign")
    if status in FINAL_STATUSES:
        usage_error(f"{file.as_posix()}: the agreement is {status}, which is final: consent can no longer be "
                    "recorded for it (start a new agreement to agree on new terms)")


def _signer(file: Path, data: Mapping[str, Any], party_id: str, base: str | None) -> Mapping[str, Any]:
    """The party's entry the consent is checked against (:mod:`agreed.consent.signing`), said when it is the one
    at ``base``; a usage error when there is none."""
    try:
        signer = current_party(data, party_id) if base is None else party_at_base(file, data, party_id, base)
    except SigningError as error:
        usage_error(str(error))
    if signer.note is not None:
        click.echo(signer.note)
    return signer.entry


def _refuse_if_only_signatures_count(file: Path, data: Mapping[str, Any], party_id: str) -> None:
    """Stop before writing a record without a signature that could never count: the agreement accepts only
    ``ssh-signature`` as evidence."""
    if policy_of(data) == (SSH_SIGNATURE,):
        usage_error(f"{file.as_posix()} accepts only an SSH-signed consent (consent.evidence: [{SSH_SIGNATURE}]), "
                    f"so a record without a signature would not count; nothing was written: sign with --key PATH "
                    f"(a key listed for {party_id}): agreed sign {shlex.quote(file.as_posix())} --as {party_id} "
                    "--key ~/.ssh/id_ed25519")


# --- signing ------------------------------------------------------------------------------------------------------


def _roster(file: Path, base: str | None) -> Roster | None:
    """The people roster the consent gate will trust: as it was at ``base``, else the work tree's."""
    try:
        return signing_roster(file, base, Path.cwd())
    except SigningError as error:
        usage_error(str(error))


def _signature(key: Path, agreement_id: str, party: Mapping[str, Any], digest: str, roster: Roster | None) -> str:
    """Sign the consent with ``key`` and make sure the signature verifies with a key trusted for the party."""
    party_id: str = party["id"]
    listed, where = listed_keys(party, roster)
    if not listed:
        usage_error(f"no key is listed for {party_id} in {where}: add the public key there first (a "
                    "material change, so agree on it), or sign without --key")
    _check_public_half(key, party_id, listed)
    message = consent_message(agreement_id, party_id, digest)
    try:
        terminal = sys.stdin.isatty()
        # without a terminal nobody can answer a passphrase prompt, not even a graphical one: never wait for one
        signature = sign(message, key, interactive=terminal,
                         environment=None if terminal else without_askpass(os.environ))
        verdict = verify(message, signature, listed, party_id)
    except SshError as error:
        usage_error(str(error))
    if not verdict.valid:
        if verdict.reason is not None and verdict.reason.startswith("signed by a key not listed"):
            _not_listed(key, party_id, verdict.fingerprint)
        usage_error(f"the signature made with {key} does not verify: {verdict.reason}")
    return signature


def _check_public_half(key: Path, party_id: str, listed: Sequence[str]) -> None:
    """Refuse a key whose public half is known and not listed, before anything asks for a passphrase."""
    public = _public_half(key)
    if public is None:
        return
    if public not in {public_key_blob(entry) for entry in listed}:
        _not_listed(key, party_id, None)


def _public_half(key: Path) -> bytes | None:
    """The public key blob of ``key`` when the file is a public key or has a ``.pub`` beside it; else None."""
    for candidate in (key, key.with_name(key.name + ".pub")):
        raw = read_file(candidate, MAX_KEY_FILE_BYTES)
        if isinstance(raw, Unreadable):
            continue
        blob = public_key_blob(raw.decode("utf-8", errors="replace").strip())
        if blob is not None:
            return blob
    return None


def _not_listed(key: Path, party_id: str, fingerprint: str | None) -> NoReturn:
    shown = f"{key} ({fingerprint})" if fingerprint else str(key)
    usage_error(f"{shown}: this key is not listed for {party_id} in parties[].keys; sign with a listed key, or "
                "add this one there first (a material change, so agree on it)")


# --- reporting ------------------------------------------------------------------------------------------------------


def _report(written: Written) -> None:
    record, path = written.record, written.path.as_posix()
    if written.already_recorded:
        click.echo(f"{record.party}'s consent to {record.agreement} ({record.digest}) is already recorded in {path} "
                   f"(since {_when(record)}); nothing was written.")
        click.echo(f"Next: if it is not committed yet, commit it: git add {shlex.quote(path)} && git commit")
        return
    replacing = " (replacing the same consent without a signature)" if written.replaced_unsigned else ""
    click.echo(f"Recorded {record.party}'s consent to {record.agreement} ({record.digest}) in {path}, "
               f"{_how(record)}{replacing}.")
    message = shlex.quote(f"Consent of {record.party} to {record.agreement}")
    click.echo(f"Next: commit it and push it with the change under review: git add {shlex.quote(path)} && "
               f"git commit -m {message}")


def _when(record: ConsentRecord) -> str:
    return record.signed_at.strftime("%Y-%m-%dT%H:%M:%SZ")


def _how(record: ConsentRecord) -> str:
    return f"signed with SSH key {record.key}" if record.key else "without an SSH signature"
