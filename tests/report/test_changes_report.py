from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest

from agreed import __version__
from agreed.history.diff import AGREEMENT, Change, ChangeKind, FileDiff
from agreed.history.materiality import Materiality
from agreed.report.changes import Summary, change_line, has_material
from agreed.report.changes.base import TEXT_LIMIT, elide_pair, format_value
from agreed.report.changes.json_report import render as render_json
from agreed.report.changes.markdown_report import render as render_markdown
from agreed.report.changes.text_report import file_header
from agreed.report.changes.text_report import render as render_text
from agreed.report.markdown import multiline_cell

MATERIAL, RECORD, EDITORIAL = Materiality.MATERIAL, Materiality.RECORD, Materiality.EDITORIAL

DUE = Change("results.deliverables[id=d2].due", ChangeKind.CHANGED, "2026-05-01", "2026-06-15", MATERIAL, "+45 days")
TARGET = Change("celebration.targets[id=nps].target", ChangeKind.CHANGED, 40, 32, MATERIAL, "-20 %")
TITLE = Change("title", ChangeKind.CHANGED, "Old title", "New title", EDITORIAL)
PARTY = Change("parties[id=lena]", ChangeKind.ADDED, None, {"id": "lena", "name": "Lena Park"}, MATERIAL)
GONE = Change("results.for_whom", ChangeKind.REMOVED, "finance", None, MATERIAL)
ORDER = Change("results.deliverables", ChangeKind.MOVED, ["d1", "d2"], ["d2", "d1"], EDITORIAL, "order changed")
STATUS = Change("status", ChangeKind.CHANGED, "proposed", "active", RECORD)
DELIVERED = Change("results.deliverables[id=d1].delivered_on", ChangeKind.ADDED, None, "2026-04-28", RECORD)

CHANGED = FileDiff("contracts/a.yaml", "contracts/a.yaml", (TITLE, DUE, TARGET, PARTY, GONE, ORDER, STATUS))
RENAMED = FileDiff("contracts/old.yaml", "contracts/new.yaml", (
    Change(AGREEMENT, ChangeKind.MOVED, "contracts/old.yaml", "contracts/new.yaml", EDITORIAL,
           "renamed from contracts/old.yaml"),), renamed=True)
BROKEN = FileDiff("contracts/b.yaml", "contracts/b.yaml", error="contracts/b.yaml does not load (line 2, column 1: x)")


# -- text --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("change", "line"), [
    (DUE, "results.deliverables[id=d2].due: 2026-05-01 -> 2026-06-15 (+45 days) [material]"),
    (TARGET, "celebration.targets[id=nps].target: 40 -> 32 (-20 %) [material]"),
    (TITLE, "title: Old title -> New title [editorial]"),
    (PARTY, "parties[id=lena]: + {id: lena, name: Lena Park} [material]"),
    (GONE, "results.for_whom: - finance [material]"),
    (ORDER, "results.deliverables: [d1, d2] -> [d2, d1] (order changed) [editorial]"),
    (STATUS, "status: proposed -> active [record]"),
    (DELIVERED, "results.deliverables[id=d1].delivered_on: + 2026-04-28 [record]"),
    (Change("x", ChangeKind.CHANGED, None, True, MATERIAL), "x: (empty) -> true [material]"),
    (Change(AGREEMENT, ChangeKind.ADDED, None, {"agreed": 1, "id": "demo", "title": "Demo"}, MATERIAL,
            "agreement added"),
     "(agreement): + demo (Demo) (agreement added) [material]"),
    (Change("x", ChangeKind.CHANGED, "two\nlines", "", MATERIAL), "x: two\\nlines -> \"\" [material]"),
])
def test_one_line_per_change(change: Change, line: str) -> None:
    assert change_line(change) == line


def test_long_values_are_cut_in_text() -> None:
    text = format_value("word " * 100)
    assert len(text) == 100
    assert text.endswith("…")
    assert format_value("word " * 100, None) == ("word " * 100)


RENEGOTIATION = ("Either party may start a renegotiation by writing to the other with the reason and what they "
                 "propose; both meet within 5 working days and agree on the scope before anything else.")
