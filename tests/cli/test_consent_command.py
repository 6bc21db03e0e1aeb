"""``agreed consent status|check`` on real temporary repositories: the report, the gate's exit codes, --base."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from agreed.cli import main
from gitrepo import git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

SOURCE = Path(__file__).resolve().parents[2] / "contracts" / "sales-onboarding.yaml"
AGREEMENT = "contracts/sales-onboarding.yaml"


def agreement_text(status: str = "active", deadline: str = "2032-06-30") -> str:
    text = SOURCE.read_text(encoding="utf-8")
    text = text.replace("  evidence: [review, signed-commit]", "  evidence: [author-email]")
    return text.replace("status: active", f"status: {status}", 1).replace("  deadline: 2032-06-30",
                                                                          f"  deadline: {deadline}")


def sign_as(repo: Path, party: str, email: str) -> None:
    """Record ``party``'s consent with ``agreed sign`` and commit it authored by ``email``."""

    result = CliRunner().invoke(main, ["sign", AGREEMENT, "--as", party])
    assert result.exit_code == 0, result.output
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"Consent of {party}", email=email)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "contracts").mkdir()
    (tmp_path / AGREEMENT).write_text(agreement_text("proposed"), encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "Propose")
    return tmp_path


def run(*arguments: str) -> Result:
    return CliRunner().invoke(main, ["consent", *arguments])


def test_status_lists_each_party_and_exits_0(repo: Path) -> None:
    sign_as(repo, "maria", "maria.chen@example.com")
    result = run("status")
    assert result.exit_code == 0, result.output
    assert f"{AGREEMENT}: sales-onboarding (proposed) sha256:" in result.output
    assert "  maria: valid: added in " in result.output
    assert "  daniel: missing: no consent to the current terms (accepted evidence: author-email)" in result.output


def test_status_as_json(repo: Path) -> None:
    sign_as(repo, "maria", "maria.chen@example.com")
    (repo / AGREEMENT).write_text(agreement_text("proposed", deadline="2032-07-31"), encoding="utf-8")
    result = run("status", AGREEMENT, "--format", "json")
    assert result.exit_code == 0, result.output
    agreement = json.loads(result.output)["agreements"][0]
    assert [(party["party"], party["state"]) for party in agreement["parties"]] == [("maria", "stale"),
                                                                                      ("daniel", "missing")]
    assert agreement["parties"][0]["agreed_digest"].startswith("sha256:")
    (repo / AGREEMENT).write_text(agreement_text("proposed"), encoding="utf-8")
    maria = json.loads(run("status", AGREEMENT, "--format", "json").output)["agreements"][0]["parties"][0]
    assert (maria["state"], maria["evidence"]) == ("valid", "author-email")
    assert maria["agreed_digest"].startswith("sha256:")
    assert maria["agreed_at"].endswith("Z")


def test_check_gates_active_agreements_only(repo: Path) -> None:
    assert run("check").exit_code == 0  # proposed: nothing to gate
    (repo / AGREEMENT).write_text(agreement_text("active"), encoding="utf-8")
    result = run("check")
    assert result.exit_code == 1
    assert f"{AGREEMENT}: maria is missing" in result.output
    sign_as(repo, "maria", "maria.chen@example.com")
    sign_as(repo, "daniel", "daniel.okafor@example.com")
    result = run("check")
    assert result.exit_code == 0, result.output
    assert f"{AGREEMENT}: ok (active)" in result.output


def test_check_fails_a_forged_author(repo: Path) -> None:
    (repo / AGREEMENT).write_text(agreement_text("active"), encoding="utf-8")
    sign_as(repo, "maria", "maria.chen@example.com")
    sign_as(repo, "daniel", "maria.chen@example.com")
    result = run("check")
    assert result.exit_code == 1
    assert "daniel is missing: a record for the current terms exists but no evidence counts" in result.output


def test_check_with_a_base_that_does_not_exist_exits_2(repo: Path) -> None:
    result = run("check", "--base", "no-such-branch")
    assert result.exit_code == 2
    assert "unknown revision 'no-such-branch'" in result.output


def test_a_bad_reviews_file_exits_2(repo: Path) -> None:
    (repo / "reviews.json").write_text("{}", encoding="utf-8")
    result = run("status", "--reviews", "reviews.json")
    assert result.exit_code == 2
    assert "expected a JSON list of reviews" in result.output


