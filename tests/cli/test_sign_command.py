"""``agreed sign FILE --as PARTY [--key KEY]`` on real temporary repositories with real ssh-keygen keys: what is
recorded where, parallel signatures that merge without conflict, re-signing, and every refusal (exit 2)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner, Result

from agreed.cli import main
from agreed.consent.digest import digest_document
from agreed.consent.ledger import ConsentRecord, read_records, record_path
from agreed.consent.ssh import consent_message, fingerprint, verify
from agreed.document import read_document
from gitrepo import git, public

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import MakeKey

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None or shutil.which("git") is None,
                                reason="needs ssh-keygen (OpenSSH) and git")

REPO = Path(__file__).resolve().parents[2]
FULFILLED = REPO / "contracts" / "clinic-scheduling.yaml"



def agreement_text(maria_key: str, *, deadline: str = "2031-06-30") -> str:
    return f"""\
# yaml-language-server: $schema=../schema/agreement.schema.json
# A comment the signing must never touch.
agreed: 1
id: demo
title: Demo agreement   # editorial
status: draft
parties:
  - id: maria
    name: Maria Chen
    keys:
      - {maria_key}
  - id: li
    name: Li Wei
results:
  deadline: {deadline}
"""


@pytest.fixture
def repo(tmp_path: Path, make_key: MakeKey, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with contracts/demo.yaml committed on main; the current folder."""
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "demo.yaml").write_text(agreement_text(public(make_key("maria"))), encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "Propose demo")
    return tmp_path


AGREEMENT = Path("contracts/demo.yaml")


def sign_as(party: str, *options: str, file: Path = AGREEMENT) -> Result:
    return CliRunner().invoke(main, ["sign", str(file), "--as", party, *options])


def current_digest(file: Path = AGREEMENT) -> str:
    result = digest_document(read_document(file))
    assert isinstance(result, str)
    return result


def records(file: Path = AGREEMENT) -> list[ConsentRecord]:
    read = read_records(file, "demo")
    assert all(isinstance(item, ConsentRecord) for item in read), read
    return [item for item in read if isinstance(item, ConsentRecord)]


def ledger_files(repo: Path) -> list[str]:
    root = repo / "contracts" / ".consent"
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


# --- recording ----------------------------------------------------------------------------------------------------


def test_sign_with_a_listed_key_records_a_verifiable_signature_and_says_what_next(repo: Path,
                                                                                   make_key: MakeKey) -> None:
    key = make_key("maria")
    before = AGREEMENT.read_bytes()
    result = sign_as("maria", "--key", str(key))
    assert result.exit_code == 0, result.output
    digest = current_digest()
    path = record_path(AGREEMENT, "demo", "maria", digest)
    assert ledger_files(repo) == [f"demo/maria/{digest[7:23]}.yaml"]
    shown = path.as_posix()
    assert f"Recorded maria's consent to demo ({digest}) in {shown}, signed with SSH key " in result.stdout
    assert f"git add {shown} && git commit" in result.stdout
    [record] = records()
    assert (record.agreement, record.party, record.digest) == ("demo", "maria", digest)
    assert record.key == fingerprint(public(key))
    assert record.signature is not None
    verdict = verify(consent_message("demo", "maria", digest), record.signature, [public(key)], "maria")
    assert verdict.valid, verdict
    assert AGREEMENT.read_bytes() == before  # the agreement, its comments and layout, untouched
    assert git(repo, "status", "--porcelain") == "?? contracts/.consent/\n"


def test_sign_without_a_key_records_an_unsigned_consent(repo: Path) -> None:
    result = sign_as("li")
    assert result.exit_code == 0, result.output
    assert "without an SSH signature" in result.stdout
    [record] = records()
    assert (record.party, record.signature, record.key) == ("li", None, None)
    text = record_path(AGREEMENT, "demo", "li", current_digest()).read_text(encoding="utf-8")
    assert "agreed-consent: 1\nagreement: demo\nparty: li\n" in text
    assert re.search(r'^signed_at: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"$', text, re.MULTILINE)


def test_signing_the_same_digest_twice_says_already_recorded(repo: Path, make_key: MakeKey) -> None:
    assert sign_as("maria", "--key", str(make_key("maria"))).exit_code == 0
    path = record_path(AGREEMENT, "demo", "maria", current_digest())
    before = path.read_bytes()
    for options in (["--key", str(make_key("maria"))], []):
        again = sign_as("maria", *options)
        assert again.exit_code == 0, again.output
        assert "is already recorded in" in again.stdout
        assert "nothing was written" in again.stdout
    assert path.read_bytes() == before
    assert len(ledger_files(repo)) == 1


def test_an_editorial_change_keeps_the_digest_so_the_consent_is_already_recorded(repo: Path) -> None:
    assert sign_as("li").exit_code == 0
    AGREEMENT.write_text(AGREEMENT.read_text(encoding="utf-8").replace("Demo agreement", "Renamed"),
                         encoding="utf-8")
    result = sign_as("li")
    assert result.exit_code == 0
    assert "already recorded" in result.stdout


