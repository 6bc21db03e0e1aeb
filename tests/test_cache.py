from __future__ import annotations

import functools
import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from agreed.cache import (
    KEY_FILE,
    CacheFolder,
    CacheUnusable,
    JsonFiles,
    open_cache,
    repository_folder,
)
from agreed.codes import INTERNAL_ERROR
from agreed.lint import batch
from agreed.lint.cache_codec import LAYOUT, ResultCache
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
def folder(tmp_path: Path) -> CacheFolder:
    return open_cache(tmp_path / "cache", tmp_path / "home")


@pytest.fixture
def cache(folder: CacheFolder) -> ResultCache:
    return ResultCache(folder, "agreed 0.1.0|rules|2031-01-06")


def test_a_stored_result_is_found(cache: ResultCache) -> None:
    assert cache.lookup("a.yaml", RAW) is None
    cache.store("a.yaml", RAW, PROBLEMS)
    assert cache.lookup("a.yaml", RAW) == PROBLEMS


def test_a_clean_result_is_a_hit_not_a_miss(cache: ResultCache) -> None:
    cache.store("a.yaml", RAW, [])
    assert cache.lookup("a.yaml", RAW) == []


def test_salt_content_and_path_are_all_part_of_the_key(cache: ResultCache) -> None:
    cache.store("a.yaml", RAW, PROBLEMS)
    assert ResultCache(cache.folder, cache.salt + "x").lookup("a.yaml", RAW) is None
    assert cache.lookup("a.yaml", RAW + b"\n") is None
    assert cache.lookup("b.yaml", RAW) is None
    assert cache.lookup("contracts/a.yaml", RAW) is None
    assert ResultCache(cache.folder, cache.salt).lookup("a.yaml", RAW) == PROBLEMS  # a new instance finds it


def test_salt_and_path_cannot_run_together(cache: ResultCache) -> None:
    assert ResultCache(cache.folder, "ab").entry("c", RAW) != ResultCache(cache.folder, "a").entry("bc", RAW)


def test_entries_are_small_json_in_two_level_folders(cache: ResultCache) -> None:
    cache.store("a.yaml", RAW, PROBLEMS)
    entry = cache.entry("a.yaml", RAW)
    assert entry.parent.parent == cache.directory / LAYOUT
    assert entry.parent.name == entry.name[:2]
    mac, payload = entry.read_text(encoding="ascii").split("\n", 1)
    assert len(mac) == 64
    data = json.loads(payload)
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
    entry = cache.entry("a.yaml", RAW)
    entry.write_bytes(_signed(cache, entry, content))  # authentic, so only its shape makes it a miss
    assert cache.lookup("a.yaml", RAW) is None


def _signed(cache: ResultCache, entry: Path, payload: bytes) -> bytes:
    return JsonFiles(cache.folder).sealed(str(entry), payload)


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


def test_an_unwritable_cache_folder_disables_storing_without_error(cache: ResultCache) -> None:
    (cache.directory / LAYOUT).write_text("not a folder")  # entries' folders below a file: never creatable
    cache.store("a.yaml", RAW, PROBLEMS)
    cache.store("b.yaml", RAW, PROBLEMS)
    assert cache.lookup("a.yaml", RAW) is None


