"""Benchmark: how long ``agreed lsp`` takes to check a 15 KB agreement again after an edit (target: 50 ms or less).

The agreement is ``contracts/sales-onboarding.yaml`` (15 KB), copied into a temporary git repository beside the other
shipped agreements, so the cross-file rules read them as they would in an editor. Each edit changes one word of a
deliverable, so the prose is read again (nothing is served from a cache). Two figures:

* the check itself, as the server runs it after the debounce (:class:`agreed.lsp.checking.BufferChecker`, in
  process): median and 95th percentile over ``--edits`` edits, after a warm-up;
* end to end over standard streams: from sending ``didChange`` to the real server process until its diagnostics
  arrive, less the debounce (``agreed.lsp.server.DEBOUNCE``); this adds the protocol's encoding and the pipe.

Run from the repository root::

    python tests/benchmarks/bench_lsp.py [--edits 200]

Not collected by pytest (the file name does not start with ``test_``).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "toolkit"), str(ROOT / "tests")]

from agreed.lsp.checking import BufferChecker  # noqa: E402
from agreed.lsp.server import DEBOUNCE  # noqa: E402
from lsp_client import Client  # noqa: E402

AGREEMENT = "sales-onboarding.yaml"
WORD = "playbook"


def _repository(folder: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    shutil.copytree(ROOT / "contracts", folder / "contracts")
    return folder / "contracts" / AGREEMENT


def _edits(text: str, count: int) -> list[str]:
    assert WORD in text, f"the benchmark edits the word {WORD!r}, which {AGREEMENT} no longer holds"
    return [text.replace(WORD, f"{WORD}{index % 7}", 1) for index in range(count)]


def _in_process(file: Path, edits: list[str]) -> list[float]:
    checker = BufferChecker()
    for text in edits[:10]:  # warm-up: rules compiled, configuration and other agreements read once
        checker.check(file, text)
    times = []
    for text in edits:
        start = time.perf_counter()
        checker.check(file, text)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _over_stdio(folder: Path, file: Path, edits: list[str]) -> list[float]:
    client = Client(folder)
    try:
        client.initialize()
        uri = client.open(file, file.read_text(encoding="utf-8"))
        client.next_diagnostics(uri)
        times = []
        for version, text in enumerate(edits, start=2):
            start = time.perf_counter()
            client.change(uri, text, version)
            client.next_diagnostics(uri)
            times.append((time.perf_counter() - start - DEBOUNCE) * 1000)
        client.shutdown()
    finally:
        client.close()
    return times[10:]


def _line(what: str, times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"{what:<40} median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms   ({len(times)} edits)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=200)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        file = _repository(Path(temporary))
        text = file.read_text(encoding="utf-8")
        edits = _edits(text, arguments.edits)
        print(f"{AGREEMENT}: {len(text.encode('utf-8')):,} bytes; target: 50 ms a check")
        print(_line("check after an edit (in process)", _in_process(file, edits)))
        print(_line("didChange -> diagnostics, less debounce", _over_stdio(Path(temporary), file, edits[:60])))


if __name__ == "__main__":
    main()
