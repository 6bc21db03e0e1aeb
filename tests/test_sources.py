"""Which files are agreements, and where: the one definition (agreed.sources) that lint, validate, digest,
codeowners and the consent gate share, and how every command finds contracts/ when no path is named."""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

import pytest
from click.testing import CliRunner, Result

from agreed.cli import main
from agreed.sources import (
    AGREEMENTS,
    CHECKED,
    Kind,
    NoPathGiven,
    agreement_paths,
    default_folder,
    display_path,
    display_paths,
    kind_of,
    named_or_default,
    select,
)
from gitrepo import EXAMPLE, git

TEMPLATE = EXAMPLE.parent / "_template.yaml"
RECORD = "contracts/.consent/sales-onboarding/maria/0123456789abcdef.yaml"


@pytest.mark.parametrize(("path", "kind"), [
    ("contracts/a.yaml", Kind.AGREEMENT),
    ("contracts/a.yml", Kind.AGREEMENT),
    ("contracts/.old/a.yaml", Kind.AGREEMENT),  # hidden folders hold agreements like any other
    ("contracts/.a.yaml", Kind.AGREEMENT),
    ("contracts/sub/_template.yaml", Kind.TEMPLATE),
    (RECORD, Kind.CONSENT_RECORD),
    ("contracts/.consent/x/_template.yaml", Kind.CONSENT_RECORD),
    ("contracts/notes.md", Kind.OTHER),
    ("contracts/.consent.yaml", Kind.AGREEMENT),  # a file, not the ledger folder
    ("contracts/a.YAML", Kind.AGREEMENT),  # the suffix in any case: editors and case-insensitive file systems agree
    ("contracts/a.Yml", Kind.AGREEMENT),
    ("contracts/a.yaml.bak", Kind.OTHER),
])
def test_kind_of(path: str, kind: Kind) -> None:
    assert kind_of(path) is kind
    assert kind_of(PurePosixPath(path)) is kind


