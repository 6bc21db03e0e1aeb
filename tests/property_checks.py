"""The properties every agreement file must keep, as checks that return what failed (never raise), shared by
tests/test_properties.py and tests/tools/fuzz.py.

- no exception escapes the library (load, validate, check, check_statement, the digest, the semantic diff);
- no exception or internal error escapes the CLI, and its exit code is 0, 1 or 2;
- every reported position exists in the file (lines split at CRLF, CR and LF, as YAML 1.2 splits them);
- a file diffed against itself has no change;
- two versions have the same digest exactly when the diff between them has no material change;
- re-writing an agreement in another style (ruamel.yaml's dump, or another quoting, flow/block, line break) keeps
  its digest.
"""

from __future__ import annotations

import datetime
import functools
import json
import random
import re
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import agreed
from agreed.consent.digest import DigestError, digest_document
from agreed.document import Document
from agreed.history.diff import compare_files, diff
from agreed.problem import Problem

TODAY = datetime.date(2031, 5, 1)
CASE_NAME = "case.yaml"
SEED_NAME = "seed.yaml"
# YAML 1.2's line breaks (and every editor's). NEL, LS and PS were line breaks in YAML 1.1 only; agreed refuses them
# raw, so they never end a line that a position counts.
YAML_LINE_BREAK = re.compile("\r\n|[\r\n]")
STATEMENT_LIMIT = 400
PROPERTIES = re.compile(r"^(?:[&!]\S*\s+)+")  # an anchor or a tag written before a key
RAW_BREAKS = ("\x85", "\u2028", "\u2029")  # line breaks to YAML 1.1 only, refused raw by agreed
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Failure:
    """One broken property: ``signature`` groups failures of the same cause, ``detail`` tells this one."""

    prop: str
    signature: str
    detail: str


