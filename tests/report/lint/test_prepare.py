"""agreed.report.lint.prepare called directly (no command line): a lint run's problems made ready for a format."""

from __future__ import annotations

from pathlib import Path

from agreed.problem import Problem, Severity
from agreed.report.lint.prepare import lint_report, repository_relative, sources_of
from gitrepo import Repo


def _problem(path: str, line: int = 1, col: int = 1) -> Problem:
    return Problem(path, line, col, "A101", Severity.WARNING, "vague word")


def _paths(problems: tuple[Problem, ...] | list[Problem]) -> list[str]:
    return [problem.path for problem in problems]


def test_paths_from_a_subfolder_become_relative_to_the_repository_root(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("contracts/a.yaml", "title: a\n")
    outside = tmp_path / "elsewhere.yaml"
    here = repo.root / "contracts"
    shown = repository_relative([_problem("a.yaml"), _problem("../README.md"), _problem(str(outside)),
                                 _problem("<stdin>")], here)
    assert _paths(shown) == ["contracts/a.yaml", "README.md", outside.resolve().as_posix(), "<stdin>"]


def test_outside_a_repository_paths_are_relative_to_the_folder_given(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    assert _paths(repository_relative([_problem("sub/../a.yaml")], tmp_path)) == ["a.yaml"]


def test_the_same_path_from_two_folders_of_one_repository_is_resolved_from_each(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    (repo.root / "one").mkdir()
    (repo.root / "two").mkdir()
    assert _paths(repository_relative([_problem("a.yaml")], repo.root / "one")) == ["one/a.yaml"]
    assert _paths(repository_relative([_problem("a.yaml")], repo.root / "two")) == ["two/a.yaml"]


def test_sources_hold_the_text_of_readable_files_once_each(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"title: caf\xc3\xa9\nbad: \xff\n")
    sources = sources_of([_problem("a.yaml", 1), _problem("a.yaml", 2), _problem("missing.yaml")], tmp_path)
    assert sources == {"a.yaml": "title: café\nbad: \ufffd\n"}


def test_the_report_sorts_problems_and_prepares_only_what_the_format_needs(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("contracts/a.yaml", "title: a\ngoal: soon\n")
    here = repo.root / "contracts"
    problems = [_problem("a.yaml", 2), _problem("a.yaml", 1)]

    text = lint_report(problems, 1, "text", here, color=True)
    assert [(problem.path, problem.line) for problem in text.problems] == [("a.yaml", 1), ("a.yaml", 2)]
    assert text.color
    assert text.sources == {}
    assert text.files == 1
    assert "A101" not in text.rules

    full = lint_report(problems, 1, "full", here, color=True)
    assert full.color
    assert full.sources == {"a.yaml": "title: a\ngoal: soon\n"}

    for host in ("sarif", "github", "gitlab"):
        hosted = lint_report(problems, 1, host, here, color=True)
        assert _paths(hosted.problems) == ["contracts/a.yaml"] * 2
        assert not hosted.color
        assert hosted.sources == {}

    assert not lint_report(problems, 1, "text", here, color=False).color
    assert "S001" in lint_report(problems, 1, "json", here, color=False).rules