def make_tree(root: Path) -> None:
    for name in ("contracts/a.yaml", "contracts/.old/b.yml", "contracts/.c.yaml", "contracts/_template.yaml", RECORD,
                 "contracts/.git/d.yaml", "contracts/notes.md", "docs/e.yaml"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("agreed: 1\n", encoding="utf-8")


def test_a_folder_search_finds_hidden_agreements_and_leaves_out_records(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    found = select(["contracts"])
    assert [file.as_posix() for file in found.files] == ["contracts/.c.yaml", "contracts/.old/b.yml",
                                                         "contracts/a.yaml"]
    checked = select(["contracts"], kinds=CHECKED)
    assert Path("contracts/_template.yaml") in checked.files
    assert Path(RECORD) not in checked.files


def test_named_files_of_another_kind_are_skipped_and_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    found = select([RECORD, "contracts/_template.yaml", "docs/e.yaml"], kinds=AGREEMENTS)
    assert found.files == (Path("docs/e.yaml"),)
    assert found.skipped == ((Path(RECORD), Kind.CONSENT_RECORD), (Path("contracts/_template.yaml"), Kind.TEMPLATE))
    assert select([str(tmp_path / RECORD)]).skipped == ((tmp_path / RECORD, Kind.CONSENT_RECORD),)


@pytest.mark.parametrize("kinds", [AGREEMENTS, CHECKED])
def test_a_folder_of_consent_records_only_holds_no_agreement_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   kinds: frozenset[Kind]) -> None:
    make_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    found = select(["contracts/.consent", "contracts"], kinds=kinds)
    assert found.empty == ("contracts/.consent",)
    assert Path(RECORD) not in found.files


def test_a_folder_of_yaml_files_none_of_them_agreements_counts_as_empty(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "records" / ".consent" / "a" / "maria").mkdir(parents=True)
    (tmp_path / "records" / ".consent" / "a" / "maria" / "0123.yaml").write_text("agreed-consent: 1\n")
    (tmp_path / "records" / "notes.md").write_text("not YAML\n")
    monkeypatch.chdir(tmp_path)
    assert select(["records"]).empty == ("records",)


def test_a_folder_whose_agreement_files_are_all_left_out_is_not_empty(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    filtered = select(["contracts"], wanted=lambda path, named: False)  # the configuration's include/exclude
    assert (filtered.files, filtered.empty) == ((), ())
    (tmp_path / "only-template").mkdir()
    shutil.copyfile(TEMPLATE, tmp_path / "only-template" / "_template.yaml")
    other_kind = select(["only-template"], kinds=AGREEMENTS)  # the template that agreed init writes, alone
    assert (other_kind.files, other_kind.empty) == ((), ())


def test_a_tree_listing_is_read_with_the_same_definition(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    listing = [path.relative_to(tmp_path).as_posix() for path in sorted(tmp_path.rglob("*")) if path.is_file()
               and ".git" not in path.parts]
    searched = {file.as_posix() for file in select(["contracts"]).files}
    assert set(agreement_paths(listing, ["contracts"])) == searched
    assert agreement_paths(listing, [""]) == [*sorted(searched), "docs/e.yaml"]


def test_default_folder_is_contracts_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "deep" / "down").mkdir(parents=True)
    assert default_folder(tmp_path / "deep" / "down") == tmp_path / "contracts"


def test_default_folder_outside_a_repository_is_contracts_here(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert default_folder(tmp_path / "plain") == tmp_path / "plain" / "contracts"


def test_named_paths_are_kept_and_none_named_is_the_default_folder_from_here(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "contracts").mkdir()
    (tmp_path / "deep").mkdir()
    monkeypatch.chdir(tmp_path / "deep")
    assert named_or_default(["a.yaml", "-"]) == ["a.yaml", "-"]
    assert named_or_default([]) == (os.path.join("..", "contracts"),)
    assert named_or_default([], tmp_path) == (os.path.join("..", "contracts"),)


def test_no_path_and_no_default_folder_says_where_it_looked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(NoPathGiven, match="no path given and there is no 'contracts/' folder here; name the"):
        named_or_default([])
    (tmp_path / ".git").mkdir()
    with pytest.raises(NoPathGiven, match="no 'contracts/' folder at the repository root"):
        named_or_default([])
    with pytest.raises(NoPathGiven, match="no 'contracts/' folder at the repository root"):
        named_or_default([], tmp_path)


# --- every command, from a subfolder, with no path ------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with one agreement, the template, and a consent record; the current folder is docs/deep/."""
    if shutil.which("git") is None:
        pytest.skip("needs git")
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "sales-onboarding.yaml").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "contracts" / "_template.yaml").write_bytes(TEMPLATE.read_bytes())
    (tmp_path / RECORD).parent.mkdir(parents=True)
    (tmp_path / RECORD).write_text("agreed-consent: 1\nagreement: sales-onboarding\n", encoding="utf-8")
    (tmp_path / "docs" / "deep").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "docs" / "deep")
    return tmp_path


def run(*arguments: str) -> Result:
    return CliRunner().invoke(main, [*arguments])


@pytest.mark.parametrize(("command", "expected"), [
    (["lint", "--no-cache"], "No problems in 2 files."),  # the agreement and the template; not the record
    (["validate"], "No problems in 2 files."),
    (["digest"], " ../../contracts/sales-onboarding.yaml\n"),
    (["codeowners"], "/contracts/sales-onboarding.yaml @"),
    (["consent", "status"], "contracts/sales-onboarding.yaml: sales-onboarding (active)"),
])
def test_every_command_finds_contracts_at_the_repository_root(repo: Path, command: list[str], expected: str) -> None:
    result = run(*command)
    assert result.exit_code == 0, result.output
    assert expected in result.stdout
    if command[0] not in ("lint", "validate"):
        assert "_template" not in result.output


