"""JUnit XML, the test report Jenkins, GitLab and Azure Pipelines read: one ``testsuite`` of ``testcase`` elements,
each passing or carrying one ``failure``, the structure those systems read (``tests/data/junit.xsd``).

Built with :mod:`xml.etree.ElementTree`, so every value is escaped by the writer. Text from a user's file passes
through :func:`agreed.visible.visible` (a person reads it in the CI's test page), which also keeps out every
character XML 1.0 cannot hold.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from agreed.record import Record
from agreed.visible import visible

_NOT_XML = re.compile("[\ufffe\uffff]")  # the two non-characters visible() leaves and XML 1.0 refuses


class Failure(Record):
    """Why a test case fails: its kind (``type``), a one-line ``message`` and the full ``details``."""

    kind: str
    message: str
    details: tuple[str, ...]


class Case(Record):
    """One test case: what it checked (``name``), its group (``classname``), its failure if any, and what it
    noted without failing (``output``, written as ``system-out``)."""

    name: str
    classname: str
    failure: Failure | None = None
    output: tuple[str, ...] = ()


def junit_text(suite: str, cases: Sequence[Case]) -> str:
    """The report of one suite named ``suite``: ``testsuites`` holding one ``testsuite`` with ``cases``, and the
    counts on both."""
    failures = str(sum(case.failure is not None for case in cases))
    counts = {"tests": str(len(cases)), "failures": failures, "errors": "0"}
    root = ET.Element("testsuites", {"name": suite, **counts})
    element = ET.SubElement(root, "testsuite", {"name": suite, **counts, "skipped": "0"})
    for case in cases:
        _case_element(element, case)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _case_element(parent: ET.Element, case: Case) -> None:
    element = ET.SubElement(parent, "testcase", {"name": _text(case.name), "classname": case.classname})
    if case.failure is not None:
        failure = ET.SubElement(element, "failure", {"type": case.failure.kind, "message": _text(case.failure.message)})
        failure.text = _lines(case.failure.details)
    if case.output:
        ET.SubElement(element, "system-out").text = _lines(case.output)


def _lines(lines: Sequence[str]) -> str:
    return "".join(_text(line) + "\n" for line in lines)


def _text(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\u{ord(match.group()):04x}", visible(text))
