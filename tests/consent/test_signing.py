"""Who signs and the signing flow (agreed.consent.signing), called directly on real temporary repositories: a
current party, a party the change removed read at the base revision, the roster the gate will trust, the keys listed
for a party, and sign_consent's records and refusals."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from agreed.agreement import Agreement, agreement_of
from agreed.consent.digest import digest_document
from agreed.consent.ledger import read_records
from agreed.consent.signing import (
    SigningError,
    SignRequest,
    current_party,
    listed_keys,
    not_a_party,
    party_at_base,
    sign_consent,
    signing_roster,
)
from agreed.consent.ssh import consent_message, fingerprint, verify
from agreed.document import Document, read_document
from gitrepo import EXAMPLE, commit_all, public

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import MakeKey

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


def _document(file: Path) -> Document:
    return read_document(file)


def _view(file: Path) -> Agreement:
    return agreement_of(read_document(file))


def _without_daniel(file: Path) -> None:
    """Remove daniel's entry: its lines up to the next party or top-level key."""
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("  - id: daniel\n")
    end = next(index for index in range(start + 1, len(lines)) if not lines[index].startswith("    "))
    file.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


def test_a_current_party_signs_with_its_entry(agreement: Path) -> None:
    signer = current_party(_view(agreement), "maria")
    assert (signer.entry.id, signer.note) == ("maria", None)


def test_an_unknown_party_is_refused_with_the_closest_id_and_a_pointer_to_base(agreement: Path) -> None:
    with pytest.raises(SigningError) as raised:
        current_party(_view(agreement), "mria")
    assert str(raised.value).startswith("'mria' is not a party of demo (did you mean 'maria'?); if the change")
    assert "--base REV" in str(raised.value)
    assert not_a_party(_view(agreement), "zed") == "'zed' is not a party of demo (its parties are: maria, daniel)"


def test_a_party_the_change_removed_is_read_at_the_base_with_a_note(agreement: Path) -> None:
    _without_daniel(agreement)
    assert [party["id"] for party in _data(agreement)["parties"]] == ["maria"]
    signer = party_at_base(agreement, _document(agreement), "daniel", "HEAD")
    assert signer.entry.id == "daniel"
    assert signer.note is not None
    assert signer.note.startswith("daniel is a party of demo at HEAD (contracts/demo.yaml) and removed since")


def test_an_unchanged_party_at_the_base_needs_no_note(agreement: Path) -> None:
    assert party_at_base(agreement, _document(agreement), "maria", "HEAD").note is None


def test_a_party_whose_entry_changed_only_in_an_extension_key_is_told_so(agreement: Path) -> None:
    """The entry is compared whole, as written: an x- key the typed view does not read counts too."""
    text = agreement.read_text(encoding="utf-8")
    agreement.write_text(text.replace("  - id: maria\n", "  - id: maria\n    x-cost-centre: '4711'\n", 1),
                         encoding="utf-8")
    signer = party_at_base(agreement, _document(agreement), "maria", "HEAD")
    assert signer.entry.id == "maria"
    assert signer.note is not None
    assert "and its entry has changed since" in signer.note


def test_an_unknown_base_or_a_party_nowhere_is_refused(agreement: Path) -> None:
    with pytest.raises(SigningError, match=r"^--base no-such-rev: "):
        party_at_base(agreement, _document(agreement), "maria", "no-such-rev")
    with pytest.raises(SigningError, match=r"'zed' is not a party of demo .*, nor of its version at HEAD"):
        party_at_base(agreement, _document(agreement), "zed", "HEAD")


def test_a_copy_outside_the_checked_places_is_never_signed_against(repo: Path) -> None:
    copy = repo / "docs" / "demo.yaml"
    copy.parent.mkdir()
    copy.write_text(EXAMPLE.read_text(encoding="utf-8").replace("id: sales-onboarding\n", "id: demo\n", 1),
                    encoding="utf-8")
    commit_all(repo, "The agreement under docs/ only")
    agreement = repo / "contracts" / "demo.yaml"
    shutil.copy(copy, agreement)
    _without_daniel(agreement)
    assert party_at_base(copy, _document(agreement), "daniel", "HEAD").entry.id == "daniel"  # docs/ is checked there
    with pytest.raises(SigningError, match=r"'daniel' is not a party of demo .*, and demo does not exist at HEAD"):
        party_at_base(agreement, _document(agreement), "daniel", "HEAD")


