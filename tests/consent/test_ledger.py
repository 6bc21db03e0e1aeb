"""The consent ledger: where records lie, what they say, atomic writes that never replace another record, and
malformed records read back as positioned problems (never exceptions)."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest

from agreed.atomic import temporary_name
from agreed.codes import CONSENT_RECORD, SYNTAX
from agreed.consent.ledger import (
    ConsentRecord,
    LedgerError,
    new_record,
    problem_text,
    read_records,
    record_path,
    render_record,
    write_record,
)
from agreed.consent.ssh import consent_message, sign, signature_fingerprint
from agreed.document import load_document
from agreed.problem import Problem, Severity

DIGEST = "sha256:" + "0123456789abcdef" + "a" * 48
OTHER_DIGEST = "sha256:" + "fedcba9876543210" + "b" * 48
WHEN = datetime.datetime(2031, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)

needs_ssh = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen (OpenSSH) is not installed")


def clock() -> datetime.datetime:
    return WHEN


@pytest.fixture
def agreement(tmp_path: Path) -> Path:
    path = tmp_path / "contracts" / "demo.yaml"
    path.parent.mkdir()
    path.write_text("agreed: 1\nid: demo\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def signature(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A real consent signature by maria over DIGEST, made with a fresh ed25519 key."""
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen (OpenSSH) is not installed")
    key = tmp_path_factory.mktemp("keys") / "maria"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "maria", "-f", str(key)], check=True,
                   stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    return sign(consent_message("demo", "maria", DIGEST), key)


def ledger_files(agreement: Path) -> list[str]:
    root = agreement.parent / ".consent"
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


def problem(records: list[ConsentRecord | Problem]) -> Problem:
    assert len(records) == 1
    assert isinstance(records[0], Problem), records
    return records[0]


# --- layout and content -----------------------------------------------------------------------------------------


def test_a_record_lies_beside_the_agreement_by_agreement_party_and_digest(agreement: Path) -> None:
    path = record_path(agreement, "demo", "maria", DIGEST)
    assert path == agreement.parent / ".consent" / "demo" / "maria" / "0123456789abcdef.yaml"


@pytest.mark.parametrize(("agreement_id", "party", "digest"), [
    ("../up", "maria", DIGEST), ("demo", "Maria", DIGEST), ("demo", "a/b", DIGEST), ("demo", "", DIGEST),
    ("demo", "maria", "sha256:abc"), ("demo", "maria", "md5:" + "a" * 64), ("demo", "maria", DIGEST.upper()),
])
def test_record_path_refuses_what_is_no_id_or_digest(agreement: Path, agreement_id: str, party: str,
                                                     digest: str) -> None:
    with pytest.raises(ValueError, match="not"):
        record_path(agreement, agreement_id, party, digest)


def test_an_unsigned_record_renders_every_field_and_reads_back_equal(agreement: Path) -> None:
    record = new_record("demo", "maria", DIGEST, clock)
    text = render_record(record)
    assert text.startswith("# ")
    assert text.splitlines()[2:] == [
        "agreed-consent: 1", "agreement: demo", "party: maria", f"digest: {DIGEST}",
        'signed_at: "2031-01-02T03:04:05Z"',
    ]
    written = write_record(agreement, record)
    assert not written.already_recorded
    assert written.path.read_text(encoding="utf-8") == text
    assert read_records(agreement, "demo") == [record]


def test_a_signed_record_keeps_the_armored_signature_as_a_block_and_its_key(agreement: Path, signature: str) -> None:
    record = new_record("demo", "maria", DIGEST, clock, signature)
    assert record.key == signature_fingerprint(signature)
    written = write_record(agreement, record)
    text = written.path.read_text(encoding="utf-8")
    assert f'key: "{record.key}"\nsignature: |\n  -----BEGIN SSH SIGNATURE-----\n' in text
    assert text.endswith("  -----END SSH SIGNATURE-----\n")
    data = load_document(text.encode("utf-8"), "record.yaml").data
    assert data["signature"] == signature  # ssh-keygen's own armor, byte for byte
    [read] = read_records(agreement, "demo")
    assert read == record
    assert isinstance(read, ConsentRecord)
    assert read.path == written.path


