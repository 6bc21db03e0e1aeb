"""The HTML page: self-contained, accessible structure, navigation under a root prefix, the same bytes every time."""

from __future__ import annotations

import itertools
import re

from render_setup import example

from agreed.render.consent_panel import ConsentPanel
from agreed.render.html import NavLink, html_page, markdown_html
from agreed.render.page import agreement_markdown


def _page(**options: object) -> str:
    markdown = agreement_markdown(example(), consent=ConsentPanel(note="not checked"))
    return html_page("Halve enterprise onboarding time", markdown, **options)  # type: ignore[arg-type]


def test_the_page_is_self_contained_with_its_style_inline_and_no_script() -> None:
    page = _page()
    assert "<style>" in page
    assert "@media print" in page
    assert not re.search(r"<script|\bsrc=|@import|url\(", page, flags=re.IGNORECASE)
    # the one link is an empty icon written in place, so a browser asks no server for /favicon.ico
    assert re.findall(r"<link\b[^>]*>", page) == ['<link rel="icon" href="data:,">']


def test_the_page_names_its_language_and_title() -> None:
    page = _page(lang="de")
    assert page.startswith('<!DOCTYPE html>\n<html lang="de">')
    assert "<title>Halve enterprise onboarding time</title>" in page


def test_headings_go_down_one_level_at_a_time_from_one_h1() -> None:
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", _page())]
    assert levels.count(1) == 1
    assert levels[0] == 1
    assert all(after - before <= 1 for before, after in itertools.pairwise(levels))


def test_every_table_has_column_headers_with_scope_and_scrolls_in_a_named_region() -> None:
    page = _page()
    assert page.count("<table>") == page.count('<div class="table" role="region" tabindex="0"') > 0
    headers = re.findall(r"<th\b[^>]*>", page)
    assert headers
    assert all('scope="col"' in header for header in headers)
    assert '<div class="table" role="region" tabindex="0" aria-label="Who owes what to whom, by when">' in page


def test_each_cell_carries_its_column_name_for_narrow_screens() -> None:
    rendered = markdown_html("| A | B \\| C |\n| --- | --- |\n| 1 | 2 |\n")
    assert '<td data-label="A">1</td>' in rendered
    assert '<td data-label="B | C">2</td>' in rendered


def test_days_do_not_break_at_their_hyphens() -> None:
    assert markdown_html("Due 2031-03-31.") == '<p>Due <span class="day">2031-03-31</span>.</p>\n'
    assert markdown_html("Consented on 2031-01-04T11:00:00Z; 1 change") == (
        '<p>Consented on <span class="day">2031-01-04T11:00:00Z</span>; 1 change</p>\n')
    assert '<span class="day">2031-01-04T11:00+01:00</span>' in markdown_html("At 2031-01-04T11:00+01:00.")


def test_navigation_links_go_through_the_root_prefix_and_mark_the_current_page() -> None:
    page = _page(root="../", navigation=(NavLink("All agreements", "index.html"),
                                         NavLink("This <one>", "agreements/a.html", current=True),
                                         NavLink("Elsewhere", "https://example.org/")))
    assert ('<nav class="site" aria-label="Pages"><ul><li><a href="../index.html">All agreements</a></li>'
            '<li><a href="../agreements/a.html" aria-current="page">This &lt;one&gt;</a></li>'
            '<li><a href="https://example.org/">Elsewhere</a></li></ul></nav>') in page


def test_no_navigation_means_no_nav_element() -> None:
    assert "<nav" not in _page()


def test_the_same_input_gives_the_same_bytes() -> None:
    assert _page(root="../").encode() == _page(root="../").encode()
