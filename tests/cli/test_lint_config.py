"""``agreed lint`` with a team configuration: discovery, --config, --isolated, file filters, fail-on and the cache."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from agreed.cli import main

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml

# A draft with one vague deliverable (V102 "several" and T301 "soon" on line 13) that has no owner (A201, line 12).
FINDINGS = """\
results:
  deliverables:
    - id: d1
      what: Send the report to several teams soon.
"""


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, draft_yaml: DraftYaml) -> Path:
    """A git working tree (a bare ``.git`` folder is enough for discovery) with contracts/vague.yaml, as cwd."""
    (tmp_path / ".git").mkdir()
    contracts = tmp_path / "contracts"
    contracts.mkdir()
    (contracts / "vague.yaml").write_text(draft_yaml() + FINDINGS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _lint(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["lint", "--no-cache", *arguments])
    return result.exit_code, result.stdout, result.stderr


def _codes(stdout: str) -> list[str]:
    return [line.split()[1] for line in stdout.splitlines() if line.startswith("contracts/")]


def test_without_configuration_every_rule_runs(repository: Path) -> None:
    code, stdout, _ = _lint()
    assert code == 1
    assert _codes(stdout) == ["A201", "V102", "T301"]


def test_the_configuration_is_discovered_from_a_subfolder(repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repository / ".agreed.yaml").write_text("rules:\n  owner-missing: off\n  T301: info\n", encoding="utf-8")
    monkeypatch.chdir(repository / "contracts")
    code, stdout, _ = _lint("vague.yaml")
    assert code == 0  # what is left are a warning and an info
    assert [line.split()[1:3] for line in stdout.splitlines() if line.startswith("vague.yaml")] == [
        ["V102", "warning"], ["T301", "info"]]


def test_pyproject_settings_apply(repository: Path) -> None:
    (repository / "pyproject.toml").write_text("[tool.agreed.rules]\nvagueness = 'off'\ntime = 'off'\n",
                                               encoding="utf-8")
    assert _codes(_lint()[1]) == ["A201"]


def test_fail_on_comes_from_the_configuration_unless_given(repository: Path) -> None:
    (repository / ".agreed.yaml").write_text("fail-on: warning\nrules: {A201: off}\n", encoding="utf-8")
    assert _lint()[0] == 1
    (repository / ".agreed.yaml").write_text("fail-on: error\nrules: {A201: off}\n", encoding="utf-8")
    assert _lint()[0] == 0
    assert _lint("--fail-on", "warning")[0] == 1


def test_explicit_config_and_isolated(repository: Path) -> None:
    (repository / ".agreed.yaml").write_text("rules: {vagueness: off}\n", encoding="utf-8")
    (repository / "strict.yaml").write_text("rules: {time: off}\n", encoding="utf-8")
    assert _codes(_lint("--config", "strict.yaml")[1]) == ["A201", "V102"]
    assert _codes(_lint("--isolated")[1]) == ["A201", "V102", "T301"]


def test_a_bad_configuration_stops_with_positions_and_exit_2(repository: Path) -> None:
    (repository / ".agreed.yaml").write_text("rules:\n  V1O2: off\n", encoding="utf-8")
    code, stdout, stderr = _lint()
    assert code == 2
    assert stdout == ""
    assert ".agreed.yaml:2:3: S013 rules.V1O2: unknown rule or category 'V1O2' (did you mean 'V102'?)" in stderr
    assert "nothing was checked" in stderr


def test_a_missing_explicit_configuration_is_a_usage_error(repository: Path) -> None:
    code, _, stderr = _lint("--config", "nope.yaml")
    assert code == 2
    assert "nope.yaml does not exist" in stderr


def test_exclude_applies_to_folders_and_named_files(repository: Path) -> None:
    (repository / ".agreed.yaml").write_text("exclude: [contracts/vague.yaml]\n", encoding="utf-8")
    code, stdout, _ = _lint()
    assert (code, _codes(stdout)) == (0, [])
    code, stdout, _ = _lint("contracts/vague.yaml")  # as pre-commit passes it
    assert (code, _codes(stdout)) == (0, [])


def test_include_narrows_what_a_folder_holds(repository: Path, draft_yaml: DraftYaml) -> None:
    (repository / "contracts" / "other.yml").write_text(draft_yaml() + FINDINGS, encoding="utf-8")
    (repository / ".agreed.yaml").write_text("include: ['*.yml']\n", encoding="utf-8")
    stdout = _lint()[1]
    assert {line.split(":")[0] for line in stdout.splitlines() if line.startswith("contracts/")} == {
        "contracts/other.yml"}


def test_per_file_ignores(repository: Path) -> None:
    (repository / ".agreed.yaml").write_text("per-file-ignores:\n  'contracts/*.yaml': [V102, owner-missing]\n",
                                             encoding="utf-8")
    assert _codes(_lint()[1]) == ["T301"]


def test_allowed_terms_silence_text_rules_inside_them(repository: Path) -> None:
    (repository / ".agreed.yaml").write_text("allowed-terms: [several teams]\n", encoding="utf-8")
    assert _codes(_lint()[1]) == ["A201", "T301"]


def test_vague_terms_add_a_team_vocabulary(repository: Path) -> None:
    (repository / ".agreed.yaml").write_text("vague-terms: [the report]\n", encoding="utf-8")
    assert _codes(_lint()[1]) == ["A201", "V110", "V102", "T301"]


def test_today_must_be_a_date(repository: Path) -> None:
    code, _, stderr = _lint("--today", "tomorrow")
    assert code == 2
    assert "'tomorrow' is not a date in the form YYYY-MM-DD" in stderr


@pytest.mark.parametrize(("day", "why"), [("2027-02-30", "February 2027 has 28 days"),
                                          ("2028-02-30", "February 2028 has 29 days"),
                                          ("2027-04-31", "April 2027 has 30 days"),
                                          ("2027-13-01", "there is no month 13")])
def test_a_today_that_does_not_exist_is_told_apart_from_a_bad_form(repository: Path, day: str, why: str) -> None:
    code, _, stderr = _lint("--today", day)
    assert code == 2
    assert f"Invalid value for '--today': {day} does not exist ({why})" in stderr
    assert "form" not in stderr.splitlines()[-1]


def test_a_today_that_exists_is_used(repository: Path) -> None:
    assert _lint("--today", "2028-02-29")[0] == 1  # the findings of vague.yaml, as without --today


def test_the_cache_lives_in_the_user_cache_and_gives_the_same_report(repository: Path, user_cache_home: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from agreed.cache import repository_folder

    monkeypatch.chdir(repository / "contracts")
    runner = CliRunner()
    cold = runner.invoke(main, ["lint", "vague.yaml"])
    assert (repository_folder(user_cache_home, repository) / "CACHEDIR.TAG").is_file()  # one per repository
    assert sorted(path.name for path in repository.iterdir()) == [".git", "contracts"]  # nothing in the work tree
    warm = runner.invoke(main, ["lint", "vague.yaml"])
    assert (warm.exit_code, warm.stdout) == (cold.exit_code, cold.stdout)
    (repository / ".agreed.yaml").write_text("rules: {vagueness: off}\n", encoding="utf-8")
    changed = runner.invoke(main, ["lint", "vague.yaml"])  # a new configuration is a new cache key
    assert "V102" not in changed.stdout


def test_no_cache_writes_nothing(repository: Path, user_cache_home: Path) -> None:
    _lint()
    assert not user_cache_home.exists()
    assert sorted(path.name for path in repository.iterdir()) == [".git", "contracts"]


ROSTER = """\
people:
  - id: maria
    name: Maria Chen
  - id: li
    name: Li Wei
    status: gone
