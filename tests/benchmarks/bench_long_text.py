"""Benchmark: ``agreed lint`` on one agreement whose milestone holds a very long statement (2 MB by default).

Each variant repeats one piece of prose until the file holds about ``--size`` bytes: realistic sentences full
of comparatives, one comparative word after another with no sentence break, bullets, and a text without any term.
The agreement is ``contracts/sales-onboarding.yaml`` with its first milestone's ``what`` replaced. Each variant is
linted once as a fresh process (``--no-cache``, a fixed ``--today``); the table shows the wall time, the number
of findings and the bytes of output.

Run from the repository root::

    python tests/benchmarks/bench_long_text.py [--size 2000000] [--agreed PATH] [--variants sentences,words]

``--pythonpath DIR`` runs ``python -m agreed`` with ``DIR`` first on the module path instead, to time another
version of the package (for example ``git archive HEAD~3 toolkit | tar -x -C /tmp/old`` and ``--pythonpath
/tmp/old/toolkit``). Not collected by pytest (the file name does not start with ``test_``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "contracts" / "sales-onboarding.yaml"
MILESTONE = "      what: Draft scoping checklist with 15 questions sent to Maria for review\n"
VARIANTS = {
    "sentences": "Reduce churn and improve onboarding with faster releases. ",
    "words": "more x ",
    "lines": "better\n",
    "bullets": "- Deliver faster releases than before; grow the pipeline.\n",
    "plain": "Send the signed report to Maria by 2031-03-31. ",
}


@dataclass(frozen=True)
class Timing:
    variant: str
    seconds: float
    findings: int
    output_bytes: int
    exit_code: int


def write_agreement(folder: Path, unit: str, size: int) -> Path:
    source = SOURCE.read_text(encoding="utf-8")
    if MILESTONE not in source:
        raise SystemExit(f"bench_long_text: {SOURCE} no longer has the milestone this benchmark replaces")
    indent = 8 if "\n" in unit else 0  # each line of a block scalar is indented: keep the file near ``size`` bytes
    statement = (unit * (size // (len(unit) + indent) + 1))[: size * len(unit) // (len(unit) + indent)]
    folded = "      what: >-\n" + "".join(f"        {line}\n" for line in statement.splitlines())
    target = folder / "contracts" / "long.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source.replace(MILESTONE, folded if "\n" in unit else f"      what: {statement}\n"),
                      encoding="utf-8")
    return target


def command(args: argparse.Namespace) -> list[str]:
    if args.pythonpath:
        return [sys.executable, "-m", "agreed"]
    found = args.agreed or shutil.which("agreed", path=str(Path(sys.executable).parent)) or shutil.which("agreed")
    if found is None:
        raise SystemExit("bench_long_text: no agreed executable; pass --agreed PATH")
    return [found]


def run(args: argparse.Namespace, variant: str, folder: Path) -> Timing:
    target = write_agreement(folder, VARIANTS[variant], args.size)
    environment = dict(os.environ)
    if args.pythonpath:
        environment["PYTHONPATH"] = args.pythonpath
    started = time.perf_counter()
    done = subprocess.run([*command(args), "lint", "--no-cache", "--isolated", "--today", "2031-06-01",
                           str(target.relative_to(folder))], cwd=folder, env=environment, capture_output=True,
                          check=False)
    seconds = time.perf_counter() - started
    findings = sum(1 for line in done.stdout.splitlines() if line.startswith(b"contracts/"))
    return Timing(variant, seconds, findings, len(done.stdout), done.returncode)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--size", type=int, default=2_000_000, help="characters of the long statement")
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated: " + ", ".join(VARIANTS))
    parser.add_argument("--agreed", help="the agreed executable to time")
    parser.add_argument("--pythonpath", help="run python -m agreed with this folder first on the module path")
    args = parser.parse_args()
    print(f"{'variant':<10} {'seconds':>8} {'findings':>9} {'output B':>10} exit")
    with tempfile.TemporaryDirectory() as temporary:
        for variant in args.variants.split(","):
            timing = run(args, variant, Path(temporary))
            print(f"{timing.variant:<10} {timing.seconds:8.2f} {timing.findings:9,} "
                  f"{timing.output_bytes:10,} {timing.exit_code}")


if __name__ == "__main__":
    main()
