"""The registry of lint rules: every rule module, imported explicitly, in the order ``agreed explain`` lists them."""

from __future__ import annotations

from agreed.lint.rule import Rule
from agreed.lint.rules import (
    activity_without_outcome,
    announcer_not_party,
    check_ins_unplanned,
    collective_actor,
    collective_owner,
    comparative_without_baseline,
    confidentiality_contradiction,
    credit_not_100,
    custom_vague_term,
    deadline_passed,
    departed_person,
    duplicate_agreement_id,
    duplicate_ids,
    escape_clause,
    failure_unmeasured,
    fuzzy_deadline,
    grade_good_enough,
    handoff_incomplete,
    hopes_copied,
    identity_mismatch,
    inconsistent_party,
    measured_before_deadline,
    milestone_after_deadline,
    milestone_overdue,
    milestones_out_of_order,
    multiple_owners,
    non_answer,
    open_ended_list,
    outside_term,
    owner_missing,
    owner_not_party,
    passive_commitment,
    placeholder,
    renegotiation_without_trigger,
    reservation_unmonitored,
    status_inconsistent,
    subjective_quality,
    superlative_absolute,
    unknown_person,
    vague_quantifier,
    weak_commitment,
)

TEXT_RULES: tuple[Rule, ...] = (
    subjective_quality.RULE,
    vague_quantifier.RULE,
    escape_clause.RULE,
    open_ended_list.RULE,
    comparative_without_baseline.RULE,
    superlative_absolute.RULE,
    activity_without_outcome.RULE,
    placeholder.RULE,
    weak_commitment.RULE,
    passive_commitment.RULE,
    collective_actor.RULE,
    fuzzy_deadline.RULE,
    custom_vague_term.RULE,
)
DOCUMENT_RULES: tuple[Rule, ...] = (
    # structure and accountability
    duplicate_ids.RULE,
    status_inconsistent.RULE,
    non_answer.RULE,
    owner_missing.RULE,
    collective_owner.RULE,
    multiple_owners.RULE,
    owner_not_party.RULE,
    # time
    milestone_after_deadline.RULE,
    milestones_out_of_order.RULE,
    outside_term.RULE,
    check_ins_unplanned.RULE,
    measured_before_deadline.RULE,
    milestone_overdue.RULE,
    deadline_passed.RULE,
    # celebration
    failure_unmeasured.RULE,
    announcer_not_party.RULE,
    credit_not_100.RULE,
    handoff_incomplete.RULE,
    # relationship and framing
    hopes_copied.RULE,
    reservation_unmonitored.RULE,
    confidentiality_contradiction.RULE,
    renegotiation_without_trigger.RULE,
    grade_good_enough.RULE,
    # people roster
    unknown_person.RULE,
    departed_person.RULE,
    identity_mismatch.RULE,
)
REPOSITORY_RULES: tuple[Rule, ...] = (
    duplicate_agreement_id.RULE,
    inconsistent_party.RULE,
)
ALL_RULES: tuple[Rule, ...] = TEXT_RULES + DOCUMENT_RULES + REPOSITORY_RULES
