"""The consent ledger: one small YAML file per party's consent to one digest of an agreement's terms.

Layout, beside the agreement file::

    <agreement folder>/.consent/<agreement id>/<party id>/<first 16 hex digits of the digest>.yaml

Why this layout:

- **Only ever add files.** A consent is a new file, never an edit of a shared one. Two parties signing in two
  parallel pull requests add two different paths (their party folders differ), and re-signing after a material
  change adds a file named after the new digest, so git never sees two edits of one file and a merge never
  conflicts. (Only the *same* party consenting to the *same* digest on two branches adds one path twice; that is
  one consent given twice, and git reports it as an add/add conflict to resolve by keeping either side.)
- **Keyed by the agreement's id, not its file name**, so renaming or moving the file within its folder keeps its
  consent; several agreements can share one folder.
- **Beside the agreement**, so the records travel with it (CODEOWNERS, reviews and path filters see them together),
  in a ``.consent`` folder, which the definition of agreement files (:func:`agreed.sources.kind_of`) leaves out
  for every command. A record has no ``agreed:`` key either, so nothing mistakes it for an agreement.
- **Sixteen hex digits** (64 bits) of the digest name the file: unique in practice, short in listings. The full
  digest inside the record is what counts; a file name that does not match it is a problem.
- **The agreement itself is never edited**, so its comments and formatting are untouched; records are written
  atomically (:func:`agreed.atomic.write_atomically`, which refuses to replace an existing record) and only inside
  the agreement's folder (a ``.consent`` that is a link leading elsewhere is refused).
- **A record is never replaced**, except a record without a signature by the same party's signed record for the
  same digest, which says everything it said and more.

A record (``agreed-consent: 1``) names the agreement, the party, the full digest, when consent was recorded
(``signed_at``, ISO 8601 in UTC, from a clock the caller passes in) and, when the party signed with SSH, the armored
signature (a literal block scalar) and the fingerprint of the key that made it (``key``). Whether a signature is
valid, and whether a record counts as evidence, is decided by whoever reads the ledger (the signature's key must be
listed for the party in the agreement); :func:`read_records` only checks that each record is well formed and in its
place, and reports every malformed record as a positioned :class:`~agreed.problem.Problem` (its load error's code,
else ``S014``), never an exception.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Final

from agreed.atomic import write_atomically
from agreed.codes import CONSENT_RECORD
from agreed.compose import Limits
from agreed.consent.ssh import signature_fingerprint
from agreed.document import Document, load_document, read_result_document
from agreed.errors import AgreedError
from agreed.problem import Problem, Severity
from agreed.reading import read_file
from agreed.sources import CONSENT_FOLDER

FOLDER: Final = CONSENT_FOLDER
SUFFIX: Final = ".yaml"
VERSION_KEY: Final = "agreed-consent"
VERSION: Final = 1
FILE_DIGITS: Final = 16
RECORD_LIMITS: Final = Limits(max_bytes=64 * 1024, max_depth=4, max_nodes=256)

_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
_DIGEST = re.compile(r"sha256:([0-9a-f]{64})")
_FINGERPRINT = re.compile(r"SHA256:[A-Za-z0-9+/]{43}")
_REQUIRED = ("agreement", "party", "digest", "signed_at")
_KNOWN = frozenset({VERSION_KEY, *_REQUIRED, "key", "signature"})

Clock = Callable[[], datetime.datetime]


class LedgerError(AgreedError):
    """A record could not be written; ``str(error)`` is a one-line message for users."""


@dataclass(frozen=True, slots=True)
class ConsentRecord:
    """One party's consent to the terms of one agreement with one digest.

    ``signed_at`` is timezone-aware (kept in UTC, to the second). ``signature`` is the armored SSH signature over
    :func:`agreed.consent.ssh.consent_message` and ``key`` the fingerprint of the key that made it; both or neither.
    ``path`` is where a record read from the ledger lies (not part of its identity).
    """

    agreement: str
    party: str
    digest: str
    signed_at: datetime.datetime
    signature: str | None = None
    key: str | None = None
    path: Path | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        _check_id("agreement id", self.agreement)
        _check_id("party id", self.party)
        _digest_hex(self.digest)
        offset = self.signed_at.utcoffset()
        if offset is None:
            raise ValueError("signed_at must be timezone-aware")
        utc = self.signed_at.astimezone(datetime.UTC).replace(microsecond=0)
        object.__setattr__(self, "signed_at", utc)
        if (self.signature is None) != (self.key is None):
            raise ValueError("a consent record has both a signature and its key, or neither")

    def covers(self, other: ConsentRecord) -> bool:
        """Whether this record already says what ``other`` would: the same agreement, party and digest, and
        ``other``'s signing key if it has one (a signed record covers an unsigned one, never the reverse).

        The time and the signature bytes may differ: re-signing the same terms with the same key is the same
        consent (ECDSA signatures differ on every signing).
        """
        same_terms = (self.agreement, self.party, self.digest) == (other.agreement, other.party, other.digest)
        return same_terms and other.key in (None, self.key)


@dataclass(frozen=True, slots=True)
class Written:
    """What :func:`write_record` did: wrote ``path``, or found the same consent already recorded there."""

    path: Path
    record: ConsentRecord
    already_recorded: bool = False
    replaced_unsigned: bool = False  # the record took the place of the same consent without a signature


# --- paths ------------------------------------------------------------------------------------------------------


def _check_id(name: str, value: str) -> None:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise ValueError(f"{name} {value!r} is not an id (lowercase letters, digits, '.', '_', '-'; 1 to 64)")


def _digest_hex(digest: str) -> str:
    match = _DIGEST.fullmatch(digest) if isinstance(digest, str) else None
    if match is None:
        raise ValueError(f"{digest!r} is not a digest of the form sha256:<64 hex digits>")
    return match.group(1)


def ledger_folder(agreement_file: Path, agreement_id: str) -> Path:
    """The folder that holds every consent record of one agreement."""
    _check_id("agreement id", agreement_id)
    return agreement_file.parent / FOLDER / agreement_id


def record_path(agreement_file: Path, agreement_id: str, party_id: str, digest: str) -> Path:
    """Where the record of ``party_id``'s consent to ``digest`` lies; raises ValueError for a bad id or digest."""
    _check_id("party id", party_id)
    name = _digest_hex(digest)[:FILE_DIGITS] + SUFFIX
    return ledger_folder(agreement_file, agreement_id) / party_id / name


