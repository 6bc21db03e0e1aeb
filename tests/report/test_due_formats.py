"""The formats of ``agreed due``: Markdown to post in an issue (tables that text from an agreement cannot break),
the versioned JSON document, text with control characters shown escaped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from markdown_it import MarkdownIt

from agreed.cli import main
from agreed.report.due.markdown_report import cell
from due_agreements import CONTRACTS, write_agreement

HOSTILE = "Pay | then\nleave <script>alert(1)</script> **now** @maria see #12 [x](http://e.test) \\ `tick`"


def run(*arguments: str) -> str:
    result = CliRunner().invoke(main, ["due", *arguments])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def hostile_agreement(folder: Path) -> Path:
    return write_agreement(folder, "a", title=HOSTILE, results={
        "deliverables": [{"id": "d1", "what": HOSTILE, "owner": "maria", "for": ["daniel"], "due": "2031-05-01"}],
        "milestones": [{"id": "m1", "what": "Plain", "owner": "daniel", "to": "maria", "due": "2031-06-05"}]})


def table_rows(markdown: str) -> list[list[str]]:
    """The cells of every table row, as a Markdown reader sees them."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    rows: list[list[str]] = []
    in_row = False
    for token in tokens:
        if token.type in ("tr_open", "tr_close"):
            in_row = token.type == "tr_open"
            rows += [[]] if in_row else []
        elif token.type == "inline" and in_row:
            rows[-1].append(token.content)
    return rows


def test_markdown_has_a_heading_and_overdue_before_upcoming(tmp_path: Path) -> None:
    hostile_agreement(tmp_path)
    markdown = run(str(tmp_path), "--today", "2031-06-01", "--format", "markdown")
    lines = markdown.splitlines()
    assert lines[0] == "## What is due on 2031-06-01"
    overdue = lines.index("### Overdue (1)")
    upcoming = next(index for index, line in enumerate(lines) if line.startswith("### Due by 2031"))
    assert overdue < upcoming


def test_text_from_the_agreement_cannot_break_a_markdown_table(tmp_path: Path) -> None:
    hostile_agreement(tmp_path)
    markdown = run(str(tmp_path), "--today", "2031-06-01", "--format", "markdown")
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<strong>" not in html
    assert '<a href="http://e.test"' not in html
    header = ["Person", "Item", "For", "Kind", "Date", "Late", "Agreement"]
    for row in table_rows(markdown):
        assert len(row) == len(header), row
    overdue_rows = [row for row in table_rows(markdown) if "Pay" in row[1]]
    assert len(overdue_rows) == 1


def test_a_cell_breaks_mentions_and_issue_references_and_keeps_the_words() -> None:
    escaped = cell("ask @maria about #12\nthen | stop")
    assert "\n" not in escaped
    assert "@maria" not in escaped
    assert "#12" not in escaped
    rendered = MarkdownIt("commonmark").renderInline(escaped)
    assert rendered.replace("\u200b", "") == "ask @maria about #12 then | stop"


def test_markdown_of_nothing_due_says_so() -> None:
    markdown = run(str(CONTRACTS), "--today", "2020-01-01", "--within", "0d", "--format", "markdown")
    assert "Nothing is overdue." in markdown
    assert "Nothing falls due in the window." in markdown


def test_json_is_the_versioned_document(tmp_path: Path) -> None:
    hostile_agreement(tmp_path)
    document: dict[str, Any] = json.loads(run(str(tmp_path), "--today", "2031-06-01", "--format", "json"))
    assert list(document)[:2] == ["version", "tool"]
    assert document["version"] == 1
    assert document["tool"]["name"] == "agreed"
    assert (document["today"], document["within_days"], document["until"]) == ("2031-06-01", 14, "2031-06-15")
    assert (document["overdue"], document["upcoming"], document["party"]) == (1, 1, None)
    people = {person["person"]: person for person in document["people"]}
    item = people["maria"]["items"][0]
    assert item["what"] == " ".join(HOSTILE.split())
    assert item["agreement"]["title"] == HOSTILE
    assert set(item) == {"agreement", "kind", "key", "what", "on", "owner", "counterparts", "days", "overdue",
                         "line", "col", "path"}
    assert item["path"] == ["results", "deliverables", 0, "due"]


def test_text_shows_control_characters_escaped(tmp_path: Path) -> None:
    write_agreement(tmp_path, "a", results={"milestones": [
        {"id": "m", "what": "Bell\x07 and \x1b[2J clear", "owner": "maria", "due": "2031-06-02"}]})
    text = run(str(tmp_path), "--today", "2031-06-01")
    assert "\x1b" not in text
    assert "\x07" not in text
    assert "Bell\\x07 and \\x1b[2J clear" in text
