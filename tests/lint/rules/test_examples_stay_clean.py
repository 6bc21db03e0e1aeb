"""Every document rule is silent on the shipped contracts and on the complete example, whatever the date.

The examples in contracts/ are the project's dog-food: they must lint clean, today and for years to come, so each
rule is tried on each of them with no date, with today's and with a date years ahead.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.rule import DocumentRule, LintContext, Rule
from agreed.lint.rules import DOCUMENT_RULES

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import LoadData, LoadText

DATES = [None, datetime.date.today(), datetime.date(2026, 11, 24), datetime.date(2030, 12, 31)]


@pytest.mark.parametrize("rule", DOCUMENT_RULES, ids=[rule.code for rule in DOCUMENT_RULES])
@pytest.mark.parametrize("today", DATES, ids=str)
def test_silent_on_the_shipped_contracts(rule: Rule, today: datetime.date | None, load_text: LoadText,
                                         shipped_contracts: list[Path]) -> None:
    assert isinstance(rule, DocumentRule)
    for contract in shipped_contracts:
        document = load_text(contract.read_text(encoding="utf-8"), contract.name)
        assert list(rule.check(document, LintContext(today=today))) == [], contract.name


@pytest.mark.parametrize("rule", DOCUMENT_RULES, ids=[rule.code for rule in DOCUMENT_RULES])
def test_silent_on_the_complete_example_as_data(rule: Rule, load_data: LoadData,
                                                complete_data: dict[str, Any]) -> None:
    assert isinstance(rule, DocumentRule)
    assert list(rule.check(load_data(complete_data), LintContext(today=datetime.date(2030, 12, 31)))) == []
