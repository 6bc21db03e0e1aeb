"""Benchmark: ``agreed site`` over N agreements, each with a history of C commits.

Generates a repository with ``git fast-import`` (one stream, no working copy churn): N copies of the shipped
``sales-onboarding`` agreement under new ids, changed together in each of C commits (every commit renames the title,
an editorial change; every third one also moves a due date, a material change), so every agreement has C versions.
Then times, as subprocesses, with the user cache in a temporary folder:

- ``git``, the baseline: ``git log --raw`` over ``contracts/`` and every version of every agreement read through one
  ``git cat-file --batch`` (the least any tool that shows every version has to do);
- ``cold``: empty output folder and empty user cache (every version parsed, every page made);
- ``warm``: the same command again, nothing changed (answered from the site's manifest);
- ``one changed``: one agreement edited and committed (its page, its people's pages and the index made again);
- ``new folder``: an empty output folder again, but the user cache of parsed versions kept.

Prints wall and CPU time (this process's children, from ``resource.getrusage``), the ratio of each wall time to
the baseline's, and how many pages each run made.

Run from the repository root::

    python tests/benchmarks/bench_site.py [--agreements 1000] [--commits 100]

The runs import agreed as ``python -m agreed`` finds it. A warm run makes pages again when the code changed between
runs (the manifest records a fingerprint of the code), so while the checkout is being edited, time a copy:
``git archive HEAD | tar -x -C /tmp/agreed-copy`` and ``PYTHONPATH=/tmp/agreed-copy/toolkit``.

Not collected by pytest (the file name does not start with ``test_``).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "contracts" / "sales-onboarding.yaml"
TODAY = "2031-06-01"
_DUE = re.compile(r"(?m)^(      due: )2031-04-30$")


def version_of(template: str, index: int, commit: int) -> bytes:
    """Agreement ``index`` as commit ``commit`` leaves it."""
    text = re.sub(r"(?m)^id: .*$", f"id: agreement-{index:04d}", template, count=1)
    text = re.sub(r"(?m)^title: .*$", f"title: Agreement {index} (revision {commit})", text, count=1)
    day = 1 + (commit // 3) % 28
    text = _DUE.sub(rf"\g<1>2031-05-{day:02d}", text, count=1)
    return text.encode("utf-8")


def generate(root: Path, agreements: int, commits: int) -> None:
    """A repository at ``root`` with ``agreements`` files in contracts/, each changed by each of ``commits``."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    template = SOURCE.read_text(encoding="utf-8")
    importer = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=root, stdin=subprocess.PIPE)
    assert importer.stdin is not None
    stream = importer.stdin
    for commit in range(commits):
        message = f"revision {commit}".encode()
        stamp = 1924992000 + commit * 86400  # 2031-01-01 onwards, a day apart
        stream.write(b"commit refs/heads/main\n")
        stream.write(f"committer Bench <bench@example.org> {stamp} +0000\n".encode())
        stream.write(b"data %d\n%s\n" % (len(message), message))
        for index in range(agreements):
            data = version_of(template, index, commit)
            stream.write(f"M 100644 inline contracts/agreement-{index:04d}.yaml\n".encode())
            stream.write(b"data %d\n%s\n" % (len(data), data))
    stream.close()
    if importer.wait() != 0:
        raise SystemExit("bench_site: git fast-import failed")
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True)


def bare_git(root: Path) -> tuple[float, float, str]:
    """Wall and CPU seconds of the baseline: every version of every agreement listed and read by git alone."""
    environment = environ_with_git(dict(os.environ))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    listing = subprocess.run(["git", "log", "--raw", "--no-abbrev", "--no-renames", "--format=", "-z", "--",
                              "contracts"], cwd=root, env=environment, check=True, capture_output=True).stdout
    fields = [field for field in listing.split(b"\0") if field]
    blobs = [meta.split()[3] for meta in fields if meta.startswith(b":")]
    requests = b"".join(blob + b"\n" for blob in blobs if blob.strip(b"0"))
    subprocess.run(["git", "cat-file", "--batch"], cwd=root, env=environment, input=requests, check=True,
                   stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, f"{len(requests) // 41:,} versions read"


def timed(root: Path, cache: Path, out: Path) -> tuple[float, float, str]:
    """Wall and CPU seconds of one ``agreed site`` run, and its summary line."""
    environment = {**os.environ, "AGREED_CACHE_DIR": str(cache)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "agreed", "site", "contracts", "-o", str(out), "--today",
                                TODAY], cwd=root, env=environ_with_git(environment), capture_output=True, text=True,
                               check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode != 0:
        raise SystemExit(f"bench_site: agreed site failed: {completed.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, completed.stdout.strip()


def environ_with_git(environment: dict[str, str]) -> dict[str, str]:
    return {**environment, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
            "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}


def change_one(root: Path) -> None:
    path = root / "contracts" / "agreement-0000.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: Changed ", 1), encoding="utf-8")
    environment = environ_with_git(dict(os.environ))
    subprocess.run(["git", "commit", "-q", "-am", "one agreement changed"], cwd=root, env=environment, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--agreements", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=100)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-site-") as folder:
        root, cache = Path(folder) / "repo", Path(folder) / "cache"
        start = time.perf_counter()
        generate(root, options.agreements, options.commits)
        print(f"{options.agreements} agreements x {options.commits} commits generated in "
              f"{time.perf_counter() - start:.1f} s", flush=True)
        base_wall, base_cpu, read = bare_git(root)
        print(f"{'git':<12} wall {base_wall:8.2f} s   cpu {base_cpu:8.2f} s   x git {1:6.1f}   {read} "
              "(git log --raw + git cat-file --batch)", flush=True)
        runs = [("cold", None), ("warm", None), ("one changed", change_one), ("new folder", None)]
        for name, prepare in runs:
            if prepare is not None:
                prepare(root)
            out = Path(folder) / ("site-new" if name == "new folder" else "site")
            wall, cpu, summary = timed(root, cache, out)
            print(f"{name:<12} wall {wall:8.2f} s   cpu {cpu:8.2f} s   x git {wall / base_wall:6.1f}   {summary}",
                  flush=True)


if __name__ == "__main__":
    main()
