"""The Pages and due-reminder jobs that ``agreed init --pages --due-reminder`` writes: their YAML says what the code
hosts need (permissions, triggers, the whole history, where the site goes), and the reminder's script, run as
written with the code host stubbed (``gh``; ``curl`` against GitLab's API: tests/code_host_stubs.py) and a stand-in
``agreed`` that prints Markdown and exits 0, 1 or 2, keeps ONE issue up to date: created when absent, edited (never
duplicated) when present, posted also when something is overdue, left alone when ``agreed due`` fails."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from agreed.init import ci_template
from code_host_stubs import Host, Issue, calls, install
from gitrepo import EXAMPLE, commit_all, git

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")

MARKER = "<!-- agreed-due-reminder -->"
TITLE = "What falls due under our agreements"
LABEL = "agreed-due"
OVERDUE = ("# What is due\n\n| agreement | item | owner | due |\n|---|---|---|---|\n"
           "| sales | D1 | maria | 3 days late |\n")
NOTHING = "# What is due\n\nNothing is due in the next 14 days.\n"
SHELLS = {"bash": ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"], "sh": ["sh", "-e", "-c"]}


def _yaml(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


class Job:
    """A folder to run a job's script in: a stand-in ``agreed`` (printing ``due.md`` and exiting with the code in
    ``due.exit``, its arguments logged in ``agreed.args``) and the stubbed code host, all first on PATH."""

    def __init__(self, root: Path, host: Host) -> None:
        self.root = root
        self.work = root / "work"
        self.host_folder = root / "host"
        self.bin = root / "bin"
        self.runner_temp = root / "runner"
        (self.work / "contracts").mkdir(parents=True)
        self.runner_temp.mkdir()
        install(self.host_folder, self.bin, host)
        agreed = self.bin / "agreed"
        agreed.write_text(f'#!/bin/sh\necho "$@" >> "{root}/agreed.args"\ncat "{root}/due.md"\n'
                          f'exit "$(cat "{root}/due.exit")"\n', encoding="utf-8")
        agreed.chmod(0o755)
        self.due(NOTHING, 0)

    def due(self, markdown: str, exit_code: int) -> None:
        """What the stand-in ``agreed due`` prints next, and its exit code."""
        (self.root / "due.md").write_text(markdown, encoding="utf-8")
        (self.root / "due.exit").write_text(str(exit_code), encoding="utf-8")

    def run(self, script: str, environment: dict[str, str], shell: str = "bash") -> subprocess.CompletedProcess[str]:
        path = os.pathsep.join([str(self.bin), str(Path(sys.executable).parent), os.environ["PATH"]])
        return subprocess.run([*SHELLS[shell], script], cwd=self.work, env={**os.environ, **environment, "PATH": path},
                              capture_output=True, text=True, check=False, timeout=120)

    @property
    def host(self) -> Host:
        return Host.load(self.host_folder)

    def calls(self) -> list[list[str]]:
        return calls(self.host_folder)

    def agreed_arguments(self) -> list[str]:
        return (self.root / "agreed.args").read_text(encoding="utf-8").splitlines()


def _issues(job: Job) -> list[tuple[int, str, str, str]]:
    return [(issue.number, issue.title, issue.state, issue.body) for issue in job.host.issues]


# --- GitHub: the due reminder -----------------------------------------------------------------------------------

def github_due_step() -> tuple[dict[str, Any], dict[str, Any]]:
    workflow = _yaml(ci_template("github", "due"))
    (job,) = workflow["jobs"].values()
    step = next(step for step in job["steps"] if "agreed due" in step.get("run", ""))
    return workflow, step


@pytest.fixture
def github(tmp_path: Path) -> Job:
    if shutil.which("jq") is None:  # gh applies --jq itself; the stub hands it to jq
        pytest.skip("needs jq (.ci/run installs it)")
    return Job(tmp_path, Host())


def run_github(job: Job, **overrides: str) -> subprocess.CompletedProcess[str]:
    _, step = github_due_step()
    environment = {**{key: str(value) for key, value in step["env"].items()}, "GH_TOKEN": "token",
                   "GH_REPO": "acme/agreements", "RUNNER_TEMP": str(job.runner_temp), "GITHUB_STEP_SUMMARY":
                   str(job.root / "summary.md"), **overrides}
    return job.run(step["run"], environment)


def test_the_github_workflow_runs_weekly_with_the_rights_it_needs() -> None:
    workflow, step = github_due_step()
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    (schedule,) = workflow["on"]["schedule"]
    assert len(schedule["cron"].split()) == 5
    assert schedule["cron"].split()[4] == "1"  # one day of the week
    assert workflow["permissions"] == {"contents": "read", "issues": "write"}
    assert step["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert step["env"]["GH_REPO"] == "${{ github.repository }}"


def test_github_the_issue_is_created_when_absent_then_edited(github: Job) -> None:
    github.due(OVERDUE, 0)
    first = run_github(github)
    assert first.returncode == 0, first.stdout + first.stderr
    assert _issues(github) == [(1, TITLE, "open", f"{OVERDUE}\n{MARKER}\n")]
    assert github.host.issues[0].labels == [LABEL]
    assert github.host.labels == [LABEL]  # the label was made first: gh refuses an issue with a missing label
    assert github.agreed_arguments() == ["due contracts/ --format markdown"]
    assert OVERDUE in (github.root / "summary.md").read_text(encoding="utf-8")

    github.due(NOTHING, 0)
    second = run_github(github)
    assert second.returncode == 0, second.stdout + second.stderr
    assert _issues(github) == [(1, TITLE, "open", f"{NOTHING}\n{MARKER}\n")]  # the same issue, edited
    assert [call[:2] for call in github.calls()[-2:]] == [["api", "--method"], ["issue", "edit"]]
    assert github.calls()[-1][2] == "1"


def test_github_only_an_open_labelled_issue_with_the_marker_is_edited(tmp_path: Path) -> None:
    if shutil.which("jq") is None:
        pytest.skip("needs jq (.ci/run installs it)")
    others = [Issue(1, "An old reminder", f"old\n{MARKER}\n", [LABEL], "closed"),
              Issue(2, "Someone's question", "What is due?", [LABEL]),
              Issue(3, "Pasted", f"quoting {MARKER}", ["question"]),
              Issue(4, "Quoting it in a pull request", f"see {MARKER}", [LABEL], pull_request=True),
              Issue(5, "No text", "", [LABEL]),
              *(Issue(number, f"Noise {number}", "", [LABEL]) for number in range(6, 206)),
              Issue(206, "The reminder", f"last week\n{MARKER}\n", [LABEL]),
              Issue(207, "A second reminder", f"by hand\n{MARKER}\n", [LABEL]),
              *(Issue(number, f"Noise {number}", "", [LABEL]) for number in range(208, 308))]
    job = Job(tmp_path, Host(issues=others, labels=[LABEL, "question"]))
    job.due(OVERDUE, 1)
    result = run_github(job)
    assert result.returncode == 0, result.stdout + result.stderr
    bodies = {issue.number: issue.body for issue in job.host.issues}
    # the oldest open labelled issue with the marker, found on the second page
    assert bodies == {**{issue.number: issue.body for issue in others}, 206: f"{OVERDUE}\n{MARKER}\n"}
    assert not any(call[:2] == ["label", "create"] for call in job.calls())


def test_github_an_existing_label_is_used_as_it_is(github: Job) -> None:
    install(github.host_folder, github.bin, Host(labels=["Agreed-Due-Other", LABEL]))
    result = run_github(github)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [call[:2] for call in github.calls()] == [["api", "--method"], ["label", "list"], ["issue", "create"]]
    assert github.host.labels == ["Agreed-Due-Other", LABEL]


def test_github_something_overdue_is_posted_and_fails_the_run_only_when_asked(github: Job) -> None:
    github.due(OVERDUE, 1)
    posted = run_github(github)
    assert posted.returncode == 0, posted.stdout + posted.stderr
    assert _issues(github)[0][3] == f"{OVERDUE}\n{MARKER}\n"

    github.due(OVERDUE + "| more | D2 | daniel | 1 day late |\n", 1)
    failed = run_github(github, AGREED_DUE_FAIL_ON_OVERDUE="true")
    assert failed.returncode == 1
    assert "something is overdue" in failed.stderr
    assert len(github.host.issues) == 1
    assert "daniel" in github.host.issues[0].body  # posted before failing


def test_github_an_error_of_agreed_due_fails_the_run_and_leaves_the_issue(github: Job) -> None:
    run_github(github)
    before = _issues(github)
    github.due("", 2)
    result = run_github(github)
    assert result.returncode == 2
    assert "agreed due failed (exit 2)" in result.stderr
    assert _issues(github) == before
    assert [call[:2] for call in github.calls()] == [["api", "--method"], ["label", "list"], ["label", "create"],
                                                     ["issue", "create"]]  # the failed run called nothing


def test_github_a_failing_gh_fails_the_run(github: Job) -> None:
    result = run_github(github, GH_TOKEN="")
    assert result.returncode != 0
    assert "GH_TOKEN" in result.stderr
    assert github.host.issues == []


# --- GitLab: the due reminder -----------------------------------------------------------------------------------

GITLAB_API = {"CI_API_V4_URL": "https://gitlab.example/api/v4", "CI_PROJECT_ID": "42", "AGREED_DUE_TOKEN": "token"}


def gitlab_due_job() -> dict[str, Any]:
    job: dict[str, Any] = _yaml(ci_template("gitlab", "due"))["agreed-due"]
    return job


def run_gitlab(job: Job, shell: str, **overrides: str) -> subprocess.CompletedProcess[str]:
    definition = gitlab_due_job()
    environment = {**{key: str(value) for key, value in definition["variables"].items()}, **GITLAB_API, **overrides}
    return job.run("\n".join(definition["script"]), environment, shell)


@pytest.fixture(params=sorted(SHELLS))
def shell(request: pytest.FixtureRequest) -> str:
    """GitLab's runner uses bash where the image has it, else sh: the script works in both."""
    name: str = request.param
    if shutil.which(name) is None:
        pytest.skip(f"needs {name}")
    return name


