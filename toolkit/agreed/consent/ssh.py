"""The one door to OpenSSH signatures: sign a party's consent with ``ssh-keygen -Y sign`` and verify it.

A consent signature is an SSHSIG signature (OpenSSH 8.1 or later) in the namespace :data:`NAMESPACE`, made over
the exact text of :func:`consent_message`: a fixed context naming the agreement, the party and the digest of the
terms. Because the namespace is our own, a signature made for git commits (``-n git``), files (``-n file``) or any
other tool never counts as consent, and a consent signature cannot be replayed as a git or file signature.

Verification is decided by ``ssh-keygen -Y verify`` against a temporary allowed-signers file that lists only the
keys of that party, each restricted to the namespace checked (:data:`NAMESPACE` unless the caller names another:
:data:`GIT_NAMESPACE` checks the SSH signature of a git commit over its payload). Before that, the signature's own
envelope (the public key, the namespace) is read here to explain a failure: a malformed signature, another
namespace, a key not listed for the party, or (when the key is right) terms other than these. A :class:`Verifier`
checks many signatures with up to one ``ssh-keygen`` per worker at once (each still reads one signature), with the
same verdicts as :func:`verify`.

Nothing here waits for a person unless asked: by default ``ssh-keygen`` runs in a new session with no terminal,
stdin closed, under a timeout, so a key that needs a passphrase fails at once with :class:`SshError` (load it into
ssh-agent first). Nothing here reads the environment either: :func:`sign` runs ``ssh-keygen`` in the environment its
caller passes, and a caller with nobody to answer a prompt passes :func:`without_askpass` of its own environment so
that no graphical ssh-askpass pops up. Every failure to run ``ssh-keygen`` surfaces as :class:`SshError`, whose
text is one line meant for users.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import itertools
import re
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from agreed.errors import AgreedError

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

NAMESPACE = "agreed-consent@agreed"
"""The SSHSIG namespace of consent signatures (``ssh-keygen -Y sign -n agreed-consent@agreed``)."""

GIT_NAMESPACE = "git"
"""The SSHSIG namespace git signs commits and tags in (``gpg.format=ssh``)."""

MESSAGE_HEADER = "agreed consent v1"
PROGRAM = "ssh-keygen"
MINIMUM_OPENSSH = "OpenSSH 8.1"
SIGN_TIMEOUT = 20.0  # seconds without a terminal: generous for a slow machine, short enough to never look hung
INTERACTIVE_SIGN_TIMEOUT = 300.0  # seconds with a terminal: time to type a passphrase or touch a security key
VERIFY_TIMEOUT = 20.0
MAX_SIGNATURE_CHARS = 16_384  # an ed25519 signature is ~300 characters; an RSA-16384 one stays well below this

_ARMOR_BEGIN = "-----BEGIN SSH SIGNATURE-----"
_ARMOR_END = "-----END SSH SIGNATURE-----"
_MAGIC = b"SSHSIG"
_SIGNATURE_VERSION = 1
_HASH_ALGORITHMS = frozenset({"sha256", "sha512"})
_PRINCIPAL = "party"  # the one principal of our temporary allowed-signers files; never user text
_NAMESPACE_TEXT = re.compile(r"[A-Za-z0-9][A-Za-z0-9@._+-]*")  # what may stand in an allowed-signers namespaces=""

# Public key types that may sign consent: how many SSH strings their wire blob holds (the type name included), and
# the curve name an ECDSA key carries as its second string.
_KEY_FIELDS = {
    "ssh-ed25519": 2,
    "ssh-rsa": 3,
    "ecdsa-sha2-nistp256": 3,
    "ecdsa-sha2-nistp384": 3,
    "ecdsa-sha2-nistp521": 3,
    "sk-ssh-ed25519@openssh.com": 3,
    "sk-ecdsa-sha2-nistp256@openssh.com": 4,
}
_CURVES = {
    "ecdsa-sha2-nistp256": b"nistp256",
    "ecdsa-sha2-nistp384": b"nistp384",
    "ecdsa-sha2-nistp521": b"nistp521",
    "sk-ecdsa-sha2-nistp256@openssh.com": b"nistp256",
}
_ED25519_TYPES = frozenset({"ssh-ed25519", "sk-ssh-ed25519@openssh.com"})
_ED25519_KEY_BYTES = 32


class SshError(AgreedError):
    """``ssh-keygen`` could not be run or could not sign; ``str(error)`` is a one-line message for users."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether a signature (consent, or another namespace's) is valid for a party, by which key, and why not.

    ``fingerprint`` is the ``SHA256:...`` fingerprint of the key that made the signature whenever the signature
    could be read (valid or not); ``reason`` is set exactly when ``valid`` is false. ``key_problems`` lists the
    party's listed keys that are not valid public keys; they are skipped and do not by themselves void a signature
    by another listed key.
    """

    valid: bool
    fingerprint: str | None = None
    reason: str | None = None
    key_problems: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Envelope:
    """The readable parts of an SSHSIG signature."""

    public_key: bytes  # wire blob of the signer's public key
    namespace: str


def consent_message(agreement_id: str, party_id: str, digest: str) -> str:
    """The exact text a party signs to consent to the terms with this digest.

    Raises ValueError when a field is empty or spans lines (the message must have one reading only).
    """
    fields = {"agreement": agreement_id, "party": party_id, "digest": digest}
    for name, value in fields.items():
        if not value or value != value.strip() or any(mark in value for mark in "\r\n"):
            raise ValueError(f"consent message: {name} must be one non-empty line without surrounding spaces")
    return f"{MESSAGE_HEADER}\n" + "".join(f"{name}: {value}\n" for name, value in fields.items())


# --- reading keys and signatures -------------------------------------------------------------------------------


def _ssh_strings(blob: bytes) -> list[bytes] | None:
    """Split an SSH wire blob into its length-prefixed strings; None unless it is exactly such a sequence."""
    fields: list[bytes] = []
    index = 0
    while index < len(blob):
        if index + 4 > len(blob):
            return None
        length = int.from_bytes(blob[index:index + 4], "big")
        index += 4
        if index + length > len(blob):
            return None
        fields.append(blob[index:index + length])
        index += length
    return fields


def _decode_base64(text: str) -> bytes | None:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None


def _key_blob_is_valid(key_type: str, blob: bytes) -> bool:
    fields = _ssh_strings(blob)
    if fields is None or len(fields) != _KEY_FIELDS[key_type] or fields[0] != key_type.encode("ascii"):
        return False
    if key_type in _ED25519_TYPES:
        return len(fields[1]) == _ED25519_KEY_BYTES
    if key_type in _CURVES:
        return fields[1] == _CURVES[key_type] and bool(fields[2])
    return all(fields[1:])


def public_key_blob(public_key: str) -> bytes | None:
    """The wire blob of a one-line OpenSSH public key (``TYPE BASE64 [COMMENT]``); None when it is not one."""
    parts = public_key.split(None, 2) if isinstance(public_key, str) else []
    if len(parts) < 2 or parts[0] not in _KEY_FIELDS:
        return None
    blob = _decode_base64(parts[1])
    if blob is None or not _key_blob_is_valid(parts[0], blob):
        return None
    return blob


def _blob_fingerprint(blob: bytes) -> str:
    digest = base64.b64encode(hashlib.sha256(blob).digest()).decode("ascii").rstrip("=")
    return f"SHA256:{digest}"


def fingerprint(public_key: str) -> str | None:
    """The ``SHA256:...`` fingerprint of a one-line OpenSSH public key (as ``ssh-keygen -l`` shows it), or None."""
    blob = public_key_blob(public_key)
    return None if blob is None else _blob_fingerprint(blob)


def _armor_lines(signature: str) -> list[str]:
    return [line.strip() for line in signature.strip().splitlines()]


def _normalised(signature: str) -> str:
    return "\n".join(_armor_lines(signature)) + "\n"


def _armored_payload(signature: str) -> bytes | None:
    lines = _armor_lines(signature)
    if len(lines) < 3 or lines[0] != _ARMOR_BEGIN or lines[-1] != _ARMOR_END:
        return None
    return _decode_base64("".join(lines[1:-1]))


def _read_envelope(signature: str) -> _Envelope | None:
    """The signer's key and the namespace of an armored SSHSIG signature; None when it is not a well-formed one."""
    if not isinstance(signature, str) or len(signature) > MAX_SIGNATURE_CHARS:
        return None
    payload = _armored_payload(signature)
    if payload is None or not payload.startswith(_MAGIC) or len(payload) < len(_MAGIC) + 4:
        return None
    version = int.from_bytes(payload[len(_MAGIC):len(_MAGIC) + 4], "big")
    fields = _ssh_strings(payload[len(_MAGIC) + 4:])
    if version != _SIGNATURE_VERSION or fields is None or len(fields) != 5:
        return None
    public_key, namespace, _reserved, hash_algorithm, _signature = fields
    try:
        namespace_text, hash_text = namespace.decode("utf-8"), hash_algorithm.decode("ascii")
    except UnicodeDecodeError:
        return None
    if hash_text not in _HASH_ALGORITHMS or not public_key:
        return None
    return _Envelope(public_key, namespace_text)