def test_an_id_held_by_two_current_files_is_matched_to_the_base_by_path_only(agreement: Path) -> None:
    renamed = agreement.with_name("renamed.yaml")
    agreement.rename(renamed)
    _without_daniel(renamed)
    assert party_at_base(renamed, _document(renamed), "daniel", "HEAD").entry.id == "daniel"  # a move: found by id
    shutil.copy(renamed, agreement.with_name("copy.yaml"))
    with pytest.raises(SigningError, match=r"'daniel' is not a party of demo .*, and contracts/renamed.yaml held no "
                                           r"demo at HEAD \(another file holds demo now: contracts/copy.yaml;"):
        party_at_base(renamed, _document(renamed), "daniel", "HEAD")
    shutil.copy(renamed, agreement)  # back at its base path, it is that agreement again, whatever the copy holds
    assert party_at_base(agreement, _document(agreement), "daniel", "HEAD").entry.id == "daniel"


def test_the_roster_and_the_keys_it_lists_are_the_ones_trusted(repo: Path, agreement: Path) -> None:
    assert signing_roster(agreement, None, repo) is None
    (repo / ".agreed.yaml").write_text("people: people.yaml\n", encoding="utf-8")
    (repo / "people.yaml").write_text(f"people:\n  - id: maria\n    name: Maria Chen\n    keys: ['{KEY}']\n",
                                      encoding="utf-8")
    roster = signing_roster(agreement, None, repo)
    maria = current_party(_view(agreement), "maria").entry
    assert listed_keys(maria, None) == ((), "parties[].keys")
    assert roster is not None
    assert listed_keys(maria, roster) == ((KEY,), "the people roster (people.yaml)")
    with pytest.raises(SigningError, match=r"^the people roster: "):
        signing_roster(agreement, "no-such-rev", repo)


# --- sign_consent: the whole signing flow ------------------------------------------------------------------------

needs_ssh_keygen = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs ssh-keygen (OpenSSH)")
SIGNED_AT = datetime.datetime(2031, 5, 6, 7, 8, 9, tzinfo=datetime.UTC)


def _request(file: Path, party_id: str, key: Path | None = None, base: str | None = None) -> SignRequest:
    return SignRequest(file, party_id, file.parents[1], key=key, base=base, clock=lambda: SIGNED_AT)


def _listing(file: Path, maria_key: str) -> None:
    """List ``maria_key`` for maria (the first party's keys) in the agreement."""
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("    keys: []\n", f"    keys:\n      - {maria_key}\n", 1), encoding="utf-8")


