"""Who signs, and with which keys: a party's entry as the consent gate will trust it when ``agreed sign`` records
its consent.

A party that the change under review removed (or whose keys it replaced) is trusted as it was at the revision the
change started from: its entry is read from the agreement there, found as the consent gate finds it
(:class:`agreed.consent.trust.BaseRevision`: at the same path, else by its id among the agreements of the folder the
gate checks, :func:`checked_places`). The people roster the gate trusts is read the same way. Nothing here prints or
exits: what stops the signing is raised as :class:`SigningError`, with the message to show.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agreed.consent.digest import DigestError, digest_document
from agreed.consent.evidence import identity_of, vouched_identity
from agreed.consent.roster import roster_at, roster_beside
from agreed.consent.trust import BaseRevision, StatusError
from agreed.errors import AgreedError
from agreed.git.repository import GitError, Repository
from agreed.people import Roster, RosterError
from agreed.settings import find_config
from agreed.sources import default_folder, inside


class SigningError(AgreedError):
    """The party, the base revision or the roster cannot be used for signing; the message says why."""


@dataclass(frozen=True, slots=True)
class Signer:
    """The party entry the consent is checked against and, when it is the entry at the base revision and differs
    from the current one, a note that says so."""

    entry: Mapping[str, Any]
    note: str | None = None


def current_party(data: Mapping[str, Any], party_id: str) -> Signer:
    """The entry of ``party_id`` in ``data``'s parties; an error that also points at --base when it is not there."""
    found = party_entry(data, party_id)
    if found is None:
        raise SigningError(f"{not_a_party(data, party_id)}; if the change under review removed it, it consents "
                           "with --base REV, REV being the revision the change started from (e.g. origin/main)")
    return Signer(found)


def party_at_base(file: Path, data: Mapping[str, Any], party_id: str, base: str) -> Signer:
    """With ``--base``: the revision ``base`` is resolved first (an unknown one is an error, whoever signs), then
    the party is looked up as :func:`_party_or_removed` does."""
    try:
        with Repository.open(file) as repository:
            revision = BaseRevision(repository, base, checked_places(repository, file))
            return _party_or_removed(repository.relative(file), data, party_id, revision)
    except (GitError, StatusError) as error:
        raise SigningError(f"--base {base}: {error}") from error


def checked_places(repository: Repository, file: Path) -> list[str]:
    """Where the consent gate looks for the agreement's base version: ``contracts/`` at the repository root when
    the file is below it (the gate's default), else the file's own folder (the gate given that file). An entry
    found anywhere else (a copy under docs/) is one the gate never trusts, so it must not be signed against."""
    folder = repository.relative(default_folder(repository.root))
    return [folder] if inside(repository.relative(file), [folder]) else [repository.relative(file.parent)]


def _party_or_removed(shown: str, data: Mapping[str, Any], party_id: str, revision: BaseRevision) -> Signer:
    """The entry of ``party_id`` in the agreement (at the repo-relative path ``shown``, else by its id) as it was at
    ``revision``, which is what the consent gate trusts (a party the change removed, or whose keys it changed);
    else its current entry (a party new in the change); else an error."""
    current = party_entry(data, party_id)
    trusted, where, why_not = _entry_at(revision, shown, str(data["id"]), party_id)
    note = None
    if trusted is not None and trusted != current:
        how = "removed since" if current is None else "its entry has changed since"
        note = (f"{party_id} is a party of {data['id']} at {where} and {how}: its consent to the current terms is "
                "checked against its entry there (its keys, for --key).")
    entry = trusted if trusted is not None else current  # current only: a party new in the change
    if entry is None:
        raise SigningError(f"{not_a_party(data, party_id)}, {why_not}")
    return Signer(entry, note)


def _entry_at(revision: BaseRevision, shown: str, agreement_id: str,
              party_id: str) -> tuple[Mapping[str, Any] | None, str, str]:
    """(the party's entry at the revision, where the agreement was there, why there is no entry)."""
    found = revision.agreement(shown, agreement_id)
    if found is None:
        return None, revision.name, f"and {agreement_id} does not exist at {revision.name}"
    where = f"{revision.name} ({found.path})"
    if isinstance(digest_document(found.document), DigestError):
        return None, where, f"and {agreement_id} does not validate at {where}, so no party of it there can be trusted"
    return party_entry(found.document.data, party_id), where, f"nor of its version at {where}"


def party_entry(data: Mapping[str, Any], party_id: str) -> Mapping[str, Any] | None:
    parties: Sequence[Mapping[str, Any]] = data["parties"]
    return next((party for party in parties if party["id"] == party_id), None)


def not_a_party(data: Mapping[str, Any], party_id: str) -> str:
    """``'x' is not a party of ID (a hint)``: the closest party id, else every party id."""
    known = [str(party["id"]) for party in data["parties"]]
    close = difflib.get_close_matches(party_id, known, n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"its parties are: {', '.join(known)}"
    return f"{party_id!r} is not a party of {data['id']} ({hint})"


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


def listed_keys(party: Mapping[str, Any], roster: Roster | None) -> tuple[tuple[str, ...], str]:
    """The keys the consent gate trusts for the party (:func:`agreed.consent.evidence.vouched_identity`), and
    where they are listed: the people roster, or the party's entry."""
    known = identity_of(party)
    trusted = vouched_identity(known, None if roster is None else roster.people.get(known.party))
    if trusted is None or trusted is known or roster is None:
        return known.keys, "parties[].keys"
    return trusted.keys, f"the people roster ({roster.path})"
