from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from agreed.api import check, load
from agreed.cli import main


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_writes_a_valid_draft_with_every_element_and_comments(workdir: Path) -> None:
    result = CliRunner().invoke(main, ["new", "onboarding-2031", "--party", "maria=Maria Chen", "--party", "li",
                                       "--title", "Halve onboarding time"])
    assert result.exit_code == 0, result.output
    path = workdir / "contracts" / "onboarding-2031.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    for section in ("framing:", "results:", "celebration:", "relationship:", "deliverables:", "reservations:"):
        assert section in text
    assert text.count("\n#") + text.count("\n  #") > 20  # guiding comments kept
    document = load(path)
    assert document.data["id"] == "onboarding-2031"
    assert document.data["title"] == "Halve onboarding time"
    assert document.data["status"] == "draft"
    assert [(p["id"], p["name"]) for p in document.data["parties"]] == [("maria", "Maria Chen"), ("li", "li")]
    assert check(document) == []


def test_new_refuses_to_overwrite(workdir: Path) -> None:
    target = workdir / "contracts" / "x.yaml"
    target.parent.mkdir()
    target.write_text("keep me\n")
    result = CliRunner().invoke(main, ["new", "x", "--party", "maria"])
    assert result.exit_code == 2
    assert "already exists" in result.output
    assert target.read_text() == "keep me\n"
    assert [p.name for p in target.parent.iterdir()] == ["x.yaml"]  # no temporary file left behind


@pytest.mark.parametrize("arguments", [["new", "Bad Id", "--party", "maria"], ["new", "ok", "--party", "Maria C"],
                                       ["new", "ok"], ["new", "ok", "--party", "a", "--party", "a"]])
def test_new_rejects_bad_ids_and_missing_parties(workdir: Path, arguments: list[str]) -> None:
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 2
    assert not (workdir / "contracts").exists() or not any((workdir / "contracts").iterdir())


def test_new_into_another_folder(workdir: Path) -> None:
    result = CliRunner().invoke(main, ["new", "y", "--party", "a", "--party", "b", "--dir", "agreements"])
    assert result.exit_code == 0, result.output
    assert (workdir / "agreements" / "y.yaml").is_file()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_new_into_unwritable_folder(workdir: Path) -> None:
    folder = workdir / "locked"
    folder.mkdir(mode=0o500)
    result = CliRunner().invoke(main, ["new", "z", "--party", "a", "--dir", str(folder)])
    assert result.exit_code == 2
    assert "cannot write" in result.output


@pytest.mark.parametrize(("given", "suggested"), [("x.yaml", "x"), ("x.YML", "x"), ("contracts/x.yaml", "x"),
                                                  ("contracts/x", "x"), ("q1.plan.yaml", "q1.plan")])
def test_a_file_name_is_not_taken_for_an_id(workdir: Path, given: str, suggested: str) -> None:
    result = CliRunner().invoke(main, ["new", given, "--party", "maria", "--party", "li"])
    assert result.exit_code == 2
    assert f"{given!r} is a file name, not an agreement id" in result.stderr
    assert f"try 'agreed new {suggested}', which writes {suggested}.yaml" in result.stderr
    assert not (workdir / "contracts").exists()


def test_an_id_with_a_dot_that_is_no_file_suffix_is_kept(workdir: Path) -> None:
    result = CliRunner().invoke(main, ["new", "sales.q1", "--party", "maria", "--party", "li"])
    assert result.exit_code == 0, result.output
    assert load(workdir / "contracts" / "sales.q1.yaml").data["id"] == "sales.q1"


def test_new_never_writes_into_a_git_directory(workdir: Path) -> None:
    (workdir / ".git" / "hooks").mkdir(parents=True)
    result = CliRunner().invoke(main, ["new", "x", "--party", "maria", "--dir", "contracts/../.git/hooks"])
    assert result.exit_code == 2
    assert "inside a git directory" in result.stderr
    assert list((workdir / ".git" / "hooks").iterdir()) == []


@pytest.mark.parametrize(("folder", "run_in", "link"), [
    (None, ".", "../schema/agreement.schema.json"),
    ("contracts/sales", ".", "../../schema/agreement.schema.json"),
    ("contracts/sales/emea", ".", "../../../schema/agreement.schema.json"),
    (".", "docs", "../schema/agreement.schema.json"),
    ("../contracts/sales", "docs", "../../schema/agreement.schema.json"),
])
def test_the_modeline_links_to_the_repository_schema_from_the_folder_written_to(
        workdir: Path, folder: str | None, run_in: str, link: str) -> None:
    (workdir / ".git").mkdir()
    (workdir / "schema").mkdir()
    (workdir / "schema" / "agreement.schema.json").write_text("{}")
    (workdir / run_in).mkdir(exist_ok=True)
    os.chdir(workdir / run_in)
    arguments = ["new", "deal", "--party", "maria", *(["--dir", folder] if folder else [])]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    written = next(workdir.rglob("deal.yaml"))
    first_line = written.read_text().splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema={link}"
    assert (written.parent / link).resolve() == (workdir / "schema" / "agreement.schema.json").resolve()