LONG_CHANGE = Change("relationship.renegotiation.how", ChangeKind.CHANGED, RENEGOTIATION,
                     RENEGOTIATION.replace("5 working", "10 working"), MATERIAL)


def test_a_long_changed_value_shows_its_difference_in_context() -> None:
    assert change_line(LONG_CHANGE) == (
        "relationship.renegotiation.how: …propose; both meet within 5 working days and agree on… -> "
        "…propose; both meet within 10 working days and agree on… [material]")


@pytest.mark.parametrize(("old", "new"), [
    ("a" * 150, "b" * 150),  # nothing shared
    ("x " * 80 + "end", "x " * 80 + "end, and a new clause at the very end"),  # a change at the end
    ("Start " + "x " * 80, "Begin " + "x " * 80),  # a change at the start
    ("x " * 80, "x " * 40 + "new words in the middle " + "x " * 40),  # an insertion
    ("x " * 40 + "words removed from the middle " + "x " * 40, "x " * 80),  # a removal
    ("30 days instead of 61. " * 6, "30 days instead of 61. " * 5 + "55 days. "),
])
def test_an_elided_pair_never_shows_identical_sides(old: str, new: str) -> None:
    shown_old, shown_new = elide_pair(old, new, TEXT_LIMIT)
    assert shown_old != shown_new
    assert len(shown_old) <= TEXT_LIMIT
    assert len(shown_new) <= TEXT_LIMIT
    whole_old, whole_new = elide_pair(old, new, None)
    assert whole_old != whole_new
    for whole, original in ((whole_old, old), (whole_new, new)):  # only shared context is elided
        assert whole.strip("…") in original


def test_short_values_are_not_elided() -> None:
    assert elide_pair("30 days", "55 days", TEXT_LIMIT) == ("30 days", "55 days")


def test_a_long_difference_is_cut_in_text_but_whole_in_markdown() -> None:
    old, new = "Deliver " + "a " * 100, "Deliver " + "b " * 100
    line = change_line(Change("x", ChangeKind.CHANGED, old, new, MATERIAL))
    assert "a a a" in line
    assert "b b b" in line
    assert line.count("…") == 2
    rendered = render_markdown([FileDiff("a.yaml", "a.yaml", (Change("x", ChangeKind.CHANGED, old, new, MATERIAL),))])
    assert "b " * 99 in rendered


@pytest.mark.parametrize(("file", "header"), [
    (CHANGED, "contracts/a.yaml"),
    (RENAMED, "contracts/new.yaml (renamed from contracts/old.yaml)"),
    (FileDiff(None, "n.yaml"), "n.yaml (added)"),
    (FileDiff("o.yaml", None), "o.yaml (deleted)"),
    (FileDiff("HEAD:a.yaml", "a.yaml"), "HEAD:a.yaml -> a.yaml"),
])
def test_file_headers(file: FileDiff, header: str) -> None:
    assert file_header(file) == header


def test_text_groups_changes_per_file_with_counts_and_a_summary() -> None:
    assert render_text([CHANGED, RENAMED, BROKEN]).splitlines() == [
        "contracts/a.yaml: 4 material, 1 record, 2 editorial",
        f"  {change_line(TITLE)}",
        f"  {change_line(DUE)}",
        f"  {change_line(TARGET)}",
        f"  {change_line(PARTY)}",
        f"  {change_line(GONE)}",
        f"  {change_line(ORDER)}",
        f"  {change_line(STATUS)}",
        "contracts/new.yaml (renamed from contracts/old.yaml): 0 material, 0 record, 1 editorial",
        "  (agreement): contracts/old.yaml -> contracts/new.yaml (renamed from contracts/old.yaml) [editorial]",
        "contracts/b.yaml: cannot compare: contracts/b.yaml does not load (line 2, column 1: x)",
        "8 changes (4 material, 1 record, 3 editorial) in 2 of 3 agreements; 1 agreement could not be compared.",
    ]


