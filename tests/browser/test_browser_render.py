"""``agreed render --format html`` in a real browser: each shipped example's page loads from file:// with no console
error and no request but its own, passes the accessibility checks in the light and the dark colour scheme, does not
scroll sideways at 390 px, prints its tables within A4 and Letter, and shows a ``<script>`` written in an agreement
as text without running it. Each page is loaded once (``rendered_findings``) and every check reads its findings."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext

from page_checks import (
    KNOWN_DEFECTS,
    PageFindings,
    as_lines,
    explained_by,
    inspect_pages,
    page_links,
    unexplained,
    watch,
)

HOSTILE_PAGE = "hostile-text"


@pytest.fixture(scope="module")
def rendered_findings(browser: Browser, rendered: dict[str, Path]) -> dict[str, PageFindings]:
    pages = [page for name, page in sorted(rendered.items()) if name != HOSTILE_PAGE]
    context = browser.new_context()
    try:
        return inspect_pages(context, pages, pages[0].parent)
    finally:
        context.close()


@pytest.mark.parametrize("check", [field.name for field in fields(PageFindings)])
def test_every_rendered_example_passes(rendered_findings: dict[str, PageFindings], check: str) -> None:
    assert len(rendered_findings) >= 4  # the shipped examples
    problems = unexplained(check, rendered_findings)
    assert not any(problems.values()), f"{check}:\n{as_lines(problems)}"


def test_each_known_defect_still_reproduces(rendered_findings: dict[str, PageFindings]) -> None:
    """Fails once a known defect is fixed: then remove its entry from page_checks.KNOWN_DEFECTS (none at present,
    so this checks nothing until one is added; a parametrised test would show as skipped instead)."""
    fixed = [defect.description for defect in KNOWN_DEFECTS if not explained_by(defect, rendered_findings)]
    assert not fixed, f"fixed (remove them from KNOWN_DEFECTS): {fixed}"


def test_a_script_in_an_agreement_is_shown_as_text_and_never_run(context: BrowserContext,
                                                                 rendered: dict[str, Path]) -> None:
    page = context.new_page()
    seen = watch(page)
    url = rendered[HOSTILE_PAGE].as_uri()
    page.goto(url, wait_until="load")
    assert page.evaluate("() => typeof window.agreedInjected") == "undefined"
    text = page.inner_text("body")
    assert '<script>window.agreedInjected = "deliverable"</script> Scoping checklist' in text
    assert '<script>window.agreedInjected = "title"</script> Hostile text' in text
    assert page.locator("script", has_text="agreedInjected").count() == 0
    hrefs = [written for written, _ in page_links(page)]
    assert "https://example.org/guide" in hrefs  # a link written in the text stays a link
    assert not [href for href in hrefs if href.lower().startswith("javascript:")]
    assert not seen.problems([url])
