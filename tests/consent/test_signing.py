"""Who signs (agreed.consent.signing), called directly on real temporary repositories: a current party, a party
the change removed read at the base revision, the roster the gate will trust and the keys listed for a party."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from agreed.consent.signing import (
    SigningError,
    current_party,
    listed_keys,
    not_a_party,
    party_at_base,
    signing_roster,
)
from agreed.document import read_document
from gitrepo import EXAMPLE, commit_all

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl maria@example.org"


@pytest.fixture
def agreement(repo: Path) -> Path:
    """contracts/demo.yaml (parties maria and daniel) committed on main."""
    file = repo / "contracts" / "demo.yaml"
    file.write_text(EXAMPLE.read_text(encoding="utf-8").replace("id: sales-onboarding\n", "id: demo\n", 1),
                    encoding="utf-8")
    commit_all(repo, "Propose demo")
    return file


def _data(file: Path) -> Any:
    return read_document(file).data


def _without_daniel(file: Path) -> None:
    """Remove daniel's entry: its lines up to the next party or top-level key."""
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("  - id: daniel\n")
    end = next(index for index in range(start + 1, len(lines)) if not lines[index].startswith("    "))
    file.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


def test_a_current_party_signs_with_its_entry(agreement: Path) -> None:
    signer = current_party(_data(agreement), "maria")
    assert (signer.entry["id"], signer.note) == ("maria", None)


def test_an_unknown_party_is_refused_with_the_closest_id_and_a_pointer_to_base(agreement: Path) -> None:
    with pytest.raises(SigningError) as raised:
        current_party(_data(agreement), "mria")
    assert str(raised.value).startswith("'mria' is not a party of demo (did you mean 'maria'?); if the change")
    assert "--base REV" in str(raised.value)
    assert not_a_party(_data(agreement), "zed") == "'zed' is not a party of demo (its parties are: maria, daniel)"


def test_a_party_the_change_removed_is_read_at_the_base_with_a_note(agreement: Path) -> None:
    _without_daniel(agreement)
    assert [party["id"] for party in _data(agreement)["parties"]] == ["maria"]
    signer = party_at_base(agreement, _data(agreement), "daniel", "HEAD")
    assert signer.entry["id"] == "daniel"
    assert signer.note is not None
    assert signer.note.startswith("daniel is a party of demo at HEAD (contracts/demo.yaml) and removed since")


def test_an_unchanged_party_at_the_base_needs_no_note(agreement: Path) -> None:
    assert party_at_base(agreement, _data(agreement), "maria", "HEAD").note is None


def test_an_unknown_base_or_a_party_nowhere_is_refused(agreement: Path) -> None:
    with pytest.raises(SigningError, match=r"^--base no-such-rev: "):
        party_at_base(agreement, _data(agreement), "maria", "no-such-rev")
    with pytest.raises(SigningError, match=r"'zed' is not a party of demo .*, nor of its version at HEAD"):
        party_at_base(agreement, _data(agreement), "zed", "HEAD")


def test_a_copy_outside_the_checked_places_is_never_signed_against(repo: Path) -> None:
    copy = repo / "docs" / "demo.yaml"
    copy.parent.mkdir()
    copy.write_text(EXAMPLE.read_text(encoding="utf-8").replace("id: sales-onboarding\n", "id: demo\n", 1),
                    encoding="utf-8")
    commit_all(repo, "The agreement under docs/ only")
    agreement = repo / "contracts" / "demo.yaml"
    shutil.copy(copy, agreement)
    _without_daniel(agreement)
    assert party_at_base(copy, _data(agreement), "daniel", "HEAD").entry["id"] == "daniel"  # docs/ is checked there
    with pytest.raises(SigningError, match=r"'daniel' is not a party of demo .*, and demo does not exist at HEAD"):
        party_at_base(agreement, _data(agreement), "daniel", "HEAD")


def test_the_roster_and_the_keys_it_lists_are_the_ones_trusted(repo: Path, agreement: Path) -> None:
    assert signing_roster(agreement, None, repo) is None
    (repo / ".agreed.yaml").write_text("people: people.yaml\n", encoding="utf-8")
    (repo / "people.yaml").write_text(f"people:\n  - id: maria\n    name: Maria Chen\n    keys: ['{KEY}']\n",
                                      encoding="utf-8")
    roster = signing_roster(agreement, None, repo)
    maria = current_party(_data(agreement), "maria").entry
    assert listed_keys(maria, None) == ((), "parties[].keys")
    assert roster is not None
    assert listed_keys(maria, roster) == ((KEY,), "the people roster (people.yaml)")
    with pytest.raises(SigningError, match=r"^the people roster: "):
        signing_roster(agreement, "no-such-rev", repo)
