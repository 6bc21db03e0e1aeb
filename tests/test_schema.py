"""agreed.schema: every schema violation is one Problem at the offending key or value, with a readable path."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import agreed.schema
from agreed.document import Document
from agreed.problem import Problem, Severity
from agreed.schema import load_schema, schema_path, template_path, validate_document

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, LoadText

Edit = Callable[[str], str]


def rows(problems: list[Problem]) -> list[tuple[str, int, int, str]]:
    return [(problem.rule, problem.line, problem.col, problem.message) for problem in problems]


def one(problems: list[Problem]) -> tuple[str, int, int, str]:
    assert len(problems) == 1, rows(problems)
    assert problems[0].severity is Severity.ERROR
    return rows(problems)[0]


def where(source: str, needle: str) -> tuple[int, int]:
    offset = source.index(needle)
    before = source[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def append(text: str) -> Edit:
    """An edit of the draft fixture (a module-level case cannot ask for a fixture): ``text`` added at its end."""
    return lambda draft: draft + text


def replace(old: str, new: str) -> Edit:
    """An edit of the draft fixture: every ``old`` replaced by ``new``."""
    return lambda draft: draft.replace(old, new)


@pytest.fixture
def draft(draft_yaml: DraftYaml) -> str:
    """A valid two-party draft and nothing else; the cases below are edits of it."""
    return draft_yaml()


@pytest.fixture
def check(load_text: LoadText) -> Callable[[str], list[Problem]]:
    def run(text: str) -> list[Problem]:
        document = load_text(text)
        assert document.loaded, document.problems
        return validate_document(document)

    return run


def test_schema_and_template_files_exist() -> None:
    assert schema_path().is_file()
    assert template_path().is_file()
    assert load_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_shipped_contracts_validate(shipped_contract: Path, load_text: LoadText) -> None:
    document = load_text(shipped_contract.read_text(encoding="utf-8"), str(shipped_contract))
    assert document.loaded, document.problems
    assert validate_document(document) == []


def test_the_draft_fixture_is_valid(check: Callable[[str], list[Problem]], draft: str) -> None:
    assert check(draft) == []


def test_a_document_that_did_not_load_has_no_schema_problems(load_text: LoadText) -> None:
    assert validate_document(load_text("- not a mapping\n")) == []


# ------------------------------------------------------------------------------------------ single violations

SINGLE: list[Any] = [
    pytest.param(append("titel: Other\n"), "titel", "(document): unknown key 'titel' (did you mean 'title'?); "
                 "extension keys must start with 'x-'", id="unknown-top-level-key"),
    pytest.param(replace("    name: Maria Chen\n", "    name: Maria Chen\n    emial: maria@example.com\n"),
                 "emial", "parties[id=maria]: unknown key 'emial' (did you mean 'email'?)", id="unknown-nested-key"),
    pytest.param(append("zzzzzz: 1\n"), "zzzzzz",
                 "(document): unknown key 'zzzzzz'; known keys: agreed, id, title, status, term, parties",
                 id="unknown-key-without-close-match"),
    pytest.param(replace("title: Demo agreement", "title: [Demo]"), "[Demo]",
                 "title: expected text, found a list", id="list-for-text"),
    pytest.param(replace("title: Demo agreement", "title: 5"), "5",
                 "title: expected text, found the number 5", id="number-for-text"),
    pytest.param(replace("    name: Li Wei\n", "    name: Li Wei\n    could_decline: yes\n"), "yes",
                 "parties[id=li].could_decline: expected true or false, found text 'yes'", id="yes-is-not-a-bool"),
    pytest.param(append("term:\n  start: Q3\n"), "Q3",
                 "term.start: 'Q3' is not a date: write it as YYYY-MM-DD, such as 2027-03-31", id="quarter-for-date"),
    pytest.param(append("results:\n  milestones:\n    - id: m1\n      what: Draft\n      due: Q3 2031\n"), "Q3 2031",
                 "results.milestones[id=m1].due: 'Q3 2031' is not a date", id="quarter-for-required-date"),
    pytest.param(append("term:\n  end: '2031-02-30'\n"), "'2031-02-30'", "term.end: '2031-02-30' is not a date",
                 id="quoted-impossible-date"),
    pytest.param(append("term:\n  end: 2031-02-30\n"), "2031-02-30",
                 "term.end: '2031-02-30' is not a date: February 2031 has 28 days, not 30",
                 id="unquoted-impossible-date"),
    pytest.param(append("term:\n  end: 2031-13-01\n"), "2031-13-01",
                 "term.end: '2031-13-01' is not a date: there is no month 13", id="impossible-month"),
    pytest.param(append("term:\n  end: 0000-01-01\n"), "0000-01-01",
                 "term.end: '0000-01-01' is not a date: there is no year 0000", id="year-zero"),
    pytest.param(append("term:\n  end: 20311031\n"), "20311031", "term.end: expected a date written as YYYY-MM-DD "
                 "(such as 2027-03-31), found the number 20311031", id="date-without-hyphens"),
    pytest.param(append("results:\n  deadline: 20311031\n"), "20311031", "results.deadline: expected a date written as "
                 "YYYY-MM-DD (such as 2027-03-31), found the number 20311031", id="date-or-empty-without-hyphens"),
    pytest.param(append("celebration:\n  targets:\n    - id: t1\n      metric: m\n      target: 1\n"
                        "      measured_on: within 15 days after the deadline\n"),
                 "within 15", "celebration.targets[id=t1].measured_on: 'within 15 days after the deadline' is not a "
                 "date: write it as YYYY-MM-DD, such as 2027-03-31, or as a day after the outcome deadline, such as "
                 "'deadline + 15 days'", id="relative-day-in-words"),
    pytest.param(append("celebration:\n  measurement:\n    on: deadline + 15\n"), "deadline + 15",
                 "celebration.measurement.on: 'deadline + 15' is not a date: write it as YYYY-MM-DD, such as "
                 "2027-03-31, or as a day after the outcome deadline, such as 'deadline + 15 days'",
                 id="relative-day-or-empty-malformed"),
    pytest.param(append("celebration:\n  measurement:\n    communicated_on: 22\n"), "22",
                 "celebration.measurement.communicated_on: expected a date written as YYYY-MM-DD (such as 2027-03-31) "
                 "or as a day after the outcome deadline (such as 'deadline + 15 days'), found the number 22",
                 id="relative-day-or-empty-wrong-type"),
    pytest.param(append("celebration:\n  measurement:\n    on: 2031-02-30\n"), "2031-02-30",
                 "celebration.measurement.on: '2031-02-30' is not a date: February 2031 has 28 days, not 30",
                 id="relative-day-or-empty-impossible-date"),
    pytest.param(append("term:\n  end: 2031-10-31T17:00:00Z\n"), "2031-10-31T17:00:00Z", "term.end: "
                 "'2031-10-31T17:00:00Z' is not a date: a date has no time of day; write 2031-10-31",
                 id="date-and-time-echoed-as-written"),
    pytest.param(append("framing:\n  alliance:\n    kind: pubic\n"), "pubic",
                 "framing.alliance.kind: 'pubic' is not one of: public, private (did you mean 'public'?)",
                 id="enum-typo"),
    pytest.param(append("consent:\n  evidence: [reveiw]\n"), "reveiw",
                 "consent.evidence[0]: 'reveiw' is not one of: ssh-signature, signed-commit, author-email, review "
                 "(did you mean 'review'?)", id="enum-typo-in-list"),
    pytest.param(replace("id: demo", "id: Demo Agreement"), "Demo Agreement",
                 "id: 'Demo Agreement' is not a valid identifier: use lower-case letters, digits, '.', '-' and '_' (no "
                 "spaces)", id="id-pattern"),
    pytest.param(replace("id: demo", "id: " + "x" * 500), "x" * 500,
                 f"id: '{'x' * 59}…' is not a valid identifier", id="long-value-echoed-shortened"),
    pytest.param(append("results:\n  deliverables:\n    - id: d1\n      what: Checklist\n      owner: Maria Chen\n"),
                 "Maria Chen\n", "results.deliverables[id=d1].owner: 'Maria Chen' is not a valid party id: name one "
                 "entry of parties by its id (lower-case letters, digits, '.', '-' and '_'; no spaces)",
                 id="owner-pattern"),
    pytest.param(append("results:\n  deliverables:\n    - id: d1\n"), "id: d1",
                 "results.deliverables[id=d1]: 'what' is required here", id="missing-required-in-item"),
    pytest.param(append("relationship:\n  reservations:\n" + "".join(
        f"    - {{id: r{n}, concern: c, monitoring: m}}\n" for n in range(4))), "- {id: r0",
                 "relationship.reservations: has 4 entries; at most 3 are allowed", id="too-many-items"),
]


@pytest.mark.parametrize(("edit", "at", "message"), SINGLE)
def test_one_violation_is_one_problem_at_the_offending_spot(check: Callable[[str], list[Problem]], draft: str,
                                                            edit: Edit, at: str, message: str) -> None:
    text = edit(draft)
    code, line, col, got = one(check(text))
    assert code == "S100"
    # The last occurrence, so that a key or value repeated from the fixture is not mistaken for the one at fault.
    offset = text.rindex(at)
    assert (line, col) == where(text[:offset] + "\0" + text[offset + 1:], "\0"), got
    assert message in got


def test_missing_required_key_is_reported_at_the_mapping_that_lacks_it(check: Callable[[str], list[Problem]],
                                                                       draft: str) -> None:
    text = draft.replace("    name: Li Wei\n", "")
    code, line, col, message = one(check(text))
    assert (code, line, col) == ("S100", 8, 5)
    assert message == "parties[id=li]: 'name' is required here"


def test_missing_required_top_level_key(check: Callable[[str], list[Problem]], draft: str) -> None:
    text = "# leading comment\n" + draft.replace("title: Demo agreement\n", "")
    code, line, col, message = one(check(text))
    assert (code, line, col) == ("S100", 2, 1)
    assert message == "(document): 'title' is required here"


def test_extension_keys_are_allowed_everywhere(check: Callable[[str], list[Problem]], draft: str) -> None:
    text = draft.replace("    name: Maria Chen\n", "    name: Maria Chen\n    x-team: sales\n") + "x-notes: [a, b]\n"
    assert check(text) == []


# ------------------------------------------------------------------------------------------ format version


@pytest.mark.parametrize(("edit", "line", "col", "message"), [
    pytest.param(replace("agreed: 1\n", ""), 1, 1, "missing format version: add 'agreed: 1' as the first key",
                 id="missing"),
    pytest.param(replace("agreed: 1", "agreed: 2"), 1, 9, "unknown format version 2: this agreed reads version 1",
                 id="future-version"),
    pytest.param(replace("agreed: 1", "agreed: '1'"), 1, 9, 'unknown format version "1"', id="string"),
    pytest.param(replace("agreed: 1", "agreed: true"), 1, 9, "unknown format version true", id="bool"),
    pytest.param(replace("agreed: 1", "agreed:"), 1, 8, "unknown format version null", id="empty"),
    pytest.param(replace("agreed: 1", "agreed: 1.0"), 1, 9, "unknown format version 1.0", id="float"),
])
def test_format_version(check: Callable[[str], list[Problem]], draft: str, edit: Edit, line: int, col: int,
                        message: str) -> None:
    code, got_line, got_col, got = one(check(edit(draft)))
    assert (code, got_line, got_col) == ("S011", line, col)
    assert message in got


def test_unknown_format_version_hides_other_schema_errors(check: Callable[[str], list[Problem]], draft: str) -> None:
    text = draft.replace("agreed: 1", "agreed: 2").replace("title: Demo agreement", "title: [x]") + "extra: 1\n"
    assert [problem.rule for problem in check(text)] == ["S011"]
    missing = draft.replace("agreed: 1\n", "").replace("status: draft", "status: drafty")
    assert [problem.rule for problem in check(missing)] == ["S011"]


# ------------------------------------------------------------------------------------------ completeness


def _proposed_with_gaps(text: str) -> str:
    text = text.replace("status: active", "status: proposed")
    text, removed = re.subn(r"\n  purpose: >-\n(    .*\n)+", "\n", text, count=1)
    assert removed == 1
    text, emptied = re.subn(r"\n  together: >-\n(    .*\n)+", '\n  together: ""\n', text, count=1)
    assert emptied == 1
    return text


def test_proposed_agreement_must_be_complete(check: Callable[[str], list[Problem]],
                                             complete_agreement_text: str) -> None:
    text = _proposed_with_gaps(complete_agreement_text)
    rule = "(every element is required once an agreement is no longer a draft)"
    assert rows(check(text)) == [
        ("S100", *where(text, '""'), f"framing.together: is empty {rule}"),
        ("S100", *where(text, "results:\n"), f"results: 'purpose' is required here {rule}"),
    ]


def test_the_same_gaps_are_fine_in_a_draft(check: Callable[[str], list[Problem]],
                                           complete_agreement_text: str) -> None:
    text = _proposed_with_gaps(complete_agreement_text).replace("status: proposed", "status: draft")
    assert check(text) == []


def test_a_proposed_agreement_needs_two_parties_with_preconditions(check: Callable[[str], list[Problem]],
                                                                   draft: str) -> None:
    problems = check(draft.replace("status: draft", "status: proposed"))
    messages = [problem.message for problem in problems]
    assert all("no longer a draft" in message for message in messages), messages
    for section in ("term", "framing", "results", "celebration", "relationship"):
        assert f"(document): '{section}' is required here (every element" in " ".join(messages)
    assert any(message.startswith("parties[id=maria]: 'hopes' is required here") for message in messages)
    assert any(message.startswith("parties[id=li]: 'beyond' is required here") for message in messages)


@pytest.mark.parametrize("status", ["draft", "proposed"])
def test_a_value_of_the_wrong_kind_is_one_problem_in_any_status(check: Callable[[str], list[Problem]],
                                                                 complete_agreement_text: str, status: str) -> None:
    """The status rule names the kind of each value it tightens (for strict validators); a value of the wrong kind
    is still said once, by the element's own schema, not again as the rule's 'expected text'."""
    text = re.sub(r"\n  deadline: .*\n", "\n  deadline: 5\n", complete_agreement_text.replace("status: active",
                                                                                         f"status: {status}"))
    line, col = where(text, "deadline: 5")
    assert rows(check(text)) == [("S100", line, col + len("deadline: "), "results.deadline: expected a date written "
                                  "as YYYY-MM-DD (such as 2027-03-31), found the number 5")]


# ------------------------------------------------------------------------------------------ several violations


def three_errors(draft: str) -> str:
    return draft.replace("title: Demo agreement", "title: 5") + """\
framing:
  alliance:
    kind: pubic
extra: 1
"""


def test_all_errors_are_reported_in_order(check: Callable[[str], list[Problem]], draft: str) -> None:
    problems = check(three_errors(draft))
    assert [(problem.line, problem.col) for problem in problems] == [(3, 8), (12, 11), (13, 1)]
    assert [problem.message.split(":")[0] for problem in problems] == ["title", "framing.alliance.kind", "(document)"]
    assert problems == sorted(problems, key=lambda problem: (problem.line, problem.col))


def test_problems_are_sorted_by_position_not_by_schema_order(check: Callable[[str], list[Problem]]) -> None:
    text = """\
zzz: 1
agreed: 1
status: draft
parties:
  - id: Maria
    name: ""
id: demo
title: 7
"""
    problems = check(text)
    assert [(problem.line, problem.col) for problem in problems] == [(1, 1), (5, 9), (6, 11), (8, 8)]


# ------------------------------------------------------------------------------------------ fast path

FAST_PATH_CASES = [
    pytest.param(lambda draft: draft, id="valid-draft"),
    pytest.param(three_errors, id="three-errors"),
    pytest.param(replace("status: draft", "status: proposed"), id="incomplete-proposal"),
    pytest.param(append("term:\n  start: Q3\n  end: 2031-13-01x\n"), id="bad-dates"),
    pytest.param(append("results:\n  deliverables:\n    - id: d1\n      what: ''\n      quantity: many\n"),
                 id="bad-deliverable"),
    pytest.param(replace("    name: Maria Chen\n", "    name: Maria Chen\n    email: not-an-email\n"),
                 id="bad-email"),
]


@pytest.mark.parametrize("edit", FAST_PATH_CASES)
def test_result_is_the_same_without_the_compiled_validator(check: Callable[[str], list[Problem]],
                                                           monkeypatch: pytest.MonkeyPatch, draft: str,
                                                           edit: Edit) -> None:
    text = edit(draft)
    assert agreed.schema._fast_validator() is not None, "jsonschema-rs should be installed for this comparison"
    with_fast_path = check(text)
    monkeypatch.setattr(agreed.schema, "_fast_validator", lambda: None)
    assert check(text) == with_fast_path


class _RefusingValidator:
    """A compiled validator that cannot take the value, as some jsonschema-rs versions refuse a 65-bit integer."""

    def is_valid(self, data: Any) -> bool:
        raise ValueError("int too big to convert")

    def iter_errors(self, data: Any) -> Any:
        raise ValueError("int too big to convert")


@pytest.mark.parametrize("edit", FAST_PATH_CASES)
def test_a_compiled_validator_that_refuses_the_value_leaves_the_answer_to_the_detailed_one(
        check: Callable[[str], list[Problem]], monkeypatch: pytest.MonkeyPatch, draft: str, edit: Edit) -> None:
    text = edit(draft)
    monkeypatch.setattr(agreed.schema, "_fast_validator", lambda: None)
    without_fast_path = check(text)
    monkeypatch.setattr(agreed.schema, "_fast_validator", _RefusingValidator)
    assert check(text) == without_fast_path


def test_complete_agreement_same_without_the_compiled_validator(complete_agreement: Document,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(agreed.schema, "_fast_validator", lambda: None)
    assert validate_document(complete_agreement) == []


def test_valid_documents_never_reach_the_detailed_validator(complete_agreement: Document,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("the detailed validator is only for invalid documents")

    monkeypatch.setattr(agreed.schema, "_detailed_validator", refuse)
    assert validate_document(complete_agreement) == []


def test_identifier_with_a_trailing_newline_is_rejected(check: Callable[[str], list[Problem]], draft: str) -> None:
    text = draft.replace("id: demo\n", "id: |\n  demo\n")
    code, line, col, message = one(check(text))
    assert (code, line, col) == ("S100", 2, 5)
    assert "is not a valid identifier" in message


def test_compiled_validator_errors_are_reported_when_the_detailed_one_finds_none(
        monkeypatch: pytest.MonkeyPatch, load_text: LoadText, draft: str) -> None:
    """If the two validators ever disagree, the document is still reported invalid, at the offending value."""
    if agreed.schema._fast_validator() is None:
        pytest.skip("jsonschema-rs is not installed")

    class Lenient:
        def iter_errors(self, instance: object) -> list[object]:
            return []

    monkeypatch.setattr(agreed.schema, "_detailed_validator", Lenient)
    document = load_text(draft.replace("id: demo", "id: Not An Id"))
    problems = validate_document(document)
    assert [(problem.rule, problem.line) for problem in problems] == [("S100", 2)]
    assert problems[0].message.startswith("id: ")
