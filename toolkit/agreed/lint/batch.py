"""Read and check many files, on several cores when there are enough files to repay starting workers.

Workers are forked after the parent has checked one file, so they inherit the compiled validator and rule
patterns instead of building them again. Where fork is unavailable, or for a handful of files, files are checked
in this process. Results keep the order of the files.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from agreed.document import Document, read_document
from agreed.problem import Problem

Check = Callable[[Document], list[Problem]]
Source = tuple[Path, str]  # the file and the name to report it under

FILES_PER_WORKER = 50  # below this many files per extra worker, forking costs more than it saves


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def check_files(sources: Sequence[Source], check: Check, jobs: int = 0) -> list[Problem]:
    """Problems of every file, in file order; ``jobs`` 0 means one worker per available core."""
    workers = min(jobs or available_cores(), len(sources) // FILES_PER_WORKER)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return _check_sources(sources, check)
    first, rest = _check_sources(sources[:1], check), sources[1:]
    chunks = [rest[index::workers] for index in range(workers)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        results = list(pool.map(_check_sources, chunks, [check] * workers))
    by_path: dict[str, list[Problem]] = {}
    for problem in (*first, *(problem for result in results for problem in result)):
        by_path.setdefault(problem.path, []).append(problem)
    return [problem for _, shown in sources for problem in by_path.pop(shown, [])]


def _check_sources(sources: Sequence[Source], check: Check) -> list[Problem]:
    return [problem for path, shown in sources for problem in check(read_document(path, shown))]
