"""Configuration: discovery, validation with positioned errors, and resolution into rules and file filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from agreed.codes import CONFIG_ERROR
from agreed.lint.config import ConfigError, LintConfig, default_config, load_config
from agreed.lint.engine import check_statement
from agreed.lint.rule import Rule, TextContext, TextRule
from agreed.lint.rules import ALL_RULES
from agreed.problem import Severity
from agreed.settings import find_config
from agreed.sources import repository_root


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _load(tmp_path: Path, text: str, name: str = ".agreed.yaml") -> LintConfig:
    return load_config(_write(tmp_path / name, text), ALL_RULES, shown=name)


def _errors(tmp_path: Path, text: str, name: str = ".agreed.yaml") -> list[tuple[int, int, str]]:
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, text, name)
    assert all(problem.rule == CONFIG_ERROR and problem.path == name for problem in caught.value.problems)
    return [(problem.line, problem.col, problem.message) for problem in caught.value.problems]


def _rule(config: LintConfig, code: str) -> Rule | None:
    return next((rule for rule in config.rules if rule.code == code), None)


# Discovery


def test_finds_the_yaml_file_in_a_parent_folder(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    config = _write(tmp_path / ".agreed.yaml", "rules: {}\n")
    nested = tmp_path / "contracts" / "sales"
    nested.mkdir(parents=True)
    assert find_config(nested) == config


def test_finds_a_pyproject_with_a_tool_agreed_table(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    pyproject = _write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n\n[tool.agreed]\nfail-on = 'warning'\n")
    assert find_config(tmp_path) == pyproject


def test_a_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    config = _write(tmp_path / ".agreed.yaml", "{}\n")
    nested = tmp_path / "sub"
    _write(nested / "pyproject.toml", "[tool.black]\nline-length = 100  # agreed not configured here\n")
    assert find_config(nested) == config


def test_the_yaml_file_wins_over_pyproject_in_one_folder(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    _write(tmp_path / "pyproject.toml", "[tool.agreed]\nfail-on = 'info'\n")
    config = _write(tmp_path / ".agreed.yaml", "{}\n")
    assert find_config(tmp_path) == config


def test_discovery_stops_at_the_git_root(tmp_path: Path) -> None:
    _write(tmp_path / ".agreed.yaml", "{}\n")  # above the repository: not ours
    repository = tmp_path / "repo"
    (repository / ".git").mkdir(parents=True)
    (repository / "contracts").mkdir()
    assert find_config(repository / "contracts") is None
    assert find_config(repository) is None


def test_a_git_file_marks_a_worktree_root(tmp_path: Path) -> None:
    _write(tmp_path / ".agreed.yaml", "{}\n")
    worktree = tmp_path / "worktree"
    _write(worktree / ".git", "gitdir: /elsewhere\n")
    assert find_config(worktree) is None


def test_a_nested_repository_does_not_read_the_configuration_of_the_one_around_it(tmp_path: Path) -> None:
    outer = _write(tmp_path / ".agreed.yaml", "{}\n").parent
    (outer / ".git").mkdir()
    inner = outer / "vendor" / "other"
    _write(inner / ".git", "gitdir: ../../.git/modules/other\n")  # a submodule
    (inner / "contracts").mkdir()
    assert repository_root(inner / "contracts") == inner
    assert find_config(inner / "contracts") is None
    assert find_config(outer / "vendor") == outer / ".agreed.yaml"


def test_outside_any_repository_a_configuration_in_a_parent_folder_is_found(tmp_path: Path) -> None:
    config = _write(tmp_path / "team" / ".agreed.yaml", "{}\n")
    nested = tmp_path / "team" / "contracts" / "sales"
    nested.mkdir(parents=True)
    assert repository_root(nested) is None
    assert find_config(nested) == config


def test_discovery_stops_where_the_sources_find_the_repository_root(tmp_path: Path) -> None:
    """One definition of the root: discovery reads up to :func:`agreed.sources.repository_root` and no further."""
    _write(tmp_path / ".agreed.yaml", "{}\n")
    repository = tmp_path / "repo"
    (repository / "contracts").mkdir(parents=True)
    (repository / ".git").symlink_to(tmp_path / "gone")  # a dangling link still marks the root for both
    assert repository_root(repository / "contracts") == repository
    assert find_config(repository / "contracts") is None


# Rules


def test_no_configuration_enables_every_rule_at_its_default_severity(tmp_path: Path) -> None:
    config = default_config(tmp_path, ALL_RULES)
    assert [(rule.code, rule.severity) for rule in config.rules] == [(rule.code, rule.severity) for rule in ALL_RULES]


def test_rules_by_code_name_or_category(tmp_path: Path) -> None:
    config = _load(tmp_path, "rules:\n  v101: off\n  passive-commitment: info\n  time: warning\n  T302: error\n")
    assert _rule(config, "V101") is None
    assert (passive := _rule(config, "A205")) is not None
    assert passive.severity is Severity.INFO
    assert (fuzzy := _rule(config, "T301")) is not None
    assert fuzzy.severity is Severity.WARNING  # from its category
    assert (after_deadline := _rule(config, "T302")) is not None
    assert after_deadline.severity is Severity.ERROR  # its own entry wins over the category's
    assert _rule(config, "V102") is not None


def test_a_category_switched_off_and_one_rule_back_on(tmp_path: Path) -> None:
    config = _load(tmp_path, "rules:\n  vagueness: off\n  placeholder: on\n")
    assert [rule.code for rule in config.rules if rule.code.startswith("V")] == ["V108", "V109"]  # V109: weak-verb


def test_weak_verbs_are_a_category_of_their_own(tmp_path: Path) -> None:
    config = _load(tmp_path, "rules:\n  weak-verb: off\n")
    assert _rule(config, "V109") is None
    assert _rule(config, "V101") is not None


def test_a_mapping_setting_with_severity(tmp_path: Path) -> None:
    config = _load(tmp_path, "rules:\n  A205:\n    severity: error\n")
    assert (rule := _rule(config, "A205")) is not None
    assert rule.severity is Severity.ERROR


def test_unknown_rules_are_reported_with_a_suggestion(tmp_path: Path) -> None:
    assert _errors(tmp_path, "rules:\n  passive-commitmnt: off\n  Z999: off\n") == [
        (2, 3, "rules.passive-commitmnt: unknown rule or category 'passive-commitmnt' "
               "(did you mean 'passive-commitment'?)"),
        (3, 3, "rules.Z999: unknown rule or category 'Z999'; see 'agreed rules'"),
    ]


def test_a_bad_severity_is_reported_at_its_value(tmp_path: Path) -> None:
    errors = _errors(tmp_path, "rules:\n  V101: loud\n")
    assert len(errors) == 1
    assert errors[0][:2] == (2, 9)
    assert "'loud'" in errors[0][2]


def test_options_are_validated_against_the_rule_schema(tmp_path: Path) -> None:
    errors = _errors(tmp_path, "rules:\n  V110:\n    options: {terms: [1]}\n")
    assert len(errors) == 1
    line, _, message = errors[0]
    assert line == 3
    assert message == "rules.V110.options.terms[0]: expected text, found the number 1"


def test_unknown_options_are_rejected(tmp_path: Path) -> None:
    errors = _errors(tmp_path, "rules:\n  V110:\n    options: {term: [synergy]}\n")
    assert len(errors) == 1
    assert errors[0][2] == "rules.V110.options: unknown key 'term' (did you mean 'terms'?)"


def test_a_rule_setting_with_an_unknown_key_names_the_key_not_the_whole_mapping(tmp_path: Path) -> None:
    assert _errors(tmp_path, "rules:\n  V109: {loudness: error}\n") == [
        (2, 10, "rules.V109: unknown key 'loudness'; known keys: severity, options")]


def test_vague_terms_set_at_the_top_and_in_the_rule_options_are_an_error(tmp_path: Path) -> None:
    errors = _errors(tmp_path, "vague-terms: [synergy]\nrules:\n  V110:\n    options: {terms: [leverage]}\n")
    assert errors == [(1, 14, "vague-terms: the team's vague terms are set in two places, here and at "
                              "rules.V110.options.terms: keep them in one of the two")]


@pytest.mark.parametrize(("settings", "message"), [
    ("vague-terms: [north star]\nallowed-terms: [roadmap, North-Star]\n",
     "allowed-terms[1]: 'North-Star' is also declared vague at vague-terms[0]: a term is either allowed or vague, "
     "not both"),
    ("rules:\n  custom-vague-term: {options: {terms: [synergy]}}\nallowed-terms: [synergies]\n",
     "allowed-terms[0]: 'synergies' is also declared vague at rules.custom-vague-term.options.terms[0]: a term is "
     "either allowed or vague, not both"),
])
def test_a_term_both_allowed_and_vague_is_an_error(tmp_path: Path, settings: str, message: str) -> None:
    assert [text for _, _, text in _errors(tmp_path, settings)] == [message]


def test_a_rule_without_options_rejects_them(tmp_path: Path) -> None:
    assert _errors(tmp_path, "rules:\n  V101:\n    options: {limit: 3}\n") == [
        (3, 5, "rules.V101.options: rule V101 (subjective-quality) takes no options")]


def test_vague_terms_configure_the_custom_term_rule(tmp_path: Path) -> None:
    config = _load(tmp_path, "vague-terms: [synergy, best-in-class]\n")
    assert (rule := _rule(config, "V110")) is not None
    assert isinstance(rule, TextRule)
    text = "Realise synergy and a best-in-class queue."
    assert [text[span.start:span.end] for span in rule.check(text, TextContext())] == ["synergy", "best-in-class"]
    plural = "Find synergies in two best in class queues."
    assert [plural[span.start:span.end] for span in rule.check(plural, TextContext())] == ["synergies",
                                                                                         "best in class"]


def test_allowed_terms_are_the_teams_glossary_in_every_written_form(tmp_path: Path) -> None:
    config = _load(tmp_path, "allowed-terms: [service credit, best-effort tier, Quality Gate 2]\n")
    assert {"service credit", "service credits", "best-effort tier", "best effort tier", "best effort tiers",
            "Quality Gate 2"} <= set(config.allowed_terms)
    text = "Pay service credits for the best effort tiers; several teams pass Quality Gate 2."
    without = check_statement(text, config.rules)
    assert "best effort" in {text[finding.start:finding.end] for finding in without}  # the escape-clause rule
    allowed = check_statement(text, config.rules, allowed_terms=config.allowed_terms)
    assert "best effort" not in {text[finding.start:finding.end] for finding in allowed}


@pytest.mark.parametrize("term", ["best effort tier", "Best Effort Tier", "BEST EFFORT TIER"])
def test_an_allowed_term_declared_with_spaces_also_allows_its_hyphenated_spelling(tmp_path: Path, term: str) -> None:
    config = _load(tmp_path, f"allowed-terms: [{term}]\n")
    text = "Move the 4 legacy accounts to the best-effort tier by 2027-03-01."
    assert check_statement(text, config.rules)  # the escape-clause rule, with no glossary
    assert check_statement(text, config.rules, allowed_terms=config.allowed_terms) == []


def test_a_configured_rule_reads_the_elements_the_scope_table_gives_it(tmp_path: Path) -> None:
    config = _load(tmp_path, "vague-terms: [synergy]\n")
    registered = next(rule for rule in ALL_RULES if rule.code == "V110")
    assert (configured := _rule(config, "V110")) is not None
    assert configured.elements == registered.elements
    assert "W-WHAT" in configured.elements


def test_a_declared_term_is_reported_once_by_its_own_rule(tmp_path: Path) -> None:
    config = _load(tmp_path, "vague-terms: [leverage synergies, robust]\n")
    text = "Leverage synergies with a robust plan."
    assert [(finding.rule, text[finding.start:finding.end]) for finding in check_statement(text, config.rules)] == [
        ("V110", "Leverage synergies"), ("V110", "robust")]


def test_without_vague_terms_the_custom_term_rule_is_silent(tmp_path: Path) -> None:
    config = _load(tmp_path, "{}\n")
    assert (rule := _rule(config, "V110")) is not None
    assert isinstance(rule, TextRule)
    assert list(rule.check("Realise synergy.", TextContext())) == []


# Files


def test_include_exclude_and_per_file_ignores_are_relative_to_the_config_folder(tmp_path: Path) -> None:
    config = _load(tmp_path, "include: ['contracts/**/*.yaml']\nexclude: [contracts/archive/, '_template.yaml']\n"
                             "per-file-ignores:\n  'contracts/legacy/*.yaml': [V101, passive-commitment, time]\n")
    assert config.included(tmp_path / "contracts" / "a.yaml")
    assert not config.included(tmp_path / "other" / "a.yaml")
    assert config.excluded(tmp_path / "contracts" / "archive" / "2020" / "old.yaml")
    assert config.excluded(tmp_path / "contracts" / "_template.yaml")
    assert not config.excluded(tmp_path / "contracts" / "a.yaml")
    ignored = config.ignored_codes(str(tmp_path / "contracts" / "legacy" / "x.yaml"))
    assert {"V101", "A205", "T301", "T302"} <= ignored
    assert config.ignored_codes(str(tmp_path / "contracts" / "x.yaml")) == frozenset()


def test_paths_outside_the_config_folder_match_no_pattern(tmp_path: Path) -> None:
    config = _load(tmp_path / "repo", "exclude: ['*.yaml']\n")
    assert not config.excluded(tmp_path / "elsewhere.yaml")
    assert config.excluded(tmp_path / "repo" / "a.yaml")


def test_people_path_and_fail_on(tmp_path: Path) -> None:
    config = _load(tmp_path, "people: team/people.yaml\nfail-on: warning\n")
    assert config.people == (tmp_path / "team" / "people.yaml").resolve()
    assert config.fail_on == "warning"


# Errors


def test_unknown_keys_are_reported_at_the_key(tmp_path: Path) -> None:
    errors = _errors(tmp_path, "# settings\nrules: {}\nexlude: [a]\n")
    assert errors == [(3, 1, "(document): unknown key 'exlude' (did you mean 'exclude'?)")]


def test_every_problem_of_a_kind_is_reported_at_once(tmp_path: Path) -> None:
    assert [line for line, _, _ in _errors(tmp_path, "fail-on: sometimes\nexclude: 3\n")] == [1, 2]
    assert [line for line, _, _ in _errors(tmp_path, "rules:\n  nope: off\n  V1O1: off\n")] == [2, 3]


def test_shape_errors_and_unknown_rules_are_reported_together_in_file_order(tmp_path: Path) -> None:
    errors = _errors(tmp_path, "fail-on: sometimes\nrules:\n  V1O5: off\n  V106: loud\n"
                               "per-file-ignores:\n  '*.yaml': [V1O7, 5]\n")
    assert [(line, col) for line, col, _ in errors] == [(1, 10), (3, 3), (4, 9), (6, 14), (6, 20)]
    assert errors[1][2] == "rules.V1O5: unknown rule or category 'V1O5' (did you mean 'V105'?)"
    assert errors[3][2] == "per-file-ignores.*.yaml[0]: unknown rule or category 'V1O7' (did you mean 'V107'?)"


def test_option_errors_and_unknown_rules_are_listed_in_file_order(tmp_path: Path) -> None:
    errors = _errors(tmp_path, "rules:\n  V110: {options: {terms: 5}}\n  V1O6: off\n")
    assert [(line, col) for line, col, _ in errors] == [(2, 27), (3, 3)]


def test_rule_references_are_resolved_once_the_shape_is_right(tmp_path: Path) -> None:
    # a string where a list belongs is one schema error, not one unknown rule per letter
    assert _errors(tmp_path, "per-file-ignores:\n  'contracts/*.yaml': V101\n") == [
        (2, 23, "per-file-ignores.contracts/*.yaml: expected a list, found text 'V101'")]


def test_schema_errors_and_the_resolvers_errors_are_reported_in_one_run(tmp_path: Path) -> None:
    errors = _errors(tmp_path, "vagueness: warn\nvague-terms: [synergy, '']\nallowed-terms: ['']\n"
                               "rules:\n  passive-commitmnt: error\n  V110: {options: {terms: [leverage]}}\n"
                               "  T305: {options: {max-gap-day: 60}}\nper-file-ignores:\n  'old/*.yaml': ['']\n")
    assert [(line, col) for line, col, _ in errors] == [(1, 1), (2, 14), (2, 24), (3, 17), (5, 3), (7, 20), (9, 18)]
    assert "set in two places" in errors[1][2]
    assert "unknown key 'max-gap-day'" in errors[5][2]
    assert errors[6][2] == "per-file-ignores.old/*.yaml[0]: is empty"  # said once, not also as an unknown rule


def test_a_glossary_clash_is_reported_beside_the_schema_errors(tmp_path: Path) -> None:
    errors = _errors(tmp_path, "fail-on: sometimes\nvague-terms: [synergy, '', roadmap]\nallowed-terms: [roadmaps]\n")
    assert [(line, col) for line, col, _ in errors] == [(1, 10), (2, 24), (3, 17)]
    assert "also declared vague at vague-terms[2]" in errors[2][2]  # the empty term keeps the others' places


def test_a_rule_entry_of_the_wrong_shape_leaves_the_others_resolved(tmp_path: Path) -> None:
    errors = _errors(tmp_path, "rules:\n  V101: loud\n  T305: {options: {max-gap-days: sixty}}\n")
    assert [(line, col) for line, col, _ in errors] == [(2, 9), (3, 34)]


@pytest.mark.parametrize("terms", ["['(']", "['_x']", "['  ']"])
def test_vague_terms_must_start_with_a_letter_or_digit(tmp_path: Path, terms: str) -> None:
    errors = _errors(tmp_path, f"vague-terms: {terms}\n")
    assert len(errors) == 1
    assert "starts with a letter or digit" in errors[0][2]


@pytest.mark.parametrize(("text", "fragment"), [
    ("rules: [V101]\n", "expected a mapping"),
    ("rules: {V101: off\n", "while parsing"),
    ("a: 1\na: 2\n", "duplicate key"),
    ("- just\n- a list\n", "not a list"),
    ("exclude: 'not a list'\n", "expected a list"),
    ("people: 3\n", "expected text"),
])
def test_malformed_configurations_are_errors_not_crashes(tmp_path: Path, text: str, fragment: str) -> None:
    errors = _errors(tmp_path, text)
    assert errors
    assert any(fragment in message for _, _, message in errors), errors


def test_a_comment_only_file_sets_nothing(tmp_path: Path) -> None:
    config = _load(tmp_path, "# nothing configured yet\n")
    assert [rule.code for rule in config.rules] == [rule.code for rule in ALL_RULES]


def test_pyproject_errors_point_at_the_setting(tmp_path: Path) -> None:
    errors = _errors(tmp_path, "[project]\nname = 'x'\n\n[tool.agreed]\nfail-on = 'loud'\n", "pyproject.toml")
    assert len(errors) == 1
    assert errors[0][:2] == (5, 11)
    assert errors[0][2].startswith("[tool.agreed] fail-on:")


@pytest.mark.parametrize(("text", "where"), [
    ("[tool.agreed.rules]\nV101 = 'bogus'\n", (2, 8)),
    ("[tool.agreed]\nrules.V101 = 'bogus'\n", (2, 14)),
    ("[tool.agreed]\nrules = { V102 = 'off', V101 = 'bogus' }\n", (2, 32)),
    ("[tool]\nagreed.rules.V101 = 'bogus'  # a comment\n", (2, 21)),
    ("[tool.agreed]\nrules = {\"V101\" = {severity = 'bogus'}}\n", (2, 31)),
])
def test_pyproject_errors_name_the_line_and_column_of_the_value(tmp_path: Path, text: str,
                                                                  where: tuple[int, int]) -> None:
    errors = _errors(tmp_path, text, "pyproject.toml")
    assert [error[:2] for error in errors] == [where]


def test_pyproject_list_items_and_unknown_keys_are_found_where_written(tmp_path: Path) -> None:
    text = "[tool.agreed]\nvague-terms = [\n  'synergy',  # ours\n  '',\n]\ncolour = 'red'\n"
    errors = _errors(tmp_path, text, "pyproject.toml")
    assert [error[:2] for error in errors] == [(4, 3), (6, 1)]
    assert "unknown key 'colour'" in errors[1][2]


def test_a_missing_setting_of_the_table_points_at_its_header(tmp_path: Path) -> None:
    errors = _errors(tmp_path, "[project]\nname = 'x'\n[tool.agreed.rules.V104]\nterms = 'x'\n", "pyproject.toml")
    assert errors
    assert all(line in (3, 4) for line, _, _ in errors)


@pytest.mark.parametrize("name", [".agreed.yaml", "pyproject.toml"])
def test_an_empty_term_is_one_error_not_two(tmp_path: Path, name: str) -> None:
    text = "vague-terms: ['']\n" if name == ".agreed.yaml" else "[tool.agreed]\nvague-terms = ['']\n"
    errors = _errors(tmp_path, text, name)
    assert len(errors) == 1
    assert errors[0][2].endswith("vague-terms[0]: is empty")


def test_pyproject_settings_apply(tmp_path: Path) -> None:
    config = _load(tmp_path, "[tool.agreed]\nexclude = ['old/']\n[tool.agreed.rules]\nV101 = 'off'\n",
                   "pyproject.toml")
    assert _rule(config, "V101") is None
    assert config.exclude == ("old/",)


def test_invalid_toml_is_an_error(tmp_path: Path) -> None:
    errors = _errors(tmp_path, "[tool.agreed\n", "pyproject.toml")
    assert "not valid TOML" in errors[0][2]


@pytest.mark.parametrize(("text", "where", "said"), [
    ('[project]\nname = "x"\n[tool.agreed]\nvague-terms = ["a", "b",, ]\n', (4, 25), "Invalid value"),
    ('[tool.agreed]\nfail-on = "error\n', (2, 17), "Illegal character '\\n'"),
])
def test_a_toml_syntax_error_stands_where_the_parser_stopped(tmp_path: Path, text: str, where: tuple[int, int],
                                                             said: str) -> None:
    (error,) = _errors(tmp_path, text, "pyproject.toml")
    assert error[:2] == where
    assert error[2] == f"[tool.agreed] not valid TOML: {said}"


def test_toml_bytes_that_are_not_utf8_stand_at_the_first_bad_byte(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_bytes(b"[tool.agreed]\nexclude = ['caf\xe9/']\n")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "pyproject.toml", ALL_RULES)
    (problem,) = caught.value.problems
    assert (problem.line, problem.col) == (2, 16)
    assert "not UTF-8" in problem.message


def test_fingerprint_follows_the_settings(tmp_path: Path) -> None:
    first = _load(tmp_path, "rules: {V101: off}\n").fingerprint
    assert _load(tmp_path, "rules: {V101: off}  # same settings, new comment\n").fingerprint == first
    assert _load(tmp_path, "rules: {V101: info}\n").fingerprint != first


def test_a_broken_pyproject_with_our_table_is_found_and_reported(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    pyproject = _write(tmp_path / "pyproject.toml", "[tool.agreed]\nfail-on = 'warning'\nx = [\n")
    assert find_config(tmp_path) == pyproject
    errors = _errors(tmp_path, pyproject.read_text(encoding="utf-8"), "pyproject.toml")
    assert errors[0][:2] == (3, 6)  # the end of the text, where the array was left open
    assert "not valid TOML" in errors[0][2]


def test_a_broken_pyproject_without_our_table_is_not_ours(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    _write(tmp_path / "pyproject.toml", "[tool.black]\nx = [\n")
    assert find_config(tmp_path) is None


def test_the_roster_setting_remembers_where_it_stands(tmp_path: Path) -> None:
    config = _load(tmp_path, "# team\npeople: ../people.yaml\n")
    assert config.people == (tmp_path.parent / "people.yaml").resolve()
    assert config.people_at == (".agreed.yaml", 2, 9)