@pytest.mark.parametrize(("files", "line"), [
    ([], "No semantic changes in 0 agreements."),
    ([FileDiff("a.yaml", "a.yaml")], "No semantic changes in 1 agreement."),
    ([FileDiff("a.yaml", "a.yaml", (TITLE,))], "1 change (0 material, 0 record, 1 editorial) in 1 agreement."),
    ([FileDiff("a.yaml", "a.yaml", (STATUS,))], "1 change (0 material, 1 record, 0 editorial) in 1 agreement."),
    ([FileDiff("a.yaml", "a.yaml", (DUE, DELIVERED, TITLE))],
     "3 changes (1 material, 1 record, 1 editorial) in 1 agreement."),
])
def test_summary_lines(files: list[FileDiff], line: str) -> None:
    assert Summary.of(files).line() == line


def test_only_material_changes_count_as_material() -> None:
    assert has_material([FileDiff("a.yaml", "a.yaml", (STATUS, DELIVERED, TITLE)), BROKEN]) is False
    assert has_material([FileDiff("a.yaml", "a.yaml", (STATUS,)), FileDiff("b.yaml", "b.yaml", (DUE,))]) is True


# -- json --------------------------------------------------------------------------------------------------------


JSON_SHAPE: dict[str, Any] = {
    "type": "object",
    "required": ["version", "tool", "files", "summary"],
    "additionalProperties": False,
    "properties": {
        "version": {"const": 1},
        "tool": {"const": {"name": "agreed", "version": __version__}},
        "files": {"type": "array", "items": {
            "type": "object",
            "required": ["old_path", "new_path", "renamed", "error", "changes"],
            "additionalProperties": False,
            "properties": {
                "old_path": {"type": ["string", "null"]},
                "new_path": {"type": ["string", "null"]},
                "renamed": {"type": "boolean"},
                "error": {"type": ["string", "null"]},
                "changes": {"type": "array", "items": {
                    "type": "object",
                    "required": ["path", "kind", "old", "new", "material", "materiality", "note"],
                    "additionalProperties": False,
                    "properties": {
                        "path": {"type": "string"},
                        "old": {},
                        "new": {},
                        "kind": {"enum": ["added", "removed", "changed", "moved"]},
                        "material": {"type": "boolean"},
                        "materiality": {"enum": ["material", "record", "editorial"]},
                        "note": {"type": "string"},
                    },
                }},
            },
        }},
        "summary": {
            "type": "object",
            "required": ["files", "changed", "material", "record", "editorial", "errors"],
            "additionalProperties": False,
            "properties": {name: {"type": "integer", "minimum": 0}
                           for name in ("files", "changed", "material", "record", "editorial", "errors")},
        },
    },
}


def test_json_is_a_versioned_document_of_plain_values() -> None:
    document = json.loads(render_json([CHANGED, RENAMED, BROKEN]))
    jsonschema.validate(document, JSON_SHAPE)
    assert document["summary"] == {"files": 3, "changed": 2, "material": 4, "record": 1, "editorial": 3,
                                   "errors": 1}
    first = document["files"][0]
    assert (first["old_path"], first["new_path"], first["renamed"]) == ("contracts/a.yaml", "contracts/a.yaml", False)
    assert first["changes"][1] == {"path": "results.deliverables[id=d2].due", "kind": "changed",
                                   "old": "2026-05-01", "new": "2026-06-15", "material": True,
                                   "materiality": "material", "note": "+45 days"}
    assert [(change["material"], change["materiality"]) for change in first["changes"]] == [
        (False, "editorial"), *[(True, "material")] * 4, (False, "editorial"), (False, "record")]
    assert first["changes"][3]["new"] == {"id": "lena", "name": "Lena Park"}
    assert document["files"][2]["error"].startswith("contracts/b.yaml does not load")


# -- markdown ----------------------------------------------------------------------------------------------------


