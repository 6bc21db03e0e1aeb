"""The versions a consent check reads: identical bytes are loaded and digested once, under whatever name they are
asked for, and every document and digest is the one loading that version alone gives."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from agreed.agreement import read_agreement
from agreed.consent import versions
from agreed.consent.digest import DigestError, digest_document
from agreed.consent.versions import AgreementVersions
from agreed.document import load_document

REPO = Path(__file__).resolve().parents[2]
SALES = (REPO / "contracts" / "sales-onboarding.yaml").read_bytes()


@pytest.fixture
def digests(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the documents digested through agreed.consent.versions, in order."""
    seen: list[str] = []

    def counted(document: versions.Document) -> str | DigestError:
        seen.append(document.path)
        return digest_document(document)

    monkeypatch.setattr(versions, "digest_document", counted)
    return seen


def test_the_same_bytes_under_two_names_are_loaded_and_digested_once(digests: list[str]) -> None:
    loader = AgreementVersions()
    work_tree = loader.load(SALES, "contracts/sales-onboarding.yaml")
    base = loader.load(SALES, "main:contracts/sales-onboarding.yaml")
    assert base.document.data is work_tree.document.data
    assert (work_tree.document.path, base.document.path) == ("contracts/sales-onboarding.yaml",
                                                             "main:contracts/sales-onboarding.yaml")
    assert work_tree.digest() == base.digest() == digest_document(load_document(SALES, "x", positions=False))
    assert digests == ["contracts/sales-onboarding.yaml"]
    assert base.agreement() is work_tree.agreement()
    assert work_tree.agreement() == read_agreement(load_document(SALES, "x", positions=False).data)


def test_other_bytes_are_loaded_on_their_own(digests: list[str]) -> None:
    loader = AgreementVersions()
    first = loader.load(SALES, "a.yaml")
    other = SALES.replace(b"status: active", b"status: proposed", 1)
    assert other != SALES
    second = loader.load(other, "b.yaml")
    assert second.document.data is not first.document.data
    assert second.document.data == load_document(other, "b.yaml", positions=False).data
    assert second.agreement().status == "proposed"
    assert first.agreement().status == "active"
    first.digest()
    second.digest()
    assert digests == ["a.yaml", "b.yaml"]


def test_what_is_remembered_lasts_as_long_as_a_version_holds_it(monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[str] = []

    def counted(raw: bytes, shown: str, *, positions: bool) -> versions.Document:
        loads.append(shown)
        return load_document(raw, shown, positions=positions)

    monkeypatch.setattr(versions, "load_document", counted)
    loader = AgreementVersions()
    loader.load(SALES, "a.yaml")  # held by nothing once loaded: forgotten (a work tree's file, once decided)
    gc.collect()
    kept = loader.load(SALES, "b.yaml")  # held, as the base revision's versions are
    assert loader.load(SALES, "c.yaml").document.data is kept.document.data
    assert loads == ["a.yaml", "b.yaml"]


def test_a_version_with_a_problem_is_loaded_again_and_names_the_path_it_was_asked_for() -> None:
    loader = AgreementVersions()
    broken = b"agreed: 1\nid: [unclosed\n"
    first, second = loader.load(broken, "a.yaml"), loader.load(broken, "main:a.yaml")
    assert {problem.path for problem in first.document.problems} == {"a.yaml"}
    assert {problem.path for problem in second.document.problems} == {"main:a.yaml"}
    assert isinstance(second.digest(), DigestError)
    assert second.digest().path == "main:a.yaml"  # type: ignore[union-attr]


def test_a_version_that_loads_but_does_not_validate_has_no_digest_under_either_name(digests: list[str]) -> None:
    loader = AgreementVersions()
    invalid = b"agreed: 1\nid: not-enough\n"
    first, second = loader.load(invalid, "a.yaml"), loader.load(invalid, "b.yaml")
    assert first.document.data is second.document.data  # it loads cleanly: shared
    found = [first.digest(), second.digest()]
    assert all(isinstance(one, DigestError) for one in found)
    assert [one.path for one in found if isinstance(one, DigestError)] == ["a.yaml", "b.yaml"]
    assert digests == ["a.yaml", "b.yaml"]  # no digest to remember: worked out for each