def test_signed_at_comes_from_the_clock_in_utc_to_the_second() -> None:
    local = datetime.datetime(2031, 1, 2, 5, 4, 5, 999, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    record = new_record("demo", "maria", DIGEST, lambda: local)
    assert record.signed_at == WHEN
    assert record.signed_at.tzinfo == datetime.UTC
    with pytest.raises(ValueError, match="timezone-aware"):
        new_record("demo", "maria", DIGEST, lambda: datetime.datetime(2031, 1, 2))


def test_a_signature_needs_its_key_and_the_key_its_signature() -> None:
    with pytest.raises(ValueError, match="both"):
        ConsentRecord("demo", "maria", DIGEST, WHEN, signature="x")
    with pytest.raises(ValueError, match="cannot be read"):
        new_record("demo", "maria", DIGEST, clock, "not a signature")


# --- writing ------------------------------------------------------------------------------------------------------


def test_records_are_only_ever_added_one_file_per_party_and_digest(agreement: Path) -> None:
    for party, digest in [("maria", DIGEST), ("li", DIGEST), ("maria", OTHER_DIGEST)]:
        write_record(agreement, new_record("demo", party, digest, clock))
    assert ledger_files(agreement) == ["demo/li/0123456789abcdef.yaml", "demo/maria/0123456789abcdef.yaml",
                                       "demo/maria/fedcba9876543210.yaml"]
    assert len(read_records(agreement, "demo")) == 3


def test_the_same_consent_twice_is_already_recorded_and_nothing_is_written(agreement: Path) -> None:
    first = write_record(agreement, new_record("demo", "maria", DIGEST, clock))
    before = first.path.read_bytes()
    later = new_record("demo", "maria", DIGEST, lambda: WHEN + datetime.timedelta(days=1))
    again = write_record(agreement, later)
    assert again.already_recorded
    assert again.path == first.path
    assert again.record.signed_at == WHEN  # the record that was there
    assert first.path.read_bytes() == before
    assert ledger_files(agreement) == ["demo/maria/0123456789abcdef.yaml"]  # no temporary file left behind


def test_a_signed_record_covers_an_unsigned_one_and_replaces_it(agreement: Path, signature: str) -> None:
    signed = write_record(agreement, new_record("demo", "maria", DIGEST, clock, signature))
    assert write_record(agreement, new_record("demo", "maria", DIGEST, clock)).already_recorded
    signed.path.unlink()
    unsigned = write_record(agreement, new_record("demo", "maria", DIGEST, clock))
    assert unsigned.record.key is None
    replacing = write_record(agreement, new_record("demo", "maria", DIGEST, clock, signature))
    assert replacing.replaced_unsigned
    assert not replacing.already_recorded
    [read] = read_records(agreement, "demo")
    assert isinstance(read, ConsentRecord)
    assert read.signature is not None
    assert read.key == signature_fingerprint(signature)
    assert ledger_files(agreement) == ["demo/maria/0123456789abcdef.yaml"]


def test_a_record_signed_with_another_key_is_never_replaced(agreement: Path, signature: str, tmp_path: Path) -> None:
    key = tmp_path / "maria-laptop"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "maria", "-f", str(key)], check=True,
                   stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    first = write_record(agreement, new_record("demo", "maria", DIGEST, clock, signature))
    before = first.path.read_bytes()
    other = sign(consent_message("demo", "maria", DIGEST), key)
    with pytest.raises(LedgerError, match=r"different consent record .*signed with SHA256:.*remove it first"):
        write_record(agreement, new_record("demo", "maria", DIGEST, clock, other))
    assert first.path.read_bytes() == before


