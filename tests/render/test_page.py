"""The page of an agreement: the method's order, names for party ids, obligations, measured results."""

from __future__ import annotations

import re

from render_setup import example, example_data

from agreed.agreement import read_agreement
from agreed.render.consent_panel import ConsentPanel
from agreed.render.page import agreement_markdown

SECTIONS = ["The parties", "The result", "Who owes what to whom, by when", "The celebration", "How we work together",
            "Reservations and renegotiation", "Consent"]


def _headings(markdown: str, level: int) -> list[str]:
    return re.findall(rf"^{'#' * level} (.+)$", markdown, flags=re.MULTILINE)


def test_the_sections_follow_the_method_in_order() -> None:
    markdown = agreement_markdown(example(), consent=ConsentPanel(note="not checked"))
    assert _headings(markdown, 1) == ["Halve enterprise onboarding time"]
    assert _headings(markdown, 2) == SECTIONS


def test_missing_parts_are_left_out_and_no_consent_panel_means_no_consent_section() -> None:
    markdown = agreement_markdown(read_agreement({"agreed": 1, "id": "bare", "title": "Bare"}))
    assert _headings(markdown, 2) == []
    assert markdown.startswith("# Bare\n")


def test_parties_show_role_hopes_and_gives_under_their_names() -> None:
    markdown = agreement_markdown(example())
    assert _headings(markdown, 3)[:2] == ["Maria Chen", "Daniel Okafor"]
    maria = markdown.split("### Maria Chen", 1)[1].split("###", 1)[0]
    assert "- **Role:** VP Customer Success" in maria
    assert "- **Hopes for:** " in maria
    assert "- **Gives:** " in maria
    assert "<maria.chen@example.com>" in maria


def test_the_obligations_table_names_owner_and_recipients_by_name_sorted_by_due_date() -> None:
    data = example_data()
    data["results"]["milestones"] = [{"id": "m", "what": "Early draft", "to": "maria", "owner": "daniel",
                                      "due": "2030-01-15", "delivered_on": "2030-01-14"}]
    data["results"]["deliverables"] = [{"id": "d", "what": "The thing", "owner": "maria",
                                        "for": ["daniel", "The board"], "due": "2031-03-31"}]
    markdown = agreement_markdown(read_agreement(data))
    table = markdown.split("## Who owes what to whom, by when", 1)[1].split("\n\n")[1].splitlines()
    assert table == ["| What | Kind | Owner | For | Due | Delivered |", "| --- | --- | --- | --- | --- | --- |",
                     "| Early draft | milestone | Daniel Okafor | Maria Chen | 2030-01-15 | 2030-01-14 |",
                     "| The thing | deliverable | Maria Chen | Daniel Okafor, The board | 2031-03-31 | not yet |"]


def test_each_target_reads_baseline_target_measured_and_its_outcome() -> None:
    data = example_data()
    targets = data["celebration"]["targets"]
    targets[0]["measured"] = {"value": 28, "on": "2032-07-15", "by": "maria", "source": "CRM report"}
    targets[1]["measured"] = {"value": 81.5, "on": "2032-07-16", "by": "daniel", "note": "early"}
    markdown = agreement_markdown(read_agreement(data))
    rows = [line for line in markdown.splitlines() if line.startswith(("| Median days", "| Share"))]
    assert rows[0].endswith("| 61 days | 30 days | 2032-07-15 | 28 days | 2032-07-15 | **met** |")
    assert rows[1].endswith("| 64 percent | 90 percent | 2032-07-15 | 81.5 percent | 2032-07-16 | **missed** |")
    assert "by Maria Chen on 2032-07-15 from CRM report." in markdown
    assert "by Daniel Okafor on 2032-07-16. Note: early" in markdown


def test_a_target_without_a_measured_value_is_not_yet_measured() -> None:
    markdown = agreement_markdown(example())
    assert markdown.count("| not yet measured |") == 2
    assert "How each result was measured" not in markdown