class Escaped(Exception):
    """An exception escaped a library call; carries the failure that describes it."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.signature)
        self.failure = failure


def exception_site(error: BaseException) -> str:
    """``Type at file:line in function`` of the innermost frame inside the agreed package (else the innermost)."""
    frames = traceback.extract_tb(error.__traceback__)
    inside = [frame for frame in frames if "/agreed/" in frame.filename.replace("\\", "/")]
    frame = (inside or frames or [None])[-1]
    where = "?" if frame is None else f"{frame.filename.split('/agreed/')[-1]}:{frame.lineno} in {frame.name}"
    return f"{type(error).__name__} at {where}"


def guarded(api: str, call: Callable[[], T]) -> T:
    """The result of ``call``; an exception becomes :class:`Escaped` naming the API and where it was raised."""
    try:
        return call()
    except Exception as error:  # any exception escaping the library is the finding
        top = "".join(traceback.format_exception_only(type(error), error)).strip()[:300]
        raise Escaped(Failure("no-exception", f"{api}: {exception_site(error)}", top)) from error


# -- positions -----------------------------------------------------------------------------------------------------


def yaml_lines(raw: bytes) -> list[str]:
    """The file's lines as YAML 1.2 counts them (CRLF, CR, LF), after the byte order marks that start the file
    (agreed drops every leading BOM, so a doubled one is no column either)."""
    return YAML_LINE_BREAK.split(raw.decode("utf-8", errors="replace").lstrip("\ufeff"))


def position_failures(raw: bytes, problems: Iterable[Problem], origin: str) -> list[Failure]:
    """A failure for each problem whose line or column is not in the file."""
    lines = yaml_lines(raw)
    failures = []
    for problem in problems:
        inside = 1 <= problem.line <= len(lines) and 1 <= problem.col <= len(lines[problem.line - 1]) + 1
        if not inside:
            last = len(lines[problem.line - 1]) if 1 <= problem.line <= len(lines) else None
            failures.append(Failure(
                "position-in-file", f"{origin}: {problem.rule} outside the file",
                f"{problem.line}:{problem.col} ({len(lines)} lines, that line has {last} characters): "
                f"{problem.message[:160]}"))
    return failures


def key_position_failures(raw: bytes, document: Document, limit: int = 200) -> list[Failure]:
    """Positions must also be right: the position of a simple key (letters, digits, ``_``, ``-``) is where the
    key is written, plain or quoted (after its anchor or tag, if any)."""
    if document.data is None:
        return []
    lines = yaml_lines(raw)
    for path in list(document.keys)[:limit]:
        key = path[-1]
        if not isinstance(key, str) or not key or not all(char.isalnum() or char in "_-" for char in key):
            continue
        line, col = document.key_position(path)
        text = lines[line - 1][col - 1:] if 1 <= line <= len(lines) else ""
        if not PROPERTIES.sub("", text).lstrip("\"'").startswith(key):
            return [Failure("position-points-at-key", "a key's position is not where the key is written",
                            f"{'.'.join(map(str, path))[:80]} at {line}:{col}, the text there is {text[:40]!r}")]
    return []


# -- the library ---------------------------------------------------------------------------------------------------


def _strings(value: Any, limit: int, cut: int | None = STATEMENT_LIMIT) -> list[str]:
    found: list[str] = []
    pending = [value]
    while pending and len(found) < limit:
        node = pending.pop()
        if isinstance(node, str):
            found.append(node[:cut])
        elif isinstance(node, dict):
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return found


def library_failures(raw: bytes, seed: bytes | None = None, statements: int = 2) -> list[Failure]:
    """Every property the library breaks on ``raw`` (and, with ``seed``, on the pair seed -> raw)."""
    try:
        return _library_checks(raw, seed, statements)
    except Escaped as escaped:
        return [escaped.failure]


def _library_checks(raw: bytes, seed: bytes | None, statements: int) -> list[Failure]:
    document = _load(raw, CASE_NAME)
    problems = guarded("agreed.check", lambda: agreed.check(document, today=TODAY))
    schema_problems = guarded("agreed.validate", lambda: agreed.validate(document))
    failures = position_failures(raw, [*problems, *schema_problems], "library")
    failures += key_position_failures(raw, document)
    for text in _strings(document.data, statements):
        guarded("agreed.check_statement", lambda text=text: agreed.check_statement(text))
    digest = _digest(raw, CASE_NAME)
    if isinstance(digest, DigestError):
        failures += position_failures(raw, digest.problems, "digest")
    if isinstance(document.data, dict):
        # A second, independent load: the same objects on both sides would hide NaN, which is unequal to itself.
        again = guarded("agreed.load", lambda: agreed.load(raw, CASE_NAME))
        itself = guarded("diff", lambda: diff(document.data, again.data))
        if itself:
            failures.append(Failure("self-diff-empty", f"diff of a file with itself: {_shape(itself[0].path)}",
                                    f"{len(itself)} changes, first {itself[0]}"[:300]))
    if seed is not None:
        failures += pair_failures(seed, raw)
    return failures


@functools.lru_cache(maxsize=16)
def _load(raw: bytes, name: str) -> Document:
    """Loaded once per bytes: a case is loaded by several checks, the seeds by every case (Documents are frozen).
    Text that is UTF-8 goes through ``agreed.loads``, other bytes through ``agreed.load``."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return guarded("agreed.load", lambda: agreed.load(raw, name))
    return guarded("agreed.loads", lambda: agreed.loads(text, name))


@functools.lru_cache(maxsize=16)
def _digest(raw: bytes, name: str) -> str | DigestError:
    document = _load(raw, name)
    return guarded("digest_document", lambda: digest_document(document))


def pair_failures(old: bytes, new: bytes) -> list[Failure]:
    """Digest equality must match diff materiality for two versions (when both have a digest)."""
    file_diff = guarded("compare_files", lambda: compare_files(SEED_NAME, old, CASE_NAME, new))
    old_digest, new_digest = _digest(old, SEED_NAME), _digest(new, CASE_NAME)
    if isinstance(old_digest, DigestError) or isinstance(new_digest, DigestError) or file_diff.error:
        return []
    material = [change for change in file_diff.changes if change.material]
    same = old_digest == new_digest
    if same == (not material):
        return []
    if same:
        first = material[0]
        return [Failure("digest-matches-diff", f"same digest, but material change at {_shape(first.path)}",
                        f"{len(material)} material: {first.kind.value} {first.path}: {first.old!r:.80} -> "
                        f"{first.new!r:.80}")]
    return [Failure("digest-matches-diff", "different digest, but no material change",
                    f"{len(file_diff.changes)} non-material changes: "
                    + "; ".join(f"{c.kind.value} {c.path}" for c in file_diff.changes[:3]))]


