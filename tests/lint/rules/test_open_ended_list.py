"""V104 open-ended-list: lists that leave the set of things promised unbounded."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from agreed.lint.rule import Category
from agreed.lint.rules.open_ended_list import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import FlaggedBy, RuleIdentity


def test_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("V104", "open-ended-list", Category.VAGUENESS, Severity.WARNING)


@pytest.mark.parametrize(("text", "expected"), [
    ("Migrate the CRM, billing, etc. by 2027-03-31.", ["etc."]),
    ("Migrate the CRM, billing, etc", ["etc"]),
    ("Clean up logs, caches and so on.", ["and so on"]),
    ("Ship dashboards, exports and more.", ["and more"]),
    ("Share data including but not limited to logs.", ["including but not limited to"]),
    ("Invite Finance and Legal, among others.", ["among others"]),
    ("Cover invoices, receipts and the like.", ["and the like"]),
    ("Use Jira or similar.", ["or similar"]),
    ("Migrate the CRM, billing...", ["..."]),
    ("Migrate the CRM, billing\u2026", ["\u2026"]),
    ("Build dashboards for metrics such as churn and NPS.", ["such as"]),
    ("Fix the top issues, e.g. login and search.", ["e.g."]),
    ("Automate reports, for example the weekly pack.", ["for example"]),
    ("Train Sales and other teams.", ["and other"]),
    ("Announce each change by email as well as other media.", ["as well as other"]),
    ("Pair on risky changes, e.g. migrations, auth and so on.", ["e.g.", "and so on"]),
    ("Fix the top issues (e.g. login and search) by 2027-03-01.", ["e.g."]),
    ("Cover 3 regions. Other regions such as APAC and LATAM follow.", ["such as"]),
    ("Migrate the legacy systems (CRM, ERP, ...) by 2027-06-30.", ["..."]),
    ("Send the invoice and any other documents the client asks for.", ["and any other"]),
    ("Export in a common format, e.g. CSV or JSON.", ["e.g."]),  # several values: the set stays open
    ("Export in a common format, e.g. CSV, by 2027-03-01.", ["e.g."]),  # the value does not close its clause
    ("Automate reports such as the weekly pack.", ["such as"]),  # only "e.g." gives a sample out of brackets
    ("Support browsers such as Chrome 120 and Firefox 121.", ["such as"]),  # no list decides which browsers
    # the second set is not the one the matrix lists
    ("Support the browsers listed in the Browser Matrix and devices such as iPads.", ["such as"]),
    ("Use Slack or whatever works for the team.", ["or whatever works"]),
    ("Track tasks in Jira or whatever tool fits.", ["or whatever tool fits"]),
    ("Send the report by e-mail or whatever.", ["or whatever"]),
    ("Translate the help pages into languages like DE and FR.", ["like"]),
    ("Omar will use Postgres or something similar.", ["or something similar"]),
])
def test_fires(text: str, expected: list[str], flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == expected


@pytest.mark.parametrize("text", [
    "Migrate the CRM, the billing system and the data warehouse by 2027-03-31.",
    "Report the two metrics, namely churn and NPS, every Monday.",
    "Report the two metrics, i.e. churn and NPS, weekly.",
    "Hire 3 engineers and more than 2 designers by 2027-06-30.",
    "Approve any request other than the 4 listed in the annex.",
    "Wait... then decide by 2027-02-01.",
    "See https://example.com/etc/config for the 3 settings.",
    "Set `etc_path` to `/etc` by 2027-01-10.",
    'Replace the tagline "dashboards, reports and more" by 2027-03-01.',
    "Report each incident within 24 hours. For example, one found at 22:00 is due at 22:00 the next day.",
    "For instance, the 42nd invoice of 2027 is INV-2027-00042.",
    "Give each ticket a priority (e.g. P2) from the P1-P4 scale in Table 3.",
    "The code field holds an ISO 4217 code (e.g. EUR) in upper case.",
    "Ask for proof of age for an item of the restricted list (e.g. a kitchen knife).",
    "Size the cache such as to keep at most 2 GB in memory.",
    "Export in a common format, e.g. CSV.",
    "Start each branch name with its ticket key (e.g. `PAY-1423`).",  # a code span is blanked, not emptied of values
    "Export in a common format eg. CSV; keep 3 copies for 90 days.",
    "Tag each record with its region, e.g. EMEA\nand archive it by 2027-03-01.",
    "Note: logs, traces etc. stay with the vendor.",
    # examples of a set that a document or a calendar lists
    "Support the browsers listed in the Browser Matrix, such as Chrome 120.",
    "Ana acknowledges every P1 page within 15 minutes, 24x7, including public holidays such as Christmas Day and "
    "Good Friday.",
    "Omar forecasts the load of each event in the Sales Calendar 2031, such as Black Friday and Cyber Monday.",
    "Li will do whatever the 2026 contract requires.",
    "Lay out the report like the 2026 one.",
    "Price the add-ons like the 2026 ones, at EUR 10 and EUR 20 per seat.",
    "The new form looks like the old one and the old one's fields.",
    "Support the languages listed in Annex A, like DE and FR.",
])
def test_passes(text: str, flagged_by: FlaggedBy) -> None:
    assert flagged_by(RULE, text) == []
