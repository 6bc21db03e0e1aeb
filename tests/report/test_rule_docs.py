"""Where a rule's documentation is linked: a base URL given or declared, checked, and each rule's section under it."""

from __future__ import annotations

import importlib.metadata

import pytest

from agreed.lint.rule import Category, DocumentRule
from agreed.problem import Severity
from agreed.report import rule_docs
from agreed.report.rule_docs import BadDocsUrl, docs_url, documentation_base, help_markdown, rule_link, rule_markdown
from fake_rules import fake_text_rule


@pytest.mark.parametrize(("given", "base"), [
    ("https://github.com/owner/agreed/tree/v1.2.0", "https://github.com/owner/agreed/tree/v1.2.0"),
    ("https://github.com/owner/agreed/tree/v1.2.0/", "https://github.com/owner/agreed/tree/v1.2.0"),
    ("HTTP://docs.example.org:8080/agreed", "HTTP://docs.example.org:8080/agreed"),
    ("https://example.org/a%20b", "https://example.org/a%20b"),
])
def test_an_absolute_http_url_is_a_base(given: str, base: str) -> None:
    assert docs_url(given) == base


@pytest.mark.parametrize(("given", "why"), [
    ("github.com/owner/agreed", "no absolute http or https URL"),
    ("/docs", "no absolute http or https URL"),
    ("ftp://example.org/agreed", "no absolute http or https URL"),
    ("file:///home/me/agreed", "no absolute http or https URL"),
    ("https://", "no absolute http or https URL"),
    ("", "no absolute http or https URL"),
    ("https://example.org/agreed?ref=v1", "a query or a fragment"),
    ("https://example.org/agreed#rules", "a query or a fragment"),
    ("https://example.org/agreed#", "a query or a fragment"),
    ("https://me:secret@example.org/agreed", "a user name"),
    ("https://example.org:99999/agreed", "no URL"),
    ("https://[::1/agreed", "no URL"),
    ("https://example.org/a b", "a space"),
    ("https://example.org/\x1b[31m", "a control"),
    ("https://exämple.org/", "non-ASCII"),
])
def test_anything_else_is_refused_saying_why(given: str, why: str) -> None:
    with pytest.raises(BadDocsUrl, match=why):
        docs_url(given)


def test_a_rule_is_linked_at_the_anchor_of_its_code_on_the_rules_page() -> None:
    assert rule_link("https://example.org/agreed/tree/v1", "V101") == (
        "https://example.org/agreed/tree/v1/docs/rules.md#v101")


def test_the_base_given_wins_over_the_declared_one_which_is_used_only_when_it_is_a_base(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rule_docs, "project_home", lambda: "https://example.org/declared/")
    assert documentation_base("https://example.org/given") == "https://example.org/given"
    assert documentation_base(None) == "https://example.org/declared"
    monkeypatch.setattr(rule_docs, "project_home", lambda: "https://example.org/declared#readme")
    assert documentation_base(None) is None
    monkeypatch.setattr(rule_docs, "project_home", lambda: None)
    assert documentation_base(None) is None


def test_the_project_url_is_read_from_the_package_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    declared = ["Repository, https://example.org/code", "Homepage, https://example.org/home"]
    monkeypatch.setattr(importlib.metadata, "metadata", lambda name: FakeMetadata(declared))
    rule_docs.project_home.cache_clear()
    try:
        assert rule_docs.project_home() == "https://example.org/home"
        monkeypatch.setattr(importlib.metadata, "metadata", lambda name: FakeMetadata([]))
        rule_docs.project_home.cache_clear()
        assert rule_docs.project_home() is None
    finally:
        rule_docs.project_home.cache_clear()


class FakeMetadata:
    def __init__(self, urls: list[str]) -> None:
        self.urls = urls

    def get_all(self, key: str) -> list[str] | None:
        return self.urls if key == "Project-URL" else None


def test_help_markdown_fences_the_examples_as_yaml() -> None:
    doc = "Summary.\n\nWhy it matters.\n\nFires on:\n    a: 1\n\n    b: 2\n\nPasses:\n    c: 3\n"
    assert help_markdown(doc) == (
        "Summary.\n\nWhy it matters.\n\nFires on:\n\n```yaml\na: 1\n\nb: 2\n```\n\nPasses:\n\n```yaml\nc: 3\n```"
    )


def test_an_angle_bracket_in_prose_is_no_html_tag_but_stays_as_written_in_code() -> None:
    doc = "Summary.\n\nThe ledger (.consent/<party id>/) and ``a<b`` and `<c>`.\n\nFires on:\n    when: <date>\n"
    assert help_markdown(doc) == ("Summary.\n\nThe ledger (.consent/\\<party id>/) and ``a<b`` and `<c>`.\n\n"
                                  "Fires on:\n\n```yaml\nwhen: <date>\n```")


def test_a_text_rules_examples_are_fenced_as_text_and_a_document_rules_as_yaml() -> None:
    doc = "Summary.\n\nFires on:\n    Deliver it soon.\n"
    prose = fake_text_rule("A101", "vague-word", Category.VAGUENESS, Severity.WARNING, doc)
    document = DocumentRule(code="S999", name="exact", category=Category.STRUCTURE, severity=Severity.ERROR, doc=doc,
                            check=lambda document, context: [])
    assert rule_markdown(prose) == "Summary.\n\nFires on:\n\n```text\nDeliver it soon.\n```"
    assert rule_markdown(document) == "Summary.\n\nFires on:\n\n```yaml\nDeliver it soon.\n```"
