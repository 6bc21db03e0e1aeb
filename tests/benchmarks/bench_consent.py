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

Before timing, ``agreed consent check --base base`` must pass (exit 0) and the baseline must find every piece of
evidence valid, so both sides are known to do the whole job. Then it times, as fresh processes, one untimed warm-up
each and ``--runs`` timed runs interleaved round-robin, the median of:

- ``agreed``: ``agreed consent check --base base`` (the installed ``agreed`` next to ``sys.executable``);
- ``baseline``: a small Python driver (a fresh ``python -c`` process) that runs
  ``git log --diff-filter=A --format=... --name-only HEAD -- '*/.consent/*'`` once (who added each record: the
  author-email evidence) and one ``ssh-keygen -Y verify`` per signed record (the ssh-signature evidence),

and prints N, both times and agreed / baseline. ``--profile`` adds where one ``agreed`` run at the largest N spends
its time (cProfile, by cumulative time, and how many child processes it started). Run from the repository root::

    python tests/benchmarks/bench_consent.py [--sizes 1,50,200] [--runs 3] [--profile] [--keep DIR]

Not collected by pytest (the file name does not start with ``test_``).
"""

from __future__ import annotations

import argparse
import datetime
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

from agreed.consent.digest import digest_document
from agreed.consent.ledger import new_record, write_record
from agreed.consent.ssh import consent_message, sign
from agreed.document import read_document

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "contracts" / "sales-onboarding.yaml"
FOLDER = "contracts"
BASE = "base"
SIGNER, SIGNER_EMAIL = "maria", "maria.chen@example.com"  # consents with an SSH-signed record
AUTHOR, AUTHOR_EMAIL = "daniel", "daniel.okafor@example.com"  # consents by authoring the commit that adds the record
OTHER_EMAIL = "assistant@example.org"  # authors every commit that is not daniel's
SIGNED_AT = datetime.datetime(2031, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "NO_COLOR": "1",
       "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": OTHER_EMAIL}
ENV.pop("AGREED_DEBUG", None)

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


# ---------------------------------------------------------------------------------------------- building


def git(root: Path, *arguments: str, email: str = OTHER_EMAIL) -> str:
    """Run git in ``root`` as the author ``email``; its standard output."""
    env = {**ENV, "GIT_AUTHOR_NAME": email.split("@")[0], "GIT_AUTHOR_EMAIL": email}
    return subprocess.run(["git", *arguments], cwd=root, env=env, check=True, capture_output=True,
                          text=True).stdout


def commit_all(root: Path, message: str, email: str = OTHER_EMAIL) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "--no-gpg-sign", "-m", message, email=email)


def make_key(folder: Path) -> tuple[Path, str]:
    """A passphrase-less ed25519 key in ``folder``: the private key file and its one-line public key."""
    key = folder / "maria_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", SIGNER, "-f", str(key)], check=True,
                   capture_output=True)
    return key, key.with_name(key.name + ".pub").read_text(encoding="ascii").strip()


def _replace_once(text: str, old: str, new: str) -> str:
    if text.count(old) < 1:
        raise SystemExit(f"bench_consent: {TEMPLATE.name} no longer contains {old!r}; update the benchmark")
    return text.replace(old, new, 1)


def agreement_text(template: str, index: int, public_key: str) -> str:
    """Copy ``index`` of the template: its own id, ``proposed``, maria's key listed, SSH or author-email evidence."""
    text = _replace_once(template, "\nid: sales-onboarding\n", f"\nid: sales-onboarding-{index:04d}\n")
    text = _replace_once(text, "\nstatus: active\n", "\nstatus: proposed\n")
    text = _replace_once(text, "    keys: []", f'    keys: ["{public_key}"]')  # maria is the first party
    return _replace_once(text, "  evidence: [review, signed-commit]", "  evidence: [ssh-signature, author-email]")


def _digest(path: Path) -> tuple[str, str]:
    """(agreement id, digest) of an agreement file; stops the benchmark when it has no digest."""
    document = read_document(path, str(path))
    digest = digest_document(document)
    if not isinstance(digest, str):
        raise SystemExit(f"bench_consent: {path.name} has no digest: {digest.message}")
    return str(document.data["id"]), digest


def record_consents(files: Sequence[Path], party: str, key: Path | None) -> None:
    """Write ``party``'s consent record beside each file, SSH-signed with ``key`` when given."""
    for path in files:
        agreement_id, digest = _digest(path)
        signature = None if key is None else sign(consent_message(agreement_id, party, digest), key)
        write_record(path, new_record(agreement_id, party, digest, lambda: SIGNED_AT, signature))


def activate(files: Sequence[Path]) -> None:
    for path in files:
        path.write_text(path.read_text(encoding="utf-8").replace("\nstatus: proposed\n", "\nstatus: active\n", 1),
                        encoding="utf-8")


