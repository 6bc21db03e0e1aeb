from __future__ import annotations

import functools
import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
from agreed.lint.cache_codec import CROSS_FILE_KEPT, LAYOUT, ResultCache
from agreed.lint.engine import lint_document
from agreed.lint.rule import AgreementSummary, LintContext, PartyEntry
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


def _fresh(cache: ResultCache) -> ResultCache:
    """Another run's view of the same cache: what was saved, nothing held in memory."""
    return ResultCache(cache.folder, cache.salt, cache.ignored_for)


def _saved(cache: ResultCache, shown: str, raw: bytes, problems: list[Problem]) -> Path:
    cache.store(shown, raw, problems)
    cache.save()
    return Path(cache.file)


def test_a_stored_result_is_found(cache: ResultCache) -> None:
    assert cache.lookup("a.yaml", RAW) is None
    cache.store("a.yaml", RAW, PROBLEMS)
    assert cache.lookup("a.yaml", RAW) == PROBLEMS
    assert _fresh(cache).lookup("a.yaml", RAW) is None  # stored in memory until saved
    cache.save()
    assert _fresh(cache).lookup("a.yaml", RAW) == PROBLEMS


def test_a_clean_result_is_a_hit_not_a_miss(cache: ResultCache) -> None:
    _saved(cache, "a.yaml", RAW, [])
    assert _fresh(cache).lookup("a.yaml", RAW) == []


def test_salt_content_and_path_are_all_part_of_the_key(cache: ResultCache) -> None:
    _saved(cache, "a.yaml", RAW, PROBLEMS)
    assert ResultCache(cache.folder, cache.salt + "x").lookup("a.yaml", RAW) is None
    assert _fresh(cache).lookup("a.yaml", RAW + b"\n") is None
    assert _fresh(cache).lookup("b.yaml", RAW) is None
    assert _fresh(cache).lookup("contracts/a.yaml", RAW) is None
    assert _fresh(cache).lookup("a.yaml", RAW) == PROBLEMS


def test_salt_and_path_cannot_run_together(cache: ResultCache) -> None:
    _saved(cache, "bc", RAW, PROBLEMS)
    assert _fresh(cache).lookup("b", b"c" + RAW) is None  # the path and the bytes do not run together either
    assert ResultCache(cache.folder, "ab").file != ResultCache(cache.folder, "a").file


def test_one_file_per_configuration_holds_every_result(cache: ResultCache) -> None:
    cache.store("a.yaml", RAW, PROBLEMS)
    cache.store("b.yaml", RAW, [])
    cache.save()
    ResultCache(cache.folder, "another configuration").store("a.yaml", RAW, [])
    ResultCache(cache.folder, "another configuration").save()  # nothing stored in this one: nothing written
    layout = cache.directory / LAYOUT
    assert sorted(path.name for path in layout.iterdir() if not path.name.startswith(".")) == [Path(cache.file).name]
    assert not [path for path in layout.iterdir() if path.name.endswith(".tmp")]  # no temporary file left behind
    mac, payload = Path(cache.file).read_text(encoding="ascii").split("\n", 1)
    assert len(mac) == 64
    results = json.loads(payload)["results"]
    assert sorted(shown for shown, _, _ in results.values()) == ["a.yaml", "b.yaml"]
    assert _fresh(cache).lookup("a.yaml", RAW) == PROBLEMS
    assert _fresh(cache).lookup("b.yaml", RAW) == []


def test_a_file_checked_again_with_other_bytes_keeps_only_its_new_result(cache: ResultCache) -> None:
    _saved(cache, "a.yaml", RAW, PROBLEMS)
    _saved(cache, "b.yaml", RAW, [])
    again = _fresh(cache)
    assert again.lookup("a.yaml", RAW + b"# edited\n") is None
    _saved(again, "a.yaml", RAW + b"# edited\n", [])
    results = json.loads(Path(cache.file).read_text(encoding="ascii").split("\n", 1)[1])["results"]
    assert sorted(shown for shown, _, _ in results.values()) == ["a.yaml", "b.yaml"]
    assert _fresh(cache).lookup("a.yaml", RAW) is None
    assert _fresh(cache).lookup("a.yaml", RAW + b"# edited\n") == []
    assert _fresh(cache).lookup("b.yaml", RAW) == []


