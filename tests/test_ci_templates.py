"""The consent step of the shipped CI templates runs as written: in a real clone whose ``origin`` has the base
branch, with the code host's CLI replaced by a script that prints a review export, ``agreed consent check`` fails
until every party consented and passes after."""

from __future__ import annotations

import json
import os
import re
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


ACTION = Path(__file__).resolve().parents[1] / "action.yml"
EXPRESSION = re.compile(r"^\$\{\{\s*(?P<scope>inputs|github)\.(?P<name>[\w.-]+)\s*\}\}$")
PULL_REQUEST_7 = {"event.pull_request.base.ref": "main", "event.pull_request.number": "7", "token": "token"}


def action_step(name: str, inputs: dict[str, str] | None = None,
                github: dict[str, str] | None = None) -> dict[str, Any]:
    """The step ``name`` of the repository's action as GitHub runs it: each ``env`` value that is an expression is
    replaced by the input given (else the input's default) or by the ``github`` context's value."""
    action = YAML(typ="safe").load(ACTION.read_text(encoding="utf-8"))
    given = {key: str(spec.get("default", "")) for key, spec in action["inputs"].items()}
    unknown = set(inputs or {}) - set(given)
    assert not unknown, f"the action has no inputs {unknown}"
    given.update(inputs or {})
    step: dict[str, Any] = next(step for step in action["runs"]["steps"] if step.get("name") == name)
    scopes = {"inputs": given, "github": github or {}}
    return {**step, "env": {key: _evaluated(str(value), scopes) for key, value in step.get("env", {}).items()}}


def _evaluated(value: str, scopes: dict[str, dict[str, str]]) -> str:
    found = EXPRESSION.match(value)
    if found is None:
        assert "${{" not in value, f"an expression GitHub would evaluate that this test does not: {value}"
        return value
    return scopes[found["scope"]][found["name"]]


def github_gate(inputs: dict[str, str] | None = None) -> dict[str, Any]:
    return action_step("Every party consented", inputs, PULL_REQUEST_7)


def runner(tmp_path: Path) -> dict[str, str]:
    """What the runner sets for every step: the repository, a temporary folder and the step summary's file."""
    return {"GITHUB_REPOSITORY": "acme/agreements", "RUNNER_TEMP": str(tmp_path),
            "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}


def test_the_github_consent_step_fails_until_every_party_approved(pull_request: Path, tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    fake_cli(tmp_path / "bin", "gh", f'echo "$@" > "{export}.args"\ncat "{export}"')
    head = git(pull_request, "rev-parse", "HEAD").strip()
    summary = tmp_path / "summary.md"
    environment = runner(tmp_path)
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


def test_the_github_consent_step_checks_the_paths_given(pull_request: Path, tmp_path: Path) -> None:
    (pull_request / "other").mkdir()
    shutil.copy(EXAMPLE, pull_request / "other" / "settled.yaml")  # active, unchanged from nothing: no consent asked
    fake_cli(tmp_path / "bin", "gh", "echo '[]'")
    elsewhere = run_step(pull_request, github_gate({"paths": "other"}), runner(tmp_path))
    assert "sales-onboarding" not in elsewhere.stdout + elsewhere.stderr
    assert "other/settled.yaml" in elsewhere.stdout
    both = run_step(pull_request, github_gate({"paths": "other\ncontracts"}), runner(tmp_path))
    assert both.returncode == 1
    assert "daniel is missing" in both.stdout


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


def test_no_input_reaches_a_script_except_through_its_environment() -> None:
    action = YAML(typ="safe").load(ACTION.read_text(encoding="utf-8"))
    steps = action["runs"]["steps"]
    for step in steps:
        assert "${{" not in step.get("run", ""), f"{step.get('name')}: an expression spliced into the script"
    used = {name for step in steps for name in re.findall(r"inputs\.([\w-]+)", json.dumps(step))}
    assert used == set(action["inputs"])  # every input does something, and only inputs that exist are read


def test_the_install_step_installs_the_actions_own_revision_unless_told_otherwise(tmp_path: Path) -> None:
    fake_cli(tmp_path / "bin", "python", f'printf "%s\\n" "$@" > "{tmp_path}/pip.args"')
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    environment = {"GITHUB_ACTION_PATH": "/runner/_actions/acme/agreed/v1", "RUNNER_TEMP": str(tmp_path)}
    assert run_step(workspace, action_step("Install agreed"), environment).returncode == 0
    installed = (tmp_path / "pip.args").read_text().splitlines()
    assert installed == ["-m", "pip", "install", environment["GITHUB_ACTION_PATH"]]
    spec = 'agreed==1.2.3"; touch "$RUNNER_TEMP/ran'
    assert run_step(workspace, action_step("Install agreed", {"pip-spec": spec}), environment).returncode == 0
    assert (tmp_path / "pip.args").read_text().splitlines() == ["-m", "pip", "install", spec]
    assert not (tmp_path / "ran").exists()


BROKEN = ("agreed: 1\nid: x\ntitle: t\nstatus: draft\nparties:\n  - id: maria\n    name: Maria Chen\n"
          "results:\n  deliverables:\n    - id: d1\n      what: Robust thing, etc.\n")


@pytest.fixture
def with_broken(pull_request: Path) -> Path:
    """The pull-request clone with a second agreement that lint finds errors in."""
    (pull_request / "contracts" / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    return pull_request


@pytest.mark.parametrize(("inputs", "exit_code"), [
    ({}, 1),
    ({"paths": "contracts/sales-onboarding.yaml"}, 0),
    ({"paths": "contracts/broken.yaml  contracts/sales-onboarding.yaml"}, 1),
    ({"fail-on": "never"}, 0),
    ({"paths": "contracts/sales-onboarding.yaml", "fail-on": "warning"}, 0),
])
def test_the_lint_step_checks_the_paths_given_at_the_threshold_given(
        with_broken: Path, tmp_path: Path, inputs: dict[str, str], exit_code: int) -> None:
    ran = run_step(with_broken, action_step("Lint the agreements", inputs), runner(tmp_path))
    assert ran.returncode == exit_code, ran.stdout + ran.stderr
    only_the_sound_one = inputs.get("paths") == "contracts/sales-onboarding.yaml"
    assert ("broken.yaml" in ran.stdout) is not only_the_sound_one


def test_the_lint_step_writes_the_format_asked_for(with_broken: Path, tmp_path: Path) -> None:
    github = run_step(with_broken, action_step("Lint the agreements"), runner(tmp_path))
    assert "::error file=contracts/broken.yaml" in github.stdout
    text = run_step(with_broken, action_step("Lint the agreements", {"format": "text"}), runner(tmp_path))
    assert "contracts/broken.yaml:11:" in text.stdout
    assert "::error" not in text.stdout


def test_a_path_is_a_path_never_a_command(with_broken: Path, tmp_path: Path) -> None:
    paths = '$(touch ran) `touch ran` ; touch ran'
    ran = run_step(with_broken, action_step("Lint the agreements", {"paths": paths}), runner(tmp_path))
    assert ran.returncode == 2  # no such files
    assert not (with_broken / "ran").exists()


COMMIT = "3f786850e387550fdab836ed7e6dc881de23001b"
FROM_A_TAG = {"server_url": "https://github.com", "action_repository": "owner/agreed", "action_ref": "v1.2.0",
              "repository": "acme/agreements", "sha": COMMIT}
FROM_ITSELF = {**FROM_A_TAG, "action_repository": "", "action_ref": ""}  # uses: ./
SARIF_SCHEMA = Path(__file__).parent / "report" / "lint" / "sarif-schema-2.1.0.json"
RULES_PAGE = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def code_scanning_log(clone: Path, tmp_path: Path, github: dict[str, str],
                      inputs: dict[str, str] | None = None) -> dict[str, Any]:
    """The SARIF log the action's code scanning step writes, run as written, checked against the SARIF schema."""
    ran = run_step(clone, action_step("Lint report for code scanning", inputs, github), runner(tmp_path))
    assert ran.returncode == 0, ran.stdout + ran.stderr
    log: dict[str, Any] = json.loads((tmp_path / "agreed.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(log)
    return log


def test_the_github_code_scanning_step_writes_a_sarif_log_even_when_lint_finds_errors(with_broken: Path,
                                                                                        tmp_path: Path) -> None:
    log = code_scanning_log(with_broken, tmp_path, FROM_A_TAG)
    located = {(result["ruleId"], result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
               for result in log["runs"][0]["results"]}
    assert ("A201", "contracts/broken.yaml") in located


@pytest.mark.parametrize(("github", "base"), [
    (FROM_A_TAG, "https://github.com/owner/agreed/tree/v1.2.0"),
    (FROM_ITSELF, f"https://github.com/acme/agreements/tree/{COMMIT}"),
    ({**FROM_A_TAG, "server_url": "https://ghe.example.com"}, "https://ghe.example.com/owner/agreed/tree/v1.2.0"),
])
def test_the_code_scanning_log_links_each_rule_to_the_actions_own_source_at_its_ref(
        with_broken: Path, tmp_path: Path, github: dict[str, str], base: str) -> None:
    driver = code_scanning_log(with_broken, tmp_path, github)["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == base
    sections = set(re.findall(r"^## (\S+)$", RULES_PAGE.read_text(encoding="utf-8"), flags=re.MULTILINE))
    for rule in driver["rules"]:
        page, _, anchor = rule["helpUri"].partition("#")
        assert page == f"{base}/docs/rules.md"
        assert anchor == rule["id"].lower()
        assert rule["id"] in sections


@pytest.mark.parametrize(("github", "inputs"), [
    (FROM_A_TAG, {"pip-spec": "agreed==1.0.0"}),  # agreed came from elsewhere than the action's source
    ({**FROM_A_TAG, "action_ref": "topic#1"}, {}),  # a ref no URL path holds as written
    ({**FROM_A_TAG, "action_ref": ""}, {}),  # an action repository without its ref
])
def test_where_agreed_came_from_is_not_known_nothing_is_linked(
        with_broken: Path, tmp_path: Path, github: dict[str, str], inputs: dict[str, str]) -> None:
    driver = code_scanning_log(with_broken, tmp_path, github, inputs)["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver
    assert driver["rules"]
    assert all("helpUri" not in rule for rule in driver["rules"])


@pytest.mark.skipif(shutil.which("sarif", path=str(Path(sys.executable).parent)) is None,
                    reason="needs sarif-tools (a test extra)")
def test_sarif_tools_reads_the_linked_log(with_broken: Path, tmp_path: Path) -> None:
    code_scanning_log(with_broken, tmp_path, FROM_A_TAG)
    client = shutil.which("sarif", path=str(Path(sys.executable).parent))
    assert client is not None
    summary = subprocess.run([client, "summary", str(tmp_path / "agreed.sarif")], capture_output=True, text=True,
                             check=False, timeout=120)
    assert summary.returncode == 0, summary.stdout + summary.stderr
    assert "error: " in summary.stdout


def test_the_upload_to_code_scanning_takes_the_report_written_and_never_fails_the_job() -> None:
    action = YAML(typ="safe").load(ACTION.read_text(encoding="utf-8"))
    steps = action["runs"]["steps"]
    names = [step.get("name") for step in steps]
    report, upload = steps[names.index("Lint report for code scanning")], steps[names.index("Upload to code scanning")]
    assert names.index("Lint the agreements") < names.index("Lint report for code scanning") < names.index(
        "Upload to code scanning")
    assert report["if"].startswith("${{ !cancelled()")  # also after lint found errors
    assert "inputs.code-scanning == 'true'" in report["if"]
    assert '--output "$RUNNER_TEMP/agreed.sarif"' in report["run"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "${{ runner.temp }}/agreed.sarif"
    assert upload["continue-on-error"] is True
    assert f"steps.{report['id']}.outcome == 'success'" in upload["if"]


def test_the_diff_step_adds_what_changed_to_the_summary(pull_request: Path, tmp_path: Path) -> None:
    ran = run_step(pull_request, action_step("What changed, by meaning", github=PULL_REQUEST_7), runner(tmp_path))
    assert ran.returncode == 0, ran.stdout + ran.stderr
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "contracts/sales-onboarding.yaml" in summary
    assert "proposed" in summary
    assert "active" in summary


@pytest.mark.parametrize(("step", "switch"), [("Every party consented", "consent"),
                                              ("What changed, by meaning", "diff-summary")])
def test_the_pull_request_steps_run_on_pull_requests_and_reviews_when_switched_on(step: str, switch: str) -> None:
    condition = action_step(step, github=PULL_REQUEST_7)["if"]
    assert f"inputs.{switch} == 'true'" in condition
    assert "github.event_name == 'pull_request'" in condition
    assert "github.event_name == 'pull_request_review'" in condition
    assert "!cancelled()" in condition