def build(root: Path, count: int, key: Path, public_key: str) -> float:
    """The repository of ``count`` agreements at ``root`` (see the module's doc); returns the seconds it took."""
    started = time.perf_counter()
    (root / FOLDER).mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    template = TEMPLATE.read_text(encoding="utf-8")
    files = [root / FOLDER / f"sales-onboarding-{index:04d}.yaml" for index in range(count)]
    for index, path in enumerate(files):
        path.write_text(agreement_text(template, index, public_key), encoding="utf-8")
    commit_all(root, f"Propose {count} agreements")
    git(root, "branch", BASE)
    record_consents(files, SIGNER, key)
    commit_all(root, f"{SIGNER} consents (SSH-signed records)")
    record_consents(files, AUTHOR, None)
    commit_all(root, f"{AUTHOR} consents (records authored by {AUTHOR})", email=AUTHOR_EMAIL)
    activate(files)
    commit_all(root, f"Activate {count} agreements")
    return time.perf_counter() - started


# ---------------------------------------------------------------------------------------------- timing


@dataclass
class Timing:
    """One command's timed runs, and what its warm-up run printed and exited with."""

    command: list[str]
    seconds: list[float] = field(default_factory=list)
    exit_code: int = 0
    output: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def run_once(timing: Timing, root: Path) -> float:
    started = time.perf_counter()
    completed = subprocess.run(timing.command, cwd=root, env=ENV, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    timing.exit_code, timing.output = completed.returncode, completed.stdout + completed.stderr
    return seconds


def measure(commands: dict[str, list[str]], runs: int, root: Path) -> dict[str, Timing]:
    """One untimed warm-up per command, then ``runs`` timed runs, round-robin across the commands."""
    timings = {label: Timing(command) for label, command in commands.items()}
    for timing in timings.values():
        run_once(timing, root)
    for _ in range(runs):
        for timing in timings.values():
            timing.seconds.append(run_once(timing, root))
    return timings


def check_results(timings: dict[str, Timing], count: int) -> None:
    """Stop unless agreed passed the gate and the baseline found all ``count`` signatures and authors valid."""
    agreed, baseline = timings["agreed"], timings["baseline"]
    if agreed.exit_code != 0:
        raise SystemExit(f"bench_consent: agreed consent check exited {agreed.exit_code}:\n{agreed.output}")
    if baseline.exit_code != 0 or baseline.output.split() != [str(count), str(count)]:
        raise SystemExit(f"bench_consent: the baseline expected '{count} {count}' valid (signed, authored), got "
                         f"exit {baseline.exit_code}:\n{baseline.output}")


def find_agreed() -> str:
    beside = Path(sys.executable).parent / "agreed"
    if not beside.is_file():
        raise SystemExit(f"bench_consent: no agreed next to {sys.executable}; run with the venv's python")
    return str(beside)


def commands_for(agreed: str, public_key: str) -> dict[str, list[str]]:
    allowed_line = f'{SIGNER} namespaces="agreed-consent@agreed" {public_key}'
    return {"agreed": [agreed, "consent", "check", "--base", BASE],
            "baseline": [sys.executable, "-c", BASELINE, SIGNER, allowed_line, AUTHOR, AUTHOR_EMAIL]}


def profile(root: Path, scratch: Path, top: int) -> list[str]:
    """Where one ``agreed consent check --base base`` run spends its time: cProfile's top functions by cumulative
    time, and the number of child processes it started."""
    output = scratch / "consent.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(output), "-m", "agreed", "consent", "check",
                    "--base", BASE], cwd=root, env=ENV, capture_output=True, check=False)
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
    agreed = find_agreed()
    print(f"python {platform.python_version()} on {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs; "
          f"{agreed}")
    print(f"median wall time of {arguments.runs} runs after 1 untimed warm-up, each command a fresh process\n")
    scratch = Path(tempfile.mkdtemp(prefix="bench-consent-"))
    workspace = arguments.keep if arguments.keep is not None else scratch
    rows: list[tuple[int, Timing, Timing]] = []
    try:
        workspace.mkdir(parents=True, exist_ok=True)
        key, public_key = make_key(scratch)
        root = workspace
        for size in arguments.sizes:
            root = workspace / f"n{size}"
            seconds = build(root, size, key, public_key)
            print(f"N={size}: built in {seconds:.1f} s (2 consent records per agreement)", flush=True)
            timings = measure(commands_for(agreed, public_key), arguments.runs, root)
            check_results(timings, size)
            rows.append((size, timings["agreed"], timings["baseline"]))
        print(f"\n{'N':>6} {'agreed s':>10} {'baseline s':>11} {'agreed / baseline':>18}")
        for size, agreed_timing, baseline_timing in rows:
            print(f"{size:>6} {agreed_timing.median:>10.3f} {baseline_timing.median:>11.3f} "
                  f"{agreed_timing.median / baseline_timing.median:>18.2f}")
        if arguments.profile:
            print(f"\none agreed run at N={arguments.sizes[-1]}, cProfile by cumulative time:")
            print("\n".join(profile(root, scratch, top=25)))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
