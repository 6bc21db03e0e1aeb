"""The registry of lint rules: every rule module, imported explicitly, in the order ``agreed explain`` lists them."""

from __future__ import annotations

from agreed.lint.rule import Rule
from agreed.lint.rules import (
    activity_without_outcome,
    collective_actor,
    collective_owner,
    comparative_without_baseline,
    custom_vague_term,
    duplicate_ids,
    escape_clause,
    fuzzy_deadline,
    milestone_after_deadline,
    multiple_owners,
    open_ended_list,
    owner_missing,
    owner_not_party,
    passive_commitment,
    placeholder,
    subjective_quality,
    superlative_absolute,
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
    duplicate_ids.RULE,
    owner_missing.RULE,
    collective_owner.RULE,
    multiple_owners.RULE,
    owner_not_party.RULE,
    milestone_after_deadline.RULE,
)
ALL_RULES: tuple[Rule, ...] = TEXT_RULES + DOCUMENT_RULES
