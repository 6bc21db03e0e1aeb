"""``agreed.init``: what it writes into a real temporary git repository, and what it leaves alone; and the closing
line of ``agreed init``, which never calls the repository set up while a step needs the user's hand."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from agreed.cli import main
from agreed.init import (
    ATTRIBUTE_LINES,
    DIFF_DRIVER_COMMAND,
    DIFF_DRIVER_KEY,
    GITHUB_DUE_WORKFLOW,
    GITHUB_PAGES_WORKFLOW,
    Action,
    CiExtras,
    InitError,
    Outcome,
    ci_template,
    initialise,
)
from agreed.schema import schema_path, template_path

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
EVERYTHING = ["contracts/_template.yaml", "schema/agreement.schema.json", ".agreed.yaml", ".pre-commit-config.yaml",
              ".gitattributes", f"git config {DIFF_DRIVER_KEY}", ".github/workflows/agreed.yml"]


def _git(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(["git", "-c", "user.name=Li Wei", "-c", "user.email=li@example.org", *args], cwd=root,
                            env=env or ENV, check=True, capture_output=True, text=True)
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    return root


def _diff_driver_setting(root: Path) -> str | None:
    """The repository's own diff-driver setting, read with plain git (not through the code under test)."""
    result = subprocess.run(["git", "config", "--local", "--get", DIFF_DRIVER_KEY], cwd=root, env=ENV,
                            capture_output=True, text=True, check=False)
    return result.stdout.rstrip("\n") if result.returncode == 0 else None


def _outcomes(actions: list[Action]) -> dict[str, Outcome]:
    return {action.target: action.outcome for action in actions}


def _snapshot(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*"))
            if path.is_file() and ".git" not in path.relative_to(root).parts[:1]}


