"""The lint run service, called directly (no command line): what ``agreed lint``, ``agreed validate`` and
``agreed.api`` share."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agreed import api
from agreed.cache import open_cache
from agreed.codes import TEXT_NOT_READ, UNREADABLE
from agreed.document import load_document
from agreed.lint import run
from agreed.lint.budget import TextBudget
from agreed.lint.config import ConfigError, default_config, load_config
from agreed.lint.rule import LintContext
from agreed.lint.rules import ALL_RULES
from agreed.people import RosterError
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only
    from conftest import DraftYaml

REPO = Path(__file__).resolve().parents[2]
DAY = datetime.date(2031, 1, 15)
VAGUE = "results:\n  deliverables:\n    - id: d1\n      what: Send the report to several teams soon.\n"


@pytest.fixture
def folder(tmp_path: Path, draft_yaml: DraftYaml) -> Path:
    """Two agreements with the same id (a cross-file finding) and vague prose (rule findings)."""
    (tmp_path / "a.yaml").write_text(draft_yaml() + VAGUE, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(draft_yaml(), encoding="utf-8")
    return tmp_path


def _inputs(folder: Path, *names: str) -> run.Inputs:
    return run.Inputs.of([folder / name for name in names], folder)


def _codes(result: run.LintResult) -> list[tuple[str, str]]:
    return [(problem.path, problem.rule) for problem in result.problems]


def test_a_run_reports_rules_and_cross_file_findings_sorted_with_counts(folder: Path) -> None:
    config = default_config(folder, ALL_RULES)
    result = run.lint(_inputs(folder, "b.yaml", "a.yaml"), config, LintContext(today=DAY))
    assert result.files == 2
    assert ("b.yaml", "K901") in _codes(result)  # b.yaml comes second by path, so it repeats a.yaml's id
    assert ("a.yaml", "V102") in _codes(result)
    assert list(result.problems) == sorted(result.problems)
    assert sum(result.counts().values()) == len(result.problems)
    assert result.counts()[Severity.ERROR] >= 1


def test_one_file_alone_has_no_cross_file_finding(folder: Path) -> None:
    result = run.lint(_inputs(folder, "a.yaml"), default_config(folder, ALL_RULES), LintContext(today=DAY))
    assert "K901" not in {rule for _, rule in _codes(result)}


def test_a_document_read_already_takes_part_in_cross_file_rules(folder: Path, draft_yaml: DraftYaml) -> None:
    stdin = load_document(draft_yaml().encode(), "new.yaml")
    inputs = run.Inputs(_inputs(folder, "a.yaml").sources, stdin)
    result = run.lint(inputs, default_config(folder, ALL_RULES), LintContext(today=DAY))
    assert (result.files, ("new.yaml", "K901") in _codes(result)) == (2, True)


def test_cross_file_findings_honour_inline_suppressions_read_from_the_file(folder: Path) -> None:
    # the files are reported relative to their folder, not to the current one: the run reads them where they are
    second = folder / "b.yaml"
    second.write_text(second.read_text().replace("id: demo\n", "id: demo  # agreed: disable=K901 -- merging\n", 1))
    result = run.lint(_inputs(folder, "a.yaml", "b.yaml"), default_config(folder, ALL_RULES), LintContext(today=DAY))
    assert "K901" not in {rule for _, rule in _codes(result)}


def test_the_configuration_switches_rules_off(folder: Path) -> None:
    (folder / ".agreed.yaml").write_text("rules: {vagueness: off}\n", encoding="utf-8")
    config = load_config(folder / ".agreed.yaml", ALL_RULES)
    result = run.lint(_inputs(folder, "a.yaml"), config, LintContext(today=DAY))
    assert not any(rule.startswith("V") for _, rule in _codes(result))


def test_validate_reports_schema_problems_only(folder: Path) -> None:
    (folder / "broken.yaml").write_text("agreed: 1\nid: x\n", encoding="utf-8")
    result = run.validate_inputs(_inputs(folder, "a.yaml", "broken.yaml"))
    assert result.files == 2
    assert set(_codes(result)) == {("broken.yaml", "S100")}  # a.yaml's vague prose is no schema problem


def test_a_cached_run_gives_the_same_result(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    config, context = default_config(folder, ALL_RULES), LintContext(today=DAY)
    cache_home = tmp_path_factory.mktemp("cache")
    cache = run.result_cache(open_cache(cache_home / "repo", cache_home), config, context)
    inputs = _inputs(folder, "a.yaml", "b.yaml")
    without = run.lint(inputs, config, context)
    assert run.lint(inputs, config, context, cache=cache) == without  # cold: stored
    assert run.lint(inputs, config, context, cache=cache) == without  # warm: read back, cross-file rules included


def test_the_cache_key_follows_the_date_only_when_a_clock_rule_is_on(folder: Path,
                                                                      tmp_path_factory: pytest.TempPathFactory) -> None:
    home = tmp_path_factory.mktemp("cache")
    store = open_cache(home / "repo", home)
    config = default_config(folder, ALL_RULES)
    later = LintContext(today=DAY + datetime.timedelta(days=1))
    assert any(rule.clock for rule in config.rules)
    assert run.result_cache(store, config, LintContext(today=DAY)).salt != run.result_cache(store, config, later).salt
    timeless = default_config(folder, [rule for rule in ALL_RULES if not rule.clock])
    assert run.result_cache(store, timeless, LintContext(today=DAY)).salt == \
        run.result_cache(store, timeless, later).salt


def test_the_selection_applies_the_configurations_exclude_patterns(folder: Path) -> None:
    (folder / ".agreed.yaml").write_text("exclude: ['b.yaml', '.agreed.yaml']\n", encoding="utf-8")
    config = load_config(folder / ".agreed.yaml", ALL_RULES)
    assert [path.name for path in run.selection([str(folder)], config).files] == ["a.yaml"]
    assert [path.name for path in run.selection([str(folder)]).files] == [".agreed.yaml", "a.yaml", "b.yaml"]


def test_a_roster_named_but_missing_is_a_configuration_error_where_it_is_named(folder: Path) -> None:
    (folder / ".agreed.yaml").write_text("# team\npeople: team/people.yaml\n", encoding="utf-8")
    config = load_config(folder / ".agreed.yaml", ALL_RULES, shown=".agreed.yaml")
    with pytest.raises(ConfigError) as raised:
        run.lint_context(config, DAY, folder)
    (problem,) = raised.value.problems
    assert (problem.path, problem.line, problem.col, problem.rule) == (".agreed.yaml", 2, 9, "S013")
    assert problem.message == "people: the roster team/people.yaml: no such file"


def test_the_roster_is_loaded_into_the_context_and_an_invalid_one_raises(folder: Path) -> None:
    (folder / "people.yaml").write_text("people:\n  - id: maria\n    name: Maria Chen\n", encoding="utf-8")
    (folder / ".agreed.yaml").write_text("people: people.yaml\n", encoding="utf-8")
    config = load_config(folder / ".agreed.yaml", ALL_RULES)
    context = run.lint_context(config, DAY, folder)
    assert (context.today, context.people is not None and "maria" in context.people.people) == (DAY, True)
    (folder / "people.yaml").write_text("people:\n  - id: maria\n", encoding="utf-8")
    with pytest.raises(RosterError):
        run.lint_context(config, DAY, folder)


def test_the_library_checks_a_document_as_the_run_does(folder: Path) -> None:
    document = load_document((folder / "a.yaml").read_bytes(), "a.yaml")
    assert api.check(document, today=DAY) == run.lint_document(document, LintContext(today=DAY))
    assert api.validate(document) == run.validate_document(document)
    assert any(problem.rule == "V102" for problem in api.check(document, today=DAY))


def test_the_library_lints_paths_as_the_run_does(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)
    result = api.lint(["."], today=DAY)
    config = default_config(folder, ALL_RULES)
    assert result == run.lint(_inputs(folder, "a.yaml", "b.yaml"), config, LintContext(today=DAY))
    (folder / "team.yaml").write_text("rules: {cross-file: off}\n", encoding="utf-8")
    configured = api.lint([folder / "a.yaml", folder / "b.yaml"], config="team.yaml", today=DAY)
    assert "K901" not in {problem.rule for problem in configured.problems}


# ------------------------------------------------------------------------------------------ statements


def test_statements_are_checked_per_line_with_the_configurations_text_rules_and_allowed_terms(tmp_path: Path) -> None:
    lines = ["Send the report soon.", "", "Send several reports."]
    default = run.check_statements(lines)
    assert [line.number for line in default] == [1, 2, 3]
    assert [line.text for line in default] == lines
    assert default[1].findings == ()
    assert {finding.rule for finding in default[0].findings}
    assert {finding.rule for finding in default[2].findings}
    (tmp_path / "team.yaml").write_text("allowed-terms: [soon]\nrules: {V102: off}\n", encoding="utf-8")
    configured = run.check_statements(lines, load_config(tmp_path / "team.yaml", ALL_RULES))
    found = {finding.rule for line in configured for finding in line.findings}
    assert "V102" not in found
    assert all("soon" not in line.text[finding.start:finding.end] for line in configured for finding in line.findings)
    assert {finding.rule for finding in default[0].findings} != {finding.rule for finding in configured[0].findings}


def test_the_library_checks_a_statement_as_check_text_checks_a_line() -> None:
    text = "We will try to deliver several reports ASAP."
    assert api.check_statement(text) == list(run.check_statements([text])[0].findings) == run.check_statement(text)
    assert api.check_statement(text)


SMALL = TextBudget(value_chars=40, document_chars=60)
STATEMENTS = ["Send the report soon.", "Improve onboarding ASAP, etc. and more words here.", "Send several reports."]


def _not_read(checked: tuple[run.CheckedLine, ...]) -> list[tuple[int, int, int, str]]:
    return [(line.number, finding.start, finding.end, finding.message)
            for line in checked for finding in line.findings if finding.rule == TEXT_NOT_READ]


def test_statements_past_the_inputs_budget_are_not_read_and_one_finding_says_so() -> None:
    checked = run.check_statements(STATEMENTS, budget=SMALL)  # 21 characters read, 39 left: the second line is cut
    assert [line.number for line in checked] == [1, 2, 3]
    assert checked[0].findings == run.check_statements(STATEMENTS)[0].findings
    [(number, start, end, message)] = _not_read(checked)
    assert (number, start, end) == (2, 30, 50)  # cut after the sentence before the limit, as lint cuts a value
    assert "read at most 60 characters of one input" in message
    assert "only the first 30 of this line's 50 characters were read; the rest and the line after it" in message
    assert all(finding.end <= 30 for finding in checked[1].findings if finding.rule != TEXT_NOT_READ)
    assert {finding.rule for finding in checked[1].findings} > {TEXT_NOT_READ}  # what was read is still checked
    assert checked[2].findings == ()


def test_a_line_starting_after_the_budget_is_spent_is_not_read_at_all() -> None:
    checked = run.check_statements(["", *STATEMENTS], budget=TextBudget(value_chars=40, document_chars=21))
    assert checked[0].findings == ()
    assert _not_read(checked) == [(3, 0, 50, "the text rules read at most 21 characters of one input: this line and "
                                          "the line after it were not checked; shorten the input or split it into "
                                          "several")]
    assert checked[3].findings == ()


def test_a_long_line_within_the_inputs_budget_is_cut_by_the_budget_of_one_value() -> None:
    long_line = "Send the report soon. " * 3
    checked = run.check_statements([long_line, "Send several reports."], budget=TextBudget(value_chars=40))
    [(number, start, _, message)] = _not_read(checked)
    assert (number, start) == (1, 22)
    assert "of this value's 66 characters" in message  # the engine's own cap of a value, as for one statement
    assert checked[1].findings == run.check_statements(["Send several reports."])[0].findings


_WORDS = st.sampled_from(["Send", "the", "report", "soon", "ASAP,", "etc.", "several", "reports."])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=8).map(" ".join), max_size=8), st.integers(0, 120))
def test_no_statement_finding_lies_past_the_inputs_budget(lines: list[str], chars: int) -> None:
    budget = TextBudget(value_chars=25, document_chars=chars)
    checked = run.check_statements(lines, budget=budget)
    assert [line.text for line in checked] == lines
    read = 0
    for line in checked:
        found = [finding for finding in line.findings if finding.rule != TEXT_NOT_READ]
        assert all(read + finding.end <= chars for finding in found)
        read += min((finding.start for finding in line.findings if finding.rule == TEXT_NOT_READ),
                    default=len(line.text))
    assert len([finding for finding in _not_read(checked) if "of one input" in finding[3]]) <= 1


def test_statement_lines_split_decoded_input_or_give_the_problem_that_stops_it(tmp_path: Path) -> None:
    from agreed.reading import read_file

    assert run.statement_lines("\ufeffone\r\ntwo\n".encode(), "notes.txt") == ["one", "two"]
    not_utf8 = run.statement_lines(b"caf\xe9", "notes.txt")
    assert not isinstance(not_utf8, list)
    assert (not_utf8.path, not_utf8.severity) == ("notes.txt", Severity.ERROR)
    missing = run.statement_lines(read_file(tmp_path / "missing.txt"), "missing.txt")
    assert not isinstance(missing, list)
    assert missing.rule == UNREADABLE
    assert missing.path == "missing.txt"


def test_the_library_lint_raises_one_exception_type_with_positioned_problems_for_a_configuration(
        tmp_path: Path) -> None:
    import agreed
    from agreed.api import lint

    with pytest.raises(agreed.AgreedError) as raised:
        lint([str(tmp_path)], config=tmp_path / "missing.yaml")
    problems = raised.value.problems  # type: ignore[attr-defined]
    assert [problem.rule for problem in problems] == ["S013"]
    assert "no such file" in problems[0].message