def pair_verdict(old: bytes, new: bytes) -> str:
    """For the counts of the fuzz script: whether a pair was comparable (both have a digest), and how it compared."""
    old_digest, new_digest = _digest(old, SEED_NAME), _digest(new, CASE_NAME)
    if isinstance(old_digest, DigestError) or isinstance(new_digest, DigestError):
        return "pair not comparable (a side has no digest)"
    return "pair compared: same digest" if old_digest == new_digest else "pair compared: different digest"


def _shape(path: str) -> str:
    """A change path with item labels and extension key names blurred, to group failures of one cause."""
    path = re.sub(r"\[[^\]]*\]", "[*]", path)
    return re.sub(r"\bx-[^.\[]*", "x-*", path)


def reformat_failures(raw: bytes, rewritten: Sequence[tuple[str, bytes]]) -> list[Failure]:
    """Each rewriting of a file that has a digest must load and keep that digest."""
    document = _load(raw, CASE_NAME)
    original = _digest(raw, CASE_NAME)
    if isinstance(original, DigestError):
        return []
    failures = []
    for how, text in rewritten:
        again = _load(text, CASE_NAME)
        result = guarded("digest_document", lambda again=again: digest_document(again))
        if isinstance(result, DigestError):
            first = result.problems[0] if result.problems else None
            failures.append(Failure("reformat-keeps-digest", f"{how}: rewritten file has no digest "
                                    f"({first.rule if first else '?'})", f"{first}"[:300]))
        elif result != original:
            changes = diff(document.data, again.data)
            shown = "; ".join(f"{c.kind.value} {c.path}: {c.old!r:.60} -> {c.new!r:.60}" for c in changes[:2])
            failures.append(Failure("reformat-keeps-digest", f"{how}: digest changed"
                                    f"{' at ' + _shape(changes[0].path) if changes else ''}", shown or "no change"))
    return failures


def rewrites(raw: bytes, rng: random.Random) -> list[tuple[str, bytes]]:
    """The file re-dumped by ruamel.yaml and re-written by the test emitter in another style (when it loads)."""
    from strategies import faithful_style, ruamel_reformat, to_yaml

    document = _load(raw, CASE_NAME)
    if not document.loaded:
        return []
    found = []
    try:
        dumped = ruamel_reformat(document.data, rng)
    except Exception:  # noqa: BLE001 - ruamel.yaml cannot write every value (huge integers); not a finding
        dumped = None
    if dumped is not None and _ruamel_faithful(document.data, dumped):
        found.append(("ruamel dump", dumped.encode("utf-8")))
    style = faithful_style(rng)
    found.append((f"restyled ({_style_name(style)})", to_yaml(document.data, style).encode("utf-8")))
    return found


def _ruamel_faithful(data: Any, dumped: str) -> bool:
    """Whether ruamel.yaml reads its own dump back as ``data``. Its emitter sometimes drops a space where it wraps a
    quoted line, and writes a CR raw inside a literal block (where it ends the line, so the text no longer parses);
    those are no defects of agreed, so such dumps are skipped. A dump with a raw NEL, LS or PS is skipped too: agreed
    refuses those characters raw by design (they are line breaks to YAML 1.1 readers only)."""
    from ruamel.yaml import YAML

    if any(char in dumped for char in RAW_BREAKS):
        return False
    try:
        return bool(YAML(typ="safe", pure=True).load(dumped) == data)
    except Exception:  # noqa: BLE001 - whatever ruamel.yaml cannot read back is skipped
        return False


def _style_name(style: Any) -> str:
    parts = [f"quoting={style.quoting}", f"break={style.line_break!r}"]
    if style.flow_from is not None:
        parts.append(f"flow>={style.flow_from}")
    if style.raw_breaks_in_quotes:
        parts.append("raw NEL/LS/PS in quotes")
    if style.hex_ints:
        parts.append("hex ints")
    return ",".join(parts)


# -- the command line ----------------------------------------------------------------------------------------------


CROSS_FILE = "cross-file"  # the category of rules whose findings depend on which files are linted together
LINT = ("lint", "--isolated", "--no-cache", "-j", "1", "--today", TODAY.isoformat(), "--format", "json")
COMMANDS: tuple[tuple[str, ...], ...] = (
    (*LINT, CASE_NAME),
    (*LINT, SEED_NAME),
    (*LINT, SEED_NAME, CASE_NAME),
    ("validate", "--isolated", "-j", "1", "--format", "json", CASE_NAME),
    ("digest", CASE_NAME),
    ("diff", SEED_NAME, CASE_NAME),
    ("check-text", "--isolated", "--format", "json", CASE_NAME),
)