def _replaced(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _ledger(repo: Path) -> list[Path]:
    return sorted(path for path in (repo / "contracts").rglob(".consent/**/*") if path.is_file())


def _digest(file: Path) -> str:
    digest = digest_document(read_document(file))
    assert isinstance(digest, str)
    return digest


def test_sign_consent_without_a_key_writes_an_unsigned_record_at_the_clock_s_time(agreement: Path) -> None:
    result = sign_consent(_request(agreement, "daniel"))
    assert (result.notes, result.written.already_recorded) == ((), False)
    [record] = read_records(agreement, "demo")
    assert record == result.written.record
    assert (record.party, record.digest, record.signed_at, record.signature) == ("daniel", _digest(agreement),
                                                                                 SIGNED_AT, None)
    assert sign_consent(_request(agreement, "daniel")).written.already_recorded


@needs_ssh_keygen
def test_sign_consent_with_a_listed_key_writes_a_signature_that_verifies(agreement: Path, make_key: MakeKey) -> None:
    key = make_key("maria")
    _listing(agreement, public(key))
    written = sign_consent(_request(agreement, "maria", key)).written
    record = written.record
    assert (record.key, written.path.is_file()) == (fingerprint(public(key)), True)
    assert record.signature is not None
    assert verify(consent_message("demo", "maria", _digest(agreement)), record.signature, [public(key)], "maria").valid


@pytest.mark.parametrize(("status", "said"), [("draft", "the agreement is a draft, which is not ready for consent"),
                                              ("fulfilled", "the agreement is fulfilled, which is final")])
def test_sign_consent_refuses_a_draft_and_a_final_agreement(repo: Path, agreement: Path, status: str,
                                                            said: str) -> None:
    _replaced(agreement, "status: active\n", f"status: {status}\n")
    with pytest.raises(SigningError, match=f"^contracts/demo.yaml: {said}"):
        sign_consent(_request(Path("contracts/demo.yaml"), "daniel"))
    assert _ledger(repo) == []


def test_sign_consent_refuses_an_agreement_that_does_not_validate_with_its_problems(repo: Path,
                                                                                    agreement: Path) -> None:
    _replaced(agreement, "status: active\n", "status: unheard-of\n")
    with pytest.raises(SigningError, match=r"; fix it \('agreed validate .*demo.yaml'\) and sign again$") as raised:
        sign_consent(_request(agreement, "daniel"))
    assert raised.value.problems
    assert all(problem.path.endswith("demo.yaml") for problem in raised.value.problems)
    assert _ledger(repo) == []


def test_sign_consent_without_a_key_where_only_signatures_count_writes_nothing(repo: Path, agreement: Path) -> None:
    _replaced(agreement, "evidence: [review, signed-commit]", "evidence: [ssh-signature]")
    with pytest.raises(SigningError, match=r"accepts only an SSH-signed consent .* nothing was written: sign with "
                                           r"--key PATH \(a key listed for daniel\)"):
        sign_consent(_request(agreement, "daniel"))
    assert _ledger(repo) == []


@needs_ssh_keygen
def test_sign_consent_refuses_a_key_not_listed_for_the_party(repo: Path, agreement: Path, make_key: MakeKey) -> None:
    with pytest.raises(SigningError, match=r"^no key is listed for maria in parties\[\]\.keys"):
        sign_consent(_request(agreement, "maria", make_key("maria")))
    _listing(agreement, public(make_key("maria")))
    stranger = make_key("stranger")
    with pytest.raises(SigningError, match=rf"^{stranger}: this key is not listed for maria in parties\[\]\.keys"):
        sign_consent(_request(agreement, "maria", stranger))
    assert _ledger(repo) == []


@needs_ssh_keygen
def test_sign_consent_trusts_the_roster_s_keys_over_the_party_s(repo: Path, agreement: Path,
                                                               make_key: MakeKey) -> None:
    _listing(agreement, public(make_key("maria")))  # listed in the agreement, but the roster lists another
    rostered = make_key("rostered")
    (repo / ".agreed.yaml").write_text("people: people.yaml\n", encoding="utf-8")
    roster = f"people:\n  - id: maria\n    name: Maria Chen\n    keys: ['{public(rostered)}']\n"
    (repo / "people.yaml").write_text(roster, encoding="utf-8")
    with pytest.raises(SigningError, match="this key is not listed for maria"):
        sign_consent(_request(agreement, "maria", make_key("maria")))
    assert sign_consent(_request(agreement, "maria", rostered)).written.record.key == fingerprint(public(rostered))


@needs_ssh_keygen
def test_sign_consent_says_a_removed_party_is_read_at_the_base_also_when_it_stops(agreement: Path,
                                                                                  make_key: MakeKey) -> None:
    _replaced(agreement, "  - id: daniel\n", "  - id: dana\n")  # daniel leaves, dana joins: the terms still validate
    result = sign_consent(_request(agreement, "daniel", base="HEAD"))
    [note] = result.notes
    assert note.startswith("daniel is a party of demo at HEAD (contracts/demo.yaml) and removed since")
    with pytest.raises(SigningError, match=r"^no key is listed for daniel") as raised:
        sign_consent(_request(agreement, "daniel", make_key("daniel"), base="HEAD"))
    assert raised.value.notes == (note,)


def test_sign_consent_refuses_a_record_in_the_way(repo: Path, agreement: Path) -> None:
    written = sign_consent(_request(agreement, "daniel")).written
    written.path.write_text("not: a record\n", encoding="utf-8")
    with pytest.raises(SigningError):
        sign_consent(_request(agreement, "daniel"))
    assert written.path.read_text(encoding="utf-8") == "not: a record\n"
