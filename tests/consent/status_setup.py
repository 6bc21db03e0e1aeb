"""Setting up consent statuses for the tests of :mod:`agreed.consent.trust`, :mod:`agreed.consent.status` and
:mod:`agreed.consent.gate`: the example agreement with chosen keys, evidence, terms and status, written into a real
temporary repository, records for its current terms, and the status read back."""

from __future__ import annotations

import datetime
from pathlib import Path

from agreed.consent.digest import digest_document
from agreed.consent.ledger import new_record, write_record
from agreed.consent.reviews import Review
from agreed.consent.roster import roster_at
from agreed.consent.ssh import consent_message, sign
from agreed.consent.status import AgreementStatus, agreement_status
from agreed.document import read_document
from agreed.git.repository import Repository
from gitrepo import AGREEMENT, DANIEL, EXAMPLE, MARIA, git


def agreement_text(*, maria_keys: tuple[str, ...] = (), evidence: str = "[ssh-signature, author-email]",
                   deadline: str = "2032-06-30", title: str = "Halve enterprise onboarding time",
                   status: str = "active", extra_party: str | None = None) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    keys = "keys: [" + ", ".join(f'"{key}"' for key in maria_keys) + "]"
    text = text.replace("    keys: []", f"    {keys}", 1)
    text = text.replace("  evidence: [review, signed-commit]", f"  evidence: {evidence}")
    text = text.replace("  deadline: 2032-06-30", f"  deadline: {deadline}")
    text = text.replace("title: Halve enterprise onboarding time", f"title: {title}")
    text = text.replace("status: active", f"status: {status}", 1)
    if extra_party is not None:
        text = _with_party(text, extra_party)
    return text


def _with_party(text: str, party: str) -> str:
    """A copy of daniel's entry as another party, with its own id, email and handle."""
    lines = text.splitlines(keepends=True)
    start = lines.index("  - id: daniel\n")
    end = next(index for index in range(start + 1, len(lines)) if not lines[index].startswith(("  ", "\n")))
    while not lines[end - 1].strip():
        end -= 1
    block = "".join(lines[start:end]).replace("id: daniel", f"id: {party}").replace(DANIEL, f"{party}@example.com")
    block = block.replace("handle: dokafor", f"handle: {party}")
    return "".join(lines[:end]) + block + "".join(lines[end:])


def write(repo: Path, text: str) -> None:
    (repo / AGREEMENT).write_text(text, encoding="utf-8")


def current_digest() -> str:
    result = digest_document(read_document(AGREEMENT))
    assert isinstance(result, str)
    return result


def record(party: str, key: Path | None = None, *, when: int = 0) -> Path:
    """Write ``party``'s record for the current digest (signed with ``key`` if given); its path."""
    digest = current_digest()
    signature = None if key is None else sign(consent_message("sales-onboarding", party, digest), key)
    moment = datetime.datetime(2031, 1, 2, tzinfo=datetime.UTC) + datetime.timedelta(days=when)
    return write_record(AGREEMENT, new_record("sales-onboarding", party, digest, lambda: moment, signature)).path


def status(repo: Path, *, base: str | None = None, reviews: tuple[Review, ...] = ()) -> AgreementStatus:
    with Repository.open(repo) as repository:
        return agreement_status(repository, repo / AGREEMENT, base=base, reviews=reviews)


def states(result: AgreementStatus) -> dict[str, str]:
    return {party.party: party.state for party in result.parties}


def party(result: AgreementStatus, name: str) -> tuple[str, str]:
    found = next(item for item in result.parties if item.party == name)
    return found.state, found.reason


ROSTER = f"""people:
  - id: maria
    name: Maria Chen
    email: {MARIA}
  - id: sam
    name: Sam Reyes
    email: sam@example.com
    status: gone
"""


def with_roster(repo: Path) -> None:
    (repo / ".agreed.yaml").write_text("people: people.yaml\n", encoding="utf-8")
    (repo / "people.yaml").write_text(ROSTER, encoding="utf-8")


def roster_status(repo: Path, base: str) -> AgreementStatus:
    with Repository.open(repo) as repository:
        roster = roster_at(repository, base, ".agreed.yaml")
        return agreement_status(repository, repo / AGREEMENT, base=base, roster=roster)


def commit_empty(repo: Path) -> str:
    git(repo, "commit", "-q", "--allow-empty", "-m", "Start")
    return git(repo, "rev-parse", "HEAD").strip()
