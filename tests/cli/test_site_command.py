"""``agreed site``: the pages, their links, determinism, incremental rebuilds, clean-up and errors, on real git
repositories (tests/gitrepo.py)."""

from __future__ import annotations

import datetime
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from agreed.cli import main
from agreed.consent.digest import digest_document
from agreed.consent.ledger import new_record, write_record
from agreed.document import read_document
from agreed.site.build import SiteRequest, SiteResult, build_site
from gitrepo import Repo

SHIPPED = Path(__file__).resolve().parents[2] / "contracts"
TODAY = datetime.date(2031, 6, 1)
HREF = re.compile(r'href="([^"]+)"')


def _examples(repo: Repo) -> None:
    for source in sorted(SHIPPED.glob("*.yaml")):
        repo.write(f"contracts/{source.name}", source.read_text(encoding="utf-8"))
    repo.commit("the examples")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    made = Repo(tmp_path / "repo")
    _examples(made)
    monkeypatch.chdir(made.root)
    return made


def _build(out: Path, *paths: str, today: datetime.date = TODAY) -> SiteResult:
    return build_site(SiteRequest(Path.cwd(), paths, out, today))


def _run(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(arguments))
    return result.exit_code, result.stdout, result.stderr


def _shown(file: Path) -> str:
    """The text of an HTML page without its tags."""
    return re.sub(r"<[^>]+>", "", file.read_text(encoding="utf-8"))


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


def test_the_site_of_the_examples_has_an_index_a_page_per_agreement_and_per_person(repo: Repo) -> None:
    code, out, err = _run("site", "-o", "public", "--today", "2031-06-01")
    assert code == 0, err
    assert "4 agreements" in out
    site = repo.root / "public"
    assert sorted(path.name for path in (site / "agreements").iterdir()) == [
        "clinic-scheduling.html", "data-platform-migration.html", "field-service-returns.html",
        "sales-onboarding.html"]
    assert (site / "people" / "maria.html").is_file()
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Built for 2031-06-01" in _shown(site / "index.html")
    assert "Halve enterprise onboarding time" in index
    assert "<script>" in index  # the filter; the table itself is complete without it
    assert index.count("<tr>") == 5
    page = (site / "agreements" / "sales-onboarding.html").read_text(encoding="utf-8")
    assert "Renegotiation timeline" in page
    assert "the examples" in page
    person = (site / "people" / "maria.html").read_text(encoding="utf-8")
    assert "What they owe" in person
    assert "What they must consent to" in person