# --- making and rendering records ---------------------------------------------------------------------------------


def new_record(agreement_id: str, party_id: str, digest: str, clock: Clock,
               signature: str | None = None) -> ConsentRecord:
    """A record of consent given now (by ``clock``), with the key fingerprint read from ``signature`` if any.

    Raises ValueError for a bad id or digest, a naive clock, or a signature whose key cannot be read.
    """
    key = None
    if signature is not None:
        key = signature_fingerprint(signature)
        if key is None:
            raise ValueError("the signature cannot be read")
    return ConsentRecord(agreement_id, party_id, digest, clock(), signature, key)


def _timestamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def render_record(record: ConsentRecord) -> str:
    """The YAML text of a record: a comment, then one key per line; the signature as a literal block."""
    lines = [
        f"# Consent of {record.party} to the terms of {record.agreement} with this digest, recorded by 'agreed sign'.",
        "# Do not edit: a record binds consent to exact terms; a material change needs a new record.",
        f"{VERSION_KEY}: {VERSION}",
        f"agreement: {record.agreement}",
        f"party: {record.party}",
        f"digest: {record.digest}",
        f'signed_at: "{_timestamp(record.signed_at)}"',
    ]
    if record.signature is not None and record.key is not None:
        lines.append(f'key: "{record.key}"')
        lines.append("signature: |")
        lines += [f"  {line.strip()}" for line in record.signature.strip().splitlines() if line.strip()]
    return "\n".join(lines) + "\n"


# --- writing ------------------------------------------------------------------------------------------------------


def write_record(agreement_file: Path, record: ConsentRecord) -> Written:
    """Add ``record`` to the ledger beside ``agreement_file``, atomically, inside the agreement's folder.

    When a record for the same party and digest exists and already says as much (:meth:`ConsentRecord.covers`),
    nothing is written and the result says ``already_recorded``; when it is the same consent without a signature and
    ``record`` is signed, ``record`` replaces it (``replaced_unsigned``). Raises LedgerError when a different or
    malformed record is in the way, or the file cannot be written.
    """
    path = record_path(agreement_file, record.agreement, record.party, record.digest)
    try:
        _write(agreement_file, path, record, overwrite=False)
    except FileExistsError:
        return _existing(agreement_file, path, record)
    return Written(path, record)


