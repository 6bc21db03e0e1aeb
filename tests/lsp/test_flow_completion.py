"""Completion inside values written in flow style, asked of the real server over its standard streams: party ids in
an empty list (``for: []``) and after a comma (``for: [maria, ]``), a date for a key of a flow mapping, and the keys
of a flow mapping not yet written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lsp_client import Client


def _labels(found: dict[str, Any]) -> set[str]:
    return {item["label"] for item in found["items"]}


def _opened_with(client: Client, repository: Path, old: str, new: str) -> tuple[str, list[str]]:
    path = repository / "contracts" / "sales-onboarding.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    changed = text.replace(old, new, 1)
    uri = client.open(path, changed)
    client.next_diagnostics(uri)
    return uri, changed.split("\n")


@pytest.mark.parametrize("written", ["for: []", "for: [maria, ]", "for: [maria,]"])
def test_party_ids_are_offered_inside_a_flow_list(client: Client, repository: Path, written: str) -> None:
    uri, lines = _opened_with(client, repository, "for: [maria]", written)
    line = next(number for number, text in enumerate(lines) if text.strip() == written)
    cursor = lines[line].index("]")
    assert _labels(client.request("textDocument/completion", client.at(uri, line, cursor))) >= {"maria", "daniel"}


def test_after_a_closed_flow_list_no_party_id_is_offered(client: Client, repository: Path) -> None:
    uri, lines = _opened_with(client, repository, "for: [maria]", "for: [maria]")
    line = next(number for number, text in enumerate(lines) if text.strip() == "for: [maria]")
    assert "daniel" not in _labels(client.request("textDocument/completion", client.at(uri, line, len(lines[line]))))


def test_a_flow_mapping_offers_a_date_for_its_key_and_its_keys_not_yet_written(
        client: Client, repository: Path) -> None:
    uri, lines = _opened_with(client, repository, "term:\n", "term: {start: 2031-01-01, end: }\nold_term:\n")
    line = next(number for number, text in enumerate(lines) if text.startswith("term: {"))
    dates = _labels(client.request("textDocument/completion", client.at(uri, line, lines[line].index("}"))))
    assert len(dates) == 1
    assert next(iter(dates))[:2] == "20"
    keys = _labels(client.request("textDocument/completion", client.at(uri, line, lines[line].index("end:"))))
    assert "start" not in keys
    assert "end" in keys
