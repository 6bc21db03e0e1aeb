"""agreed.document: hostile and broken input becomes positioned Problems, never an exception; positions are exact."""

from __future__ import annotations

import json
import math
import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from agreed.compose import DEFAULT_LIMITS, Limits
from agreed.document import Document, JsonPath, load_document, read_document
from agreed.lines import line_col
from agreed.problem import Severity

LoadText = Callable[..., Document]


def load(raw: bytes, limits: Limits = DEFAULT_LIMITS) -> Document:
    return load_document(raw, "agreement.yaml", limits)


def only_problem(document: Document) -> tuple[str, int, int, str]:
    """The single problem of a document that failed to load, as (code, line, col, message)."""
    assert document.data is None
    assert not document.loaded
    assert len(document.problems) == 1, document.problems
    problem = document.problems[0]
    assert problem.path == "agreement.yaml"
    assert problem.severity is Severity.ERROR
    return problem.rule, problem.line, problem.col, problem.message


def where(source: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, col) of the ``occurrence``-th ``needle`` in ``source``, counting characters."""
    offset = -1
    for _ in range(occurrence):
        offset = source.index(needle, offset + 1)
    before = source[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def alias_bomb(levels: int = 9, fan_out: int = 9) -> bytes:
    """The YAML 'billion laughs': each level holds ``fan_out`` aliases of the previous one."""
    lines = [f"l0: &l0 [{', '.join(['lol'] * fan_out)}]"]
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * fan_out)}]")
    return ("\n".join(lines) + "\n").encode()


# ------------------------------------------------------------------------------------------ broken and hostile input

BROKEN: list[Any] = [
    pytest.param(b"agreed: 1\ntitle: Demo\n  status: draft\n", "S001", 3, 9, "mapping values are not allowed",
                 id="syntax-error"),
    pytest.param(b"agreed: 1\nparties: [maria, li\ntitle: x\n", "S001", 3, 6, "did not find expected ',' or ']'",
                 id="unclosed-flow-sequence"),
    pytest.param(b"agreed: 1\ntitle: 'unterminated\n", "S001", 3, 1, "unexpected end of stream",
                 id="unterminated-quote"),
    pytest.param(b'agreed: 1\ntitle: "bad \\q escape"\n', "S001", 2, 13, "unknown escape character",
                 id="bad-escape"),
    pytest.param(b"agreed: 1\nid: demo\ntitle: Demo\nid: other\n", "S002", 4, 1,
                 "duplicate key 'id' (first defined on line 2)", id="duplicate-key"),
    pytest.param(b"agreed: 1\nterm:\n  start: 2031-01-06\n  end: 2031-12-31\n  start: 2031-02-01\n", "S002", 5, 3,
                 "duplicate key 'start' (first defined on line 3)", id="duplicate-nested-key"),
    pytest.param(b"1: a\n'1': b\n", "S002", 2, 1, "duplicate key '1' (first defined on line 1)",
                 id="duplicate-key-after-conversion"),
    pytest.param(b"agreed: 1\nid: !!python/object/apply:os.system ['echo pwned']\n", "S003", 2, 5,
                 "tag !!python/object/apply:os.system is not allowed", id="python-object-apply"),
    pytest.param(b"agreed: 1\nid: !!python/object:os.system\n  cmd: ls\n", "S003", 2, 5,
                 "tag !!python/object:os.system is not allowed", id="python-object-mapping"),
    pytest.param(b"agreed: 1\n!!python/name:os.system : 1\n", "S003", 2, 1, "tag !!python/name:os.system",
                 id="python-name-key"),
    pytest.param(b"agreed: 1\ntitle: !secret vault/path\n", "S003", 2, 8, "tag !secret is not allowed",
                 id="custom-scalar-tag"),
    pytest.param(b"agreed: 1\nterm: !vault {start: x}\n", "S003", 2, 7, "tag !vault is not allowed",
                 id="custom-mapping-tag"),
    pytest.param(b"agreed: 1\nmeans: !steps [a, b]\n", "S003", 2, 8, "tag !steps is not allowed",
                 id="custom-sequence-tag"),
    pytest.param(b"agreed: 1\nkeys: !!binary aGVsbG8=\n", "S003", 2, 7, "tag !!binary is not allowed", id="binary"),
    pytest.param(b"agreed: 1\nmeans: !!set {a, b}\n", "S003", 2, 8, "tag !!set is not allowed", id="set"),
    pytest.param(b"agreed: 1\nmeans: !!omap [a: 1]\n", "S003", 2, 8, "tag !!omap is not allowed", id="omap"),
    pytest.param(b"base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n", "S003", 3, 3, "merge keys (<<) are not supported",
                 id="merge-key"),
    pytest.param(b"agreed: 1\n---\nagreed: 2\n", "S004", 2, 1, "more than one YAML document",
                 id="multiple-documents"),
    pytest.param(b"agreed: 1\n...\n---\nagreed: 2\n", "S004", 3, 1, "more than one YAML document",
                 id="multiple-documents-explicit-end"),
    pytest.param(b"agreed: 1\nmeans: &x [a, *x]\n", "S001", 2, 15, "alias *x refers to a collection that contains it",
                 id="recursive-alias"),
    pytest.param(b"agreed: 1\ntitle: *nowhere\n", "S001", 2, 8, "alias *nowhere has no anchor", id="unknown-alias"),
    pytest.param(b"agreed: 1\nx: &k title\n*k : Demo\n", "S001", 3, 1, "an alias cannot be used as a mapping key",
                 id="alias-as-key"),
    pytest.param(b"agreed: 1\n? [a, b]\n: 1\n", "S001", 2, 3, "mapping keys must be plain text, not collections",
                 id="complex-sequence-key"),
    pytest.param(b"agreed: 1\n{a: 1}: 2\n", "S001", 2, 1, "mapping keys must be plain text, not collections",
                 id="complex-mapping-key"),
    pytest.param(b"agreed: 1\nquantity: !!int abc\n", "S001", 2, 11, "invalid int value 'abc'", id="bad-explicit-int"),
    pytest.param(b"agreed: 1\ntitle: a\x00b\n", "S001", 2, 9, "character U+0000 is not allowed", id="nul"),
    pytest.param(b"agreed: 1\ntitle: ring\x07bell\n", "S001", 2, 12, "character U+0007 is not allowed", id="bel"),
    pytest.param(b"agreed: 1\ntitle: \x1b[31mred\n", "S001", 2, 8, "character U+001B is not allowed", id="escape"),
    pytest.param(b"agreed: 1\ntitle: del\x7f\n", "S001", 2, 11, "character U+007F is not allowed", id="delete"),
    pytest.param(b"agreed: 1\nid: demo\ntitle: caf\xe9\n", "S008", 3, 11, "not valid UTF-8 (byte 0xe9)",
                 id="latin-1-byte"),
    pytest.param(b"agreed: 1\n\n\n  title: \xff\xfe\n", "S008", 4, 10, "not valid UTF-8 (byte 0xff)",
                 id="invalid-byte-later-line"),
    pytest.param(b"agreed: 1\ntitle: \xe2\x82\n", "S008", 2, 8, "not valid UTF-8 (byte 0xe2)",
                 id="truncated-sequence"),
    pytest.param(b"\xff\xfea\x00:\x00 \x001\x00", "S008", 1, 1, "not valid UTF-8 (byte 0xff)", id="utf-16"),
    pytest.param(b"", "S009", 1, 1, "file holds no YAML document", id="empty"),
    pytest.param(b"\n\n   \n", "S009", 1, 1, "file holds no YAML document", id="whitespace-only"),
    pytest.param(b"# agreed: 1\n# title: Demo\n", "S009", 1, 1, "file holds no YAML document", id="comments-only"),
    pytest.param(b"- agreed: 1\n- title: Demo\n", "S012", 1, 1, "a YAML mapping of keys to values, not a list",
                 id="top-level-list"),
    pytest.param(b"just some words\n", "S012", 1, 1, "not a single value", id="top-level-string"),
    pytest.param(b"42\n", "S012", 1, 1, "not a single value", id="top-level-number"),
    pytest.param(b"---\n", "S012", 1, 1, "not an empty value", id="top-level-null"),
]


@pytest.mark.parametrize(("raw", "code", "line", "col", "message"), BROKEN)
def test_broken_input_becomes_one_positioned_problem(raw: bytes, code: str, line: int, col: int,
                                                     message: str) -> None:
    got_code, got_line, got_col, got_message = only_problem(load(raw))
    assert (got_code, got_line, got_col) == (code, line, col), got_message
    assert message in got_message


def test_duplicate_keys_in_different_mappings_are_fine(load_text: LoadText) -> None:
    document = load_text("a:\n  id: x\nb:\n  id: y\nparties:\n  - id: maria\n  - id: li\n")
    assert document.loaded
    assert document.data["parties"] == [{"id": "maria"}, {"id": "li"}]


def test_a_leading_document_marker_is_one_document() -> None:
    document = load(b"---\nagreed: 1\n")
    assert document.loaded
    assert document.data == {"agreed": 1}


def test_aliases_to_scalars_and_collections_are_expanded() -> None:
    document = load(b"who: &w maria\nlist: &l [a, b]\nowner: *w\ncopy: *l\n")
    assert document.data == {"who": "maria", "list": ["a", "b"], "owner": "maria", "copy": ["a", "b"]}


def test_alias_bomb_stops_fast_with_s007() -> None:
    started = time.perf_counter()
    document = load(alias_bomb())
    elapsed = time.perf_counter() - started
    code, line, _col, message = only_problem(document)
    assert code == "S007"
    assert "alias bomb" in message
    assert "100,000 values" in message
    assert 2 <= line <= 10
    assert elapsed < 2.0


def test_node_budget_is_configurable() -> None:
    document = load(b"a: &a [1, 2, 3, 4]\nb: [*a, *a, *a]\n", Limits(max_nodes=10))
    code, line, col, message = only_problem(document)
    assert (code, line, col) == ("S007", 2, 5)  # the first alias already expands past the budget
    assert "more than 10 values" in message


@pytest.mark.parametrize("raw", [b"[" * 100_000, b"a: " + b"[" * 100_000 + b"]" * 100_000, b"{a: " * 100_000],
                         ids=["unclosed-brackets", "balanced-brackets", "nested-mappings"])
def test_deep_nesting_stops_fast_with_s006(raw: bytes) -> None:
    started = time.perf_counter()
    document = load(raw)
    elapsed = time.perf_counter() - started
    code, line, col, message = only_problem(document)
    assert (code, line) == ("S006", 1)
    assert col > 64
    assert "deeper than 64 levels" in message
    assert elapsed < 2.0


def test_depth_limit_is_configurable() -> None:
    assert load(b"a: {b: {c: 1}}\n", Limits(max_depth=3)).loaded
    code, line, col, message = only_problem(load(b"a: {b: {c: [1]}}\n", Limits(max_depth=3)))
    assert (code, line, col) == ("S006", 1, 12)
    assert "deeper than 3 levels" in message


def test_file_over_the_size_cap_is_s005() -> None:
    raw = b"agreed: 1\n" + b"# padding\n" * 10
    assert load(raw, Limits(max_bytes=len(raw))).loaded
    code, line, col, message = only_problem(load(raw, Limits(max_bytes=len(raw) - 1)))
    assert (code, line, col) == ("S005", 1, 1)
    assert f"larger than the {len(raw) - 1:,}-byte limit" in message


def test_default_size_cap_is_two_mebibytes() -> None:
    raw = b"agreed: 1\n" + b"#" * (2 * 1024 * 1024)
    code, _line, _col, message = only_problem(load(raw))
    assert code == "S005"
    assert "2,097,152-byte limit" in message


def test_utf8_bom_is_accepted_and_not_counted_as_a_column() -> None:
    document = load(b"\xef\xbb\xbfagreed: 1\nid: demo\n")
    assert document.loaded
    assert document.data == {"agreed": 1, "id": "demo"}
    assert document.position(("agreed",)) == (1, 9)
    assert document.key_position(("agreed",)) == (1, 1)
    assert document.position(("id",)) == (2, 5)


def test_invalid_byte_after_bom_is_named_and_positioned() -> None:
    code, line, col, message = only_problem(load(b"\xef\xbb\xbfa\nb: \xff\n"))
    assert (code, line, col) == ("S008", 2, 4)
    assert "byte 0xff" in message


def test_invalid_byte_column_counts_characters() -> None:
    # "b: é" is four characters (five bytes); the bad byte is the fifth character.
    code, line, col, _message = only_problem(load(b"a: 1\nb: \xc3\xa9\xe9\n"))
    assert (code, line, col) == ("S008", 2, 5)


@pytest.mark.parametrize(
    ("raw", "line", "col", "message"),
    [
        pytest.param(b"agreed: 1\nok: !!bool maybe\n", 2, 5, "invalid bool value 'maybe'", id="bool-maybe"),
        pytest.param(b"agreed: 1\nok: !!bool ''\n", 2, 5, "invalid bool value", id="bool-empty"),
        pytest.param(b"agreed: 1\nn: !!int ''\n", 2, 4, "invalid int value", id="int-empty"),
        pytest.param(b"agreed: 1\nn: !!float ''\n", 2, 4, "invalid float value", id="float-empty"),
    ],
)
def test_explicit_tag_with_unconvertible_value_is_a_problem(raw: bytes, line: int, col: int, message: str) -> None:
    code, got_line, got_col, got_message = only_problem(load(raw))
    assert (code, got_line, got_col) == ("S001", line, col)
    assert message in got_message


def test_explicit_timestamp_with_bad_value_is_positioned() -> None:
    code, line, col, message = only_problem(load(b"agreed: 1\ndue: !!timestamp soon\n"))
    assert (code, line, col) == ("S001", 2, 6)
    assert "soon" in message


def test_problem_path_is_the_given_display_path() -> None:
    document = load_document(b"- a\n", "contracts/x.yaml")
    assert [problem.path for problem in document.problems] == ["contracts/x.yaml"]


# ------------------------------------------------------------------------------------------ read_document


def test_read_document_reads_a_file(tmp_path: Path) -> None:
    file = tmp_path / "a.yaml"
    file.write_bytes(b"agreed: 1\nid: demo\n")
    document = read_document(file)
    assert document.loaded
    assert document.path == str(file)
    assert document.data == {"agreed": 1, "id": "demo"}
    assert read_document(file, display_path="shown.yaml").path == "shown.yaml"


@pytest.mark.parametrize(("make", "message"), [
    pytest.param(lambda base: base / "missing.yaml", "no such file", id="missing"),
    pytest.param(lambda base: base / "no" / "such" / "dir.yaml", "no such file", id="missing-parent"),
    pytest.param(lambda base: base, "is a directory", id="directory"),
])
def test_read_document_turns_os_errors_into_s010(tmp_path: Path, make: Callable[[Path], Path], message: str) -> None:
    document = read_document(make(tmp_path), display_path="shown.yaml")
    assert document.data is None
    assert [(problem.path, problem.line, problem.col, problem.rule) for problem in document.problems] == [
        ("shown.yaml", 1, 1, "S010")]
    assert message in document.problems[0].message


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_read_document_unreadable_file_is_s010(tmp_path: Path) -> None:
    file = tmp_path / "secret.yaml"
    file.write_bytes(b"agreed: 1\n")
    file.chmod(0)
    try:
        document = read_document(file)
    finally:
        file.chmod(0o600)
    assert [(problem.rule, problem.line, problem.col) for problem in document.problems] == [("S010", 1, 1)]
    assert "cannot be read" in document.problems[0].message
    assert "ermission denied" in document.problems[0].message


def test_read_document_stops_reading_past_the_cap(tmp_path: Path) -> None:
    file = tmp_path / "big.yaml"
    file.write_bytes(b"agreed: 1\n" + b"# padding\n" * 1000)
    document = read_document(file, limits=Limits(max_bytes=100))
    assert [problem.rule for problem in document.problems] == ["S005"]
    assert "100-byte limit" in document.problems[0].message


# ------------------------------------------------------------------------------------------ values


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("2031-01-06", "2031-01-06", id="date"),
    pytest.param("2031-01-06T10:30:00Z", "2031-01-06T10:30:00Z", id="datetime-kept-as-written"),
    pytest.param("!!str 2031-01-06", "2031-01-06", id="tagged-date-string"),
    pytest.param("'2031-01-06'", "2031-01-06", id="quoted-date"),
    pytest.param("yes", "yes", id="yes"),
    pytest.param("no", "no", id="no"),
    pytest.param("on", "on", id="on"),
    pytest.param("off", "off", id="off"),
    pytest.param("y", "y", id="y"),
    pytest.param("NO", "NO", id="norway"),
    pytest.param("42", 42, id="int"),
    pytest.param("-7", -7, id="negative-int"),
    pytest.param("0", 0, id="zero"),
    pytest.param("0x1F", 31, id="hex"),
    pytest.param("1.5", 1.5, id="float"),
    pytest.param("1e3", 1000.0, id="exponent"),
    pytest.param("!!float 1", 1.0, id="tagged-float"),
    pytest.param("!!int '7'", 7, id="tagged-int"),
    pytest.param("'42'", "42", id="quoted-int"),
    pytest.param("true", True, id="true"),
    pytest.param("false", False, id="false"),
    pytest.param("True", True, id="capitalised-true"),
    pytest.param("null", None, id="null"),
    pytest.param("~", None, id="tilde"),
    pytest.param("", None, id="empty"),
    pytest.param("Maria, yes; Li, no", "Maria, yes; Li, no", id="punctuation-in-plain"),
])
def test_scalars_follow_the_yaml_1_2_core_schema(text: str, expected: Any) -> None:
    document = load(f"value: {text}\n".encode())
    assert document.loaded, document.problems
    value = document.data["value"]
    assert value == expected
    assert type(value) is type(expected)


def test_special_floats() -> None:
    data = load(b"a: .nan\nb: .inf\nc: -.inf\n").data
    assert math.isnan(data["a"])
    assert data["b"] == math.inf
    assert data["c"] == -math.inf


def test_dates_inside_collections_become_iso_strings() -> None:
    document = load(b"check_ins:\n  dates: [2031-03-02, 2031-06-01]\nterm: {start: 2031-01-06}\n")
    assert document.data == {"check_ins": {"dates": ["2031-03-02", "2031-06-01"]}, "term": {"start": "2031-01-06"}}


def test_keys_are_strings() -> None:
    assert load(b"1: a\ntrue: b\nnull: c\n2031-01-06: d\n").data == {
        "1": "a", "true": "b", "null": "c", "2031-01-06": "d"}


def test_complete_agreement_loads(complete_agreement: Document) -> None:
    assert complete_agreement.problems == ()
    assert complete_agreement.data["agreed"] == 1
    assert complete_agreement.data["term"] == {"start": "2031-01-06", "end": "2033-03-31"}
    assert complete_agreement.data["parties"][0]["could_decline"] is True


def test_crlf_line_endings(load_text: LoadText) -> None:
    document = load_text("agreed: 1\r\nid: demo\r\ntitle: The quick report\r\n")
    assert document.data == {"agreed": 1, "id": "demo", "title": "The quick report"}
    assert document.position(("title",)) == (3, 8)
    assert document.text_position(("title",), 4, 9) == (3, 12)


# ------------------------------------------------------------------------------------------ positions

POSITIONS = """\
agreed: 1
title: Demo
parties:
  - id: maria
    name: Maria Chen
  - name: No Id