def _cells(row: str) -> list[str]:
    """The cells of a Markdown table row, split at pipes that are not escaped."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def test_markdown_escapes_pipes_newlines_and_html() -> None:
    assert multiline_cell("a | b\nc") == "a \\| b<br>c"
    assert multiline_cell("<script>x</script> & *bold* `code` [link](u)") == (
        "\\<script\\>x\\</script\\> \\& \\*bold\\* \\`code\\` \\[link\\](u)")


def test_markdown_tables_stay_tables_whatever_the_values() -> None:
    hostile = Change("relationship.talk.good_days", ChangeKind.CHANGED, "a | b", "line one\nline two | x\r\nthree",
                     EDITORIAL, "")
    piped_path = Change("x-notes[id=a|b]", ChangeKind.ADDED, None, "`tick` | pipe", MATERIAL)
    rendered = render_markdown([FileDiff("a.yaml", "a.yaml", (hostile, piped_path))])
    rows = [line for line in rendered.splitlines() if line.startswith("| ") and "path" not in line]
    detail_rows = [row for row in rows if "good_days" in row or "x-notes" in row]
    assert len(detail_rows) == 2
    for row in detail_rows:
        assert len(_cells(row)) == 4, row
    assert "line one<br>line two \\| x<br>three" in rendered
    assert "`x-notes[id=a\\|b]`" in rendered


def test_markdown_has_a_summary_table_then_material_changes_first() -> None:
    rendered = render_markdown([RENAMED, CHANGED, BROKEN])
    lines = rendered.splitlines()
    assert lines[0] == "### Agreement changes"
    table = lines.index("| agreement | material changes | record changes | editorial changes |")
    assert lines[table + 2 : table + 5] == [
        "| `contracts/new.yaml` (renamed from `contracts/old.yaml`) | 0 | 0 | 1 |",
        "| `contracts/a.yaml` | 4 | 1 | 2 |",
        "| `contracts/b.yaml` | — | — | — |",
    ]
    details = [line for line in lines if line.startswith("#### ")]
    assert details == ["#### `contracts/a.yaml`", "#### `contracts/new.yaml` (renamed from `contracts/old.yaml`)",
                       "#### `contracts/b.yaml`"]
    section = rendered[rendered.index("#### `contracts/a.yaml`"):rendered.index("#### `contracts/new.yaml`")]
    material = section.index("**4 material changes** (needs fresh consent)")
    record = section.index("**1 record change** (progress recorded, no fresh consent needed)")
    assert material < record < section.index("<details><summary>2 editorial changes")
    assert "| `status` | proposed | active | changed |" in section[record:]
    assert "| `results.deliverables[id=d2].due` | 2026-05-01 | 2026-06-15 | +45 days |" in section
    assert "| `parties[id=lena]` |  | {id: lena, name: Lena Park} | added |" in section
    assert "**Cannot compare:** contracts/b.yaml does not load" in rendered


def test_markdown_shows_a_group_only_for_classes_present() -> None:
    rendered = render_markdown([FileDiff("a.yaml", "a.yaml", (DUE, TITLE))])
    assert "**1 material change** (needs fresh consent)" in rendered
    assert "record change" not in rendered.split("#### ")[1]
    only_records = render_markdown([FileDiff("a.yaml", "a.yaml", (STATUS, DELIVERED))])
    assert "**2 record changes** (progress recorded, no fresh consent needed)" in only_records
    assert "material change" not in only_records.split("#### ")[1]


def test_markdown_hides_nothing_that_differs() -> None:
    item = {"id": "d4", "what": "x " * 150 + "and the last clause", "owner": "maria", "for": ["dana", "finance"]}
    added = Change("results.deliverables[id=d4]", ChangeKind.ADDED, None, item, MATERIAL)
    longer = Change("framing.together", ChangeKind.CHANGED, RENEGOTIATION * 2,
                    RENEGOTIATION + RENEGOTIATION.replace("5 working", "10 working"), MATERIAL)
    rendered = render_markdown([FileDiff("a.yaml", "a.yaml", (added, LONG_CHANGE, longer))])
    assert "and the last clause, owner: maria, for: \\[dana, finance\\]}" in rendered
    assert f"| {LONG_CHANGE.old} | {LONG_CHANGE.new} |" in rendered  # shorter than the limit: whole
    assert ("| …propose; both meet within 5 working days and agree on… | "
            "…propose; both meet within 10 working days and agree on… |") in rendered


def test_markdown_without_changes_says_so() -> None:
    rendered = render_markdown([FileDiff("a.yaml", "a.yaml")])
    assert "No semantic changes in 1 agreement." in rendered
    assert "No semantic changes.\n" in rendered
