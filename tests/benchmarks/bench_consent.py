"""Benchmark: ``agreed consent check --base BASE`` against the irreducible work done by hand with git and ssh-keygen.

Builds, in a temporary git repository, N copies of the shipped contracts/sales-onboarding.yaml (distinct ids and
file names, evidence ``[ssh-signature, author-email]``). The branch ``base`` holds them as ``proposed``, with
maria's public key listed in ``parties[].keys``; the commits after it add the consent records and activate every
agreement, as a pull request would:

- maria's records are SSH-signed (one ed25519 key, made with ``ssh-keygen`` and shared by all agreements), written
  with the library API (``agreed.consent.ssh.sign`` and ``agreed.consent.ledger``: what ``agreed sign --key`` does,
  without starting one process per record), in a commit authored by someone else;
- daniel's records are unsigned, in a commit authored by his email (``author-email`` evidence);
- a last commit moves every agreement from ``proposed`` to ``active`` (a record change: the digest is kept).

Before timing, every ``agreed consent check`` must pass (exit 0) and the floor must find every piece of evidence
valid, so both sides are known to do the whole job. Then it times, as fresh processes, one untimed warm-up each and
``--runs`` timed runs interleaved round-robin, the median of:

- ``agreed``: ``agreed consent check --base base`` (the installed ``agreed`` next to ``sys.executable``);
- ``agreed, nothing changed``: ``agreed consent check --base HEAD``, the gate on a change that touched no agreement
  (every agreement is the same bytes at the base and in the work tree; the same signatures are checked);
- with ``--baseline DIR``, ``other`` and ``other, nothing changed``: the same two with ``python -m agreed`` from the
  package in DIR (another version, unpacked with ``git archive``), whose output must be this one's;
- ``floor``: a small Python driver (a fresh ``python -c`` process) that runs
  ``git log --diff-filter=A --format=... --name-only HEAD -- '*/.consent/*'`` once (who added each record: the
  author-email evidence) and one ``ssh-keygen -Y verify`` per signed record (the ssh-signature evidence),

and prints, for each N and command, the median wall and CPU time (user + system of the process and every process it
waited for, as ``os.wait4`` reports them), both as a ratio to the floor's, and the peak memory. ``--profile`` adds where
one ``agreed`` run at the largest N spends its time (cProfile, by cumulative time, and how many child processes it
started). ``--pythonpath DIR`` times ``python -m agreed`` from another copy of the package instead (an older version
unpacked with ``git archive``). The repository is built by tests/signed_consents.py. Run from the repository root::

    python tests/benchmarks/bench_consent.py [--sizes 1,50,200] [--runs 3] [--profile] [--keep DIR] [--pythonpath DIR]
        [--baseline DIR]

Not collected by pytest (the file name does not start with ``test_``).
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the generator shared with the tests

from signed_consents import AUTHOR, AUTHOR_EMAIL, BASE, ENV, SIGNER, build, make_key

# The baseline: argv = signer, allowed-signers line, author, author email. Prints "<signed ok> <authored ok>".
BASELINE = r"""
import os, subprocess, sys, tempfile
signer, allowed_line, author, author_email = sys.argv[1:5]
log = subprocess.run(["git", "log", "--diff-filter=A", "--no-renames", "--format=@%ae", "--name-only", "HEAD", "--",
                      "*/.consent/*"], capture_output=True, text=True, check=True).stdout
added_by = {}
email = ""
for line in log.splitlines():
    if line.startswith("@"):
        email = line[1:]
    elif line:
        added_by[line] = email  # newest first: the oldest addition is written last and wins
authored = sum(1 for path, email in added_by.items()
               if f"/{author}/" in path and email.casefold() == author_email.casefold())
signed = 0
with tempfile.TemporaryDirectory() as scratch:
    allowed, signature_file = os.path.join(scratch, "allowed"), os.path.join(scratch, "sig")
    with open(allowed, "w") as stream:
        stream.write(allowed_line + "\n")
    for path in (path for path in added_by if f"/{signer}/" in path):
        with open(path) as stream:
            lines = stream.read().splitlines()
        fields = dict(line.split(": ", 1) for line in lines if ": " in line and not line.startswith((" ", "#")))
        with open(signature_file, "w") as stream:
            stream.write("".join(line.strip() + "\n" for line in lines if line.startswith("  ")))
        message = "agreed consent v1\n" + "".join(f"{name}: {fields[name]}\n" for name in ("agreement", "party",
                                                                                             "digest"))
        verified = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", allowed, "-I", signer, "-n",
                                   "agreed-consent@agreed", "-s", signature_file], input=message.encode(),
                                  capture_output=True)
        signed += verified.returncode == 0
