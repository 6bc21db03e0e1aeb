"""Loading a version piecewise (agreed.history.piecewise) gives exactly what loading it whole gives: the same data,
keys in the same order, the same problems; and what it can share with an earlier version it shares."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from agreed.history.piecewise import PiecewiseParser, pieces_of
from agreed.history.versions import parse, parse_piecewise
from agreed.site.build import SiteRequest, build_site
from gitrepo import Repo
from same_data import identical
from strategies import Case, Pair, cases, pairs

CONTRACTS = Path(__file__).resolve().parents[2] / "contracts"
TODAY = datetime.date(2031, 6, 1)
BUDGET = settings(max_examples=100, deadline=None, derandomize=True, database=None,
                  phases=[Phase.explicit, Phase.generate],
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def assert_as_whole(parser: PiecewiseParser, raw: bytes) -> None:
    piecewise, whole = parse_piecewise(parser, raw, "a.yaml"), parse(raw, "a.yaml")
    assert piecewise.problems == whole.problems
    assert identical(piecewise.data, whole.data)


BOMB_PIECE = "[&x [" + ", ".join(["0"] * 1000) + "], " + ", ".join(["*x"] * 59) + "]"

# Texts where cutting at top-level keys would be wrong, or is right but unusual: each must load as the whole does.
EDGE_TEXTS = {
    "quoted scalar continued at column 0": 'a: "one\nb: two"\nc: 1\n',
    "single-quoted scalar continued at column 0": "a: 'one\nb: two'\nc: 1\n",
    "flow sequence continued at column 0": "a: [1,\nb: 2]\nc: 1\n",
    "flow mapping root": "{a: 1}\nb: 2\nc: 3\n",
    "document end marker between keys": "a: 1\n...\nb: 2\n",
    "second document": "a: 1\n---\nb: 2\n",
    "directive": "%YAML 1.2\n---\na: 1\nb: 2\n",
    "document start before the first key": "---\na: 1\nb: 2\n",
    "document start with a comment": "--- # start\na: 1\nb: 2\n",
    "duplicate key in two pieces": "a: 1\nb: 2\na: 3\n",
    "alias to an anchor of another piece": "a: &x 1\nb: *x\n",
    "anchor redefined in a later piece": "a: &x 1\nb: &x 2\nc: *x\n",
    "values over the budget only when added up": f"a: {BOMB_PIECE}\nb: {BOMB_PIECE}\n",
    "carriage returns alone": "a: 1\rb: 2\rc: 3\r",
    "carriage return and line feed": "a: 1\r\nb: 2\r\nc: 3\r\n",
    "next-line character": "a: 1\x85b: 2\nc: 3\n",
    "block scalar then a key": "a: |\n  text\n  more\nb: 1\n",
    "block scalar with a line at column 0": "a: |\n  text\nnot indented\nb: 1\n",
    "indentless sequence": "a:\n- 1\n- 2\nb: 3\n",
    "comment at column 0 inside a value": "a:\n# note\n  x: 1\nb: 2\n",
    "plain text before the first key": "x\na: 1\nb: 2\n",
    "indented root": "  x: 1\na: 2\nb: 3\n",
    "a plain scalar only the YAML 1.2 parser reads": "a: [07:00, 09:30]\nb: 1\n",
    "a tab after the colon": "a:\t1\nb: 2\nc:\t3\n",
    "a byte-order mark": "\ufeffa: 1\nb: 2\n",
    "a date, a time and a number": "a: 2031-02-30\nb: 2031-02-03\nc: 12:30\nd: .nan\ne: 0x1F\n",
    "a disallowed tag in one piece": "a: !!binary aGk=\nb: 1\n",
    "a merge key": "a: &x {k: 1}\nb:\n  <<: *x\n",
    "deep nesting in one piece": "a: " + "[" * 70 + "]" * 70 + "\nb: 1\n",
    "no final line break": "a: 1\nb: 2",
    "an empty value last": "a: 1\nb:",
    "only comments": "# one\n# two\n",
    "a sequence root": "- a: 1\n- b: 2\n",
    # One level down, in a top-level key's block mapping indented by two spaces:
    "nested entries": "r:\n  a: 1\n  b: [2]\n  c:\n    d: 3\nz: 4\n",
    "nested quoted scalar continued at column 2": 'r:\n  a: "one\n  b: two"\n  c: 1\n',
    "nested flow mapping continued at column 2": "r:\n  a: {x: 1,\n  b: 2}\n  c: 1\n",
    "nested plain scalar continued deeper": "r:\n  a: one\n   two\n  b: 1\n",
    "nested block scalar kept with its blank lines": "r:\n  a: |+\n    text\n\n  b: 1\n",
    "nested duplicate key in two pieces": "r:\n  a: 1\n  b: 2\n  a: 3\n",
    "nested alias to an anchor of another piece": "r:\n  a: &x 1\n  b: *x\n",
    "nested aliases within one piece": "r:\n  a:\n    x: &x [1, 2]\n    y: *x\n  b: 1\n",
    "nested line indented by one space": "r:\n  a: 1\n b: 2\n  c: 3\n",
    "nested line indented by three spaces": "r:\n  a: 1\n   b: 2\n  c: 3\n",
    "nested tab": "r:\n  a:\t1\n  b: 2\n",
    "nested comment at column 0": "r:\n  a: 1\n# note\n  b: 2\n",
    "nested indentless sequence": "r:\n  a:\n  - 1\n  - 2\n  b: 3\n",
    "nested sequence value": "r:\n  - 1\n  b: 2\n",
    "nested value after the key": "r: &x\n  a: 1\n  b: 2\n",
    "nested tag on an entry": "r:\n  a: !!binary aGk=\n  b: 1\n",
    "nested values over the budget only when added up": f"r:\n  a: {BOMB_PIECE}\n  b: {BOMB_PIECE}\n",
    "nested last entry without a line break": "r:\n  a: 1\n  b: 2",
    "nested explicit key": "r:\n  ? a\n  : 1\n  b: 2\n",
}


@pytest.mark.parametrize("text", EDGE_TEXTS.values(), ids=EDGE_TEXTS.keys())
def test_an_unusual_text_loads_as_the_whole_does(text: str) -> None:
    assert_as_whole(PiecewiseParser(), text.encode("utf-8"))


def test_bytes_that_are_not_utf8_load_as_the_whole_does() -> None:
    assert_as_whole(PiecewiseParser(), b"a: 1\nb: \xff\n")


def test_where_a_cut_would_not_be_safe_the_text_stays_whole() -> None:
    for name in ("document end marker between keys", "directive", "carriage returns alone", "next-line character"):
        assert pieces_of(EDGE_TEXTS[name]) == [EDGE_TEXTS[name]], name
    assert pieces_of("---\n# c\na: 1\nb:\n  - x\nc: 2\n") == ["---\n# c\na: 1\n", "b:\n  - x\n", "c: 2\n"]


@pytest.mark.parametrize("path", sorted(CONTRACTS.glob("*.yaml")), ids=lambda path: path.name)
def test_every_shipped_agreement_loads_piecewise_as_whole(path: Path) -> None:
    parser = PiecewiseParser()
    assert_as_whole(parser, path.read_bytes())
    assert parser.whole == 0  # and piecewise, not left to the whole-file loader


def test_a_later_version_shares_what_did_not_change() -> None:
    raw = (CONTRACTS / "sales-onboarding.yaml").read_text(encoding="utf-8")
    edited = raw.replace("title: ", "title: Renamed ", 1)
    parser = PiecewiseParser()
    first = parser.joined(raw.encode("utf-8"), "a.yaml")
    second = parser.joined(edited.encode("utf-8"), "a.yaml")
    assert identical(second, parse(edited.encode("utf-8"), "a.yaml").data)
    assert second["title"] != first["title"]
    assert second["results"] is first["results"]


@BUDGET
@given(cases())
def test_a_generated_or_damaged_agreement_loads_piecewise_as_whole(case: Case) -> None:
    parser = PiecewiseParser()
    assert_as_whole(parser, case.seed)
    assert_as_whole(parser, case.raw)  # with the seed's pieces remembered


@BUDGET
@given(pairs())
def test_two_versions_load_piecewise_as_whole(pair: Pair) -> None:
    parser = PiecewiseParser()
    assert_as_whole(parser, pair.old)
    assert_as_whole(parser, pair.new)


def _site_files(out: Path) -> dict[str, bytes]:
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in sorted(out.rglob("*"))
            if path.is_file() and path.name != ".agreed-site.json"}


def test_the_site_of_a_long_history_is_the_same_as_with_every_version_loaded_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repo(tmp_path / "repo")
    texts = {path.name: path.read_text(encoding="utf-8") for path in sorted(CONTRACTS.glob("*.yaml"))}
    edits = [("title: ", "title: Revised ", 1), ("2031-", "2032-", -1), ("  - id: ", "  - id: x", 1),
             ("\n", "\r\n", -1), ("title: ", 'title: "Broken" ', 1), ('title: "Broken" ', "title: ", 1),
             ("\r\n", "\n", -1), ("\n", "\n# a comment\n", 1)]
    for step, (old, new, count) in enumerate(edits):
        for name, text in texts.items():
            texts[name] = text.replace(old, new, count)
            repo.write(f"contracts/{name}", texts[name])
        repo.commit(f"revision {step}", date=f"2031-01-{step + 2:02d}T12:00:00+00:00")
    monkeypatch.chdir(repo.root)
    piecewise = build_site(SiteRequest(repo.root, (), tmp_path / "piecewise", TODAY))
    monkeypatch.setattr(PiecewiseParser, "joined", lambda _self, _raw, _path: None)
    whole = build_site(SiteRequest(repo.root, (), tmp_path / "whole", TODAY))
    assert piecewise.rendered == whole.rendered
    assert _site_files(piecewise.out) == _site_files(whole.out)