def signature_fingerprint(signature: str) -> str | None:
    """The fingerprint of the key that made an armored SSH signature (unverified); None when it cannot be read."""
    envelope = _read_envelope(signature)
    return None if envelope is None else _blob_fingerprint(envelope.public_key)


# --- running ssh-keygen ----------------------------------------------------------------------------------------

_PROGRESS = ("Signing file ", "Write signature to ")
_PROMPT = re.compile(r"Enter passphrase[^:]*:\s*")


def _first_line(stderr: str) -> str:
    """The first line of ``ssh-keygen``'s complaint, without its progress notes and prompts."""
    for line in stderr.splitlines():
        text = _PROMPT.sub("", line).strip()
        if text and not text.startswith(_PROGRESS):
            return text
    return "no reason given"


def _too_old(stderr: str) -> bool:
    return any(mark in stderr for mark in ("illegal option", "unknown option", "invalid option", "usage: ssh-keygen"))


def _too_old_error(program: str) -> SshError:
    return SshError(f"{program} is too old for SSH signatures: {MINIMUM_OPENSSH} or later is needed")


@dataclass(frozen=True, slots=True)
class _Finished:
    """How a run of ``ssh-keygen`` ended: its exit status and what it said on stderr (decoded with replacement)."""

    returncode: int
    stderr: str


