"""The scope table: which prose of an agreement each text rule reads, in what order and context; the issue's example
of vague prose outside the commitments, which must not lint clean."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agreed.cli import main
from agreed.codes import TEXT_NOT_READ
from agreed.document import Document
from agreed.lint.budget import TextBudget
from agreed.lint.engine import Linter, lint_document
from agreed.lint.rule import Category, TextContext, TextRule, TextSpan
from agreed.lint.rules import (
    TEXT_RULES,
    activity_without_outcome,
    collective_actor,
    comparative_without_baseline,
    escape_clause,
    fuzzy_deadline,
    open_ended_list,
    passive_commitment,
    subjective_quality,
    superlative_absolute,
    vague_quantifier,
    weak_commitment,
)
from agreed.lint.rules.scope import ELEMENT_IDS, NO_PROSE, SCOPE, Prose, Statement, elements_read_by, statements
from agreed.problem import Problem, Severity
from agreed.report.rules import scope_table

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import LoadData

REPO = Path(__file__).resolve().parents[2]
COMMITMENTS = ("W-WHAT", "W-MILESTONES", "C-TARGETS", "W-MEASURES", "C-HANDOFFS")
COUNTED = ("C-TARGETS", "W-MEASURES", "C-HANDOFFS")
"""Measures, metrics and hand-offs: commitments whose passive voice names no hidden actor."""
RELATIONSHIP_ANSWERS = (
    "R-ROUTINE",
    "R-ALERTS",
    "R-SURPRISES",
    "R-DISAGREE",
    "R-TALK",
    "R-TIME",
    "R-SETBACKS",
    "R-IMBALANCES",
    "R-RESERVATIONS",
)
TEXT_CODES = frozenset(rule.code for rule in TEXT_RULES)


def codes(*rules: TextRule) -> set[str]:
    return {rule.code for rule in rules}


def places(*elements: str) -> list[Prose]:
    found = [place for place in SCOPE if place.element in elements and place.rules]
    assert found, elements
    return found


# ------------------------------------------------------------------------------------------ the table


def test_every_element_is_in_the_table_or_holds_no_prose() -> None:
    listed = re.findall(
        r"^\| ([A-Z]-[A-Z]+) \|", (REPO / "schema" / "ELEMENTS.md").read_text(encoding="utf-8"), re.MULTILINE
    )
    assert sorted(ELEMENT_IDS) == sorted(listed)
    assert not {place.element for place in SCOPE} & set(NO_PROSE)


def test_paths_are_unique_and_each_place_has_rules_or_a_reason() -> None:
    assert len({place.path for place in SCOPE}) == len(SCOPE)
    for place in SCOPE:
        assert bool(place.rules) != bool(place.unread), place.path
        assert place.codes == codes(*place.rules)


def _schema() -> dict[str, Any]:
    schema = json.loads((REPO / "schema" / "agreement.schema.json").read_text(encoding="utf-8"))
    assert isinstance(schema, dict)
    return schema


def _resolve(node: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _leaf(path: str) -> tuple[dict[str, Any], list[str]]:
    """The schema node at a place's path, and every ``x-element`` met on the way."""
    schema = _schema()
    node, elements = schema, []
    for name in path.split("."):
        key, listed = (name[:-2], True) if name.endswith("[]") else (name, False)
        node = node["properties"][key]
        elements.extend(_element_ids(node))
        node = _resolve(node, schema)
        elements.extend(_element_ids(node))
        if listed:
            node = _resolve(node["items"], schema)
    return node, elements


def _element_ids(node: dict[str, Any]) -> list[str]:
    found = node.get("x-element", [])
    return [found] if isinstance(found, str) else list(found)