def _write(agreement_file: Path, path: Path, record: ConsentRecord, *, overwrite: bool) -> None:
    try:
        write_atomically(path, render_record(record), overwrite=overwrite, inside=agreement_file.parent)
    except FileExistsError:
        raise
    except OSError as error:
        raise LedgerError(f"cannot write {path}: {error.strerror or error}") from None


def _existing(agreement_file: Path, path: Path, record: ConsentRecord) -> Written:
    found = _read_record(path, record.agreement, record.party)
    if isinstance(found, Problem):
        raise LedgerError(f"{problem_text(found)}; a record is already in the way at {path}: fix or remove it, "
                          "then sign again")
    if found.covers(record):
        return Written(path, found, already_recorded=True)
    if record.covers(found):  # a signature where there was none: the signed record says all the other said
        _write(agreement_file, path, record, overwrite=True)
        return Written(path, record, replaced_unsigned=True)
    raise LedgerError(f"a different consent record for this digest is already at {path} "
                      f"({_describe(found)}): remove it first to replace it")


def _describe(record: ConsentRecord) -> str:
    return f"signed with {record.key}" if record.key else "without a signature"


# --- reading ------------------------------------------------------------------------------------------------------


def read_records(agreement_file: Path, agreement_id: str) -> list[ConsentRecord | Problem]:
    """Every record of one agreement's ledger, by party folder and file name; malformed ones as problems.

    Hidden files (such as an interrupted write's temporary file) are skipped; any other file that is not a
    record in its place (``<party id>/<16 hex digits>.yaml``) is a problem.
    """
    folder = ledger_folder(agreement_file, agreement_id)
    if not folder.is_dir():
        return []
    return [_read_entry(path, party, agreement_id) for path, party in _entries(folder)]


def _entries(folder: Path) -> Iterator[tuple[Path, str | None]]:
    """Each visible entry of the ledger folder and its party folders, with the party folder's name (None: none)."""
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from ((path, entry.name) for path in sorted(entry.iterdir()) if not path.name.startswith("."))
        else:
            yield entry, None


def _read_entry(path: Path, party_id: str | None, agreement_id: str) -> ConsentRecord | Problem:
    if party_id is None:
        return _malformed(str(path), 1, 1, "not in a party's folder: records lie at "
                             f"{FOLDER}/{agreement_id}/<party id>/<digest>{SUFFIX}")
    if path.is_dir() or not path.name.endswith(SUFFIX):
        return _malformed(str(path), 1, 1, f"not a consent record (records are <digest>{SUFFIX} files)")
    return _read_record(path, agreement_id, party_id)


def _read_record(path: Path, agreement_id: str, party_id: str) -> ConsentRecord | Problem:
    raw = read_file(path, RECORD_LIMITS.max_bytes)
    return _record_in(partial(read_result_document, raw, str(path), RECORD_LIMITS), path, agreement_id, party_id)


def parse_record(raw: bytes, path: Path, agreement_id: str, party_id: str) -> ConsentRecord | Problem:
    """The record in ``raw`` (as committed at some revision), checked as :func:`read_records` checks the file at
    ``path`` of the ledger of ``agreement_id``, in the folder of ``party_id``."""
    return _record_in(partial(load_document, raw, str(path), RECORD_LIMITS), path, agreement_id, party_id)


def _record_in(load: Callable[..., Document], path: Path, agreement_id: str, party_id: str) -> ConsentRecord | Problem:
    """The record ``load`` loads (called with ``positions=``), checked on its data alone; a malformed one is loaded
    again with the places of its keys and values, where its problem is reported."""
    found = _checked(load(positions=False), path, agreement_id, party_id)
    return found if isinstance(found, ConsentRecord) else _checked(load(positions=True), path, agreement_id, party_id)


def _checked(document: Document, path: Path, agreement_id: str, party_id: str) -> ConsentRecord | Problem:
    if document.problems or not isinstance(document.data, Mapping):
        first = document.problems[0] if document.problems else None
        if first is None:
            return _malformed(str(path), 1, 1, "not a consent record")
        return first
    return _record_from(document, path, agreement_id, party_id)


