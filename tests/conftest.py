"""Shared fixtures: the shipped contracts, the complete example agreement, a minimal agreement to edit (as data or as
the YAML text of its head), loaders from text or data, and helpers for the document-rule and text-rule tests.

Helpers are offered as fixtures (returning callables) rather than importable functions, so the tests work in any
pytest import mode and need no ``__init__.py`` files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from agreed.compose import DEFAULT_LIMITS, Limits
from agreed.document import Document, JsonPath, load_document
from agreed.lint.rule import Category, DocumentRule, LintContext, Rule, TextContext, TextRule
from agreed.problem import Severity

REPO_ROOT = Path(__file__).resolve().parents[1]
CONTRACTS_DIR = REPO_ROOT / "contracts"
COMPLETE_AGREEMENT_PATH = CONTRACTS_DIR / "sales-onboarding.yaml"
SHIPPED_CONTRACTS = sorted(CONTRACTS_DIR.glob("*.yaml"))

# The parties of minimal_agreement, and the paths of its one item of each kind.
PARTY_NAMES = {"maria": "Maria Chen", "li": "Li Wei"}
DELIVERABLE: JsonPath = ("results", "deliverables", 0)
MILESTONE: JsonPath = ("results", "milestones", 0)
AREA: JsonPath = ("framing", "accountability", 0)

LoadText = Callable[..., Document]
LoadData = Callable[[Any], Document]
DraftYaml = Callable[..., str]
Findings = Callable[[Rule, Document], list[tuple[JsonPath, str]]]
ItemAt = Callable[[dict[str, Any], JsonPath], dict[str, Any]]
FlaggedBy = Callable[..., list[str]]
RuleIdentity = Callable[[Rule], tuple[str, str, Category, Severity]]
MakeKey = Callable[[str], Path]


def _load_text(text: str, path: str = "agreement.yaml", limits: Limits = DEFAULT_LIMITS) -> Document:
    return load_document(text.encode("utf-8"), path, limits)


def _load_data(data: Any) -> Document:
    # JSON is YAML 1.2, so plain data round-trips through the real loader without a YAML emitter.
    return _load_text(json.dumps(data, indent=2), "agreement.yaml")


def _draft_yaml(*, agreement_id: str = "demo", title: str = "Demo agreement",
                parties: Sequence[str] = ("maria", "li")) -> str:
    lines = ["agreed: 1", f"id: {agreement_id}", f"title: {title}", "status: draft", "parties:"]
    for party in parties:
        lines += [f"  - id: {party}", f"    name: {PARTY_NAMES[party]}"]
    return "\n".join(lines) + "\n"


def _findings(rule: Rule, document: Document) -> list[tuple[JsonPath, str]]:
    assert isinstance(rule, DocumentRule)
    found = list(rule.check(document, LintContext()))
    assert not any(finding.at_key for finding in found)
    return [(finding.path, finding.message) for finding in found]


def _flagged_by(rule: Rule, text: str, context: TextContext = TextContext()) -> list[str]:
    assert isinstance(rule, TextRule)
    return [text[span.start : span.end] for span in rule.check(text, context)]


def _rule_identity(rule: Rule) -> tuple[str, str, Category, Severity]:
    return (rule.code, rule.name, rule.category, rule.severity)


def _item_at(agreement: dict[str, Any], path: JsonPath) -> dict[str, Any]:
    node: Any = agreement
    for step in path:
        node = node[step]
    assert isinstance(node, dict)
    return node


@pytest.fixture(scope="session")
def make_key(tmp_path_factory: pytest.TempPathFactory) -> MakeKey:
    """``make_key(name)``: the path of an ed25519 private key without passphrase (``name.pub`` beside it), made once
    per session with the real ssh-keygen."""
    folder = tmp_path_factory.mktemp("keys")

    def make(name: str) -> Path:
        path = folder / name
        if not path.exists():
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(path)], check=True,
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
        return path
    return make


_SESSION_CACHE = pytest.StashKey[tuple[str, str | None]]()


def pytest_configure(config: pytest.Config) -> None:
    """A user cache folder (``AGREED_CACHE_DIR``) for the run, set before collection, so that environments copied
    when test modules are imported hold it too: no test reads or writes the real one."""
    folder = tempfile.mkdtemp(prefix="agreed-test-cache-")
    config.stash[_SESSION_CACHE] = (folder, os.environ.get("AGREED_CACHE_DIR"))
    os.environ["AGREED_CACHE_DIR"] = os.path.join(folder, "agreed")


def pytest_unconfigure(config: pytest.Config) -> None:
    folder, before = config.stash.get(_SESSION_CACHE, ("", None))
    if not folder:
        return
    if before is None:
        os.environ.pop("AGREED_CACHE_DIR", None)
    else:
        os.environ["AGREED_CACHE_DIR"] = before
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def user_cache_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own user cache folder (``AGREED_CACHE_DIR``, inherited by subprocesses it starts): no test sees
    another test's entries."""
    home = tmp_path_factory.mktemp("user-cache") / "agreed"
    monkeypatch.setenv("AGREED_CACHE_DIR", str(home))
    return home