def test_the_gitlab_job_runs_in_scheduled_pipelines_only() -> None:
    job = gitlab_due_job()
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    assert job["before_script"] == ['python -m pip install "$AGREED_PIP_SPEC"']
    assert job["variables"]["AGREED_DUE_LABEL"] == LABEL


def test_gitlab_the_issue_is_created_when_absent_then_edited(tmp_path: Path, shell: str) -> None:
    job = Job(tmp_path, Host())
    job.due(OVERDUE, 1)
    first = run_gitlab(job, shell)
    assert first.returncode == 0, first.stdout + first.stderr
    assert _issues(job) == [(1, TITLE, "open", f"{OVERDUE}\n{MARKER}\n")]
    assert job.host.issues[0].labels == [LABEL]
    assert "opened an issue" in first.stdout

    job.due(NOTHING, 0)
    second = run_gitlab(job, shell)
    assert second.returncode == 0, second.stdout + second.stderr
    assert _issues(job) == [(1, TITLE, "open", f"{NOTHING}\n{MARKER}\n")]
    assert "updated issue #1" in second.stdout
    methods = [call[call.index("--request") + 1] if "--request" in call else "GET" for call in job.calls()]
    assert methods == ["GET", "POST", "GET", "PUT"]
    assert all("PRIVATE-TOKEN: token" in call for call in job.calls())
    assert (job.work / "due.md").read_text(encoding="utf-8") == NOTHING  # the job's artifact
    assert job.agreed_arguments() == ["due contracts/ --format markdown"] * 2


