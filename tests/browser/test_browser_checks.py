"""The browser checks catch what they are for: each is run on small pages made to fail it, and on pages made to pass
every check, so a page that passes them has passed real checks."""

from __future__ import annotations

from dataclasses import fields

import pytest
from playwright.sync_api import Browser

from page_checks import PageFindings, inspect_pages

HEAD = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>t</title>
<style>body { margin: 0; color: #1a1a1a; background: #ffffff; font: 16px sans-serif; }
table { border-collapse: collapse; } @page { margin: 20mm; }</style></head>"""
BODY = """<body><h1 id="top">Title</h1><h2>Part</h2><p>Text and <a href="other.html#there">a link</a>.</p>
<table><thead><tr><th scope="col">Who</th><th scope="col">What</th></tr></thead>
<tbody><tr><td>Maria</td><td>Checklist</td></tr></tbody></table></body></html>"""
GOOD = {"good.html": HEAD + BODY,
        "other.html": f"{HEAD}<body><h1 id='there'>Other</h1><p><a href='good.html#top'>Back</a></p></body></html>"}
NO_PROBLEM = PageFindings((), (), (), (), (), (), (), (), ())

# A4 with 20 mm margins leaves 642 px for the content, Letter 665 px.
FITS_LETTER_ONLY = '<table style="width: 650px">'
TOO_WIDE = '<table style="width: 780px">'
SCROLL_BOX = ("@media print { div.scroll { overflow-x: auto; } } div.scroll { overflow-x: auto; }</style>",
              '<div class="scroll"><table>')

# A page made to fail, and the checks it must fail (no other).
BAD_PAGES: dict[str, tuple[str, frozenset[str]]] = {
    "console-error": (HEAD.replace("</head>", '<script>console.error("boom")</script></head>') + BODY,
                      frozenset({"loading"})),
    "uncaught-exception": (HEAD.replace("</head>", "<script>undefinedFunction()</script></head>") + BODY,
                           frozenset({"loading"})),
    "outside-request": (HEAD.replace("</head>", '<link rel="stylesheet" href="http://127.0.0.1:9/x.css"></head>')
                        + BODY, frozenset({"loading"})),
    "missing-file": (HEAD + BODY.replace("other.html#there", "missing.html"), frozenset({"links"})),
    "missing-anchor": (HEAD + BODY.replace("other.html#there", "other.html#nowhere"), frozenset({"links"})),
    "root-link": (HEAD + BODY.replace("other.html#there", "/other.html"), frozenset({"links"})),
    "folder-link": (HEAD + BODY.replace("other.html#there", "./"), frozenset({"links"})),
    "script-link": (HEAD + BODY.replace("other.html#there", "javascript:void(0)"), frozenset({"links"})),
    "no-lang": (HEAD.replace(' lang="en"', "") + BODY, frozenset({"accessibility", "dark_accessibility"})),
    "two-h1": (HEAD + BODY.replace("<h2>Part</h2>", "<h1>Second</h1>"),
               frozenset({"accessibility", "dark_accessibility"})),
    "skipped-level": (HEAD + BODY.replace("<h2>Part</h2>", "<h3>Part</h3>"),
                      frozenset({"accessibility", "dark_accessibility"})),
    "th-without-scope": (HEAD + BODY.replace('<th scope="col">What', "<th>What"),
                         frozenset({"accessibility", "dark_accessibility"})),
    "table-without-th": (HEAD + BODY.replace('<th scope="col">', "<td>").replace("</th>", "</td>"),
                         frozenset({"accessibility", "dark_accessibility"})),
    "low-contrast": (HEAD + BODY.replace("<p>", '<p style="color: #959595">'),
                     frozenset({"accessibility", "dark_accessibility"})),
    "low-contrast-link": (HEAD + BODY.replace("<a ", '<a style="color: rgb(120 170 255)" '),
                          frozenset({"accessibility", "dark_accessibility"})),
    "low-contrast-in-dark": (HEAD.replace("</style>", "@media (prefers-color-scheme: dark) "
                                          "{ td { color: #333333; background: #000000; } }</style>") + BODY,
                             frozenset({"dark_accessibility"})),
    "wide-at-390": (HEAD + BODY.replace("<p>", '<p style="min-width: 600px">'), frozenset({"narrow_overflow"})),
    "label-past-its-card-at-390": (HEAD.replace("</style>", "@media (max-width: 40rem) { td { display: block; "
                                                "height: 1.6em; } td::before { content: 'A name'; display: block; } "
                                                "}</style>") + BODY, frozenset({"narrow_cells"})),
    "scrolling-table-at-1280": (HEAD.replace("</style>", "div.scroll { overflow-x: auto; }</style>")
                                + BODY.replace("<table>", '<div class="scroll"><table style="width: 1400px">')
                                .replace("</table>", "</table></div>"),
                                frozenset({"wide_overflow", "narrow_overflow", "print_a4", "print_letter"})),
    "wider-than-a4": (HEAD + BODY.replace("<table>", FITS_LETTER_ONLY),
                      frozenset({"print_a4", "narrow_overflow"})),
    "cut-by-a-scroll-box": (HEAD.replace("</style>", SCROLL_BOX[0])
                            + BODY.replace("<table>", SCROLL_BOX[1].replace("<table>", TOO_WIDE))
                            .replace("</table>", "</table></div>"),
                            frozenset({"print_a4", "print_letter", "narrow_overflow"})),
}


@pytest.fixture(scope="module")
def sample_findings(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> dict[str, PageFindings]:
    root = tmp_path_factory.mktemp("checks")
    for name, html in GOOD.items():
        (root / name).write_text(html, encoding="utf-8")
    for name, (html, _) in BAD_PAGES.items():
        (root / f"{name}.html").write_text(html, encoding="utf-8")
    context = browser.new_context()
    try:
        return inspect_pages(context, sorted(root.glob("*.html")), root)
    finally:
        context.close()


@pytest.mark.parametrize("name", sorted(GOOD))
def test_a_good_page_passes_every_check(sample_findings: dict[str, PageFindings], name: str) -> None:
    assert sample_findings[name] == NO_PROBLEM


@pytest.mark.parametrize("name", sorted(BAD_PAGES))
def test_each_check_fails_the_pages_made_to_fail_it(sample_findings: dict[str, PageFindings], name: str) -> None:
    findings = sample_findings[f"{name}.html"]
    failed = {field.name for field in fields(PageFindings) if getattr(findings, field.name)}
    assert failed == BAD_PAGES[name][1], findings
