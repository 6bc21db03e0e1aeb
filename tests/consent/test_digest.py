"""The digest of an agreement's terms: stable under formatting, order and editorial edits, moved by every material
change, and in step with ``agreed diff`` (a digest changes exactly when diff reports a material change)."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from agreed.consent.digest import DigestError, canonical_json, digest, digest_document, terms
from agreed.document import Document, load_document, read_document
from agreed.history.diff import diff

# The digest of contracts/sales-onboarding.yaml, computed once and pinned. Every recorded consent is bound to a
# digest like this one: if this value changes while the file's material terms did not, then the digest's own rules
# (materiality, normalisation, canonical JSON, hash) changed, and every consent ever recorded for any agreement is
# void. It may only change deliberately: when the example's material terms are edited on purpose, or when the rules
# are changed on purpose and the release says that all consent must be given again. (Changed once on purpose: when
# the status and delivered_on became records, which the terms no longer hold; and once when the example's check-in
# dates, four of which fell on a Sunday against a cadence of Mondays, were moved to the Mondays.)
SALES_ONBOARDING_DIGEST = "sha256:1a3fe6819b546d7fea1be396535df61009cf972a5298124e94dd899ffdbcf0a0"

Edit = Callable[[dict[str, Any]], None]
DigestOf = Callable[[Any], str]
REPO = Path(__file__).resolve().parents[2]
DIGEST_PATTERN = re.compile(r"sha256:[0-9a-f]{64}")


@pytest.fixture
def digest_of(load_data: Callable[[Any], Document]) -> DigestOf:
    """The digest of plain data, through the real loader and schema check (the data must be valid)."""
    def compute(data: Any) -> str:
        result = digest_document(load_data(data))
        assert isinstance(result, str), result
        return result
    return compute


def _material_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [change.path for change in diff(old, new) if change.material]


# -- the value itself ----------------------------------------------------------------------------------------------


def test_the_digest_of_the_complete_example_is_the_pinned_golden_value(complete_agreement: Document) -> None:
    assert digest_document(complete_agreement) == SALES_ONBOARDING_DIGEST


def test_the_digest_is_sha256_over_the_canonical_json_of_the_terms(complete_data: dict[str, Any]) -> None:
    canonical = canonical_json(terms(complete_data))
    assert digest(complete_data) == "sha256:" + hashlib.sha256(canonical).hexdigest()
    assert canonical.decode("utf-8").startswith('{"agreed":1,"celebration":{"announcer":"daniel","credit":[{')


def test_canonical_json_sorts_keys_has_no_whitespace_and_writes_utf8() -> None:
    value = {"b": [1, 2.5, {"é": True, "a b": None}], "a": "x: y, z", "A": 1}
    assert canonical_json(value) == '{"A":1,"a":"x: y, z","b":[1,2.5,{"a b":null,"é":true}]}'.encode()


def test_the_terms_of_a_small_draft_are_exactly_these(minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["parties"][0]["role"] = "VP Customer Success"
    minimal_agreement["results"]["for_whom"] = ["li", "Chief Revenue Officer", "maria"]
    assert canonical_json(terms(minimal_agreement)).decode() == (
        '{"agreed":1,"framing":{"accountability":[{"area":"Onboarding playbook","owner":"maria"}]},"id":"demo",'
        '"parties":[{"id":"li","name":"Li Wei"},{"id":"maria","name":"Maria Chen"}],'
        '"results":{"deadline":"2031-06-30","deliverables":[{"due":"2031-03-01","id":"d1","owner":"maria",'
        '"what":"Publish the onboarding checklist"}],"for_whom":["Chief Revenue Officer","li","maria"],'
        '"milestones":[{"due":"2031-02-01","id":"m1","owner":"li","what":"Draft checklist sent to Li"}]}}')


def test_the_digest_is_the_same_in_fresh_processes_with_different_hash_seeds() -> None:
    script = ("from pathlib import Path; from agreed.document import read_document; "
              "from agreed.consent.digest import digest_document; "
              "print(digest_document(read_document(Path('contracts/sales-onboarding.yaml'))))")
    outputs = set()
    for seed in ("0", "1", "12345"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        completed = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=environment, capture_output=True,
                                   text=True, check=True)
        outputs.add(completed.stdout.strip())
    assert outputs == {SALES_ONBOARDING_DIGEST}


def test_every_shipped_contract_has_a_digest_and_no_two_are_equal(shipped_contracts: list[Path]) -> None:
    digests = [digest_document(read_document(path)) for path in shipped_contracts]
    assert all(isinstance(value, str) and DIGEST_PATTERN.fullmatch(value) for value in digests), digests
    assert len(set(digests)) == len(digests)


# -- the terms model -----------------------------------------------------------------------------------------------


def test_terms_leave_out_editorial_fields_and_records_and_keep_extensions(complete_data: dict[str, Any]) -> None:
    complete_data["x-budget-code"] = "CS-2031-7"
    complete_data["parties"][0]["x-cost-centre"] = "4711"
    complete_data["results"]["deliverables"][0]["delivered_on"] = "2031-03-28"
    complete_data["results"]["milestones"][0]["delivered_on"] = "2031-02-25"
    model = terms(complete_data)
    assert "title" not in model
    assert "purpose" not in model["results"]
    assert all("role" not in party and "needs_partner" not in party for party in model["parties"])
    assert all("source" not in item and "fact" in item for item in model["results"]["evidence"])
    assert "why" not in model["framing"]["alliance"]
    assert model["x-budget-code"] == "CS-2031-7"
    assert {party["id"]: party.get("x-cost-centre") for party in model["parties"]} == {"daniel": None,
                                                                                       "maria": "4711"}
    assert "status" not in model
    assert all("delivered_on" not in item and "due" in item
               for item in (*model["results"]["deliverables"], *model["results"]["milestones"]))
    assert model["consent"] == {"evidence": ["review", "signed-commit"]}


def test_terms_sort_keyed_lists_by_their_key(complete_data: dict[str, Any]) -> None:
    model = terms(complete_data)
    assert [party["id"] for party in model["parties"]] == ["daniel", "maria"]
    assert [credit["party"] for credit in model["celebration"]["credit"]] == ["daniel", "maria"]
    ids = [item["id"] for item in model["results"]["deliverables"]]
    assert ids == sorted(ids)
    assert ids != [item["id"] for item in complete_data["results"]["deliverables"]]


def test_terms_do_not_change_the_data_they_read(complete_data: dict[str, Any]) -> None:
    before = copy.deepcopy(complete_data)
    terms(complete_data)
    assert complete_data == before


# -- what keeps the digest -----------------------------------------------------------------------------------------


def _reformatted(text: str) -> str:
    """The same agreement with other comments, quoting and line endings."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    lines.insert(0, "# a different comment at the top")
    text = "\n".join(lines) + "\n"
    text = text.replace("status: active", 'status: "active"  # quoted, with a comment')
    text = text.replace("announcer: daniel", "announcer: 'daniel'")
    return text.replace("\n", "\r\n")