def _yaml(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


def test_first_run_creates_everything(repo: Path) -> None:
    actions = initialise(repo, "github")
    assert [action.target for action in actions] == EVERYTHING
    assert set(_outcomes(actions).values()) == {Outcome.CREATED}
    assert (repo / "contracts" / "_template.yaml").read_bytes() == template_path().read_bytes()
    assert (repo / "schema" / "agreement.schema.json").read_bytes() == schema_path().read_bytes()
    assert (repo / ".gitattributes").read_text(encoding="utf-8").splitlines() == list(ATTRIBUTE_LINES)
    assert _diff_driver_setting(repo) == DIFF_DRIVER_COMMAND
    assert _yaml((repo / ".agreed.yaml").read_text(encoding="utf-8")) is None  # only comments: the defaults


def test_the_configuration_offers_the_site_url_the_calendar_links_to(repo: Path) -> None:
    initialise(repo, "github")
    lines = (repo / ".agreed.yaml").read_text(encoding="utf-8").splitlines()
    site = [line.removeprefix("# ") for line in lines if line.startswith("# site:")]
    assert len(site) == 1
    assert _yaml(site[0]) == {"site": {"url": "https://example.github.io/agreements/"}}


def test_second_run_changes_nothing(repo: Path) -> None:
    initialise(repo, "github")
    before = _snapshot(repo)
    actions = initialise(repo, "github")
    assert set(_outcomes(actions).values()) == {Outcome.UNCHANGED}
    assert _snapshot(repo) == before


def test_the_template_modeline_finds_the_schema_copy(repo: Path) -> None:
    initialise(repo, "none")
    modeline = (repo / "contracts" / "_template.yaml").read_text(encoding="utf-8").splitlines()[0]
    relative = modeline.split("$schema=")[1]
    assert (repo / "contracts" / relative).resolve() == (repo / "schema" / "agreement.schema.json").resolve()


def test_user_files_are_kept_unless_forced(repo: Path) -> None:
    (repo / ".agreed.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    _git(repo, "config", "--local", DIFF_DRIVER_KEY, "my-differ")
    outcomes = _outcomes(initialise(repo, "github"))
    assert outcomes[".agreed.yaml"] is Outcome.KEPT
    assert outcomes[f"git config {DIFF_DRIVER_KEY}"] is Outcome.KEPT
    assert (repo / ".agreed.yaml").read_text(encoding="utf-8") == "fail-on: warning\n"
    assert _diff_driver_setting(repo) == "my-differ"
    forced = _outcomes(initialise(repo, "github", force=True))
    assert forced[".agreed.yaml"] is Outcome.UPDATED
    assert forced[f"git config {DIFF_DRIVER_KEY}"] is Outcome.UPDATED
    assert _diff_driver_setting(repo) == DIFF_DRIVER_COMMAND


def test_an_existing_pre_commit_config_is_never_rewritten(repo: Path) -> None:
    config = "repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v4.6.0\n" \
             "    hooks:\n      - id: trailing-whitespace\n"
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    for force in (False, True):
        action = next(a for a in initialise(repo, "none", force=force) if a.target == ".pre-commit-config.yaml")
        assert action.outcome is Outcome.MANUAL
        assert "id: agreed" in action.snippet
        assert (repo / ".pre-commit-config.yaml").read_text(encoding="utf-8") == config
    # Once added by hand (the snippet fits under repos:), init sees it.
    (repo / ".pre-commit-config.yaml").write_text(config + action.snippet, encoding="utf-8")
    repos = _yaml((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"]
    assert [repo_entry["repo"] for repo_entry in repos] == ["https://github.com/pre-commit/pre-commit-hooks", "local"]
    assert _outcomes(initialise(repo, "none"))[".pre-commit-config.yaml"] is Outcome.UNCHANGED


def test_the_pre_commit_hook_matches_the_projects_hook(repo: Path) -> None:
    initialise(repo, "none")
    config = _yaml((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = config["repos"][0]["hooks"]
    shipped = next(h for h in _yaml((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
                   if h["id"] == "agreed")
    for key in ("id", "entry", "files", "exclude", "types", "require_serial"):
        assert hook[key] == shipped[key], key
    assert config["repos"][0]["repo"] == "local"


def test_gitattributes_lines_are_added_once(repo: Path) -> None:
    (repo / ".gitattributes").write_text(f"*.png binary\n{ATTRIBUTE_LINES[0]}", encoding="utf-8")
    action = next(a for a in initialise(repo, "none") if a.target == ".gitattributes")
    assert action.outcome is Outcome.UPDATED
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == (
        f"*.png binary\n{ATTRIBUTE_LINES[0]}\n{ATTRIBUTE_LINES[1]}\n")


def _diff_attribute(root: Path, path: str) -> str:
    """What plain git says the ``diff`` attribute of ``path`` is (``agreed``, ``unspecified``, ``unset``, ...)."""
    return _git(root, "check-attr", "diff", "--", path).rstrip("\n").rsplit(": ", 1)[1]


@pytest.mark.parametrize("name", ["x.yaml", "x.YAML", "team/x.Yaml", "x.yml", "x.YML", "x.yMl"])
def test_gitattributes_give_agreements_of_any_suffix_case_the_driver(repo: Path, name: str) -> None:
    initialise(repo, "none")
    assert _diff_attribute(repo, f"contracts/{name}") == "agreed"
    assert _diff_attribute(repo, f"notes/{name}") == "unspecified"
    assert _diff_attribute(repo, "contracts/x.yamlx") == "unspecified"


def test_old_case_sensitive_gitattributes_lines_are_replaced_where_they_stand(repo: Path) -> None:
    old = "*.png binary\r\ncontracts/**/*.yaml diff=agreed\r\ncontracts/**/*.yml diff=agreed\r\n" \
          "contracts/secret.yaml -diff\r\n"
    (repo / ".gitattributes").write_bytes(old.encode())
    action = next(a for a in initialise(repo, "none") if a.target == ".gitattributes")
    assert action.outcome is Outcome.UPDATED
    assert "replaced 'contracts/**/*.yaml diff=agreed'" in action.note
    assert (repo / ".gitattributes").read_bytes().decode() == (
        f"*.png binary\r\n{ATTRIBUTE_LINES[0]}\r\n{ATTRIBUTE_LINES[1]}\r\ncontracts/secret.yaml -diff\r\n")
    assert _diff_attribute(repo, "contracts/x.YAML") == "agreed"
    assert _diff_attribute(repo, "contracts/secret.yaml") == "unset"  # the user's later line still wins
    assert _outcomes(initialise(repo, "none"))[".gitattributes"] is Outcome.UNCHANGED


def test_an_old_line_beside_its_successor_is_dropped(repo: Path) -> None:
    (repo / ".gitattributes").write_text(
        f"contracts/**/*.yaml diff=agreed\n{ATTRIBUTE_LINES[0]}\n{ATTRIBUTE_LINES[1]}\n", encoding="utf-8")
    action = next(a for a in initialise(repo, "none") if a.target == ".gitattributes")
    assert action.outcome is Outcome.UPDATED
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == f"{ATTRIBUTE_LINES[0]}\n{ATTRIBUTE_LINES[1]}\n"


def test_github_workflow(repo: Path) -> None:
    initialise(repo, "github")
    workflow = _yaml((repo / ".github" / "workflows" / "agreed.yml").read_text(encoding="utf-8"))
    assert workflow == _yaml(ci_template("github"))
    triggers = workflow["on"]
    assert {"push", "pull_request", "pull_request_review"} <= set(triggers)
    assert "submitted" in triggers["pull_request_review"]["types"]
    (job,) = workflow["jobs"].values()
    checkout, agreed = job["steps"]
    assert checkout["with"]["fetch-depth"] == 0
    # the action (action.yml at the repository's root) lints, uploads, diffs and runs the consent gate
    assert agreed["uses"].endswith("/agreed@TAG_OR_COMMIT")
    assert agreed["with"]["consent"] is True


def test_gitlab_job(repo: Path) -> None:
    actions = initialise(repo, "gitlab")
    assert _outcomes(actions)[".gitlab-ci.yml"] is Outcome.CREATED
    assert not (repo / ".github").exists()
    pipeline = _yaml((repo / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    job = pipeline["agreed"]
    assert job["variables"]["GIT_DEPTH"] == "0"
    assert job["before_script"] == ['python -m pip install "$AGREED_PIP_SPEC"']
    assert "agreed lint --format gitlab --output gl-code-quality-report.json" in job["script"]
    assert any("agreed diff --base" in line and "--format markdown" in line for line in job["script"])
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert job["artifacts"]["when"] == "always"
    assert any("merge_request_event" in rule["if"] for rule in job["rules"])


def test_an_existing_gitlab_pipeline_gets_the_job_by_hand(repo: Path) -> None:
    pipeline = "stages: [test]\nunit:\n  script: [make test]\n"
    (repo / ".gitlab-ci.yml").write_text(pipeline, encoding="utf-8")
    action = next(a for a in initialise(repo, "gitlab") if a.target == ".gitlab-ci.yml")
    assert action.outcome is Outcome.MANUAL
    assert "agreed" in _yaml(action.snippet)
    assert (repo / ".gitlab-ci.yml").read_text(encoding="utf-8") == pipeline
    (repo / ".gitlab-ci.yml").write_text(pipeline + action.snippet, encoding="utf-8")
    assert _outcomes(initialise(repo, "gitlab"))[".gitlab-ci.yml"] is Outcome.UNCHANGED


def test_the_diff_driver_is_set_in_the_repository_only(repo: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    user_config = tmp_path / "user.gitconfig"
    user_config.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(user_config))
    assert _diff_driver_setting(repo) is None
    initialise(repo, "none")
    assert _diff_driver_setting(repo) == DIFF_DRIVER_COMMAND
    assert user_config.read_text(encoding="utf-8") == ""  # the user's own configuration is untouched


def test_outside_a_git_repository_the_setting_step_fails_cleanly(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(InitError, match=f"git config {DIFF_DRIVER_KEY} failed: .* is not inside a git repository"):
        initialise(plain, "none")


def test_unknown_ci_is_refused(repo: Path) -> None:
    with pytest.raises(ValueError, match="ci must be one of"):
        initialise(repo, "jenkins")


def test_git_diff_uses_the_semantic_driver(repo: Path, minimal_agreement: dict[str, Any]) -> None:
    """With the setting and the attribute init writes, plain ``git diff`` shows changes by meaning."""
    agreed = Path(sys.executable).parent / "agreed"
    if not agreed.exists() and shutil.which("agreed") is None:
        pytest.skip("the agreed command is not installed")
    initialise(repo, "none")
    path = repo / "contracts" / "demo.yaml"
    path.write_text(json.dumps(minimal_agreement, indent=2) + "\n", encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Create")
    minimal_agreement["results"]["deadline"] = "2031-07-30"
    path.write_text(json.dumps(minimal_agreement, indent=2) + "\n", encoding="utf-8")
    env = {**ENV, "PATH": f"{agreed.parent}{os.pathsep}{ENV.get('PATH', '')}"}
    output = _git(repo, "diff", "contracts/demo.yaml", env=env)
    assert "results.deadline: 2031-06-30 -> 2031-07-30" in output


# --- the closing line of `agreed init` ------------------------------------------------------------------------------


SET_UP = "Nothing to change: the repository is set up."
PIPELINE = "stages: [test]\nunit:\n  script: [make test]\n"
PRE_COMMIT = "repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v4.6.0\n" \
             "    hooks:\n      - id: trailing-whitespace\n"


def _init_command(root: Path, monkeypatch: pytest.MonkeyPatch, *arguments: str) -> list[str]:
    """The lines ``agreed init ARGUMENTS`` prints in ``root`` (which must exit 0)."""
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["init", *arguments])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_a_job_to_add_by_hand_is_not_called_set_up(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / ".gitlab-ci.yml").write_text(PIPELINE, encoding="utf-8")
    first = _init_command(repo, monkeypatch, "--ci", "gitlab")
    assert any(line.startswith("add by hand  .gitlab-ci.yml") for line in first)
    assert first[-1].startswith("Next: 1 step needs your hand (see above); then 'agreed new ID")
    second = _init_command(repo, monkeypatch, "--ci", "gitlab")
    assert second[-1] == "Nothing else to change, but 1 step needs your hand (see above)."
    assert SET_UP not in second
    (repo / ".gitlab-ci.yml").write_text(PIPELINE + ci_template("gitlab"), encoding="utf-8")  # added by hand
    assert _init_command(repo, monkeypatch, "--ci", "gitlab")[-1] == SET_UP


def test_a_pre_commit_hook_to_add_by_hand_is_counted_too(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / ".pre-commit-config.yaml").write_text(PRE_COMMIT, encoding="utf-8")
    (repo / ".gitlab-ci.yml").write_text(PIPELINE, encoding="utf-8")
    _init_command(repo, monkeypatch, "--ci", "gitlab")
    both = _init_command(repo, monkeypatch, "--ci", "gitlab")
    assert both[-1] == "Nothing else to change, but 2 steps need your hand (see above)."
    only_hook = _init_command(repo, monkeypatch, "--ci", "none")
    assert only_hook[-1] == "Nothing else to change, but 1 step needs your hand (see above)."
    action = next(a for a in initialise(repo, "none") if a.target == ".pre-commit-config.yaml")
    (repo / ".pre-commit-config.yaml").write_text(PRE_COMMIT + action.snippet, encoding="utf-8")
    assert _init_command(repo, monkeypatch, "--ci", "none")[-1] == SET_UP


# --- what `agreed init` prints to add by hand: pasted as shown, it parses ------------------------------------------


def _printed_block(lines: list[str], instruction: str) -> str:
    """The lines ``agreed init`` printed after ``instruction``, up to the blank line that ends them."""
    start = lines.index(instruction) + 1
    end = lines.index("", start)
    return "".join(line + "\n" for line in lines[start:end])


def test_the_printed_gitlab_job_appended_as_shown_parses(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / ".gitlab-ci.yml").write_text(PIPELINE, encoding="utf-8")
    printed = _printed_block(_init_command(repo, monkeypatch, "--ci", "gitlab"), "append this to .gitlab-ci.yml:")
    assert printed == ci_template("gitlab")  # at column 0, exactly the shipped job
    pipeline = _yaml(PIPELINE + printed)
    assert pipeline["unit"] == {"script": ["make test"]}
    assert pipeline["agreed"] == _yaml(ci_template("gitlab"))["agreed"]


def test_an_indented_gitlab_job_would_not_parse(repo: Path) -> None:
    """Why the job is printed at column 0: indented, as ``agreed init`` used to print it, it breaks the file."""
    indented = "".join(f"    {line}\n" for line in ci_template("gitlab").splitlines())
    with pytest.raises(YAMLError, match="mapping"):
        _yaml(PIPELINE + indented)


SAMPLE_CONFIG = "repos:\n-   repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v3.2.0\n    hooks:\n" \
                "    -   id: trailing-whitespace\n"  # the style of `pre-commit sample-config`: items at column 0


@pytest.mark.parametrize("config", [PRE_COMMIT, SAMPLE_CONFIG, "# hooks\nrepos:  # ours\n\n    - repo: meta\n"
                                    "      hooks: [{id: identity}]\n"], ids=["column 2", "column 0", "column 4"])
def test_the_printed_pre_commit_hook_appended_as_shown_parses(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                              config: str) -> None:
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    lines = _init_command(repo, monkeypatch, "--ci", "none")
    printed = _printed_block(lines, "append this to .pre-commit-config.yaml:")
    repos = _yaml(config + printed)["repos"]
    assert len(repos) == 2
    assert repos[0] == _yaml(config)["repos"][0]
    assert repos[1]["repo"] == "local"
    assert [hook["id"] for hook in repos[1]["hooks"]] == ["agreed"]
    (repo / ".pre-commit-config.yaml").write_text(config + printed, encoding="utf-8")
    assert _outcomes(initialise(repo, "none"))[".pre-commit-config.yaml"] is Outcome.UNCHANGED


def test_a_pre_commit_hook_below_other_keys_goes_at_the_end_of_the_list(repo: Path) -> None:
    config = SAMPLE_CONFIG + "ci:\n  autofix_prs: false\n"
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    action = next(a for a in initialise(repo, "none") if a.target == ".pre-commit-config.yaml")
    assert action.instruction == "add this at the end of the 'repos:' list in .pre-commit-config.yaml:"
    at_the_end_of_the_list = SAMPLE_CONFIG + action.snippet + "ci:\n  autofix_prs: false\n"
    assert [entry["repo"] for entry in _yaml(at_the_end_of_the_list)["repos"]] == [
        "https://github.com/pre-commit/pre-commit-hooks", "local"]


def test_without_a_repos_list_the_hook_is_an_item_to_place(repo: Path) -> None:
    (repo / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    action = next(a for a in initialise(repo, "none") if a.target == ".pre-commit-config.yaml")
    assert action.outcome is Outcome.MANUAL
    assert action.instruction == "add this as an item of the 'repos:' list in .pre-commit-config.yaml:"
    assert _yaml("repos:\n" + action.snippet)["repos"][0]["repo"] == "local"


# --- the Pages site and the due reminder, on request --------------------------------------------------------------

BOTH = CiExtras(pages=True, due_reminder=True)


def test_github_pages_and_due_workflows_are_written_on_request(repo: Path) -> None:
    actions = initialise(repo, "github", extras=BOTH)
    assert [action.target for action in actions] == [*EVERYTHING, GITHUB_PAGES_WORKFLOW, GITHUB_DUE_WORKFLOW]
    assert set(_outcomes(actions).values()) == {Outcome.CREATED}
    for path, job in ((GITHUB_PAGES_WORKFLOW, "pages"), (GITHUB_DUE_WORKFLOW, "due")):
        assert (repo / path).read_text(encoding="utf-8") == ci_template("github", job)
    assert "Settings > Pages > Source: GitHub Actions" in _notes(actions)[GITHUB_PAGES_WORKFLOW]
    assert set(_outcomes(initialise(repo, "github", extras=BOTH)).values()) == {Outcome.UNCHANGED}


def test_without_the_options_a_later_run_leaves_the_extra_workflows_alone(repo: Path) -> None:
    initialise(repo, "github", extras=BOTH)
    before = _snapshot(repo)
    assert [action.target for action in initialise(repo, "github", force=True)] == EVERYTHING
    assert _snapshot(repo) == before


def test_an_edited_pages_workflow_is_kept_unless_forced(repo: Path) -> None:
    initialise(repo, "github", extras=CiExtras(pages=True))
    edited = ci_template("github", "pages").replace("branches: [main, master]", "branches: [trunk]")
    (repo / GITHUB_PAGES_WORKFLOW).write_text(edited, encoding="utf-8")
    kept = next(a for a in initialise(repo, "github", extras=BOTH) if a.target == GITHUB_PAGES_WORKFLOW)
    assert kept.outcome is Outcome.KEPT
    assert (repo / GITHUB_PAGES_WORKFLOW).read_text(encoding="utf-8") == edited
    forced = next(a for a in initialise(repo, "github", force=True, extras=BOTH) if a.target == GITHUB_PAGES_WORKFLOW)
    assert forced.outcome is Outcome.UPDATED
    assert (repo / GITHUB_PAGES_WORKFLOW).read_text(encoding="utf-8") == ci_template("github", "pages")


def test_a_new_gitlab_pipeline_gets_every_job_asked_for(repo: Path) -> None:
    action = next(a for a in initialise(repo, "gitlab", extras=BOTH) if a.target == ".gitlab-ci.yml")
    assert action.outcome is Outcome.CREATED
    assert "AGREED_DUE_TOKEN" in action.note
    pipeline = _yaml((repo / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert list(pipeline) == ["agreed", "pages", "agreed-due"]
    for name, job in (("agreed", "agreed"), ("pages", "pages"), ("agreed-due", "due")):
        assert pipeline[name] == _yaml(ci_template("gitlab", job))[name]
    assert not (repo / ".github").exists()
    assert _outcomes(initialise(repo, "gitlab", extras=BOTH))[".gitlab-ci.yml"] is Outcome.UNCHANGED


def test_an_existing_gitlab_pipeline_gets_the_missing_jobs_by_hand(repo: Path) -> None:
    pipeline = PIPELINE + "\n" + ci_template("gitlab")  # as an earlier init left it
    (repo / ".gitlab-ci.yml").write_text(pipeline, encoding="utf-8")
    for force in (False, True):
        action = next(a for a in initialise(repo, "gitlab", force=force, extras=BOTH) if a.target == ".gitlab-ci.yml")
        assert action.outcome is Outcome.MANUAL
        assert action.note.startswith("has no jobs 'pages', 'agreed-due'; not editing a file of yours")
        assert action.instruction == "append this to .gitlab-ci.yml:"
        assert (repo / ".gitlab-ci.yml").read_text(encoding="utf-8") == pipeline
    appended = _yaml(pipeline + action.snippet)
    assert list(appended) == ["stages", "unit", "agreed", "pages", "agreed-due"]
    assert appended["agreed-due"] == _yaml(ci_template("gitlab", "due"))["agreed-due"]
    (repo / ".gitlab-ci.yml").write_text(pipeline + action.snippet, encoding="utf-8")
    assert _outcomes(initialise(repo, "gitlab", extras=BOTH))[".gitlab-ci.yml"] is Outcome.UNCHANGED


def test_a_gitlab_pipeline_with_its_own_pages_job_is_asked_only_for_the_rest(repo: Path) -> None:
    pipeline = "pages:\n  script: [mkdocs build -d public]\n  artifacts: {paths: [public]}\n"
    (repo / ".gitlab-ci.yml").write_text(pipeline, encoding="utf-8")
    action = next(a for a in initialise(repo, "gitlab", extras=CiExtras(pages=True)) if a.target == ".gitlab-ci.yml")
    assert action.note == "has no job 'agreed'; not editing a file of yours"
    assert list(_yaml(pipeline + action.snippet)) == ["pages", "agreed"]


def test_the_extra_jobs_need_a_ci(repo: Path) -> None:
    with pytest.raises(ValueError, match="need a CI"):
        initialise(repo, "none", extras=CiExtras(due_reminder=True))
    assert list(repo.iterdir()) == [repo / ".git"]


def _notes(actions: list[Action]) -> dict[str, str]:
    return {action.target: action.note for action in actions}