def test_linting_through_an_unwritable_cache_gives_the_same_results(tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_bytes((REPO / "contracts" / "sales-onboarding.yaml").read_bytes().replace(b"owner:", b"x-o:"))
    check = functools.partial(lint_document, context=LintContext())
    sources = [(source, "a.yaml")]
    broken = ResultCache(open_cache(tmp_path / "cache", tmp_path / "home"), "salt")
    (broken.directory / LAYOUT).write_text("not a folder")
    assert batch.check_files(sources, check, cache=broken) == batch.check_files(sources, check)


def test_internal_errors_are_never_stored(cache: ResultCache) -> None:
    crash = Problem("a.yaml", 1, 1, INTERNAL_ERROR, Severity.ERROR, "internal error in rule V101")
    cache.store("a.yaml", RAW, [*PROBLEMS, crash])
    assert cache.lookup("a.yaml", RAW) is None


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
    cache = ResultCache(open_cache(tmp_path / "cache", tmp_path / "home"), "salt")
    assert batch.check_files(sources, check, cache=cache) == without  # cold
    assert batch.check_files(sources, check, cache=cache) == without  # warm
    assert {problem.rule for problem in without} >= {"S001", "A201", "V102"}


def test_the_cache_module_imports_nothing_heavy() -> None:
    heavy = ("ruamel", "jsonschema", "jsonschema_rs", "agreed.lint.rules", "multiprocessing", "concurrent")
    modules = "agreed.cache, agreed.lint.cache_codec, agreed.lint.batch"
    code = f"import sys, {modules}; print([m for m in sys.modules if m.startswith({heavy})])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_an_agreement_summary_round_trips(cache: ResultCache) -> None:
    from agreed.lint.rule import AgreementSummary, PartyEntry

    summary = AgreementSummary("a.yaml", "demo", 2, 5, (PartyEntry("maria", "Maria Chen", None, "mchen", 6, 9),))
    cache.store("a.yaml", b"raw", [], summary)
    assert cache.lookup_result("a.yaml", b"raw") == ([], summary)
    cache.store("b.yaml", b"raw", [])
    assert cache.lookup_result("b.yaml", b"raw") == ([], None)


# -- what the cache trusts: nothing the repository (or anyone but this user's agreed) put there -----------------------


def test_a_hand_made_entry_is_a_miss(cache: ResultCache) -> None:
    cache.store("a.yaml", RAW, PROBLEMS)
    entry = cache.entry("a.yaml", RAW)
    forged = json.dumps({"version": 3, "problems": [], "summary": None}).encode()
    for content in (forged, b"0" * 64 + b"\n" + forged, entry.read_bytes()[:65] + forged):
        entry.write_bytes(content)
        assert cache.lookup("a.yaml", RAW) is None
    entry.write_bytes(_signed(cache, entry, forged))  # the same claim, signed with the user's key, is believed
    assert cache.lookup("a.yaml", RAW) == []


def test_an_entry_signed_with_another_key_is_a_miss(tmp_path: Path, cache: ResultCache) -> None:
    foreign = ResultCache(open_cache(cache.directory, tmp_path / "someone-else"), cache.salt)
    foreign.store("a.yaml", RAW, [])  # same folder, same key for the entry, another user's secret
    assert foreign.lookup("a.yaml", RAW) == []
    assert cache.lookup("a.yaml", RAW) is None


def test_an_entry_moved_to_another_place_is_a_miss(cache: ResultCache) -> None:
    cache.store("clean.yaml", RAW, [])
    cache.store("a.yaml", RAW, PROBLEMS)
    cache.entry("a.yaml", RAW).write_bytes(cache.entry("clean.yaml", RAW).read_bytes())
    assert cache.lookup("a.yaml", RAW) is None


def test_an_entry_that_is_a_link_is_neither_read_nor_written_through(tmp_path: Path, cache: ResultCache) -> None:
    cache.store("clean.yaml", RAW, [])
    cache.store("a.yaml", RAW, PROBLEMS)
    entry = cache.entry("a.yaml", RAW)
    entry.unlink()
    entry.symlink_to(cache.entry("clean.yaml", RAW))
    assert cache.lookup("a.yaml", RAW) is None
    outside = tmp_path / "outside.txt"
    outside.write_text("mine\n")
    entry.unlink()
    entry.symlink_to(outside)
    cache.store("a.yaml", RAW, PROBLEMS)
    assert outside.read_text() == "mine\n"
    assert not entry.is_symlink()
    assert cache.lookup("a.yaml", RAW) == PROBLEMS


def test_an_entry_folder_that_is_a_link_is_not_written_through(tmp_path: Path, cache: ResultCache) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (cache.directory / LAYOUT).symlink_to(outside)
    cache.store("a.yaml", RAW, PROBLEMS)
    assert list(outside.iterdir()) == []


def test_entries_are_not_read_through_a_linked_folder(tmp_path: Path, cache: ResultCache) -> None:
    cache.store("a.yaml", RAW, [])
    layout = cache.directory / LAYOUT
    layout.rename(tmp_path / "moved")
    layout.symlink_to(tmp_path / "moved", target_is_directory=True)  # the same, genuine entries, behind a link
    assert ResultCache(cache.folder, cache.salt).lookup("a.yaml", RAW) is None
    layout.unlink()
    (tmp_path / "moved").rename(layout)
    assert ResultCache(cache.folder, cache.salt).lookup("a.yaml", RAW) == []


def test_a_pipe_in_place_of_an_entry_is_a_miss_without_blocking(cache: ResultCache) -> None:
    entry = cache.entry("a.yaml", RAW)
    entry.parent.mkdir(parents=True)
    os.mkfifo(entry)
    assert cache.lookup("a.yaml", RAW) is None


def test_per_file_ignores_are_part_of_the_key(folder: CacheFolder) -> None:
    def ignoring(codes: frozenset[str]) -> Callable[[str], frozenset[str]]:
        return lambda path: codes

    plain = ResultCache(folder, "salt")
    plain.store("a.yaml", RAW, PROBLEMS)
    assert ResultCache(folder, "salt", ignoring(frozenset({"V101"}))).lookup("a.yaml", RAW) is None
    assert ResultCache(folder, "salt", ignoring(frozenset())).lookup("a.yaml", RAW) == PROBLEMS
    both = ResultCache(folder, "salt", ignoring(frozenset({"A201", "V101"})))
    both.store("a.yaml", RAW, PROBLEMS[:1])
    assert ResultCache(folder, "salt", ignoring(frozenset({"V101", "A201"}))).lookup("a.yaml", RAW) == PROBLEMS[:1]


# -- the cache folder and the key ------------------------------------------------------------------------------------


def test_a_folder_the_cache_creates_is_tagged_and_ignored_by_git(tmp_path: Path) -> None:
    folder = open_cache(tmp_path / "new" / "cache", tmp_path / "home")
    tag = (folder.path / "CACHEDIR.TAG").read_text(encoding="utf-8")
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert "*" in (folder.path / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert not (tmp_path / "new" / ".gitignore").exists()  # only the cache folder itself is the cache's
    assert (tmp_path / "home" / ".gitignore").is_file()


def test_a_folder_that_was_there_is_never_tagged(tmp_path: Path) -> None:
    existing = tmp_path / "work"
    existing.mkdir()
    cache = ResultCache(open_cache(existing, tmp_path / "home"), "salt")
    cache.store("a.yaml", RAW, PROBLEMS)
    assert cache.lookup("a.yaml", RAW) == PROBLEMS
    assert sorted(path.name for path in existing.iterdir()) == [LAYOUT]


@pytest.mark.parametrize("where", ["cache", "home"])
def test_a_cache_folder_or_home_that_is_a_link_is_refused(tmp_path: Path, where: str) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir()
    (tmp_path / where).symlink_to(target, target_is_directory=True)
    with pytest.raises(CacheUnusable, match="symbolic link"):
        open_cache(tmp_path / "cache", tmp_path / "home")
    assert list(target.iterdir()) == []


def _everything_in(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


@pytest.mark.parametrize("where", ["cache", "home"])
@pytest.mark.parametrize("inside", [".git", ".git/evil", "linked/evil", "shared.git/evil"])
def test_a_cache_folder_or_home_inside_a_git_directory_is_refused(tmp_path: Path, where: str, inside: str) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / "repo" / "shared.git")], check=True)
    (tmp_path / "repo" / "linked").symlink_to(tmp_path / "repo" / ".git", target_is_directory=True)
    before = _everything_in(tmp_path)
    folders = {"cache": tmp_path / "cache", "home": tmp_path / "home", where: tmp_path / "repo" / inside}
    with pytest.raises(CacheUnusable, match="inside a git directory"):
        open_cache(folders["cache"], folders["home"])
    assert _everything_in(tmp_path) == before  # refused before anything is created, the key included


