from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from agreed.cache import CACHE_FOLDER, INTERNAL_ERROR, ResultCache, cache_directory
from agreed.lint import batch, engine
from agreed.lint.engine import lint_document
from agreed.lint.rule import LintContext
from agreed.problem import Problem, Severity

REPO = Path(__file__).resolve().parents[1]
RAW = b"agreed: 1\nid: demo\n"
PROBLEMS = [
    Problem("a.yaml", 1, 1, "S100", Severity.ERROR, "missing 'title'"),
    Problem("a.yaml", 2, 5, "V101", Severity.WARNING, "vague: \u201cbetter\u201d \udcff"),
    Problem("a.yaml", 3, 1, "A201", Severity.INFO, "no owner"),
]


@pytest.fixture
def cache(tmp_path: Path) -> ResultCache:
    return ResultCache(tmp_path / "cache", "agreed 0.1.0|rules|2031-01-06")


def test_a_stored_result_is_found(cache: ResultCache) -> None:
    assert cache.lookup("a.yaml", RAW) is None
    cache.store("a.yaml", RAW, PROBLEMS)
    assert cache.lookup("a.yaml", RAW) == PROBLEMS


def test_a_clean_result_is_a_hit_not_a_miss(cache: ResultCache) -> None:
    cache.store("a.yaml", RAW, [])
    assert cache.lookup("a.yaml", RAW) == []


def test_salt_content_and_path_are_all_part_of_the_key(cache: ResultCache) -> None:
    cache.store("a.yaml", RAW, PROBLEMS)
    assert ResultCache(cache.directory, cache.key + "x").lookup("a.yaml", RAW) is None
    assert cache.lookup("a.yaml", RAW + b"\n") is None
    assert cache.lookup("b.yaml", RAW) is None
    assert cache.lookup("contracts/a.yaml", RAW) is None
    assert ResultCache(cache.directory, cache.key).lookup("a.yaml", RAW) == PROBLEMS  # a new instance finds it


def test_salt_and_path_cannot_run_together(cache: ResultCache) -> None:
    assert ResultCache(cache.directory, "ab").entry("c", RAW) != ResultCache(cache.directory, "a").entry("bc", RAW)


def test_entries_are_small_json_in_two_level_folders(cache: ResultCache) -> None:
    cache.store("a.yaml", RAW, PROBLEMS)
    entry = cache.entry("a.yaml", RAW)
    assert entry.parent.parent == cache.directory / "v2"
    assert entry.parent.name == entry.name[:2]
    data = json.loads(entry.read_text(encoding="ascii"))
    assert data["problems"][1]["severity"] == "warning"
    assert [path.name for path in entry.parent.iterdir()] == [entry.name]  # no temporary file left behind


@pytest.mark.parametrize("content", [
    b"", b"{", b"\xff\xfe", b"[]", b"null", b'{"version": 9, "problems": []}', b'{"version": 2}',
    b'{"version": 2, "problems": {}}', b'{"version": 2, "problems": [], "summary": {"id": 1}}',
    b'{"version": 2, "problems": [], "summary": {"id": "a", "line": 1, "col": 1, "parties": [["x"]]}}',
    b'{"version": 2, "problems": [1]}',
    b'{"version": 2, "problems": [{"path": "a.yaml"}]}',
    b'{"version": 2, "problems": [{"path": "a.yaml", "line": "1", "col": 1, "rule": "S100", "severity": "error",'
    b' "message": "m"}]}',
    b'{"version": 2, "problems": [{"path": "a.yaml", "line": true, "col": 1, "rule": "S100", "severity": "error",'
    b' "message": "m"}]}',
    b'{"version": 2, "problems": [{"path": "a.yaml", "line": 1, "col": 1, "rule": "S100", "severity": "fatal",'
    b' "message": "m"}]}',
    b"[" * 100_000,
])
def test_a_corrupt_entry_is_a_miss(cache: ResultCache, content: bytes) -> None:
    cache.store("a.yaml", RAW, PROBLEMS)
    cache.entry("a.yaml", RAW).write_bytes(content)
    assert cache.lookup("a.yaml", RAW) is None


def test_a_truncated_entry_is_a_miss_and_is_replaced(cache: ResultCache) -> None:
    cache.store("a.yaml", RAW, PROBLEMS)
    entry = cache.entry("a.yaml", RAW)
    entry.write_bytes(entry.read_bytes()[:40])
    assert cache.lookup("a.yaml", RAW) is None
    cache.store("a.yaml", RAW, PROBLEMS)
    assert cache.lookup("a.yaml", RAW) == PROBLEMS


def test_an_unreadable_entry_is_a_miss(cache: ResultCache) -> None:
    cache.store("a.yaml", RAW, PROBLEMS)
    entry = cache.entry("a.yaml", RAW)
    entry.unlink()
    entry.mkdir()  # reading a folder fails with an OSError whoever runs the test (root ignores permissions)
    assert cache.lookup("a.yaml", RAW) is None


def test_an_unwritable_cache_folder_disables_storing_without_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = ResultCache(blocker / "cache", "salt")  # below a regular file: never creatable, even for root
    cache.store("a.yaml", RAW, PROBLEMS)
    cache.store("b.yaml", RAW, PROBLEMS)
    assert cache.lookup("a.yaml", RAW) is None


