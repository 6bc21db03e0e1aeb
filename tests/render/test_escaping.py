"""Agreement text is data: in the Markdown and in the HTML page it shows as written, never as markup or script."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from render_setup import example, example_data

from agreed.agreement import read_agreement
from agreed.render.html import html_page, markdown_html
from agreed.render.markdown import inline, prose
from agreed.render.page import agreement_markdown

SCRIPT = "<script>alert('owned')</script>"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.open: list[str] = []
        self.heading = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while tag in self.open and self.open.pop() != tag:  # void elements (meta, br) have no end tag
            pass

    def handle_data(self, data: str) -> None:
        if "h1" in self.open:
            self.heading += data


def _tags(page: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.found


def _heading_text(page: str) -> str:
    """The text a reader sees in the page's h1."""
    parser = _Tags()
    parser.feed(page)
    return parser.heading


def _with_deliverable_what(what: str) -> str:
    data = example_data()
    data["results"]["deliverables"][0]["what"] = what
    return agreement_markdown(read_agreement(data))


def test_a_script_in_a_deliverable_is_shown_as_text_and_never_run() -> None:
    markdown = _with_deliverable_what(SCRIPT)
    page = html_page("t", markdown)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert('owned')&lt;/script&gt;" in page


@pytest.mark.parametrize("html_text", ['<img src=x onerror="alert(1)">', "<a href='javascript:alert(1)'>x</a>",
                                       "<iframe src=https://example.org></iframe>"])
def test_raw_html_in_any_field_is_shown_as_text(html_text: str) -> None:
    page = html_page("t", agreement_markdown(example(title=html_text)))
    tags = _tags(page)
    assert not {"img", "iframe", "script"} & {tag for tag, _ in tags}
    assert not [attributes for _, attributes in tags if "javascript" in str(attributes)]
    assert _heading_text(page) == html_text


def test_a_pipe_in_a_table_cell_stays_in_its_cell() -> None:
    markdown = _with_deliverable_what("yes | no | maybe")
    row = next(line for line in markdown.splitlines() if "yes" in line)
    assert row.count("|") - row.count("\\|") == 7  # six columns
    cells = re.findall(r"<td[^>]*>(.*?)</td>", markdown_html(markdown))
    assert "yes | no | maybe" in cells


@pytest.mark.parametrize(("text", "shown"), [("# not a heading", "# not a heading"),
                                             ("**not bold**", "**not bold**"),
                                             ("1. not a list", "1. not a list"),
                                             ("- not a list", "- not a list"),
                                             ("[not](a link)", "[not](a link)"),
                                             ("&lt; stays &lt;", "&amp;lt; stays &amp;lt;"),
                                             ("`not code`", "`not code`")])
def test_markdown_in_a_value_is_shown_as_written(text: str, shown: str) -> None:
    rendered = markdown_html(prose(text))
    assert rendered == f"<p>{shown}</p>\n"


def test_a_value_on_several_lines_keeps_its_lines_and_cannot_start_a_heading_or_list() -> None:
    rendered = markdown_html(prose("first\n# second\n- third"))
    assert rendered == "<p>first<br />\n# second<br />\n- third</p>\n"


def test_a_web_address_in_the_text_stays_a_link_without_its_closing_punctuation() -> None:
    rendered = markdown_html(inline("See https://example.org/a_b(c)?x=1&y=2. Then call."))
    assert rendered == ('<p>See <a href="https://example.org/a_b(c)?x=1&amp;y=2">https://example.org/a_b(c)?x=1&amp;y=2'
                        "</a>. Then call.</p>\n")


def test_only_web_addresses_become_links() -> None:
    rendered = markdown_html(inline("javascript:alert(1) and ftp://example.org and <https://example.org>"))
    assert rendered.count("<a ") == 1
    assert 'href="https://example.org"' in rendered
    assert "&lt;" in rendered  # the brackets written around the address are text


def test_control_and_bidirectional_characters_are_made_visible() -> None:
    assert inline("a\x1b[2Jb\u202ec") == "a\\\\x1b\\[2Jb\\\\u202ec"