def test_records_are_never_written_outside_the_agreement_s_folder(agreement: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (agreement.parent / ".consent").symlink_to(elsewhere)
    with pytest.raises(LedgerError, match="outside"):
        write_record(agreement, new_record("demo", "maria", DIGEST, clock))
    assert list(elsewhere.iterdir()) == []


def test_a_killed_signing_s_temporary_is_gone_after_the_next_signing(agreement: Path) -> None:
    folder = record_path(agreement, "demo", "maria", DIGEST).parent
    folder.mkdir(parents=True)
    with subprocess.Popen(["true"]) as ended:  # a writer that has ended, as a killed one has
        ended.wait()
    (folder / temporary_name("fedcba9876543210.yaml", ended.pid)).write_text("agreed-consent: 1\n", encoding="utf-8")
    write_record(agreement, new_record("demo", "maria", DIGEST, clock))
    assert ledger_files(agreement) == ["demo/maria/0123456789abcdef.yaml"]


def test_a_malformed_record_in_the_way_is_never_replaced(agreement: Path) -> None:
    path = record_path(agreement, "demo", "maria", DIGEST)
    path.parent.mkdir(parents=True)
    path.write_text("agreed-consent: 1\nagreement: [\n", encoding="utf-8")
    with pytest.raises(LedgerError, match=r"0123456789abcdef\.yaml:\d+:\d+: .*fix or remove it"):
        write_record(agreement, new_record("demo", "maria", DIGEST, clock))
    assert path.read_text(encoding="utf-8") == "agreed-consent: 1\nagreement: [\n"


def test_a_record_is_written_atomically_and_leaves_no_temporary_file(agreement: Path) -> None:
    written = write_record(agreement, new_record("demo", "maria", DIGEST, clock))
    assert [path.name for path in written.path.parent.iterdir()] == ["0123456789abcdef.yaml"]


def test_a_folder_that_cannot_be_written_is_a_ledger_error(agreement: Path) -> None:
    (agreement.parent / ".consent").write_text("a file where the ledger folder belongs", encoding="utf-8")
    with pytest.raises(LedgerError, match="cannot write"):
        write_record(agreement, new_record("demo", "maria", DIGEST, clock))


# --- reading ------------------------------------------------------------------------------------------------------


def test_no_ledger_folder_means_no_records(agreement: Path) -> None:
    assert read_records(agreement, "demo") == []


def test_other_agreements_records_are_not_read(agreement: Path) -> None:
    write_record(agreement, new_record("other", "maria", DIGEST, clock))
    assert read_records(agreement, "demo") == []
    assert len(read_records(agreement, "other")) == 1


def write_raw(agreement: Path, relative: str, text: str) -> Path:
    path = agreement.parent / ".consent" / "demo" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def valid_text(**changes: str) -> str:
    fields = {"agreed-consent": "1", "agreement": "demo", "party": "maria", "digest": DIGEST,
              "signed_at": '"2031-01-02T03:04:05Z"', **changes}
    return "".join(f"{key}: {value}\n" for key, value in fields.items() if value != "")


@pytest.mark.parametrize(("text", "line", "col", "message"), [
    ("agreed-consent: 1\nagreement: [demo\n", 3, 1, ""),
    (valid_text(digest="sha256:123"), 4, 9, "is not a digest"),
    (valid_text(party="Maria"), 3, 8, "is not a party id"),
    (valid_text(signed_at="yesterday"), 5, 12, "is not a date and time in UTC"),
    (valid_text(signed_at='"2031-01-02T03:04:05+02:00"'), 5, 12, "is not a date and time in UTC"),
    (valid_text(signed_at="2031-01-02"), 5, 12, "is not a date and time in UTC"),
    (valid_text(**{"agreed-consent": "2"}), 1, 17, "known version"),
    (valid_text(**{"agreed-consent": "true"}), 1, 17, "known version"),
    (valid_text(**{"agreed-consent": ""}), 1, 1, "known version"),
    (valid_text(comment="hello"), 6, 1, "unknown key 'comment'"),
    (valid_text(party=""), 1, 1, "has no 'party'"),
    (valid_text(key='"SHA256:abc"'), 6, 6, "needs both"),
    (valid_text(agreement="other"), 2, 12, "for agreement 'other' but lies in the ledger of 'demo'"),
    (valid_text(party="li"), 3, 8, "for party 'li' but lies in the folder of 'maria'"),
    (valid_text(digest=OTHER_DIGEST), 4, 9, "named fedcba9876543210.yaml, not 0123456789abcdef.yaml"),
    ("- a list\n", 1, 1, "mapping"),
    ("", 1, 1, ""),
])
def test_a_malformed_record_is_a_positioned_problem(agreement: Path, text: str, line: int, col: int,
                                                    message: str) -> None:
    path = write_raw(agreement, "maria/0123456789abcdef.yaml", text)
    found = problem(read_records(agreement, "demo"))
    assert (found.path, found.line, found.col) == (str(path), line, col)
    assert message in found.message
    assert problem_text(found).startswith(f"{path}:{line}:{col}: ")


def test_a_ledger_problem_is_a_finding_with_the_code_of_what_went_wrong(agreement: Path) -> None:
    """A record that does not load keeps its load error's code; one that loads but is no record in its place has the
    consent record's code; both are errors."""
    write_raw(agreement, "maria/0123456789abcdef.yaml", "agreed-consent: [\n")
    unreadable = problem(read_records(agreement, "demo"))
    assert (unreadable.rule, unreadable.severity) == (SYNTAX, Severity.ERROR)
    write_raw(agreement, "maria/0123456789abcdef.yaml", valid_text(party="Maria"))
    malformed = problem(read_records(agreement, "demo"))
    assert (malformed.rule, malformed.severity) == (CONSENT_RECORD, Severity.ERROR)


def test_a_signature_by_another_key_than_the_recorded_one_is_a_problem(agreement: Path, signature: str) -> None:
    block = "".join(f"  {line}\n" for line in signature.strip().splitlines())
    text = valid_text(key='"SHA256:' + "A" * 43 + '"') + "signature: |\n" + block
    write_raw(agreement, "maria/0123456789abcdef.yaml", text)
    found = problem(read_records(agreement, "demo"))
    assert (found.line, found.col) == (6, 6)
    assert "is not the key that made the signature" in found.message
    write_raw(agreement, "maria/0123456789abcdef.yaml", valid_text(key='"SHA256:' + "A" * 43 + '"')
              + "signature: not armored\n")
    assert "not an armored SSH signature" in problem(read_records(agreement, "demo")).message


def test_stray_files_are_problems_and_hidden_files_are_skipped(agreement: Path) -> None:
    write_raw(agreement, "maria/.0123456789abcdef.yaml.x1y2.tmp", "half a write")
    write_raw(agreement, ".DS_Store", "")
    assert read_records(agreement, "demo") == []
    write_raw(agreement, "loose.yaml", valid_text())
    write_raw(agreement, "maria/notes.txt", "hello")
    (agreement.parent / ".consent" / "demo" / "maria" / "sub").mkdir()
    messages = [item.message for item in read_records(agreement, "demo") if isinstance(item, Problem)]
    assert len(messages) == 3
    assert "not in a party's folder" in messages[0]
    assert all("not a consent record" in message for message in messages[1:])


def test_good_and_bad_records_are_read_together_in_a_stable_order(agreement: Path) -> None:
    write_record(agreement, new_record("demo", "maria", DIGEST, clock))
    write_record(agreement, new_record("demo", "li", OTHER_DIGEST, clock))
    write_raw(agreement, "maria/fedcba9876543210.yaml", "agreed-consent: [\n")
    read = read_records(agreement, "demo")
    assert [type(item).__name__ for item in read] == ["ConsentRecord", "ConsentRecord", "Problem"]
    assert [item.party for item in read if isinstance(item, ConsentRecord)] == ["li", "maria"]
