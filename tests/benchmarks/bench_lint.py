"""Benchmark: ``agreed lint`` and ``agreed validate`` against ``check-jsonschema``, on 1, 200 and 1000 agreements.

Generates N realistic agreements by mutating the shipped contracts (new ids, renamed parties, shifted dates, extra
deliverables), then times each command as a subprocess on all N files: one untimed warm-up run per command, then
``--repeat`` timed runs, interleaved round-robin so that drift in machine load hits every command alike. Reports
the median wall time and the median CPU time (user + system of the run's processes, from the operating system's
accounting of the reaped child), and the ratios to check-jsonschema in both. ``agreed lint`` is timed three times:
cold (its result cache emptied before every run, so every file is parsed, checked and stored), warm (a second run
over unchanged files, answered from the cache) and, from N = 2, warm with one file changed before every run (a new
comment at its end: that file is checked, the cross-file rules run again over every agreement's cached summary, the
cache is written). For N = 1 (what pre-commit sees for a one-file commit) it also times
interpreter start-up and ``import agreed.cli`` alone, and shows where a warm one-file run spends its import time
(``python -X importtime``).

``--baseline AGREED`` names a second agreed (an install of an earlier commit, say: ``git worktree add`` it and
``pip install`` it into a venv of its own) whose lint runs cold and warm beside this one's, interleaved in the same
rounds; a table then gives both medians, wall and CPU (user + system of the run's processes), and their ratios.
``--baseline-pythonpath DIR`` does the same with ``python -m agreed`` run with ``PYTHONPATH=DIR`` (the ``toolkit``
folder of sources unpacked with ``git archive``), which needs no install.

Run from the repository root::

    python tests/benchmarks/bench_lint.py [--sizes 1,200,1000] [--repeat 5] [--baseline PATH/TO/agreed]

Not collected by pytest (the file name does not start with ``test_``).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CONTRACTS = REPO / "contracts"
SCHEMA = REPO / "schema" / "agreement.schema.json"
sys.path.insert(0, str(REPO / "tests"))  # the generator is shared with the tests

from generated_agreements import generate  # noqa: E402

# ---------------------------------------------------------------------------------------------- timing


@dataclass
class Timing:
    label: str
    command: list[str]
    seconds: list[float]
    exit_codes: set[int]
    errors: list[str]
    before: Callable[[], None] | None = field(default=None, repr=False)  # untimed set-up before every run
    cpu_seconds: list[float] = field(default_factory=list)  # user + system time of the run's processes
    env: dict[str, str] = field(default_factory=dict, repr=False)  # added to the environment of this command only

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu_seconds)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run_once(timing: Timing, cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """One run of the command: its wall seconds and its CPU seconds (user + system of the processes it waited for,
    the difference in this process's RUSAGE_CHILDREN across the run)."""
    if timing.before is not None:
        timing.before()
    cpu_start, start = _children_cpu(), time.perf_counter()
    result = subprocess.run(timing.command, cwd=cwd, env={**env, **timing.env}, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    cpu_seconds = _children_cpu() - cpu_start
    timing.exit_codes.add(result.returncode)
    if result.returncode not in (0, 1):  # keep what a failing tool said, to show it under the table
        message = result.stderr.decode("utf-8", "replace").strip() or result.stdout.decode("utf-8", "replace")
        timing.errors.append(f"exit {result.returncode}: {message.strip().splitlines()[-1] if message else ''}")
    return seconds, cpu_seconds


def measure(
    commands: dict[str, list[str]],
    repeat: int,
    cwd: Path,
    env: dict[str, str],
    before: dict[str, Callable[[], None]] | None = None,
    envs: dict[str, dict[str, str]] | None = None,
) -> dict[str, Timing]:
    timings = {
        label: Timing(label, command, [], set(), [], (before or {}).get(label), env=(envs or {}).get(label, {}))
        for label, command in commands.items()
    }
    for timing in timings.values():  # warm-up: bytecode caches and the page cache, not timed
        _run_once(timing, cwd, env)
    for _ in range(repeat):
        for timing in timings.values():
            seconds, cpu_seconds = _run_once(timing, cwd, env)
            timing.seconds.append(seconds)
            timing.cpu_seconds.append(cpu_seconds)
    return timings


def _find_tool(name: str, given: str | None) -> str:
    if given:
        if not (shutil.which(given) or Path(given).is_file()):
            raise SystemExit(f"bench_lint: {given}: not found")
        return given
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"bench_lint: '{name}' is neither next to {sys.executable} nor on PATH; pass --{name} PATH")
    return found


def _version(command: Sequence[str]) -> str:
    result = subprocess.run([*command, "--version"], capture_output=True, text=True, check=False)
    return (result.stdout or result.stderr).strip().splitlines()[0] if result.returncode == 0 else "unknown"


def _codes(timing: Timing) -> str:
    return "/".join(str(code) for code in sorted(timing.exit_codes))


def _supports_cache(agreed: str) -> bool:
    result = subprocess.run([agreed, "lint", "--help"], capture_output=True, text=True, check=False)
    return "--cache-dir" in result.stdout


def _emptier(folder: Path) -> Callable[[], None]:
    return lambda: shutil.rmtree(folder, ignore_errors=True)


def _changer(path: Path) -> Callable[[], None]:
    """Give ``path`` content no run has seen: its original bytes and a comment with a new number each call."""
    original, runs = path.read_bytes(), iter(range(1, 1_000_000))
    return lambda: path.write_bytes(original + f"\n# benchmark run {next(runs)}\n".encode())


def import_profile(command: Sequence[str], cwd: Path, env: dict[str, str], top: int = 12) -> list[str]:
    """Where a run spends its import time: ``python -X importtime``, top-level imports by cumulative time.

    The command runs once untimed first, so that a run meant to be warm finds its cache filled.
    """
    subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
    result = subprocess.run(
        command, cwd=cwd, env={**env, "PYTHONPROFILEIMPORTTIME": "1"}, capture_output=True, text=True, check=False
    )
    rows: list[tuple[int, str]] = []  # (cumulative microseconds, module) of imports made at the top level
    modules: set[str] = set()  # every module imported, at any depth
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line.removeprefix("import time:").split("|")
        modules.add(name.strip())
        if not name.startswith("  "):  # one leading space: imported by __main__ or at run time, not by a module
            rows.append((int(cumulative), name.strip()))
    total = sum(cumulative for cumulative, _ in rows)
    lines = [f"imports: {total / 1e3:.0f} ms in all (one run, no repeat); top-level imports by cumulative time:"]
    lines += [f"  {cumulative / 1e3:7.1f} ms  {name}" for cumulative, name in sorted(rows, reverse=True)[:top]]
    watched = ("ruamel", "jsonschema", "jsonschema_rs", "agreed.lint.rules", "multiprocessing")
    heavy = [name for name in watched if any(module == name or module.startswith(f"{name}.") for module in modules)]
    lines.append(f"  of {', '.join(watched)}: {', '.join(heavy) if heavy else 'none'} imported")
    return lines


# ---------------------------------------------------------------------------------------------- tables


def _pair(timing: Timing) -> str:
    return f"{timing.median:.3f} / {timing.cpu_median:.3f}"


def _ratios(mine: Timing | None, theirs: Timing) -> str:
    """This command's medians over the other's, wall then CPU."""
    if mine is None:
        return f"{'n/a':>6} {'n/a':>6}"
    return f"{mine.median / theirs.median:>6.2f} {mine.cpu_median / theirs.cpu_median:>6.2f}"


def times_table(rows: Sequence[tuple[int, int, dict[str, Timing]]]) -> list[str]:
    """Median seconds of every command, wall and CPU, with the exit codes seen."""
    labels = (("lint cold", "lint"), ("lint warm", "lint warm"), ("1 changed", "lint one changed"),
              ("validate", "validate"), ("cjs", "check-jsonschema"))
    header = f"{'N':>6} {'MB':>6} " + " ".join(f"{name + ' wall':>14} {'cpu':>6}" for name, _ in labels)
    lines = [
        "median seconds (cjs: check-jsonschema)",
        header + "  exit codes cold/warm/1 changed/validate/cjs",
        "-" * (len(header) + 35),
    ]
    for size, size_bytes, timings in rows:
        cells = [
            f"{timings[key].median:>14.3f} {timings[key].cpu_median:>6.3f}"
            if key in timings
            else f"{'n/a':>14} {'n/a':>6}"
            for _, key in labels
        ]
        codes = " / ".join(_codes(timings[key]) if key in timings else "-" for _, key in labels)
        lines.append(f"{size:>6} {size_bytes / 1e6:>6.2f} " + " ".join(cells) + f"  {codes}")
    return lines


def ratio_table(rows: Sequence[tuple[int, int, dict[str, Timing]]]) -> list[str]:
    """agreed's medians over check-jsonschema's, wall and CPU (below 1: agreed is faster), and what the cache saves."""
    header = (
        f"{'N':>6} {'cold/cjs wall':>13} {'cpu':>6} {'warm/cjs wall':>13} {'cpu':>6} {'validate/cjs wall':>17} "
        f"{'cpu':>6} {'warm/cold wall':>14} {'cpu':>6}"
    )
    lines = ["ratios, agreed / check-jsonschema (below 1: agreed is faster)", header, "-" * len(header)]
    for size, _, timings in rows:
        cold, cjs, warm = timings["lint"], timings["check-jsonschema"], timings.get("lint warm")
        lines.append(
            f"{size:>6} {_ratios(cold, cjs):>20} {_ratios(warm, cjs):>20} "
            f"{_ratios(timings['validate'], cjs):>24} {_ratios(warm, cold):>21}"
        )
    return lines


# ---------------------------------------------------------------------------------------------- main


def baseline_table(rows: Sequence[tuple[int, int, dict[str, Timing]]]) -> list[str]:
    """agreed lint against the baseline's, cold and warm: medians of wall and CPU seconds and their ratios (this
    agreed / the baseline: below 1 is faster)."""
    header = (
        f"{'N':>6} {'run':>5} {'wall s':>8} {'base wall s':>12} {'wall ratio':>11} {'cpu s':>8} "
        f"{'base cpu s':>11} {'cpu ratio':>10}"
    )
    lines = ["agreed lint against the baseline (ratio = this / baseline; below 1 is faster)", header, "-" * len(header)]
    for size, _, timings in rows:
        for run, mine, theirs in (("cold", "lint", "baseline lint"), ("warm", "lint warm", "baseline lint warm"),
                                  ("1 chg", "lint one changed", "baseline lint one changed")):
            if mine not in timings or theirs not in timings:
                continue
            a, b = timings[mine], timings[theirs]
            lines.append(
                f"{size:>6} {run:>5} {a.median:>8.3f} {b.median:>12.3f} {a.median / b.median:>11.3f} "
                f"{a.cpu_median:>8.3f} {b.cpu_median:>11.3f} {a.cpu_median / b.cpu_median:>10.3f}"
            )
    return lines


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1,200,1000", help="Comma-separated numbers of agreements (1,200,1000).")
    parser.add_argument("--repeat", type=int, default=5, help="Timed runs per command and size (default 5).")
    parser.add_argument("--agreed", default=None, help="The agreed executable (default: next to python, or PATH).")
    parser.add_argument(
        "--baseline",
        metavar="AGREED",
        default=None,
        help="A second agreed executable (say, an install of an earlier commit) timed side by side "
        "with the first on the same files; its lint runs are printed with ratios, wall and CPU.",
    )
    parser.add_argument(
        "--baseline-pythonpath",
        dest="baseline_pythonpath",
        metavar="DIR",
        type=Path,
        default=None,
        help="Like --baseline, with 'python -m agreed' run with PYTHONPATH=DIR (say, the "
        "toolkit folder of 'git archive REV toolkit schema contracts' unpacked): no install needed.",
    )
    parser.add_argument(
        "--contracts",
        type=Path,
        default=CONTRACTS,
        help="The agreements the generated ones derive from (default: the shipped contracts/). With "
        "--baseline, give the baseline's own, which its schema accepts.",
    )
    parser.add_argument(
        "--check-jsonschema",
        dest="check_jsonschema",
        default=None,
        help="The check-jsonschema executable (default: next to python, or PATH).",
    )
    parser.add_argument(
        "--python", default=sys.executable, help="The interpreter for the import-only timing (default: this one)."
    )
    parser.add_argument("--schema", default=str(SCHEMA), help="Schema for check-jsonschema (default: the repo's).")
    parser.add_argument(
        "--keep",
        metavar="DIR",
        default=None,
        help="Write the generated agreements under DIR and keep them (default: a temporary folder).",
    )
    arguments = parser.parse_args(argv)
    try:
        arguments.sizes = [int(size) for size in arguments.sizes.split(",") if size.strip()]
    except ValueError:
        parser.error(f"--sizes: not a list of whole numbers: {arguments.sizes!r}")
    if not arguments.sizes or min(arguments.sizes) < 1 or arguments.repeat < 1:
        parser.error("--sizes and --repeat must be positive")
    if arguments.baseline and arguments.baseline_pythonpath:
        parser.error("--baseline and --baseline-pythonpath name the same thing: give one")
    if arguments.baseline_pythonpath and not (arguments.baseline_pythonpath / "agreed").is_dir():
        parser.error(f"--baseline-pythonpath: no package 'agreed' in {arguments.baseline_pythonpath}")
    return arguments


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    agreed = _find_tool("agreed", arguments.agreed)
    check_jsonschema = _find_tool("check-jsonschema", arguments.check_jsonschema)
    baseline: list[str] | None = [_find_tool("agreed", arguments.baseline)] if arguments.baseline else None
    baseline_env: dict[str, str] = {}
    if arguments.baseline_pythonpath:
        baseline = [arguments.python, "-m", "agreed"]
        baseline_env = {"PYTHONPATH": str(arguments.baseline_pythonpath.resolve())}
    env = {key: value for key, value in os.environ.items() if key not in {"AGREED_DEBUG"}}
    env["NO_COLOR"] = "1"

    print(
        f"python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs; {_version([agreed])}; {_version([check_jsonschema])}"
    )
    if baseline:
        where = f" with PYTHONPATH={baseline_env['PYTHONPATH']}" if baseline_env else ""
        print(f"baseline: {' '.join(baseline)}{where}")
    print(
        f"medians of {arguments.repeat} runs after 1 untimed warm-up, each command a fresh process; wall time and "
        "CPU time (user + system of the processes the command waited for)"
    )
    if env.get("PYTHONDONTWRITEBYTECODE"):
        print("PYTHONDONTWRITEBYTECODE is set: modules without cached bytecode are compiled again on every run")
    print()

    cached = _supports_cache(agreed)
    if not cached:
        print(f"{agreed} has no 'lint --cache-dir': timing lint without a cache (no warm column)\n")
    with tempfile.TemporaryDirectory(prefix="agreed-bench-") as scratch:
        root = Path(arguments.keep) if arguments.keep else Path(scratch)
        rows = []
        profile: list[str] = []
        for size in arguments.sizes:
            files = generate(size, root / f"n{size}", contracts=arguments.contracts)
            names = [str(path.relative_to(root)) for path in files]
            cold_cache, warm_cache = root / f"cache-cold-{size}", root / f"cache-warm-{size}"
            shutil.rmtree(warm_cache, ignore_errors=True)  # filled by the untimed warm-up run, then only read
            commands = {"lint": [agreed, "lint", *(["--cache-dir", str(cold_cache)] if cached else []), *names]}
            if cached:
                commands["lint warm"] = [agreed, "lint", "--cache-dir", str(warm_cache), *names]
            befores = {"lint": _emptier(cold_cache)}
            changed_names: list[str] = []
            if cached and size > 1:  # a copy of the files, one of which changes before every run
                shutil.rmtree(root / f"n{size}-changed", ignore_errors=True)
                shutil.copytree(root / f"n{size}", root / f"n{size}-changed")
                changed_names = [f"n{size}-changed/{Path(name).relative_to(f'n{size}').as_posix()}" for name in names]
                changing = _changer(root / changed_names[0])
                changed_cache = root / f"cache-changed-{size}"
                shutil.rmtree(changed_cache, ignore_errors=True)
                commands["lint one changed"] = [agreed, "lint", "--cache-dir", str(changed_cache), *changed_names]
                befores["lint one changed"] = changing
            if baseline:
                base_cold, base_warm = root / f"base-cache-cold-{size}", root / f"base-cache-warm-{size}"
                shutil.rmtree(base_warm, ignore_errors=True)
                commands["baseline lint"] = [*baseline, "lint", "--cache-dir", str(base_cold), *names]
                commands["baseline lint warm"] = [*baseline, "lint", "--cache-dir", str(base_warm), *names]
                befores["baseline lint"] = _emptier(base_cold)
                if changed_names:
                    base_changed = root / f"base-cache-changed-{size}"
                    shutil.rmtree(base_changed, ignore_errors=True)
                    commands["baseline lint one changed"] = [*baseline, "lint", "--cache-dir", str(base_changed),
                                                             *changed_names]
                    befores["baseline lint one changed"] = changing
            commands["validate"] = [agreed, "validate", *names]
            commands["check-jsonschema"] = [check_jsonschema, "--schemafile", arguments.schema, *names]
            if size == 1:
                commands["python -c pass"] = [arguments.python, "-c", "pass"]
                commands["import agreed.cli"] = [arguments.python, "-c", "import agreed.cli"]
            envs = {"baseline lint": baseline_env, "baseline lint warm": baseline_env,
                    "baseline lint one changed": baseline_env}
            timings = measure(commands, arguments.repeat, root, env, befores, envs)
            rows.append((size, sum(path.stat().st_size for path in files), timings))
            if size == 1:
                profile = import_profile(
                    [arguments.python, "-m", "agreed", *commands["lint warm" if cached else "lint"][1:]], root, env
                )

    print("\n".join(times_table(rows)))
    print()
    print("\n".join(ratio_table(rows)))
    for _, _, timings in rows:
        if "import agreed.cli" in timings:
            bare, imported, cold = timings["python -c pass"], timings["import agreed.cli"], timings["lint"]
            warm = timings.get("lint warm")
            print(
                f"\nsingle file (the pre-commit case), wall / CPU s: python start-up {_pair(bare)}, "
                f"'python -c \"import agreed.cli\"' {_pair(imported)} "
                f"(import alone ~{imported.median - bare.median:.3f} / {imported.cpu_median - bare.cpu_median:.3f}), "
                f"agreed lint cold {_pair(cold)}" + (f", warm {_pair(warm)}" if warm else "")
            )
    if baseline:
        print("\n" + "\n".join(baseline_table(rows)))
    if profile:
        print("\nwarm one-file lint, " + "\n".join(profile))
    if any(code != 0 for _, _, timings in rows for timing in timings.values() for code in timing.exit_codes):
        print(
            "\nnote: a non-zero exit code means the tool reported findings (1) or failed (2) on the generated files;"
            " the times are still the real times of those runs."
        )
    for size, _, timings in rows:
        for timing in timings.values():
            for error in dict.fromkeys(timing.errors):
                print(f"  N={size} {timing.label}: {error}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