def test_outside_a_repository_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "plain"
    (folder / "contracts").mkdir(parents=True)
    (folder / AGREEMENT).write_text(agreement_text(), encoding="utf-8")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = run("status")
    assert result.exit_code == 2
    assert "not inside a git repository" in result.output


def test_the_roster_at_the_base_vouches_for_a_new_agreements_parties(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "pyproject.toml").write_text('[tool.agreed]\npeople = "team/people.yaml"\n', encoding="utf-8")
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "people.yaml").write_text(
        "people:\n  - id: maria\n    name: Maria Chen\n    email: maria.chen@example.com\n"
        "  - id: daniel\n    name: Daniel Okafor\n    email: daniel.okafor@example.com\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "Roster")
    base = git(tmp_path, "rev-parse", "HEAD").strip()
    (tmp_path / "contracts").mkdir()
    (tmp_path / AGREEMENT).write_text(agreement_text("active"), encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "A new agreement, active at once")
    sign_as(tmp_path, "maria", "maria.chen@example.com")
    assert "daniel is missing" in run("check", "--base", base).output
    sign_as(tmp_path, "daniel", "daniel.okafor@example.com")
    result = run("check", "--base", base)
    assert result.exit_code == 0, result.output
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")  # without a configuration, no roster vouches
    assert "the people roster at the base revision does not list" in run("check", "--base", base).output


def test_a_broken_roster_at_the_base_exits_2_with_its_position(repo: Path) -> None:
    (repo / ".agreed.yaml").write_text("people: people.yaml\n", encoding="utf-8")
    (repo / "people.yaml").write_text("people:\n  - id: Maria\n    name: M\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Broken roster")
    result = run("check", "--base", "HEAD")
    assert result.exit_code == 2
    assert "HEAD:people.yaml:2:9:" in result.output


def test_a_stale_party_is_shown_with_the_changes_since(repo: Path) -> None:
    (repo / AGREEMENT).write_text(agreement_text("active"), encoding="utf-8")
    sign_as(repo, "maria", "maria.chen@example.com")
    (repo / AGREEMENT).write_text(agreement_text("active", deadline="2032-09-30"), encoding="utf-8")
    result = run("status")
    assert "maria: stale: consented to older terms" in result.output
    assert "    results.deadline: 2032-06-30 -> 2032-09-30 (+92 days) [material]" in result.output
    data = json.loads(run("status", "--format", "json").output)
    (changes,) = [party["changes_since"] for party in data["agreements"][0]["parties"] if party["party"] == "maria"]
    assert [(change["path"], change["old"], change["new"]) for change in changes] == [
        ("results.deadline", "2032-06-30", "2032-09-30")]


# --- what a new-user trial found ----------------------------------------------------------------------------------


def commit_all_as(repo: Path, message: str, email: str = "test@example.org") -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, email=email)
    return git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture
def active(repo: Path) -> str:
    """The agreement active on main with both parties' author-email consent; the base commit."""
    (repo / AGREEMENT).write_text(agreement_text("active"), encoding="utf-8")
    sign_as(repo, "maria", "maria.chen@example.com")
    sign_as(repo, "daniel", "daniel.okafor@example.com")
    assert run("check").exit_code == 0
    return git(repo, "rev-parse", "HEAD").strip()


def test_deleting_an_agreement_in_force_fails_the_gate(repo: Path, active: str) -> None:
    (repo / "contracts" / "other.yaml").write_text(agreement_text("proposed").replace(
        "id: sales-onboarding", "id: other"), encoding="utf-8")
    git(repo, "rm", "-q", AGREEMENT)
    result = run("check", "--base", active)
    assert result.exit_code == 1
    assert (f"{AGREEMENT}: active at the base revision, and gone now (deleted, moved out of the checked folders, "
            "or its id changed)") in result.output


def test_giving_a_final_agreement_another_id_fails_the_gate(repo: Path) -> None:
    (repo / AGREEMENT).write_text(agreement_text("ended"), encoding="utf-8")
    base = commit_all_as(repo, "Ended")
    (repo / AGREEMENT).write_text(agreement_text("ended").replace("id: sales-onboarding", "id: renamed"),
                                  encoding="utf-8")
    result = run("check", "--base", base)
    assert result.exit_code == 1
    assert "ended at the base revision, and gone now" in result.output


