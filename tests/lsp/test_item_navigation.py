"""Go to definition and find references for deliverable and milestone ids, over the server's standard streams: an
id is defined by its item's ``id`` and mentioned wherever the agreement's text writes it as a whole word (case as
written), in plain, quoted and folded values; ``d1`` is not found in ``d10`` nor in ``d1x``, a sentence's full stop
after it is no part of it, and ranges are exact (UTF-16 columns after a character outside the basic plane)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lsp_client import Client

AGREEMENT = """\
id: item-navigation
title: Ids mentioned in prose
status: draft
parties:
  - id: maria
    name: Maria Chen
results:
  deliverables:
    - id: d1
      what: "The guide \U0001f4d8 after d10 is ready, then d1."
      owner: maria
    - id: d10
      what: >-
        Reviewed once d10
        and d1 ship; d1x and D1 are other words
      owner: maria
  milestones:
    - id: m1
      what: Milestone m1 reviewed when d1 ships
      owner: maria
"""


def _line_of(text: str, start: str) -> int:
    return next(number for number, line in enumerate(text.split("\n")) if line.startswith(start))


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _written(text: str, found: dict[str, Any]) -> tuple[int, str]:
    """The line of a location and the text its range covers (its columns in UTF-16 units)."""
    start, end = found["range"]["start"], found["range"]["end"]
    assert start["line"] == end["line"]
    line = text.split("\n")[start["line"]].encode("utf-16-le")
    return start["line"], line[2 * start["character"]: 2 * end["character"]].decode("utf-16-le")


def _column(text: str, line: int, word: str) -> int:
    """The UTF-16 column of the first copy of ``word`` on ``line`` that no letter or digit goes on after."""
    written = text.split("\n")[line]
    at = written.index(word)
    while written[at + len(word): at + len(word) + 1].isalnum():
        at = written.index(word, at + 1)
    return _utf16(written[:at])


@pytest.fixture
def opened(client: Client, repository: Path) -> str:
    path = repository / "contracts" / "item-navigation.yaml"
    path.write_text(AGREEMENT, encoding="utf-8")
    uri = client.open(path, AGREEMENT)
    client.next_diagnostics(uri)
    return uri


def _references(client: Client, uri: str, line: int, character: int) -> list[tuple[int, str]]:
    found = client.request("textDocument/references",
                           {**client.at(uri, line, character), "context": {"includeDeclaration": True}})
    return [_written(AGREEMENT, where) for where in found]


def test_the_references_of_a_deliverable_id_are_its_id_and_its_whole_word_mentions(client: Client,
                                                                                    opened: str) -> None:
    definition = _line_of(AGREEMENT, "    - id: d1")
    quoted, folded = _line_of(AGREEMENT, '      what: "The guide'), _line_of(AGREEMENT, "        and d1 ship")
    milestone = _line_of(AGREEMENT, "      what: Milestone m1")
    found = client.request("textDocument/references", {**client.at(opened, definition, 11),
                                                       "context": {"includeDeclaration": True}})
    assert [(where["range"]["start"]["line"], where["range"]["start"]["character"]) for where in found] == [
        (definition, 10), (quoted, _column(AGREEMENT, quoted, "d1")), (folded, _column(AGREEMENT, folded, "d1")),
        (milestone, _column(AGREEMENT, milestone, "d1"))]
    assert {_written(AGREEMENT, where)[1] for where in found} == {"d1"}


def test_a_mention_leads_to_its_definition_and_finds_the_same_references(client: Client, opened: str) -> None:
    folded = _line_of(AGREEMENT, "        and d1 ship")
    on_mention = client.at(opened, folded, _column(AGREEMENT, folded, "d1") + 1)
    [definition] = client.request("textDocument/definition", on_mention)
    assert _written(AGREEMENT, definition) == (_line_of(AGREEMENT, "    - id: d1"), "d1")
    definition_line = _line_of(AGREEMENT, "    - id: d1")
    assert _references(client, opened, folded, _column(AGREEMENT, folded, "d1")) == \
        _references(client, opened, definition_line, 10)


def test_a_longer_id_is_its_own_and_a_milestone_id_works_alike(client: Client, opened: str) -> None:
    first_folded = _line_of(AGREEMENT, "        Reviewed once d10")
    assert _references(client, opened, first_folded, _column(AGREEMENT, first_folded, "d10")) == [
        (_line_of(AGREEMENT, '      what: "The guide'), "d10"), (_line_of(AGREEMENT, "    - id: d10"), "d10"),
        (first_folded, "d10")]
    milestone = _line_of(AGREEMENT, "      what: Milestone m1")
    [definition] = client.request("textDocument/definition",
                                  client.at(opened, milestone, _column(AGREEMENT, milestone, "m1")))
    assert _written(AGREEMENT, definition) == (_line_of(AGREEMENT, "    - id: m1"), "m1")


@pytest.mark.parametrize("word", ["d1x", "D1", "ship"])
def test_words_that_are_no_id_lead_nowhere(client: Client, opened: str, word: str) -> None:
    folded = _line_of(AGREEMENT, "        and d1 ship")
    where = client.at(opened, folded, _column(AGREEMENT, folded, word) + 1)
    assert client.request("textDocument/definition", where) == []
    assert client.request("textDocument/references", {**where, "context": {"includeDeclaration": True}}) == []


def test_a_party_id_keeps_naming_only_the_fields_that_name_parties(client: Client, opened: str) -> None:
    owner = _line_of(AGREEMENT, "      owner: maria")
    lines = {line for line, _ in _references(client, opened, owner, 14)}
    assert _line_of(AGREEMENT, "  - id: maria") in lines
    assert _line_of(AGREEMENT, "    name: Maria Chen") not in lines