def test_gitlab_only_an_open_labelled_issue_with_the_marker_is_edited(tmp_path: Path, shell: str) -> None:
    others = [Issue(1, "An old reminder", f"old\n{MARKER}\n", [LABEL], "closed"),
              Issue(2, "Someone's question", "What is due?", [LABEL]),
              Issue(3, "Pasted", f"quoting {MARKER}", ["question"]),
              Issue(4, "The reminder", f"last week\n{MARKER}\n", [LABEL]),
              Issue(5, "A second reminder", f"by hand\n{MARKER}\n", [LABEL]),
              *(Issue(number, f"Noise {number}", "", [LABEL]) for number in range(6, 206))]  # newer than a page
    job = Job(tmp_path, Host(issues=others, labels=[LABEL, "question"]))
    result = run_gitlab(job, shell)
    assert result.returncode == 0, result.stdout + result.stderr
    bodies = {issue.number: issue.body for issue in job.host.issues}
    assert bodies == {**{issue.number: issue.body for issue in others}, 4: f"{NOTHING}\n{MARKER}\n"}


def test_gitlab_exit_codes(tmp_path: Path, shell: str) -> None:
    job = Job(tmp_path, Host())
    job.due(OVERDUE, 1)
    asked = run_gitlab(job, shell, AGREED_DUE_FAIL_ON_OVERDUE="true")
    assert asked.returncode == 1
    assert len(job.host.issues) == 1  # posted before failing
    job.due("", 2)
    failed = run_gitlab(job, shell)
    assert failed.returncode == 2
    assert "agreed due failed (exit 2)" in failed.stderr
    assert _issues(job) == [(1, TITLE, "open", f"{OVERDUE}\n{MARKER}\n")]
    assert len(job.calls()) == 2  # the GET and POST of the first run only