def _texts(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for key in ("oneOf", "anyOf"):
        for option in node.get(key, []):
            yield from _texts(_resolve(option, _schema()))


@pytest.mark.parametrize("place", SCOPE, ids=[place.path for place in SCOPE])
def test_each_place_is_a_text_of_the_schema_that_carries_its_element(place: Prose) -> None:
    node, elements = _leaf(place.path)
    assert place.element in elements
    assert any(option.get("type") in ("string", ["string", "null"]) for option in _texts(node)), node


def test_commitments_keep_every_text_rule() -> None:
    for place in places("W-WHAT", "W-MILESTONES"):
        assert place.codes == TEXT_CODES, place.path
    for place in places(*COUNTED):
        assert place.codes == TEXT_CODES - {passive_commitment.RULE.code}, place.path


def test_relationship_answers_get_the_checks_the_issue_names() -> None:
    asked = codes(
        escape_clause.RULE,
        fuzzy_deadline.RULE,
        vague_quantifier.RULE,
        open_ended_list.RULE,
        weak_commitment.RULE,
        collective_actor.RULE,
    )
    answers = places(*RELATIONSHIP_ANSWERS, "R-RENEGOTIATE")
    assert {place.element for place in answers} >= set(RELATIONSHIP_ANSWERS)
    for place in answers:
        if place.path != "relationship.renegotiation.signals[]":  # a list of signals, not how anyone acts
            assert place.codes >= asked, place.path


def test_the_picture_of_success_is_asked_for_numbers() -> None:
    for place in places("F-APLUS", "C-TARGETS"):
        assert place.codes >= codes(
            subjective_quality.RULE,
            comparative_without_baseline.RULE,
            superlative_absolute.RULE,
            escape_clause.RULE,
            open_ended_list.RULE,
        ), place.path


def test_what_a_party_commits_to_and_gives() -> None:
    (commits,) = [place for place in SCOPE if place.path == "parties[].commits"]
    (gives,) = [place for place in SCOPE if place.path == "parties[].gives"]
    assert commits.codes >= codes(
        weak_commitment.RULE,
        escape_clause.RULE,
        fuzzy_deadline.RULE,
        vague_quantifier.RULE,
        open_ended_list.RULE,
        activity_without_outcome.RULE,
        collective_actor.RULE,
    )
    assert passive_commitment.RULE.code not in commits.codes  # the party is the actor of its own commitments
    assert gives.codes >= codes(escape_clause.RULE, vague_quantifier.RULE, open_ended_list.RULE)


def test_practices_are_standing_and_items_due_once_are_not() -> None:
    for place in places(*RELATIONSHIP_ANSWERS, "G-COMMIT"):
        assert place.standing, place.path
    for place in places(*COMMITMENTS, "F-APLUS"):
        assert not place.standing, place.path


def test_hopes_and_personal_sharing_are_left_out_with_a_reason() -> None:
    for element in ("R-HOPES", "R-PERSONAL"):
        (place,) = [place for place in SCOPE if place.element == element]
        assert not place.rules
        assert place.unread


@pytest.mark.parametrize("rule", TEXT_RULES, ids=[rule.code for rule in TEXT_RULES])
def test_the_registry_takes_each_text_rules_elements_from_the_table(rule: TextRule) -> None:
    assert rule.elements == elements_read_by(rule)
    assert {"W-WHAT", "W-MILESTONES"} <= set(rule.elements)


def test_the_teams_terms_come_first_in_the_registry() -> None:
    from agreed.lint.rules import custom_vague_term

    assert TEXT_RULES[0].code == custom_vague_term.RULE.code


# ------------------------------------------------------------------------------------------ reading a document


def _read(document: Document) -> list[Statement]:
    return list(statements(document))


def test_commitments_are_read_first_item_by_item(complete_data: dict[str, Any], load_data: LoadData) -> None:
    complete_data["results"]["deliverables"][0]["acceptance"] = "Signed off by Maria."
    read = _read(load_data(complete_data))
    kinds = [statement.place.element in COMMITMENTS for statement in read]
    assert kinds == sorted(kinds, reverse=True)  # every commitment before any other prose
    assert read[0].path == ("results", "deliverables", 0, "what")
    assert read[1].path == ("results", "deliverables", 0, "acceptance")
    assert read[2].path == ("results", "deliverables", 1, "what")
    assert {statement.place.element for statement in read} >= {"G-COMMIT", "F-APLUS", *RELATIONSHIP_ANSWERS}


def test_only_the_places_of_the_table_that_rules_read_are_read(
    complete_data: dict[str, Any], load_data: LoadData
) -> None:
    read = _read(load_data(complete_data))
    assert all(statement.place.rules for statement in read)
    assert not [statement for statement in read if statement.path[-1] in ("hopes", "personal", "purpose")]


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["", " ", "ASAP", "we will try"]),
)
_KEYS = st.sampled_from(
    [
        "what",
        "acceptance",
        "commits",
        "gives",
        "id",
        "owner",
        "quantity",
        "target",
        "routine",
        "alerts",
        "talk",
        "good_days",
        "imbalances",
        "response",
        "signals",
        "means",
        "x",
    ]
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_KEYS, inner, max_size=4)),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parties=_VALUES, results=_VALUES, relationship=_VALUES, celebration=_VALUES)
def test_any_shape_of_data_reads_as_the_non_blank_texts_at_the_tables_paths(
    minimal_agreement: dict[str, Any],
    load_data: LoadData,
    parties: Any,
    results: Any,
    relationship: Any,
    celebration: Any,
) -> None:
    data = {
        **minimal_agreement,
        "parties": parties,
        "results": results,
        "relationship": relationship,
        "celebration": celebration,
    }
    document = load_data(data)
    for statement in statements(document):
        assert document.value_at(statement.path) == statement.text
        assert statement.text.strip()
        shape = ".".join(step if isinstance(step, str) else "[]" for step in statement.path).replace(".[]", "[]")
        assert shape == statement.place.path
        assert statement.place.rules


