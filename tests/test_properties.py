"""Properties over generated and mutated agreements (tests/strategies.py), checked by tests/property_checks.py:
nothing escapes the library or the command line, every position is in the file, digest equality matches diff
materiality, and re-writing an agreement keeps its digest.

The budget is bounded and the examples derandomized, so CI runs the same cases every time; tests/tools/fuzz.py runs
the same checks on many more documents.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings

import agreed
from property_checks import (
    CASE_NAME,
    SEED_NAME,
    Failure,
    cli_failures,
    hidden_findings,
    library_failures,
    pair_failures,
    position_failures,
    reformat_failures,
    rewrites,
)
from strategies import Case, Pair, cases, pairs, statements, to_yaml, valid_documents

# No shrinking: it can take minutes on these inputs; every failure message carries the failing bytes, and
# tests/tools/fuzz.py minimizes reproducers.
BUDGET = settings(max_examples=100, deadline=None, derandomize=True, database=None,
                  phases=[Phase.explicit, Phase.generate],
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CLI_BUDGET = settings(BUDGET, max_examples=25)


def _report(failures: list[Failure]) -> str:
    return "\n".join(f"{failure.prop}: {failure.signature}: {failure.detail}" for failure in failures)


@BUDGET
@given(cases())
def test_library_keeps_every_property_on_mutated_agreements(case: Case) -> None:
    failures = library_failures(case.raw, case.seed)
    assert not failures, f"{case.label}: {case.raw[:300]!r}\n{_report(failures)}"


@BUDGET
@given(pairs())
def test_digest_equality_matches_diff_materiality(pair: Pair) -> None:
    failures = pair_failures(pair.old, pair.new)
    assert not failures, f"{pair.mutations}: {pair.old[:200]!r} -> {pair.new[:200]!r}\n{_report(failures)}"


@settings(BUDGET, max_examples=50)
@given(valid_documents())
def test_rewriting_an_agreement_keeps_its_digest(document: tuple[dict[str, Any], random.Random]) -> None:
    data, rng = document
    raw = to_yaml(data).encode("utf-8")
    failures = reformat_failures(raw, rewrites(raw, rng))
    assert not failures, f"{raw[:300]!r}\n{_report(failures)}"


@settings(BUDGET, max_examples=100)
@given(statements())
def test_check_statement_never_raises(text: str) -> None:
    findings = agreed.check_statement(text)
    assert all(0 <= finding.start <= finding.end <= len(text) for finding in findings)


@CLI_BUDGET
@given(cases())
def test_commands_exit_cleanly_on_mutated_agreements(case: Case) -> None:
    with tempfile.TemporaryDirectory(prefix="agreed-properties-") as folder, contextlib.chdir(folder):
        failures = cli_failures(Path(folder), case.raw, case.seed)
    assert not failures, f"{case.label}: {case.raw[:300]!r}\n{_report(failures)}"


# Reproducers found by hand and by the fuzz script, kept as fixed examples of the same properties.
POSITION_REPRODUCERS = [
    pytest.param(b"a: [1", id="eof-without-final-break"),
    pytest.param('a: "ééééé"\nb: \x01'.encode(), id="non-ascii-before-bad-character"),
    pytest.param(b"a: 1\rb: [\r", id="cr-line-breaks"),
    pytest.param(b"d:\xc2\x85p", id="raw-nel"),
    pytest.param(b"\xe2\x80\xa8\x82", id="ls-then-invalid-utf8"),
    pytest.param(b"a: 1\r\n\xff", id="crlf-then-invalid-utf8"),
    pytest.param(b"\xef\xbb\xbfa: [1", id="bom-then-eof"),
    pytest.param(b"a:\n\tb: 1\n", id="tab-indentation"),
    pytest.param(b"\xef\xbb\xbf\xef\xbb\xbfagreed: 1\r\nt:", id="double-bom-crlf"),
]


@pytest.mark.parametrize("raw", POSITION_REPRODUCERS)
def test_reported_positions_exist_in_the_file(raw: bytes) -> None:
    document = agreed.load(raw, "case.yaml")
    failures = position_failures(raw, [*agreed.check(document), *agreed.validate(document)], "library")
    assert not failures, _report(failures)


def _swap_party_ids(data: dict[str, Any]) -> None:
    first, second = data["parties"][0], data["parties"][1]
    first["id"], second["id"] = second["id"], first["id"]


@pytest.mark.parametrize("edit", [
    pytest.param(lambda data: data["parties"].reverse(), id="parties-reordered"),
    pytest.param(_swap_party_ids, id="party-ids-swapped"),
    pytest.param(lambda data: data.update({"x-n": float("nan")}), id="nan-in-extension"),
    pytest.param(lambda data: data.update({"x-list": [{"b": 1}, {"a": 2}, 3]}), id="id-less-list-in-extension"),
])
def test_digest_and_diff_agree_on_known_edits(minimal_agreement: dict[str, Any],
                                              edit: Callable[[dict[str, Any]], None]) -> None:
    new = copy.deepcopy(minimal_agreement)
    edit(new)
    old_raw, new_raw = to_yaml(minimal_agreement).encode("utf-8"), to_yaml(new).encode("utf-8")
    failures = pair_failures(old_raw, new_raw) + library_failures(new_raw)
    if "x-list" in new:
        new["x-list"].reverse()
        failures += pair_failures(new_raw, to_yaml(new).encode("utf-8"))
    assert not failures, _report(failures)


@pytest.mark.parametrize(("raw", "line", "col", "inside"), [
    pytest.param(b"a: [1", 1, 6, True, id="end-of-last-line"),
    pytest.param(b"a: [1", 2, 1, False, id="line-after-a-file-without-final-break"),
    pytest.param(b"a: 1\n", 2, 1, True, id="line-after-final-break"),
    pytest.param("é: 1\rb".encode(), 1, 6, False, id="column-counts-characters-and-cr-ends-a-line"),
    pytest.param(b"\xef\xbb\xbfab", 1, 3, True, id="bom-is-not-a-column"),
    pytest.param(b"\xef\xbb\xbf\xef\xbb\xbfab", 1, 4, False, id="nor-a-doubled-bom"),
])
def test_the_position_check_itself(raw: bytes, line: int, col: int, inside: bool) -> None:
    problem = agreed.Problem("case.yaml", line, col, "S001", agreed.Severity.ERROR, "probe")
    assert (position_failures(raw, [problem], "probe") == []) is inside


@pytest.mark.parametrize("raw", [
    pytest.param(b"x: a\x0cb\nwhat: improve things significantly\n", id="form-feed"),
    pytest.param("x: a\x85b\nwhat: improve things significantly\n".encode(), id="raw-nel"),
    pytest.param(b"x: a\x1cb\nwhat: improve it significantly\n", id="file-separator"),
])
def test_command_positions_exist_in_the_file(raw: bytes) -> None:
    with tempfile.TemporaryDirectory(prefix="agreed-properties-") as folder, contextlib.chdir(folder):
        failures = cli_failures(Path(folder), raw, b"agreed: 1\n")
    assert not failures, _report(failures)


@pytest.mark.parametrize("value", [
    pytest.param("07:00", id="colon"),
    pytest.param("Ready? Go", id="question-mark-and-space"),
])
def test_a_flow_style_dump_by_ruamel_keeps_the_digest(minimal_agreement: dict[str, Any], value: str) -> None:
    # ruamel.yaml writes these plain inside flow collections: valid YAML 1.2 (an indicator only where it starts a
    # scalar, or a ':' followed by a space), which libyaml (YAML 1.1) refuses.
    from ruamel.yaml import YAML

    minimal_agreement["x-hours"] = {"opens": value, "slots": [value, "09:30"]}
    yaml = YAML(typ="rt")
    yaml.default_flow_style = True
    dumped = io.StringIO()
    yaml.dump(minimal_agreement, dumped)
    raw = to_yaml(minimal_agreement).encode("utf-8")
    failures = reformat_failures(raw, [("ruamel flow dump", dumped.getvalue().encode("utf-8"))])
    assert not failures, f"{dumped.getvalue()[:300]}\n{_report(failures)}"


def test_the_hidden_findings_check_itself() -> None:
    finding = {"path": CASE_NAME, "line": 1, "col": 1, "rule": "S100", "message": "probe"}
    alone: dict[str, set[tuple[Any, ...]]] = {}
    assert hidden_findings((CASE_NAME,), json.dumps({"problems": [finding]}), alone) == []
    together = hidden_findings((SEED_NAME, CASE_NAME), json.dumps({"problems": []}), alone)
    assert [failure.prop for failure in together] == ["lint-together-reports-each"]
    assert hidden_findings((SEED_NAME, CASE_NAME), json.dumps({"problems": [finding]}), alone) == []


@pytest.mark.parametrize("raw", [
    pytest.param(b"agreed: 1\nx-big: 0x" + b"f" * 3800 + b"\n", id="huge-hex-integer"),
    pytest.param(b"\xef\xbb\xbf\xef\xbb\xbfagreed: 1\r\nt:", id="double-bom"),
    pytest.param(b"agreed: 1\nid: x\nx-n: [.nan, *a]\n", id="alias-without-anchor"),
])
def test_the_installed_command_exits_cleanly(tmp_path: Path, raw: bytes) -> None:
    """A few cases through a real process, as a user runs it (the generated cases use CliRunner)."""
    (tmp_path / CASE_NAME).write_bytes(raw)
    commands = (["lint", "--isolated", "--no-cache", CASE_NAME], ["digest", CASE_NAME], ["diff", CASE_NAME, CASE_NAME])
    for args in commands:
        done = subprocess.run([sys.executable, "-m", "agreed", *args], cwd=tmp_path, capture_output=True, text=True,
                              timeout=60, check=False)
        assert done.returncode in (0, 1, 2), (args, done.stderr)
        assert "Traceback" not in done.stderr + done.stdout, (args, done.stderr)
        assert "internal error" not in done.stderr, (args, done.stderr)