def without_askpass(environment: Mapping[str, str]) -> dict[str, str]:
    """A copy of ``environment`` in which ``ssh-keygen`` never starts an ssh-askpass program
    (``SSH_ASKPASS_REQUIRE=never``): what a caller with nobody to answer a passphrase prompt passes to
    :func:`sign`, so that a key that needs a passphrase fails at once instead of opening a window."""
    return {**environment, "SSH_ASKPASS_REQUIRE": "never"}


def _run(arguments: list[str], *, stdin: bytes | None, timeout: float, program: str,
         environment: Mapping[str, str] | None = None) -> _Finished:
    """Run ``ssh-keygen`` with ``stdin`` as its whole input, in a new session (no terminal).

    ``stdin=None`` is the interactive mode: the terminal and input are inherited so that ``ssh-keygen`` can ask for
    a passphrase. ``environment`` is the whole environment of ``ssh-keygen``; None inherits this process's.
    """
    detached = stdin is not None
    try:
        completed = subprocess.run([program, *arguments], input=stdin, capture_output=True, timeout=timeout,
                                   check=False, start_new_session=detached,
                                   env=None if environment is None else dict(environment))
    except FileNotFoundError:
        raise SshError(f"{program} was not found: SSH signatures need {MINIMUM_OPENSSH} or later") from None
    except subprocess.TimeoutExpired:
        raise SshError(f"{program} did not finish within {timeout:g} s "
                       "(waiting for a passphrase or a security-key touch?)") from None
    except OSError as error:
        raise SshError(f"could not run {program}: {error.strerror or error}") from None
    return _Finished(completed.returncode, completed.stderr.decode("utf-8", errors="replace"))


def _sign_error(key: Path, completed: _Finished, program: str) -> SshError:
    stderr = completed.stderr
    if _too_old(stderr):
        return _too_old_error(program)
    if "passphrase" in stderr:
        return SshError(f"the SSH key {key} needs a passphrase and none can be asked for here: "
                        f"add it to ssh-agent (ssh-add {key}) and sign again")
    return SshError(f"{program} could not sign with {key}: {_first_line(stderr)}")


def sign(message: str, key: Path, *, interactive: bool = False, timeout: float | None = None,
         program: str = PROGRAM, environment: Mapping[str, str] | None = None) -> str:
    """Sign ``message`` (normally a :func:`consent_message`) with the SSH key ``key``; the armored signature text.

    ``key`` is a private key file, or a public key whose private half is in ssh-agent (the agent is used whenever it
    holds the key). Unless ``interactive``, no passphrase is asked for on a terminal: a key that needs one fails at
    once. ``interactive`` lets ``ssh-keygen`` prompt on the terminal (for a CLI attached to one).

    ``environment`` is the whole environment ``ssh-keygen`` runs in (where it finds ``SSH_AUTH_SOCK`` for the agent);
    None inherits this process's. Without a terminal, ``ssh-keygen`` may still start a graphical ssh-askpass when the
    environment offers one (``SSH_ASKPASS`` and ``DISPLAY``): pass :func:`without_askpass` of the environment to
    rule that out. Raises SshError.
    """
    if not key.is_file():
        raise SshError(f"no SSH key file at {key}")
    limit = timeout if timeout is not None else INTERACTIVE_SIGN_TIMEOUT if interactive else SIGN_TIMEOUT
    with tempfile.TemporaryDirectory(prefix="agreed-ssh-") as folder:
        message_path = Path(folder) / "consent"
        message_path.write_bytes(message.encode("utf-8"))
        completed = _run(["-Y", "sign", "-n", NAMESPACE, "-f", str(key), str(message_path)],
                         stdin=None if interactive else b"", timeout=limit, program=program,
                         environment=environment)
        signature_path = message_path.with_name("consent.sig")
        if completed.returncode != 0 or not signature_path.is_file():
            raise _sign_error(key, completed, program)
        signature = signature_path.read_text(encoding="ascii", errors="replace")
    if _read_envelope(signature) is None:
        raise SshError(f"{program} wrote a signature that cannot be read")
    return signature