print(signed, authored)
"""


# ---------------------------------------------------------------------------------------------- timing


@dataclass
class Timing:
    """One command's timed runs (wall and CPU seconds, peak memory), and what its warm-up run printed and exited
    with."""

    command: list[str]
    environment: dict[str, str]
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_mib: list[float] = field(default_factory=list)
    exit_code: int = 0
    output: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)


def run_once(timing: Timing, root: Path) -> None:
    """Run the command once; its wall time, and from ``os.wait4`` the user + system time of it and of every process
    it waited for (git, ssh-keygen) and the peak memory of the largest of them."""
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(timing.command, cwd=root, env=timing.environment, stdout=output,
                                   stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        timing.seconds.append(time.perf_counter() - started)
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        timing.exit_code, timing.output = process.returncode, output.read().decode("utf-8", errors="replace")
    timing.cpu.append(usage.ru_utime + usage.ru_stime)
    timing.peak_mib.append(usage.ru_maxrss / 1024)


def measure(commands: dict[str, tuple[list[str], dict[str, str]]], runs: int, root: Path) -> dict[str, Timing]:
    """One untimed warm-up per command, then ``runs`` timed runs, round-robin across the commands."""
    timings = {label: Timing(command, environment) for label, (command, environment) in commands.items()}
    for timing in timings.values():
        run_once(timing, root)
        for figures in (timing.seconds, timing.cpu, timing.peak_mib):
            figures.clear()
    for _ in range(runs):
        for timing in timings.values():
            run_once(timing, root)
    return timings


def check_results(timings: dict[str, Timing], count: int) -> None:
    """Stop unless every agreed passed the gate and the baseline found all ``count`` signatures and authors valid;
    warn when another version's output is not this one's."""
    baseline = timings.pop(FLOOR)
    for label, timing in timings.items():
        if timing.exit_code != 0:
            raise SystemExit(f"bench_consent: {label} exited {timing.exit_code}:\n{timing.output}")
        mine = timings[label.replace(OTHER, THIS, 1)]
        if timing.output != mine.output:
            print(f"warning: the output of {label} differs from this tree's", file=sys.stderr)
    timings[FLOOR] = baseline
    if baseline.exit_code != 0 or baseline.output.split() != [str(count), str(count)]:
        raise SystemExit(f"bench_consent: the baseline expected '{count} {count}' valid (signed, authored), got "
                         f"exit {baseline.exit_code}:\n{baseline.output}")


def agreed_command(pythonpath: Path | None) -> tuple[list[str], dict[str, str]]:
    """The ``agreed`` to time and its environment: the one next to the Python that runs this, or ``python -m agreed``
    from the copy of the package in ``pythonpath``."""
    if pythonpath is not None:
        return [sys.executable, "-m", "agreed"], {**ENV, "PYTHONPATH": str(pythonpath)}
    beside = Path(sys.executable).parent / "agreed"
    if not beside.is_file():
        raise SystemExit(f"bench_consent: no agreed next to {sys.executable}; run with the venv's python")
    return [str(beside)], ENV


THIS, OTHER, FLOOR = "agreed", "other", "floor"
# The two changes timed: the one that adds the consents and activates every agreement, and one that touched no
# agreement (its base is HEAD itself: every agreement is the same bytes at the base and in the work tree).
CHANGES = {"": BASE, ", nothing changed": "HEAD"}


def commands_for(agreed: tuple[list[str], dict[str, str]], other: tuple[list[str], dict[str, str]] | None,
                 public_key: str) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Every command to time, by label: this agreed (and ``other``) on both changes, and the floor."""
    allowed_line = f'{SIGNER} namespaces="agreed-consent@agreed" {public_key}'
    versions = {THIS: agreed} if other is None else {THIS: agreed, OTHER: other}
    commands = {f"{label}{change}": ([*program, "consent", "check", "--base", base], environment)
                for label, (program, environment) in versions.items() for change, base in CHANGES.items()}
    commands[FLOOR] = ([sys.executable, "-c", BASELINE, SIGNER, allowed_line, AUTHOR, AUTHOR_EMAIL], ENV)
    return commands