def test_runs_that_save_at_the_same_time_keep_each_others_results(cache: ResultCache) -> None:
    first, second = _fresh(cache), _fresh(cache)
    assert first.lookup("a.yaml", RAW) is None  # both read the empty cache
    assert second.lookup("b.yaml", RAW) is None
    _saved(first, "a.yaml", RAW, PROBLEMS)
    _saved(second, "b.yaml", RAW, [])
    assert _fresh(cache).lookup("a.yaml", RAW) == PROBLEMS
    assert _fresh(cache).lookup("b.yaml", RAW) == []


_STORE_MANY = """
import sys
from pathlib import Path
from agreed.cache import open_cache
from agreed.lint.cache_codec import ResultCache
from agreed.problem import Problem, Severity

folder, home, worker = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
for round in range(20):
    cache = ResultCache(open_cache(folder, home), "salt")
    shown = f"{worker}-{round}.yaml"
    cache.store(shown, b"raw", [Problem(shown, 1, 1, "V101", Severity.WARNING, worker)])
    cache.save()
"""


def test_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    folder, home = tmp_path / "cache", tmp_path / "home"
    open_cache(folder, home)
    workers = [subprocess.Popen([sys.executable, "-c", _STORE_MANY, str(folder), str(home), f"w{index}"])
               for index in range(4)]
    assert [worker.wait(timeout=120) for worker in workers] == [0, 0, 0, 0]
    cache = ResultCache(open_cache(folder, home), "salt")
    for index in range(4):
        for round_ in range(20):
            shown = f"w{index}-{round_}.yaml"
            assert cache.lookup(shown, b"raw") == [Problem(shown, 1, 1, "V101", Severity.WARNING, f"w{index}")]


@pytest.mark.parametrize("content", [
    b"", b"{", b"\xff\xfe", b"[]", b"null", b'{"version": 9, "results": {}, "cross_file": []}', b'{"version": 4}',
    b'{"version": 4, "results": [], "cross_file": []}', b'{"version": 4, "results": {}, "cross_file": {}}',
    b'{"version": 4, "results": {"KEY": ["a.yaml", [], [1, 1, 1, []]]}, "cross_file": []}',
    b'{"version": 4, "results": {"KEY": ["a.yaml", [], ["a", 1, 1, [["x"]]]]}, "cross_file": []}',
    b'{"version": 4, "results": {"KEY": ["a.yaml", [1], null]}, "cross_file": []}',
    b'{"version": 4, "results": {"KEY": ["a.yaml", {}, null]}, "cross_file": []}',
    b'{"version": 4, "results": {"KEY": ["b.yaml", [], null]}, "cross_file": []}',
    b'{"version": 4, "results": {"KEY": ["a.yaml", [], null, 1]}, "cross_file": []}',
    b"[" * 100_000,
])
def test_a_corrupt_cache_file_is_a_miss(cache: ResultCache, content: bytes) -> None:
    file = _saved(cache, "a.yaml", RAW, PROBLEMS)
    key = next(iter(json.loads(file.read_bytes().split(b"\n", 1)[1])["results"]))
    file.write_bytes(_signed(cache, file, content.replace(b"KEY", key.encode())))  # authentic: only its shape is wrong
    assert _fresh(cache).lookup("a.yaml", RAW) is None
    _saved(_fresh(cache), "a.yaml", RAW, PROBLEMS)  # and a run then writes it anew
    assert _fresh(cache).lookup("a.yaml", RAW) == PROBLEMS


def _problem_field(index: int, value: object) -> Callable[[list[Any]], None]:
    def spoil(result: list[Any]) -> None:
        result[1][0][index] = value
    return spoil


def _summary(value: object) -> Callable[[list[Any]], None]:
    def spoil(result: list[Any]) -> None:
        result[2] = value
    return spoil


@pytest.mark.parametrize("spoil", [
    _problem_field(1, "1"), _problem_field(1, True), _problem_field(2, None), _problem_field(4, "fatal"),
    _problem_field(0, 7), _summary(["a", 1, 1, [["x"]]]), _summary([1, 1, 1, []]), _summary({"id": "a"}),
    lambda result: result[1][0].append("extra"), lambda result: result[1][0].pop(),
])
def test_a_result_with_one_field_spoiled_is_a_miss(cache: ResultCache, spoil: Callable[[list[Any]], None]) -> None:
    summary = AgreementSummary("a.yaml", "a", 1, 1, (PartyEntry("x", None, None, None, 2, 3),))
    cache.store("a.yaml", RAW, PROBLEMS, summary)
    cache.save()
    file = Path(cache.file)
    payload = json.loads(file.read_bytes().split(b"\n", 1)[1])
    file.write_bytes(_signed(cache, file, json.dumps(payload).encode()))
    assert _fresh(cache).lookup_result("a.yaml", RAW) == (PROBLEMS, summary)  # the genuine result, signed again
    for result in payload["results"].values():
        spoil(result)
    file.write_bytes(_signed(cache, file, json.dumps(payload).encode()))
    assert _fresh(cache).lookup_result("a.yaml", RAW) is None