# --- verifying -------------------------------------------------------------------------------------------------


def _listed_keys(public_keys: Sequence[str], principal: str) -> tuple[list[bytes], tuple[str, ...]]:
    """The wire blobs of the valid listed keys, and a problem for each entry that is not a valid public key."""
    blobs: list[bytes] = []
    problems: list[str] = []
    for number, line in enumerate(public_keys, start=1):
        blob = public_key_blob(line)
        if blob is None:
            problems.append(f"key {number} of {principal} is not a valid public key")
        else:
            blobs.append(blob)
    return blobs, tuple(problems)


def _allowed_signer_line(blob: bytes, namespace: str) -> str:
    """One allowed-signers line for a validated key blob: our fixed principal, restricted to ``namespace``."""
    type_length = int.from_bytes(blob[:4], "big")
    key_type = blob[4:4 + type_length].decode("ascii")
    encoded = base64.b64encode(blob).decode("ascii")
    return f'{_PRINCIPAL} namespaces="{namespace}" {key_type} {encoded}\n'


@dataclass(frozen=True, slots=True)
class _Run:
    """One question for ``ssh-keygen -Y verify``: is ``signature`` over exactly ``message`` by the key ``blob`` (read
    from the signature's envelope and listed for the party) in ``namespace``."""

    message: bytes
    signature: str
    blob: bytes
    namespace: str


def _ssh_verifies(run: _Run, allowed: Path, signature_file: Path, timeout: float, program: str) -> bool:
    """Whether ``ssh-keygen -Y verify`` accepts the signature of ``run``, written to ``signature_file``, by the
    allowed-signers file ``allowed`` (its key, restricted to its namespace)."""
    signature_file.write_text(_normalised(run.signature), encoding="ascii", errors="replace")
    completed = _run(["-Y", "verify", "-f", str(allowed), "-I", _PRINCIPAL, "-n", run.namespace,
                      "-s", str(signature_file)], stdin=run.message, timeout=timeout, program=program)
    if completed.returncode != 0 and _too_old(completed.stderr):
        raise _too_old_error(program)
    return completed.returncode == 0


def _read_verdict(message: str | bytes, signature: str, public_keys: Sequence[str], principal: str,
                  namespace: str) -> tuple[Verdict, _Run | None]:
    """What the signature's envelope and the listed keys decide, and the run of ``ssh-keygen`` that decides the rest
    (None when the envelope already refuses): the verdict stands unless that run refuses."""
    if not _NAMESPACE_TEXT.fullmatch(namespace):
        raise ValueError(f"not an SSH signature namespace: {namespace!r}")
    blobs, problems = _listed_keys(public_keys, principal)
    envelope = _read_envelope(signature)
    if envelope is None:
        return Verdict(False, None, "malformed signature", problems), None
    signer = _blob_fingerprint(envelope.public_key)
    reason = _envelope_reason(envelope, blobs, principal, namespace)
    if reason is not None:
        return Verdict(False, signer, reason, problems), None
    content = message.encode("utf-8") if isinstance(message, str) else message
    return Verdict(True, signer, None, problems), _Run(content, signature, envelope.public_key, namespace)


