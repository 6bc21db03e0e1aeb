"""``agreed sign FILE --as PARTY [--key KEY] [--base REV]``: record a party's consent to the current terms in the
repository.

The record goes to the consent ledger beside the agreement (:mod:`agreed.consent.ledger`): a new file per party and
digest, so parallel signatures never conflict. The agreement itself is never edited. With ``--key`` the consent is
also signed with SSH (:mod:`agreed.consent.ssh`), and only a key the consent gate trusts for the party is accepted:
listed in the people roster when it lists the person, else in ``parties[].keys``. Drafts are not ready for consent,
and ``ended`` and ``fulfilled`` agreements are final: both are refused.

A party that the change under review removes must consent to the new terms too (the consent gate says so). It is no
longer in the file, so ``--base REV`` names the revision the change started from: the party's entry is read from the
agreement as it was there (found as the consent gate finds it, :class:`agreed.consent.status.BaseRevision`: at the
same path, else by its id among the agreements of the folder the gate checks, :func:`_checked_places`), and its
keys there are the ones ``--key`` must match. The record is, as always, for the current digest. ``--base`` is
always resolved, also for a current party: an unknown revision is an error.

Without ``--key`` the record carries no signature. When the agreement's ``consent.evidence`` accepts only
``ssh-signature``, such a record could never count, so none is written: the command stops (exit 2) and says to sign
with ``--key``. A signed record takes the place of the same party's record without a signature for the same terms
(it says all that one said). Exit codes: 0 recorded (or already recorded), 2 anything that stops it.
"""

from __future__ import annotations

import datetime
import difflib
import os
import shlex
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from agreed.cli.output import usage_error
from agreed.consent.digest import DigestError, digest_document
from agreed.consent.evidence import SSH_SIGNATURE, identity_of, policy_of, vouched_identity
from agreed.consent.ledger import ConsentRecord, LedgerError, Written, new_record, write_record
from agreed.consent.roster import roster_at, roster_beside
from agreed.consent.ssh import SshError, consent_message, public_key_blob, sign, verify, without_askpass
from agreed.consent.status import DRAFT, FINAL_STATUSES, BaseRevision, StatusError
from agreed.document import Document, read_document
from agreed.git.repository import GitError, Repository
from agreed.lint.config import find_config
from agreed.lint.people import Roster, RosterError
from agreed.reading import Unreadable, read_file
from agreed.report.text_report import problem_line
from agreed.sources import default_folder, inside

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
    party = _party(data, party_id) if base is None else _party_at(file, data, party_id, base)
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


def _party(data: Mapping[str, Any], party_id: str) -> Mapping[str, Any]:
    """The entry of ``party_id`` in ``data``'s parties; a usage error that also points at --base when it is not."""
    found = _party_entry(data, party_id)
    if found is None:
        usage_error(f"{_not_a_party(data, party_id)}; if the change under review removed it, it consents with "
                    "--base REV, REV being the revision the change started from (e.g. origin/main)")
    return found


def _party_at(file: Path, data: Mapping[str, Any], party_id: str, base: str) -> Mapping[str, Any]:
    """With ``--base``: the revision ``base`` is resolved first (an unknown one is a usage error, whoever signs),
    then the party is looked up as :func:`_party_or_removed` does."""
    try:
        with Repository.open(file) as repository:
            revision = BaseRevision(repository, base, _checked_places(repository, file))
            return _party_or_removed(repository.relative(file), data, party_id, revision)
    except (GitError, StatusError) as error:
        usage_error(f"--base {base}: {error}")


def _checked_places(repository: Repository, file: Path) -> list[str]:
    """Where the consent gate looks for the agreement's base version: ``contracts/`` at the repository root when
    the file is below it (the gate's default), else the file's own folder (the gate given that file). An entry
    found anywhere else (a copy under docs/) is one the gate never trusts, so it must not be signed against."""
    folder = repository.relative(default_folder(repository.root))
    return [folder] if inside(repository.relative(file), [folder]) else [repository.relative(file.parent)]


def _party_or_removed(shown: str, data: Mapping[str, Any], party_id: str,
                      revision: BaseRevision) -> Mapping[str, Any]:
    """The entry of ``party_id`` in the agreement (at the repo-relative path ``shown``, else by its id) as it was at
    ``revision``, which is what the consent gate trusts (a party the change removed, or whose keys it changed);
    else its current entry (a party new in the change); else a usage error."""
    current = _party_entry(data, party_id)
    trusted, where, why_not = _entry_at(revision, shown, str(data["id"]), party_id)
    if trusted is not None and trusted != current:
        how = "removed since" if current is None else "its entry has changed since"
        click.echo(f"{party_id} is a party of {data['id']} at {where} and {how}: its consent to the current terms "
                   "is checked against its entry there (its keys, for --key).")
    entry = trusted if trusted is not None else current  # current only: a party new in the change
    if entry is None:
        usage_error(f"{_not_a_party(data, party_id)}, {why_not}")
    return entry


def _entry_at(revision: BaseRevision, shown: str, agreement_id: str,
              party_id: str) -> tuple[Mapping[str, Any] | None, str, str]:
    """(the party's entry at the revision, where the agreement was there, why there is no entry)."""
    found = revision.agreement(shown, agreement_id)
    if found is None:
        return None, revision.name, f"and {agreement_id} does not exist at {revision.name}"
    where = f"{revision.name} ({found.path})"
    if isinstance(digest_document(found.document), DigestError):
        return None, where, f"and {agreement_id} does not validate at {where}, so no party of it there can be trusted"
    return _party_entry(found.document.data, party_id), where, f"nor of its version at {where}"


def _party_entry(data: Mapping[str, Any], party_id: str) -> Mapping[str, Any] | None:
    parties: Sequence[Mapping[str, Any]] = data["parties"]
    return next((party for party in parties if party["id"] == party_id), None)


def _not_a_party(data: Mapping[str, Any], party_id: str) -> str:
    """``'x' is not a party of ID (a hint)``: the closest party id, else every party id."""
    known = [str(party["id"]) for party in data["parties"]]
    close = difflib.get_close_matches(party_id, known, n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"its parties are: {', '.join(known)}"
    return f"{party_id!r} is not a party of {data['id']} ({hint})"


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
    config = find_config(file.parent)
    if config is None:
        return None
    try:
        if base is None:
            return roster_beside(config, Path.cwd().resolve())
        with Repository.open(file) as repository:
            return roster_at(repository, base, repository.relative(config))
    except (GitError, RosterError) as error:
        usage_error(f"the people roster: {error}")


def _listed_keys(party: Mapping[str, Any], roster: Roster | None) -> tuple[tuple[str, ...], str]:
    """The keys the consent gate trusts for the party (:func:`agreed.consent.evidence.vouched_identity`), and
    where they are listed: the people roster, or the party's entry."""
    known = identity_of(party)
    trusted = vouched_identity(known, None if roster is None else roster.people.get(known.party))
    if trusted is None or trusted is known or roster is None:
        return known.keys, "parties[].keys"
    return trusted.keys, f"the people roster ({roster.path})"


def _signature(key: Path, agreement_id: str, party: Mapping[str, Any], digest: str, roster: Roster | None) -> str:
    """Sign the consent with ``key`` and make sure the signature verifies with a key trusted for the party."""
    party_id: str = party["id"]
    listed, where = _listed_keys(party, roster)
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