def test_every_link_is_relative_and_resolves(repo: Repo) -> None:
    result = _build(repo.root / "public")
    for page in result.pages:
        if not page.endswith(".html"):
            continue
        for href in HREF.findall((result.out / page).read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", href) or href.startswith("#"):  # mailto:, https:, the shell's data: icon
                continue
            assert not href.startswith("/"), (page, href)
            target = (result.out / page).parent / href.split("#", 1)[0]
            assert target.is_file(), (page, href)


def test_same_inputs_give_the_same_bytes(repo: Repo, tmp_path: Path) -> None:
    first = _build(tmp_path / "one")
    second = _build(tmp_path / "two")
    assert _files(first.out) == _files(second.out)
    other_day = _build(tmp_path / "three", today=TODAY + datetime.timedelta(days=1))
    assert _files(other_day.out)["agreements/sales-onboarding.html"] == _files(first.out)[
        "agreements/sales-onboarding.html"]
    assert _files(other_day.out)["index.html"] != _files(first.out)["index.html"]


def test_a_warm_rebuild_makes_nothing_again(repo: Repo) -> None:
    first = _build(repo.root / "public")
    assert first.rendered == first.pages
    again = _build(repo.root / "public")
    assert again.rendered == ()
    assert again.pages == first.pages


def test_after_one_agreement_changed_only_its_page_and_what_lists_it_are_made_again(repo: Repo) -> None:
    _build(repo.root / "public")
    path = repo.root / "contracts" / "clinic-scheduling.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("no-shows", "missed visits", 1), encoding="utf-8")
    repo.commit("clinic: a new title", date="2031-02-01T12:00:00+00:00")
    again = _build(repo.root / "public")
    agreements = [page for page in again.rendered if page.startswith("agreements/")]
    assert agreements == ["agreements/clinic-scheduling.html"]
    people = {page for page in again.rendered if page.startswith("people/")}
    assert people <= {"people/helen.html", "people/rafael.html"}
    assert "index.html" in again.rendered
    page = (repo.root / "public" / "agreements" / "clinic-scheduling.html").read_text(encoding="utf-8")
    assert "clinic: a new title" in page


def test_a_commit_that_leaves_the_files_alone_makes_nothing_again(repo: Repo) -> None:
    _build(repo.root / "public")
    repo.write("README.txt", "unrelated\n")
    repo.commit("unrelated")
    assert _build(repo.root / "public").rendered == ()


def test_an_edited_page_is_made_again(repo: Repo) -> None:
    _build(repo.root / "public")
    page = repo.root / "public" / "people" / "maria.html"
    page.write_text("vandalised", encoding="utf-8")
    assert _build(repo.root / "public").rendered == ("people/maria.html",)
    assert "What they owe" in page.read_text(encoding="utf-8")


def test_pages_of_a_removed_agreement_go_and_the_users_files_stay(repo: Repo) -> None:
    site = repo.root / "public"
    site.mkdir()
    (site / "CNAME").write_text("agreements.example.org\n", encoding="utf-8")
    _build(site)
    (repo.root / "contracts" / "field-service-returns.yaml").unlink()
    again = _build(site)
    assert "agreements/field-service-returns.html" in again.removed
    assert not (site / "agreements" / "field-service-returns.html").exists()
    assert not (site / "people" / "sofia.html").exists()  # a party of that agreement only
    assert (site / "CNAME").read_text(encoding="utf-8") == "agreements.example.org\n"


def test_without_the_manifest_nothing_is_removed(repo: Repo) -> None:
    site = repo.root / "public"
    _build(site)
    (site / ".agreed-site.json").unlink()
    (repo.root / "contracts" / "field-service-returns.yaml").unlink()
    again = _build(site)
    assert again.removed == ()
    assert (site / "agreements" / "field-service-returns.html").exists()


def test_a_stale_page_edited_by_hand_is_left(repo: Repo) -> None:
    site = repo.root / "public"
    _build(site)
    (site / "agreements" / "field-service-returns.html").write_text("mine now", encoding="utf-8")
    (repo.root / "contracts" / "field-service-returns.yaml").unlink()
    again = _build(site)
    assert again.left == ("agreements/field-service-returns.html",)
    assert (site / "agreements" / "field-service-returns.html").read_text(encoding="utf-8") == "mine now"


def test_ids_that_fold_alike_get_distinct_stable_names_and_their_text_is_escaped(repo: Repo) -> None:
    source = (SHIPPED / "sales-onboarding.yaml").read_text(encoding="utf-8")
    first = source.replace("title: Halve enterprise onboarding time", "title: <script>alert(1)</script>")
    repo.write("contracts/a.yaml", re.sub(r"(?m)^id: .*$", "id: Q1 plan", first))
    repo.write("contracts/b.yaml", re.sub(r"(?m)^id: .*$", "id: q1-plan", source))
    repo.commit("two ids that fold alike")
    result = _build(repo.root / "public")
    names = sorted(page for page in result.pages if page.startswith("agreements/q1-plan"))
    assert len(names) == 2
    assert all(re.fullmatch(r"agreements/q1-plan-[0-9a-f]{8}\.html", name) for name in names)
    assert _build(repo.root / "other").pages == result.pages
    index = (result.out / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in index
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in index


def _consents(repo: Repo, party: str, moment: datetime.datetime, message: str) -> str:
    """A consent record of ``party`` to the current terms of the active example, committed; its digest."""
    file = repo.root / "contracts" / "sales-onboarding.yaml"
    terms = digest_document(read_document(file))
    assert isinstance(terms, str)
    write_record(file, new_record("sales-onboarding", party, terms, lambda: moment))
    repo.commit(message)
    return terms


MOMENT = datetime.datetime(2031, 1, 2, 9, 30, tzinfo=datetime.UTC)


def test_consent_given_is_listed_with_the_version_it_was_given_to(repo: Repo) -> None:
    terms = _consents(repo, "maria", MOMENT, "maria consents")
    _build(repo.root / "public")
    page = _shown(repo.root / "public" / "agreements" / "sales-onboarding.html")
    consent = page[page.index("Consent given"):]
    assert "Maria Chen" in consent
    assert "2031-01-02 09:30 UTC" in consent
    assert terms.removeprefix("sha256:")[:12] in consent


def test_a_record_of_the_current_terms_whose_evidence_fails_is_not_shown_as_consent_that_counts(repo: Repo) -> None:
    """The example accepts signed commits and reviews; a record committed unsigned by someone else is for the
    current terms but counts for nothing, as the consent panel above it says."""
    _consents(repo, "maria", datetime.datetime(2031, 1, 3, tzinfo=datetime.UTC), "a record committed by someone else")
    _build(repo.root / "public")
    markup = (repo.root / "public" / "agreements" / "sales-onboarding.html").read_text(encoding="utf-8")
    (row,) = _rows(markup.split(">Consent given<", 1)[1])
    assert row[0] == "Maria Chen"
    assert row[4] == "yes"  # for the current terms
    assert row[5].startswith("no: "), row


def _rows(markup: str) -> list[list[str]]:
    """The cells of each body row of the first table in ``markup``, as text."""
    table = markup.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [[html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.DOTALL)]


def test_only_agreements_in_force_have_items_due_or_overdue(repo: Repo) -> None:
    """The rule of agreed due: the fulfilled example has deliverables never marked delivered, but it binds nobody
    any more; the proposed one binds nobody yet."""
    _build(repo.root / "public")
    rows = {row[0]: row for row in _rows((repo.root / "public" / "index.html").read_text(encoding="utf-8"))}
    fulfilled = rows["Cut outpatient no-shows from 18% to 10% in six clinics"]
    proposed = next(row for title, row in rows.items() if title.startswith("Move the analytics platform"))
    active = rows["Halve enterprise onboarding time"]
    assert (fulfilled[1], fulfilled[3], fulfilled[4]) == ("fulfilled", "—", "0")
    assert (proposed[1], proposed[3], proposed[4]) == ("proposed", "—", "0")
    assert active[1] == "active"
    assert int(active[4]) > 0
    assert active[3].startswith("2031-06-02: ")
    helen = _shown(repo.root / "public" / "people" / "helen.html")
    assert helen.count("Nothing open.") == 3  # owes, is owed, shares: nothing from the fulfilled agreement


def test_a_persons_page_names_the_others_and_reads_naturally(repo: Repo) -> None:
    _build(repo.root / "public")
    page = repo.root / "public" / "people" / "maria.html"
    shared_rows = _rows(page.read_text(encoding="utf-8").split(">Dates they share<", 1)[1])
    assert shared_rows
    assert all("Maria Chen" not in row[5] for row in shared_rows), shared_rows
    assert any(row[5] == "Daniel Okafor" for row in shared_rows)
    assert "Measure the results" in _shown(page)
    assert "Measure Median" not in _shown(page)


def test_a_digest_in_a_consent_reason_is_cut_to_twelve_hex_digits(repo: Repo) -> None:
    file = repo.root / "contracts" / "sales-onboarding.yaml"
    terms = _consents(repo, "daniel", datetime.datetime(2031, 1, 2, 9, 30, tzinfo=datetime.UTC), "daniel consents")
    file.write_text(file.read_text(encoding="utf-8").replace("deadline: 2032-06-30", "deadline: 2032-09-30"),
                    encoding="utf-8")
    repo.commit("the deadline moves")
    _build(repo.root / "public")
    short = f"consented to older terms (sha256:{terms.removeprefix('sha256:')[:12]} on "
    for page in ("people/daniel.html", "agreements/sales-onboarding.html"):
        shown = _shown(repo.root / "public" / page)
        assert short in shown, page
        assert terms not in shown.split("current terms", 1)[-1].split("Consent given", 1)[0], page


def test_outside_a_git_repository_the_site_builds_and_says_why_there_is_no_history(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SHIPPED, tmp_path / "contracts")
    monkeypatch.chdir(tmp_path)
    code, _, err = _run("site", "-o", "site", "--today", "2031-06-01")
    assert code == 0
    assert "not in a git repository" in err
    page = (tmp_path / "site" / "agreements" / "sales-onboarding.html").read_text(encoding="utf-8")
    assert "not in a git repository" in page


def test_from_outside_the_repository_the_site_reads_the_history_of_the_files_repository(
        repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = _run("site", "-o", str(tmp_path / "inside"), "--today", "2031-06-01")
    assert code == 0, err
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, _, err = _run("site", str(repo.root / "contracts"), "-o", "site", "--today", "2031-06-01")
    assert code == 0, err
    assert "not in a git repository" not in err
    page = _shown(elsewhere / "site" / "agreements" / "sales-onboarding.html")
    assert "not in a git repository" not in page
    assert "the examples" in page  # the commit that added it, in the timeline
    assert "File: contracts/sales-onboarding.yaml" in " ".join(page.split())
    inside = _files(tmp_path / "inside")
    assert _files(elsewhere / "site") == inside  # the same bytes from any folder


def test_a_shallow_clone_gives_a_note_not_a_traceback(repo: Repo, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    repo.write("contracts/extra.txt", "more\n")
    repo.commit("second")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True,
                   capture_output=True)
    monkeypatch.chdir(clone)
    code, _, err = _run("site", "-o", "site", "--today", "2031-06-01")
    assert code == 0, err
    assert "shallow" in err
    page = (clone / "site" / "agreements" / "sales-onboarding.html").read_text(encoding="utf-8")
    assert "shallow" in page


@pytest.mark.parametrize(("arguments", "message"), [
    (["site", "-o", ".git/site"], "inside a git directory"),
    (["site", "-o", "public", "missing"], "no such file or folder: missing"),
    (["site", "-o", "public", "empty"], "empty: holds no agreement files"),
    (["site", "-o", "public", "-"], "not standard input"),
    (["site", "-o", "public", "broken.yaml"], "broken.yaml:2:1: YAML syntax error"),
    (["site", "-o", "public", "notes.yaml"], "not an agreement"),
    (["site", "-o", "contracts/sales-onboarding.yaml"], "not a folder"),
])
def test_bad_input_is_one_line_and_exit_2(repo: Repo, arguments: list[str], message: str) -> None:
    (repo.root / "empty").mkdir()
    (repo.root / "broken.yaml").write_text("key: [unclosed\n", encoding="utf-8")
    (repo.root / "notes.yaml").write_text("just: notes\n", encoding="utf-8")
    code, _, err = _run(*arguments)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert not (repo.root / ".git" / "site").exists()


def _index_row(site: Path, title: str) -> list[str]:
    return next(row for row in _rows((site / "index.html").read_text(encoding="utf-8")) if row[0].startswith(title))


def test_a_day_that_does_not_exist_is_reported_positioned_noted_on_its_pages_and_exits_2(repo: Repo) -> None:
    """An active agreement's milestone due on 2031-02-30: the typed view leaves the day out, so without a word the
    milestone would drop from the overdue count. It is named on stderr, on its page and in its index row, the pages
    are still written, and the build exits 2; a warm rebuild (facts from the manifest) says the same."""
    file = repo.root / "contracts" / "sales-onboarding.yaml"
    written = file.read_text(encoding="utf-8").replace("due: 2031-02-27", "due: 2031-02-30", 1)
    file.write_text(written, encoding="utf-8")
    repo.commit("a day February does not have")
    for run in ("cold", "warm"):
        code, out, err = _run("site", "-o", "public", "--today", "2031-06-01")
        assert code == 2, (run, err)
        assert "4 agreements" in out
        problem = next(line for line in err.splitlines() if line.startswith("contracts/sales-onboarding.yaml:"))
        line, col = (int(part) for part in problem.split(":")[1:3])
        assert written.splitlines()[line - 1][col - 1:] == "2031-02-30"
        assert "'2031-02-30' is not a date" in problem
        position = f"contracts/sales-onboarding.yaml:{line}:{col}"
        page = " ".join(_shown(repo.root / "public" / "agreements" / "sales-onboarding.html").split())
        assert "Not all of this agreement could be read" in page
        assert f"{position}: S100 results.milestones[id=checklist-draft].due: '2031-02-30' is not a date" in page
        row = _index_row(repo.root / "public", "Halve enterprise onboarding time")
        assert "1 value could not be read" in row[0]
        assert f"{position}: S100" in row[0]
    untouched = _index_row(repo.root / "public", "Cut outpatient no-shows")
    assert "could not be read" not in untouched[0]


def test_a_value_the_schema_refuses_is_escaped_on_the_pages(repo: Repo) -> None:
    file = repo.root / "contracts" / "sales-onboarding.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("status: active", "status: <b>activ</b>", 1),
                    encoding="utf-8")
    repo.commit("a status the format does not know")
    code, _, err = _run("site", "-o", "public", "--today", "2031-06-01")
    assert code == 2
    assert "contracts/sales-onboarding.yaml:" in err
    for page in ("index.html", "agreements/sales-onboarding.html"):
        markup = (repo.root / "public" / page).read_text(encoding="utf-8")
        assert "<b>activ" not in markup, page
        assert "&lt;b&gt;activ&lt;/b&gt;" in markup, page


def test_two_files_holding_one_agreement_id_each_get_a_page_and_a_note_says_so(repo: Repo) -> None:
    source = repo.root / "contracts" / "sales-onboarding.yaml"
    shutil.copy(source, repo.root / "contracts" / "sales-onboarding-copy.yaml")
    result = _build(repo.root / "public")
    notes = [note for note in result.notes if "is held by 2 files" in note]
    assert len(notes) == 1
    assert "'sales-onboarding'" in notes[0]
    assert "sales-onboarding-copy.yaml" in notes[0]
    assert "K901" in notes[0]
    assert len([page for page in result.pages if page.startswith("agreements/sales-onboarding")]) == 2
    code, _, stderr = _run("site", "-o", str(repo.root / "public2"), "--today", TODAY.isoformat())
    assert code == 0
    assert "is held by 2 files" in stderr