results:
  deliverables:
    - id: d2
      what: Publish
      owner: maria
    - id: 5
      what: Numeric id
    - id: ""
      what: Empty id
  means: [a, b, c, d]
"""


@pytest.fixture
def positioned(load_text: LoadText) -> Document:
    document = load_text(POSITIONS)
    assert document.loaded
    return document


@pytest.mark.parametrize(("path", "value", "key"), [
    pytest.param(("agreed",), (1, 9), (1, 1), id="top-level"),
    pytest.param(("title",), (2, 8), (2, 1), id="title"),
    pytest.param(("parties",), (4, 3), (3, 1), id="block-sequence"),
    pytest.param(("parties", 0), (4, 5), (4, 5), id="list-item-key-is-value"),
    pytest.param(("parties", 0, "name"), (5, 11), (5, 5), id="nested"),
    pytest.param(("parties", 1), (6, 5), (6, 5), id="second-item"),
    pytest.param(("results", "deliverables", 0, "owner"), (11, 14), (11, 7), id="deep"),
    pytest.param(("results", "means"), (16, 10), (16, 3), id="flow-sequence"),
    pytest.param(("results", "means", 3), (16, 20), (16, 20), id="flow-item"),
    pytest.param((), (1, 1), (1, 1), id="root"),
])
def test_position_and_key_position(positioned: Document, path: JsonPath, value: tuple[int, int],
                                   key: tuple[int, int]) -> None:
    assert positioned.position(path) == value
    assert positioned.key_position(path) == key


@pytest.mark.parametrize(("path", "expected"), [
    pytest.param(("results", "deliverables", 0, "due"), (9, 7), id="missing-key-uses-item"),
    pytest.param(("results", "deliverables", 9), (9, 5), id="missing-index-uses-list"),
    pytest.param(("nope", "deeper"), (1, 1), id="missing-top-level-uses-root"),
])
def test_position_of_a_missing_path_is_its_nearest_ancestor(positioned: Document, path: JsonPath,
                                                            expected: tuple[int, int]) -> None:
    assert positioned.position(path) == expected
    assert positioned.key_position(path) == expected


def test_positions_of_a_document_that_starts_with_comments(load_text: LoadText) -> None:
    document = load_text("# comment\n\n# another\nagreed: 1\nid: demo\n")
    assert document.position(()) == (4, 1)
    assert document.key_position(("id",)) == (5, 1)


@pytest.mark.parametrize(("path", "expected"), [
    pytest.param(("results", "deliverables", 0, "owner"), "results.deliverables[id=d2].owner", id="item-with-id"),
    pytest.param(("parties", 0), "parties[id=maria]", id="party-with-id"),
    pytest.param(("parties", 1, "name"), "parties[1].name", id="item-without-id"),
    pytest.param(("results", "deliverables", 1, "what"), "results.deliverables[1].what", id="numeric-id"),
    pytest.param(("results", "deliverables", 2, "what"), "results.deliverables[2].what", id="empty-id"),
    pytest.param(("results", "means", 3), "results.means[3]", id="scalar-item"),
    pytest.param(("results", "deliverables", 7), "results.deliverables[7]", id="missing-item"),
    pytest.param(("title",), "title", id="top-level"),
    pytest.param((), "(document)", id="root"),
])
def test_describe(positioned: Document, path: JsonPath, expected: str) -> None:
    assert positioned.describe(path) == expected


@pytest.mark.parametrize(("path", "expected"), [
    pytest.param(("parties", 0, "id"), "maria", id="nested"),
    pytest.param(("results", "means", 3), "d", id="list-item"),
    pytest.param(("results", "means", 4), None, id="index-out-of-range"),
    pytest.param(("results", "means", -1), None, id="negative-index"),
    pytest.param(("results", "means", "0"), None, id="string-step-into-list"),
    pytest.param(("parties", "0"), None, id="string-index"),
    pytest.param(("title", "x"), None, id="into-a-scalar"),
    pytest.param(("nope",), None, id="missing-key"),
])
def test_value_at(positioned: Document, path: JsonPath, expected: Any) -> None:
    assert positioned.value_at(path) == expected


# ------------------------------------------------------------------------------------------ text positions

TEXT_POSITIONS: list[Any] = [
    pytest.param("agreed: 1\nwhat: Deliver the quick report\n", "quick", 1, id="plain"),
    pytest.param("agreed: 1\nwhat: Deliver the\n  quick report soon\n", "quick", 1, id="plain-multi-line"),
    pytest.param("agreed: 1\nwhat: 'It''s a quick report'\n", "quick", 1, id="single-quoted"),
    pytest.param('agreed: 1\nwhat: "Tab\\there, \\"quoted\\" and quick"\n', "quick", 1, id="double-quoted"),
    pytest.param('agreed: 1\nwhat: "caf\\u00e9 and quick"\n', "quick", 1, id="double-quoted-unicode-escape"),
    pytest.param("agreed: 1\nwhat: |\n  First line\n  then the quick part\n", "quick", 1, id="literal-block"),
    pytest.param("agreed: 1\nwhat: >\n  First line\n  then the quick part\n  and more\n", "quick", 1,
                 id="folded-block"),
    pytest.param("agreed: 1\nwhat: >-\n\n  First line\n\n  then the quick part\n", "quick", 1,
                 id="folded-strip-with-blank-lines"),
    pytest.param("agreed: 1\nwhat: «Größe» ist quick\n", "quick", 1, id="non-ascii-before"),
    pytest.param("agreed: 1\nwhat: 🚀 launch is quick\n", "quick", 1, id="astral-character-before"),
    pytest.param("agreed: 1\nnote: quick\nwhat: also quick\n", "quick", 2, id="same-word-in-an-earlier-value"),
]


@pytest.mark.parametrize(("source", "word", "occurrence"), TEXT_POSITIONS)
def test_text_position_points_at_the_flagged_word(load_text: LoadText, source: str, word: str,
                                                  occurrence: int) -> None:
    document = load_text(source)
    assert document.loaded, document.problems
    value = document.data["what"]
    start = value.index(word)
    assert document.text_position(("what",), start, start + len(word)) == where(source, word, occurrence)


def test_text_position_of_a_phrase_folded_across_lines_falls_back_to_its_first_word(load_text: LoadText) -> None:
    source = "agreed: 1\nwhat: >\n  as soon\n  as possible\n"
    document = load_text(source)
    value = document.data["what"]
    start = value.index("soon as possible")
    assert document.text_position(("what",), start, start + len("soon as possible")) == where(source, "soon")


def test_text_position_of_a_later_copy_of_a_word_in_a_folded_block_is_that_copy(load_text: LoadText) -> None:
    source = "agreed: 1\nwhat: >-\n        Reviewed once d10\n        and d1 ships\n"
    document = load_text(source)
    start = document.data["what"].rindex("d1")
    assert document.text_position(("what",), start, start + len("d1")) == where(source, "d1", 2)


def test_text_position_falls_back_to_the_value(load_text: LoadText) -> None:
    document = load_text('agreed: 1\nwhat: "\\x41BC"\nn: 5\n')
    assert document.data["what"] == "ABC"
    assert document.text_position(("what",), 0, 1) == (2, 7)  # "A" is written as an escape: value start
    assert document.text_position(("what",), 0, 0) == (2, 7)  # nothing flagged
    assert document.text_position(("n",), 0, 1) == (3, 4)  # not a string: the value's position
    assert document.text_position(("missing",), 0, 1) == (1, 1)


def test_text_position_of_a_repeated_word(load_text: LoadText) -> None:
    source = "agreed: 1\nwhat: quick fixes, quick wins\n"
    document = load_text(source)
    value = document.data["what"]
    second = value.index("quick", 1)
    assert document.text_position(("what",), second, second + 5) == where(source, "quick", 2)


def test_text_position_with_cr_only_line_endings(load_text: LoadText) -> None:
    document = load_text("agreed: 1\rwhat: the quick report\r")
    assert document.position(("what",)) == (2, 7)
    assert document.text_position(("what",), 4, 9) == (2, 11)


# ------------------------------------------------------------------------------------------ fuzzing


def _mutations(seed_text: bytes, rng: random.Random) -> bytes:
    alphabet = b"[]{}:-?&*!|>'\"#%@`,\n \t\r\\\x00\xff\xc3\x85abc123<=~."
    data = bytearray(seed_text)
    for _ in range(rng.randint(1, 8)):
        position = rng.randrange(len(data) + 1)
        roll = rng.random()
        if roll < 0.4 and position < len(data):
            data[position] = rng.choice(alphabet)
        elif roll < 0.8:
            data.insert(position, rng.choice(alphabet))
        elif position < len(data):
            del data[position]
    return bytes(data)


def test_fuzzed_input_never_raises(complete_agreement_text: str) -> None:
    rng = random.Random(20310106)
    seed_text = complete_agreement_text.encode()[:2500]
    yaml_bytes = b"[]{}:-?&*!|>'\"#%@`,\n \t\\abc1<=~."
    for case in range(300):
        kind = case % 3
        if kind == 0:
            raw = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 200)))
        elif kind == 1:
            raw = bytes(rng.choice(yaml_bytes) for _ in range(rng.randint(0, 200)))
        else:
            raw = _mutations(seed_text, rng)
        document = load_document(raw, "fuzz.yaml", Limits(max_nodes=5_000, max_depth=16))
        assert (document.data is None) == bool(document.problems), raw
        assert document.data is None or isinstance(document.data, dict)
        for problem in document.problems:
            assert problem.line >= 1
            assert problem.col >= 1
            assert problem.rule.startswith("S")


# ------------------------------------------------------------------------------------------ positions inside the file


@pytest.mark.parametrize(("raw", "line", "col"), [
    pytest.param(b"a: [1", 1, 6, id="end-of-file-without-final-line-break"),
    pytest.param(b"a: [1\n", 2, 1, id="end-of-file-after-final-line-break"),
    pytest.param(b"a: 1\r\nb: [1", 2, 6, id="crlf-end-of-file"),
    pytest.param(b"a: 'open", 1, 9, id="unterminated-quote-at-end-of-file"),
])
def test_an_error_at_the_end_of_the_file_is_positioned_inside_it(raw: bytes, line: int, col: int) -> None:
    code, got_line, got_col, _message = only_problem(load(raw))
    assert (code, got_line, got_col) == ("S001", line, col)


@pytest.mark.parametrize("before", ["ééééé", "😀😀", "日本語", "\\ud83d\\ude00"])
def test_a_reader_error_after_non_ascii_text_counts_characters(before: str) -> None:
    code, line, col, message = only_problem(load(f'a: "{before}"\nb: \x01\n'.encode()))
    assert (code, line, col) == ("S001", 2, 4)
    assert "U+0001" in message


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_positions_count_cr_lf_and_crlf_as_one_line_break_each(newline: str) -> None:
    source = newline.join(["a: 1", "b: é", "c: [x", ""])
    assert only_problem(load(source.encode()))[1:3] == (4, 1)
    assert only_problem(load(f"a: 1{newline}b: \xff".encode("latin-1")))[:3] == ("S008", 2, 4)


def test_a_not_utf8_byte_after_cr_line_breaks_is_on_its_line() -> None:
    assert only_problem(load(b"a: 1\rb: 2\rc: \xff\n"))[:3] == ("S008", 3, 4)


def test_a_second_document_is_positioned_at_its_marker_after_non_ascii_text() -> None:
    assert only_problem(load("a: 日本語\n---\nb: 1\n".encode()))[:3] == ("S004", 2, 1)


@pytest.mark.parametrize(("source", "offset", "expected"), [
    pytest.param("ab", 99, (1, 3), id="past-the-end"),
    pytest.param("ab", -4, (1, 1), id="before-the-start"),
    pytest.param("a\r\nb", 2, (1, 2), id="between-cr-and-lf"),
    pytest.param("a\rb", 2, (2, 1), id="after-a-lone-cr"),
    pytest.param("a\n", 2, (2, 1), id="the-empty-line-after-a-final-break"),
    pytest.param("a\x85b\u2028c", 4, (1, 5), id="nel-ls-are-not-line-breaks"),
])
def test_line_col_is_always_a_position_in_the_text(source: str, offset: int, expected: tuple[int, int]) -> None:
    assert line_col(source, offset) == expected


# ------------------------------------------------------------------------------------------ NEL, LS and PS


@pytest.mark.parametrize(("raw", "line", "col", "name"), [
    pytest.param('a: "x\x85y"\n', 1, 6, "U+0085 (NEL", id="nel-in-double-quotes"),
    pytest.param("a: 'x\u2028y'\n", 1, 6, "U+2028 (LS", id="ls-in-single-quotes"),
    pytest.param("a: x\u2029y\n", 1, 5, "U+2029 (PS", id="ps-in-plain-text"),
    pytest.param("a: 1\r# note\x85b: 2\n", 2, 7, "U+0085", id="nel-in-a-comment-would-hide-a-key"),
])
def test_a_line_break_only_some_yaml_readers_know_is_refused(raw: str, line: int, col: int, name: str) -> None:
    code, got_line, got_col, message = only_problem(load(raw.encode()))
    assert (code, got_line, got_col) == ("S001", line, col)
    assert name in message
    assert "line break to some YAML readers and text to others" in message


def test_each_nel_is_reported_up_to_ten() -> None:
    document = load(("a: '" + "x\x85" * 14 + "'\n").encode())
    assert [(problem.line, problem.col) for problem in document.problems] == [(1, 6 + 2 * n) for n in range(10)]
    assert "4 more such characters" in document.problems[-1].message


def test_nel_written_as_an_escape_is_the_same_text_as_the_other_escapes() -> None:
    document = load(b'a: "x\\x85y"\nb: "x\\Ny"\nc: "x\\u0085y"\n')
    assert document.data == {"a": "x\x85y", "b": "x\x85y", "c": "x\x85y"}


def test_a_raw_cr_inside_quotes_is_a_line_break_and_folds_as_yaml_says() -> None:
    document = load(b'a: "x\ry"\nb: "x\\ry"\n')
    assert document.data == {"a": "x y", "b": "x\ry"}


# ------------------------------------------------------------------------------------------ surrogate-pair escapes


def test_a_json_surrogate_pair_escape_is_the_character_it_stands_for() -> None:
    emoji = "\U0001f600"
    escaped = json.dumps({"a": emoji, "b": f"x{emoji}y{emoji}"})
    assert "\\ud83d\\ude00" in escaped
    document = load(f"{escaped[1:-1]}\n".replace(", ", "\n").encode())
    assert document.data == {"a": emoji, "b": f"x{emoji}y{emoji}"}
    upper = load(b'a: "\\uD83D\\uDE00"\nb: "\\U0001F600"\nc: "\xf0\x9f\x98\x80"\n')
    assert upper.data == {"a": emoji, "b": emoji, "c": emoji}


def test_positions_after_surrogate_pair_escapes_are_in_the_source() -> None:
    source = 'a: ["\\ud83d\\ude00", "\\ud83d\\ude01", x, [y]]\nb: "\\ud83d\\ude02 then z"\nc: [1'
    document = load(source.encode())
    assert only_problem(document)[1:3] == (3, 6)
    valid = load(source.removesuffix("\nc: [1").encode())
    assert valid.position(("a", 2)) == where(source, "x")
    assert valid.position(("a", 3)) == where(source, "[y]")
    assert valid.position(("b",)) == where(source, '"\\ud83d\\ude02')
    assert valid.text_position(("b",), 7, 8) == where(source, "z")


@pytest.mark.parametrize(("source", "expected"), [
    pytest.param("a: \\ud83d\\ude00\n", "\\ud83d\\ude00", id="plain-text"),
    pytest.param("a: '\\ud83d\\ude00'\n", "\\ud83d\\ude00", id="single-quotes"),
    pytest.param("a: |\n  \\ud83d\\ude00\n", "\\ud83d\\ude00\n", id="block-scalar"),
    pytest.param("# \\ud83d\\ude00\na: \"\\ud83d\\ude00\"\n", "\U0001f600", id="comment-then-double-quotes"),
    pytest.param("a: \"\\\\\\ud83d\\ude00\"\n", "\\\U0001f600", id="after-an-escaped-backslash"),
])
def test_a_surrogate_pair_is_an_escape_only_inside_double_quotes(source: str, expected: str) -> None:
    document = load(source.encode())
    assert document.loaded, document.problems
    assert document.data == {"a": expected}


@pytest.mark.parametrize(("source", "col", "escape"), [
    pytest.param('a: "x\\ud83d"\n', 6, "\\ud83d", id="lone-high"),
    pytest.param('a: "\\ude00x"\n', 5, "\\ude00", id="lone-low"),
    pytest.param('a: "\\ude00\\ud83d"\n', 5, "\\ude00", id="reversed-pair"),
    pytest.param('a: "\\ud83d\\u0041"\n', 5, "\\ud83d", id="high-then-not-low"),
    pytest.param('a: "\\\\ud83d\\ude00"\n', 12, "\\ude00", id="escaped-backslash-leaves-a-lone-low"),
    pytest.param('a: "\\U0000D83D"\n', 5, "\\U0000D83D", id="eight-digit-escape-of-a-surrogate"),
])
def test_a_lone_surrogate_escape_is_a_positioned_error(source: str, col: int, escape: str) -> None:
    code, line, got_col, message = only_problem(load(source.encode()))
    assert (code, line, got_col) == ("S001", 1, col)
    assert f"the escape {escape} is half of a UTF-16 surrogate pair" in message


def test_an_escape_past_the_last_unicode_character_is_named() -> None:
    code, line, col, message = only_problem(load(b'a: "\\U00110000"\n'))
    assert (code, line, col) == ("S001", 1, 5)
    assert "past U+10FFFF" in message


# ------------------------------------------------------------------------------------------ tabs


@pytest.mark.parametrize(("raw", "line"), [
    pytest.param(b"a:\n\tb: 1\n", 2, id="tab-indents-a-key"),
    pytest.param(b"a:\n  b: 1\n\tc: 2\n", 3, id="tab-after-space-indented-keys"),
    pytest.param(b"- a\n\t- b\n", 2, id="tab-indents-a-list-item"),
    pytest.param(b"a: |\n\tx\n", 2, id="tab-indents-a-block-scalar"),
])
def test_tab_indentation_is_named(raw: bytes, line: int) -> None:
    code, got_line, col, message = only_problem(load(raw))
    assert (code, got_line, col) == ("S001", line, 1)
    assert "a tab indents this line; YAML indents with spaces only" in message


# ------------------------------------------------------------------------------------------ numbers and dates


@pytest.mark.parametrize("written", [
    pytest.param("0x" + "f" * 4000, id="hex-past-the-interpreter-limit"),
    pytest.param("0o" + "7" * 6000, id="octal-past-the-interpreter-limit"),
    pytest.param("-0x" + "f" * 500, id="negative-hex-just-past-600-digits"),
    pytest.param("9" * 601, id="decimal-601-digits"),
    pytest.param("0" * 5000 + "1", id="decimal-with-5000-leading-zeros"),
    pytest.param("0b" + "1" * 2000, id="binary"),
])
def test_a_number_with_more_digits_than_the_limit_is_a_positioned_error(written: str) -> None:
    code, line, col, message = only_problem(load(f"agreed: 1\nx-size: {written}\n".encode()))
    assert (code, line, col) == ("S001", 2, 9)
    assert "is too large: whole numbers have at most 600 digits; quote it to keep it as text" in message
    assert len(message) < 200  # the number is shown shortened


def test_numbers_up_to_the_limit_load_and_print() -> None:
    document = load(f"a: {'9' * 600}\nb: -0x{'f' * 498}\nc: '0x{'f' * 4000}'\n".encode())
    assert document.loaded, document.problems
    assert str(document.data["a"]) == "9" * 600
    assert len(str(document.data["b"])) == 601  # the sign and 600 digits
    assert document.data["c"] == "0x" + "f" * 4000


def test_the_digit_limit_is_configurable() -> None:
    assert load(b"a: 123456\n", Limits(max_int_digits=5)).problems
    assert load(b"a: 12345\n", Limits(max_int_digits=5)).loaded


def test_a_big_number_as_a_key_is_text() -> None:
    document = load(f"{'9' * 1000}: a\n".encode())  # YAML caps a plain key at 1024 characters
    assert document.data == {"9" * 1000: "a"}


@pytest.mark.parametrize("written", ["2027-02-30", "2027-13-01", "2027-02-29 10:00:00"])
def test_an_impossible_unquoted_date_loads_as_text_like_a_quoted_one(written: str) -> None:
    plain = load(f"agreed: 1\ndue: {written}\n".encode())
    quoted = load(f"agreed: 1\ndue: '{written}'\n".encode())
    assert plain.loaded, plain.problems
    assert plain.data == quoted.data == {"agreed": 1, "due": written}


def test_an_explicitly_tagged_impossible_date_is_still_an_error() -> None:
    code, line, col, message = only_problem(load(b"due: !!timestamp 2027-02-30\n"))
    assert (code, line, col) == ("S001", 1, 6)
    assert "invalid timestamp value '2027-02-30'" in message


@pytest.mark.parametrize("written", ["2027-10-31T17:00:00Z", "2027-10-31 17:00:00", "2027-10-31t17:00:00.5+02:00"])
def test_a_date_and_time_is_kept_as_written(written: str) -> None:
    assert load(f"due: {written}\n".encode()).data == {"due": written}


def test_a_date_with_one_digit_month_and_day_is_read_as_the_date() -> None:
    assert load(b"due: 2027-1-5 10:00:00\nday: 2027-01-05\n").data == {"due": "2027-1-5 10:00:00", "day": "2027-01-05"}


@pytest.mark.parametrize("text", ["x-hours: [07:00, 09:30]\n", "x-hours: {opens: 07:00}\n", "x-url: [http://a.example/b]\n",
                                  "x-q: [x ? y]\n", "x-q: {w: free? ze}\n"])
def test_plain_scalars_with_colons_in_flow_collections_load_as_yaml_1_2_reads_them(text: str) -> None:
    """libyaml refuses a ':' inside a plain scalar in [...] or {...}; YAML 1.2 (and ruamel.yaml, which writes them
    that way) allows it when no space follows."""
    document = load_document(text.encode(), "a.yaml")
    assert document.problems == ()
    assert next(iter(document.data.values())) in (["07:00", "09:30"], {"opens": "07:00"}, ["http://a.example/b"],
                                                  ["x ? y"], {"w": "free? ze"})


def test_a_file_both_parsers_refuse_is_still_a_positioned_syntax_error() -> None:
    document = load_document(b"a: [07:00\nb: 1\n", "a.yaml")
    assert [problem.rule for problem in document.problems] == ["S001"]
    assert document.problems[0].line in (1, 2)


@pytest.mark.parametrize("text", ['a: [x ? y, "\\U00110000"]\n', 'a: [07:00, "\\U00110000"]\n'])
def test_an_escape_past_unicode_in_a_flow_collection_is_a_syntax_error_for_both_parsers(text: str) -> None:
    """ruamel.yaml's own parser, tried where libyaml refuses a flow collection, fails with a ValueError on such an
    escape: still a positioned finding, never an exception."""
    document = load_document(text.encode(), "a.yaml")
    assert [problem.rule for problem in document.problems] == ["S001"]
