"""The consent step of the shipped CI templates runs as written: in a real clone whose ``origin`` has the base
branch, with the code host's CLI replaced by a script that prints a review export, ``agreed consent check`` fails
until every party consented and passes after."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from agreed.init import ci_template
from gitrepo import git

pytestmark = pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None,
                                reason="needs git and bash")

EXAMPLE = Path(__file__).resolve().parents[1] / "contracts" / "sales-onboarding.yaml"
AGREEMENT = "contracts/sales-onboarding.yaml"
MARIA = "maria.chen@example.com"


def agreement(status: str) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("status: active", f"status: {status}", 1)
    return text.replace("  evidence: [review, signed-commit]", "  evidence: [author-email, review]")


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A clone on a pull-request branch that activates the agreement, with maria's consent committed by her."""
    origin = tmp_path / "origin"
    (origin / "contracts").mkdir(parents=True)
    git(origin, "init", "-q", "-b", "main")
    (origin / AGREEMENT).write_text(agreement("proposed"), encoding="utf-8")
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "Propose")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    git(clone, "switch", "-qc", "activate")
    (clone / AGREEMENT).write_text(agreement("active"), encoding="utf-8")
    ran = subprocess.run([str(Path(sys.executable).parent / "agreed"), "sign", AGREEMENT, "--as", "maria"],
                         cwd=clone, capture_output=True, text=True, check=False, timeout=60)
    assert ran.returncode == 0, ran.stderr
    git(clone, "add", "-A")
    git(clone, "commit", "-qm", "Activate; maria consents", email=MARIA)
    return clone


def fake_cli(folder: Path, name: str, body: str) -> None:
    """``name`` on PATH, a shell script with ``body``: the code host's CLI, which tests cannot reach."""
    folder.mkdir(exist_ok=True)
    script = folder / name
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


def run_step(clone: Path, step: dict[str, Any], environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    path = f"{clone.parent / 'bin'}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    variables = {**os.environ, **{key: str(value) for key, value in step.get("env", {}).items()}, **environment,
                 "PATH": path, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=clone,
                          env=variables, capture_output=True, text=True, check=False, timeout=120)


def github_gate() -> dict[str, Any]:
    workflow = YAML(typ="safe").load(ci_template("github"))
    (job,) = workflow["jobs"].values()
    step: dict[str, Any] = next(step for step in job["steps"] if step.get("name") == "Every party consented")
    return step


