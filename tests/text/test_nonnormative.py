"""Notes, rationales, examples and headings: the non-normative stretches of a statement."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from agreed.text.nonnormative import non_normative_spans
from agreed.text.sentences import mask


def test_a_remark_runs_to_the_end_of_its_paragraph() -> None:
    text = "Li ships the CRM. Note: it may slip\nif the vendor is late.\n\nOmar tests it."
    assert non_normative_spans(text) == [(18, text.index("\n\n"))]


def test_a_bullet_after_a_remark_is_not_part_of_it() -> None:
    text = "Note: see the guide.\n- Li should ship the CRM."
    assert non_normative_spans(text) == [(0, len("Note: see the guide."))]


def test_a_numbered_requirement_is_no_heading() -> None:
    assert non_normative_spans("3.2.1 The service must answer within 2 s") == []


def test_a_one_level_heading_without_a_verb_is_masked_like_a_two_level_one() -> None:
    for heading in ("7 Quick and friendly support", "7.2 Quick and friendly support", "12) Clear pricing"):
        assert non_normative_spans(heading) == [(0, len(heading))]


def test_a_one_level_heading_between_lines_is_masked_alone() -> None:
    text = "Offer\n2 Simple and flexible billing\nAna sends the invoice by 2027-01-31."
    assert non_normative_spans(text) == [(6, 6 + len("2 Simple and flexible billing"))]


def test_a_numbered_commitment_is_no_heading() -> None:
    for item in ("2. Migrate the ledger", "5 Train all agents", "3 Ledger migrated by 2027-05-01", "6) Move our data"):
        assert non_normative_spans(item) == []


def test_a_numbered_imperative_without_a_determiner_is_no_heading() -> None:
    for item in ("1. Ship CRM", "2. Migrate billing soon", "3) Train support staff as needed", "4.2 Encrypt backups"):
        assert non_normative_spans(item) == []


def test_a_heading_that_opens_with_a_verb_joined_to_a_noun_or_alone_stays_a_heading() -> None:
    for heading in ("2 Scope", "3. Reporting and alerts", "4 Fast and easy onboarding", "5. Move and store", "6 Train"):
        assert non_normative_spans(heading) == [(0, len(heading))]


def test_a_noun_that_is_also_a_verb_does_not_make_an_imperative() -> None:
    for heading in ("4. Test plan", "5. Change management", "6 Support model"):
        assert non_normative_spans(heading) == [(0, len(heading))]


def test_a_count_or_a_lower_case_line_is_no_heading() -> None:
    assert non_normative_spans("300 Seats in the pilot") == []
    assert non_normative_spans("4 quick wins for the team") == []


def test_e_g_opens_an_example_with_or_without_a_comma() -> None:
    for opener in ("E.g.", "E.g.,", "e.g.:"):
        text = f"Ana answers tickets. {opener} most replies go out soon."
        assert non_normative_spans(text) == [(21, len(text))]


def test_e_g_inside_a_sentence_is_not_masked() -> None:
    assert non_normative_spans("Ana answers tickets, e.g. the urgent ones, soon.") == []


def test_a_non_normative_label_opens_a_remark() -> None:
    for label in ("Non-normative:", "Non normative -", "Nonnormative:"):
        text = f"{label} teams usually reply fast."
        assert non_normative_spans(text) == [(0, len(text))]


def test_an_informative_label_in_brackets_or_with_note_opens_a_remark() -> None:
    for remark in ("(Informative) Larger files are handled as needed.", "Informative note: batches as needed.",
                   "(Non-normative): teams may batch.", "Non-normative note - teams may batch."):
        assert non_normative_spans(remark) == [(0, len(remark))], remark


def test_an_informative_word_in_a_commitment_opens_no_remark() -> None:
    for text in ("Ship it (informative) as needed.", "Informative dashboards will be shipped as needed."):
        assert non_normative_spans(text) == [], text


def test_mask_blanks_a_one_level_heading_before_the_rules_read_it() -> None:
    assert mask("9 Fast setup").strip() == ""
    assert mask("9. Set up the portal") == "9. Set up the portal"


@given(st.text(alphabet=st.sampled_from("Note:NB#3.2 Scope requirements\n-ab "), max_size=80))
def test_spans_lie_within_the_text_and_mask_keeps_length_and_lines(text: str) -> None:
    spans = non_normative_spans(text)
    assert all(0 <= start <= end <= len(text) for start, end in spans)
    masked = mask(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