def _record_from(document: Document, path: Path, agreement_id: str, party_id: str) -> ConsentRecord | Problem:
    data: Mapping[str, Any] = document.data
    problem = _shape_problem(document, data) or _place_problem(document, data, path, agreement_id, party_id)
    if problem is not None:
        return problem
    signed_at = _parse_time(data["signed_at"])
    assert signed_at is not None  # checked by _shape_problem
    return ConsentRecord(data["agreement"], data["party"], data["digest"], signed_at, data.get("signature"),
                         data.get("key"), path=path)


def _malformed(path: str, line: int, col: int, message: str) -> Problem:
    return Problem(path, line, col, CONSENT_RECORD, Severity.ERROR, message)


def problem_text(problem: Problem) -> str:
    """A ledger problem as one line, ``path:line:col: message`` (how consent shows what it ignored)."""
    return f"{problem.path}:{problem.line}:{problem.col}: {problem.message}"


def _problem(document: Document, key: str | None, message: str, *, at_key: bool = False) -> Problem:
    if key is None:
        line, col = 1, 1
    else:
        line, col = document.key_position((key,)) if at_key else document.position((key,))
    return _malformed(document.path, line, col, message)


def _shape_problem(document: Document, data: Mapping[str, Any]) -> Problem | None:
    """The first way ``data`` is not a record of this format: version, keys, and the type of each value."""
    version = data.get(VERSION_KEY)
    if type(version) is not int or version != VERSION:  # true is not 1
        where = VERSION_KEY if VERSION_KEY in data else None
        return _problem(document, where, f"not a consent record of a known version ({VERSION_KEY}: {VERSION})")
    for key in data:
        if key not in _KNOWN:
            return _problem(document, str(key), f"unknown key {key!r} in a consent record", at_key=True)
    for key in _REQUIRED:
        if key not in data:
            return _problem(document, None, f"the consent record has no {key!r}")
    return _value_problem(document, data) or _signature_problem(document, data)


def _value_problem(document: Document, data: Mapping[str, Any]) -> Problem | None:
    checks: tuple[tuple[str, Callable[[Any], bool], str], ...] = (
        ("agreement", _is_id, "is not an agreement id"),
        ("party", _is_id, "is not a party id"),
        ("digest", _is_digest, "is not a digest (sha256:<64 hex digits>)"),
        ("signed_at", lambda value: _parse_time(value) is not None,
         "is not a date and time in UTC (ISO 8601, such as 2031-01-02T03:04:05Z)"),
    )
    for key, valid, message in checks:
        if not valid(data[key]):
            return _problem(document, key, f"{key} {data[key]!r} {message}")
    return None


def _signature_problem(document: Document, data: Mapping[str, Any]) -> Problem | None:
    signature, key = data.get("signature"), data.get("key")
    if signature is None and key is None:
        return None
    if not isinstance(signature, str) or not isinstance(key, str):
        where = "signature" if "signature" in data else "key"
        return _problem(document, where, "a signed record needs both 'signature' (armored text) and 'key'")
    if not _FINGERPRINT.fullmatch(key):
        return _problem(document, "key", f"key {key!r} is not a key fingerprint (SHA256:...)")
    made_by = signature_fingerprint(signature)
    if made_by is None:
        return _problem(document, "signature", "the signature is not an armored SSH signature")
    if made_by != key:
        return _problem(document, "key", f"key {key} is not the key that made the signature ({made_by})")
    return None


def _place_problem(document: Document, data: Mapping[str, Any], path: Path, agreement_id: str,
                   party_id: str) -> Problem | None:
    """A record must lie where :func:`record_path` puts it: a copied or moved record is not evidence."""
    if data["agreement"] != agreement_id:
        return _problem(document, "agreement", f"the record is for agreement {data['agreement']!r} but lies in "
                        f"the ledger of {agreement_id!r}")
    if data["party"] != party_id:
        return _problem(document, "party", f"the record is for party {data['party']!r} but lies in the folder "
                        f"of {party_id!r}")
    expected = _digest_hex(data["digest"])[:FILE_DIGITS] + SUFFIX
    if path.name != expected:
        return _problem(document, "digest", f"the file of this digest is named {expected}, not {path.name}")
    return None


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def _is_digest(value: Any) -> bool:
    return isinstance(value, str) and _DIGEST.fullmatch(value) is not None


def _parse_time(value: Any) -> datetime.datetime | None:
    """A UTC date and time from ISO 8601 text (``Z`` or ``+00:00``); None for anything else."""
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.utcoffset() == datetime.timedelta(0) else None
