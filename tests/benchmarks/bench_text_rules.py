"""Benchmark: the cost per statement of every text rule together, against a named baseline version of the package.

Every statement of the labelled sets in ``tests/data/*.tsv`` (the ``text`` column) is checked by
``agreed.api.check_statement``, which runs every text rule and the engine's handling of their findings, as
``agreed check-text`` does. Each version runs in a fresh interpreter: it imports the package, checks every
statement once to warm up (regexes compile on first use), then checks them all ``--repeat`` times. The table gives
the import time, the first (cold) pass and the mean per statement of the warm passes, in wall and CPU time, with the
ratio of this version to the baseline.

Run from the repository root::

    python tests/benchmarks/bench_text_rules.py                      # baseline: the commit before issue 13's work
    python tests/benchmarks/bench_text_rules.py --baseline-ref HEAD~5 --repeat 5

The baseline is ``git archive REF toolkit`` unpacked into a temporary folder and put first on the module path; the
version under test is this checkout's ``toolkit/``. Not collected by pytest (the file name does not start with
``test_``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
DEFAULT_BASELINE = "6e4c22a"  # the last commit before issue 13's work began

_PROBE = r"""
import json, sys, time
wall0, cpu0 = time.perf_counter(), time.process_time()
from agreed.api import check_statement
imported = (time.perf_counter() - wall0, time.process_time() - cpu0)
texts = json.loads(sys.stdin.read())
repeat = int(sys.argv[1])
def timed():
    wall, cpu = time.perf_counter(), time.process_time()
    findings = sum(len(check_statement(text)) for text in texts)
    return time.perf_counter() - wall, time.process_time() - cpu, findings
cold = timed()
warm = [timed() for _ in range(repeat)]
print(json.dumps({"import": imported, "cold": cold[:2], "findings": cold[2],
                  "warm_wall": sum(w[0] for w in warm) / repeat, "warm_cpu": sum(w[1] for w in warm) / repeat}))
"""


@dataclass(frozen=True)
class Timing:
    import_wall: float
    import_cpu: float
    cold_wall: float
    cold_cpu: float
    warm_wall: float
    warm_cpu: float
    findings: int


def statements() -> list[str]:
    """The ``text`` column of every labelled set (the last column of each tab-separated file)."""
    texts: list[str] = []
    for path in sorted(DATA.glob("*.tsv")):
        lines = path.read_text(encoding="utf-8").splitlines()
        texts.extend(line.rsplit("\t", 1)[-1] for line in lines[1:] if line.strip())
    return texts


def run(toolkit: Path, texts: list[str], repeat: int) -> Timing:
    """Time one version; a first run writes its bytecode so that both versions import from compiled files."""
    _measure(toolkit, texts[:1], 1)
    return _measure(toolkit, texts, repeat)


def _measure(toolkit: Path, texts: list[str], repeat: int) -> Timing:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(repeat)], input=json.dumps(texts), capture_output=True, text=True,
        check=True, env={"PYTHONPATH": str(toolkit), "PATH": "/usr/bin:/bin"},
    )
    data = json.loads(result.stdout)
    (import_wall, import_cpu), (cold_wall, cold_cpu) = data["import"], data["cold"]
    return Timing(import_wall, import_cpu, cold_wall, cold_cpu, data["warm_wall"], data["warm_cpu"], data["findings"])


def unpack(ref: str, into: Path) -> Path:
    archive = into / "baseline.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "-C", str(REPO), "archive", ref, "toolkit"], stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into / "toolkit"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0] if __doc__ else None)
    parser.add_argument("--baseline-ref", default=DEFAULT_BASELINE, help="git revision of the baseline version")
    parser.add_argument("--repeat", type=int, default=3, help="warm passes over every statement")
    args = parser.parse_args(argv)
    texts = statements()
    with tempfile.TemporaryDirectory() as folder:
        baseline = run(unpack(args.baseline_ref, Path(folder)), texts, args.repeat)
    current = run(REPO / "toolkit", texts, args.repeat)
    print(f"{len(texts)} statements from {DATA.relative_to(REPO)}/*.tsv; baseline {args.baseline_ref}; "
          f"warm = mean of {args.repeat} passes")
    print(f"{'measure':<28}{'baseline':>12}{'this tree':>12}{'ratio':>8}")
    rows = (
        ("import agreed.api, wall ms", baseline.import_wall * 1e3, current.import_wall * 1e3),
        ("import agreed.api, CPU ms", baseline.import_cpu * 1e3, current.import_cpu * 1e3),
        ("cold pass, wall ms/stmt", baseline.cold_wall / len(texts) * 1e3, current.cold_wall / len(texts) * 1e3),
        ("cold pass, CPU ms/stmt", baseline.cold_cpu / len(texts) * 1e3, current.cold_cpu / len(texts) * 1e3),
        ("warm, wall ms/stmt", baseline.warm_wall / len(texts) * 1e3, current.warm_wall / len(texts) * 1e3),
        ("warm, CPU ms/stmt", baseline.warm_cpu / len(texts) * 1e3, current.warm_cpu / len(texts) * 1e3),
        ("findings", float(baseline.findings), float(current.findings)),
    )
    for name, before, after in rows:
        print(f"{name:<28}{before:>12.3f}{after:>12.3f}{after / before if before else float('nan'):>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