def test_linting_through_an_unwritable_cache_gives_the_same_results(tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_bytes((REPO / "contracts" / "sales-onboarding.yaml").read_bytes().replace(b"owner:", b"x-o:"))
    (tmp_path / "file").write_text("")
    check = functools.partial(lint_document, context=LintContext())
    sources = [(source, "a.yaml")]
    broken = ResultCache(tmp_path / "file" / "cache", "salt")
    assert batch.check_files(sources, check, cache=broken) == batch.check_files(sources, check)


def test_internal_errors_are_never_stored(cache: ResultCache) -> None:
    assert INTERNAL_ERROR == engine.INTERNAL_ERROR
    crash = Problem("a.yaml", 1, 1, INTERNAL_ERROR, Severity.ERROR, "internal error in rule V101")
    cache.store("a.yaml", RAW, [*PROBLEMS, crash])
    assert cache.lookup("a.yaml", RAW) is None


def test_the_cache_folder_is_tagged_and_ignored_by_git(cache: ResultCache) -> None:
    cache.store("a.yaml", RAW, PROBLEMS)
    tag = (cache.directory / "CACHEDIR.TAG").read_text(encoding="utf-8")
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert "*" in (cache.directory / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_an_existing_gitignore_is_kept(cache: ResultCache) -> None:
    cache.directory.mkdir(parents=True)
    (cache.directory / ".gitignore").write_text("mine\n")
    cache.store("a.yaml", RAW, PROBLEMS)
    assert (cache.directory / ".gitignore").read_text() == "mine\n"
    assert (cache.directory / "CACHEDIR.TAG").is_file()


def test_cache_directory_is_at_the_git_root_with_a_git_folder(tmp_path: Path) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "contracts" / "team").mkdir(parents=True)
    assert cache_directory(tmp_path / "repo" / "contracts" / "team") == tmp_path / "repo" / CACHE_FOLDER
    assert cache_directory(tmp_path / "repo") == tmp_path / "repo" / CACHE_FOLDER


def test_cache_directory_is_at_the_git_root_with_a_git_file(tmp_path: Path) -> None:
    (tmp_path / "outer" / ".git").mkdir(parents=True)
    worktree = tmp_path / "outer" / "worktree"
    (worktree / "contracts").mkdir(parents=True)
    (worktree / ".git").write_text("gitdir: ../.git/worktrees/worktree\n")  # a worktree or submodule: nearest wins
    assert cache_directory(worktree / "contracts") == worktree / CACHE_FOLDER


def test_cache_directory_outside_a_repository_is_in_the_start_folder(tmp_path: Path) -> None:
    if any((folder / ".git").exists() for folder in (tmp_path, *tmp_path.parents)):
        pytest.skip("the temporary folder is inside a git repository")
    assert cache_directory(tmp_path) == tmp_path / CACHE_FOLDER


def test_cache_directory_makes_a_relative_start_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert cache_directory(Path(".")) == tmp_path / CACHE_FOLDER


def test_results_with_a_cache_equal_results_without(tmp_path: Path) -> None:
    sources = []
    for index, shipped in enumerate(sorted((REPO / "contracts").glob("*.yaml"))):
        target = tmp_path / "files" / f"{index}-{shipped.name}"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(shipped.read_bytes())
        sources.append((target, target.name))
    broken = tmp_path / "files" / "broken.yaml"
    broken.write_text("a: [1,\n")
    sources.append((broken, broken.name))
    vague = tmp_path / "files" / "vague.yaml"
    vague.write_text((REPO / "contracts" / "sales-onboarding.yaml").read_text()
                     .replace("      owner: ", "      x-was: ", 1).replace("      what: ", "      what: Several ", 1))
    sources.append((vague, vague.name))
    check = functools.partial(lint_document, context=LintContext())
    without = batch.check_files(sources, check)
    cache = ResultCache(tmp_path / "cache", "salt")
    assert batch.check_files(sources, check, cache=cache) == without  # cold
    assert batch.check_files(sources, check, cache=cache) == without  # warm
    assert {problem.rule for problem in without} >= {"S001", "A201", "V102"}


def test_the_cache_module_imports_nothing_heavy() -> None:
    heavy = ("ruamel", "jsonschema", "jsonschema_rs", "agreed.lint.rules", "multiprocessing", "concurrent")
    code = f"import sys, agreed.cache, agreed.lint.batch; print([m for m in sys.modules if m.startswith({heavy})])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_an_agreement_summary_round_trips(tmp_path: Path) -> None:
    from agreed.lint.rule import AgreementSummary, PartyEntry

    cache = ResultCache(tmp_path / "cache", "salt")
    summary = AgreementSummary("a.yaml", "demo", 2, 5, (PartyEntry("maria", "Maria Chen", None, "mchen", 6, 9),))
    cache.store("a.yaml", b"raw", [], summary)
    assert cache.lookup_result("a.yaml", b"raw") == ([], summary)
    cache.store("b.yaml", b"raw", [])
    assert cache.lookup_result("b.yaml", b"raw") == ([], None)
