"""Benchmark: ``agreed lsp`` on a large buffer (the shipped example with 3,000 deliverables added, some 340 KB and
10,000 findings), beside a named baseline: another copy of agreed's package (``--baseline DIR``, a folder holding an
``agreed`` package, e.g. a ``git archive`` of an earlier commit's ``toolkit/``), run the same way.

Both servers run over standard streams with ``--debounce 0``, as an editor starts them, in a temporary git
repository; each is sent the buffer, then one-word edits, in turn (A B A B ...) so that a change in the machine's
load falls on both alike. Measured per server: wall time from ``didOpen`` to the first diagnostics, then per edit
from ``didChange`` to its diagnostics (median and max), and the server process's CPU (user + system, from
``/proc``) over the edits, per edit; then how long a hover sent while a check runs waits.

Run from the repository root::

    git archive HEAD~1 toolkit schema contracts docs | tar -x -C /tmp/base
    python tests/benchmarks/bench_lsp_large.py --baseline /tmp/base/toolkit [--edits 5]

Not collected by pytest (the file name does not start with ``test_``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "toolkit"), str(ROOT / "tests")]

from lsp_client import Client, repository_with  # noqa: E402

DELIVERABLES = 3000
ITEM = ("    - id: d{0}\n      what: Improve the guide number {0} ASAP, etc.\n      owner: maria\n"
        "      due: 2031-03-31\n")


def _large(text: str) -> str:
    return text.replace("  deliverables:\n", "  deliverables:\n" + "".join(map(ITEM.format, range(DELIVERABLES))), 1)


def _cpu_ms(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


class Run:
    def __init__(self, name: str, folder: Path, toolkit: Path) -> None:
        self.name = name
        server = ("env", f"PYTHONPATH={toolkit}", sys.executable, "-m", "agreed", "lsp", "--debounce", "0")
        self.client = Client(folder, server=server)
        self.client.initialize()
        self.opened = 0.0
        self.edits: list[float] = []
        self.cpu = 0.0
        self.hover = 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, required=True, help="a folder holding the baseline's agreed package")
    parser.add_argument("--edits", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = repository_with(Path(temporary), "sales-onboarding.yaml")
        file = folder / "contracts" / "sales-onboarding.yaml"
        text = _large(file.read_text(encoding="utf-8"))
        runs = [Run("server", folder, ROOT / "toolkit"), Run("baseline", folder, arguments.baseline.resolve())]
        try:
            for run in runs:
                started = time.perf_counter()
                run.client.open(file, text)
                run.client.next_diagnostics(file.as_uri(), timeout=600)
                run.opened = time.perf_counter() - started
            cpu = [_cpu_ms(run.client.process.pid) for run in runs]
            for version in range(2, arguments.edits + 2):
                edited = text.replace(f"number {version} ASAP", f"number {version} soon", 1)
                for run in runs:
                    started = time.perf_counter()
                    run.client.change(file.as_uri(), edited, version)
                    run.client.next_diagnostics(file.as_uri(), version=version, timeout=600)
                    run.edits.append(time.perf_counter() - started)
            for run, before in zip(runs, cpu, strict=True):
                run.cpu = (_cpu_ms(run.client.process.pid) - before) / arguments.edits / 1000
            line = text.split("\n").index("status: active")
            for run in runs:
                run.client.change(file.as_uri(), text, 100)
                time.sleep(0.05)  # the check has started
                started = time.perf_counter()
                run.client.request("textDocument/hover", run.client.at(file.as_uri(), line, 2))
                run.hover = time.perf_counter() - started
                run.client.next_diagnostics(file.as_uri(), version=100, timeout=600)
        finally:
            for run in runs:
                run.client.close()
    print(f"{len(text) // 1024} KB, {DELIVERABLES} deliverables added; {arguments.edits} edits")
    for run in runs:
        print(f"{run.name:<9} first check {run.opened:6.2f} s wall   edit: median {statistics.median(run.edits):6.2f} s"
              f" max {max(run.edits):6.2f} s wall, {run.cpu:6.2f} s CPU   hover during a check {run.hover:5.2f} s")
    server, baseline = runs
    print(f"ratio     first check {server.opened / baseline.opened:6.2f}   edit wall "
          f"{statistics.median(server.edits) / statistics.median(baseline.edits):6.2f}   edit CPU "
          f"{server.cpu / baseline.cpu:6.2f}")


if __name__ == "__main__":
    main()
