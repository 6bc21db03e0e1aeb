"""``agreed sign FILE --as PARTY [--key KEY] [--base REV]`` on real temporary repositories with real ssh-keygen keys:
what is recorded where, parallel signatures that merge without conflict, re-signing, a party removed by the change
consenting with --base, and every refusal (exit 2)."""

from __future__ import annotations

import json
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
from agreed.schema import template_path
from gitrepo import EXAMPLE, commit_all, git, public

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import MakeKey

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None or shutil.which("git") is None,
                                reason="needs ssh-keygen (OpenSSH) and git")

REPO = Path(__file__).resolve().parents[2]
FULFILLED = REPO / "contracts" / "clinic-scheduling.yaml"
THREE_PARTIES = REPO / "contracts" / "data-platform-migration.yaml"  # proposed; aisha, kenji and tomas
TOMAS = "tomas.herrera@example.org"



def agreement_text(maria_key: str, *, deadline: str = "2032-06-30", status: str = "proposed") -> str:
    """The complete example agreement as ``demo`` (parties maria and daniel), with ``status`` and ``deadline``,
    ``maria_key`` listed for maria, and a comment the signing must never touch."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("agreed: 1\n", "# A comment the signing must never touch.\nagreed: 1\n", 1)
    text = text.replace("id: sales-onboarding\n", "id: demo\n", 1).replace("status: active\n", f"status: {status}\n", 1)
    text = text.replace("    keys: []\n", f"    keys:\n      - {maria_key}\n", 1)  # maria's is the first
    return text.replace("  deadline: 2032-06-30\n", f"  deadline: {deadline}\n", 1)


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
    result = sign_as("daniel")
    assert result.exit_code == 0, result.output
    assert "without an SSH signature" in result.stdout
    [record] = records()
    assert (record.party, record.signature, record.key) == ("daniel", None, None)
    text = record_path(AGREEMENT, "demo", "daniel", current_digest()).read_text(encoding="utf-8")
    assert "agreed-consent: 1\nagreement: demo\nparty: daniel\n" in text
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
    assert sign_as("daniel").exit_code == 0
    AGREEMENT.write_text(AGREEMENT.read_text(encoding="utf-8").replace("Halve enterprise onboarding time", "Renamed"),
                         encoding="utf-8")
    result = sign_as("daniel")
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
    git(repo, "switch", "-q", "-c", "daniel-agrees", "main")
    assert sign_as("daniel").exit_code == 0
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Consent of daniel")
    git(repo, "switch", "-q", "main")
    git(repo, "merge", "-q", "--no-edit", "maria-agrees")
    git(repo, "merge", "-q", "--no-edit", "daniel-agrees")  # a real merge commit; fails the test on any conflict
    assert len(git(repo, "rev-list", "--merges", "HEAD").split()) == 1
    assert git(repo, "status", "--porcelain") == ""
    assert sorted(record.party for record in records()) == ["daniel", "maria"]
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
    assert sign_as("daniel").exit_code == 0
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Consent of daniel")
    git(repo, "merge", "-q", "--no-edit", "renegotiate")
    assert len(records()) == 3


# --- refusals -----------------------------------------------------------------------------------------------------


def test_an_unknown_party_is_refused_with_a_suggestion(repo: Path) -> None:
    result = sign_as("mria")
    assert result.exit_code == 2
    assert "'mria' is not a party of demo (did you mean 'maria'?)" in result.stderr
    assert "its parties are: maria, daniel" in sign_as("zoe").stderr
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
    result = sign_as("daniel", "--key", str(make_key("maria")))
    assert result.exit_code == 2
    assert "no key is listed for daniel in parties[].keys" in result.stderr


def test_a_missing_key_file_is_refused(repo: Path) -> None:
    result = sign_as("maria", "--key", "no-such-key")
    assert result.exit_code == 2
    assert "no SSH key file at no-such-key" in result.stderr


def test_an_agreement_that_does_not_validate_cannot_be_signed(repo: Path) -> None:
    AGREEMENT.write_text(AGREEMENT.read_text(encoding="utf-8").replace("status: proposed", "status: agreed-ish"),
                         encoding="utf-8")
    result = sign_as("maria")
    assert result.exit_code == 2
    assert "contracts/demo.yaml:6:" in result.stderr
    assert "no digest" in result.stderr
    assert not (repo / "contracts" / ".consent").exists()


def test_a_malformed_record_in_the_way_is_refused(repo: Path, make_key: MakeKey) -> None:
    assert sign_as("maria").exit_code == 0
    [record] = records()
    assert record.path is not None
    record.path.write_text("agreed-consent: 1\nagreement: [\n", encoding="utf-8")
    result = sign_as("maria", "--key", str(make_key("maria")))
    assert result.exit_code == 2
    assert "a record is already in the way" in result.stderr
    assert record.path.read_text(encoding="utf-8") == "agreed-consent: 1\nagreement: [\n"


def test_a_draft_is_refused_it_is_not_ready_for_consent(repo: Path, make_key: MakeKey) -> None:
    AGREEMENT.write_text(agreement_text(public(make_key("maria")), status="draft"), encoding="utf-8")
    for options in ([], ["--key", str(make_key("maria"))]):
        result = sign_as("maria", *options)
        assert result.exit_code == 2
        assert ("contracts/demo.yaml: the agreement is a draft, which is not ready for consent: set 'status: "
                "proposed' first") in result.stderr
    assert not (repo / "contracts" / ".consent").exists()


def test_the_template_that_init_writes_is_a_draft_and_is_refused(repo: Path) -> None:
    template = Path("contracts/_template.yaml")
    shutil.copy(template_path(), template)
    party = read_document(template).data["parties"][0]["id"]
    result = sign_as(party, file=template)
    assert result.exit_code == 2
    assert "is a draft, which is not ready for consent" in result.stderr
    assert not (repo / "contracts" / ".consent").exists()


# --- a party removed by the change: --base ----------------------------------------------------------------------


MIGRATION = Path("contracts/migration.yaml")


def migration(*, without_tomas: bool = False, tomas_key: str | None = None) -> str:
    """The three-party example (proposed) as JSON text, evidence author-email or an SSH signature; tomas left out
    or with ``tomas_key`` listed."""
    data = json.loads(json.dumps(read_document(THREE_PARTIES).data))
    data["consent"]["evidence"] = ["ssh-signature", "author-email"]
    tomas = next(party for party in data["parties"] if party["id"] == "tomas")
    if tomas_key is not None:
        tomas["keys"] = [tomas_key]
    if without_tomas:
        data["parties"].remove(tomas)
    return json.dumps(data, indent=2) + "\n"


@pytest.fixture
def removal(tmp_path: Path, make_key: MakeKey, monkeypatch: pytest.MonkeyPatch) -> Path:
    """main: the three-party agreement, tomas with a key; branch drop-tomas (checked out): tomas removed."""
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "contracts").mkdir()
    (tmp_path / MIGRATION).write_text(migration(tomas_key=public(make_key("tomas"))), encoding="utf-8")
    commit_all(tmp_path, "Propose the migration")
    git(tmp_path, "switch", "-q", "-c", "drop-tomas")
    (tmp_path / MIGRATION).write_text(migration(without_tomas=True), encoding="utf-8")
    commit_all(tmp_path, "Tomas leaves the migration")
    return tmp_path


def consent_check(base: str) -> Result:
    return CliRunner().invoke(main, ["consent", "check", "--base", base, str(MIGRATION)])


def test_a_removed_party_consents_with_base_and_the_gate_counts_it(removal: Path) -> None:
    before = consent_check("main")
    assert before.exit_code == 1, before.output
    assert "tomas is missing: removed in this change, must consent to it" in before.output
    result = sign_as("tomas", "--base", "main", file=MIGRATION)
    assert result.exit_code == 0, result.output
    assert "tomas is a party of data-platform-migration at main (contracts/migration.yaml) and removed since" \
        in result.stdout
    [record] = read_records(MIGRATION, "data-platform-migration")
    assert isinstance(record, ConsentRecord)
    assert (record.party, record.digest) == ("tomas", current_digest(MIGRATION))  # the CURRENT terms
    commit_all(removal, "Consent of tomas to leaving", email=TOMAS)
    after = consent_check("main")
    assert after.exit_code == 0, after.output
    assert "tomas" not in after.output


def test_a_removed_partys_record_committed_by_someone_else_does_not_count(removal: Path) -> None:
    assert sign_as("tomas", "--base", "main", file=MIGRATION).exit_code == 0
    commit_all(removal, "Consent of tomas, committed by someone else")
    result = consent_check("main")
    assert result.exit_code == 1
    assert "tomas is missing" in result.output


def test_a_removed_party_signs_with_a_key_listed_for_it_at_the_base(removal: Path, make_key: MakeKey) -> None:
    result = sign_as("tomas", "--base", "main", "--key", str(make_key("tomas")), file=MIGRATION)
    assert result.exit_code == 0, result.output
    [record] = read_records(MIGRATION, "data-platform-migration")
    assert isinstance(record, ConsentRecord)
    assert record.key == fingerprint(public(make_key("tomas")))
    commit_all(removal, "Consent of tomas, signed")  # an SSH signature counts whoever commits it
    assert consent_check("main").exit_code == 0
    other = sign_as("tomas", "--base", "main", "--key", str(make_key("intruder")), file=MIGRATION)
    assert other.exit_code == 2
    assert "this key is not listed for tomas in parties[].keys" in other.stderr


def test_without_base_a_removed_party_is_told_about_base(removal: Path) -> None:
    result = sign_as("tomas", file=MIGRATION)
    assert result.exit_code == 2
    assert "'tomas' is not a party of data-platform-migration (its parties are: aisha, kenji)" in result.stderr
    assert "if the change under review removed it, it consents with --base REV" in result.stderr
    assert not (removal / "contracts" / ".consent").exists()


def test_with_base_an_unknown_party_is_still_refused(removal: Path) -> None:
    result = sign_as("zoe", "--base", "main", file=MIGRATION)
    assert result.exit_code == 2
    assert ("'zoe' is not a party of data-platform-migration (its parties are: aisha, kenji), nor of its version at "
            "main (contracts/migration.yaml)") in result.stderr
    assert not (removal / "contracts" / ".consent").exists()


def test_with_base_a_current_party_signs_with_its_current_entry(removal: Path) -> None:
    result = sign_as("aisha", "--base", "main", file=MIGRATION)
    assert result.exit_code == 0, result.output
    assert "removed since" not in result.stdout


def test_with_base_an_agreement_new_in_the_change_has_no_removed_party(removal: Path) -> None:
    moved = Path("contracts/other.yaml")
    moved.write_text(MIGRATION.read_text(encoding="utf-8").replace('"id": "data-platform-migration"',
                                                                   '"id": "other"', 1), encoding="utf-8")
    result = sign_as("tomas", "--base", "main", file=moved)
    assert result.exit_code == 2
    assert "and other does not exist at main" in result.stderr


def test_with_base_a_moved_agreement_is_found_by_its_id(removal: Path) -> None:
    moved = Path("contracts/renamed.yaml")
    git(removal, "mv", str(MIGRATION), str(moved))
    result = sign_as("tomas", "--base", "main", file=moved)
    assert result.exit_code == 0, result.output
    assert "at main (contracts/migration.yaml)" in result.stdout


def test_with_base_a_copy_outside_contracts_does_not_hide_the_moved_agreement(removal: Path) -> None:
    # The gate looks for the base version in contracts/ only: a copy with the same id under docs/ at the base makes
    # no second candidate for it, so it makes none for sign either.
    git(removal, "switch", "-q", "main")
    (removal / "docs").mkdir()
    (removal / "docs" / "copy.yaml").write_text(MIGRATION.read_text(encoding="utf-8"), encoding="utf-8")
    commit_all(removal, "A copy kept with the documentation")
    git(removal, "switch", "-q", "-c", "move-and-drop-tomas")
    (removal / MIGRATION).write_text(migration(without_tomas=True), encoding="utf-8")
    moved = Path("contracts/renamed.yaml")
    git(removal, "mv", str(MIGRATION), str(moved))
    result = sign_as("tomas", "--base", "main", file=moved)
    assert result.exit_code == 0, result.output
    assert "at main (contracts/migration.yaml)" in result.stdout
    commit_all(removal, "Consent of tomas to leaving", email=TOMAS)
    gate = CliRunner().invoke(main, ["consent", "check", "--base", "main", str(moved)])
    assert "tomas" not in gate.output


def test_with_base_an_agreement_only_outside_contracts_there_is_not_trusted(removal: Path) -> None:
    # At the base the agreement sat under docs/, where the gate never looks: moved into contracts/ it enters
    # without a base version, so a party it dropped on the way is no party to sign for.
    git(removal, "switch", "-q", "main")
    (removal / "docs").mkdir()
    git(removal, "mv", str(MIGRATION), "docs/migration.yaml")
    commit_all(removal, "Keep the migration with the documentation")
    git(removal, "switch", "-q", "-c", "bring-it-in")
    git(removal, "mv", "docs/migration.yaml", str(MIGRATION))
    (removal / MIGRATION).write_text(migration(without_tomas=True), encoding="utf-8")
    result = sign_as("tomas", "--base", "main", file=MIGRATION)
    assert result.exit_code == 2
    assert "and data-platform-migration does not exist at main" in result.stderr
    assert not (removal / "contracts" / ".consent").exists()


def test_a_base_that_does_not_exist_is_refused(removal: Path) -> None:
    result = sign_as("tomas", "--base", "no-such-branch", file=MIGRATION)
    assert result.exit_code == 2
    assert "--base no-such-branch: " in result.stderr
    assert "unknown revision 'no-such-branch'" in result.stderr


@pytest.mark.parametrize("party", ["aisha", "tomas"], ids=["current party", "removed party"])
def test_an_unknown_base_is_refused_whoever_signs(removal: Path, party: str) -> None:
    result = sign_as(party, "--base", "nope", file=MIGRATION)
    assert result.exit_code == 2, result.output
    assert "--base nope: " in result.stderr
    assert "unknown revision 'nope'" in result.stderr
    assert not (removal / "contracts" / ".consent").exists()


def test_a_current_party_signs_with_a_base_that_resolves(removal: Path) -> None:
    result = sign_as("aisha", "--base", "main~0", file=MIGRATION)
    assert result.exit_code == 0, result.output
    assert read_records(MIGRATION, "data-platform-migration")


def test_with_base_a_version_there_that_does_not_validate_trusts_no_one(removal: Path) -> None:
    git(removal, "switch", "-q", "-c", "broken", "main")
    MIGRATION.write_text(migration().replace('"status": "proposed"', '"status": "agreed-ish"'), encoding="utf-8")
    commit_all(removal, "A version that does not validate")
    git(removal, "switch", "-q", "drop-tomas")
    result = sign_as("tomas", "--base", "broken", file=MIGRATION)
    assert result.exit_code == 2
    assert "data-platform-migration does not validate at broken (contracts/migration.yaml)" in result.stderr


# --- a record that cannot count ------------------------------------------------------------------------------------


ONLY_SIGNED = "agreed: error: contracts/demo.yaml accepts only an SSH-signed consent (consent.evidence: " \
              "[ssh-signature]), so a record without a signature would not count; nothing was written: sign with " \
              "--key PATH (a key listed for daniel): " \
              "agreed sign contracts/demo.yaml --as daniel --key ~/.ssh/id_ed25519"


def accept_as_evidence(evidence: str) -> None:
    """Make contracts/demo.yaml accept ``evidence`` (a YAML flow list) as consent."""
    text = AGREEMENT.read_text(encoding="utf-8")
    assert "  evidence: [review, signed-commit]\n" in text
    AGREEMENT.write_text(text.replace("  evidence: [review, signed-commit]\n", f"  evidence: {evidence}\n", 1),
                         encoding="utf-8")


def test_without_a_key_where_only_signatures_count_nothing_is_written(repo: Path) -> None:
    accept_as_evidence("[ssh-signature]")
    result = sign_as("daniel")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [ONLY_SIGNED]
    assert records() == []
    assert not (repo / "contracts" / ".consent").exists()


def test_a_signed_record_replaces_the_same_consent_without_a_signature(repo: Path, make_key: MakeKey) -> None:
    """A party that signed without a key and signs again with one: the signed record takes the unsigned one's place
    (it used to be refused with 'remove it first')."""
    assert sign_as("maria").exit_code == 0
    [unsigned] = records()
    assert unsigned.signature is None
    result = sign_as("maria", "--key", str(make_key("maria")))
    assert result.exit_code == 0, result.output
    assert "(replacing the same consent without a signature)" in result.stdout
    [signed] = records()
    assert (signed.path, signed.signature is not None) == (unsigned.path, True)


def test_with_a_key_where_only_signatures_count_there_is_no_warning(repo: Path, make_key: MakeKey) -> None:
    accept_as_evidence("[ssh-signature]")
    result = sign_as("maria", "--key", str(make_key("maria")))
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr


@pytest.mark.parametrize("evidence", ["[ssh-signature, author-email]", "[review, signed-commit]"])
def test_without_a_key_where_other_evidence_counts_there_is_no_warning(repo: Path, evidence: str) -> None:
    accept_as_evidence(evidence)
    result = sign_as("daniel")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr


def test_a_party_whose_key_the_change_replaces_signs_with_its_key_at_the_base(repo: Path, make_key: MakeKey) -> None:
    """maria replaces a lost key: the gate checks her consent against her entry at the base, so --base signs with
    the key listed there, and the new key alone is refused."""
    def signatures_only(text: str) -> str:
        return text.replace("  evidence: [review, signed-commit]", "  evidence: [ssh-signature]")

    old, new = make_key("maria"), make_key("maria-new")
    (repo / AGREEMENT).write_text(signatures_only(agreement_text(public(old))), encoding="utf-8")
    base = commit_all(repo, "Only signatures count")
    (repo / AGREEMENT).write_text(signatures_only(agreement_text(public(new))), encoding="utf-8")
    refused = sign_as("maria", "--key", str(new), "--base", base)
    assert refused.exit_code == 2
    assert "not listed for maria" in refused.output
    signed = sign_as("maria", "--key", str(old), "--base", base)
    assert signed.exit_code == 0, signed.output
    assert "its entry has changed since" in signed.output
    commit_all(repo, "maria's new key, with her consent under the old one")
    status = CliRunner().invoke(main, ["consent", "status", "--base", base, "--format", "json"])
    maria = json.loads(status.output)["agreements"][0]["parties"][0]
    assert (maria["party"], maria["state"], maria["evidence"]) == ("maria", "valid", "ssh-signature")


def test_the_people_roster_lists_the_keys_a_person_signs_with(repo: Path, make_key: MakeKey) -> None:
    key = make_key("maria")
    (repo / ".agreed.yaml").write_text("people: people.yaml\n", encoding="utf-8")
    (repo / "people.yaml").write_text("people:\n  - id: maria\n    name: Maria Chen\n", encoding="utf-8")
    refused = sign_as("maria", "--key", str(key))
    assert refused.exit_code == 2
    assert "no key is listed for maria in the people roster (people.yaml)" in refused.output
    (repo / "people.yaml").write_text(f'people:\n  - id: maria\n    name: Maria Chen\n    keys: ["{public(key)}"]\n',
                                      encoding="utf-8")
    assert sign_as("maria", "--key", str(key)).exit_code == 0


def test_standard_input_is_refused(repo: Path) -> None:
    refused = sign_as("maria", file=Path("-"))
    assert refused.exit_code == 2
    assert "name the file, not standard input" in refused.output
