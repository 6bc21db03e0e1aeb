"""Benchmark: ``agreed history`` against its floor (git listing and reading every version, and ruamel.yaml's C parser
reading each one), cold and warm, in wall and CPU time; optionally beside a baseline version of the package.

Builds, in a temporary folder and in about a second with ``git fast-import`` (tests/generated_history.py), a
repository where one agreement (the shipped contracts/sales-onboarding.yaml) has ``--versions`` versions: each commit
moves the outcome deadline, a target or the wording of the title, and halfway the file is renamed. Then times, as
fresh processes, round-robin, with the median of ``--repeat`` runs each:

- ``floor``: one Python process that runs ``git log --follow --name-only --format=%H -- FILE``, reads every one of
  those versions through one ``git cat-file --batch`` and drains ruamel.yaml's C event stream for each
  (``agreed.yaml_io.events(text, pure=False)``): the least any history tool that reads YAML has to do;
- ``agreed cold``: ``agreed history FILE`` with its cache deleted first (every version parsed and compared);
- ``agreed warm``: the same again, the versions' data and comparisons answered from the cache;
- with ``--baseline DIR`` (a ``toolkit`` folder, e.g. from ``git archive REV toolkit``), the same two for that
  version of the package, its output checked to be byte for byte the same.

CPU time is the user and system time of the process and everything it waited for (git, forked workers), from
``resource.getrusage(RUSAGE_CHILDREN)``: on a shared machine it is steadier than wall time. Run from the repository
root::

    python tests/benchmarks/bench_history.py [--versions 1000] [--repeat 3] [--baseline DIR] [--keep DIR]

Not collected by pytest (the file name does not start with ``test_``).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for the shared generator

from generated_history import ENV, NEW_PATH, build_history

AGREED = "import sys\nfrom agreed.cli import main\nmain(['history', *sys.argv[1:]], prog_name='agreed')\n"

FLOOR = """\
import subprocess, sys
from agreed import yaml_io
path = sys.argv[1]
listing = subprocess.run(["git", "log", "--follow", "-z", "--name-only", "--format=%H", "--", path],
                         check=True, capture_output=True).stdout
tokens = [token.strip() for token in listing.split(b"\\0") if token.strip()]
requests = b"".join(sha.split(b"\\n")[0] + b":" + name + b"\\n" for sha, name in zip(tokens[0::2], tokens[1::2]))
read = subprocess.run(["git", "cat-file", "--batch"], input=requests, check=True, capture_output=True).stdout
at = versions = 0
while at < len(read):
    header_end = read.index(b"\\n", at)
    size = int(read[at:header_end].split()[2])
    text = read[header_end + 1 : header_end + 1 + size].decode("utf-8")
    for _ in yaml_io.events(text, pure=False):
        pass
    versions += 1
    at = header_end + 1 + size + 1
print(versions)
"""


@dataclass
class Timings:
    """Wall and CPU seconds of each run of one command."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    output: bytes = b""

    @property
    def median_wall(self) -> float:
        return statistics.median(self.wall)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(timings: Timings, command: list[str], root: Path, env: dict[str, str]) -> None:
    started, cpu = time.perf_counter(), _children_cpu()
    completed = subprocess.run(command, cwd=root, env=env, check=True, capture_output=True)
    timings.wall.append(time.perf_counter() - started)
    timings.cpu.append(_children_cpu() - cpu)
    timings.output = completed.stdout


def _environment(pythonpath: Path | None, cache: Path) -> dict[str, str]:
    env = {**ENV, "AGREED_CACHE_DIR": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # every run would compile the package again
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--versions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", type=Path, default=None, help="a toolkit folder of another version to time")
    parser.add_argument("--keep", type=Path, default=None, help="build the repository here and keep it")
    arguments = parser.parse_args()
    workspace = Path(tempfile.mkdtemp(prefix="bench-history-"))
    root = arguments.keep if arguments.keep is not None else workspace / "repo"
    try:
        started = time.perf_counter()
        build_history(root, arguments.versions)
        print(f"built {arguments.versions} versions (renamed at {arguments.versions // 2}) in "
              f"{time.perf_counter() - started:.2f} s with git fast-import")
        versions: list[tuple[str, Path | None]] = [("this tree", None)]
        if arguments.baseline is not None:
            versions.append(("baseline", arguments.baseline.resolve()))
        floor = Timings()
        runs: list[tuple[Timings, Callable[[], None]]] = [
            (floor, lambda: timed(floor, [sys.executable, "-c", FLOOR, NEW_PATH], root, _environment(None, workspace)))]
        results: dict[str, tuple[Timings, Timings]] = {}
        for name, pythonpath in versions:
            cache = workspace / f"cache-{len(results)}"  # a user cache folder of its own: the real one is left alone
            env = _environment(pythonpath, cache)
            cold, warm = Timings(), Timings()
            results[name] = (cold, warm)
            command = [sys.executable, "-c", AGREED, NEW_PATH]

            def run_cold(cold: Timings = cold, cache: Path = cache, env: dict[str, str] = env,
                         command: list[str] = command) -> None:
                shutil.rmtree(cache, ignore_errors=True)
                timed(cold, command, root, env)

            def run_warm(warm: Timings = warm, env: dict[str, str] = env, command: list[str] = command) -> None:
                timed(warm, command, root, env)

            runs += [(cold, run_cold), (warm, run_warm)]
        for _ in range(arguments.repeat + 1):  # the first round warms the OS caches and compiles bytecode: not counted
            for _timings, run in runs:
                run()
        for timings, _run in runs:
            timings.wall.pop(0)
            timings.cpu.pop(0)
        if len(results) > 1 and results["this tree"][0].output != results["baseline"][0].output:
            print("warning: the baseline's output differs from this tree's")
        print(f"floor: {floor.output.decode().strip()} versions read; agreed history output "
              f"{len(results['this tree'][0].output):,} bytes; median of {arguments.repeat} runs each")
        print(f"{'command':<44} {'wall s':>7} {'CPU s':>7} {'wall/floor':>10} {'CPU/floor':>9}")
        rows = [("floor: git + ruamel C events", floor)]
        for name, (cold, warm) in results.items():
            rows += [(f"agreed history, {name}, cold", cold), (f"agreed history, {name}, warm", warm)]
        for label, timings in rows:
            print(f"{label:<44} {timings.median_wall:>7.3f} {timings.median_cpu:>7.3f} "
                  f"{timings.median_wall / floor.median_wall:>10.2f} {timings.median_cpu / floor.median_cpu:>9.2f}")
        if "baseline" in results:
            for kind, index in (("cold", 0), ("warm", 1)):
                mine, theirs = results["this tree"][index], results["baseline"][index]
                print(f"this tree / baseline, {kind}: wall {mine.median_wall / theirs.median_wall:.2f}, "
                      f"CPU {mine.median_cpu / theirs.median_cpu:.2f}")
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    main()