def test_the_github_consent_step_fails_until_every_party_approved(pull_request: Path, tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    fake_cli(tmp_path / "bin", "gh", f'echo "$@" > "{export}.args"\ncat "{export}"')
    head = git(pull_request, "rev-parse", "HEAD").strip()
    summary = tmp_path / "summary.md"
    environment = {"BASE_REF": "main", "PR_NUMBER": "7", "GITHUB_REPOSITORY": "acme/agreements",
                   "RUNNER_TEMP": str(tmp_path), "GH_TOKEN": "token", "GITHUB_STEP_SUMMARY": str(summary)}
    step = github_gate()

    export.write_text("[]", encoding="utf-8")
    waiting = run_step(pull_request, step, environment)
    assert waiting.returncode == 1, waiting.stdout + waiting.stderr
    assert "daniel is missing" in waiting.stdout
    assert "**the gate fails for 1 of 1 agreement**" in summary.read_text(encoding="utf-8")
    assert (tmp_path / "export.json.args").read_text().split() == [
        "api", "--paginate", "repos/acme/agreements/pulls/7/reviews"]

    export.write_text(json.dumps([{"user": {"login": "dokafor"}, "state": "APPROVED", "commit_id": head}]),
                      encoding="utf-8")
    approved = run_step(pull_request, step, environment)
    assert approved.returncode == 0, approved.stdout + approved.stderr
    assert "contracts/sales-onboarding.yaml: ok (active)" in approved.stdout


def gitlab_gate() -> dict[str, Any]:
    job = YAML(typ="safe").load(ci_template("gitlab"))["agreed"]
    script: str = job["script"][-1]
    assert "agreed consent check" in script
    return {"run": script}


GITLAB_API = """for last; do :; done
case "$last" in
  https://gitlab.example/api/v4/projects/42/merge_requests/3/approvals) cat "{folder}/approvals.json";;
  https://gitlab.example/api/v4/projects/42/merge_requests/3) cat "{folder}/request.json";;
  https://gitlab.example/api/v4/projects/42/approvals) cat "{folder}/settings.json";;
  *) echo "unexpected $last" >&2; exit 22;;
esac"""


def test_the_gitlab_consent_step_uses_approvals_only_for_the_checked_head(pull_request: Path,
                                                                          tmp_path: Path) -> None:
    api = tmp_path / "api"
    api.mkdir()
    fake_cli(tmp_path / "bin", "curl", GITLAB_API.format(folder=api))
    head = git(pull_request, "rev-parse", "HEAD").strip()
    environment = {"CI_MERGE_REQUEST_IID": "3", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
                   "CI_API_V4_URL": "https://gitlab.example/api/v4", "CI_PROJECT_ID": "42", "CI_COMMIT_SHA": head,
                   "AGREED_API_TOKEN": "token"}
    approved_by = {"approved_by": [{"user": {"username": "dokafor", "name": "Daniel Okafor"}}]}
    (api / "approvals.json").write_text(json.dumps(approved_by), encoding="utf-8")
    (api / "request.json").write_text(json.dumps({"iid": 3, "sha": head}), encoding="utf-8")
    (api / "settings.json").write_text(json.dumps({"reset_approvals_on_push": True}), encoding="utf-8")
    step = gitlab_gate()

    approved = run_step(pull_request, step, environment)
    assert approved.returncode == 0, approved.stdout + approved.stderr
    assert "contracts/sales-onboarding.yaml: ok (active)" in approved.stdout

    (api / "settings.json").write_text(json.dumps({"reset_approvals_on_push": False}), encoding="utf-8")
    kept = run_step(pull_request, step, environment)
    assert kept.returncode == 1  # the gate ran, without approvals: daniel has no evidence
    assert "approvals are not used as consent: the project keeps approvals when commits are added" in kept.stderr
    assert "daniel is missing" in kept.stdout

    (api / "settings.json").write_text(json.dumps({"reset_approvals_on_push": True}), encoding="utf-8")
    (api / "request.json").write_text(json.dumps({"iid": 3, "sha": "0" * 40}), encoding="utf-8")
    moved = run_step(pull_request, step, environment)
    assert moved.returncode == 1
    assert "the merge request moved on" in moved.stderr

    (api / "settings.json").unlink()  # the approvals API is not there (GitLab Free): curl fails
    free = run_step(pull_request, step, environment)
    assert free.returncode == 1
    assert "approvals could not be read" in free.stderr

    without_token = run_step(pull_request, step, {**environment, "AGREED_API_TOKEN": ""})
    assert without_token.returncode == 1  # no approvals read: daniel has no evidence
    assert "daniel is missing" in without_token.stdout


@pytest.fixture
def gitlab_api(pull_request: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The folder the stub ``curl`` answers from (every answer valid: approved by daniel, the checked head, approvals
    removed on push) and the merge-request pipeline's variables."""
    api = tmp_path / "api"
    api.mkdir()
    fake_cli(tmp_path / "bin", "curl", GITLAB_API.format(folder=api))
    head = git(pull_request, "rev-parse", "HEAD").strip()
    (api / "approvals.json").write_text(json.dumps({"approved_by": [{"user": {"username": "dokafor"}}]}),
                                        encoding="utf-8")
    (api / "request.json").write_text(json.dumps({"iid": 3, "sha": head}), encoding="utf-8")
    (api / "settings.json").write_text(json.dumps({"reset_approvals_on_push": True}), encoding="utf-8")
    return api, {"CI_MERGE_REQUEST_IID": "3", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
                 "CI_API_V4_URL": "https://gitlab.example/api/v4", "CI_PROJECT_ID": "42", "CI_COMMIT_SHA": head,
                 "AGREED_API_TOKEN": "token"}


LOGIN_PAGE = "<!DOCTYPE html>\n<html><body>Sign in to GitLab</body></html>\n"


@pytest.mark.parametrize("answer", ["settings.json", "request.json", "approvals.json"])
def test_a_gitlab_answer_that_is_not_json_is_one_line_and_the_gate_still_runs(
        pull_request: Path, gitlab_api: tuple[Path, dict[str, str]], answer: str) -> None:
    api, environment = gitlab_api
    assert run_step(pull_request, gitlab_gate(), environment).returncode == 0  # every answer valid: daniel approved
    (api / answer).write_text(LOGIN_PAGE, encoding="utf-8")
    result = run_step(pull_request, gitlab_gate(), environment)
    assert result.returncode == 1, result.stdout + result.stderr  # the gate ran, without approvals
    assert "daniel is missing" in result.stdout
    assert "Traceback" not in result.stderr
    notes = [line for line in result.stderr.splitlines() if "approvals could not be read" in line]
    assert notes == [f"agreed: approvals could not be read ({answer} is not JSON: Expecting value: line 1 column 1 "
                     "(char 0); check CI_API_V4_URL and AGREED_API_TOKEN)"]
    assert not (pull_request / "reviews.json").exists()


def test_a_gitlab_answer_that_is_json_but_not_an_object_is_one_line(
        pull_request: Path, gitlab_api: tuple[Path, dict[str, str]]) -> None:
    api, environment = gitlab_api
    (api / "approvals.json").write_text("[]", encoding="utf-8")
    result = run_step(pull_request, gitlab_gate(), environment)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "agreed: approvals could not be read (approvals.json is not a JSON object)" in result.stderr


NO_TOKEN_NOTE = ("agreed: merge-request approvals are not read without AGREED_API_TOKEN (a masked read_api CI "
                 "variable)")


def test_without_a_token_a_merge_request_pipeline_says_approvals_are_not_read(
        pull_request: Path, gitlab_api: tuple[Path, dict[str, str]]) -> None:
    _, environment = gitlab_api
    with_token = run_step(pull_request, gitlab_gate(), environment)
    assert NO_TOKEN_NOTE not in with_token.stderr
    without_token = run_step(pull_request, gitlab_gate(), {**environment, "AGREED_API_TOKEN": ""})
    assert without_token.returncode == 1
    assert without_token.stderr.splitlines().count(NO_TOKEN_NOTE) == 1
    assert "daniel is missing" in without_token.stdout


def test_a_branch_pipeline_says_nothing_about_approvals(pull_request: Path) -> None:
    result = run_step(pull_request, gitlab_gate(), {"CI_COMMIT_SHA": "0" * 40, "AGREED_API_TOKEN": ""})
    assert result.returncode == 0, result.stdout + result.stderr  # the consent step is for merge requests only
    assert "approvals" not in result.stdout + result.stderr


def github_steps() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    workflow: dict[str, Any] = YAML(typ="safe").load(ci_template("github"))
    (job,) = workflow["jobs"].values()
    return workflow, job["steps"]


def test_the_github_workflow_is_valid_for_the_workflow_schema(tmp_path: Path) -> None:
    workflow = tmp_path / "agreed.yml"
    workflow.write_text(ci_template("github"), encoding="utf-8")
    checker = Path(sys.executable).parent / "check-jsonschema"
    ran = subprocess.run([str(checker), "--builtin-schema", "vendor.github-workflows", str(workflow)],
                         capture_output=True, text=True, check=False, timeout=120)
    assert ran.returncode == 0, ran.stdout + ran.stderr


def test_the_github_workflow_uploads_the_lint_report_to_code_scanning_without_failing_where_it_is_missing() -> None:
    workflow, steps = github_steps()
    assert workflow["permissions"]["security-events"] == "write"
    names = [step.get("name") for step in steps]
    report = steps[names.index("Lint report for code scanning")]
    upload = steps[names.index("Upload to code scanning")]
    assert names.index("Lint the agreements") < names.index("Lint report for code scanning") < names.index(
        "Upload to code scanning")
    assert report["if"].startswith("${{ !cancelled()")  # also after lint found errors
    assert "--output agreed.sarif" in report["run"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "agreed.sarif"
    assert upload["continue-on-error"] is True
    assert "hashFiles('agreed.sarif')" in upload["if"]


def test_the_github_code_scanning_step_writes_a_sarif_log_even_when_lint_finds_errors(pull_request: Path) -> None:
    (pull_request / "contracts" / "broken.yaml").write_text(
        "agreed: 1\nid: x\ntitle: t\nstatus: draft\nparties:\n  - id: maria\n    name: Maria Chen\n"
        "results:\n  deliverables:\n    - id: d1\n      what: Robust thing, etc.\n", encoding="utf-8")
    _, steps = github_steps()
    step = next(step for step in steps if step.get("name") == "Lint report for code scanning")
    ran = run_step(pull_request, step, {})
    assert ran.returncode == 0, ran.stdout + ran.stderr
    log = json.loads((pull_request / "agreed.sarif").read_text(encoding="utf-8"))
    schema = json.loads((Path(__file__).parent / "report" / "lint" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(log)
    located = {(result["ruleId"], result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
               for result in log["runs"][0]["results"]}
    assert ("A201", "contracts/broken.yaml") in located
