"""The registry of lint rules: every rule module, imported explicitly, in the order ``agreed explain`` lists them.

The text rules come in the order the engine ranks them when two find the same words (the team's declared terms
first), and each carries the elements it reads as the scope table (:mod:`agreed.lint.rules.scope`) decides.
"""

from __future__ import annotations

import dataclasses

from agreed.codes import code_order
from agreed.lint.rule import DocumentRule, RepositoryRule, Rule, TextRule
from agreed.lint.rules import (
    announcer_not_party,
    check_in_off_cadence,
    check_ins_unplanned,
    collective_owner,
    confidentiality_contradiction,
    consideration_missing,
    credit_not_100,
    deadline_passed,
    deliverable_unmeasured,
    departed_person,
    duplicate_agreement_id,
    duplicate_ids,
    evidence_unsourced,
    failure_unmeasured,
    fulfilled_unmeasured,
    grade_good_enough,
    handoff_incomplete,
    hopes_copied,
    identity_mismatch,
    idle_party,
    inconsistent_party,
    measure_without_method,
    measured_before_deadline,
    measured_early_unexplained,
    milestone_after_deadline,
    milestone_overdue,
    milestones_out_of_order,
    multiple_owners,
    needs_no_partner,
    no_real_choice,
    non_answer,
    not_in_room,
    outside_term,
    owner_missing,
    owner_not_party,
    party_unidentifiable,
    renegotiation_without_trigger,
    reservation_unmonitored,
    scope,
    status_inconsistent,
    target_incomplete,
    unknown_party,
    unknown_person,
    vague_beneficiary,
)


def _scoped(*rules: TextRule) -> tuple[TextRule, ...]:
    """The text rules, each with the elements the scope table has it read."""
    return tuple(dataclasses.replace(rule, elements=scope.elements_read_by(rule)) for rule in rules)


TEXT_RULES: tuple[TextRule, ...] = _scoped(*scope.EVERY_RULE)
"""Every text rule reads commitments, so the scope table's list of them is the registry's too, in its order."""
DOCUMENT_RULES: tuple[DocumentRule, ...] = (
    # structure and accountability
    duplicate_ids.RULE,
    party_unidentifiable.RULE,
    status_inconsistent.RULE,
    non_answer.RULE,
    owner_missing.RULE,
    collective_owner.RULE,
    multiple_owners.RULE,
    owner_not_party.RULE,
    # results
    deliverable_unmeasured.RULE,
    target_incomplete.RULE,
    measure_without_method.RULE,
    unknown_party.RULE,
    vague_beneficiary.RULE,
    evidence_unsourced.RULE,
    # time
    milestone_after_deadline.RULE,
    milestones_out_of_order.RULE,
    outside_term.RULE,
    check_ins_unplanned.RULE,
    check_in_off_cadence.RULE,
    measured_before_deadline.RULE,
    milestone_overdue.RULE,
    deadline_passed.RULE,
    # celebration
    failure_unmeasured.RULE,
    announcer_not_party.RULE,
    credit_not_100.RULE,
    handoff_incomplete.RULE,
    fulfilled_unmeasured.RULE,
    measured_early_unexplained.RULE,
    # relationship and framing
    hopes_copied.RULE,
    reservation_unmonitored.RULE,
    confidentiality_contradiction.RULE,
    renegotiation_without_trigger.RULE,
    grade_good_enough.RULE,
    # preconditions
    consideration_missing.RULE,
    no_real_choice.RULE,
    not_in_room.RULE,
    idle_party.RULE,
    needs_no_partner.RULE,
    # people roster
    unknown_person.RULE,
    departed_person.RULE,
    identity_mismatch.RULE,
)
REPOSITORY_RULES: tuple[RepositoryRule, ...] = (
    duplicate_agreement_id.RULE,
    inconsistent_party.RULE,
)
ALL_RULES: tuple[Rule, ...] = TEXT_RULES + DOCUMENT_RULES + REPOSITORY_RULES


def all_rules() -> dict[str, Rule]:
    """Every rule by code, as ``agreed rules`` lists them and reports and ``agreed explain`` look them up: the checks
    built into loading and the engine and the rules of :data:`ALL_RULES`, in the natural order of their codes."""
    from agreed.lint.builtin import BUILTIN_RULES

    return {rule.code: rule for rule in sorted((*BUILTIN_RULES, *ALL_RULES), key=lambda rule: code_order(rule.code))}


def find_rule(key: str) -> Rule | None:
    """The rule ``key`` names: its code in any case (``v101``) or its name (``subjective-quality``); None if none."""
    wanted = key.strip().lower()
    return next((rule for rule in all_rules().values() if wanted in (rule.code.lower(), rule.name)), None)
