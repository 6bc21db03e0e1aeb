"""JUnit XML of ``agreed lint`` and ``agreed consent check``: each report validates against the JUnit report schema
in ``tests/data/junit.xsd`` (the structure and attributes Jenkins, GitLab and Azure Pipelines read) with
``xmlschema``, is read by a JUnit client (``junitparser``) with the same counts, and says what the text report says:
one test case per file with findings (lint) or per agreement (the consent gate)."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema
from click.testing import CliRunner
from junitparser import Failure as JUnitFailure
from junitparser import JUnitXml

from agreed.cli import main
from agreed.consent.status import AgreementStatus
from agreed.lint.rule import Category
from agreed.problem import Problem, Severity
from agreed.report.consent_status import CONSENT_GATE_FORMATS
from agreed.report.lint import LINT_FORMATS, Report
from fake_rules import fake_text_rule
from gitrepo import git

SCHEMA = xmlschema.XMLSchema(str(Path(__file__).resolve().parents[1] / "data" / "junit.xsd"))
SOURCE = Path(__file__).resolve().parents[2] / "contracts" / "sales-onboarding.yaml"
RULES = {"A101": fake_text_rule("A101", "vague-word", Category.VAGUENESS, Severity.WARNING, "Vague word.")}
PROBLEMS = (
    Problem("a.yaml", 2, 5, "A202", Severity.ERROR, "owned by a team"),
    Problem("a.yaml", 3, 1, "A101", Severity.WARNING, "vague word 'soon'"),
    Problem("b.yaml", 7, 9, "A101", Severity.INFO, "odd \x1b[2J <text> & \ufffe"),
)


def parsed(text: str) -> ET.Element:
    SCHEMA.validate(text)
    root = ET.fromstring(text)
    _read_by_a_junit_client(text, root)
    return root


def _read_by_a_junit_client(text: str, root: ET.Element) -> None:
    """junitparser, as CI report tools read JUnit XML, finds the cases and failures the elements hold."""
    report = JUnitXml.fromstring(text.encode("utf-8"))
    cases = [case for suite in report for case in suite]
    assert [case.name for case in cases] == [case.get("name") for case in root.iter("testcase")]
    failed = [case.name for case in cases if any(isinstance(result, JUnitFailure) for result in case.result)]
    assert failed == [case.get("name") for case in root.iter("testcase") if case.find("failure") is not None]


@pytest.mark.parametrize("text", [
    '<testsuites><testsuite name="x"/></testsuites>',  # counts missing
    '<testsuites><testsuite name="x" tests="1" failures="0" errors="0"><testcase/></testsuite></testsuites>',
    '<testsuites><testsuite name="x" tests="-1" failures="0" errors="0"/></testsuites>',
    '<testsuites><testsuite name="x" tests="1" failures="1" errors="0"><testcase name="a"><failure/><error/>'
    "</testcase></testsuite></testsuites>",  # one outcome per case
    '<testsuite name="x" tests="0" failures="0" errors="0"/>',  # no testsuites root
])
def test_the_schema_refuses_what_it_should(text: str) -> None:
    assert not SCHEMA.is_valid(text)


def test_the_schema_accepts_a_passing_case_and_a_failing_one() -> None:
    assert SCHEMA.is_valid(
        '<testsuites><testsuite name="x" tests="2" failures="1" errors="0"><testcase name="a"/>'
        '<testcase name="b"><failure type="error" message="m">details</failure><system-out>o</system-out>'
        "</testcase></testsuite></testsuites>"
    )


def test_lint_one_case_per_file_with_its_findings_and_one_for_the_clean_files() -> None:
    root = parsed(LINT_FORMATS.render("junit", Report(PROBLEMS, 5, RULES)))
    assert root.attrib == {"name": "agreed lint", "tests": "3", "failures": "2", "errors": "0"}
    cases = root.findall("testsuite/testcase")
    assert [(case.get("name"), case.get("classname")) for case in cases] == [
        ("a.yaml", "agreed.lint"),
        ("b.yaml", "agreed.lint"),
        ("files without findings", "agreed.lint"),
    ]
    first = cases[0].find("failure")
    assert first is not None
    assert (first.get("type"), first.get("message")) == ("error", "2 findings; the most serious has severity error")
    single = cases[1].find("failure")
    assert single is not None
    assert (single.get("type"), single.get("message")) == ("info", "1 finding, of severity info")
    assert first.text == "2:5 A202 error owned by a team\n3:1 A101 warning vague word 'soon'\n"
    clean = cases[2]
    assert clean.find("failure") is None
    assert clean.findtext("system-out") == "3 files checked without findings\n"


def test_lint_text_from_a_file_is_escaped_and_stays_xml() -> None:
    root = parsed(LINT_FORMATS.render("junit", Report(PROBLEMS, 2, RULES)))
    failure = root.find("testsuite/testcase[@name='b.yaml']/failure")
    assert failure is not None
    assert failure.get("type") == "info"
    assert failure.text == "7:9 A101 info odd \\x1b[2J <text> & \\ufffe\n"
    assert len(root.findall("testsuite/testcase")) == 2  # every file had findings: no clean case


def test_lint_with_no_files_is_an_empty_suite() -> None:
    root = parsed(LINT_FORMATS.render("junit", Report((), 0, RULES)))
    assert root.attrib["tests"] == "0"
    assert root.findall("testsuite/testcase") == []


def test_the_gate_one_case_per_agreement() -> None:
    results = [
        AgreementStatus("contracts/ok.yaml", "ok", "active", "sha256:1"),
        AgreementStatus(
            "contracts/broken.yaml", None, None, None, error="line 3: not YAML", problems=("record x: not a mapping",)
        ),
    ]
    root = parsed(CONSENT_GATE_FORMATS.render("junit", results))
    assert root.attrib == {"name": "agreed consent check", "tests": "2", "failures": "1", "errors": "0"}
    passing, failing = root.findall("testsuite/testcase")
    assert (passing.get("name"), passing.find("failure")) == ("contracts/ok.yaml", None)
    failure = failing.find("failure")
    assert failure is not None
    assert failure.get("type") == "consent"
    assert "line 3: not YAML" in (failure.get("message") or "")
    assert failing.findtext("system-out") == "a consent record was ignored: record x: not a mapping\n"


def test_lint_command_writes_junit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "contracts").mkdir()
    shutil.copy(SOURCE, tmp_path / "contracts" / "clean.yaml")
    (tmp_path / "contracts" / "x.yaml").write_text(
        "agreed: 1\nid: x\ntitle: t\nstatus: draft\nparties:\n  - id: maria\n    name: Maria Chen\n"
        "results:\n  deliverables:\n    - id: d1\n      what: Robust thing, etc.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["lint", "contracts", "--format", "junit"])
    assert result.exit_code == 1, result.output
    root = parsed(result.output)
    assert [case.get("name") for case in root.findall("testsuite/testcase")] == [
        "contracts/x.yaml",
        "files without findings",
    ]
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert [line.split(" ")[1] for line in (failure.text or "").splitlines()] == ["A201", "V101", "V104"]
    assert failure.get("message") == f"3 findings; the most serious has severity {failure.get('type')}"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_consent_check_command_writes_junit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "contracts").mkdir()
    shutil.copy(SOURCE, tmp_path / "contracts" / "sales-onboarding.yaml")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "Add")
    result = CliRunner().invoke(main, ["consent", "check", "--format", "junit"])
    assert result.exit_code == 1
    root = parsed(result.stdout)
    case = root.find("testsuite/testcase[@name='contracts/sales-onboarding.yaml']")
    assert case is not None
    failure = case.find("failure")
    assert failure is not None
    assert (failure.text or "").splitlines()[0].startswith("maria is missing")
