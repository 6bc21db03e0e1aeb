"""``agreed site`` at the size of a large organisation: what grows with the number of agreements (the manifest, the
index) is still read back, so a warm rebuild stays warm."""

from __future__ import annotations

import datetime
from pathlib import Path

from agreed.site.build import SiteRequest, build_site
from gitrepo import Repo

SHIPPED = Path(__file__).resolve().parents[2] / "contracts"
TODAY = datetime.date(2031, 6, 1)


def test_a_manifest_larger_than_an_agreement_may_be_is_still_read(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    for source in sorted(SHIPPED.glob("*.yaml")):
        repo.write(f"contracts/{source.name}", source.read_text(encoding="utf-8"))
    repo.commit("the examples")
    request = SiteRequest(repo.root, ("contracts",), repo.root / "public", TODAY)
    assert build_site(request).rendered
    # a thousand agreements make a manifest of some 7 MB, past the 2 MB limit on one agreement file
    manifest = repo.root / "public" / ".agreed-site.json"
    manifest.write_text(manifest.read_text(encoding="utf-8") + " " * (3 * 1024 * 1024), encoding="utf-8")
    assert build_site(request).rendered == ()
