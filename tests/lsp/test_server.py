"""``agreed lsp`` driven as an editor drives it: the real server process over its standard streams, with the
protocol's framing (:mod:`lsp_client`), in a real git repository holding agreements."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lsp_client import CONTRACTS, Client, repository_with


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    return repository_with(tmp_path, "sales-onboarding.yaml", "clinic-scheduling.yaml", "data-platform-migration.yaml")


@pytest.fixture
def client(repository: Path) -> Iterator[Client]:
    started = Client(repository)
    started.initialize()
    yield started
    started.close()


def _open(client: Client, repository: Path, name: str = "sales-onboarding.yaml") -> tuple[str, str]:
    path = repository / "contracts" / name
    text = path.read_text(encoding="utf-8")
    uri = client.open(path, text)
    return uri, text


def _codes(diagnostics: list[dict[str, Any]]) -> list[str]:
    return [diagnostic["code"] for diagnostic in diagnostics]


def _line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines()) if needle in line)


def test_a_clean_agreement_opens_without_diagnostics(client: Client, repository: Path) -> None:
    uri, _ = _open(client, repository)
    assert client.next_diagnostics(uri) == []


def test_a_vague_deliverable_typed_into_the_unsaved_buffer_is_reported_over_its_words(
        client: Client, repository: Path) -> None:
    uri, text = _open(client, repository)
    client.next_diagnostics(uri)
    line = _line_of(text, "    what: ")
    lines = text.splitlines()
    indent = lines[line][: lines[line].index("what:")]
    lines[line] = f"{indent}what: Improve onboarding ASAP"
    client.change(uri, "\n".join(lines) + "\n", 2)
    found = client.next_diagnostics(uri, lambda diagnostics: bool(diagnostics))
    at_line = [diagnostic for diagnostic in found if diagnostic["range"]["start"]["line"] == line]
    assert at_line, found
    for diagnostic in at_line:
        start, end = diagnostic["range"]["start"], diagnostic["range"]["end"]
        assert end["character"] > start["character"] + 1  # the words, not a point
        assert diagnostic["source"] == "agreed"
        assert diagnostic["code"]
        assert "codeDescription" not in diagnostic  # no project URL is declared, so no link is made up
    flagged = {lines[line][d["range"]["start"]["character"]:d["range"]["end"]["character"]] for d in at_line}
    assert "ASAP" in flagged


def test_severity_comes_from_the_team_configuration(client: Client, repository: Path) -> None:
    (repository / ".agreed.yaml").write_text("rules:\n  K901: warning\n", encoding="utf-8")
    uri, text = _open(client, repository)
    client.next_diagnostics(uri)
    client.change(uri, text.replace("id: sales-onboarding", "id: clinic-scheduling", 1), 2)
    found = client.next_diagnostics(uri, lambda diagnostics: bool(diagnostics))
    assert [(d["code"], d["severity"]) for d in found] == [("K901", 2)]


def test_an_id_used_by_another_agreement_on_disk_is_reported_and_cleared(client: Client, repository: Path) -> None:
    uri, text = _open(client, repository)
    client.next_diagnostics(uri)
    client.change(uri, text.replace("id: sales-onboarding", "id: clinic-scheduling", 1), 2)
    found = client.next_diagnostics(uri, lambda diagnostics: bool(diagnostics))
    assert _codes(found) == ["K901"]
    assert "contracts/clinic-scheduling.yaml" in found[0]["message"]
    assert found[0]["range"]["start"] == {"line": _line_of(text, "id: sales-onboarding"), "character": 4}
    client.change(uri, text, 3)
    assert client.next_diagnostics(uri) == []


def test_a_broken_buffer_replaces_stale_diagnostics_with_the_parse_error_and_the_server_lives_on(
        client: Client, repository: Path) -> None:
    uri, text = _open(client, repository)
    client.next_diagnostics(uri)
    client.change(uri, text.replace("id: sales-onboarding", "id: clinic-scheduling", 1), 2)
    client.next_diagnostics(uri, lambda diagnostics: bool(diagnostics))
    client.change(uri, text[:400] + "\n  : [unclosed\n", 3)
    broken = client.next_diagnostics(uri, lambda diagnostics: "K901" not in _codes(diagnostics))
    assert _codes(broken) == ["S001"]
    client.change(uri, "", 4)
    assert _codes(client.next_diagnostics(uri, lambda d: _codes(d) != ["S001"])) == ["S009"]
    client.change(uri, text, 5)
    assert client.next_diagnostics(uri) == []


def test_changes_in_quick_succession_are_checked_once_after_the_last(client: Client, repository: Path) -> None:
    uri, text = _open(client, repository)
    client.next_diagnostics(uri)
    for version in range(2, 12):
        client.change(uri, text.replace("id: sales-onboarding", f"id: x{version}", 1), version)
    client.change(uri, text.replace("id: sales-onboarding", "id: clinic-scheduling", 1), 12)
    found = client.next_diagnostics(uri, lambda diagnostics: bool(diagnostics))
    assert _codes(found) == ["K901"]
    client.request("textDocument/hover", client.at(uri, 0, 0))  # a round trip: anything published is in
    assert client._notifications.empty()


def test_hover_on_a_key_gives_its_guidance_from_the_schema(client: Client, repository: Path) -> None:
    uri, text = _open(client, repository)
    client.next_diagnostics(uri)
    hover = client.request("textDocument/hover", client.at(uri, _line_of(text, "  alerts:"), 4))
    value = hover["contents"]["value"]
    assert "Early warnings" in value
    assert "relationship.alerts" in value
    assert "R-ALERTS" in value


def test_hover_on_a_finding_gives_the_rule_documentation(client: Client, repository: Path) -> None:
    uri, text = _open(client, repository)
    client.next_diagnostics(uri)
    client.change(uri, text.replace("id: sales-onboarding", "id: clinic-scheduling", 1), 2)
    client.next_diagnostics(uri, lambda diagnostics: bool(diagnostics))
    hover = client.request("textDocument/hover", client.at(uri, _line_of(text, "id: sales-onboarding"), 8))
    assert "K901" in hover["contents"]["value"]
    assert "already used" in hover["contents"]["value"]


def test_hover_on_a_party_id_says_who_it_is(client: Client, repository: Path) -> None:
    uri, text = _open(client, repository)
    client.next_diagnostics(uri)
    line = _line_of(text, "    owner: daniel")
    hover = client.request("textDocument/hover", client.at(uri, line, text.splitlines()[line].index("daniel") + 2))
    assert "Daniel Okafor" in hover["contents"]["value"]
    assert client.request("textDocument/hover", client.at(uri, _line_of(text, "title:"), 12)) is None


def _labels(result: dict[str, Any]) -> list[str]:
    return [item["label"] for item in result["items"]]


def test_completion_offers_keys_valid_at_the_cursor_and_not_yet_written(client: Client, repository: Path) -> None:
    shutil.copy(CONTRACTS / "field-service-returns.yaml", repository / "contracts" / "field-service-returns.yaml")
    uri, text = _open(client, repository, "field-service-returns.yaml")
    client.next_diagnostics(uri)
    lines = text.splitlines()
    line = _line_of(text, "  deadline:")
    lines.insert(line, "  ")
    client.change(uri, "\n".join(lines) + "\n", 2)
    labels = _labels(client.request("textDocument/completion", client.at(uri, line, 2)))
    assert {"check_ins", "buy_in", "means", "measures"} <= set(labels)
    assert not {"purpose", "deliverables", "deadline"} & set(labels)  # written already
    assert "alerts" not in labels  # a key of another section
    top = _labels(client.request("textDocument/completion", client.at(uri, len(lines), 0)))
    assert set(top) == {"celebration", "relationship", "consent"}


def test_completion_offers_statuses_party_ids_dates_and_rule_codes(client: Client, repository: Path) -> None:
    uri, text = _open(client, repository)
    client.next_diagnostics(uri)
    lines = text.splitlines()
    status = _line_of(text, "status:")
    assert set(_labels(client.request("textDocument/completion", client.at(uri, status, 8)))) >= {
        "draft", "proposed", "active", "fulfilled"}
    owner = _line_of(text, "    owner: daniel")
    owners = client.request("textDocument/completion", client.at(uri, owner, lines[owner].index("daniel")))
    assert set(_labels(owners)) == {"maria", "daniel"}
    due = _line_of(text, "    due: ")
    dates = client.request("textDocument/completion", client.at(uri, due, lines[due].index("due: ") + 5))
    assert _labels(dates) == [datetime.date.today().isoformat()]
    lines[status] = "status: active  # agreed: disable="
    client.change(uri, "\n".join(lines) + "\n", 2)
    codes = _labels(client.request("textDocument/completion", client.at(uri, status, len(lines[status]))))
    assert "V101" in codes
    assert "K901" in codes
    assert "S001" not in codes


def test_document_symbols_outline_parties_deliverables_milestones_and_targets(
        client: Client, repository: Path) -> None:
    uri, _ = _open(client, repository, "data-platform-migration.yaml")
    client.next_diagnostics(uri)
    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    names = [symbol["name"] for symbol in symbols]
    assert names[:3] == ["aisha", "kenji", "tomas"]
    assert {"warehouse", "cost-model-v1", "run-cost", "close-day"} <= set(names)


def test_definition_and_references_of_a_party_id(client: Client, repository: Path) -> None:
    uri, text = _open(client, repository)
    client.next_diagnostics(uri)
    lines = text.splitlines()
    owner = _line_of(text, "    owner: daniel")
    where = client.at(uri, owner, lines[owner].index("daniel") + 1)
    [definition] = client.request("textDocument/definition", where)
    assert definition["range"]["start"]["line"] == _line_of(text, "  - id: daniel")
    references = client.request("textDocument/references", {**where, "context": {"includeDeclaration": True}})
    lines_named = {reference["range"]["start"]["line"] for reference in references}
    expected = {number for number, line in enumerate(lines)
                if line.strip() in ("owner: daniel", "- id: daniel", "announcer: daniel", "party: daniel",
                                    "by: daniel", "- daniel")}
    assert owner in lines_named
    assert lines_named >= expected
    assert client.request("textDocument/definition", client.at(uri, _line_of(text, "title:"), 10)) == []


def test_shutdown_and_exit_end_the_process_cleanly(client: Client, repository: Path) -> None:
    uri, _ = _open(client, repository)
    client.next_diagnostics(uri)
    assert client.shutdown() == 0
