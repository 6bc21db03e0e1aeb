"""agreed.lint.builtin: every built-in code declared in agreed.codes is documented once, as agreed.codes says."""

from __future__ import annotations

from click.testing import CliRunner

from agreed import codes
from agreed.cli import main
from agreed.lint.builtin import BUILTIN_RULES


def test_every_declared_builtin_code_is_documented_once_with_its_declared_fields() -> None:
    documented = [rule.code for rule in BUILTIN_RULES]
    assert sorted(documented) == sorted(builtin.code for builtin in codes.BUILTIN_CODES)
    assert len(set(documented)) == len(documented)
    for rule in BUILTIN_RULES:
        declared = codes.builtin(rule.code)
        assert declared is not None
        assert (rule.name, rule.severity) == (declared.name, declared.severity)


def test_explain_shows_the_consent_record_check() -> None:
    result = CliRunner().invoke(main, ["explain", "S014"])
    assert result.exit_code == 0
    summary = "A file in an agreement's consent ledger is not a well-formed record in its place."
    assert result.output.startswith(f"S014 consent-record (structure, default error)\n\n{summary}\n")
    assert result.output.endswith("\n\nCannot be suppressed or switched off.\n")