def _signed(cache: ResultCache, file: Path, payload: bytes) -> bytes:
    return JsonFiles(cache.folder).sealed(str(file), payload)


def test_a_truncated_file_is_a_miss_and_is_replaced(cache: ResultCache) -> None:
    file = _saved(cache, "a.yaml", RAW, PROBLEMS)
    file.write_bytes(file.read_bytes()[:40])
    assert _fresh(cache).lookup("a.yaml", RAW) is None
    _saved(_fresh(cache), "a.yaml", RAW, PROBLEMS)
    assert _fresh(cache).lookup("a.yaml", RAW) == PROBLEMS


def test_an_unreadable_file_is_a_miss(cache: ResultCache) -> None:
    file = _saved(cache, "a.yaml", RAW, PROBLEMS)
    file.unlink()
    file.mkdir()  # reading a folder fails with an OSError whoever runs the test (root ignores permissions)
    assert _fresh(cache).lookup("a.yaml", RAW) is None


def test_an_unwritable_cache_folder_disables_storing_without_error(cache: ResultCache) -> None:
    (cache.directory / LAYOUT).write_text("not a folder")  # the file's folder below a file: never creatable
    _saved(cache, "a.yaml", RAW, PROBLEMS)
    _saved(cache, "b.yaml", RAW, PROBLEMS)
    assert _fresh(cache).lookup("a.yaml", RAW) is None


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
    _saved(cache, "a.yaml", RAW, [*PROBLEMS, crash])
    assert _fresh(cache).lookup("a.yaml", RAW) is None
    cache.store_cross_file("run", [crash])
    cache.save()
    assert _fresh(cache).cross_file("run") is None


def test_cross_file_findings_are_kept_per_set_of_files(cache: ResultCache) -> None:
    assert cache.lookup("a.yaml", RAW) is None
    assert cache.run_key(2) is None  # one of the run's two files was not looked up: no key
    run_key = cache.run_key(1)
    assert run_key is not None
    _saved(cache, "a.yaml", RAW, [])
    cache.store_cross_file(run_key, PROBLEMS[:1])
    cache.save()
    again = _fresh(cache)
    assert again.lookup("a.yaml", RAW) == []
    assert again.run_key(1) == run_key
    assert again.cross_file(run_key) == PROBLEMS[:1]
    edited = _fresh(cache)
    assert edited.lookup("a.yaml", RAW + b"\n") is None
    assert edited.run_key(1) not in (None, run_key)
    for index in range(CROSS_FILE_KEPT):  # the oldest sets make way for newer ones
        other = _fresh(cache)
        other.store_cross_file(f"other {index}", [])
        other.save()
    assert _fresh(cache).cross_file(run_key) is None
    assert _fresh(cache).cross_file("other 0") == []


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
    assert batch.check_files(sources, check, cache=_fresh(cache)) == without  # warm
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
    cache.store("b.yaml", b"raw", [])
    cache.save()
    assert _fresh(cache).lookup_result("a.yaml", b"raw") == ([], summary)
    assert _fresh(cache).lookup_result("b.yaml", b"raw") == ([], None)


# -- what the cache trusts: nothing the repository (or anyone but this user's agreed) put there -----------------------


def test_a_hand_made_file_is_a_miss(cache: ResultCache) -> None:
    file = _saved(cache, "a.yaml", RAW, PROBLEMS)
    payload = json.loads(file.read_bytes().split(b"\n", 1)[1])
    for result in payload["results"].values():
        result[1] = []
    forged = json.dumps(payload).encode()
    for content in (forged, b"0" * 64 + b"\n" + forged, file.read_bytes()[:65] + forged):
        file.write_bytes(content)
        assert _fresh(cache).lookup("a.yaml", RAW) is None
    file.write_bytes(_signed(cache, file, forged))  # the same claim, signed with the user's key, is believed
    assert _fresh(cache).lookup("a.yaml", RAW) == []


