"""Text from a user's file reaches a person's terminal with every control character made visible.

An agreement can hold escape sequences (as YAML escapes in a quoted scalar) and bidirectional overrides (raw), and a
file's name can hold anything but ``/``. Every human-facing output (lint's text, full and github formats,
check-text, diff, digest, consent status, history) writes them escaped (``\\x1b``, ``\\u202e``) so that they cannot
rewrite the terminal or reorder a finding, while tabs and ordinary non-ASCII text (é, 中文, emoji) stay as they are.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from markdown_it import MarkdownIt
from tests.gitrepo import EXAMPLE, commit_all, git

from agreed.cli import main
from agreed.visible import visible, visible_lines

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
RLO, PDF = "\u202e", "\u202c"  # right-to-left override, pop directional formatting
WHAT = ("      what: Pre-signature scoping checklist of 15 questions, mandatory on every enterprise opportunity in the "
        "CRM\n")
OWNER = "      owner: daniel\n      for: [maria]\n"
# The deliverable quotes an OSC title sequence and a screen clear as YAML escapes, a raw override and é and an emoji
# before the finding (V103 on "ASAP"); the owner (A203, quoted in the message) holds the same, with a raw override
# in a comment on its line, and so does a key the schema does not know (S100, its message quotes the key).
HOSTILE_WHAT = f'      what: "Café 😀 \\e]0;pwned\\a\\e[2J {RLO}evil{PDF} checklist delivered ASAP"\n'
HOSTILE_OWNER = f'      owner: "dan\\e]0;pwned\\a\\e[2J{RLO}iel"  # {RLO}note{PDF}\n      for: [maria]\n'
ESCAPED_OWNER = "'dan\\x1b]0;pwned\\x07\\x1b[2J\\u202eiel'"
# A key the schema does not know, which its message quotes as it is.
HOSTILE_KEY = f'      "x\\e]0;pwned\\a\\e[2J{RLO}y": 1\n'
ESCAPED_KEY = "unknown key 'x\\x1b]0;pwned\\x07\\x1b[2J\\u202ey'"


def hostile_agreement() -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert WHAT in text
    assert OWNER in text
    return text.replace(WHAT, HOSTILE_WHAT, 1).replace(OWNER, HOSTILE_KEY + HOSTILE_OWNER, 1)


def run(*arguments: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(arguments), input=stdin)


def assert_shown_safely(output: str) -> None:
    assert output
    assert RAW_CONTROL.search(output) is None, repr(output)


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "contracts" / "a.yaml"
    path.parent.mkdir()
    path.write_text(hostile_agreement(), encoding="utf-8")
    return path


@pytest.mark.parametrize("output_format", ["text", "full", "github"])
def test_lint_shows_quoted_control_characters_escaped(hostile: Path, output_format: str) -> None:
    result = run("lint", "--isolated", "--format", output_format, "contracts/a.yaml")
    assert result.exit_code == 1, result.output
    assert_shown_safely(result.stdout)
    assert ESCAPED_OWNER in result.stdout
    assert ESCAPED_KEY in result.stdout


def test_full_format_escapes_the_source_line_and_keeps_the_caret_under_its_character(hostile: Path) -> None:
    result = run("lint", "--isolated", "--format", "full", "contracts/a.yaml")
    assert_shown_safely(result.stdout)
    lines = result.stdout.splitlines()
    what = next(index for index, line in enumerate(lines) if line.lstrip().startswith("what:"))
    shown, caret = lines[what], lines[what + 1]
    assert "Café 😀" in shown  # ordinary non-ASCII text as it is
    assert "\\u202eevil\\u202c" in shown
    assert shown[caret.index("^"):].startswith("ASAP")  # the caret counts the escapes before it
    owner = next(line for line in lines if line.lstrip().startswith("owner:"))
    assert owner.endswith("# \\u202enote\\u202c")


def test_full_format_escapes_a_raw_control_character_and_points_at_its_escape(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(f"# {RLO}é\tnote\nid: x\x1b]0;pwned\x07\n", encoding="utf-8")
    result = run("lint", "--isolated", "--format", "full", "a.yaml")
    assert result.exit_code == 1, result.output
    assert_shown_safely(result.stdout)
    lines = result.stdout.splitlines()
    finding = next(index for index, line in enumerate(lines) if line.startswith("a.yaml:2:6:"))
    shown, caret = lines[finding + 1], lines[finding + 2]
    assert shown.strip() == "id: x\\x1b]0;pwned\\x07"
    assert shown[caret.index("^"):].startswith("\\x1b")


def test_a_file_name_with_an_escape_sequence_is_shown_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    name = "draft\x1b[2J\u202e.txt"
    (tmp_path / name).write_text("Improve onboarding ASAP.\n", encoding="utf-8")
    result = run("check-text", "--isolated", "--fail-on", "never", name)
    assert result.exit_code == 0, result.output
    assert_shown_safely(result.stdout)
    assert "draft\\x1b[2J\\u202e.txt:1:20: V103" in result.stdout


def read_as_markdown(markdown: str) -> str:
    """The text a reader of ``markdown`` sees once it is rendered (Markdown escapes a shown escape's backslash)."""
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


def test_diff_shows_a_changed_value_escaped(hostile: Path) -> None:
    old = hostile.parent / "old.yaml"
    old.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("diff", "contracts/old.yaml", "contracts/a.yaml")
    assert_shown_safely(result.stdout)
    assert f"owner: daniel -> {ESCAPED_OWNER.strip(chr(39))} [material]" in result.stdout
    assert "Café 😀" in result.stdout
    markdown = run("diff", "--format", "markdown", "contracts/old.yaml", "contracts/a.yaml")
    assert_shown_safely(markdown.stdout)
    assert "dan\\x1b" in read_as_markdown(markdown.stdout)


def test_digest_names_a_file_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    name = f"a{RLO}\x1b[2J.yaml"
    (tmp_path / name).write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("digest", name)
    assert result.exit_code == 0, result.output
    assert_shown_safely(result.stdout)
    assert result.stdout.rstrip("\n").endswith(" a\\u202e\\x1b[2J.yaml")


def test_consent_status_and_history_show_values_and_authors_escaped(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "repo"
    (root / "contracts").mkdir(parents=True)
    git(root, "init", "-q")
    (root / "contracts" / "a.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    commit_all(root, "the agreement")
    (root / "contracts" / "a.yaml").write_text(hostile_agreement(), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "a hostile change", name=f"Eve\x1b[2J{RLO}")
    monkeypatch.chdir(root)
    status = run("consent", "status", "contracts/a.yaml")
    assert_shown_safely(status.stdout)
    assert ESCAPED_KEY in status.stdout
    for output_format in ("text", "markdown"):
        history = run("history", "--format", output_format, "contracts/a.yaml")
        assert history.exit_code == 0, history.output
        assert_shown_safely(history.stdout)
        shown = read_as_markdown(history.stdout) if output_format == "markdown" else history.stdout
        assert "Eve\\x1b[2J\\u202e" in shown


# -- the function behind them ------------------------------------------------------------------------------------


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x08", "\n", "\r", "\x1b", "\x7f", "\x85", "\x9b",
                                       "\u061c", "\u200e", "\u200f", "\u2028", "\u2029",
                                       *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))])
def test_every_control_character_is_written_as_its_code(character: str) -> None:
    code = ord(character)
    expected = f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
    assert visible(f"a{character}b") == f"a{expected}b"


def test_tabs_and_ordinary_text_stay_as_they_are() -> None:
    text = "Café\t中文 😀 👩‍💻 naïve ü\\x1b"
    assert visible(text) == text


def test_a_byte_of_a_name_that_is_not_utf8_is_written_as_that_byte() -> None:
    assert visible("bad\udcff.yaml") == "bad\\xff.yaml"


def test_a_block_keeps_its_line_feeds_and_the_carriage_returns_that_end_lines() -> None:
    assert visible_lines("a\r\nb\x1b\n\rc\r") == "a\r\nb\\x1b\n\\x0dc\\x0d"