@pytest.mark.parametrize(("command", "expected"), [
    (["lint", "--no-cache"], "contracts/other2.YAML:5:9: "),
    (["validate"], "contracts/other2.YAML:5:9: "),
    (["digest"], "../../contracts/other2.Yml: no digest"),
    (["consent", "status"], "contracts/other2.YAML: no digest"),
])
def test_every_command_sees_agreements_whose_suffix_is_upper_case(repo: Path, command: list[str],
                                                                 expected: str) -> None:
    broken = EXAMPLE.read_text(encoding="utf-8").replace("status: active", "status: acitve", 1)
    name = "other2.Yml" if command[0] == "digest" else "other2.YAML"
    (repo / "contracts" / name).write_text(broken.replace("id: sales-onboarding", "id: other2", 1), encoding="utf-8")
    result = run(*command)
    assert expected in result.output, result.output
    assert name in [file.name for file in select([str(repo / "contracts")]).files]


def test_with_no_contracts_folder_every_command_says_so(repo: Path) -> None:
    shutil.rmtree(repo / "contracts")
    for command in (["lint", "--no-cache"], ["validate"], ["digest"], ["codeowners"], ["consent", "status"]):
        result = run(*command)
        assert result.exit_code == 2, command
        assert "no path given and there is no 'contracts/' folder at the repository root" in result.output, command


def test_lint_and_validate_check_the_template_and_not_records(repo: Path) -> None:
    template = repo / "contracts" / "_template.yaml"
    template.write_text(template.read_text(encoding="utf-8").replace("status: draft", "status: drafft", 1),
                        encoding="utf-8")
    result = run("validate")
    assert result.exit_code == 1, result.output
    assert "../../contracts/_template.yaml:" in result.output  # a template is copied: it must stay valid
    named = run("validate", f"../../{RECORD}")
    assert named.exit_code == 0
    assert f"../../{RECORD} is a consent record, not an agreement: not checked" in named.stderr


def test_codeowners_leaves_out_the_template(repo: Path) -> None:
    result = run("codeowners")
    assert result.exit_code == 0, result.output
    assert "_template" not in result.output
    assert "/contracts/sales-onboarding.yaml @" in result.stdout


@pytest.mark.parametrize("command", [["lint", "--no-cache"], ["validate"], ["digest"], ["codeowners"],
                                     ["consent", "check"], ["consent", "status"]])
def test_every_command_refuses_a_folder_of_consent_records_only(repo: Path, command: list[str]) -> None:
    result = run(*command, "../../contracts/.consent")
    assert result.exit_code == 2, result.output
    assert "agreed: error: ../../contracts/.consent: holds no agreement files (*.yaml, *.yml)" in result.stderr
    assert "Traceback" not in result.output


def test_lint_takes_a_folder_whose_agreement_files_the_configuration_excludes(repo: Path) -> None:
    (repo / ".agreed.yaml").write_text("exclude: ['contracts/sales-onboarding.yaml', 'contracts/_template.yaml']\n",
                                       encoding="utf-8")
    for command in (["lint", "--no-cache"], ["validate"]):
        result = run(*command, "../../contracts")
        assert (result.exit_code, result.stdout) == (0, "No problems in 0 files.\n"), result.output


@pytest.mark.parametrize("command", [["lint", "--no-cache"], ["validate"], ["digest"], ["codeowners"],
                                     ["consent", "check"]])
def test_every_command_takes_a_folder_holding_only_the_template(repo: Path, command: list[str]) -> None:
    (repo / "contracts" / "sales-onboarding.yaml").unlink()  # as agreed init leaves contracts/
    result = run(*command, "../../contracts")
    assert result.exit_code == 0, result.output


# -- how a file is named ----------------------------------------------------------------------------------------------


needs_links = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")


@pytest.fixture
def linked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """contracts/ holding a loop of links (loop.yaml -> loop -> loop.yaml), a dangling link and a link to a broken
    file in another folder; the current folder is their parent."""
    folder = tmp_path / "contracts"
    folder.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "target.yaml").write_text("a: [1\n", encoding="utf-8")
    try:
        (folder / "loop.yaml").symlink_to("loop")
        (folder / "loop").symlink_to("loop.yaml")
        (folder / "dangling.yaml").symlink_to("nowhere.yaml")
        (folder / "linked.yaml").symlink_to(Path("..", "elsewhere", "target.yaml"))
    except OSError:
        pytest.skip("symbolic links cannot be made here")
    monkeypatch.chdir(tmp_path)
    return folder