def test_a_file_signed_with_another_key_is_a_miss(tmp_path: Path, cache: ResultCache) -> None:
    foreign = ResultCache(open_cache(cache.directory, tmp_path / "someone-else"), cache.salt)
    _saved(foreign, "a.yaml", RAW, [])  # same folder, same file, another user's secret
    assert ResultCache(foreign.folder, cache.salt).lookup("a.yaml", RAW) == []
    assert _fresh(cache).lookup("a.yaml", RAW) is None


def test_a_file_moved_to_another_place_is_a_miss(cache: ResultCache) -> None:
    other = ResultCache(cache.folder, "another configuration")
    _saved(other, "a.yaml", RAW, [])
    Path(cache.file).write_bytes(Path(other.file).read_bytes())
    assert _fresh(cache).lookup("a.yaml", RAW) is None


def test_a_file_that_is_a_link_is_neither_read_nor_written_through(tmp_path: Path, cache: ResultCache) -> None:
    other = ResultCache(cache.folder, "another configuration")
    _saved(other, "a.yaml", RAW, [])
    file = Path(cache.file)
    file.symlink_to(other.file)
    assert _fresh(cache).lookup("a.yaml", RAW) is None
    outside = tmp_path / "outside.txt"
    outside.write_text("mine\n")
    file.unlink()
    file.symlink_to(outside)
    _saved(_fresh(cache), "a.yaml", RAW, PROBLEMS)
    assert outside.read_text() == "mine\n"
    assert not file.is_symlink()
    assert _fresh(cache).lookup("a.yaml", RAW) == PROBLEMS


def test_a_lock_that_is_a_link_is_not_written_through(tmp_path: Path, cache: ResultCache) -> None:
    file = _saved(cache, "a.yaml", RAW, [])
    lock = file.with_name(f".{file.name}.lock")
    lock.unlink()
    outside = tmp_path / "outside.txt"
    outside.write_text("mine\n")
    lock.symlink_to(outside)
    _saved(_fresh(cache), "b.yaml", RAW, [])  # not saved, and no error
    assert outside.read_text() == "mine\n"
    assert _fresh(cache).lookup("b.yaml", RAW) is None


def test_a_cache_folder_that_is_a_link_is_not_written_through(tmp_path: Path, cache: ResultCache) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (cache.directory / LAYOUT).symlink_to(outside)
    _saved(cache, "a.yaml", RAW, PROBLEMS)
    assert list(outside.iterdir()) == []


def test_results_are_not_read_through_a_linked_folder(tmp_path: Path, cache: ResultCache) -> None:
    _saved(cache, "a.yaml", RAW, [])
    layout = cache.directory / LAYOUT
    layout.rename(tmp_path / "moved")
    layout.symlink_to(tmp_path / "moved", target_is_directory=True)  # the same, genuine file, behind a link
    assert _fresh(cache).lookup("a.yaml", RAW) is None
    layout.unlink()
    (tmp_path / "moved").rename(layout)
    assert _fresh(cache).lookup("a.yaml", RAW) == []


def test_a_pipe_in_place_of_the_file_is_a_miss_without_blocking(cache: ResultCache) -> None:
    file = Path(cache.file)
    file.parent.mkdir(parents=True)
    os.mkfifo(file)
    assert cache.lookup("a.yaml", RAW) is None


def test_per_file_ignores_are_part_of_the_key(folder: CacheFolder) -> None:
    def ignoring(codes: frozenset[str]) -> Callable[[str], frozenset[str]]:
        return lambda path: codes

    _saved(ResultCache(folder, "salt"), "a.yaml", RAW, PROBLEMS)
    assert ResultCache(folder, "salt", ignoring(frozenset({"V101"}))).lookup("a.yaml", RAW) is None
    assert ResultCache(folder, "salt", ignoring(frozenset())).lookup("a.yaml", RAW) == PROBLEMS
    _saved(ResultCache(folder, "salt", ignoring(frozenset({"A201", "V101"}))), "a.yaml", RAW, PROBLEMS[:1])
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
    _saved(cache, "a.yaml", RAW, PROBLEMS)
    assert _fresh(cache).lookup("a.yaml", RAW) == PROBLEMS
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
