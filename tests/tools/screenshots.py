"""Regenerate the README's images of the pages: the site's index and the complete example's agreement page.

    python tests/tools/screenshots.py                  # writes docs/images/index.png and docs/images/agreement.png
    python tests/tools/screenshots.py --out /tmp/shots

The pages are those of the browser tests (tests/sample_site.py): a temporary git repository holding a copy of the
shipped contracts with a short history, built with ``agreed site contracts/ --today 2031-06-01`` and shown in
Debian's chromium (``/usr/bin/chromium``, through playwright) 1280 px wide. The index is taken whole; the agreement
page from its top down to the end of its table of who owes what to whom (at most ``--agreement-height`` px), so the
images stay small. The script is named without a ``test_`` prefix so pytest never collects it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(TESTS), str(TESTS.parent / "toolkit")]

from playwright.sync_api import Error, sync_playwright  # noqa: E402 - the tests folder must be on the path first

from sample_site import COMPLETE_EXAMPLE, REPO_ROOT, SampleError, build_site, launch_chromium, sample_repository  # noqa: E402

WIDTH = 1280
# Where the table following the heading "Who owes what ..." ends (the whole page when there is none), in px.
_OBLIGATIONS_END = r"""() => {
  const heading = [...document.querySelectorAll('h2')].find((h) => h.textContent.trim().startsWith('Who owes'));
  let node = heading && heading.nextElementSibling;
  while (node && !node.querySelector('table') && node.tagName !== 'TABLE') node = node.nextElementSibling;
  const end = node ? node.getBoundingClientRect().bottom + window.scrollY + 32 : Infinity;
  return Math.min(end, document.documentElement.scrollHeight);
}"""


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "images",
                        help="the folder to write index.png and agreement.png to (default: docs/images)")
    parser.add_argument("--agreement-height", type=int, default=3000,
                        help="the most of the agreement page to show, in px (default: 3000)")
    return parser.parse_args()


def _shoot(site: Path, out: Path, agreement_height: int) -> list[Path]:
    agreement = site / "agreements" / f"{Path(COMPLETE_EXAMPLE).stem}.html"
    written = [out / "index.png", out / "agreement.png"]
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context(viewport={"width": WIDTH, "height": 900}, device_scale_factor=1)
            page = context.new_page()
            page.goto((site / "index.html").as_uri(), wait_until="load")
            page.screenshot(path=str(written[0]), full_page=True)
            page.goto(agreement.as_uri(), wait_until="load")
            height = min(agreement_height, int(page.evaluate(_OBLIGATIONS_END)))
            page.screenshot(path=str(written[1]), full_page=True,
                            clip={"x": 0, "y": 0, "width": WIDTH, "height": height})
        finally:
            browser.close()
    return written


def main() -> int:
    arguments = _arguments()
    arguments.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="agreed-screenshots-") as scratch:
        try:
            repository = sample_repository(Path(scratch) / "repo")
            site = build_site(repository, Path(scratch) / "site")
            written = _shoot(site, arguments.out, arguments.agreement_height)
        except (SampleError, Error) as error:
            print(f"screenshots: {error}", file=sys.stderr)
            return 2
    for path in written:
        print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