@needs_links
def test_display_path_names_a_link_not_its_target(linked: Path) -> None:
    base = linked.parent.resolve()
    assert display_path(Path("contracts/loop.yaml"), base) == "contracts/loop.yaml"
    assert display_path(Path("contracts/dangling.yaml"), base) == "contracts/dangling.yaml"
    assert display_path(linked / "linked.yaml", base) == "contracts/linked.yaml"
    assert display_path(Path("contracts/../contracts/./linked.yaml"), base) == "contracts/linked.yaml"


@needs_links
def test_display_path_resolves_a_linked_folder(linked: Path) -> None:
    (linked.parent / "alias").symlink_to("contracts", target_is_directory=True)
    assert display_path(Path("alias/linked.yaml"), linked.parent.resolve()) == "contracts/linked.yaml"


@needs_links
def test_lint_reports_links_under_the_names_found(linked: Path) -> None:
    result = run("lint", "--isolated", "--no-cache", "contracts")
    assert result.exit_code == 2, result.output  # a file that cannot be read (S010) is exit 2, as ever
    assert "contracts/loop.yaml:1:1: S010 error cannot be read: a loop of symbolic links" in result.output
    assert "contracts/dangling.yaml:1:1: S010 error" in result.output
    assert "contracts/linked.yaml:2:1: S001 error" in result.output
    assert "nowhere" not in result.output
    assert "elsewhere" not in result.output
    assert "contracts/loop:" not in result.output


@needs_links
def test_display_paths_name_every_file_as_display_path_does(linked: Path) -> None:
    (linked.parent / "alias").symlink_to("contracts", target_is_directory=True)
    (linked / "plain.yaml").write_text("a: 1\n", encoding="utf-8")
    base = linked.parent.resolve()
    here = Path("..", linked.parent.name)
    paths = [Path("contracts/loop.yaml"), Path("contracts/dangling.yaml"), linked / "linked.yaml",
             Path("contracts/../contracts/./linked.yaml"), Path("alias/linked.yaml"), Path("alias/plain.yaml"),
             Path("contracts/plain.yaml"), linked.parent.parent / "outside.yaml", here, Path("."), Path(".."),
             here / "contracts" / "plain.yaml"]
    shown = display_paths(paths, base)
    assert shown == [display_path(path, base) for path in paths]
    assert shown[5:8] == ["contracts/plain.yaml", "contracts/plain.yaml", (linked.parent.parent / "outside.yaml")
                          .as_posix()]
    assert shown[8] == "."  # the folder itself, named from its parent


@needs_links
def test_a_file_named_twice_or_through_links_is_selected_once(linked: Path) -> None:
    (linked.parent / "alias").symlink_to("contracts", target_is_directory=True)
    (linked / "plain.yaml").write_text("a: 1\n", encoding="utf-8")
    (linked / "again.yaml").symlink_to("plain.yaml")
    named = ["contracts/plain.yaml", "./contracts/plain.yaml", "alias/plain.yaml", "contracts/again.yaml",
             f"../{linked.parent.name}/contracts/plain.yaml", "contracts/loop.yaml", "contracts/loop.yaml"]
    assert [path.as_posix() for path in select(named).files] == ["contracts/plain.yaml", "contracts/loop.yaml"]
    found = [path.as_posix() for path in select(["contracts", "alias"]).files]
    assert found == ["contracts/again.yaml", "contracts/dangling.yaml", "contracts/linked.yaml", "contracts/loop.yaml"]
    # a loop goes nowhere: it is told by its folder's real place, so one loop named through two folders is one file


def test_the_files_of_a_folder_come_in_the_order_of_their_paths(tmp_path: Path) -> None:
    names = ["a/b.yaml", "a-b.yaml", "a.b/c.yaml", "a/b/c.yaml", "B.yaml", "a b/x.yaml", "é.yaml", "a_b/y.yml",
             "ab.yaml"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("id: x\n", encoding="utf-8")
    files = list(select([str(tmp_path)]).files)
    assert files == sorted(files)
    assert [file.relative_to(tmp_path).as_posix() for file in files] == sorted(
        names, key=lambda name: Path(name).parts)  # folder by folder, not character by character ('a-b' after 'a/')