def test_deleting_a_proposal_passes(repo: Path) -> None:
    (repo / "contracts" / "other.yaml").write_text(agreement_text("proposed").replace(
        "id: sales-onboarding", "id: other"), encoding="utf-8")
    git(repo, "rm", "-q", AGREEMENT)
    assert run("check", "--base", "HEAD").exit_code == 0


def test_an_agreement_moved_with_its_ledger_keeps_its_consent(repo: Path, active: str) -> None:
    (repo / "contracts" / "sales").mkdir()
    git(repo, "mv", AGREEMENT, "contracts/sales/sales-onboarding.yaml")
    git(repo, "mv", "contracts/.consent", "contracts/sales/.consent")
    commit_all_as(repo, "Move the agreement and its ledger", email="mallory@example.com")
    result = run("status", "contracts/sales/sales-onboarding.yaml")
    assert "maria: valid: added in" in result.output
    assert "daniel: valid: added in" in result.output
    assert "mallory" not in result.output


def test_a_shallow_clone_is_refused(repo: Path, active: str, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    monkeypatch.chdir(shallow)
    result = run("check")
    assert result.exit_code == 2
    assert "this clone is shallow" in result.output
    assert "fetch-depth: 0" in result.output


def test_paths_that_do_not_exist_are_usage_errors_and_subfolders_work(repo: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    result = run("check", "contracts/nope.yaml")
    assert (result.exit_code, "no such file or folder: contracts/nope.yaml" in result.output) == (2, True)
    monkeypatch.chdir(repo / "contracts")
    result = run("status")
    assert result.exit_code == 0
    assert result.output.startswith(f"{AGREEMENT}: sales-onboarding (proposed)")


def test_a_broken_agreement_names_its_first_problem(repo: Path) -> None:
    (repo / AGREEMENT).write_text(agreement_text("active").replace("status: active", "status: acitve", 1),
                                  encoding="utf-8")
    result = run("check")
    assert result.exit_code == 1
    assert "no digest, terms that do not validate cannot be consented to: 5:9: status: 'acitve'" in result.output


def test_check_warns_about_ignored_records_and_speaks_json(repo: Path, active: str) -> None:
    (repo / "contracts/.consent/sales-onboarding/maria/0000000000000000.yaml").write_text("agreed-consent: 1\n",
                                                                                            encoding="utf-8")
    result = run("check")
    assert result.exit_code == 0
    assert "warning: a consent record was ignored: " in result.output
    data = json.loads(run("check", "--format", "json").output)
    assert data["summary"] == {"agreements": 1, "failing": 0, "passed": True}


def test_the_base_roster_overrides_an_identity_merged_into_an_agreement(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Two steps: a proposal naming maria with mallory's email merges (nothing is active), then mallory activates
    it and consents as maria. The roster at the base says who maria is, so that consent does not count."""
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / ".agreed.yaml").write_text("people: people.yaml\n", encoding="utf-8")
    (tmp_path / "people.yaml").write_text(
        "people:\n  - id: maria\n    name: Maria Chen\n    email: maria.chen@example.com\n", encoding="utf-8")
    (tmp_path / "contracts").mkdir()
    forged = agreement_text("proposed").replace("maria.chen@example.com", "mallory@example.com")
    (tmp_path / AGREEMENT).write_text(forged, encoding="utf-8")
    base = commit_all_as(tmp_path, "Propose", email="mallory@example.com")
    (tmp_path / AGREEMENT).write_text(forged.replace("status: proposed", "status: active", 1), encoding="utf-8")
    sign_as(tmp_path, "maria", "mallory@example.com")
    result = run("check", "--base", base)
    assert result.exit_code == 1
    assert "maria is missing: a record for the current terms exists but no evidence counts" in result.output
    assert "not by maria's email" in result.output


def test_a_broken_agreement_is_not_also_reported_as_gone(repo: Path, active: str) -> None:
    (repo / AGREEMENT).write_text(agreement_text("active").replace("status: active", "status: acitve", 1),
                                  encoding="utf-8")
    result = run("check", "--base", active)
    assert result.exit_code == 1
    assert "gone now" not in result.output
    assert "consent check failed for 1 agreement\n" in result.output


def test_ledger_warnings_name_repository_paths(repo: Path, active: str) -> None:
    (repo / "contracts/.consent/sales-onboarding/maria/0000000000000000.yaml").write_text("agreed-consent: 1\n",
                                                                                            encoding="utf-8")
    result = run("check")
    assert ("warning: a consent record was ignored: contracts/.consent/sales-onboarding/maria/0000000000000000.yaml:"
            in result.output)


def test_yaml_that_is_no_agreement_is_skipped_in_folders_and_refused_by_name(repo: Path) -> None:
    (repo / "contracts" / "people.yaml").write_text("people:\n  - id: maria\n    name: Maria Chen\n",
                                                    encoding="utf-8")
    result = run("check")
    assert (result.exit_code, "people.yaml" in result.output) == (0, False)
    named = run("check", "contracts/people.yaml")
    assert named.exit_code == 2
    assert "contracts/people.yaml: not an agreement (it has no 'agreed:' key)" in named.output


# --- which files are agreements: hidden copies, files from outside, duplicate ids ----------------------------------


def copy_with_deadline(deadline: str, status: str = "active", agreement_id: str = "sales-onboarding") -> str:
    return agreement_text(status, deadline=deadline).replace("id: sales-onboarding", f"id: {agreement_id}", 1)


def add(repo: Path, path: str, text: str) -> None:
    (repo / path).parent.mkdir(parents=True, exist_ok=True)
    (repo / path).write_text(text, encoding="utf-8")


def test_a_hidden_copy_with_other_terms_fails_the_gate_and_lint(repo: Path, active: str) -> None:
    """Attack, first pull request: a copy of the active agreement, same id and another target, in a hidden folder."""
    add(repo, "contracts/.a/x.yaml", copy_with_deadline("2040-01-01"))
    commit_all_as(repo, "A copy, tucked away", email="mallory@example.com")
    result = run("check", "--base", active)
    assert result.exit_code == 1
    assert (f"contracts/.a/x.yaml: the id sales-onboarding is also held by {AGREEMENT}: an agreement id must be "
            "unique") in result.output
    assert f"{AGREEMENT}: the id sales-onboarding is also held by contracts/.a/x.yaml" in result.output
    linted = CliRunner().invoke(main, ["lint"])
    assert linted.exit_code == 1
    assert "contracts/.a/x.yaml:" in linted.output


@pytest.mark.parametrize(("copy", "status"), [("contracts/.x/sales-onboarding.yaml", "active"),
                                              ("contracts/copy.yaml", "draft")])
def test_a_copy_of_an_agreement_in_force_takes_over_nothing_of_its_base(repo: Path, active: str, copy: str,
                                                                        status: str) -> None:
    """A copy holding the id of the agreement in force fails as a duplicate, and only so: it did not exist at the
    base, so it withdrew no consent (the records are all there), changed no agreement that was in force, and did
    not reopen one."""
    add(repo, copy, copy_with_deadline("2035-09-30", status))
    commit_all_as(repo, "A copy", email="mallory@example.com")
    result = run("check", "--base", active)
    assert result.exit_code == 1
    assert f"{copy}: the id sales-onboarding is also held by {AGREEMENT}" in result.output
    assert f"{AGREEMENT}: the id sales-onboarding is also held by {copy}" in result.output
    assert "withdrew consent" not in result.output
    assert "active at the base revision:" not in result.output
    assert "that was active at the base" not in result.output
    failing = [line for line in result.output.splitlines() if line.startswith(f"{AGREEMENT}:")]
    assert len(failing) == 1, result.output  # the original itself: its duplicate only


@pytest.mark.parametrize("destination", [AGREEMENT, "contracts/renamed.yaml"])
def test_moving_a_copy_merged_earlier_into_place_fails_the_gate(repo: Path, active: str, destination: str) -> None:
    """Attack, second pull request: the copy got in (say before the gate knew better); the original is deleted and
    the copy moved into its place or to a new name. The base holds the id twice, so the gate cannot trust either."""
    add(repo, "contracts/.a/x.yaml", copy_with_deadline("2040-01-01"))
    base = commit_all_as(repo, "A copy, tucked away", email="mallory@example.com")
    git(repo, "rm", "-q", AGREEMENT)
    git(repo, "mv", "contracts/.a/x.yaml", destination)
    commit_all_as(repo, "Move the copy into place", email="mallory@example.com")
    result = run("check", "--base", base)
    assert result.exit_code == 1
    assert (f"{destination}: at the base revision the id sales-onboarding is held by contracts/.a/x.yaml and "
            f"{AGREEMENT}: the gate cannot tell which of them holds the agreed terms") in result.output


@pytest.mark.parametrize(("outside", "why"), [
    ("archive/x.yaml", "material change to an agreement that was active at the base: move it to renegotiating"),
    ("contracts/.drafts/x.yaml", "at the base revision the id sales-onboarding is held by contracts/.drafts/x.yaml "
                                 f"and {AGREEMENT}"),
])
def test_a_changed_copy_kept_elsewhere_and_moved_in_fails_the_gate(repo: Path, active: str, outside: str,
                                                                   why: str) -> None:
    """The copy lies outside the checked folders (its history there counts for nothing, though its path sorts
    first) or in a hidden folder of contracts/ (an agreement like any other: the id is then held twice at the
    base)."""
    add(repo, outside, copy_with_deadline("2040-01-01"))
    base = commit_all_as(repo, "A copy", email="mallory@example.com")
    git(repo, "rm", "-q", AGREEMENT)
    add(repo, "contracts/moved.yaml", copy_with_deadline("2040-01-01"))
    git(repo, "rm", "-q", outside)
    commit_all_as(repo, "The copy replaces the agreement", email="mallory@example.com")
    result = run("check", "--base", base)
    assert result.exit_code == 1
    assert f"contracts/moved.yaml: {why}" in result.output


def test_a_new_agreement_in_force_from_outside_needs_every_partys_consent(repo: Path, active: str) -> None:
    """A brand-new agreement, already active (or ended), kept under docs/ and later moved in: nobody ever
    consented, so it enters the checked folders as new and needs every party."""
    add(repo, "docs/fresh.yaml", copy_with_deadline("2040-01-01", agreement_id="fresh"))
    assert run("check", "--base", active).exit_code == 0  # docs/ is not checked: nothing is in force there
    base = commit_all_as(repo, "Somewhere else", email="mallory@example.com")
    git(repo, "mv", "docs/fresh.yaml", "contracts/fresh.yaml")
    result = run("check", "--base", base)
    assert result.exit_code == 1
    assert "contracts/fresh.yaml: maria is missing: the agreement is new in this change" in result.output
    (repo / "contracts/fresh.yaml").write_text(copy_with_deadline("2040-01-01", "ended", "fresh"), encoding="utf-8")
    result = run("check", "--base", base)
    assert result.exit_code == 1
    assert ("contracts/fresh.yaml: ended and new to the checked folders: an agreement that enters force needs "
            "every party's consent") in result.output


@pytest.mark.parametrize("name", ["other2.YAML", "other2.Yml"])
def test_an_agreement_whose_suffix_is_upper_case_is_gated_and_linted(repo: Path, active: str, name: str) -> None:
    add(repo, f"contracts/{name}", copy_with_deadline("2040-01-01", agreement_id="other2"))
    commit_all_as(repo, "Active, and nobody consented", email="mallory@example.com")
    result = run("check", "--base", active)
    assert result.exit_code == 1
    assert f"contracts/{name}: maria is missing: the agreement is new in this change" in result.output
    assert f"contracts/{name}" in CliRunner().invoke(main, ["diff", "--base", active]).output
    (repo / "contracts" / name).write_text(copy_with_deadline("2040-01-01", "acitve", "other2"), encoding="utf-8")
    linted = CliRunner().invoke(main, ["lint", "--no-cache"])
    assert linted.exit_code == 1
    assert f"contracts/{name}:5:9: " in linted.output


def test_a_new_agreement_in_force_in_a_hidden_folder_is_checked_at_once(repo: Path, active: str) -> None:
    add(repo, "contracts/.hidden/fresh.yaml", copy_with_deadline("2040-01-01", agreement_id="fresh"))
    result = run("check", "--base", active)
    assert result.exit_code == 1
    assert "contracts/.hidden/fresh.yaml: maria is missing: the agreement is new in this change" in result.output


def test_a_proposal_does_not_become_final_without_consent(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    (repo / AGREEMENT).write_text(agreement_text("fulfilled"), encoding="utf-8")
    result = run("check", "--base", base)
    assert result.exit_code == 1
    assert "fulfilled and proposed at the base revision: an agreement that enters force needs every party's " \
           "consent" in result.output
    (repo / AGREEMENT).write_text(agreement_text("proposed"), encoding="utf-8")  # status is no term: same digest
    sign_as(repo, "maria", "maria.chen@example.com")
    sign_as(repo, "daniel", "daniel.okafor@example.com")
    (repo / AGREEMENT).write_text(agreement_text("fulfilled"), encoding="utf-8")
    assert run("check", "--base", base).exit_code == 0


# --- withdrawn consent --------------------------------------------------------------------------------------------


def test_deleting_a_consent_record_of_an_agreement_in_force_fails_the_gate(repo: Path, active: str) -> None:
    (record,) = (repo / "contracts/.consent/sales-onboarding/maria").iterdir()
    git(repo, "rm", "-q", str(record.relative_to(repo)))
    commit_all_as(repo, "maria takes her consent back", email="maria.chen@example.com")
    result = run("check", "--base", active)
    assert result.exit_code == 1
    assert (f"{AGREEMENT}: maria withdrew consent (contracts/.consent/sales-onboarding/maria/{record.name}, to "
            "sha256:") in result.output
    assert "set status: renegotiating and agree new terms" in result.output
    git(repo, "checkout", "-q", active, "--", "contracts/.consent")  # restored: nothing was withdrawn
    assert run("check", "--base", active).exit_code == 0


def test_renegotiating_keeps_the_records_and_passes(repo: Path, active: str) -> None:
    (repo / AGREEMENT).write_text(agreement_text("renegotiating", deadline="2032-09-30"), encoding="utf-8")
    assert run("check", "--base", active).exit_code == 0


def test_a_moved_agreement_whose_ledger_stays_behind_is_told_to_move_it(repo: Path, active: str) -> None:
    (repo / "contracts" / "sales").mkdir()
    git(repo, "mv", AGREEMENT, "contracts/sales/sales-onboarding.yaml")
    result = run("check", "--base", active)
    assert result.exit_code == 1
    assert "when an agreement moves, its .consent/sales-onboarding/ folder moves with it" in result.output


def test_consent_to_a_proposal_may_be_withdrawn(repo: Path) -> None:
    sign_as(repo, "maria", "maria.chen@example.com")
    base = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "rm", "-q", "-r", "contracts/.consent")
    assert run("check", "--base", base).exit_code == 0


# --- the people roster, the template ------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [("check",), ("status",), ("check", "--base", "HEAD"),
                                     ("status", "--base", "HEAD")])
def test_a_configured_roster_that_cannot_be_read_exits_2(repo: Path, command: tuple[str, ...]) -> None:
    (repo / "people.yaml").write_text("people:\n  - id: maria\n    name: Maria Chen\n", encoding="utf-8")
    (repo / ".agreed.yaml").write_text("# the team\npeople: peple.yaml\n", encoding="utf-8")
    commit_all_as(repo, "A roster, and a typo")
    result = run(*command)
    assert result.exit_code == 2, result.output
    at_base = "--base" in command
    shown = "HEAD:.agreed.yaml" if at_base else ".agreed.yaml"
    roster = "HEAD:peple.yaml" if at_base else "peple.yaml"
    assert f"{shown}:2:9: people: the roster {roster}: no such file" in result.output


def test_a_configured_roster_in_pyproject_that_cannot_be_read_exits_2(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.agreed]\npeople = "nobody.yaml"\n',
                                         encoding="utf-8")
    commit_all_as(repo, "A roster that is not there")
    result = run("check", "--base", "HEAD")
    assert result.exit_code == 2
    assert "HEAD:pyproject.toml:5:1: people: the roster HEAD:nobody.yaml: no such file" in result.output


TEMPLATE = Path(__file__).resolve().parents[2] / "contracts" / "_template.yaml"


def test_the_template_is_no_agreement_for_the_gate(repo: Path) -> None:
    (repo / "contracts" / "_template.yaml").write_bytes(TEMPLATE.read_bytes())
    result = run("status")
    assert (result.exit_code, "_template" in result.output) == (0, False)
    named = run("check", "contracts/_template.yaml")
    assert named.exit_code == 2
    assert "contracts/_template.yaml: the template is not an agreement" in named.output
    record = run("status", "contracts/.consent/x/maria/0123456789abcdef.yaml")
    assert record.exit_code == 2
    (repo / "contracts" / "_template.yaml").write_text(
        TEMPLATE.read_text(encoding="utf-8").replace("status: draft", "status: active", 1), encoding="utf-8")
    result = run("check")
    assert result.exit_code == 1
    assert "contracts/_template.yaml: a template is no agreement and must stay status: draft" in result.output