def _context_at(document: Document, path: tuple[str | int, ...]) -> TextContext:
    return next(statement.context for statement in statements(document) if statement.path == path)


def test_the_context_says_whose_words_they_are(minimal_agreement: dict[str, Any], load_data: LoadData) -> None:
    minimal_agreement["parties"][0]["commits"] = "Answer questions within 4 working hours."
    minimal_agreement["relationship"] = {"routine": "A written update every Friday."}
    minimal_agreement["celebration"] = {"targets": [{"id": "t1", "metric": "Onboarding days", "target": 30}]}
    minimal_agreement["results"]["deliverables"][0].update(quantity=3, acceptance="Signed off by Li.")
    document = load_data(minimal_agreement)
    assert _context_at(document, ("parties", 0, "commits")) == TextContext(party="maria", standing=True)
    partners = ("maria", "Maria Chen", "li", "Li Wei")
    assert _context_at(document, ("relationship", "routine")) == TextContext(standing=True, partners=partners)
    assert _context_at(document, ("celebration", "targets", 0, "metric")) == TextContext(measured=True, counted=True)
    deliverable = ("results", "deliverables", 0)
    assert _context_at(document, (*deliverable, "what")) == TextContext(measured=True, owned=True, dated=True)
    assert _context_at(document, (*deliverable, "acceptance")) == TextContext(measured=False, owned=True, dated=True)


def test_an_item_with_a_day_of_its_own_is_dated(minimal_agreement: dict[str, Any], load_data: LoadData) -> None:
    minimal_agreement["celebration"] = {
        "targets": [{"id": "t1", "metric": "Onboarding days", "target": 30}],
        "measurement": {"on": "2027-07-01", "communicated_on": "2027-07-08", "how": "A slot at the team meeting."},
    }
    minimal_agreement["results"]["check_ins"] = {"cadence": "monthly", "how": "Each party shows its numbers."}
    document = load_data(minimal_agreement)
    assert _context_at(document, ("celebration", "measurement", "how")).dated
    assert _context_at(document, ("results", "milestones", 0, "what")).dated
    assert not _context_at(document, ("celebration", "targets", 0, "metric")).dated  # no day measured on
    assert not _context_at(document, ("results", "check_ins", "how")).dated  # a cadence, no dates listed


def _text_findings(document: Document) -> list[tuple[str, str]]:
    """(the value's path, the rule's code) of every text finding in ``document``."""
    by_line = {document.position(statement.path)[0]: statement for statement in statements(document)}
    return [
        (document.describe(by_line[problem.line].path), problem.rule)
        for problem in lint_document(document)
        if problem.rule in TEXT_CODES and problem.line in by_line
    ]


def test_a_party_saying_we_in_its_commitments_names_nobody(
    minimal_agreement: dict[str, Any], load_data: LoadData
) -> None:
    minimal_agreement["parties"][0]["commits"] = "We answer every question within 4 working hours."
    minimal_agreement["parties"][1]["commits"] = "Questions are answered within 4 working hours."
    found = _text_findings(load_data(minimal_agreement))
    assert ("parties[id=maria].commits", collective_actor.RULE.code) in found
    assert not [finding for finding in found if finding[0] == "parties[id=li].commits"]


def test_a_rule_outside_the_table_reads_the_commitments_only(
    minimal_agreement: dict[str, Any], load_data: LoadData
) -> None:
    def flag_quick(text: str, context: TextContext) -> Iterator[TextSpan]:
        for match in re.finditer(r"\bquick\b", text):
            yield TextSpan(match.start(), match.end(), "quick")

    rule = TextRule(
        code="Z901",
        name="flag-quick",
        category=Category.VAGUENESS,
        severity=Severity.WARNING,
        doc="fake",
        check=flag_quick,
    )
    minimal_agreement["results"]["deliverables"][0]["what"] = "A quick checklist"
    minimal_agreement["relationship"] = {"routine": "A quick call"}
    document = load_data(minimal_agreement)
    problems = Linter((rule,))(document)
    assert [problem.line for problem in problems] == [document.position(("results", "deliverables", 0, "what"))[0]]