def test_gitlab_without_a_token_says_so_and_calls_nothing(tmp_path: Path, shell: str) -> None:
    job = Job(tmp_path, Host())
    result = run_gitlab(job, shell, AGREED_DUE_TOKEN="")
    assert result.returncode == 2
    assert result.stderr.strip() == ("agreed: the reminder issue needs a masked CI variable AGREED_DUE_TOKEN (an api "
                                     "token)")
    assert job.calls() == []
    assert not (tmp_path / "agreed.args").exists()


def test_gitlab_a_wrong_token_fails_the_job(tmp_path: Path, shell: str) -> None:
    job = Job(tmp_path, Host())
    result = run_gitlab(job, shell, AGREED_DUE_TOKEN="expired")
    assert result.returncode == 22
    assert "401" in result.stderr
    assert job.host.issues == []


def test_gitlab_an_answer_that_is_not_json_is_one_line(tmp_path: Path, shell: str) -> None:
    job = Job(tmp_path, Host(answer="<!DOCTYPE html>\n<html><body>Sign in to GitLab</body></html>"))
    result = run_gitlab(job, shell)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == ("agreed: the open issues could not be read (not JSON: Expecting value: line 1 "
                                     "column 1 (char 0); check CI_API_V4_URL)")
    assert len(job.calls()) == 1  # nothing was created


# --- Pages --------------------------------------------------------------------------------------------------------


def test_the_github_pages_workflow_publishes_the_site_from_the_default_branch() -> None:
    workflow = _yaml(ci_template("github", "pages"))
    assert workflow["on"]["push"]["branches"] == ["main", "master"]
    assert {"schedule", "workflow_dispatch"} <= set(workflow["on"])
    assert workflow["permissions"] == {"contents": "read"}  # the write rights belong to the deploy job alone
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "github.event.repository.default_branch" in build["if"]
    checkout = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    site = next(step for step in build["steps"] if step.get("run", "").startswith("agreed site"))
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert site["run"] == 'agreed site contracts/ -o "$RUNNER_TEMP/site"'
    assert upload["with"]["path"] == "${{ runner.temp }}/site"  # what was built is what is uploaded
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    (step,) = deploy["steps"]
    assert step["uses"].startswith("actions/deploy-pages@")
    assert deploy["environment"]["url"] == f"${{{{ steps.{step['id']}.outputs.page_url }}}}"


def test_the_gitlab_pages_job_publishes_public() -> None:
    pipeline = _yaml(ci_template("gitlab", "pages"))
    assert list(pipeline) == ["pages"]  # the job GitLab publishes Pages from
    job = pipeline["pages"]
    assert job["variables"]["GIT_DEPTH"] == "0"
    assert job["script"] == ["agreed site contracts/ -o public"]
    assert job["artifacts"]["paths"] == ["public"]
    assert job["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]


@pytest.mark.parametrize("platform", ["github", "gitlab"])
def test_the_pages_build_step_writes_a_site_where_it_is_published(tmp_path: Path, platform: str) -> None:
    """The build step as written, with the real agreed, in a clone of a repository holding the examples."""
    origin = tmp_path / "origin"
    (origin / "contracts").mkdir(parents=True)
    git(origin, "init", "-q", "-b", "main")
    shutil.copy(EXAMPLE, origin / "contracts" / EXAMPLE.name)
    commit_all(origin, "Add the agreement")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    if platform == "github":
        build = _yaml(ci_template("github", "pages"))["jobs"]["build"]
        script = next(step["run"] for step in build["steps"] if step.get("run", "").startswith("agreed site"))
        published = tmp_path / "runner" / "site"
    else:
        script = "\n".join(_yaml(ci_template("gitlab", "pages"))["pages"]["script"])
        published = clone / "public"
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=clone,
                            env={**os.environ, "PATH": path, "RUNNER_TEMP": str(tmp_path / "runner"),
                                 "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"},
                            capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    index = (published / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<html[^>]* lang=", index)
    assert "sales-onboarding" in index
