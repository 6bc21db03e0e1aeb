"""V108 placeholder: values left as TBD, XX%, [owner], <date>, ??? and the like."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from agreed.lint.rule import Category
from agreed.lint.rules.placeholder import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import FlaggedBy, RuleIdentity


def test_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("V108", "placeholder", Category.VAGUENESS, Severity.ERROR)


@pytest.mark.parametrize(("text", "expected"), [
    ("Owner: TBD.", ["TBD"]),
    ("Budget tbc, venue TBA.", ["tbc", "TBA"]),
    ("Increase leads by XX%.", ["XX%"]),
    ("Increase leads by XX.", ["XX"]),
    ("Increase leads by X%.", ["X%"]),
    ("Reply within N days.", ["N"]),
    ("Spend at most $X.", ["X"]),
    ("Deadline: ???", ["???"]),
    ("Owner: ?", ["?"]),
    ("?", ["?"]),
    ("[owner] will send the shortlist by <date>.", ["[owner]", "<date>"]),
    ("Send it to [Name] by [insert date].", ["[Name]", "[insert date]"]),
    ("Hi {{ name }}, see you soon.", ["{{ name }}"]),
    ("Lorem ipsum dolor sit amet.", ["Lorem ipsum"]),
    ("Budget: N/A.", ["N/A"]),
    ("n/a", ["n/a"]),
    ("TODO: agree the target. FIXME later.", ["TODO", "FIXME"]),
    ("Owner to be confirmed.", ["to be confirmed"]),
    ("Go live on DD/MM/YYYY.", ["DD/MM/YYYY"]),
    ("Li will deliver X by Y.", ["X", "Y"]),
    ("Deliver X by Y.", ["X", "Y"]),
    ("Reach Z active users.", ["Z"]),
    ("Send 3 reports per month in a format TBD.", ["TBD"]),
    ("Launch in Q3 20XX; review in 202X.", ["20XX", "202X"]),
    ("Owner: ____", ["____"]),
    ("Deliver the plan in a format to be agreed.", ["to be agreed"]),
    ("Invoice the fee, its amount to be settled later.", ["to be settled later"]),
])
def test_fires(text: str, expected: list[str], flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == expected


@pytest.mark.parametrize("text", [
    "Increase qualified leads from 120 to 150 per month by 2027-06-30.",
    "Maria Chen will send the vendor shortlist by 2027-02-15.",
    "Rename the `TODO_export` job to `ledger_export` by 2027-03-01.",
    "Keep a to-do list and a todo board.",
    "Order XXL shirts for the 40 volunteers.",
    "Is the date fixed? Li confirms it by 2027-01-10.",
    "Windows X and Project N are out of scope.",
    "N/A answers are removed from the 2026 survey before analysis.",
    "See [the guide](https://example.com/tbd) and reference [1].",
    "Read https://example.com/?q=TBD by 2027-01-10.",
    'Rename the "TBD" column to "Owner".',
    "Order X-ray film for Generation X users on Windows XP and product Y.",
    "Generation X users get the new plan by 2027-02-01.",
    "Plot the weeks on the X axis. Use size XL. Answer Y/N.",
    "Choose option Z or Plan B by 2027-02-01.",
    "Give each date in YYYY-MM-DD form; dates use the format DD/MM/YYYY in the old export.",
    "Call __init__ in the 2027 XX-ray room on model 20X.",
    "Deliver the plan in a format to be agreed by Li Wei by 2027-02-01.",
    "Fix the 12 bugs to be fixed before launch by 2027-02-01.",
])
def test_passes(text: str, flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == []
