"""Fixtures of the real-browser tests: one chromium for the whole session, the sample repository (tests/sample_site.py)
with its site and rendered pages built once, and the folder the screenshots and PDFs are written to.

Chromium is Debian's ``/usr/bin/chromium`` driven through playwright; no browser is ever downloaded. Where it cannot
start, the tests are skipped with the reason (and a warning), except under CI (the ``CI`` environment variable set,
as ``.ci/run`` does), where that is an error: the browser tests must never be skipped silently in CI.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest
from playwright.sync_api import Browser, BrowserContext, Error, Playwright, sync_playwright

from sample_site import (
    CHROMIUM,
    HOSTILE,
    REPO_ROOT,
    build_site,
    hostile_agreement,
    launch_chromium,
    render_html,
    sample_repository,
)

CAPTURES_VARIABLE = "AGREED_SCREENSHOTS_DIR"
_CAPTURES_KEY = pytest.StashKey[Path]()
@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    """Debian's chromium, started once for the session."""
    try:
        started = launch_chromium(playwright_session)
    except Error as error:
        reason = f"chromium ({CHROMIUM}) cannot start, so the pages were NOT tested in a browser: {error}"
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and the browser tests must run there: {reason}", pytrace=False)
        warnings.warn(reason, stacklevel=1)
        pytest.skip(reason)
    yield started
    started.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A new browser context, 1280 px wide (no state shared between tests)."""
    opened = browser.new_context(viewport={"width": 1280, "height": 900})
    yield opened
    opened.close()


@pytest.fixture
def scheme_context(browser: Browser, scheme: Literal["light", "dark"]) -> Iterator[BrowserContext]:
    """A new browser context, 1280 px wide, preferring the test's colour ``scheme`` (a parameter of the test)."""
    opened = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    yield opened
    opened.close()


@pytest.fixture
def narrow_context(browser: Browser) -> Iterator[BrowserContext]:
    """A new browser context as wide as a phone (390 px)."""
    opened = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def captures(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the screenshots and PDFs go to: ``$AGREED_SCREENSHOTS_DIR`` when set, else a temporary folder;
    named at the end of the test run."""
    chosen = os.environ.get(CAPTURES_VARIABLE)
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("browser-captures")
    folder.mkdir(parents=True, exist_ok=True)
    request.config.stash[_CAPTURES_KEY] = folder
    return folder


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    folder = config.stash.get(_CAPTURES_KEY, None)
    if folder is not None:
        terminalreporter.write_line(f"browser tests: screenshots and PDFs are in {folder} "
                                    f"(set {CAPTURES_VARIABLE} to choose the folder)")


@pytest.fixture(scope="session")
def sample_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample repository: the shipped contracts with a short history, and the hostile agreement beside them."""
    return sample_repository(tmp_path_factory.mktemp("sample") / "repo", extra={HOSTILE: hostile_agreement()})


@pytest.fixture(scope="session")
def shipped_agreements() -> list[str]:
    """The shipped example agreements, repository-relative (the template is not one)."""
    return sorted(f"contracts/{path.name}" for path in (REPO_ROOT / "contracts").glob("*.yaml")
                  if not path.name.startswith("_"))


@pytest.fixture(scope="session")
def rendered(sample_repo: Path, shipped_agreements: list[str], tmp_path_factory: pytest.TempPathFactory
             ) -> dict[str, Path]:
    """``agreed render --format html`` of each shipped example and of the hostile agreement: name -> page."""
    folder = tmp_path_factory.mktemp("rendered")
    return {Path(agreement).stem: render_html(sample_repo, agreement, folder / f"{Path(agreement).stem}.html")
            for agreement in [*shipped_agreements, HOSTILE]}


@pytest.fixture(scope="session")
def site(sample_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``agreed site contracts/ --today 2031-06-01`` of the sample repository: the site's folder."""
    return build_site(sample_repo, tmp_path_factory.mktemp("site") / "public")


@pytest.fixture(scope="session")
def site_pages(site: Path) -> list[Path]:
    """Every HTML page of the site, sorted."""
    pages = sorted(site.rglob("*.html"))
    assert pages, f"agreed site wrote no HTML page to {site}"
    return pages