def test_the_text_budget_is_spent_on_commitments_first(complete_data: dict[str, Any], load_data: LoadData) -> None:
    complete_data["relationship"]["alerts"] = "Let each other know ASAP."
    document = load_data(complete_data)
    commitments = sum(
        len(statement.text) for statement in statements(document) if statement.place.element in COMMITMENTS
    )
    budget = TextBudget(document_chars=commitments)
    problems = Linter(TEXT_RULES, budget=budget)(document)
    alerts = document.position(("relationship", "alerts"))[0]
    assert not [problem for problem in problems if problem.line == alerts and problem.rule in TEXT_CODES]
    assert [problem for problem in problems if problem.rule == TEXT_NOT_READ]
    assert [
        problem
        for problem in Linter(TEXT_RULES)(document)
        if problem.line == alerts and problem.rule == escape_clause.RULE.code
    ]


# ------------------------------------------------------------------------------------------ the issue's example


def issue_example(data: dict[str, Any]) -> dict[str, Any]:
    """The agreement of issue 13: vague words everywhere but in the commitments the rules used to read."""
    data["parties"][0]["commits"] = "respond to questions in a timely manner and attend check-ins as needed"
    data["parties"][1]["gives"] = "engineering resources as available"
    data["framing"]["a_plus"] = "onboarding is much faster and customers are happy"
    data["relationship"].update(
        alerts="let each other know ASAP",
        routine="sync regularly, etc.",
        surprises="handle them promptly as appropriate",
    )
    return data


ESCAPE_OR_VAGUE_FREQUENCY = {escape_clause.RULE.code, vague_quantifier.RULE.code}  # "as needed": one finding
EXPECTED: dict[str, tuple[set[str], ...]] = {  # per value, each set: one of these rules reports there
    "parties[id=maria].commits": ({fuzzy_deadline.RULE.code}, ESCAPE_OR_VAGUE_FREQUENCY),
    "parties[id=daniel].gives": ({escape_clause.RULE.code},),
    "framing.a_plus": ({comparative_without_baseline.RULE.code}, {subjective_quality.RULE.code}),
    "relationship.alerts": ({escape_clause.RULE.code},),
    "relationship.routine": ({vague_quantifier.RULE.code}, {open_ended_list.RULE.code}),
    "relationship.surprises": ({fuzzy_deadline.RULE.code}, {escape_clause.RULE.code}),
}


def _found_at(problems: list[Problem], document: Document) -> dict[str, set[str]]:
    lines = {
        document.position(statement.path)[0]: document.describe(statement.path) for statement in statements(document)
    }
    found: dict[str, set[str]] = {}
    for problem in problems:
        if problem.rule in TEXT_CODES and problem.line in lines:
            found.setdefault(lines[problem.line], set()).add(problem.rule)
    return found


def test_the_issue_example_lints_with_findings(complete_data: dict[str, Any], load_data: LoadData) -> None:
    document = load_data(issue_example(complete_data))
    found = _found_at(lint_document(document), document)
    for path, expected in EXPECTED.items():
        for one_of in expected:
            assert one_of & found.get(path, set()), (path, one_of)