def profile(root: Path, scratch: Path, top: int, environment: dict[str, str]) -> list[str]:
    """Where one ``agreed consent check --base base`` run spends its time: cProfile's top functions by cumulative
    time, and the number of child processes it started."""
    output = scratch / "consent.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(output), "-m", "agreed", "consent", "check",
                    "--base", BASE], cwd=root, env=environment, capture_output=True, check=False)
    stream = io.StringIO()
    stats = pstats.Stats(str(output), stream=stream)
    children = sum(calls[1] for function, calls in stats.stats.items()  # type: ignore[attr-defined]
                   if function[2] == "_execute_child")
    stats.sort_stats("cumulative").print_stats(top)
    body = [line for line in stream.getvalue().splitlines() if line.strip()]
    start = next((index for index, line in enumerate(body) if line.lstrip().startswith("ncalls")), 0)
    return [f"child processes started: {children}", *body[start:]]


# ---------------------------------------------------------------------------------------------- main


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1,50,200", help="Comma-separated numbers of agreements (1,50,200).")
    parser.add_argument("--runs", type=int, default=3, help="Timed runs per command and size (default 3).")
    parser.add_argument("--profile", action="store_true",
                        help="Also profile one agreed run at the largest size (cProfile, top functions).")
    parser.add_argument("--keep", metavar="DIR", type=Path, default=None,
                        help="Build the repositories in DIR/n<N> (which must not exist yet) and keep them.")
    parser.add_argument("--pythonpath", metavar="DIR", type=Path, default=None,
                        help="Time python -m agreed from the package in DIR (e.g. an older version's toolkit/).")
    parser.add_argument("--baseline", metavar="DIR", type=Path, default=None,
                        help="Also time python -m agreed from the package in DIR, side by side (its output must "
                             "be this one's).")
    arguments = parser.parse_args(argv)
    try:
        arguments.sizes = [int(size) for size in arguments.sizes.split(",") if size.strip()]
    except ValueError:
        parser.error(f"--sizes: not a list of whole numbers: {arguments.sizes!r}")
    if not arguments.sizes or min(arguments.sizes) < 1 or arguments.runs < 1:
        parser.error("--sizes and --runs must be positive")
    return arguments


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    agreed = agreed_command(arguments.pythonpath)
    other = None if arguments.baseline is None else agreed_command(arguments.baseline)
    where = f"PYTHONPATH={arguments.pythonpath}" if arguments.pythonpath else agreed[0][0]
    print(f"python {platform.python_version()} on {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs; "
          f"{where}" + (f"; other: PYTHONPATH={arguments.baseline}" if other is not None else ""))
    print(f"medians of {arguments.runs} runs after 1 untimed warm-up, each command a fresh process; CPU: user + "
          "system of the process and of every process it waited for\n")
    scratch = Path(tempfile.mkdtemp(prefix="bench-consent-"))
    workspace = arguments.keep if arguments.keep is not None else scratch
    rows: list[tuple[int, dict[str, Timing]]] = []
    try:
        workspace.mkdir(parents=True, exist_ok=True)
        key, public_key = make_key(scratch)
        root = workspace
        for size in arguments.sizes:
            root = workspace / f"n{size}"
            started = time.perf_counter()
            build(root, size, key, public_key)
            print(f"N={size}: built in {time.perf_counter() - started:.1f} s (2 consent records per agreement)",
                  flush=True)
            timings = measure(commands_for(agreed, other, public_key), arguments.runs, root)
            check_results(timings, size)
            rows.append((size, timings))
        print("\n".join(table(rows)))
        if arguments.profile:
            print(f"\none agreed run at N={arguments.sizes[-1]}, cProfile by cumulative time:")
            print("\n".join(profile(root, scratch, top=25, environment=agreed[1])))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def table(rows: Sequence[tuple[int, dict[str, Timing]]]) -> list[str]:
    """For each N and command: the median wall and CPU seconds, both as a ratio to the floor's, and peak memory."""
    lines = [f"\n{'N':>6}  {'command':<28} {'wall s':>7} {'cpu s':>7} {'wall/floor':>11} {'cpu/floor':>10} "
             f"{'peak MiB':>9}"]
    for size, timings in rows:
        floor = timings[FLOOR]
        lines += [f"{size:>6}  {label:<28} {timing.median:>7.3f} {timing.median_cpu:>7.3f} "
                  f"{timing.median / floor.median:>11.2f} {timing.median_cpu / floor.median_cpu:>10.2f} "
                  f"{statistics.median(timing.peak_mib):>9.1f}"
                  for label, timing in timings.items()]
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