def test_a_cache_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("")
    with pytest.raises(CacheUnusable, match="not a folder"):
        open_cache(tmp_path / "cache", tmp_path / "home")
    with pytest.raises(CacheUnusable, match="cannot"):
        open_cache(tmp_path / "cache" / "below" / "a-file", tmp_path / "home")


def test_the_key_is_private_random_and_kept(tmp_path: Path) -> None:
    first = open_cache(tmp_path / "cache", tmp_path / "home")
    key_file = tmp_path / "home" / KEY_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(first.key) == 32
    assert first.key == key_file.read_bytes()
    assert open_cache(tmp_path / "other", tmp_path / "home").key == first.key
    assert open_cache(tmp_path / "cache", tmp_path / "home2").key != first.key
    assert repr(first.key) not in repr(first)
    assert "key=" not in repr(first)


def test_a_key_that_is_a_link_shared_or_damaged_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    open_cache(tmp_path / "cache", home)
    key_file = home / KEY_FILE
    key_file.chmod(0o644)
    with pytest.raises(CacheUnusable, match="private"):
        open_cache(tmp_path / "cache", home)
    key_file.chmod(0o600)
    key_file.write_bytes(b"short")
    with pytest.raises(CacheUnusable, match="damaged"):
        open_cache(tmp_path / "cache", home)
    key_file.unlink()
    (tmp_path / "planted").write_bytes(b"k" * 32)
    key_file.symlink_to(tmp_path / "planted")
    with pytest.raises(CacheUnusable, match="cannot be read"):
        open_cache(tmp_path / "cache", home)


def test_each_repository_has_its_own_folder_in_the_user_cache(tmp_path: Path) -> None:
    home = tmp_path / "home"
    one, two = repository_folder(home, tmp_path / "a" / "repo"), repository_folder(home, tmp_path / "b" / "repo")
    assert one != two
    assert one.parent == two.parent == home / "repos"
    assert one.name.startswith("repo-")
    assert repository_folder(home, tmp_path / "a" / "repo") == one
    assert repository_folder(home, Path("/")).name.startswith("root-")