def test_the_issue_example_through_agreed_lint(complete_data: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "issue.yaml"
    path.write_text(yaml.safe_dump(issue_example(complete_data), sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(path), "--no-cache", "--today", "2031-01-05"])
    reported = {(int(line), code) for line, code in re.findall(r"^[^:\n]+:(\d+):\d+: (\w+) ", result.output, re.M)}
    text = path.read_text(encoding="utf-8").splitlines()

    def line_of(fragment: str) -> int:
        return next(number for number, line in enumerate(text, 1) if fragment in line)

    assert (line_of("timely manner"), fuzzy_deadline.RULE.code) in reported, result.output
    assert (line_of("as available"), escape_clause.RULE.code) in reported, result.output
    assert (line_of("much faster"), comparative_without_baseline.RULE.code) in reported, result.output
    assert (line_of("let each other know ASAP"), escape_clause.RULE.code) in reported, result.output
    assert (line_of("sync regularly, etc."), open_ended_list.RULE.code) in reported, result.output
    assert (line_of("promptly as appropriate"), escape_clause.RULE.code) in reported, result.output


def _reported(path: Path) -> set[tuple[str, int]]:
    """What ``agreed lint`` reports in the file: each finding's code and line."""
    result = CliRunner().invoke(main, ["lint", str(path), "--no-cache", "--today", "2031-01-05"])
    return {(code, int(line)) for line, code in re.findall(r"^[^:\n]+:(\d+):\d+: (\w+) ", result.output, re.M)}


def _lines_with(path: Path, text: str) -> list[int]:
    return [number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line]


COUNTED_PLACES = (
    ("results", "measures", "quality", 0, "measure"),
    ("results", "measures", "quality", 0, "how"),
    ("results", "measures", "resources", 0, "how"),
    ("celebration", "targets", 0, "metric"),
    ("celebration", "handoffs", 0, "what"),
)


def _with_counted_texts(data: dict[str, Any], text: str) -> dict[str, Any]:
    """``data`` with ``text`` in a measure's words and method, a resource's method, a metric and a hand-off."""
    data["results"]["measures"] = {
        "quality": [{"id": "q1", "measure": text, "how": text}],
        "resources": [{"id": "r1", "measure": "Engineer days", "how": text}],
    }
    data["celebration"] = {
        "targets": [{"id": "t1", "metric": text, "unit": "reports", "baseline": 1, "target": 3}],
        "handoffs": [{"id": "h1", "what": text, "from": "maria", "to": "li", "due": "2031-07-01"}],
    }
    return data


@pytest.mark.parametrize(
    "actor", ["The team will review reports.", "Someone hands over the runbook.", "We will review reports."]
)
def test_a_group_in_a_measure_a_metric_or_a_hand_off_names_nobody(
    minimal_agreement: dict[str, Any], tmp_path: Path, actor: str
) -> None:
    path = tmp_path / "counted.yaml"
    path.write_text(yaml.safe_dump(_with_counted_texts(minimal_agreement, actor), sort_keys=False), encoding="utf-8")
    places_with_the_text = _lines_with(path, actor)
    assert len(places_with_the_text) == len(COUNTED_PLACES)
    assert {line for code, line in _reported(path) if code == collective_actor.RULE.code} == set(places_with_the_text)


def test_a_passive_in_a_measure_a_metric_or_a_hand_off_is_its_natural_voice(
    minimal_agreement: dict[str, Any], tmp_path: Path
) -> None:
    passive = "Churn is measured monthly in ChartMogul."
    data = _with_counted_texts(minimal_agreement, passive)
    data["results"]["deliverables"][0].update(what=passive)
    del data["results"]["deliverables"][0]["owner"]
    path = tmp_path / "passive.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    deliverable, *counted = _lines_with(path, passive)  # the deliverable comes first, under results
    assert len(counted) == len(COUNTED_PLACES)
    assert {line for code, line in _reported(path) if code == passive_commitment.RULE.code} == {deliverable}


def test_the_a_plus_result_is_asked_for_what_it_leaves_open(minimal_agreement: dict[str, Any], tmp_path: Path) -> None:
    minimal_agreement["framing"]["a_plus"] = (
        "KR3: Ship the self-serve onboarding flow by 2031-06-30, ASAP if possible, etc."
    )
    path = tmp_path / "a-plus.yaml"
    path.write_text(yaml.safe_dump(minimal_agreement, sort_keys=False, width=200), encoding="utf-8")
    (a_plus,) = _lines_with(path, "KR3")
    assert {code for code, line in _reported(path) if line == a_plus} >= {
        escape_clause.RULE.code,
        open_ended_list.RULE.code,
    }
    minimal_agreement["framing"]["a_plus"] = "KR3: Ship the self-serve onboarding flow to all 40 stores by 2031-06-30."
    path.write_text(yaml.safe_dump(minimal_agreement, sort_keys=False, width=200), encoding="utf-8")
    assert not {code for code, line in _reported(path) if line == a_plus}


# ------------------------------------------------------------------------------------------ the README


def test_the_readme_shows_the_table_of_the_code() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = "<!-- scope table: generated from agreed.lint.rules.scope (tests/lint/test_scope.py) -->\n"
    end = "<!-- end of scope table -->"
    assert start in readme
    assert end in readme
    shown = readme.split(start, 1)[1].split(end, 1)[0]
    assert shown.strip("\n") == scope_table().strip("\n")
