"""Both schemas compile in Ajv 8's strict mode (the JavaScript validator SchemaStore and several editor services
use), run by ``tests/node/strict_validate.js``, and Ajv judges the shipped agreements, and edits of them, as
agreed's own validation does.

Strict mode refuses keywords it does not know: a consumer declares the annotations the schemas carry (the ``x-``
keywords and ``doNotSuggest``, which editors read), as ``ANNOTATIONS`` does here. A new annotation keyword has to be
added there, and to what the README says a consumer declares.
"""

from __future__ import annotations

import copy
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from agreed.document import load_document
from agreed.schema import config_schema, load_schema, validate_document
from node_clients import NODE_PROJECT, node_executable, node_package

REPO_ROOT = Path(__file__).resolve().parents[1]
CONTRACTS = sorted((REPO_ROOT / "contracts").glob("*.yaml"))
SCRIPT = NODE_PROJECT / "strict_validate.js"
ANNOTATIONS = ["x-materiality", "x-element", "x-key", "doNotSuggest"]

Edit = Callable[[dict[str, Any]], None]


def ajv(schemas: list[tuple[Any, list[Any]]], annotations: list[str] = ANNOTATIONS) -> subprocess.CompletedProcess[str]:
    """Run the strict Ajv script over (schema, documents) pairs."""
    for package in ("ajv", "ajv-formats"):
        node_package(package)
    payload = {"annotations": annotations, "schemas": [{"schema": s, "documents": d} for s, d in schemas]}
    return subprocess.run(
        [node_executable(), str(SCRIPT)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def verdicts(schemas: list[tuple[Any, list[Any]]]) -> list[list[bool]]:
    ran = ajv(schemas)
    assert ran.returncode == 0, ran.stderr
    found: list[list[bool]] = json.loads(ran.stdout)
    return found


def contract(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = load_document(path.read_bytes(), str(path)).data
    return data


def agreed_accepts(data: Any) -> bool:
    """agreed's own verdict: no schema problem (format version included)."""
    return not validate_document(load_document(json.dumps(data).encode("utf-8"), "agreement.yaml"))


def test_both_schemas_compile_in_strict_mode() -> None:
    assert verdicts([(dict(load_schema()), []), (dict(config_schema()), [])]) == [[], []]


def test_an_undeclared_annotation_is_refused() -> None:
    ran = ajv([(dict(load_schema()), [])], annotations=[keyword for keyword in ANNOTATIONS if keyword != "x-key"])
    assert ran.returncode == 2
    assert 'unknown keyword: "x-key"' in ran.stderr


def test_a_keyword_without_its_type_is_refused() -> None:
    """strictTypes: minLength in a branch without ``type: string`` (as the status rule had it) does not compile."""
    loosened = copy.deepcopy(dict(load_schema()))
    del loosened["allOf"][1]["else"]["properties"]["term"]["properties"]["start"]["type"]
    ran = ajv([(loosened, [])])
    assert ran.returncode == 2
    assert 'missing type "string" for keyword "minLength"' in ran.stderr


def test_a_required_name_not_declared_beside_it_is_refused() -> None:
    """strictRequired: a branch that requires a name its own ``properties`` does not declare does not compile."""
    loosened = copy.deepcopy(dict(load_schema()))
    del loosened["allOf"][0]["else"]["properties"]["term"]
    ran = ajv([(loosened, [])])
    assert ran.returncode == 2
    assert 'required property "term" is not defined' in ran.stderr


def _set(path: tuple[str | int, ...], value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        parent: Any = data
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = value

    return edit


def _delete(path: tuple[str | int, ...]) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        parent: Any = data
        for key in path[:-1]:
            parent = parent[key]
        del parent[path[-1]]

    return edit


EDITS: dict[str, Edit] = {
    "as written": lambda data: None,
    "proposed": _set(("status",), "proposed"),
    "draft": _set(("status",), "draft"),
    "unknown status": _set(("status",), "signed"),
    "no term": _delete(("term",)),
    "a day that does not exist": _set(("term", "start"), "2027-02-30"),
    "the end empty": _set(("term", "end"), ""),
    "a number for the end": _set(("term", "end"), 5),
    "one party": lambda data: data["parties"].pop(),
    "a party without hopes": _delete(("parties", 0, "hopes")),
    "an unknown key": _set(("surprise",), 1),
    "an extension key": _set(("x-ticket",), "ONB-12"),
    "a format version 2": _set(("agreed",), 2),
}


@pytest.mark.parametrize("path", CONTRACTS, ids=lambda path: path.name)
def test_ajv_judges_the_shipped_agreements_as_agreed_does(path: Path) -> None:
    documents = []
    for edit in EDITS.values():
        document = copy.deepcopy(contract(path))
        try:
            edit(document)
        except (KeyError, IndexError):  # the template leaves some elements out: their edit does not apply
            continue
        documents.append(document)
    ours = [agreed_accepts(document) for document in documents]
    assert verdicts([(dict(load_schema()), documents)]) == [ours]
    assert True in ours
    assert False in ours


def test_ajv_judges_settings_as_jsonschema_does() -> None:
    settings = [{}, {"fail-on": "warning"}, {"fail-on": "sometimes"}, {"include": []}, {"include": [""]}, {"bogus": 1}]
    checker = Draft202012Validator(config_schema())
    ours = [checker.is_valid(setting) for setting in settings]
    assert verdicts([(dict(config_schema()), settings)]) == [ours]
    assert True in ours
    assert False in ours