def test_re_signing_after_a_material_change_adds_a_new_record(repo: Path, make_key: MakeKey) -> None:
    assert sign_as("maria", "--key", str(make_key("maria"))).exit_code == 0
    old = current_digest()
    AGREEMENT.write_text(agreement_text(public(make_key("maria")), deadline="2031-07-31"), encoding="utf-8")
    new = current_digest()
    assert new != old
    result = sign_as("maria", "--key", str(make_key("maria")))
    assert result.exit_code == 0, result.output
    assert ledger_files(repo) == sorted([f"demo/maria/{old[7:23]}.yaml", f"demo/maria/{new[7:23]}.yaml"])
    assert {record.digest for record in records()} == {old, new}


def test_two_parties_signing_in_two_branches_merge_without_conflict(repo: Path, make_key: MakeKey) -> None:
    git(repo, "switch", "-q", "-c", "maria-agrees")
    assert sign_as("maria", "--key", str(make_key("maria"))).exit_code == 0
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Consent of maria")
    git(repo, "switch", "-q", "-c", "li-agrees", "main")
    assert sign_as("li").exit_code == 0
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Consent of li")
    git(repo, "switch", "-q", "main")
    git(repo, "merge", "-q", "--no-edit", "maria-agrees")
    git(repo, "merge", "-q", "--no-edit", "li-agrees")  # a real merge commit; fails the test on any conflict
    assert len(git(repo, "rev-list", "--merges", "HEAD").split()) == 1
    assert git(repo, "status", "--porcelain") == ""
    assert sorted(record.party for record in records()) == ["li", "maria"]
    assert {record.digest for record in records()} == {current_digest()}


def test_re_signing_after_a_change_on_one_branch_merges_with_a_signature_on_another(repo: Path,
                                                                                  make_key: MakeKey) -> None:
    assert sign_as("maria", "--key", str(make_key("maria"))).exit_code == 0
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Consent of maria")
    git(repo, "switch", "-q", "-c", "renegotiate")
    AGREEMENT.write_text(agreement_text(public(make_key("maria")), deadline="2031-07-31"), encoding="utf-8")
    assert sign_as("maria", "--key", str(make_key("maria"))).exit_code == 0
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Move the deadline; maria agrees")
    git(repo, "switch", "-q", "main")
    assert sign_as("li").exit_code == 0
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Consent of li")
    git(repo, "merge", "-q", "--no-edit", "renegotiate")
    assert len(records()) == 3


# --- refusals -----------------------------------------------------------------------------------------------------


def test_an_unknown_party_is_refused_with_a_suggestion(repo: Path) -> None:
    result = sign_as("mria")
    assert result.exit_code == 2
    assert "'mria' is not a party of demo (did you mean 'maria'?)" in result.stderr
    assert "its parties are: maria, li" in sign_as("zoe").stderr
    assert not (repo / "contracts" / ".consent").exists()


@pytest.mark.parametrize("status", ["fulfilled", "ended"])
def test_a_final_status_is_refused(repo: Path, status: str) -> None:
    text = FULFILLED.read_text(encoding="utf-8").replace("status: fulfilled", f"status: {status}")
    final = Path("contracts/final.yaml")
    final.write_text(text, encoding="utf-8")
    party = read_document(final).data["parties"][0]["id"]
    result = sign_as(party, file=final)
    assert result.exit_code == 2
    assert f"contracts/final.yaml: the agreement is {status}, which is final" in result.stderr
    assert not (repo / "contracts" / ".consent").exists()


def test_a_key_not_listed_for_the_party_is_refused(repo: Path, make_key: MakeKey) -> None:
    result = sign_as("maria", "--key", str(make_key("intruder")))
    assert result.exit_code == 2
    assert "this key is not listed for maria in parties[].keys" in result.stderr
    assert not (repo / "contracts" / ".consent").exists()


def test_a_key_not_listed_is_refused_by_its_signature_when_no_public_half_is_beside_it(
        repo: Path, make_key: MakeKey, tmp_path_factory: pytest.TempPathFactory) -> None:
    lone = tmp_path_factory.mktemp("lone") / "key"
    shutil.copy(make_key("stranger"), lone)  # the private key alone: only the signature tells whose it is
    lone.chmod(0o600)
    result = sign_as("maria", "--key", str(lone))
    assert result.exit_code == 2
    assert "this key is not listed for maria in parties[].keys" in result.stderr
    assert f"({fingerprint(public(make_key('stranger')))})" in result.stderr


def test_another_partys_listed_key_is_not_this_partys(repo: Path, make_key: MakeKey) -> None:
    result = sign_as("li", "--key", str(make_key("maria")))
    assert result.exit_code == 2
    assert "no key is listed for li in parties[].keys" in result.stderr


def test_a_missing_key_file_is_refused(repo: Path) -> None:
    result = sign_as("maria", "--key", "no-such-key")
    assert result.exit_code == 2
    assert "no SSH key file at no-such-key" in result.stderr


def test_an_agreement_that_does_not_validate_cannot_be_signed(repo: Path) -> None:
    AGREEMENT.write_text(AGREEMENT.read_text(encoding="utf-8").replace("status: draft", "status: agreed-ish"),
                         encoding="utf-8")
    result = sign_as("maria")
    assert result.exit_code == 2
    assert "contracts/demo.yaml:6:" in result.stderr
    assert "no digest" in result.stderr
    assert not (repo / "contracts" / ".consent").exists()


def test_a_different_record_in_the_way_is_refused(repo: Path, make_key: MakeKey) -> None:
    assert sign_as("maria").exit_code == 0
    result = sign_as("maria", "--key", str(make_key("maria")))
    assert result.exit_code == 2
    assert "a different consent record for this digest is already at" in result.stderr
