"""The typed view of an agreement (agreed.agreement): what it reads from the shipped agreements, the template and
broken drafts, that every part's path leads back to where it came from, and that no data makes it raise."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agreed.agreement import Agreement, Identity, agreement_of, read_agreement
from agreed.document import Document, load_document, read_document

CONTRACTS = Path(__file__).resolve().parents[1] / "contracts"
SHIPPED = sorted(CONTRACTS.glob("*.yaml"))


def _loaded(path: Path) -> Document:
    document = read_document(path)
    assert document.loaded, document.problems
    return document


def _items_with_paths(agreement: Agreement) -> list[tuple[tuple[str | int, ...], str | None]]:
    """(path, id) of every list item that has an id field."""
    listed: list[Any] = [*agreement.parties, *agreement.deliverables, *agreement.milestones, *agreement.targets,
                         *agreement.handoffs]
    return [(item.path, item.id) for item in listed]


@pytest.mark.parametrize("path", SHIPPED, ids=[path.name for path in SHIPPED])
def test_every_shipped_agreement_reads_with_paths_back_to_its_data(path: Path) -> None:
    document = _loaded(path)
    agreement = agreement_of(document)
    assert agreement.id == document.data["id"]
    assert agreement.status == document.data["status"]
    assert [party.id for party in agreement.parties] == [party["id"] for party in document.data["parties"]]
    assert len(agreement.deliverables) == len(document.data["results"].get("deliverables") or [])
    assert len(agreement.milestones) == len(document.data["results"].get("milestones") or [])
    for item_path, item_id in _items_with_paths(agreement):
        assert document.value_at(item_path)["id"] == item_id
        assert document.position(item_path) != (1, 1)


def test_a_shipped_agreement_gives_its_parties_identities_and_consent_policy() -> None:
    agreement = agreement_of(_loaded(CONTRACTS / "data-platform-migration.yaml"))
    assert agreement.consent is not None
    assert agreement.consent.evidence == ("ssh-signature", "signed-commit")
    first = agreement.parties[0]
    assert first.identity == Identity(str(first.id), first.email, first.handle, first.keys)
    assert agreement.party(str(first.id)) is first
    assert agreement.party("nobody") is None


def test_the_template_is_a_draft_with_empty_lists() -> None:
    agreement = agreement_of(_loaded(CONTRACTS / "_template.yaml"))
    assert agreement.is_draft
    assert agreement.party_ids == {"party-a", "party-b"}
    assert agreement.deliverables == ()
    assert agreement.milestones == ()
    assert agreement.targets == ()
    assert all(party.could_decline is False and party.in_room is False for party in agreement.parties)
    assert agreement.term is not None
    assert agreement.term.start == ""


BROKEN_DRAFT = b"""\
agreed: 1
id: broken
status: draft
parties:
  - id: maria
    name: 7
    keys: [ssh-ed25519 AAAA, 3]
    could_decline: "no"
  - just text
  - name: Nameless
results:
  deliverables: {d1: wrong shape}
  milestones:
    - id: m1
      delivered_on: 12
    - 42
celebration: [not, a, mapping]
consent:
  evidence: review
"""


def test_a_broken_draft_leaves_out_what_has_the_wrong_type() -> None:
    document = load_document(BROKEN_DRAFT, "broken.yaml")
    agreement = agreement_of(document)
    assert [party.id for party in agreement.parties] == ["maria", None]
    maria = agreement.parties[0]
    assert maria.name is None
    assert maria.shown_name == "maria"
    assert maria.keys == ("ssh-ed25519 AAAA",)
    assert maria.could_decline is None
    assert agreement.parties[1].identity is None
    assert agreement.deliverables == ()
    assert [(milestone.path, milestone.delivered_on, milestone.delivered) for milestone in agreement.milestones] == [
        (("results", "milestones", 0), None, True)]
    assert agreement.celebration is None
    assert agreement.framing is None
    assert agreement.consent is not None
    assert agreement.consent.evidence == ()


def test_an_item_keeps_its_keys_so_a_wrong_type_is_told_from_no_value() -> None:
    agreement = read_agreement({"results": {
        "deliverables": [{"id": "d1", "unit": 5, "acceptance": None, "for": ["li", 3, "maria"]}],
        "information": [{"what": "figures", "to": "maria"}],
    }})
    deliverable = agreement.deliverables[0]
    assert deliverable.unit is None
    assert deliverable.acceptance is None
    assert deliverable.present == {"id", "unit", "acceptance", "for"}
    assert [(entry.path, entry.text) for entry in deliverable.recipients] == [
        (("results", "deliverables", 0, "for", 0), "li"), (("results", "deliverables", 0, "for", 2), "maria")]
    assert agreement.results is not None
    assert agreement.results.information[0].recipients == ()


def test_the_view_of_a_document_is_built_once() -> None:
    document = _loaded(CONTRACTS / "sales-onboarding.yaml")
    assert agreement_of(document) is agreement_of(document)


@pytest.mark.parametrize("data", [None, [], "text", 3, {"parties": "none"}, {"results": None}])
def test_data_that_is_no_agreement_reads_as_an_empty_view(data: Any) -> None:
    agreement = read_agreement(data)
    assert agreement.parties == ()
    assert agreement.deliverables == ()
    assert agreement.id is None


# --- never raises ---------------------------------------------------------------------------------------------------

_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=8))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                          st.dictionaries(st.text(max_size=6), inner, max_size=3)),
                       max_leaves=8)
_SEEDS = [load_document(path.read_bytes(), path.name).data for path in SHIPPED]


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, child in data.items():
            found.extend(_paths(child, (*prefix, key)))
    elif isinstance(data, list):
        for index, child in enumerate(data):
            found.extend(_paths(child, (*prefix, index)))
    return found


def _replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    changed = copy.deepcopy(data)
    node = changed
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return changed


@settings(max_examples=300, deadline=None)
@given(seed=st.sampled_from(_SEEDS), choices=st.lists(st.tuples(st.integers(min_value=0), _VALUES), max_size=4))
def test_mutated_agreements_never_make_the_view_raise(seed: Any, choices: list[tuple[int, Any]]) -> None:
    data = seed
    for pick, value in choices:
        paths = _paths(data)
        data = _replaced(data, paths[pick % len(paths)], value)
    agreement = read_agreement(data)
    for party in agreement.parties:
        assert party.id is None or isinstance(party.id, str)
        assert all(isinstance(key, str) for key in party.keys)
    for item_path, _ in _items_with_paths(agreement):
        assert isinstance(_at(data, item_path), dict)


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data
