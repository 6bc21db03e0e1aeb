"""Read and check many files, on several cores when there are enough files to repay starting workers.

Workers are forked after the parent has checked one file, so they inherit the compiled validator and rule
patterns instead of building them again. Where fork is unavailable, or for a handful of files, files are checked
in this process. Results keep the order of the files.

With a :class:`~agreed.lint.cache_codec.ResultCache`, the parent first reads every regular file once, hashes it and
looks it up; only the misses are loaded and checked (in workers when there are enough of them), and the parent
stores their results (the caller saves the cache: :func:`check_files` does).
A fully cached run therefore starts no worker and never calls the check, so it never loads the YAML parser, the
schema validator or the rules. Paths that are not regular readable files (folders, pipes, missing files, link
loops) are handed to :func:`~agreed.document.read_document` as without a cache, and never cached.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from agreed.compose import DEFAULT_LIMITS
from agreed.document import Document, load_document, read_document
from agreed.lint.context import AgreementSummary
from agreed.problem import Problem
from agreed.reading import Unreadable, read_file
from agreed.record import Record

if TYPE_CHECKING:
    from agreed.lint.cache_codec import ResultCache

Check = Callable[[Document], list[Problem]]
Summarise = Callable[[Document], AgreementSummary | None]
Source = tuple[Path, str]  # the file and the name to report it under
Work = tuple[Path, str, bytes | None]  # a source and its bytes, when they were read for the cache

Item = TypeVar("Item")
Outcome = TypeVar("Outcome")

FILES_PER_WORKER = 50  # below this many files per extra worker, forking costs more than it saves


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


class Checked(Record):
    """The problems of every file in file order, and the summary of each agreement (for cross-file rules)."""

    problems: list[Problem]
    summaries: list[AgreementSummary]


Result = tuple[list[Problem], AgreementSummary | None]


def check_files(sources: Sequence[Source], check: Check, jobs: int = 0,
                cache: ResultCache | None = None) -> list[Problem]:
    """Problems of every file, in file order; ``jobs`` 0 means one worker per available core. The cache, when given,
    is saved."""
    problems = check_agreements(sources, lambda: check, jobs, cache).problems
    if cache is not None:
        cache.save()
    return problems


def check_agreements(sources: Sequence[Source], check: Callable[[], Check], jobs: int = 0,
                     cache: ResultCache | None = None, summarise: Summarise | None = None) -> Checked:
    """Problems of every file and, with ``summarise``, a summary of each loaded agreement; the results of the files
    checked are stored in ``cache`` (not saved). ``check`` makes the check, once, and only when a file is not in the
    cache: so a fully cached run never builds it (nor imports the rules it is made of)."""
    if cache is None:
        return _checked(_check_many([(path, shown, None) for path, shown in sources], check(), summarise, jobs))
    found: list[Result | None] = []
    misses: list[tuple[int, Work]] = []
    for index, (path, shown) in enumerate(sources):
        raw = _read_regular_file(path)
        cached = cache.lookup_result(shown, raw) if raw is not None else None
        found.append(cached)
        if cached is None:
            misses.append((index, (path, shown, raw)))
    results = _check_many([work for _, work in misses], check(), summarise, jobs) if misses else []
    for (index, (_, shown, raw)), result in zip(misses, results, strict=True):
        found[index] = result
        if raw is not None:
            cache.store(shown, raw, *result)
    return _checked([result for result in found if result is not None])


def _checked(results: Sequence[Result]) -> Checked:
    return Checked([problem for problems, _ in results for problem in problems],
                   [summary for _, summary in results if summary is not None])


def map_forked(function: Callable[[Item], Outcome], items: Sequence[Item], per_worker: int,
               jobs: int = 0) -> list[Outcome]:
    """``function`` over ``items``, in order: in forked workers (``jobs``; 0 means one per core) when there are at
    least ``per_worker`` items for each, else in this process. The first item is done here before forking, so the
    workers inherit what it built (the compiled validator, rule patterns) instead of building it again."""
    workers = min(jobs or available_cores(), len(items) // per_worker)
    if workers < 2:
        return [function(item) for item in items]
    import multiprocessing  # here, not at the top: a run that needs no worker does not pay for the import

    if "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    from concurrent.futures import ProcessPoolExecutor

    first, rest = function(items[0]), items[1:]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return [first, *pool.map(function, rest, chunksize=max(1, len(rest) // (workers * 4)))]


def _check_many(work: Sequence[Work], check: Check, summarise: Summarise | None, jobs: int) -> list[Result]:
    """The result of each item of ``work``, in order; in forked workers when there are enough items."""
    return map_forked(functools.partial(_check_one, check=check, summarise=summarise), work, FILES_PER_WORKER, jobs)


def _check_one(work: Work, *, check: Check, summarise: Summarise | None) -> Result:
    path, shown, raw = work
    document = read_document(path, shown) if raw is None else load_document(raw, shown)
    return check(document), summarise(document) if summarise is not None else None


def _read_regular_file(path: Path) -> bytes | None:
    """The bytes of a regular file within the size limit, else None (read_document then says what is wrong)."""
    raw = read_file(path, DEFAULT_LIMITS.max_bytes)
    return None if isinstance(raw, Unreadable) else raw
