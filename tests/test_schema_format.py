"""Checks on the agreement format: the JSON Schema itself, its traceability to ELEMENTS.md, its documentation,
the shipped contracts, and the completeness rules that depend on ``status``."""

from __future__ import annotations

import copy
import datetime
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from ruamel.yaml import YAML

REPO_ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = REPO_ROOT / "schema" / "agreement.schema.json"
ELEMENTS_PATH = REPO_ROOT / "schema" / "ELEMENTS.md"
SHARED_ELEMENTS_PATH = REPO_ROOT.parent / "shared" / "domain" / "ELEMENTS.md"
CONTRACTS_DIR = REPO_ROOT / "contracts"
TEMPLATE_PATH = CONTRACTS_DIR / "_template.yaml"
COMPLETE_EXAMPLE_PATH = CONTRACTS_DIR / "sales-onboarding.yaml"
MODELINE = "# yaml-language-server: $schema=../schema/agreement.schema.json"

CONDITIONAL_KEYWORDS = {"if", "then", "else", "not"}
ANNOTATIONS = ("title", "description", "examples", "x-materiality")
MATERIALITY_CLASSES = ("material", "record", "editorial")
# The properties that record what happened rather than what was agreed: consent is to the terms, so a change there
# needs no fresh consent. Planned dates (due, deadline, measured_on, measurement.on, communicated_on, check-in dates)
# are terms and stay material. Adding a property here needs that argument. A target's measured result (the value
# found, when, by whom, from what source) is what the measurement found, after the fact: the target it is judged
# against stays material.
RECORD_PROPERTIES = {
    "/properties/status",
    "/$defs/deliverable/properties/delivered_on",
    "/$defs/milestone/properties/delivered_on",
    "/$defs/target/properties/measured",
    *(f"/$defs/measured/properties/{name}" for name in ("value", "on", "by", "source", "note")),
}


# ---------------------------------------------------------------------------------------------- helpers


