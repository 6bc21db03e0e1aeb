from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.rules.duplicate_ids import IDENTIFIED_LISTS, RULE

if TYPE_CHECKING:

    from conftest import Findings, LoadData


def test_fires_on_repeated_party(load_data: LoadData, minimal_agreement: dict[str, Any], findings: Findings) -> None:
    agreement = copy.deepcopy(minimal_agreement)
    agreement["parties"].append(dict(agreement["parties"][0]))
    found = findings(RULE, load_data(agreement))
    index = len(agreement["parties"]) - 1
    assert found == [(("parties", index, "id"),
                      f"id {agreement['parties'][0]['id']!r} is already used by entry 0 of parties: "
                      "give each entry its own id")]


@pytest.mark.parametrize("section", IDENTIFIED_LISTS[1:], ids=[".".join(s) for s in IDENTIFIED_LISTS[1:]])
def test_fires_on_each_identified_list(load_data: LoadData, minimal_agreement: dict[str, Any], findings: Findings,
                                       section: tuple[str, ...]) -> None:
    agreement = copy.deepcopy(minimal_agreement)
    node: Any = agreement
    for step in section[:-1]:
        node = node.setdefault(step, {})
    node[section[-1]] = [{"id": "x1"}, {"id": "x2"}, {"id": "x1"}]
    found = findings(RULE, load_data(agreement))
    assert [path for path, _ in found] == [(*section, 2, "id")]


def test_distinct_ids_and_items_without_ids_pass(load_data: LoadData, minimal_agreement: dict[str, Any],
                                                 findings: Findings) -> None:
    agreement = copy.deepcopy(minimal_agreement)
    agreement.setdefault("results", {})["deliverables"] = [{"id": "d1"}, {"id": "d2"}, {"what": "no id"}, {}]
    assert findings(RULE, load_data(agreement)) == []
