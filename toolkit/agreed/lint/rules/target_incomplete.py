"""A number has no unit, a target has no baseline, or a target equals its baseline.

A number means something only with its unit: "40" may be deals, days or percent. A target also needs the baseline it
starts from, so that both partners can see how far there is to go and judge progress on the way. A target equal to
its baseline promises no change at all: either the target or the baseline is wrong. Drafts may leave the unit and
baseline open; a target equal to its baseline is reported in every status.

Fires on:
    deliverables: [{id: d1, quantity: 40, ...}]
    deliverables: [{id: d2, unit: days, target: 30, ...}]
    targets: [{id: ttv, metric: Median days to go live, unit: days, baseline: 30, target: 30}]

Passes:
    deliverables: [{id: d1, quantity: 40, unit: deals, ...}]
    targets: [{id: ttv, metric: Median days to go live, unit: days, baseline: 61, target: 30}]
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.agreement import Deliverable, Number, Target, agreement_of
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._references import dodged, is_draft, missing
from agreed.problem import Severity


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    draft = is_draft(document)
    agreement = agreement_of(document)
    committed: tuple[Deliverable | Target, ...] = (*agreement.deliverables, *agreement.targets)
    for item in committed:
        yield from _check_item(item, draft=draft)


def _check_item(item: Deliverable | Target, *, draft: bool) -> Iterator[AtPath]:
    number: str
    value: Number
    quantity = item.quantity if isinstance(item, Deliverable) else None
    if item.target is not None:
        number, value = "target", item.target
        if item.baseline is not None and item.baseline == item.target:
            yield AtPath((*item.path, "target"), f"target {item.target!r} equals the baseline: nothing would "
                         "change; set the target to the value you commit to reach, or correct the baseline")
            return
        lacking = [name for name, absent in (("unit", _no_unit(item)), ("baseline", "baseline" not in item.present))
                   if absent]
    elif quantity is not None:
        number, value, lacking = "quantity", quantity, ["unit"] if _no_unit(item) else []
    else:
        return
    if lacking and not draft:
        yield AtPath((*item.path, number), f"{number} {value!r} has no {' and no '.join(lacking)}: "
                     f"{_advice(lacking)}")


def _no_unit(item: Deliverable | Target) -> bool:
    return missing(item.unit, "unit" in item.present) or dodged(item.unit)


def _advice(lacking: list[str]) -> str:
    parts = []
    if "unit" in lacking:
        parts.append("add the unit it is counted in (`unit`, e.g. 'days' or 'accounts')")
    if "baseline" in lacking:
        parts.append("add the value it starts from today (`baseline`)")
    return " and ".join(parts)


RULE = DocumentRule(code="W402", name="target-incomplete", category=Category.RESULTS, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=("W-WHAT", "C-TARGETS"))
