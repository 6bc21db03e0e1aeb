"""Inline suppressions, applied by the engine: lines, next lines, whole files; reasons required; unused reported."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from agreed.lint.engine import Linter, lint_document
from agreed.lint.rules import ALL_RULES, fuzzy_deadline, owner_missing, vague_quantifier
from agreed.lint.suppressions import REASON_PROMPT
from agreed.problem import Problem

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, LoadText

# A draft whose two deliverables break rules: d1 has no owner (A201, on line 12: "- id: d1"), d2's text uses a vague
# quantifier (V102) and a fuzzy deadline (T301), both on line 15.
BODY = """\
results:
  deliverables:
    - id: d1{d1}
      what: Publish 12 onboarding checklists
{before_d2}    - id: d2
      what: Send the report to several teams soon.{d2}
      owner: maria
"""


def _lint(load_text: LoadText, draft_yaml: DraftYaml, *, d1: str = "", d2: str = "", before_d2: str = "",
          head: str = "") -> list[tuple[int, str]]:
    text = head + draft_yaml() + BODY.format(d1=d1, d2=d2, before_d2=before_d2)
    return [(problem.line, problem.rule) for problem in _problems(load_text, text)]


def _problems(load_text: LoadText, text: str) -> list[Problem]:
    return lint_document(load_text(text), rules=[owner_missing.RULE, fuzzy_deadline.RULE, vague_quantifier.RULE])


def _messages(load_text: LoadText, text: str, rule: str) -> list[str]:
    return [problem.message for problem in _problems(load_text, text) if problem.rule == rule]


def test_without_directives_every_finding_shows(load_text: LoadText, draft_yaml: DraftYaml) -> None:
    assert _lint(load_text, draft_yaml) == [(12, "A201"), (15, "V102"), (15, "T301")]


def test_disable_on_the_line_by_code(load_text: LoadText, draft_yaml: DraftYaml) -> None:
    found = _lint(load_text, draft_yaml, d1="  # agreed: disable=A201 -- owner named at the kickoff on 2031-01-10")
    assert found == [(15, "V102"), (15, "T301")]


def test_disable_by_name_and_several_rules(load_text: LoadText, draft_yaml: DraftYaml) -> None:
    found = _lint(load_text, draft_yaml, d2="  # agreed: disable=fuzzy-deadline, V102 -- quoting the regulator")
    assert found == [(12, "A201")]


def test_disable_next_line_skips_comments_and_blank_lines(load_text: LoadText, draft_yaml: DraftYaml) -> None:
    text = draft_yaml() + """\
results:
  deliverables:
    - id: d2
      owner: maria
      # agreed: disable-next-line=T301 -- the regulator's wording
      # another comment

      what: Send the report to several teams soon.
"""
    assert [(problem.line, problem.rule) for problem in _problems(load_text, text)] == [(17, "V102")]


def test_disable_next_line_covers_only_the_next_line(load_text: LoadText, draft_yaml: DraftYaml) -> None:
    before = "    # agreed: disable-next-line=T301 -- the next line is the item, not its text\n"
    found = _lint(load_text, draft_yaml, before_d2=before)
    assert found == [(12, "A201"), (14, "X003"), (16, "V102"), (16, "T301")]


def test_disable_file(load_text: LoadText, draft_yaml: DraftYaml) -> None:
    head = "# agreed: disable-file=A201 -- owners are assigned at the kickoff\n"
    assert _lint(load_text, draft_yaml, head=head) == [(16, "V102"), (16, "T301")]


def test_a_directive_covers_a_multi_line_value_that_starts_on_its_line(load_text: LoadText,
                                                                        draft_yaml: DraftYaml) -> None:
    text = draft_yaml() + """\
results:
  deliverables:
    - id: d2
      owner: maria
      what: >-  # agreed: disable=V102 -- the number of teams is in the annex
        Publish the checklist
        to several teams.
"""
    assert [problem.rule for problem in _problems(load_text, text)] == []


@pytest.mark.parametrize("directive", [
    "  # agreed: disable-next-line=V102 -- the number of teams is in the annex\n      what:\n",
    "      what:  # agreed: disable=V102 -- the number of teams is in the annex\n",
])
def test_a_directive_on_a_key_covers_its_plain_value_wrapped_onto_the_lines_after(
        load_text: LoadText, draft_yaml: DraftYaml, directive: str) -> None:
    text = draft_yaml() + """\
results:
  deliverables:
    - id: d2
      owner: maria
""" + directive.replace("  # agreed: disable-next", "      # agreed: disable-next") + """\
        Publish the checklist
        to several teams.
"""
    assert [problem.rule for problem in _problems(load_text, text)] == []


def test_a_directive_on_a_key_does_not_reach_a_list_or_mapping_below_it(load_text: LoadText,
                                                                         draft_yaml: DraftYaml) -> None:
    text = draft_yaml() + """\
results:  # agreed: disable=V102 -- not a text value: covers only this line
  deliverables:
    - id: d2
      owner: maria
      what: Publish the checklist to several teams.