"""


def test_parties_are_checked_against_the_people_roster(repository: Path) -> None:
    (repository / "people.yaml").write_text(ROSTER, encoding="utf-8")
    (repository / ".agreed.yaml").write_text("people: people.yaml\nrules: {vagueness: off, time: off, A201: off}\n",
                                             encoding="utf-8")
    code, stdout, _ = _lint()
    assert code == 1
    assert _codes(stdout) == ["K903"]
    assert "Li Wei has left" in stdout


def test_a_bad_roster_stops_the_run(repository: Path) -> None:
    (repository / "people.yaml").write_text("people:\n  - id: maria\n", encoding="utf-8")
    (repository / ".agreed.yaml").write_text("people: people.yaml\n", encoding="utf-8")
    code, stdout, stderr = _lint()
    assert (code, stdout) == (2, "")
    assert "people.yaml:2:5: S013 people[id=maria]: 'name' is required here" in stderr
    assert "the people roster is invalid" in stderr


def test_cross_file_rules_see_every_file_of_the_run(repository: Path, draft_yaml: DraftYaml) -> None:
    (repository / "contracts" / "copy.yaml").write_text(draft_yaml() + FINDINGS, encoding="utf-8")
    (repository / ".agreed.yaml").write_text("rules: {vagueness: off, time: off, A201: off}\n", encoding="utf-8")
    code, stdout, _ = _lint()
    assert code == 1
    assert [line.split(":")[0:2] + line.split()[1:2] for line in stdout.splitlines() if "K901" in line] == [
        ["contracts/vague.yaml", "2", "K901"]]  # copy.yaml comes first in the run, so vague.yaml repeats its id
    assert _lint("contracts/vague.yaml")[0] == 0  # one file alone has nothing to clash with


def test_cross_file_findings_honour_inline_suppressions(repository: Path, draft_yaml: DraftYaml) -> None:
    (repository / "contracts" / "copy.yaml").write_text(draft_yaml() + FINDINGS, encoding="utf-8")
    vague = repository / "contracts" / "vague.yaml"
    vague.write_text(vague.read_text(encoding="utf-8").replace(
        "id: demo\n", "id: demo  # agreed: disable=K901 -- the copy is being merged into this one\n", 1),
        encoding="utf-8")
    (repository / ".agreed.yaml").write_text("rules: {vagueness: off, time: off, A201: off}\n", encoding="utf-8")
    code, stdout, _ = _lint()
    assert (code, _codes(stdout)) == (0, [])


def test_lint_from_stdin_takes_part_in_cross_file_rules(repository: Path, draft_yaml: DraftYaml) -> None:
    result = CliRunner().invoke(main, ["lint", "--no-cache", "--isolated", "contracts/vague.yaml", "-",
                                       "--stdin-filename", "new.yaml"], input=draft_yaml())
    assert "new.yaml:2:5: K901 error agreement id 'demo' is already used by contracts/vague.yaml:2" in result.stdout


def test_a_missing_roster_is_reported_where_the_configuration_names_it(repository: Path) -> None:
    (repository / ".agreed.yaml").write_text("# team settings\npeople: team/people.yaml\n", encoding="utf-8")
    code, stdout, stderr = _lint()
    assert (code, stdout) == (2, "")
    assert stderr.startswith(".agreed.yaml:2:9: S013 people: the roster team/people.yaml: no such file")


def test_ci_formats_use_repository_relative_paths_from_a_subfolder(repository: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repository / "contracts")
    github = _lint("vague.yaml", "--format", "github")[1]
    assert "::error file=contracts/vague.yaml,line=12," in github
    gitlab = _lint("vague.yaml", "--format", "gitlab")[1]
    assert '"path": "contracts/vague.yaml"' in gitlab
    text = _lint("vague.yaml")[1]
    assert text.startswith("vague.yaml:12:")  # people read paths from where they stand


def test_a_file_named_twice_is_checked_once(repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repository / "contracts")
    stdout = _lint("vague.yaml", "./vague.yaml", "../contracts/vague.yaml")[1]
    assert "K901" not in stdout
    assert stdout.count("A201") == 1


def test_output_is_ordered_by_file_whatever_the_argument_order(repository: Path, draft_yaml: DraftYaml) -> None:
    (repository / "contracts" / "b.yaml").write_text(draft_yaml(agreement_id="b") + FINDINGS, encoding="utf-8")
    forward = _lint("contracts/b.yaml", "contracts/vague.yaml")[1]
    backward = _lint("contracts/vague.yaml", "contracts/b.yaml")[1]
    assert forward == backward
    assert forward.index("contracts/b.yaml") < forward.index("contracts/vague.yaml")


def test_suppressions_name_rules_in_any_case(repository: Path) -> None:
    vague = repository / "contracts" / "vague.yaml"
    vague.write_text(vague.read_text(encoding="utf-8").replace(
        "    - id: d1\n", "    - id: d1  # agreed: disable=Owner-Missing -- owner chosen at the kickoff\n"),
        encoding="utf-8")
    assert _codes(_lint()[1]) == ["V102", "T301"]


def test_a_closed_pipe_ends_quietly(repository: Path) -> None:
    import subprocess
    import sys

    agreed = Path(sys.executable).parent / "agreed"
    whole = subprocess.run([str(agreed), "rules"], capture_output=True, text=True, check=True)
    reader = subprocess.run(f"'{agreed}' rules | head -1", shell=True, capture_output=True, text=True, check=False)
    assert reader.stdout == whole.stdout.splitlines(keepends=True)[0]
    assert "internal error" not in reader.stderr


def test_stdin_filename_without_stdin_is_a_usage_error(repository: Path) -> None:
    code, _, stderr = _lint("--stdin-filename", "x.yaml", "contracts/vague.yaml")
    assert code == 2
    assert "add '-' to the paths" in stderr


def test_a_changed_roster_is_a_new_cache_key(repository: Path) -> None:
    (repository / "people.yaml").write_text(ROSTER, encoding="utf-8")
    (repository / ".agreed.yaml").write_text("people: people.yaml\nrules: {vagueness: off, time: off, A201: off}\n",
                                             encoding="utf-8")
    runner = CliRunner()
    assert "K903" in runner.invoke(main, ["lint"]).stdout
    (repository / "people.yaml").write_text(ROSTER.replace("    status: gone\n", ""), encoding="utf-8")
    assert "K903" not in runner.invoke(main, ["lint"]).stdout  # the same agreement, read again with the new roster