def test_the_planned_day_of_a_measurement_never_reads_as_the_day_it_was_measured() -> None:
    data = example_data()
    data["celebration"]["targets"][0]["measured_on"] = "2032-07-01"
    data["celebration"]["targets"][1]["measured"] = {"on": "2032-07-02", "by": "daniel", "source": "survey"}  # no value
    markdown = agreement_markdown(read_agreement(data))
    header, _, first, second = markdown.split("## The celebration", 1)[1].split("\n\n")[1].splitlines()[:4]
    assert header == "| Metric | Baseline | Target | To be measured on | Measured | Measured on | Outcome |"
    assert first.endswith("| 2032-07-01 | — | — | not yet measured |")
    assert second.endswith("| 2032-07-15 | — | — | not yet measured |")


def test_days_relative_to_the_deadline_show_the_day_they_resolve_to() -> None:
    data = example_data()
    data["celebration"]["targets"][0]["measured_on"] = "deadline + 15 days"
    data["celebration"]["measurement"].update({"on": "deadline + 4 days", "communicated_on": "deadline"})
    markdown = agreement_markdown(read_agreement(data))
    assert "- **Results measured on:** 2032-07-04 (deadline + 4 days)" in markdown
    assert "- **Announced on:** 2032-06-30 (deadline)" in markdown
    assert "| 2032-07-15 (deadline + 15 days) |" in markdown
    data["results"]["deadline"] = "end of Q2"  # nothing to resolve against: shown as written
    assert "- **Results measured on:** deadline + 4 days\n" in agreement_markdown(read_agreement(data))


def test_a_term_with_neither_day_reads_not_set_once() -> None:
    assert "- **Term:** not set\n" in agreement_markdown(example(term={"start": "", "end": None}))
    assert "- **Term:** 2031-01-06 to not set\n" in agreement_markdown(example(term={"start": "2031-01-06"}))


def test_the_grade_without_a_plus_collaboration_reads_as_sentences() -> None:
    markdown = agreement_markdown(example())
    assert ("- **Grade without A+ collaboration:** C — not good enough. Each side would fix its own half: "
            in markdown)
    framing = example_data()["framing"]
    framing["grade_without"] = {"grade": "B", "good_enough": True}
    assert "- **Grade without A+ collaboration:** B — good enough\n" in agreement_markdown(example(framing=framing))
    framing["grade_without"] = {"why": "Nobody would own the hand-off."}
    assert ("- **Grade without A+ collaboration:** Nobody would own the hand-off.\n"
            in agreement_markdown(example(framing=framing)))


def test_announcer_and_credit_are_named() -> None:
    markdown = agreement_markdown(example())
    assert "- **Who announces:** Daniel Okafor" in markdown
    credit = markdown.split("### Credit", 1)[1].split("###", 1)[0]
    assert re.search(r"^- Maria Chen \(\d+%\)", credit, flags=re.MULTILINE)


def test_a_party_link_makes_names_links() -> None:
    markdown = agreement_markdown(example(), party_href=lambda party: f"../people/{party}.html")
    assert "### [Maria Chen](<../people/maria.html>)" in markdown
    assert "| [Daniel Okafor](<../people/daniel.html>) |" in markdown


def test_the_relationship_is_prose_and_renegotiation_lists_its_signals() -> None:
    markdown = agreement_markdown(example())
    together = markdown.split("## How we work together", 1)[1].split("\n## ", 1)[0]
    assert together.lstrip().startswith("**Routine information.** ")
    assert "|" not in together
    renegotiation = markdown.split("## Reservations and renegotiation", 1)[1]
    assert _headings(renegotiation, 3) == ["Reservations", "When we renegotiate"]
    assert "**How it starts.** " in renegotiation


def test_the_same_agreement_gives_the_same_text() -> None:
    assert agreement_markdown(example()) == agreement_markdown(example())