@pytest.fixture(scope="session")
def contracts_dir() -> Path:
    return CONTRACTS_DIR


@pytest.fixture(scope="session")
def shipped_contracts() -> list[Path]:
    """Every ``*.yaml`` file in contracts/ (the template included), sorted by name."""
    return SHIPPED_CONTRACTS


@pytest.fixture(params=SHIPPED_CONTRACTS, ids=[path.name for path in SHIPPED_CONTRACTS])
def shipped_contract(request: pytest.FixtureRequest) -> Path:
    """Each of ``shipped_contracts`` in turn: a test that asks for it runs once per file, named after the file."""
    path: Path = request.param
    return path


@pytest.fixture(scope="session")
def complete_agreement_text() -> str:
    """contracts/sales-onboarding.yaml: a complete, valid, active agreement."""
    return COMPLETE_AGREEMENT_PATH.read_text(encoding="utf-8")


@pytest.fixture
def complete_agreement(complete_agreement_text: str) -> Document:
    document = _load_text(complete_agreement_text, "contracts/sales-onboarding.yaml")
    assert document.loaded, document.problems
    return document


@pytest.fixture
def complete_data(complete_agreement: Document) -> dict[str, Any]:
    """The data of contracts/sales-onboarding.yaml (active, every element filled in): a fresh copy for every test,
    to edit and load with ``load_data``.
    """
    data = json.loads(json.dumps(complete_agreement.data))
    assert isinstance(data, dict)
    return data


@pytest.fixture
def load_text() -> LoadText:
    """``load_text(text, path="agreement.yaml", limits=DEFAULT_LIMITS)``: a Document from YAML text."""
    return _load_text


@pytest.fixture
def load_data() -> LoadData:
    """``load_data(data)``: a Document from plain data (written out as JSON, which is YAML 1.2)."""
    return _load_data


@pytest.fixture
def minimal_agreement() -> dict[str, Any]:
    """A schema-valid draft with two parties and one owned item of each kind; a fresh copy for every test."""
    return {
        "agreed": 1,
        "id": "demo",
        "title": "Demo agreement",
        "status": "draft",
        "parties": [
            {"id": "maria", "name": "Maria Chen"},
            {"id": "li", "name": "Li Wei"},
        ],
        "framing": {
            "accountability": [
                {"area": "Onboarding playbook", "owner": "maria"},
            ],
        },
        "results": {
            "deadline": "2031-06-30",
            "deliverables": [
                {"id": "d1", "what": "Publish the onboarding checklist", "owner": "maria", "due": "2031-03-01"},
            ],
            "milestones": [
                {"id": "m1", "what": "Draft checklist sent to Li", "owner": "li", "due": "2031-02-01"},
            ],
        },
    }


@pytest.fixture(scope="session")
def draft_yaml() -> DraftYaml:
    """``draft_yaml(*, agreement_id="demo", title="Demo agreement", parties=("maria", "li"))``: the YAML text of a
    schema-valid draft in block style, with nothing but ``agreed``, ``id``, ``title``, ``status`` and ``parties``.

    One line for each key and two for each party (maria is "Maria Chen", li is "Li Wei", as in minimal_agreement), so
    the default is 9 lines long and what a test appends starts on line 10 (on line 8 with one party).
    """
    return _draft_yaml


@pytest.fixture(scope="session")
def findings() -> Findings:
    """``findings(rule, document)``: the (path, message) of each finding of a document rule, in order.

    Asserts that the rule checks documents and that no finding points at a key rather than a value.
    """
    return _findings


@pytest.fixture(scope="session")
def flagged_by() -> FlaggedBy:
    """``flagged_by(rule, text, context=TextContext())``: the text of each span a text rule flags in text, in order.

    The default context is a free-standing statement (neither measured nor owned). Asserts that the rule checks text.
    """
    return _flagged_by


@pytest.fixture(scope="session")
def rule_identity() -> RuleIdentity:
    """``rule_identity(rule)``: the rule's ``(code, name, category, severity)``."""
    return _rule_identity


@pytest.fixture(scope="session")
def item_at() -> ItemAt:
    """``item_at(agreement, path)``: the mapping at ``path`` in agreement data, to read or edit in place."""
    return _item_at


@pytest.fixture(params=[DELIVERABLE, MILESTONE, AREA], ids=["deliverable", "milestone", "area"])
def owned_item(request: pytest.FixtureRequest) -> JsonPath:
    """The path of each item of minimal_agreement that names an owner, in turn: deliverable, milestone, area."""
    path: JsonPath = request.param
    return path


@pytest.fixture(params=[MILESTONE, DELIVERABLE], ids=["milestone", "deliverable"])
def dated_item(request: pytest.FixtureRequest) -> JsonPath:
    """The path of each item of minimal_agreement that is due by a date, in turn: milestone, deliverable."""
    path: JsonPath = request.param
    return path
