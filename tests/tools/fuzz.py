"""Fuzz agreed with generated and mutated agreements: the checks of tests/test_properties.py, many more times.

    python tests/tools/fuzz.py --documents 100000                 # through the library
    python tests/tools/fuzz.py --cli --documents 2000             # through the command line (CliRunner)
    python tests/tools/fuzz.py --documents 500 --seed 7 --out /tmp/fuzz-out

Each document is a shipped agreement mutated as tests/strategies.py does (structure, writing style, bytes). The
script prints how many documents ended in each outcome and every distinct failure (the broken property, the
exception type and where it was raised), and writes one minimized reproducer per distinct failure to ``--out``.
It is named without a ``test_`` prefix so pytest never collects it.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(TESTS), str(TESTS.parent / "toolkit")]

from agreed.document import load_document  # noqa: E402
from property_checks import (  # noqa: E402 - the tests folder must be on the path first
    Failure,
    cli_failures,
    library_failures,
    pair_verdict,
    reformat_failures,
    rewrites,
)
from strategies import Case, generate_case, generate_pair  # noqa: E402

Check = Callable[[bytes, bytes], list[Failure]]
REFORMAT_SHARE = 0.3  # share of documents also re-written to check the digest survives (ruamel.yaml is slow)
MINIMIZE_BUDGET = 300  # checks spent shrinking one reproducer


@dataclass
class Finding:
    """A distinct failure: the first example found, how often it recurred, and its minimized bytes."""

    failure: Failure
    count: int
    raw: bytes
    seed: bytes
    label: str


def outcome(raw: bytes) -> str:
    """What the document is, for the counts: loads clean, or the code of its first load problem."""
    document = load_document(raw, "case.yaml")
    if document.problems:
        return f"load problem {document.problems[0].rule}"
    return "loaded"


def check_case(case: Case, rng: random.Random, with_cli: Path | None,
               counts: collections.Counter[str] | None = None) -> list[Failure]:
    failures = library_failures(case.raw, case.seed)
    escaped = any(failure.prop == "no-exception" for failure in failures)
    if counts is not None and not escaped:
        counts[pair_verdict(case.seed, case.raw)] += 1
    if rng.random() < REFORMAT_SHARE and not escaped:
        rewritten = rewrites(case.raw, rng)
        failures += reformat_failures(case.raw, rewritten)
        if counts is not None:
            counts["rewritings checked (file had a digest)" if rewritten and _has_digest(case.raw)
                   else "rewriting skipped (no digest)"] += 1
    if with_cli is not None:
        failures += cli_failures(with_cli, case.raw, case.seed)
    return failures


def _has_digest(raw: bytes) -> bool:
    return pair_verdict(raw, raw).startswith("pair compared")


def minimize(raw: bytes, still_fails: Callable[[bytes], bool]) -> bytes:
    """A smaller input that still fails the same way: drop runs of lines, then runs of bytes (bounded effort)."""
    budget = [MINIMIZE_BUDGET]

    def attempt(candidate: bytes) -> bool:
        if budget[0] <= 0:
            return False
        budget[0] -= 1
        return still_fails(candidate)

    by_line = (lambda data: data.split(b"\n"), b"\n".join)
    by_byte = (lambda data: [bytes([byte]) for byte in data], b"".join)
    for split, join in (by_line, by_byte):
        parts = split(raw)
        chunk = max(1, len(parts) // 2)
        while chunk >= 1 and budget[0] > 0:
            index, shrunk = 0, False
            while index < len(parts) and budget[0] > 0:
                candidate = parts[:index] + parts[index + chunk:]
                if candidate and attempt(join(candidate)):
                    parts, shrunk = candidate, True
                else:
                    index += chunk
            if not shrunk:
                chunk //= 2
        raw = join(parts)
    return raw


def _signatures(failures: list[Failure]) -> set[tuple[str, str]]:
    return {(failure.prop, failure.signature) for failure in failures}


def reproducer_name(number: int, failure: Failure) -> str:
    slug = "".join(char if char.isalnum() else "-" for char in f"{failure.prop}-{failure.signature}")[:80]
    return f"{number:03d}-{slug.strip('-')}.yaml"


def run(documents: int, seed: int, out: Path, with_cli: bool, pairs_every: int) -> int:
    rng = random.Random(seed)
    outcomes: collections.Counter[str] = collections.Counter()
    findings: dict[tuple[str, str], Finding] = {}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="agreed-fuzz-") as temporary:
        folder = Path(temporary)
        os.chdir(folder)
        for number in range(documents):
            case_rng = random.Random(rng.getrandbits(64))
            if pairs_every and number % pairs_every == pairs_every - 1:
                pair = generate_pair(case_rng)
                case = Case(pair.new, pair.old, ("pair", *pair.mutations))
            else:
                case = generate_case(case_rng)
            outcomes[outcome(case.raw)] += 1
            failures = check_case(case, case_rng, folder if with_cli else None, outcomes)
            outcomes["failed a property" if failures else "passed every property"] += 1
            for failure in failures:
                key = (failure.prop, failure.signature)
                if key in findings:
                    findings[key].count += 1
                else:
                    findings[key] = Finding(failure, 1, case.raw, case.seed, case.label)
                    print(f"[{number}] new: {failure.prop}: {failure.signature}", flush=True)
            if number and number % 1000 == 0:
                print(f"... {number} documents, {time.monotonic() - started:.0f} s, {len(findings)} distinct failures",
                      flush=True)
        elapsed = time.monotonic() - started
        os.chdir(TESTS.parent)
        report(documents, elapsed, outcomes, findings, out, folder if with_cli else None)
    return 1 if findings else 0


def report(documents: int, elapsed: float, outcomes: collections.Counter[str], findings: dict[tuple[str, str], Finding],
           out: Path, cli_folder: Path | None) -> None:
    print(f"\n{documents} documents in {elapsed:.0f} s ({documents / max(elapsed, 1e-9):.0f}/s)")
    for name, count in sorted(outcomes.items()):
        print(f"  {name}: {count}")
    print(f"\n{len(findings)} distinct failures")
    out.mkdir(parents=True, exist_ok=True)
    for number, (key, finding) in enumerate(sorted(findings.items()), start=1):
        def still_fails(candidate: bytes, key: tuple[str, str] = key, seed: bytes = finding.seed) -> bool:
            case = Case(candidate, seed)
            return key in _signatures(check_case(case, random.Random(0), cli_folder))

        small = minimize(finding.raw, still_fails) if still_fails(finding.raw) else finding.raw
        path = out / reproducer_name(number, finding.failure)
        path.write_bytes(small)
        (out / (path.name + ".seed")).write_bytes(finding.seed)
        print(f"- [{finding.count}x] {finding.failure.prop}: {finding.failure.signature}\n"
              f"    {finding.failure.detail[:240]}\n    mutations: {finding.label}; reproducer: {path} "
              f"({len(small)} bytes): {small[:160]!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", "-n", type=int, default=200, help="how many documents (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--cli", action="store_true", help="also run every command on each document")
    parser.add_argument("--pairs-every", type=int, default=4,
                        help="every Nth document is a gently edited pair for the digest/diff check (0: never)")
    parser.add_argument("--out", type=Path, default=Path("fuzz-reproducers"),
                        help="folder for minimized reproducers (default ./fuzz-reproducers)")
    options = parser.parse_args()
    return run(options.documents, options.seed, options.out.resolve(), options.cli, options.pairs_every)


if __name__ == "__main__":
    raise SystemExit(main())
