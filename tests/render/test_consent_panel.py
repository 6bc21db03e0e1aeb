"""The consent panel from the consent status service, on real temporary git repositories: valid, stale and missing
parties, with the day and the changes since; outside git and for a draft, a note instead."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest

from agreed.agreement import read_agreement
from agreed.consent.digest import digest_document
from agreed.consent.ledger import new_record, write_record
from agreed.document import read_document
from agreed.render.consent_panel import NOT_IN_GIT, ConsentPanel, ConsentRow, consent_panel
from agreed.render.page import agreement_markdown
from agreed.render.run import agreement_page
from gitrepo import AGREEMENT, EXAMPLE, MARIA, commit_all

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _write(repo: Path, deadline: str = "2032-06-30", status: str = "active") -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("  evidence: [review, signed-commit]",
                                                       "  evidence: [author-email]")
    text = text.replace("  deadline: 2032-06-30", f"  deadline: {deadline}").replace("status: active",
                                                                                    f"status: {status}", 1)
    (repo / AGREEMENT).write_text(text, encoding="utf-8")


def _consent_of_maria(repo: Path) -> None:
    digest = digest_document(read_document(repo / AGREEMENT))
    assert isinstance(digest, str)
    moment = datetime.datetime(2031, 1, 2, 9, 30, tzinfo=datetime.UTC)
    write_record(repo / AGREEMENT, new_record("sales-onboarding", "maria", digest, lambda: moment))
    commit_all(repo, "Consent of maria", email=MARIA)


def test_a_party_with_consent_to_the_current_terms_is_valid_since_the_day_of_its_record(repo: Path) -> None:
    _write(repo)
    commit_all(repo, "Propose")
    _consent_of_maria(repo)
    panel = consent_panel(repo / AGREEMENT)
    assert [(row.party, row.state, row.since) for row in panel.rows] == [
        ("maria", "valid", datetime.date(2031, 1, 2)), ("daniel", "missing", None)]
    assert panel.note is None
    assert panel.digest is not None


def test_a_party_whose_terms_changed_is_stale_with_what_changed_since(repo: Path) -> None:
    _write(repo)
    commit_all(repo, "Propose")
    _consent_of_maria(repo)
    _write(repo, deadline="2032-09-30")
    commit_all(repo, "Move the deadline")
    maria = consent_panel(repo / AGREEMENT).rows[0]
    assert (maria.state, maria.since) == ("stale", datetime.date(2031, 1, 2))
    assert len(maria.changes) == 1
    assert maria.changes[0].startswith("results.deadline: ")
    markdown = agreement_markdown(agreement_page(repo / AGREEMENT).agreement,
                                  consent=consent_panel(repo / AGREEMENT))
    assert "| Maria Chen | **stale** | 2031-01-02 | consented to older terms" in markdown
    assert "**Changed since Maria Chen consented:**\n\n- results.deadline: " in markdown
    assert "| Daniel Okafor | **missing** | — | no consent to the current terms" in markdown
    assert re.search(r"consented to older terms \(sha256:[0-9a-f]{12} on ", markdown)
    assert not re.search(r"[0-9a-f]{13}", markdown.split("## Consent", 1)[1].split("|", 1)[1])  # the table's part


def test_a_digest_in_a_reason_is_cut_to_twelve_hex_digits_so_the_table_can_wrap() -> None:
    whole = "sha256:" + "7ce16102c3fc" + "a" * 52
    panel = ConsentPanel((ConsentRow("maria", "stale", f"consented to older terms ({whole} on 2031-01-04)"),),
                         digest="sha256:" + "e" * 64)
    markdown = agreement_markdown(read_agreement({"agreed": 1, "id": "a", "parties": [{"id": "maria"}]}),
                                  consent=panel)
    assert f"The current terms have the digest `sha256:{'e' * 64}`." in markdown  # shown whole where it is the subject
    assert "| maria | **stale** | — | consented to older terms (sha256:7ce16102c3fc on 2031-01-04) |" in markdown
    assert whole not in markdown


def test_outside_a_git_repository_the_panel_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.yaml")
    panel = consent_panel(folder / "a.yaml")
    assert panel == ConsentPanel(note=NOT_IN_GIT)
    markdown = agreement_markdown(agreement_page(folder / "a.yaml").agreement, consent=panel)
    assert markdown.rstrip().endswith("## Consent\n\nConsent is not shown: the file is not in a git repository, "
                                      "where consent records are kept.")


def test_a_draft_is_not_open_for_consent_and_needs_no_repository(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(EXAMPLE.read_text(encoding="utf-8").replace("status: active", "status: draft",
                                                                                 1), encoding="utf-8")
    page = agreement_page(tmp_path / "a.yaml")
    assert page.consent == ConsentPanel(note="a draft: not open for consent yet")
