from __future__ import annotations

import concurrent.futures
import functools
import json
import os
from pathlib import Path

import pytest

from agreed.cache import open_cache
from agreed.codes import INTERNAL_ERROR
from agreed.document import Document
from agreed.lint import batch
from agreed.lint.cache_codec import ResultCache
from agreed.lint.engine import lint_document
from agreed.lint.rule import LintContext
from agreed.problem import Problem, Severity

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def many_files(tmp_path: Path) -> list[batch.Source]:
    good = (REPO / "contracts" / "sales-onboarding.yaml").read_text()
    sources = []
    for index in range(3 * batch.FILES_PER_WORKER):
        path = tmp_path / f"a{index:03d}.yaml"
        # every seventh file is vague and ownerless, every eleventh is broken YAML
        text = good.replace("      owner: ", "      x-was: ", 1).replace("      what: ", "      what: Several ", 1) \
            if index % 7 == 0 else good
        path.write_text("a: [1,\n" if index % 11 == 0 else text)
        sources.append((path, path.name))
    return sources


def test_workers_give_the_same_problems_in_the_same_order(many_files: list[batch.Source]) -> None:
    check = functools.partial(lint_document, context=LintContext())
    sequential = batch.check_files(many_files, check, jobs=1)
    parallel = batch.check_files(many_files, check, jobs=2)
    assert sequential  # the fixture really has findings
    assert {problem.rule for problem in sequential} >= {"S001", "A201", "V102"}
    assert parallel == sequential


def test_few_files_are_checked_in_process(many_files: list[batch.Source], monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process pool was started for a handful of files")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    check = functools.partial(lint_document, context=LintContext())
    assert batch.check_files(many_files[:10], check, jobs=4) == batch.check_files(many_files[:10], check, jobs=1)


def _never_called(document: Document) -> list[Problem]:
    raise AssertionError(f"{document.path} was checked although its result is cached")


def test_cold_then_warm_runs_in_workers_give_the_same_problems(many_files: list[batch.Source],
                                                                tmp_path: Path) -> None:
    check = functools.partial(lint_document, context=LintContext())
    assert len(many_files) > 100
    uncached = batch.check_files(many_files, check, jobs=1)
    cache = ResultCache(open_cache(tmp_path / "cache", tmp_path / "home"), "salt")
    cold = batch.check_files(many_files, check, jobs=2, cache=cache)
    warm = batch.check_files(many_files, _never_called, jobs=2, cache=ResultCache(cache.folder, "salt"))
    assert cold == warm == uncached  # every file stored, whether the parent or a worker checked it


def test_a_warm_run_never_checks_and_starts_no_worker(many_files: list[batch.Source], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ResultCache(open_cache(tmp_path / "cache", tmp_path / "home"), "salt")
    cold = batch.check_files(many_files, functools.partial(lint_document, context=LintContext()), jobs=2,
                             cache=cache)

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process pool was started although every result is cached")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    assert batch.check_files(many_files, _never_called, jobs=2, cache=cache) == cold
    with pytest.raises(AssertionError, match="was checked"):  # the failing check does fail on a miss
        batch.check_files(many_files, _never_called, jobs=2, cache=ResultCache(cache.folder, "other salt"))


def test_only_changed_files_are_checked_again(many_files: list[batch.Source], tmp_path: Path) -> None:
    check = functools.partial(lint_document, context=LintContext())
    cache = ResultCache(open_cache(tmp_path / "cache", tmp_path / "home"), "salt")
    batch.check_files(many_files, check, jobs=2, cache=cache)
    changed = many_files[5][0]
    changed.write_text("a: [1,\n")
    calls: list[str] = []

    def counting(document: Document) -> list[Problem]:
        calls.append(document.path)
        return check(document)

    problems = batch.check_files(many_files, counting, jobs=2, cache=cache)
    assert calls == [many_files[5][1]]
    assert problems == batch.check_files(many_files, check, jobs=1)


def test_odd_paths_are_reported_as_without_a_cache_and_never_cached(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text((REPO / "contracts" / "sales-onboarding.yaml").read_text())
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    sources = [(good, "good.yaml"), (folder, "folder.yaml"), (tmp_path / "missing.yaml", "missing.yaml"),
               (loop, "loop.yaml")]
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.yaml")
        sources.append((tmp_path / "pipe.yaml", "pipe.yaml"))
    check = functools.partial(lint_document, context=LintContext())
    cache = ResultCache(open_cache(tmp_path / "cache", tmp_path / "home"), "salt")
    uncached = batch.check_files(sources, check)
    assert batch.check_files(sources, check, cache=cache) == uncached
    assert batch.check_files(sources, check, cache=cache) == uncached
    assert {problem.path for problem in uncached if problem.rule == "S010"} == {
        shown for _, shown in sources[1:]}
    results = json.loads(Path(cache.file).read_bytes().split(b"\n", 1)[1])["results"]
    assert [shown for shown, _, _ in results.values()] == ["good.yaml"]  # only the regular file


def test_internal_errors_are_not_cached(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("agreed: 1\n")
    crash = Problem("a.yaml", 1, 1, INTERNAL_ERROR, Severity.ERROR, "internal error in rule V999")
    calls: list[str] = []

    def crashing(document: Document) -> list[Problem]:
        calls.append(document.path)
        return [crash]

    cache = ResultCache(open_cache(tmp_path / "cache", tmp_path / "home"), "salt")
    assert batch.check_files([(path, "a.yaml")], crashing, cache=cache) == [crash]
    assert batch.check_files([(path, "a.yaml")], crashing, cache=cache) == [crash]
    assert calls == ["a.yaml", "a.yaml"]
