"""Property: every position the reader and the schema check report exists in the file as the user sees it.

"The file as the user sees it" is its bytes decoded as UTF-8, a leading byte-order mark dropped and each
undecodable byte shown as one replacement character (what an editor shows). Its lines are the pieces between
line breaks, and the line breaks are CRLF, CR and LF (YAML 1.2's, and every editor's); a file that ends with a
line break has an empty last line, where the cursor goes after the break. A position ``line:col`` exists when
``1 <= line <= number of lines`` and ``1 <= col <= length of that line + 1`` (columns count characters; the one
past the last character is the end of the line). An empty file has one empty line, so 1:1 exists in it.

The inputs are YAML-like token soup (quotes, flow and block collections, escapes, tabs, every line break YAML
1.1 or 1.2 knows, control characters, non-ASCII letters and emoji, big numbers, impossible dates) and mutated,
truncated copies of a complete agreement, sometimes with bytes that are not UTF-8. The budget is bounded so the
test runs in seconds.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agreed.document import Document, JsonPath, load_document
from agreed.problem import Problem
from agreed.schema import validate_document

AGREEMENT = (Path(__file__).resolve().parents[1] / "contracts" / "sales-onboarding.yaml").read_bytes()
LINE_BREAK = re.compile("\r\n|\r|\n")
BOM = b"\xef\xbb\xbf"

TOKENS = (
    "a", "id", "agreed: 1", "title", ": ", ":", "- ", "-", "? ", "[", "]", "{", "}", ", ", "'", '"', "# note", "&x ",
    "*x", "!!int ", "!!str ", "!x ", "|", ">-", "---", "...", "%YAML 1.2", " ", "  ", "\t", "\n", "\r", "\r\n",
    "\x85", "\u2028", "\u2029", "\ufeff", "é", "ü", "日本", "😀", "\x00", "\x01", "\x1b", "\x7f", "\\", "\\n",
    "\\x85", "\\ud83d", "\\ude00", "\\U0001F600", "\\uD83D\\uDE00", "0x" + "f" * 700, "0o777", "9" * 650, "1e999",
    "2027-02-30", "2027-10-31T17:00:00Z", "20271031", "true", "~", ".nan",
)
INSERTS = st.sampled_from([token.encode() for token in TOKENS]) | st.sampled_from(
    [b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", BOM]
)


def lines_as_seen(raw: bytes) -> list[str]:
    return LINE_BREAK.split(raw.removeprefix(BOM).decode("utf-8", errors="replace"))


def exists(lines: list[str], line: int, col: int) -> bool:
    return 1 <= line <= len(lines) and 1 <= col <= len(lines[line - 1]) + 1


@st.composite
def token_soup(draw: st.DrawFn) -> bytes:
    return b"".join(draw(st.lists(INSERTS, max_size=40)))


@st.composite
def mutated_agreement(draw: st.DrawFn) -> bytes:
    data = bytearray(AGREEMENT[: draw(st.integers(0, len(AGREEMENT)))])  # truncated anywhere, even mid-character
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "replace", "delete"]))
        if action == "delete":
            del data[at : at + draw(st.integers(1, 8))]
        else:
            token = draw(INSERTS)
            data[at : at + (len(token) if action == "replace" else 0)] = token
    return bytes(data)


def positions(document: Document) -> list[tuple[str, int, int]]:
    """Every position a user may be shown for ``document``: its problems, and where each value and key sits."""
    found = [(f"{problem.rule} {problem.message[:60]}", problem.line, problem.col) for problem in _problems(document)]
    for path in document.values:
        found.append((f"value {path}", *document.position(path)))
        found.append((f"key {path}", *document.key_position(path)))
        value = document.value_at(path)
        if isinstance(value, str) and value:
            found.append((f"text {path}", *document.text_position(path, len(value) // 2, len(value))))
    found.append(("missing path", *document.position(_missing_path(document))))
    return found


def _problems(document: Document) -> list[Problem]:
    return [*document.problems, *validate_document(document)]


def _missing_path(document: Document) -> JsonPath:
    return (*max(document.values, key=len, default=()), "no-such-key")


def check(raw: bytes) -> None:
    document = load_document(raw, "fuzz.yaml")
    lines = lines_as_seen(raw)
    outside = [(origin, line, col) for origin, line, col in positions(document) if not exists(lines, line, col)]
    assert not outside, (raw[:300], outside[:5])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(token_soup())
def test_every_position_of_yaml_like_text_exists(raw: bytes) -> None:
    check(raw)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_agreement())
def test_every_position_of_a_mutated_agreement_exists(raw: bytes) -> None:
    check(raw)


def test_the_definition_of_a_position_that_exists() -> None:
    assert lines_as_seen(b"") == [""]
    assert lines_as_seen(b"a\r\nb\rc\nd\n") == ["a", "b", "c", "d", ""]
    assert lines_as_seen(b"a\xc2\x85b") == ["a\x85b"]  # NEL is text to YAML 1.2 and to editors
    assert exists([""], 1, 1)
    assert exists(["ab"], 1, 3)
    assert not exists(["ab"], 1, 4)
    assert not exists(["ab"], 2, 1)
    assert not exists(["ab"], 0, 1)


def test_the_reproducers_of_positions_outside_the_file() -> None:
    check(b"a: [1")
    check('a: "ééééé"\nb: \x01'.encode())
    check(b"a: 1\rb: \xff")
    check("a: 1\x85b: [1".encode())
