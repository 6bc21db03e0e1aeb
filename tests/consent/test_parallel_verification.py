"""The consent gate's verdicts and messages do not depend on how many ``ssh-keygen`` processes check signatures at
once: a generated repository of signed consents, a few of them forged, checked one signature at a time and with
several workers at once."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from agreed.cli import main
from agreed.consent.gate import gate_failures
from agreed.consent.gate_run import consent_statuses
from agreed.consent.ssh import SshError, Verifier, consent_message, sign, verify
from agreed.consent.status import AgreementStatus
from agreed.report.consent_status import CONSENT_GATE_FORMATS
from signed_consents import BASE, FOLDER, SIGNER, build, make_key

pytestmark = pytest.mark.skipif(shutil.which("git") is None or shutil.which("ssh-keygen") is None,
                                reason="needs git and ssh-keygen")

COUNT = 24
FORGED = {3: "other terms", 10: "key not listed", 17: "other party", 21: "other terms"}


def _path(index: int) -> str:
    return f"{FOLDER}/sales-onboarding-{index:04d}.yaml"


@pytest.fixture(scope="module")
def signed_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("signed")
    key, public_key = make_key(folder)
    other, _ = make_key(folder, "mallory")
    root = folder / "repo"
    build(root, COUNT, key, public_key, FORGED, other)
    return root


@pytest.fixture(scope="module")
def one_at_a_time(signed_repo: Path) -> list[AgreementStatus]:
    """The gate's statuses with one ``ssh-keygen`` at a time, each started when its verdict is needed."""
    return consent_statuses(signed_repo, [], BASE, workers=1)


def test_parallel_verdicts_and_messages_are_those_of_one_at_a_time(signed_repo: Path,
                                                                     one_at_a_time: list[AgreementStatus]) -> None:
    parallel = consent_statuses(signed_repo, [], BASE, workers=4)
    assert parallel == one_at_a_time
    assert [gate_failures(result) for result in parallel] == [gate_failures(result) for result in one_at_a_time]
    for output_format in ("text", "json"):
        assert (CONSENT_GATE_FORMATS.render(output_format, parallel)
                == CONSENT_GATE_FORMATS.render(output_format, one_at_a_time))


def test_the_forged_signatures_fail_the_gate_and_the_others_pass(one_at_a_time: list[AgreementStatus]) -> None:
    results = one_at_a_time
    assert len(results) == COUNT
    assert {result.path for result in results if gate_failures(result)} == {_path(index) for index in FORGED}
    reasons = {result.path: next(party.reason for party in result.parties if party.party == SIGNER)
               for result in results}
    assert "ssh-signature: the signature is over other terms" in reasons[_path(3)]  # ssh-keygen's refusal
    assert "ssh-signature: the signature is over other terms" in reasons[_path(17)]
    assert "ssh-signature: signed by a key not listed for maria" in reasons[_path(10)]  # the envelope's
    assert reasons[_path(0)].startswith("signed with SHA256:")


def test_the_command_prints_the_verdicts_of_one_at_a_time(signed_repo: Path, one_at_a_time: list[AgreementStatus],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(signed_repo)
    result = CliRunner().invoke(main, ["consent", "check", "--base", BASE, "--format", "json"])
    assert result.exit_code == 1, result.output
    assert result.stdout == CONSENT_GATE_FORMATS.render("json", one_at_a_time)
    assert f"consent check failed for {len(FORGED)} agreements" in result.stderr


def test_a_verifier_gives_the_verdicts_of_verify_whether_checks_were_started_ahead(tmp_path: Path) -> None:
    key, listed = make_key(tmp_path)
    message = consent_message("demo", SIGNER, "sha256:" + "1" * 64)
    cases = [(message, sign(message, key)), (message, sign(message + "x", key)), (message, "not a signature"),
             (message + "y", sign(message, key))]
    expected = [verify(text, signature, [listed], SIGNER) for text, signature in cases]
    assert [verdict.valid for verdict in expected] == [True, False, False, False]
    for workers in (1, 3):
        with Verifier(workers) as verifier:
            for text, signature in cases[::2]:  # half started ahead, half checked when asked
                verifier.start(text, signature, [listed], SIGNER)
            assert [verifier.verify(text, signature, [listed], SIGNER) for text, signature in cases] == expected


def test_a_check_started_ahead_that_cannot_run_ssh_keygen_fails_where_its_verdict_is_asked(tmp_path: Path) -> None:
    key, listed = make_key(tmp_path)
    message = consent_message("demo", SIGNER, "sha256:" + "1" * 64)
    signature = sign(message, key)
    with Verifier(2, program=str(tmp_path / "no-such-ssh-keygen")) as verifier:
        verifier.start(message, signature, [listed], SIGNER)  # the failure is kept, not raised here
        with pytest.raises(SshError, match="was not found"):
            verifier.verify(message, signature, [listed], SIGNER)


def test_the_base_ledgers_are_read_at_once_without_gitpython(signed_repo: Path) -> None:
    """With HEAD as the base every agreement is active there, so each one's records at the base are read (a record
    the change removed would be a withdrawal): all of them by one git process, not through GitPython."""
    program = ("import sys; from pathlib import Path; from agreed.consent.gate_run import consent_statuses\n"
               f"found = consent_statuses(Path({str(signed_repo)!r}), [], 'HEAD', workers=1)\n"
               "print(len(found), sum(not result.withdrawn for result in found), 'git' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True).stdout
    assert shown.split() == [str(COUNT), str(COUNT), "False"]
