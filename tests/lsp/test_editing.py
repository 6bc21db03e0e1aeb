"""The server's edits, applied as an editor applies them and checked again by the server: a suppression with a
reason to write, a date in words turned into its ISO day, and a party id renamed everywhere it is named."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from agreed.codes import INVALID_SUPPRESSION
from agreed.lsp.fixes import REASON_PROMPT, iso_day
from lsp_client import Client


def _open(client: Client, repository: Path) -> tuple[str, str]:
    path = repository / "contracts" / "sales-onboarding.yaml"
    text = path.read_text(encoding="utf-8")
    uri = client.open(path, text)
    assert client.next_diagnostics(uri) == []
    return uri, text


def _edit(client: Client, uri: str, text: str, version: int) -> list[dict[str, Any]]:
    client.change(uri, text, version)
    return client.next_diagnostics(uri)


def _actions(client: Client, uri: str, line: int) -> list[dict[str, Any]]:
    where = {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 200}}
    return list(client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": where,
                                                            "context": {"diagnostics": []}}))


def _with_line(text: str, line: int, new: str) -> str:
    lines = text.split("\n")
    lines[line] = new
    return "\n".join(lines)


def _line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.split("\n")) if needle in line)


def test_a_suppression_is_offered_for_a_finding_and_once_its_reason_is_written_the_finding_is_gone(
        client: Client, repository: Path) -> None:
    uri, text = _open(client, repository)
    line = _line_of(text, "  alerts:")
    vague = _with_line(text, line, "  alerts: We will keep each other informed as appropriate.")
    found = _edit(client, uri, vague, 2)
    assert found
    codes = {diagnostic["code"] for diagnostic in found}
    actions = [action for action in _actions(client, uri, line) if action["title"].startswith("Suppress")]
    assert {action["title"].split()[1] for action in actions} == codes
    suppressed = vague
    for action in actions:
        suppressed = client.apply(suppressed, action["edit"]["changes"][uri])
    assert suppressed.count(REASON_PROMPT) == len(codes)
    unchanged = _edit(client, uri, suppressed, 3)  # the placeholder is no reason: reported, and nothing suppressed
    assert {diagnostic["code"] for diagnostic in unchanged} == {*codes, INVALID_SUPPRESSION}
    reasoned = suppressed.replace(REASON_PROMPT, "the partners chose these words")
    assert _edit(client, uri, reasoned, 4) == []
    assert "# agreed: disable-next-line=" in reasoned.split("\n")[line]


def test_a_schema_error_is_offered_no_suppression(client: Client, repository: Path) -> None:
    uri, text = _open(client, repository)
    line = _line_of(text, "status:")
    found = _edit(client, uri, text.replace("status: active", "status: finished"), 2)
    assert [diagnostic["code"] for diagnostic in found] == ["S100"]
    assert _actions(client, uri, line) == []


def test_a_date_in_words_becomes_its_iso_day_and_an_ambiguous_one_is_left(client: Client, repository: Path) -> None:
    uri, text = _open(client, repository)
    line = _line_of(text, "    due: ")
    written = text.split("\n")[line]
    prefix = written[: written.index("due: ") + 5]
    in_words = _with_line(text, line, prefix + "31 March 2031")
    assert [d["code"] for d in _edit(client, uri, in_words, 2)] == ["S100"]
    [action] = [action for action in _actions(client, uri, line) if action["title"].startswith("Write")]
    assert action["title"] == "Write '31 March 2031' as 2031-03-31"
    fixed = client.apply(in_words, action["edit"]["changes"][uri])
    assert fixed.split("\n")[line] == prefix + "2031-03-31"
    assert _edit(client, uri, fixed, 3) == []
    ambiguous = _with_line(text, line, prefix + "1/3/2031")
    assert _edit(client, uri, ambiguous, 4)
    assert not [action for action in _actions(client, uri, line) if action["title"].startswith("Write")]


def test_renaming_a_party_renames_every_mention_and_warns_of_its_consent_records(
        client: Client, repository: Path) -> None:
    uri, text = _open(client, repository)
    records = repository / "contracts" / ".consent" / "sales-onboarding" / "daniel"
    records.mkdir(parents=True)
    line = _line_of(text, "    owner: daniel")
    at = client.at(uri, line, text.split("\n")[line].index("daniel") + 1)
    prepared = client.request("textDocument/prepareRename", at)
    assert prepared["start"]["line"] == line
    edit = client.request("textDocument/rename", {**at, "newName": "dan"})
    renamed = client.apply(text, edit["changes"][uri])
    assert "id: dan\n" in renamed
    assert "owner: daniel" not in renamed
    assert "Daniel Okafor" in renamed  # names and prose are left as written
    assert _edit(client, uri, renamed, 2) == []
    assert any("consent records" in message["message"] and message["type"] == 2 for message in client.messages)
    assert records.is_dir()


def test_a_rename_to_a_bad_or_taken_id_is_refused(client: Client, repository: Path) -> None:
    uri, text = _open(client, repository)
    line = _line_of(text, "    owner: daniel")
    at = client.at(uri, line, text.split("\n")[line].index("daniel") + 1)
    with pytest.raises(RuntimeError, match="no party id"):
        client.request("textDocument/rename", {**at, "newName": "Dan Okafor"})
    with pytest.raises(RuntimeError, match="already a party"):
        client.request("textDocument/rename", {**at, "newName": "maria"})


def test_a_section_a_proposed_agreement_lacks_is_added_from_the_template(client: Client, repository: Path) -> None:
    path = repository / "contracts" / "short.yaml"
    text = ("agreed: 1\nid: short\ntitle: Short\nstatus: proposed\nterm: {start: 2031-01-01, end: 2031-12-01}\n"
            "parties: []\n")
    path.write_text(text, encoding="utf-8")
    uri = client.open(path, text)
    required = [d for d in client.next_diagnostics(uri) if d["range"]["start"] == {"line": 0, "character": 0}]
    assert len(required) == 4
    actions = [action for action in _actions(client, uri, 0) if action["title"].startswith("Add the template's")]
    assert sorted(action["title"].split()[3] for action in actions) == [
        "celebration", "framing", "relationship", "results"]
    assert _actions(client, uri, 4) == []  # not offered away from where the sections are reported
    completed = text
    for version, title in enumerate(["framing", "results", "celebration", "relationship"], start=2):
        [action] = [action for action in _actions(client, uri, 0) if action["title"].split()[3] == title]
        completed = client.apply(completed, action["edit"]["changes"][uri])
        after = _edit(client, uri, completed, version)
    assert [d for d in after if d["range"]["start"] == {"line": 0, "character": 0}] == []
    assert "# " in completed.split("framing:")[0].rsplit("\n", 2)[-2]  # the template's guiding comment came along
    assert not [a for a in _actions(client, uri, 0) if a["title"].startswith("Add the template's")]


def test_the_sections_are_offered_where_their_absence_is_reported_below_opening_comments(
        client: Client, repository: Path) -> None:
    path = repository / "contracts" / "short.yaml"
    text = ("# A short agreement.\n#\n# Filled in together.\n\nagreed: 1\nid: short\ntitle: Short\n"
            "status: proposed\nterm: {start: 2031-01-01, end: 2031-12-01}\nparties: []\n")
    path.write_text(text, encoding="utf-8")
    uri = client.open(path, text)
    required = [d for d in client.next_diagnostics(uri) if "'relationship' is required" in d["message"]]
    [line] = {d["range"]["start"]["line"] for d in required}
    assert text.split("\n")[line] == "agreed: 1"
    titles = [action["title"] for action in _actions(client, uri, line)]
    assert "Add the template's relationship section" in titles
    assert not [title for title in [a["title"] for a in _actions(client, uri, 0)] if title.startswith("Add the")]


def test_a_party_without_an_id_is_given_one_from_its_name(client: Client, repository: Path) -> None:
    uri, text = _open(client, repository)
    line = _line_of(text, "  - id: daniel")
    without = _with_line(text, line, "  - name: Daniel Okafor")
    without = without.replace("\n    name: Daniel Okafor\n", "\n", 1)
    assert _edit(client, uri, without, 2)  # a party without an id, and 'daniel' named nowhere defined
    [action] = [action for action in _actions(client, uri, line) if action["title"].startswith("Give")]
    assert action["title"] == "Give this party the id daniel-okafor"
    fixed = client.apply(without, action["edit"]["changes"][uri])
    assert fixed.split("\n")[line:line + 2] == ["  - id: daniel-okafor", "    name: Daniel Okafor"]
    assert "S100" not in {d["code"] for d in _edit(client, uri, fixed, 3)}
    assert _actions(client, uri, _line_of(text, "  - id: maria")) == []


@pytest.mark.parametrize(("written", "day"), [
    ("31 March 2031", "2031-03-31"), ("March 31, 2031", "2031-03-31"), ("31st of March 2031", "2031-03-31"),
    ("31/03/2031", "2031-03-31"), ("2031/3/31", "2031-03-31"), ("3.3.2031", "2031-03-03"),
    ("1/3/2031", None), ("30 February 2031", None), ("Q3 2031", None), ("end of March", None),
])
def test_iso_day_only_where_the_day_is_unambiguous(written: str, day: str | None) -> None:
    assert iso_day(written) == day