"""
    assert [problem.rule for problem in _problems(load_text, text)] == ["X003", "V102"]


def test_a_bad_name_in_a_directive_leaves_its_good_names_in_force(load_text: LoadText,
                                                                   draft_yaml: DraftYaml) -> None:
    found = _lint(load_text, draft_yaml, d2="  # agreed: disable=V102,V999 -- quoting the regulator")
    assert found == [(12, "A201"), (15, "T301"), (15, "X002")]


def test_a_directive_does_not_reach_other_lines(load_text: LoadText, draft_yaml: DraftYaml) -> None:
    found = _lint(load_text, draft_yaml, d1="  # agreed: disable=T301 -- wrong line")
    assert (15, "T301") in found
    assert (12, "X003") in found


def test_a_reason_is_required_and_the_finding_stays(load_text: LoadText, draft_yaml: DraftYaml) -> None:
    text = draft_yaml() + BODY.format(d1="  # agreed: disable=A201", d2="", before_d2="")
    problems = _problems(load_text, text)
    assert [(problem.line, problem.rule) for problem in problems] == [(12, "A201"), (12, "X002"), (15, "V102"),
                                                                      (15, "T301")]
    assert "gives no reason" in next(problem.message for problem in problems if problem.rule == "X002")


def test_the_editors_placeholder_left_as_the_reason_is_no_reason(load_text: LoadText, draft_yaml: DraftYaml) -> None:
    text = draft_yaml() + BODY.format(d1=f"  # agreed: disable=A201 -- {REASON_PROMPT}", d2="", before_d2="")
    problems = _problems(load_text, text)
    assert [(problem.line, problem.rule) for problem in problems] == [(12, "A201"), (12, "X002"), (15, "V102"),
                                                                      (15, "T301")]
    assert REASON_PROMPT in next(problem.message for problem in problems if problem.rule == "X002")
    replaced = text.replace(REASON_PROMPT, "REASON: the owner is named in the annex")
    assert [(problem.line, problem.rule) for problem in _problems(load_text, replaced)] == [(15, "V102"),
                                                                                            (15, "T301")]


@pytest.mark.parametrize(("directive", "fragment"), [
    ("# agreed: disable=A201 owner named later", "separate the reason with ' -- '"),
    ("# agreed: disable=A2O1 -- typo", "unknown rule 'A2O1' (did you mean 'A201'?)"),
    ("# agreed: disable=owner-mising -- typo", "unknown rule 'owner-mising' (did you mean 'owner-missing'?)"),
    ("# agreed: disable=Z999 -- nothing close", "unknown rule 'Z999'; see 'agreed rules'"),
    ("# agreed: disable -- no rule", "names no rule"),
    ("# agreed: enable=A201 -- nonsense", "unreadable suppression"),
    ("# agreed: disable=S100 -- schema", "S100 cannot be suppressed"),
    ("# agreed: disable=yaml-syntax -- parse", "S001 cannot be suppressed"),
    ("# agreed: disable=weak-verb -- a category",
     "suppression names the category 'weak-verb': a directive takes rules, not categories; name the rule that "
     "reports here (V109 weak-commitment)"),
    ("# agreed: disable=Accountability -- a category", "the category 'accountability'"),
])
def test_invalid_directives_are_reported(load_text: LoadText, draft_yaml: DraftYaml, directive: str,
                                         fragment: str) -> None:
    text = draft_yaml() + BODY.format(d1=f"  {directive}", d2="", before_d2="")
    messages = _messages(load_text, text, "X002")
    assert any(fragment in message for message in messages), messages


def test_unused_directives_are_reported(load_text: LoadText, draft_yaml: DraftYaml) -> None:
    text = draft_yaml() + BODY.format(d1="", d2="  # agreed: disable=A201 -- stale", before_d2="")
    assert _messages(load_text, text, "X003") == ["unused suppression: A201 reports nothing on this line; "
                                                  "remove the directive"]


def test_a_directive_for_a_rule_that_did_not_run_is_not_unused(load_text: LoadText, draft_yaml: DraftYaml) -> None:
    text = draft_yaml() + BODY.format(d1="", d2="  # agreed: disable=V101 -- switched off elsewhere", before_d2="")
    assert _messages(load_text, text, "X003") == []  # V101 is not among the rules run


def test_look_alike_text_in_values_is_not_a_directive(load_text: LoadText, draft_yaml: DraftYaml) -> None:
    text = draft_yaml() + """\
results:
  deliverables:
    - id: d1
      what: "Publish 12 checklists # agreed: disable=A201 -- in a quoted string"
    - id: d2
      owner: maria
      what: |
        Publish 3 playbooks
        # agreed: disable-file=A201 -- inside a literal block
"""
    problems = _problems(load_text, text)
    assert [(problem.rule, problem.line) for problem in problems] == [("A201", 12), ("X002", 18)]
    assert "is part of the text of a multi-line value, not a comment" in problems[1].message


def test_schema_errors_cannot_be_suppressed(load_text: LoadText, draft_yaml: DraftYaml) -> None:
    text = draft_yaml() + "# agreed: disable-file=S100 -- try\nunknown_key: 1\n"
    rules = [problem.rule for problem in lint_document(load_text(text), rules=ALL_RULES)]
    assert "S100" in rules
    assert "X002" in rules


def test_suppressions_apply_in_a_configured_linter(load_text: LoadText, draft_yaml: DraftYaml) -> None:
    text = draft_yaml() + BODY.format(d1="  # agreed: disable=A201 -- later", d2="", before_d2="")
    linter = Linter((owner_missing.RULE,))
    assert linter(load_text(text)) == []
