"""Checks run on a page loaded in the real browser: each returns the problems found, as lines a person reads (an empty
list when the page passes), so one test can check every page and report all that is wrong at once.

The in-page checks are JavaScript evaluated by playwright on the page as the browser laid it out: accessibility
(``lang``, one ``h1``, heading levels, table headers, text contrast from the computed styles), horizontal overflow,
table cells whose content spills past their border and tables wider than the printed page. :func:`link_problems`
checks a page's links against the built files.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response

# A URL with a scheme (http:, mailto:, file:, javascript:, ...) as opposed to a relative reference.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
EXTERNAL_SCHEMES = ("http", "https", "mailto")

# Every element with a text node of its own, and the contrast of that text against the background it is painted on
# (the background colours of the element and its ancestors composed from the root down; colours go through a canvas,
# so any CSS colour syntax the computed style uses is read the same way). Large text (24 px, or 18.66 px bold) needs
# 3:1, the rest 4.5:1 (WCAG 2 AA).
_ACCESSIBILITY = r"""() => {
  const problems = [];
  const lang = document.documentElement.getAttribute('lang');
  if (!lang || !lang.trim()) problems.push('the html element has no lang attribute');
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')];
  const ones = headings.filter((h) => h.tagName === 'H1').length;
  if (ones !== 1) problems.push(`${ones} h1 elements (exactly one expected)`);
  let previous = 0;
  for (const heading of headings) {
    const level = Number(heading.tagName[1]);
    if (level > previous + 1) {
      const text = heading.textContent.replace(/\s+/g, ' ').trim().slice(0, 60);
      problems.push(`heading level skipped: h${level} "${text}" after h${previous}`);
    }
    previous = level;
  }
  document.querySelectorAll('table').forEach((table, index) => {
    const name = `table ${index + 1} ("${table.textContent.replace(/\s+/g, ' ').trim().slice(0, 40)}")`;
    const headers = [...table.querySelectorAll('th')];
    if (headers.length === 0) problems.push(`${name} has no th`);
    for (const th of headers) {
      if (!['col', 'row', 'colgroup', 'rowgroup'].includes(th.getAttribute('scope'))) {
        problems.push(`${name}: th "${th.textContent.replace(/\s+/g, ' ').trim().slice(0, 40)}" has no scope`);
      }
    }
  });
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const context = canvas.getContext('2d', {willReadFrequently: true});
  const rgba = (css) => {
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = 'rgba(0, 0, 0, 0)';
    context.fillStyle = css;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const background = (element) => {
    const chain = [];
    for (let node = element; node; node = node.parentElement) chain.unshift(node);
    let colour = [255, 255, 255, 1];
    for (const node of chain) colour = over(rgba(getComputedStyle(node).backgroundColor), colour);
    return colour;
  };
  const luminance = (colour) => {
    const linear = colour.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
  };
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!node.textContent.trim() || !element || seen.has(element)) continue;
    seen.add(element);
    const style = getComputedStyle(element);
    if (element.getClientRects().length === 0 || style.visibility !== 'visible') continue;
    const back = background(element);
    const fore = over(rgba(style.color), back);
    const [light, dark] = [luminance(fore), luminance(back)].sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const needed = large ? 3 : 4.5;
    if (ratio < needed) {
      const shown = `${style.color} on rgb(${back.slice(0, 3).join(', ')})`;
      problems.push(`contrast ${ratio.toFixed(2)}:1 < ${needed}:1 for <${element.tagName.toLowerCase()}> ` +
                    `"${node.textContent.replace(/\s+/g, ' ').trim().slice(0, 40)}" (${shown})`);
    }
  }
  return problems;
}"""

# What needs sideways scrolling at the current width: the document itself (naming the deepest elements that reach
# past the right edge), and each box that scrolls or clips what overflows it sideways (a table region, say).
_HORIZONTAL_OVERFLOW = r"""() => {
  const width = window.innerWidth;
  const describe = (e) => `<${e.tagName.toLowerCase()}${e.className ? ` class="${e.className}"` : ''}>`;
  const problems = [];
  if (document.scrollingElement.scrollWidth > width) {
    const wide = [...document.body.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > width + 0.5);
    const deepest = wide.filter((e) => !wide.some((other) => other !== e && e.contains(other)));
    const scrolled = document.scrollingElement.scrollWidth;
    problems.push(`the page scrolls sideways: ${scrolled} px wide in a ${width} px viewport`);
    for (const e of deepest.slice(0, 5)) {
      problems.push(`  ${describe(e)} reaches ${Math.round(e.getBoundingClientRect().right)} px: ` +
                    `"${e.textContent.replace(/\s+/g, ' ').trim().slice(0, 50)}"`);
    }
  }
  const hidden = (e) => { // drawn for screen readers only (clipped to nothing, as a visually hidden table head is)
    const style = getComputedStyle(e);
    return style.clipPath !== 'none' || style.clip !== 'auto' || e.clientWidth <= 1;
  };
  for (const e of document.body.querySelectorAll('*')) {
    if (getComputedStyle(e).overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1 && !hidden(e)) {
      problems.push(`${describe(e)} "${e.textContent.replace(/\s+/g, ' ').trim().slice(0, 40)}" scrolls sideways: ` +
                    `${e.scrollWidth} px of content in ${e.clientWidth} px`);
    }
  }
  return problems;
}"""

# Table cells whose content is taller than the cell: what runs past its bottom border (a column's name drawn beside
# the value on a narrow screen, taller than the value, say). Cells of hidden rows or tables are not drawn.
_SPILLED_CELLS = r"""() => {
  const problems = [];
  for (const cell of document.querySelectorAll('td, th')) {
    if (cell.getClientRects().length === 0) continue;
    if (cell.scrollHeight > cell.clientHeight + 1) {
      const label = cell.getAttribute('data-label');
      problems.push(`${label ? `cell "${label}"` : 'a cell'} ` +
                    `"${cell.textContent.replace(/\s+/g, ' ').trim().slice(0, 40)}" runs past its bottom: ` +
                    `${cell.scrollHeight} px of content in ${cell.clientHeight} px`);
    }
  }
  return problems;
}"""

# The left and right margins the page's @page rules set (in CSS px), for the print layout's width.
_PAGE_MARGINS = r"""() => {
  const margins = {left: '', right: ''};
  const visit = (rules) => {
    for (const rule of rules) {
      if (rule instanceof CSSPageRule) {
        margins.left = rule.style.marginLeft || margins.left;
        margins.right = rule.style.marginRight || margins.right;
      } else if (rule.cssRules) {
        visit(rule.cssRules);
      }
    }
  };
  for (const sheet of document.styleSheets) {
    try {
      visit(sheet.cssRules);
    } catch (error) {  // a style sheet from elsewhere: its rules cannot be read (and the loading check fails it)
    }
  }
  return margins;
}"""

# Tables wider than the printable width, and tables cut by an ancestor that clips or scrolls what overflows it.
_CUT_TABLES = r"""() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  document.querySelectorAll('table').forEach((table, index) => {
    const name = `table ${index + 1} ("${table.textContent.replace(/\s+/g, ' ').trim().slice(0, 40)}")`;
    const box = table.getBoundingClientRect();
    if (box.right > width + 0.5 || box.left < -0.5) {
      problems.push(`${name} spans ${Math.round(box.left)}..${Math.round(box.right)} px on a ${width} px page`);
    }
    for (let node = table.parentElement; node; node = node.parentElement) {
      const overflow = getComputedStyle(node).overflowX;
      if (overflow !== 'visible' && node.scrollWidth > node.clientWidth + 1) {
        problems.push(`${name} is cut by <${node.tagName.toLowerCase()}> (overflow-x: ${overflow}, ` +
                      `${node.scrollWidth} px of content in ${node.clientWidth} px)`);
      }
    }
  });
  if (problems.length === 0 && document.scrollingElement.scrollWidth > width) {
    problems.push(`the printed page is ${document.scrollingElement.scrollWidth} px wide, ${width} px printable`);
  }
  return problems;
}"""

_LINKS = r"""() => [...document.querySelectorAll('a[href]')].map((a) => [a.getAttribute('href'), a.href])"""

# Paper widths in CSS px (96 per inch).
PAPER_WIDTHS = {"A4": 210 / 25.4 * 96, "Letter": 8.5 * 96}
_UNITS = {"px": 1.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "pt": 96 / 72, "pc": 16.0}


def accessibility_problems(page: Page) -> list[str]:
    """Missing ``lang``, not exactly one ``h1``, a skipped heading level, a table without ``th`` or a ``th``
    without ``scope``, and text whose contrast is below WCAG AA."""
    return list(page.evaluate(_ACCESSIBILITY))


def horizontal_overflow(page: Page) -> list[str]:
    """What must be scrolled sideways to be read at the current viewport width: the page (naming the elements that
    stick out) and any box of it (a table's scrolling region)."""
    return list(page.evaluate(_HORIZONTAL_OVERFLOW))


def spilled_cells(page: Page) -> list[str]:
    """Table cells whose content runs past their bottom border at the current viewport width."""
    return list(page.evaluate(_SPILLED_CELLS))


def _css_pixels(length: str) -> float:
    found = re.fullmatch(r"(-?[0-9.]+)([a-z]*)", length.strip())
    if found is None or (found.group(2) or "px") not in _UNITS:
        return 0.0  # 'auto' or no margin: the browser's default for a PDF is no margin
    return float(found.group(1)) * _UNITS[found.group(2) or "px"]


def printable_width(page: Page, paper: str) -> int:
    """The width of ``paper`` minus the left and right margins of the page's @page rules, in CSS px."""
    margins: dict[str, str] = page.evaluate(_PAGE_MARGINS)
    return int(PAPER_WIDTHS[paper] - _css_pixels(margins["left"]) - _css_pixels(margins["right"]))


def cut_tables(page: Page, paper: str) -> list[str]:
    """Tables that do not fit the printable width of ``paper`` in the print layout (the page is left in print media,
    with the viewport as wide as the printable area)."""
    page.emulate_media(media="print")
    page.set_viewport_size({"width": printable_width(page, paper), "height": 1000})
    return list(page.evaluate(_CUT_TABLES))


@dataclass
class LoadWatch:
    """What a page did while loading: console errors, uncaught exceptions, failed requests, error responses and every
    request it made."""

    console_errors: list[str]
    page_errors: list[str]
    failed_requests: list[str]
    error_responses: list[str]
    requests: list[str]

    def clear(self) -> None:
        """Forget what was recorded (before the next navigation)."""
        for recorded in (self.console_errors, self.page_errors, self.failed_requests, self.error_responses,
                         self.requests):
            recorded.clear()

    def problems(self, allowed: Iterable[str]) -> list[str]:
        """All of the above as lines, with every request outside the ``allowed`` URL prefixes counted as a problem."""
        prefixes = tuple(allowed)
        outside = [f"request outside the site: {url}" for url in self.requests if not url.startswith(prefixes)]
        return [*(f"console error: {text}" for text in self.console_errors),
                *(f"uncaught exception: {text}" for text in self.page_errors),
                *(f"request failed: {text}" for text in self.failed_requests),
                *(f"error response: {text}" for text in self.error_responses), *outside]


def watch(page: Page) -> LoadWatch:
    """Start recording what ``page`` does (before it navigates)."""
    seen = LoadWatch([], [], [], [], [])

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            seen.console_errors.append(message.text)

    def failed(request: Request) -> None:
        seen.failed_requests.append(f"{request.url} ({request.failure})")

    def responded(response: Response) -> None:
        if response.status >= 400:
            seen.error_responses.append(f"{response.status} {response.url}")

    page.on("console", console)
    page.on("pageerror", lambda error: seen.page_errors.append(str(error)))
    page.on("requestfailed", failed)
    page.on("response", responded)
    page.on("request", lambda request: seen.requests.append(request.url))
    return seen


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and (name == "id" or (tag == "a" and name == "name")):
                self.names.add(value)


@functools.cache
def anchors(path: Path) -> frozenset[str]:
    """The fragment targets (``id``, and ``name`` of ``a``) of the HTML file at ``path``."""
    parser = _Anchors()
    parser.feed(path.read_text(encoding="utf-8"))
    return frozenset(parser.names)


def page_links(page: Page) -> list[tuple[str, str]]:
    """Each link of the page: its ``href`` as written and the URL the browser resolved it to."""
    return [(written, resolved) for written, resolved in page.evaluate(_LINKS)]


def is_external(href: str) -> bool:
    """Whether ``href`` names its own scheme (a link out of the site, or a pseudo-URL such as ``javascript:``)."""
    return _SCHEME.match(href) is not None


def link_problems(links: Iterable[tuple[str, str]], root: Path, base_url: str) -> Iterator[str]:
    """The links of a page (as :func:`page_links` gives them) that do not lead to an existing file of the site at
    ``root`` served from ``base_url`` (with its anchor, when the link has one), that leave the site's folder, that
    start at the server's root (which breaks a site served from a sub-path), or that use a scheme other than http,
    https and mailto."""
    for written, resolved in links:
        if is_external(written):
            if written.split(":", 1)[0].lower() not in EXTERNAL_SCHEMES:
                yield f"link {written!r}: scheme not allowed"
            continue
        if written.startswith("/"):
            yield f"link {written!r} starts at the server's root (it breaks under a sub-path)"
            continue
        if not resolved.startswith(base_url):
            yield f"link {written!r} leaves the site: {resolved}"
            continue
        parts = urlsplit(resolved)
        target = root / unquote(parts.path[len(urlsplit(base_url).path):])
        if not target.is_file():
            yield f"link {written!r}: no file {target.relative_to(root) if target.is_relative_to(root) else target}"
        elif parts.fragment and unquote(parts.fragment) not in anchors(target):
            yield f"link {written!r}: no anchor #{unquote(parts.fragment)} in {target.relative_to(root)}"


def as_lines(problems_by_page: dict[str, list[str]]) -> str:
    """Problems grouped under the page they were found on, for an assertion message."""
    return "\n".join(f"{name}:\n" + "\n".join(f"  {problem}" for problem in problems)
                     for name, problems in problems_by_page.items() if problems)




@dataclass(frozen=True)
class PageFindings:
    """Everything the checks found on one page (each a tuple of lines; empty when the page passes)."""

    loading: tuple[str, ...]        # console errors, failed requests, requests outside the site
    links: tuple[str, ...]          # links that lead nowhere in the site
    accessibility: tuple[str, ...]  # in the light colour scheme
    dark_accessibility: tuple[str, ...]
    wide_overflow: tuple[str, ...]  # what scrolls sideways at 1280 px
    narrow_overflow: tuple[str, ...]  # at 390 px
    narrow_cells: tuple[str, ...]   # table cells whose content runs past their border at 390 px (the cards)
    print_a4: tuple[str, ...]       # tables cut in the print layout
    print_letter: tuple[str, ...]


def inspect_pages(context: BrowserContext, files: Iterable[Path], root: Path) -> dict[str, PageFindings]:
    """Each HTML file of the folder ``root`` loaded once from file:// in one tab of ``context`` (1280 px wide) and
    checked as it is, in the dark colour scheme, at 390 px (sideways overflow, and cells that spill) and printed on
    A4 and Letter: its findings by its path
    relative to ``root``."""
    page = context.new_page()
    seen = watch(page)
    base_url = root.as_uri() + "/"
    found: dict[str, PageFindings] = {}
    try:
        for file in files:
            seen.clear()
            page.emulate_media(media="screen", color_scheme="light")
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(file.as_uri(), wait_until="load")
            loading = tuple(seen.problems([base_url]))
            links = tuple(link_problems(page_links(page), root, base_url))
            light = tuple(accessibility_problems(page))
            wide = tuple(horizontal_overflow(page))
            page.emulate_media(color_scheme="dark")
            dark = tuple(accessibility_problems(page))
            page.emulate_media(color_scheme="light")
            page.set_viewport_size({"width": 390, "height": 844})
            narrow = tuple(horizontal_overflow(page))
            cells = tuple(spilled_cells(page))
            printed = (tuple(cut_tables(page, "A4")), tuple(cut_tables(page, "Letter")))
            found[file.relative_to(root).as_posix()] = PageFindings(loading, links, light, dark, wide, narrow, cells,
                                                                    *printed)
    finally:
        page.close()
    return found


def served_problems(context: BrowserContext, files: Iterable[Path], root: Path, base_url: str
                    ) -> dict[str, list[str]]:
    """Each HTML file of the site at ``root`` loaded from where a server serves it (``base_url``, ending in ``/``):
    what went wrong loading it (console errors, failed requests, error responses, requests outside ``base_url``)
    and its links that lead nowhere, by its path relative to ``root``. A link to a folder fails (the site must
    work from file://, where a folder is no page)."""
    page = context.new_page()
    seen = watch(page)
    found: dict[str, list[str]] = {}
    try:
        for file in files:
            seen.clear()
            relative = file.relative_to(root).as_posix()
            page.goto(base_url + relative, wait_until="load")
            found[relative] = [*seen.problems([base_url]), *link_problems(page_links(page), root, base_url)]
    finally:
        page.close()
    return found


@dataclass(frozen=True)
class KnownDefect:
    """A defect of the pages already reported to their owners: the problem lines it causes, which the checks leave
    out until it is fixed (a test fails as long as the entry stays once it no longer reproduces)."""

    description: str
    checks: frozenset[str]
    problem: re.Pattern[str]


KNOWN_DEFECTS: tuple[KnownDefect, ...] = ()
"""None at present: add an entry when a defect is reported and cannot be fixed at once."""


def unexplained(check: str, findings: dict[str, PageFindings]) -> dict[str, list[str]]:
    """The problems ``check`` found on each page, but those a known defect explains."""
    known = [defect.problem for defect in KNOWN_DEFECTS if check in defect.checks]
    return {name: [line for line in getattr(found, check) if not any(pattern.search(line) for pattern in known)]
            for name, found in findings.items()}


def explained_by(defect: KnownDefect, findings: dict[str, PageFindings]) -> list[str]:
    """The problem lines ``defect`` explains on these pages (none once it is fixed)."""
    return [line for found in findings.values() for check in sorted(defect.checks) for line in getattr(found, check)
            if defect.problem.search(line)]
