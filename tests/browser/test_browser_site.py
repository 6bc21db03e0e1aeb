"""``agreed site`` of the shipped examples in a real browser: every page (index, agreements, people) loads from
file:// with no console error and no request outside the site, every internal link leads to an existing page and
anchor, the same holds served over HTTP from a sub-path (``/org/repo/``, as GitHub and GitLab Pages serve a project),
and every page passes the accessibility, 390 px and print checks. Each page is loaded once from file:// for all the
layout checks (``site_findings``)."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from dataclasses import fields
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from page_checks import (
    KNOWN_DEFECTS,
    PageFindings,
    as_lines,
    explained_by,
    inspect_pages,
    served_problems,
    unexplained,
)
from sample_site import HOSTILE_FOLDER, HOSTILE_SITE_ID, build_site

SUB_PATH = "org/repo"


@pytest.fixture(scope="module")
def site_findings(browser: Browser, site: Path, site_pages: list[Path]) -> dict[str, PageFindings]:
    context = browser.new_context()
    try:
        return inspect_pages(context, site_pages, site)
    finally:
        context.close()


def test_the_site_has_an_index_a_page_per_agreement_and_pages_of_people(
        site_pages: list[Path], site: Path, shipped_agreements: list[str]) -> None:
    names = {page.relative_to(site).as_posix() for page in site_pages}
    assert "index.html" in names
    for agreement in shipped_agreements:
        assert any(Path(agreement).stem in name for name in names), f"no page of {agreement} in {sorted(names)}"
    assert any(name.startswith("people/") for name in names), sorted(names)


@pytest.mark.parametrize("check", [field.name for field in fields(PageFindings)])
def test_every_page_of_the_site_passes(site_findings: dict[str, PageFindings], check: str) -> None:
    problems = unexplained(check, site_findings)
    assert not any(problems.values()), f"{check}:\n{as_lines(problems)}"


def test_each_known_defect_still_reproduces(site_findings: dict[str, PageFindings]) -> None:
    """Fails once a known defect is fixed: then remove its entry from page_checks.KNOWN_DEFECTS (none at present,
    so this checks nothing until one is added; a parametrised test would show as skipped instead)."""
    fixed = [defect.description for defect in KNOWN_DEFECTS if not explained_by(defect, site_findings)]
    assert not fixed, f"fixed (remove them from KNOWN_DEFECTS): {fixed}"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No log lines in the test output."""


@pytest.fixture(scope="module")
def served_site(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site served over HTTP on 127.0.0.1 under ``/org/repo/``: its base URL."""
    served = tmp_path_factory.mktemp("served")
    shutil.copytree(site, served / SUB_PATH)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(served)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}/"
    finally:
        server.shutdown()
        server.server_close()


def test_every_page_loads_and_every_link_resolves_under_a_sub_path(
        browser: Browser, site: Path, site_pages: list[Path], served_site: str) -> None:
    context = browser.new_context()
    try:
        problems = served_problems(context, site_pages, site, served_site)
    finally:
        context.close()
    assert not any(problems.values()), as_lines(problems)


def test_the_index_loads_from_the_sub_path_itself(browser: Browser, site: Path, served_site: str) -> None:
    """Pages hosts serve ``/org/repo/`` (no file name) as the index: its relative links must work from there too."""
    context = browser.new_context()
    try:
        page = context.new_page()
        response = page.goto(served_site, wait_until="load")
        assert response is not None
        assert response.status == 200
        resolved = page.evaluate("() => [...document.querySelectorAll('a[href]')].map((a) => a.href)")
        inside = [url for url in resolved if url.startswith(served_site)]
        assert inside, "the index links to no page of the site"
        for url in sorted(set(inside)):
            fetched = context.request.get(url)
            assert fetched.status == 200, url
    finally:
        context.close()


@pytest.fixture(scope="module")
def hostile_site(sample_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the agreement with a ``<script>`` in its title and a deliverable."""
    return build_site(sample_repo, tmp_path_factory.mktemp("hostile-site") / "public", HOSTILE_FOLDER)


def test_a_script_in_an_agreement_runs_on_no_page_of_the_site(browser: Browser, hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    context = browser.new_context()
    shown: dict[str, str] = {}
    try:
        page = context.new_page()
        for file in pages:
            page.goto(file.as_uri(), wait_until="load")
            name = file.relative_to(hostile_site).as_posix()
            assert page.evaluate("() => typeof window.agreedInjected") == "undefined", name
            assert page.locator("script", has_text="agreedInjected").count() == 0, name
            shown[name] = page.inner_text("body")
    finally:
        context.close()
    agreement_pages = [name for name in shown if HOSTILE_SITE_ID in name and name != "index.html"]
    assert agreement_pages, sorted(shown)
    assert '<script>window.agreedInjected = "deliverable"</script>' in shown[agreement_pages[0]]
    assert '<script>window.agreedInjected = "title"</script> Hostile text' in shown["index.html"]
