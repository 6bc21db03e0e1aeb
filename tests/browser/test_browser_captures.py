"""Screenshots of the site's index, the complete example's agreement page and a person's page at 1280 px and 390 px
wide, and that agreement printed to PDF on A4 and Letter, written to the folder the ``captures`` fixture names (set
``AGREED_SCREENSHOTS_DIR`` to choose it; the test run's summary prints it). Look at them before a change to the pages
is merged."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from sample_site import COMPLETE_EXAMPLE

WIDTHS = (1280, 390)
PAPER_POINTS = {"A4": (596, 843), "Letter": (612, 792)}  # width and height in PostScript points
PERSON = "maria"  # a party of the complete example: she owes, is owed and consents


def _page_of(site_pages: list[Path], site: Path, wanted: str, folder_hint: str) -> Path:
    candidates = [page for page in site_pages if page.stem == wanted]
    preferred = [page for page in candidates if folder_hint in page.relative_to(site).parts[:-1]]
    chosen = preferred or candidates
    assert chosen, f"no page named {wanted}.html in {[page.relative_to(site).as_posix() for page in site_pages]}"
    return chosen[0]


def _png_width(path: Path) -> int:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width: int = struct.unpack(">I", header[16:20])[0]
    return width


@pytest.fixture(scope="module")
def captured_pages(site: Path, site_pages: list[Path]) -> dict[str, Path]:
    """The index, the complete example's page and the page of a person of it."""
    return {"index": site / "index.html",
            "agreement": _page_of(site_pages, site, Path(COMPLETE_EXAMPLE).stem, "agreements"),
            "person": _page_of(site_pages, site, PERSON, "people")}


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots_of_the_index_an_agreement_and_a_person(browser: Browser, captured_pages: dict[str, Path],
                                                            captures: Path, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
    try:
        page = context.new_page()
        for name, file in captured_pages.items():
            page.goto(file.as_uri(), wait_until="load")
            shot = captures / f"{name}-{width}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert _png_width(shot) == width, shot
    finally:
        context.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_agreement_prints_to_pdf(browser: Browser, captured_pages: dict[str, Path], captures: Path,
                                     paper: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(captured_pages["agreement"].as_uri(), wait_until="load")
        page.emulate_media(media="print")
        pdf = captures / f"agreement-{paper.lower()}.pdf"
        page.pdf(path=str(pdf), format=paper, print_background=True)
    finally:
        context.close()
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF-")
    assert re.search(rb"/Type\s*/Page[^s]", content), "the PDF has no page"
    boxes = {tuple(round(float(number)) for number in box.split()[2:])
             for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", content)}
    assert boxes == {PAPER_POINTS[paper]}, boxes