def test_comments_quoting_and_line_endings_keep_the_digest(complete_agreement_text: str,
                                                           load_text: Callable[..., Document]) -> None:
    changed = _reformatted(complete_agreement_text)
    assert changed != complete_agreement_text
    assert "\r\n" in changed
    assert "'daniel'" in changed
    assert digest_document(load_text(changed)) == SALES_ONBOARDING_DIGEST


def _reversed_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _reversed_keys(value[key]) for key in reversed(value)}
    if isinstance(value, list):
        return [_reversed_keys(item) for item in value]
    return value


def test_flow_style_and_reversed_key_order_keep_the_digest(complete_data: dict[str, Any]) -> None:
    reversed_data = _reversed_keys(complete_data)
    text = json.dumps(reversed_data, indent=7)  # JSON is YAML 1.2: flow style throughout
    assert list(reversed_data) != list(complete_data)
    document = load_document(text.encode("utf-8"), "flow.yaml")
    assert digest_document(document) == SALES_ONBOARDING_DIGEST


def _reverse(path: tuple[str, ...]) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        node: Any = data
        for step in path[:-1]:
            node = node[step]
        assert len(node[path[-1]]) > 1, path
        node[path[-1]].reverse()
    return edit


def _set(path: tuple[str | int, ...], value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        node: Any = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
    return edit


def _delete(path: tuple[str | int, ...]) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        node: Any = data
        for step in path[:-1]:
            node = node[step]
        del node[path[-1]]
    return edit


def _with_keys(keys: list[str]) -> Edit:
    return _set(("parties", 0, "keys"), keys)


KEEPING: dict[str, Edit] = {
    "parties reordered": _reverse(("parties",)),
    "deliverables reordered": _reverse(("results", "deliverables")),
    "milestones reordered": _reverse(("results", "milestones")),
    "targets reordered": _reverse(("celebration", "targets")),
    "reservations reordered": _reverse(("relationship", "reservations")),
    "credit reordered (x-key party)": _reverse(("celebration", "credit")),
    "accountability reordered (x-key area)": _reverse(("framing", "accountability")),
    "evidence reordered (x-key fact)": _reverse(("results", "evidence")),
    "for_whom reordered": _reverse(("results", "for_whom")),
    "by_whom reordered": _reverse(("results", "by_whom")),
    "consent evidence reordered": _reverse(("consent", "evidence")),
    "title": _set(("title",), "Cut enterprise onboarding time in half"),
    "a party's role": _set(("parties", 0, "role"), "SVP Customer Success"),
    "a party's role removed": _delete(("parties", 1, "role")),
    "a party's needs_partner": _set(("parties", 1, "needs_partner"), "Only Customer Success runs onboarding."),
    "results.purpose": _set(("results", "purpose"), "Onboarding delays revenue and renewals."),
    "an evidence source": _set(("results", "evidence", 0, "source"), "CRM export, 2031-01-05"),
    "the alliance's why": _set(("framing", "alliance", "why"), "Both organisations gain from it."),
    "a share written as 50.0": _set(("celebration", "credit", 0, "share"), 50.0),
    "proposed, not yet active": _set(("status",), "proposed"),
    "the status": _set(("status",), "renegotiating"),
    "a deliverable recorded as delivered": _set(("results", "deliverables", 0, "delivered_on"), "2031-03-28"),
    "a milestone recorded as delivered": _set(("results", "milestones", 0, "delivered_on"), "2031-02-25"),
}


@pytest.mark.parametrize("edit", KEEPING.values(), ids=KEEPING.keys())
def test_order_editorial_edits_and_records_keep_the_digest_and_diff_finds_nothing_material(
        edit: Edit, complete_data: dict[str, Any], digest_of: DigestOf) -> None:
    changed = copy.deepcopy(complete_data)
    edit(changed)
    assert changed != complete_data or "50.0" in json.dumps(changed)  # the edit did something
    assert digest_of(changed) == digest_of(complete_data) == SALES_ONBOARDING_DIGEST
    assert _material_changes(complete_data, changed) == []


def test_consent_to_a_proposal_survives_activation_and_deliveries_but_not_a_moved_due_date(
        complete_data: dict[str, Any], digest_of: DigestOf) -> None:
    proposed = copy.deepcopy(complete_data)
    proposed["status"] = "proposed"
    consented_to = digest_of(proposed)
    active = copy.deepcopy(proposed)
    active["status"] = "active"
    delivered = copy.deepcopy(active)
    delivered["results"]["deliverables"][0]["delivered_on"] = "2031-03-28"
    assert digest_of(active) == digest_of(delivered) == consented_to
    assert [(change.path, change.materiality.value) for change in diff(proposed, delivered)] == [
        ("status", "record"), (f"results.deliverables[id={delivered['results']['deliverables'][0]['id']}]"
                               ".delivered_on", "record")]
    slipped = copy.deepcopy(delivered)
    slipped["results"]["deliverables"][1]["due"] = "2031-05-15"
    assert digest_of(slipped) != consented_to
    assert _material_changes(delivered, slipped) == [
        f"results.deliverables[id={slipped['results']['deliverables'][1]['id']}].due"]


def test_keys_reordered_keep_the_digest(complete_data: dict[str, Any], digest_of: DigestOf) -> None:
    complete_data["parties"][0]["keys"] = ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOne one", "ssh-ed25519 AAAAITwo two"]
    reordered = copy.deepcopy(complete_data)
    reordered["parties"][0]["keys"].reverse()
    assert digest_of(reordered) == digest_of(complete_data)


def test_duplicate_ids_still_give_an_order_independent_digest(complete_data: dict[str, Any],
                                                              digest_of: DigestOf) -> None:
    # Two items sharing an id is a lint error (S101), not a schema error: the digest must still not depend on order.
    deliverables = complete_data["results"]["deliverables"]
    deliverables[1]["id"] = deliverables[0]["id"]
    reordered = copy.deepcopy(complete_data)
    reordered["results"]["deliverables"][0:2] = reversed(reordered["results"]["deliverables"][0:2])
    assert digest_of(reordered) == digest_of(complete_data)


# -- what moves the digest -----------------------------------------------------------------------------------------


def _add_party(data: dict[str, Any]) -> None:
    party = copy.deepcopy(data["parties"][0])
    party.update(id="priya", name="Priya Raman", email="priya.raman@example.com", handle="praman")
    data["parties"].append(party)


def _add_deliverable(data: dict[str, Any]) -> None:
    item = copy.deepcopy(data["results"]["deliverables"][0])
    item["id"] = "extra-checklist"
    data["results"]["deliverables"].append(item)


def _nested_extension(data: dict[str, Any]) -> None:
    data["results"]["deliverables"][0]["x-ticket"] = "CS-42"


CHANGING: dict[str, Edit] = {
    "the outcome deadline": _set(("results", "deadline"), "2032-07-31"),
    "a deliverable's due date": _set(("results", "deliverables", 0, "due"), "2031-02-28"),
    "a deliverable's owner": _set(("results", "deliverables", 0, "owner"), "maria"),
    "a deliverable's text": _set(("results", "deliverables", 0, "what"), "A scoping checklist of 12 questions"),
    "a target": _set(("celebration", "targets", 0, "target"), 35),
    "a target's baseline": _set(("celebration", "targets", 0, "baseline"), 60),
    "a share": _set(("celebration", "credit", 0, "share"), 50.5),
    "a party added": _add_party,
    "a party's email": _set(("parties", 0, "email"), "m.chen@example.com"),
    "a party's handle": _set(("parties", 0, "handle"), "maria-chen"),
    "a party's name": _set(("parties", 0, "name"), "Maria Chen-Li"),
    "a party's keys": _with_keys(["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOne maria@laptop"]),
    "a party's willingness": _set(("parties", 0, "could_decline"), False),
    "a deliverable added": _add_deliverable,
    "a deliverable removed": _delete(("results", "deliverables", 0)),
    "a milestone's due date": _set(("results", "milestones", 0, "due"), "2031-02-14"),
    "an evidence fact": _set(("results", "evidence", 0, "fact"), "Median onboarding time was 58 days."),
    "a for_whom entry added": _set(("results", "for_whom"), ["maria", "daniel", "Chief Revenue Officer", "CFO"]),
    "consent evidence narrowed": _set(("consent", "evidence"), ["signed-commit"]),
    "consent evidence widened": _set(("consent", "evidence"), ["review", "signed-commit", "author-email"]),
    "consent evidence removed": _delete(("consent",)),
    "the term's end": _set(("term", "end"), "2033-06-30"),
    "an x- extension key added": _set(("x-budget-code",), "CS-2031-7"),
    "a nested x- extension key added": _nested_extension,
    "a reservation's monitoring": _set(("relationship", "reservations", 0, "monitoring"), "Maria, every Monday."),
}


@pytest.mark.parametrize("edit", CHANGING.values(), ids=CHANGING.keys())
def test_every_material_change_moves_the_digest_and_diff_agrees(edit: Edit, complete_data: dict[str, Any],
                                                                 digest_of: DigestOf) -> None:
    changed = copy.deepcopy(complete_data)
    edit(changed)
    assert digest_of(changed) != digest_of(complete_data)
    assert _material_changes(complete_data, changed) != []


def test_a_party_removed_moves_the_digest(contracts_dir: Path, load_data: Callable[[Any], Document],
                                          digest_of: DigestOf) -> None:
    document = read_document(contracts_dir / "data-platform-migration.yaml")
    data = json.loads(json.dumps(document.data))
    assert len(data["parties"]) == 3
    fewer = copy.deepcopy(data)
    fewer["parties"].pop()
    assert digest_of(fewer) != digest_of(data)
    assert _material_changes(data, fewer)


@pytest.mark.parametrize(("old", "new"), [(True, 1), (False, 0), (1, 1.5), ("1", 1), (None, ""), ([], {})],
                         ids=["true-1", "false-0", "int-float", "string-number", "null-empty", "list-mapping"])
def test_values_of_different_kinds_digest_apart(old: Any, new: Any, complete_data: dict[str, Any],
                                                digest_of: DigestOf) -> None:
    # In an x- extension, where the schema allows any value: Python's True == 1 must not make them one digest.
    complete_data["x-flag"] = old
    changed = copy.deepcopy(complete_data)
    changed["x-flag"] = new
    assert digest_of(changed) != digest_of(complete_data)
    assert _material_changes(complete_data, changed) != []


def test_an_integral_float_digests_like_the_integer(complete_data: dict[str, Any], digest_of: DigestOf) -> None:
    complete_data["x-numbers"] = [50, 2.0, -0.0, 1e16]
    changed = copy.deepcopy(complete_data)
    changed["x-numbers"] = [50.0, 2, 0, 10**16]
    assert digest_of(changed) == digest_of(complete_data)
    assert _material_changes(complete_data, changed) == []


def test_strings_are_digested_exactly_without_unicode_normalisation(complete_data: dict[str, Any],
                                                                    digest_of: DigestOf) -> None:
    # A decision: strings are not NFC-normalised, because agreed diff compares them exactly too (a digest never
    # changes without a change diff can show) and the digest must not depend on the Python's Unicode tables.
    complete_data["results"]["deliverables"][0]["what"] = unicodedata.normalize("NFC", "Café checklist for 15 deals")
    decomposed = copy.deepcopy(complete_data)
    decomposed["results"]["deliverables"][0]["what"] = unicodedata.normalize("NFD", "Café checklist for 15 deals")
    assert digest_of(decomposed) != digest_of(complete_data)
    assert _material_changes(complete_data, decomposed) != []


def test_a_yaml_escape_digests_like_the_character_it_stands_for(load_text: Callable[..., Document],
                                                                complete_agreement_text: str) -> None:
    line = ("      what: Pre-signature scoping checklist of 15 questions, mandatory on every enterprise opportunity "
            "in the CRM\n")
    assert line in complete_agreement_text
    plain = complete_agreement_text.replace(line, line[:-1] + " é\n", 1)
    escaped = complete_agreement_text.replace(line, line.replace("what: ", 'what: "')[:-1] + ' \\u00e9"\n', 1)
    assert "\\u00e9" in escaped
    assert "é" not in escaped
    first, second = digest_document(load_text(plain)), digest_document(load_text(escaped))
    assert isinstance(first, str)
    assert first == second != SALES_ONBOARDING_DIGEST


# -- what has no digest --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "rule"), [
    ("agreed: 1\nid: [unclosed\n", "S001"),
    ("agreed: 1\nid: demo\nid: again\n", "S002"),
    ("", "S009"),
    ("- a list\n", "S012"),
    ("agreed: 2\nid: demo\n", "S011"),
    ("agreed: 1\nid: demo\ntitle: Demo\nstatus: draft\nparties: []\ntilte: typo\n", "S100"),
], ids=["syntax", "duplicate-key", "empty", "not-a-mapping", "unknown-version", "schema"])
def test_a_document_that_does_not_load_or_validate_has_no_digest(text: str, rule: str,
                                                                 load_text: Callable[..., Document]) -> None:
    result = digest_document(load_text(text, "broken.yaml"))
    assert isinstance(result, DigestError)
    assert result.path == "broken.yaml"
    assert rule in {problem.rule for problem in result.problems}
    assert all(problem.line >= 1 and problem.col >= 1 for problem in result.problems)
    assert "cannot be consented to" in result.message
    assert result.message.startswith("broken.yaml: ")


def test_an_active_agreement_missing_a_required_element_has_no_digest(complete_data: dict[str, Any],
                                                                      load_data: Callable[[Any], Document]) -> None:
    del complete_data["relationship"]
    result = digest_document(load_data(complete_data))
    assert isinstance(result, DigestError)
    assert any("relationship" in problem.message for problem in result.problems)


def test_a_missing_file_has_no_digest(tmp_path: Path) -> None:
    result = digest_document(read_document(tmp_path / "nope.yaml"))
    assert isinstance(result, DigestError)
    assert result.problems[0].rule == "S010"
