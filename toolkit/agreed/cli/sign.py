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

The flow is :func:`agreed.consent.signing.sign_consent`; this module parses the options, says whether a terminal can
answer a passphrase prompt (and keeps ssh-askpass out when none can), calls it and prints what it says.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path
from typing import NoReturn

import click

from agreed.cli.output import usage_error
from agreed.consent.ledger import ConsentRecord, Written
from agreed.consent.signing import SigningError, SignRequest, sign_consent
from agreed.consent.ssh import without_askpass
from agreed.report.lint.text_report import problem_line


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
    # without a terminal nobody can answer a passphrase prompt, not even a graphical one: never wait for one
    interactive = key is not None and sys.stdin.isatty()
    environment = None if key is None or interactive else without_askpass(os.environ)
    request = SignRequest(file, party_id, Path.cwd(), key=key, base=base, interactive=interactive,
                          environment=environment)
    try:
        result = sign_consent(request)
    except SigningError as error:
        _stopped(error)
    for note in result.notes:
        click.echo(note)
    _report(result.written)


def _stopped(error: SigningError) -> NoReturn:
    """Why the agreement does not validate, what was said before the signing stopped, then why it stopped."""
    for problem in error.problems:
        click.echo(problem_line(problem, color=False), err=True)
    for note in error.notes:
        click.echo(note)
    usage_error(str(error))


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