class Verifier:
    """Runs the ``ssh-keygen -Y verify`` part of :func:`verify`, one process at a time (``workers`` 1), or up to
    ``workers`` at once for the checks a caller announces ahead with :meth:`start`; :meth:`verify` then takes the
    result of a check started ahead, or runs the check itself. Either way each verdict is :func:`verify`'s, and a
    failure to run ``ssh-keygen`` is raised by the :meth:`verify` that needs it (:class:`SshError`). The files handed
    to ``ssh-keygen`` lie in one temporary folder, removed by :meth:`close` (or leaving a ``with`` block)."""

    def __init__(self, workers: int = 1, *, timeout: float = VERIFY_TIMEOUT, program: str = PROGRAM) -> None:
        self.workers = max(1, workers)
        self._timeout = timeout
        self._program = program
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._allowed: dict[tuple[bytes, str], Path] = {}  # the allowed-signers file of each key and namespace
        self._names = itertools.count()
        self._pool: ThreadPoolExecutor | None = None
        self._started: dict[_Run, Future[bool]] = {}

    def __enter__(self) -> Verifier:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Wait for the checks still running, drop those not begun, and remove the temporary folder."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._started.clear()
        self._allowed.clear()
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def start(self, message: str | bytes, signature: str, public_keys: Sequence[str], principal: str, *,
              namespace: str = NAMESPACE) -> None:
        """Begin the ``ssh-keygen`` run that :meth:`verify` with the same arguments will need, when there are
        several workers and the envelope does not already decide; otherwise do nothing."""
        if self.workers == 1:
            return
        _, run = _read_verdict(message, signature, public_keys, principal, namespace)
        if run is not None and run not in self._started:
            if self._pool is None:
                from concurrent.futures import ThreadPoolExecutor  # only a run with several workers pays for it

                self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="agreed-ssh")
            self._started[run] = self._pool.submit(self._verifies, run, *self._files(run))

    def verify(self, message: str | bytes, signature: str, public_keys: Sequence[str], principal: str, *,
               namespace: str = NAMESPACE) -> Verdict:
        """:func:`verify` with this verifier's workers, timeout and program."""
        verdict, run = _read_verdict(message, signature, public_keys, principal, namespace)
        if run is None:
            return verdict
        started = self._started.pop(run, None)
        if (started.result() if started is not None else self._verifies(run, *self._files(run))):
            return verdict
        return replace(verdict, valid=False,
                       reason=f"the signature is over other {'terms' if namespace == NAMESPACE else 'content'}")

    def _files(self, run: _Run) -> tuple[Path, Path]:
        """The allowed-signers file of the run's key and namespace (written once) and a new file for its
        signature, in this verifier's temporary folder."""
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="agreed-ssh-")
        folder = Path(self._folder.name)
        allowed = self._allowed.get((run.blob, run.namespace))
        if allowed is None:
            allowed = folder / f"allowed_signers.{len(self._allowed)}"
            allowed.write_text(_allowed_signer_line(run.blob, run.namespace), encoding="ascii")
            self._allowed[(run.blob, run.namespace)] = allowed
        return allowed, folder / f"{next(self._names)}.sig"

    def _verifies(self, run: _Run, allowed: Path, signature_file: Path) -> bool:
        return _ssh_verifies(run, allowed, signature_file, self._timeout, self._program)


def verify(message: str | bytes, signature: str, public_keys: Sequence[str], principal: str, *,
           namespace: str = NAMESPACE, timeout: float = VERIFY_TIMEOUT, program: str = PROGRAM) -> Verdict:
    """Whether ``signature`` is a signature in ``namespace`` over exactly ``message`` by one of ``public_keys``.

    By default it checks a consent signature (``message`` a :func:`consent_message`); with
    ``namespace=GIT_NAMESPACE`` and the payload of a git commit as ``message`` (bytes, as git stores it), it checks
    the commit's SSH signature. A ``str`` message is taken as UTF-8. ``public_keys`` are the one-line OpenSSH public
    keys listed for the party (``parties[].keys``); ``principal`` names the party in the reasons. Entries that are
    not valid public keys are reported in ``key_problems`` and skipped. Raises ValueError for a namespace that cannot
    be one, SshError only when ``ssh-keygen`` cannot be run; every property of the signature is a verdict. Many
    signatures are checked faster with one :class:`Verifier` of several workers.
    """
    with Verifier(timeout=timeout, program=program) as verifier:
        return verifier.verify(message, signature, public_keys, principal, namespace=namespace)


def _envelope_reason(envelope: _Envelope, blobs: list[bytes], principal: str, namespace: str) -> str | None:
    if envelope.namespace != namespace:
        return f"not {_kind_of_signature(namespace)} (namespace {envelope.namespace!r})"
    if not blobs:
        return f"no valid public key is listed for {principal}"
    if envelope.public_key not in blobs:
        return f"signed by a key not listed for {principal}"
    return None


def _kind_of_signature(namespace: str) -> str:
    """What a signature in ``namespace`` is, for the reason that names a signature made for something else."""
    known = {NAMESPACE: "an agreed consent signature", GIT_NAMESPACE: "a git signature"}
    return known.get(namespace, f"a signature in namespace {namespace!r}")
