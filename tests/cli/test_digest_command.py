"""``agreed digest FILE...``: one ``sha256:<hex> FILE`` line per file, problems and exit 2 for a file without one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from agreed.cli import main
from agreed.consent.digest import digest_document
from agreed.document import read_document

REPO = Path(__file__).resolve().parents[2]
SALES = REPO / "contracts" / "sales-onboarding.yaml"
MIGRATION = REPO / "contracts" / "data-platform-migration.yaml"
LINE = re.compile(r"(sha256:[0-9a-f]{64}) (.+)")


def _run(*arguments: str, stdin: str | bytes | None = None) -> Result:
    return CliRunner().invoke(main, ["digest", *arguments], input=stdin)


def _expected(path: Path) -> str:
    result = digest_document(read_document(path))
    assert isinstance(result, str)
    return result


def test_prints_one_line_per_file_in_the_order_named() -> None:
    result = _run(str(SALES), str(MIGRATION), str(SALES))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"{_expected(SALES)} {SALES}", f"{_expected(MIGRATION)} {MIGRATION}",
                                          f"{_expected(SALES)} {SALES}"]
    assert result.stderr == ""


def test_a_reformatted_copy_has_the_same_digest_and_a_material_edit_does_not(tmp_path: Path) -> None:
    text = SALES.read_text(encoding="utf-8")
    reformatted = tmp_path / "reformatted.yml"
    reformatted.write_text("# moved around\n" + text.replace("title: Halve", "title: Cut").replace("\n", "\r\n"),
                           encoding="utf-8")
    edited = tmp_path / "edited.yaml"
    edited.write_text(text.replace("deadline: 2032-06-30", "deadline: 2032-07-31"), encoding="utf-8")
    result = _run(str(SALES), str(reformatted), str(edited))
    assert result.exit_code == 0, result.output
    digests = [LINE.fullmatch(line).group(1) for line in result.stdout.splitlines()]  # type: ignore[union-attr]
    assert digests[0] == digests[1] != digests[2]


def test_dash_reads_standard_input_and_is_shown_as_stdin_as_every_command_names_it() -> None:
    result = _run("-", stdin=SALES.read_bytes())
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{_expected(SALES)} <stdin>\n"


def test_stdin_filename_names_standard_input_in_the_digest_line_and_its_problems() -> None:
    result = _run("-", "--stdin-filename", "contracts/new.yaml", stdin=SALES.read_bytes())
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{_expected(SALES)} contracts/new.yaml\n"
    failed = _run("-", "--stdin-filename", "contracts/new.yaml", stdin="agreed: 2\nid: demo\n")
    assert failed.exit_code == 2
    assert "contracts/new.yaml:1:9: S011 error" in failed.stderr
    assert failed.stderr.splitlines()[-1].startswith("agreed: error: contracts/new.yaml: no digest: ")


def test_stdin_filename_without_dash_is_a_usage_error() -> None:
    result = _run(str(SALES), "--stdin-filename", "x.yaml")
    assert result.exit_code == 2
    assert "add '-' to the paths" in result.stderr


def test_a_file_that_fails_the_schema_gets_its_problems_and_exit_2_and_the_others_still_digest(
        tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(SALES.read_text(encoding="utf-8").replace("status: active", "status: activ"),
                      encoding="utf-8")
    result = _run(str(broken), str(SALES))
    assert result.exit_code == 2
    assert result.stdout == f"{_expected(SALES)} {SALES}\n"
    line = SALES.read_text(encoding="utf-8").splitlines().index("status: active") + 1
    assert f"{broken}:{line}:9: S100 error " in result.stderr
    assert result.stderr.splitlines()[-1].startswith(f"agreed: error: {broken}: no digest: ")
    assert "cannot be consented to" in result.stderr


def test_yaml_that_does_not_load_and_a_missing_file_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "syntax.yaml"
    broken.write_text("agreed: 1\nid: [unclosed\n", encoding="utf-8")
    result = _run(str(broken), str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{broken}:" in result.stderr
    assert " S001 error YAML syntax error" in result.stderr
    assert f"{tmp_path / 'nope.yaml'}:1:1: S010 error no such file" in result.stderr


def test_standard_input_that_is_not_an_agreement_exits_2() -> None:
    result = _run("-", stdin="agreed: 2\nid: demo\n")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "<stdin>:1:9: S011 error unknown format version 2" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("agreed: error: <stdin>: no digest: ")


def test_standard_input_over_the_size_limit_is_named_stdin_in_the_problem_and_the_error() -> None:
    result = _run("-", stdin=bytes(2 * 1024 * 1024 + 1))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "<stdin>:1:1: S005 error file is larger than the 2,097,152-byte limit",
        "agreed: error: <stdin>: no digest: 1 load or schema problem (terms that do not validate cannot be "
        "consented to)"]


def test_json_names_standard_input_stdin() -> None:
    result = _run("--format", "json", "-", stdin="agreed: 2\nid: demo\n")
    assert result.exit_code == 2
    (file,) = json.loads(result.stdout)["files"]
    assert file["path"] == "<stdin>"
    assert file["error"].startswith("<stdin>: no digest: ")
    assert [problem["path"] for problem in file["problems"]] == ["<stdin>"]


def test_json_lists_every_file_with_its_digest_or_its_problems(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("agreed: 1\nid: demo\ntitle: Demo\nstatus: draft\nparties: []\ntilte: typo\n",
                      encoding="utf-8")
    result = _run("--format", "json", str(SALES), str(broken))
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert document["version"] == 1
    assert document["tool"]["name"] == "agreed"
    good, bad = document["files"]
    assert good == {"path": str(SALES), "digest": _expected(SALES)}
    assert bad["path"] == str(broken)
    assert bad["digest"] is None
    assert "cannot be consented to" in bad["error"]
    assert {(problem["line"], problem["rule"], problem["name"]) for problem in bad["problems"]} >= {
        (6, "S100", "schema")}


def test_json_for_valid_files_exits_0() -> None:
    result = _run("--format", "json", str(SALES))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["files"] == [{"path": str(SALES), "digest": _expected(SALES)}]


def test_no_path_outside_a_repository_without_contracts_is_a_usage_error(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = _run()
    assert result.exit_code == 2
    assert "no path given and there is no 'contracts/' folder here" in result.stderr


def test_a_folder_gives_its_agreements_and_no_path_gives_contracts_at_the_repository_root(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()  # a repository root, as far as finding it goes
    (tmp_path / "contracts" / ".consent" / "sales-onboarding" / "maria").mkdir(parents=True)
    (tmp_path / "contracts" / "sub").mkdir()
    (tmp_path / "contracts" / "sub" / "sales.yaml").write_bytes(SALES.read_bytes())
    (tmp_path / "contracts" / "_template.yaml").write_bytes((REPO / "contracts" / "_template.yaml").read_bytes())
    (tmp_path / "contracts" / ".consent" / "sales-onboarding" / "maria" / "0123456789abcdef.yaml").write_text(
        "agreed-consent: 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _run("contracts").stdout == f"{_expected(SALES)} contracts/sub/sales.yaml\n"
    monkeypatch.chdir(tmp_path / "contracts" / "sub")
    result = _run()
    assert (result.exit_code, result.stdout) == (0, f"{_expected(SALES)} ../sub/sales.yaml\n")


def test_an_unknown_format_is_a_usage_error() -> None:
    assert _run("--format", "sarif", str(SALES)).exit_code == 2
