"""Benchmark: how long ``agreed lsp`` takes to check a 15 KB agreement again after an edit (target: 50 ms or less),
beside a named baseline: the same server without the memo of the text rules' findings (``BufferChecker(reuse=False)``,
which reads every value at every check, as the server did before the memo and as ``agreed lint`` does).

The agreement is ``contracts/sales-onboarding.yaml`` (15 KB), copied into a temporary git repository beside the other
shipped agreements, so the cross-file rules read them as they would in an editor. Each edit changes one word of a
deliverable, as typing does. Two measures, each for the server and for the baseline, taken in turn edit by edit so
that a change in the machine's load falls on both alike:

* the check itself, as the server runs it after the debounce (:class:`agreed.lsp.checking.BufferChecker`, in
  process): wall (``time.perf_counter``) and CPU (``time.process_time``) of each check, after a warm-up;
* end to end over standard streams: from sending ``didChange`` to the real server process (started with
  ``--debounce 0``, so no timer is in the figure) until its diagnostics arrive, wall per edit; and the server
  process's CPU over all the edits (user + system, from ``/proc``, at the kernel's tick), per edit.

Each line gives the median, 95th percentile and maximum; the ratio lines divide the server's by the baseline's.

Run from the repository root::

    python tests/benchmarks/bench_lsp.py [--edits 200] [--stdio-edits 60]

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
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "toolkit"), str(ROOT / "tests")]

from agreed.lsp.checking import BufferChecker  # noqa: E402
from lsp_client import SERVER, Client  # noqa: E402

AGREEMENT = "sales-onboarding.yaml"
WORD = "playbook"
WARM_UP = 10
SERVERS = ((*SERVER, "--debounce", "0"),
           (sys.executable, "-c", "from agreed.lsp.checking import BufferChecker; from agreed.lsp.server import "
            "build_server; build_server(BufferChecker(reuse=False), debounce=0).start_io()"))
"""The server as an editor starts it, and the baseline: the same server whose checker keeps nothing between checks."""


class Times:
    """Wall and CPU milliseconds of each edit."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []


def _repository(folder: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    shutil.copytree(ROOT / "contracts", folder / "contracts")
    return folder / "contracts" / AGREEMENT


def _edits(text: str, count: int) -> list[str]:
    assert WORD in text, f"the benchmark edits the word {WORD!r}, which {AGREEMENT} no longer holds"
    return [text.replace(WORD, f"{WORD}{index % 7}", 1) for index in range(count)]


def _in_process(file: Path, edits: list[str]) -> tuple[Times, Times]:
    """The server's checker and the baseline's, each checking every edit, in turn."""
    checkers = BufferChecker(), BufferChecker(reuse=False)
    for text in edits[:WARM_UP]:  # rules compiled, configuration and other agreements read once
        for checker in checkers:
            checker.check(file, text)
    measured = Times(), Times()
    for text in edits:
        for checker, times in zip(checkers, measured, strict=True):
            wall, cpu = time.perf_counter(), time.process_time()
            checker.check(file, text)
            times.cpu.append((time.process_time() - cpu) * 1000)
            times.wall.append((time.perf_counter() - wall) * 1000)
    return measured


def _cpu_ms(pid: int) -> float | None:
    """User + system milliseconds the process has run, or None where ``/proc`` cannot tell."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def _over_stdio(folder: Path, file: Path, edits: list[str]) -> tuple[Times, Times]:
    """The server process and the baseline's, each sent every edit, in turn; CPU is each process's mean per edit."""
    clients = [Client(folder, server=server) for server in SERVERS]
    measured = Times(), Times()
    try:
        uris = []
        for client in clients:
            client.initialize()
            uris.append(client.open(file, file.read_text(encoding="utf-8")))
            client.next_diagnostics(uris[-1])
        started: list[float | None] = []
        for version, text in enumerate(edits, start=2):
            if version == WARM_UP + 2:
                started = [_cpu_ms(client.process.pid) for client in clients]
            for client, uri, times in zip(clients, uris, measured, strict=True):
                wall = time.perf_counter()
                client.change(uri, text, version)
                client.next_diagnostics(uri)
                if version >= WARM_UP + 2:
                    times.wall.append((time.perf_counter() - wall) * 1000)
        for client, before, times in zip(clients, started, measured, strict=True):
            after = _cpu_ms(client.process.pid)
            if before is not None and after is not None:
                times.cpu.append((after - before) / len(times.wall))
            client.shutdown()
    finally:
        for client in clients:
            client.close()
    return measured


def _p95(times: Sequence[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


FIGURES: tuple[tuple[str, Callable[[Sequence[float]], float]], ...] = (
    ("median", statistics.median), ("p95", _p95), ("max", max))


def _line(what: str, times: Sequence[float]) -> str:
    if not times:
        return f"{what:<44} (not measured here)"
    figures = "   ".join(f"{name} {figure(times):6.1f} ms" for name, figure in FIGURES)
    return f"{what:<44} {figures}   ({len(times)} edits)"


def _ratio(what: str, server: Sequence[float], baseline: Sequence[float]) -> str:
    if not server or not baseline:
        return f"{what:<44} (not measured here)"
    figures = "   ".join(f"{name} {figure(server) / figure(baseline):5.2f}x  " for name, figure in FIGURES)
    return f"{what:<44} {figures}"


def _mean_cpu(server: Sequence[float], baseline: Sequence[float]) -> list[str]:
    """The processes' CPU per edit (one mean each: the kernel counts it in ticks, too coarse for one edit)."""
    if not server or not baseline:
        return [f"{'  CPU per edit, mean':<44} (not measured here: no /proc)"]
    return [f"{'  server (memo)          CPU per edit, mean':<44} {server[0]:6.1f} ms",
            f"{'  baseline (no memo)     CPU per edit, mean':<44} {baseline[0]:6.1f} ms",
            f"{'  server / baseline      CPU per edit, mean':<44} {server[0] / baseline[0]:5.2f}x"]


def _report(where: str, server: Times, baseline: Times, cpu_per_edit: bool = False) -> list[str]:
    cpu = (_mean_cpu(server.cpu, baseline.cpu) if cpu_per_edit
           else [_line("  server (memo)          CPU", server.cpu), _line("  baseline (no memo)     CPU", baseline.cpu),
                 _ratio("  server / baseline      CPU", server.cpu, baseline.cpu)])
    return [f"{where}:",
            _line("  server (memo)          wall", server.wall),
            _line("  baseline (no memo)     wall", baseline.wall),
            _ratio("  server / baseline      wall", server.wall, baseline.wall),
            *cpu]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=200, help="edits checked in process (after a warm-up)")
    parser.add_argument("--stdio-edits", type=int, default=60, help="edits sent over standard streams")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        file = _repository(Path(temporary))
        text = file.read_text(encoding="utf-8")
        print(f"{AGREEMENT}: {len(text.encode('utf-8')):,} bytes; target: 50 ms a check at the 95th percentile; "
              f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
        in_process = _in_process(file, _edits(text, arguments.edits))
        print("\n".join(_report("check after an edit, in process", *in_process)))
        over_stdio = _over_stdio(Path(temporary), file, _edits(text, arguments.stdio_edits + WARM_UP))
        print("\n".join(_report("didChange -> diagnostics over stdio (--debounce 0)", *over_stdio,
                                cpu_per_edit=True)))


if __name__ == "__main__":
    main()