def load_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def dates_to_strings(value: Any) -> Any:
    """YAML dates become ``YYYY-MM-DD`` strings, as the tools do before validation."""
    if isinstance(value, dict):
        return {key: dates_to_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [dates_to_strings(item) for item in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def load_contract(path: Path) -> Any:
    return dates_to_strings(YAML(typ="safe").load(path.read_text(encoding="utf-8")))


def element_ids() -> list[str]:
    ids = []
    for line in ELEMENTS_PATH.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\|\s*([A-Z]-[A-Z]+)\s*\|", line)
        if match:
            ids.append(match.group(1))
    return ids


def walk(node: Any, pointer: str = "", conditional: bool = False) -> Iterator[tuple[str, Any, bool]]:
    """Yield (JSON pointer, schema node, inside-a-conditional) for every dict in the schema."""
    if isinstance(node, dict):
        yield pointer, node, conditional
        for key, child in node.items():
            child_pointer = f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"
            yield from walk(child, child_pointer, conditional or key in CONDITIONAL_KEYWORDS)
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from walk(child, f"{pointer}/{index}", conditional)


def declared_properties(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(pointer, name, subschema) for every property declared outside the status conditionals."""
    for pointer, node, conditional in walk(schema):
        if conditional or not isinstance(node.get("properties"), dict):
            continue
        if pointer.endswith(("/properties", "/patternProperties")):
            continue  # a property literally named "properties" would land here; there is none
        for name, sub in node["properties"].items():
            yield f"{pointer}/properties/{name}", name, sub


def x_elements(schema: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    for pointer, node, _ in walk(schema):
        value = node.get("x-element")
        if value is None:
            continue
        for element in [value] if isinstance(value, str) else value:
            found.append((pointer, element))
    return found


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return load_schema()


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(validator: Draft202012Validator, document: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
        for e in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    ]


def contract_paths() -> list[Path]:
    return sorted(CONTRACTS_DIR.glob("*.yaml"))


# ---------------------------------------------------------------------------------------------- the schema


def test_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:agreed:schema:agreement:1"
    assert schema.get("title")
    assert schema.get("description")
    Draft202012Validator.check_schema(schema)


def test_elements_file_lists_ids() -> None:
    ids = element_ids()
    assert len(ids) >= 40, "ELEMENTS.md table rows were not recognised"
    assert len(ids) == len(set(ids)), "duplicate IDs in ELEMENTS.md"


def test_every_element_is_carried_by_the_schema(schema: dict[str, Any]) -> None:
    carried = {element for _, element in x_elements(schema)}
    missing = [element for element in element_ids() if element not in carried]
    assert not missing, f"element IDs not carried by any x-element in the schema: {missing}"


def test_every_x_element_is_a_known_id(schema: dict[str, Any]) -> None:
    known = set(element_ids())
    unknown = [f"{pointer}: {element}" for pointer, element in x_elements(schema) if element not in known]
    assert not unknown, f"x-element values that are not IDs in ELEMENTS.md: {unknown}"


def test_x_element_is_a_string_or_array_of_strings(schema: dict[str, Any]) -> None:
    for pointer, node, _ in walk(schema):
        if "x-element" in node:
            value = node["x-element"]
            ok = isinstance(value, str) or (
                isinstance(value, list) and value and all(isinstance(item, str) for item in value)
            )
            assert ok, f"{pointer}: x-element must be a string or a non-empty array of strings"


@pytest.mark.skipif(not SHARED_ELEMENTS_PATH.exists(), reason="no shared copy of ELEMENTS.md")
def test_elements_copy_matches_shared_copy() -> None:
    """The shared inventory of elements is ours unchanged; ours only adds, after it, the records kept beside them."""
    ours, shared = ELEMENTS_PATH.read_text(encoding="utf-8"), SHARED_ELEMENTS_PATH.read_text(encoding="utf-8")
    assert ours.startswith(shared), f"{ELEMENTS_PATH} differs from {SHARED_ELEMENTS_PATH}"
    assert element_ids() == [line.split("|")[1].strip() for line in shared.splitlines()
                             if re.match(r"^\|\s*([A-Z]-[A-Z]+)\s*\|", line)], "the addition names no new element"


def test_elements_lists_every_record(schema: dict[str, Any]) -> None:
    """Every property the schema classes as a record (and not merely because it lies below one) is in the records
    table of ELEMENTS.md."""
    records = ELEMENTS_PATH.read_text(encoding="utf-8").split("## Records kept beside the elements", 1)[1]
    outermost = {pointer for pointer in RECORD_PROPERTIES
                 if not any(pointer.startswith(f"/$defs/{other.rsplit('/', 1)[1]}/") for other in RECORD_PROPERTIES)}
    assert outermost == {"/properties/status", "/$defs/deliverable/properties/delivered_on",
                         "/$defs/milestone/properties/delivered_on", "/$defs/target/properties/measured"}
    for pointer in outermost:
        assert f"{pointer.rsplit('/', 1)[1]}`" in records, pointer


def test_every_property_is_documented(schema: dict[str, Any]) -> None:
    problems = []
    count = 0
    for pointer, _, sub in declared_properties(schema):
        count += 1
        for key in ANNOTATIONS:
            if key not in sub:
                problems.append(f"{pointer}: missing {key}")
        if not (isinstance(sub.get("title"), str) and sub["title"].strip()):
            problems.append(f"{pointer}: empty title")
        if not (isinstance(sub.get("description"), str) and sub["description"].strip()):
            problems.append(f"{pointer}: empty description")
        if not (isinstance(sub.get("examples"), list) and sub["examples"]):
            problems.append(f"{pointer}: examples must be a non-empty array")
        if sub.get("x-materiality") not in MATERIALITY_CLASSES:
            problems.append(f"{pointer}: x-materiality must be one of {', '.join(MATERIALITY_CLASSES)}")
    assert count > 100, "the walk found suspiciously few properties"
    assert not problems, "\n".join(problems)


def test_only_what_happened_is_declared_a_record(schema: dict[str, Any]) -> None:
    records = {pointer for pointer, _, sub in declared_properties(schema) if sub.get("x-materiality") == "record"}
    assert records == RECORD_PROPERTIES


def test_the_schema_comment_explains_every_class(schema: dict[str, Any]) -> None:
    for name in MATERIALITY_CLASSES:
        assert f"'{name}'" in schema["$comment"], name


def test_property_examples_are_valid(schema: dict[str, Any]) -> None:
    registry = Registry().with_resource(schema["$id"], Resource.from_contents(schema))
    problems = []
    for pointer, _, sub in declared_properties(schema):
        checker = Draft202012Validator(
            {"$ref": f"{schema['$id']}#{pointer}"},
            registry=registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )
        for example in sub.get("examples", []):
            for error in checker.iter_errors(example):
                problems.append(f"{pointer}: example {example!r}: {error.message}")
    assert not problems, "\n".join(problems)


def test_objects_are_closed_but_allow_extensions(schema: dict[str, Any]) -> None:
    problems = []
    for pointer, node, conditional in walk(schema):
        if conditional or not isinstance(node.get("properties"), dict) or pointer.endswith("/properties"):
            continue
        if node.get("additionalProperties") is not False:
            problems.append(f"{pointer}: additionalProperties must be false")
        if node.get("patternProperties") != {"^x-": {}}:
            problems.append(f"{pointer}: patternProperties must be {{'^x-': {{}}}}")
    assert not problems, "\n".join(problems)


def test_conditionals_only_tighten_declared_properties(schema: dict[str, Any]) -> None:
    """Status conditionals re-declare nested properties only to add constraints: no new names, no
    additionalProperties (which would reject keys declared elsewhere)."""
    declared = {name for _, name, _ in declared_properties(schema)}
    problems = []
    for pointer, node, conditional in walk(schema):
        if not conditional or pointer.endswith("/properties"):
            continue
        if "additionalProperties" in node:
            problems.append(f"{pointer}: additionalProperties inside a conditional")
        for name in node.get("properties", {}) if isinstance(node.get("properties"), dict) else ():
            if name not in declared:
                problems.append(f"{pointer}: conditional names undeclared property {name!r}")
    assert not problems, "\n".join(problems)


def status_branches(schema: dict[str, Any]) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """(where in an agreement, branch node) for every node of the status rule's branches: ``items`` stands for
    any entry of a list."""

    def below(path: tuple[str, ...], node: dict[str, Any]) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
        yield path, node
        for name, sub in node.get("properties", {}).items():
            yield from below((*path, name), sub)
        if "items" in node:
            yield from below((*path, "items"), node["items"])

    for member in schema["allOf"]:
        yield from below((), member["else"])


def element_kinds(schema: dict[str, Any], path: tuple[str, ...]) -> set[str]:
    """The kinds of value (JSON types) the element's own schema accepts at ``path``."""

    def resolved(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
        return node

    def kinds(node: dict[str, Any]) -> set[str]:
        node = resolved(node)
        if "type" in node:
            return {node["type"]}
        return {kind for alternative in node.get("anyOf", ()) for kind in kinds(alternative)}

    node = schema
    for step in path:
        node = resolved(node)["items"] if step == "items" else resolved(node)["properties"][step]
    return kinds(node)


def test_the_status_rule_offers_editors_no_key(schema: dict[str, Any]) -> None:
    """Every property a branch names is marked doNotSuggest, so editors offer each key once, as the element's own
    schema describes it (tests/test_schema_completion.py asks yaml-language-server)."""
    unmarked = [
        f"{'.'.join(path)}.{name}"
        for path, node in status_branches(schema)
        for name, sub in node.get("properties", {}).items()
        if sub.get("doNotSuggest") is not True
    ]
    assert not unmarked


def test_the_status_rule_requires_only_names_it_declares(schema: dict[str, Any]) -> None:
    """What Ajv's strictRequired asks: each name a branch requires is in its own properties."""
    undeclared = [
        f"{'.'.join(path)}.{name}"
        for path, node in status_branches(schema)
        for name in node.get("required", ())
        if name not in node.get("properties", {})
    ]
    assert not undeclared


def test_a_type_in_the_status_rule_is_the_elements_own(schema: dict[str, Any]) -> None:
    """A branch names a value's kind only for strict validators (what minLength or required applies to), and
    agreed leaves that error out as a repetition: so it is the one kind the element's own schema accepts."""
    typed = [(path, node["type"]) for path, node in status_branches(schema) if "type" in node]
    assert len(typed) > 50
    assert [(path, kind) for path, kind in typed if element_kinds(schema, path) != {kind}] == []


# ---------------------------------------------------------------------------------------------- contracts


@pytest.mark.parametrize("path", contract_paths(), ids=lambda p: p.name)
def test_contract_validates(path: Path, validator: Draft202012Validator) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == MODELINE
    assert errors(validator, load_contract(path)) == []


def test_examples_cover_statuses() -> None:
    examples = [p for p in contract_paths() if p != TEMPLATE_PATH]
    statuses = {load_contract(p)["status"] for p in examples}
    assert len(examples) >= 3
    assert "active" in statuses
    assert len(statuses) >= 3, statuses


# ---------------------------------------------------------------------------------------------- completeness


@pytest.fixture
def template() -> dict[str, Any]:
    return load_contract(TEMPLATE_PATH)


@pytest.fixture
def complete() -> dict[str, Any]:
    document = load_contract(COMPLETE_EXAMPLE_PATH)
    assert document["status"] == "active"
    return document


def test_template_is_a_valid_draft(template: dict[str, Any], validator: Draft202012Validator) -> None:
    assert template["status"] == "draft"
    assert errors(validator, template) == []


@pytest.mark.parametrize("status", ["proposed", "active", "renegotiating", "fulfilled", "ended"])
def test_template_is_incomplete_for_other_statuses(
    template: dict[str, Any], validator: Draft202012Validator, status: str
) -> None:
    template["status"] = status
    found = list(validator.iter_errors(template))
    assert found, f"an empty template passed as {status}"
    assert {e.validator for e in found} & {"required", "minLength", "minItems"}


def test_complete_example_is_valid(complete: dict[str, Any], validator: Draft202012Validator) -> None:
    assert errors(validator, complete) == []


def _delete(path: tuple[Any, ...]):
    def change(document: dict[str, Any]) -> None:
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        del parent[path[-1]]

    return change


def _set(path: tuple[Any, ...], value: Any):
    def change(document: dict[str, Any]) -> None:
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = copy.deepcopy(value)

    return change


INCOMPLETE = {
    "no relationship.alerts": _delete(("relationship", "alerts")),
    "no relationship section": _delete(("relationship",)),
    "no term": _delete(("term",)),
    "empty framing.a_plus": _set(("framing", "a_plus"), ""),
    "no alliance kind": _delete(("framing", "alliance", "kind")),
    "empty deliverables": _set(("results", "deliverables"), []),
    "empty deadline": _set(("results", "deadline"), ""),
    "no measures.resources": _delete(("results", "measures", "resources")),
    "empty announcer": _set(("celebration", "announcer"), ""),
    "no handoffs": _delete(("celebration", "handoffs")),
    "empty talk.bad_days": _set(("relationship", "talk", "bad_days"), ""),
    "no party hopes": _delete(("parties", 0, "hopes")),
    "no party could_decline": _delete(("parties", 1, "could_decline")),
    "empty party commits": _set(("parties", 1, "commits"), ""),
    "one party only": lambda d: d["parties"].pop(),
    "two reservations": lambda d: d["relationship"]["reservations"].pop(),
    "reservation without monitoring": _delete(("relationship", "reservations", 0, "monitoring")),
}


@pytest.mark.parametrize("change", INCOMPLETE.values(), ids=list(INCOMPLETE))
def test_incomplete_active_agreement_fails(
    complete: dict[str, Any], validator: Draft202012Validator, change
) -> None:
    change(complete)
    assert errors(validator, complete), "an incomplete active agreement passed"


@pytest.mark.parametrize("change", INCOMPLETE.values(), ids=list(INCOMPLETE))
def test_incomplete_is_fine_as_draft(complete: dict[str, Any], validator: Draft202012Validator, change) -> None:
    change(complete)
    complete["status"] = "draft"
    assert errors(validator, complete) == []


def test_reservations_never_more_than_three(template: dict[str, Any], validator: Draft202012Validator) -> None:
    template["relationship"]["reservations"] = [
        {"id": f"r{i}", "concern": "c", "monitoring": "m"} for i in range(4)
    ]
    assert errors(validator, template)


def test_missing_status_fails(template: dict[str, Any], validator: Draft202012Validator) -> None:
    del template["status"]
    assert errors(validator, template)


@pytest.mark.parametrize(
    "where",
    [(), ("results",), ("parties", 0), ("relationship", "talk")],
    ids=["root", "results", "party", "talk"],
)
def test_unknown_key_fails_and_extension_key_passes(
    complete: dict[str, Any], validator: Draft202012Validator, where: tuple[Any, ...]
) -> None:
    target = complete
    for key in where:
        target = target[key]
    target["x-note"] = {"anything": ["goes", 1]}
    assert errors(validator, complete) == []
    target["surprise_key"] = "nope"
    found = list(validator.iter_errors(complete))
    assert [e.validator for e in found] == ["additionalProperties"]
    assert "surprise_key" in found[0].message


def test_extension_key_in_list_items(complete: dict[str, Any], validator: Draft202012Validator) -> None:
    complete["results"]["deliverables"][0]["x-jira"] = "ONB-12"
    assert errors(validator, complete) == []


@pytest.mark.parametrize("version", [2, 0, "1", None])
def test_wrong_format_version_fails(
    complete: dict[str, Any], validator: Draft202012Validator, version: Any
) -> None:
    complete["agreed"] = version
    assert errors(validator, complete)


@pytest.mark.parametrize("bad", ["Q3", "2032-13-01", "2032-02-30", "30/06/2032", "end of year", ""])
@pytest.mark.parametrize("status", ["active", "draft"])
def test_bad_due_date_fails(complete: dict[str, Any], validator: Draft202012Validator, bad: str, status: str) -> None:
    complete["status"] = status
    complete["results"]["milestones"][0]["due"] = bad
    assert errors(validator, complete)


def test_bad_dates_fail_everywhere(complete: dict[str, Any], validator: Draft202012Validator) -> None:
    for change in (
        _set(("results", "deadline"), "Q3"),
        _set(("term", "end"), "soon"),
        _set(("results", "deliverables", 0, "due"), "Q3"),
        _set(("celebration", "targets", 0, "measured_on"), "2032-7-15"),
        _set(("results", "check_ins", "dates"), ["2031-03-02", "Q2"]),
    ):
        document = copy.deepcopy(complete)
        change(document)
        assert errors(validator, document)


def test_unknown_status_fails(complete: dict[str, Any], validator: Draft202012Validator) -> None:
    complete["status"] = "signed"
    assert errors(validator, complete)


def test_bad_ids_fail(complete: dict[str, Any], validator: Draft202012Validator) -> None:
    for change in (
        _set(("id",), "Sales Onboarding"),
        _set(("parties", 0, "id"), "Maria"),
        _set(("results", "deliverables", 0, "owner"), "maria and daniel"),
    ):
        document = copy.deepcopy(complete)
        change(document)
        assert errors(validator, document)


def test_credit_share_range(complete: dict[str, Any], validator: Draft202012Validator) -> None:
    complete["celebration"]["credit"][0]["share"] = 150
    assert errors(validator, complete)


def test_consent_is_optional_but_checked(complete: dict[str, Any], validator: Draft202012Validator) -> None:
    document = copy.deepcopy(complete)
    del document["consent"]
    assert errors(validator, document) == []
    complete["consent"]["evidence"] = ["handshake"]
    assert errors(validator, complete)