def cli_failures(folder: Path, raw: bytes, seed: bytes) -> list[Failure]:
    """Run each command on the case in ``folder`` (the current folder): exit 0, 1 or 2, never a traceback or an
    internal error, lint's and validate's JSON positions inside the file, and lint of the case with its seed
    reporting what lint of each alone reports."""
    from click.testing import CliRunner

    from agreed.cli import main

    (folder / CASE_NAME).write_bytes(raw)
    (folder / SEED_NAME).write_bytes(seed)
    runner = CliRunner()
    failures = []
    alone: dict[str, set[tuple[Any, ...]]] = {}
    for args in COMMANDS:
        name = args[0]
        try:
            result = runner.invoke(main, list(args), catch_exceptions=False)
        except Exception as error:  # noqa: BLE001 - an exception through click is the finding
            failures.append(Failure("cli-no-exception", f"agreed {name}: {exception_site(error)}", repr(error)[:300]))
            continue
        output = result.output
        internal = next((line for line in output.splitlines() if "internal error" in line or "Traceback" in line), "")
        if internal:
            kind = re.sub(r"internal error: (\w+):.*", r"internal error: \1", internal)
            failures.append(Failure("cli-no-exception", f"agreed {name}: {kind[:120]}", internal[:300]))
        if result.exit_code not in (0, 1, 2):
            failures.append(Failure("cli-exit-code", f"agreed {name}: exit {result.exit_code}", output[-300:]))
        if name in ("lint", "validate") and not internal:
            failures += _json_positions(raw, result.stdout, f"agreed {name}")
        if name == "lint" and not internal and result.exit_code in (0, 1):
            failures += hidden_findings(args, result.stdout, alone)
        if name == "check-text" and result.exit_code in (0, 1) and not internal:
            failures += _statement_positions(raw, result.stdout)
    return failures


def hidden_findings(args: tuple[str, ...], stdout: str, alone: dict[str, set[tuple[Any, ...]]]) -> list[Failure]:
    """Linting files together reports at least what linting each alone reports: one file never hides another's
    findings. Cross-file rules are left out: what they report depends on the set of files by design (K905 reports
    a party named two ways once, in whichever file it meets second)."""
    try:
        problems = json.loads(stdout).get("problems", [])
    except ValueError:
        return []
    found: dict[str, set[tuple[Any, ...]]] = {}
    for item in problems:
        if item.get("category") != CROSS_FILE:
            found.setdefault(item["path"], set()).add((item["line"], item["col"], item["rule"], item["message"]))
    files = [arg for arg in args if arg in (CASE_NAME, SEED_NAME)]
    if len(files) == 1:
        alone[files[0]] = found.get(files[0], set())
        return []
    failures = []
    for name in files:
        missing = alone.get(name, set()) - found.get(name, set())
        if missing:
            first = sorted(missing)[0]
            failures.append(Failure("lint-together-reports-each", f"agreed lint {' '.join(files)}: {first[2]} of "
                                    f"{name} missing", f"{len(missing)} missing, first {first}"[:300]))
    return failures


def _json_positions(raw: bytes, stdout: str, command: str) -> list[Failure]:
    try:
        report = json.loads(stdout)
    except ValueError:
        return [Failure("cli-json", f"{command} --format json: output is not JSON", stdout[:200])]
    problems = [Problem(item["path"], item["line"], item["col"], item["rule"], agreed.Severity.ERROR, item["message"])
                for item in report.get("problems", []) if item.get("path") == CASE_NAME]
    return position_failures(raw, problems, command)


def _statement_positions(raw: bytes, stdout: str) -> list[Failure]:
    """check-text's JSON Lines: each finding's line and column (start + 1) must exist in the file."""
    problems = []
    for line in stdout.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            return [Failure("cli-json", "agreed check-text --format json: a line is not JSON", line[:200])]
        problems += [Problem(CASE_NAME, record["line"], finding["start"] + 1, finding["rule"], agreed.Severity.ERROR,
                             finding["message"]) for finding in record.get("findings", [])]
    return position_failures(raw, problems, "agreed check-text")
