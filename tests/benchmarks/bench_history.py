"""Benchmark: ``agreed history`` against bare git (``git log --follow`` plus reading every blob), cold and warm.

Builds, in a temporary folder and in about a second with ``git fast-import``, a repository where one agreement (the
shipped contracts/sales-onboarding.yaml) has ``--versions`` versions: each commit moves the outcome deadline, a
target or the wording of the title, and halfway the file is renamed. Then times, as subprocesses, with the median
of ``--repeat`` runs each:

- ``git``: ``git log --follow --name-only --format=%H -- FILE`` and every one of those versions read through one
  ``git cat-file --batch`` (the least any history tool has to do);
- ``agreed cold``: ``agreed history FILE`` with its cache of parsed versions deleted first (every version parsed
  and diffed);
- ``agreed warm``: the same again, parsed versions answered from the cache (the diffs are still computed);

and prints each time with its ratio to ``git``. Run from the repository root::

    python tests/benchmarks/bench_history.py [--versions 1000] [--repeat 3] [--keep DIR]

Not collected by pytest (the file name does not start with ``test_``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "contracts" / "sales-onboarding.yaml"
OLD_PATH = "contracts/sales-onboarding.yaml"
NEW_PATH = "contracts/enterprise-onboarding.yaml"
ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}

AGREED = "import sys\nfrom agreed.cli import main\nmain(['history', *sys.argv[1:]], prog_name='agreed')\n"


def _version_text(template: str, number: int) -> str:
    """The template with version ``number``'s deadline, target and title: each commit changes one or two."""
    deadline_shift = number // 3  # every third commit slips the deadline by a day
    day = 1 + deadline_shift % 28
    month = 1 + (deadline_shift // 28) % 12
    text = template.replace("  deadline: 2032-06-30", f"  deadline: 2033-{month:02d}-{day:02d}", 1)
    text = text.replace("      target: 30\n", f"      target: {30 + number % 7}\n", 1)
    return text.replace("title: ", f"title: (rev {number // 2}) ", 1)


def _fast_import_stream(template: str, versions: int) -> bytes:
    chunks: list[bytes] = []
    for number in range(versions):
        data = _version_text(template, number).encode("utf-8")
        path = OLD_PATH if number < versions // 2 else NEW_PATH
        message = f"Renegotiate, round {number}".encode()
        stamp = 1_900_000_000 + number * 3600
        chunks.append(b"commit refs/heads/main\n")
        chunks.append(f"mark :{number + 1}\n".encode())
        chunks.append(f"author Maria Chen <maria@example.org> {stamp} +0000\n".encode())
        chunks.append(f"committer Maria Chen <maria@example.org> {stamp} +0000\n".encode())
        chunks.append(f"data {len(message)}\n".encode() + message + b"\n")
        if number:
            chunks.append(f"from :{number}\n".encode())
        if number == versions // 2:
            chunks.append(f"R {OLD_PATH} {NEW_PATH}\n".encode())
        chunks.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
    return b"".join(chunks) + b"done\n"


def build(root: Path, versions: int) -> float:
    """Create the repository at ``root``; returns the seconds it took."""
    started = time.perf_counter()
    root.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, env=ENV, check=True)
    stream = _fast_import_stream(TEMPLATE.read_text(encoding="utf-8"), versions)
    subprocess.run(["git", "fast-import", "--quiet", "--done"], cwd=root, env=ENV, input=stream, check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=root, env=ENV, check=True)
    return time.perf_counter() - started


def bare_git(root: Path) -> int:
    """What bare git does: list the versions following renames, then read every one of them."""
    listing = subprocess.run(["git", "log", "--follow", "-z", "--name-only", "--format=%H", "--", NEW_PATH],
                             cwd=root, env=ENV, check=True, capture_output=True).stdout
    tokens = [token.strip() for token in listing.split(b"\0") if token.strip()]
    requests = b"".join(sha.split(b"\n")[0] + b":" + path + b"\n"
                        for sha, path in zip(tokens[0::2], tokens[1::2], strict=False))
    read = subprocess.run(["git", "cat-file", "--batch"], cwd=root, env=ENV, input=requests, check=True,
                          capture_output=True).stdout
    return len(read)


def agreed_history(root: Path) -> int:
    completed = subprocess.run([sys.executable, "-c", AGREED, NEW_PATH], cwd=root, env=ENV, check=True,
                               capture_output=True)
    return len(completed.stdout)


def median_time(action: Callable[[], object], repeat: int, before: Callable[[], object] | None = None) -> float:
    times: list[float] = []
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--versions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=None, help="build the repository here and keep it")
    arguments = parser.parse_args()
    workspace = Path(tempfile.mkdtemp(prefix="bench-history-"))
    root = arguments.keep if arguments.keep is not None else workspace / "repo"
    try:
        seconds = build(root, arguments.versions)
        print(f"built {arguments.versions} versions (renamed at {arguments.versions // 2}) in {seconds:.2f} s "
              f"with git fast-import")
        cache = workspace / "user-cache"  # the benchmark's own user cache folder: the real one is left alone
        ENV["AGREED_CACHE_DIR"] = str(cache)
        lines = agreed_history(root)  # warm-up (imports into the OS cache), and a check that it runs
        git_time = median_time(lambda: bare_git(root), arguments.repeat)
        cold = median_time(lambda: agreed_history(root), arguments.repeat,
                           before=lambda: shutil.rmtree(cache, ignore_errors=True))
        warm = median_time(lambda: agreed_history(root), arguments.repeat)
        print(f"agreed history output: {lines:,} bytes; median of {arguments.repeat} runs each")
        print(f"{'command':<48} {'seconds':>8} {'x git':>7}")
        for name, value in (("git log --follow + git cat-file --batch", git_time),
                            ("agreed history (cold: cache deleted)", cold),
                            ("agreed history (warm: parsed versions cached)", warm)):
            print(f"{name:<48} {value:>8.3f} {value / git_time:>7.1f}")
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    main()
