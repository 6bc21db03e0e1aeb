"""SSH consent signatures with real keys and the real ssh-keygen: what verifies, what does not, and why."""

from __future__ import annotations

import base64
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from agreed.consent.ssh import (
    GIT_NAMESPACE,
    NAMESPACE,
    SshError,
    Verdict,
    consent_message,
    fingerprint,
    sign,
    signature_fingerprint,
    verify,
    without_askpass,
)
from gitrepo import public

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen (OpenSSH) is not installed")

DIGEST = "sha256:" + "a" * 64
OLD_DIGEST = "sha256:" + "b" * 64
MESSAGE = consent_message("sales-onboarding-2031", "maria", DIGEST)

MakeKey = Callable[..., Path]


@pytest.fixture(scope="module")
def key_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("keys")


@pytest.fixture(scope="module")
def make_key(key_dir: Path) -> MakeKey:
    def make(name: str, key_type: str = "ed25519", passphrase: str = "") -> Path:
        path = key_dir / name
        if not path.exists():
            subprocess.run(["ssh-keygen", "-q", "-t", key_type, "-N", passphrase, "-C", name, "-f", str(path)],
                           check=True, stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
        return path
    return make


def keygen_fingerprint(key: Path) -> str:
    completed = subprocess.run(["ssh-keygen", "-l", "-f", str(key.with_name(key.name + ".pub"))], check=True,
                               capture_output=True, text=True, timeout=30)
    return completed.stdout.split()[1]


def signature_in(namespace: str, key: Path, message: str | bytes, folder: Path) -> str:
    """A signature made by plain ssh-keygen in any namespace (not through our sign)."""
    message_path = folder / f"message-{namespace}"
    message_path.write_bytes(message.encode("utf-8") if isinstance(message, str) else message)
    subprocess.run(["ssh-keygen", "-Y", "sign", "-n", namespace, "-f", str(key), str(message_path)], check=True,
                   stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    return message_path.with_name(message_path.name + ".sig").read_text(encoding="ascii")


def rearmor(payload: bytes) -> str:
    text = base64.b64encode(payload).decode("ascii")
    lines = [text[index:index + 70] for index in range(0, len(text), 70)]
    return "\n".join(["-----BEGIN SSH SIGNATURE-----", *lines, "-----END SSH SIGNATURE-----"]) + "\n"


def payload_of(signature: str) -> bytes:
    return base64.b64decode("".join(signature.strip().splitlines()[1:-1]))


# --- the message -----------------------------------------------------------------------------------------------


def test_consent_message_is_a_fixed_context_around_the_digest() -> None:
    expected = f"agreed consent v1\nagreement: sales-onboarding-2031\nparty: maria\ndigest: {DIGEST}\n"
    assert consent_message("sales-onboarding-2031", "maria", DIGEST) == expected


@pytest.mark.parametrize(("agreement", "party", "digest"), [
    ("", "maria", DIGEST),
    ("demo", "maria\nparty: li", DIGEST),
    ("demo", "maria", DIGEST + "\r"),
    ("demo", " maria", DIGEST),
])
def test_consent_message_rejects_fields_that_are_not_one_line(agreement: str, party: str, digest: str) -> None:
    with pytest.raises(ValueError, match="one non-empty line"):
        consent_message(agreement, party, digest)


def test_namespace_is_our_own() -> None:
    assert NAMESPACE == "agreed-consent@agreed"


# --- signing and verifying -------------------------------------------------------------------------------------


def test_a_valid_signature_verifies_and_names_the_key(make_key: MakeKey) -> None:
    key = make_key("maria")
    signature = sign(MESSAGE, key)
    assert signature.startswith("-----BEGIN SSH SIGNATURE-----")
    verdict = verify(MESSAGE, signature, [public(key)], "maria")
    assert verdict == Verdict(True, keygen_fingerprint(key), None, ())
    assert signature_fingerprint(signature) == keygen_fingerprint(key)


def test_our_signature_verifies_with_plain_ssh_keygen(make_key: MakeKey, tmp_path: Path) -> None:
    key = make_key("maria")
    (tmp_path / "consent.sig").write_text(sign(MESSAGE, key), encoding="ascii")
    (tmp_path / "allowed").write_text(f'maria namespaces="{NAMESPACE}" {public(key)}\n', encoding="ascii")
    completed = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(tmp_path / "allowed"), "-I", "maria",
                                "-n", NAMESPACE, "-s", str(tmp_path / "consent.sig")], input=MESSAGE,
                               capture_output=True, text=True, timeout=30, check=False)
    assert completed.returncode == 0, completed.stderr


def test_a_signature_by_the_wrong_key_fails(make_key: MakeKey) -> None:
    maria, mallory = make_key("maria"), make_key("mallory")
    verdict = verify(MESSAGE, sign(MESSAGE, mallory), [public(maria)], "maria")
    assert not verdict.valid
    assert verdict.reason == "signed by a key not listed for maria"
    assert verdict.fingerprint == keygen_fingerprint(mallory)


def test_a_signature_over_an_old_digest_fails(make_key: MakeKey) -> None:
    key = make_key("maria")
    old = sign(consent_message("sales-onboarding-2031", "maria", OLD_DIGEST), key)
    verdict = verify(MESSAGE, old, [public(key)], "maria")
    assert (verdict.valid, verdict.reason) == (False, "the signature is over other terms")
    assert verdict.fingerprint == keygen_fingerprint(key)


def test_a_signature_for_another_party_or_agreement_fails(make_key: MakeKey) -> None:
    key = make_key("maria")  # the same person is a party to two agreements, or signs as two parties
    for other in (consent_message("sales-onboarding-2031", "li", DIGEST), consent_message("other", "maria", DIGEST)):
        assert verify(MESSAGE, sign(other, key), [public(key)], "maria").reason == "the signature is over other terms"


@pytest.mark.parametrize("namespace", ["git", "file"])
def test_a_signature_in_another_namespace_fails(make_key: MakeKey, tmp_path: Path, namespace: str) -> None:
    key = make_key("maria")
    verdict = verify(MESSAGE, signature_in(namespace, key, MESSAGE, tmp_path), [public(key)], "maria")
    assert not verdict.valid
    assert verdict.reason == f"not an agreed consent signature (namespace '{namespace}')"


def test_a_tampered_signature_fails(make_key: MakeKey) -> None:
    key = make_key("maria")
    payload = bytearray(payload_of(sign(MESSAGE, key)))
    payload[-1] ^= 0x01  # the last byte of the signature proper
    verdict = verify(MESSAGE, rearmor(bytes(payload)), [public(key)], "maria")
    assert (verdict.valid, verdict.reason) == (False, "the signature is over other terms")


def test_a_signature_with_a_swapped_key_fails(make_key: MakeKey) -> None:
    maria, mallory = make_key("maria"), make_key("mallory")
    # Mallory signs, then puts Maria's key into the envelope: ssh-keygen must reject it even though the key is listed.
    payload = payload_of(sign(MESSAGE, mallory))
    swapped = payload.replace(base64.b64decode(public(mallory).split()[1]), base64.b64decode(public(maria).split()[1]))
    assert swapped != payload
    verdict = verify(MESSAGE, rearmor(swapped), [public(maria)], "maria")
    assert (verdict.valid, verdict.reason) == (False, "the signature is over other terms")


@pytest.mark.parametrize("mangle", [
    lambda text: "",
    lambda text: "not a signature",
    lambda text: text.replace("SSH SIGNATURE", "PGP SIGNATURE"),
    lambda text: text.replace("U1NIU0lH", "U1NIU0lI", 1),  # magic "SSHSIG" -> "SSHSIH"
    lambda text: "\n".join(text.splitlines()[:2] + text.splitlines()[-1:]),  # truncated
    lambda text: text.replace("A", "*", 1),  # not base64
    lambda text: text + "x" * 20_000,
])
def test_a_malformed_signature_is_reported_not_raised(make_key: MakeKey, mangle: Callable[[str], str]) -> None:
    key = make_key("maria")
    verdict = verify(MESSAGE, mangle(sign(MESSAGE, key)), [public(key)], "maria")
    assert verdict == Verdict(False, None, "malformed signature", ())


def test_two_keys_listed_signed_by_the_second(make_key: MakeKey) -> None:
    laptop, desktop = make_key("maria"), make_key("maria-desktop")
    verdict = verify(MESSAGE, sign(MESSAGE, desktop), [public(laptop), public(desktop)], "maria")
    assert verdict == Verdict(True, keygen_fingerprint(desktop), None, ())


def test_an_invalid_listed_key_is_reported_and_the_others_still_work(make_key: MakeKey) -> None:
    key = make_key("maria")
    listed = ["ssh-ed25519 not-base64!", public(key), "ssh-ed25519 AAAA"]
    verdict = verify(MESSAGE, sign(MESSAGE, key), listed, "maria")
    assert verdict.valid
    assert verdict.key_problems == ("key 1 of maria is not a valid public key",
                                    "key 3 of maria is not a valid public key")


def test_no_valid_key_listed(make_key: MakeKey) -> None:
    key = make_key("maria")
    for listed in ([], ["garbage"]):
        verdict = verify(MESSAGE, sign(MESSAGE, key), listed, "maria")
        assert (verdict.valid, verdict.reason) == (False, "no valid public key is listed for maria")


def test_interactive_signing_works_without_a_prompt_for_a_key_without_passphrase(make_key: MakeKey) -> None:
    key = make_key("maria")
    assert verify(MESSAGE, sign(MESSAGE, key, interactive=True, timeout=10), [public(key)], "maria").valid


def test_other_key_types_sign_and_verify(make_key: MakeKey) -> None:
    key = make_key("maria-ecdsa", "ecdsa")
    verdict = verify(MESSAGE, sign(MESSAGE, key), [public(key)], "maria")
    assert verdict == Verdict(True, keygen_fingerprint(key), None, ())


def test_a_lone_public_key_fails_cleanly(make_key: MakeKey, tmp_path: Path) -> None:
    # A .pub file alone signs only through ssh-agent; when no agent holds the key this is a clean error, not a hang.
    public_only = tmp_path / "only.pub"
    public_only.write_text(public(make_key("maria")) + "\n", encoding="ascii")
    with pytest.raises(SshError, match=r"could not sign with .*only\.pub: No private key found"):
        sign(MESSAGE, public_only, timeout=10)


# --- failures to sign ------------------------------------------------------------------------------------------


def test_a_key_with_a_passphrase_fails_cleanly_without_hanging(make_key: MakeKey) -> None:
    key = make_key("maria-locked", passphrase="correct horse")
    started = time.monotonic()
    with pytest.raises(SshError, match=r"needs a passphrase .*\(ssh-add ") as raised:
        sign(MESSAGE, key, timeout=10)
    assert time.monotonic() - started < 10
    assert "\n" not in str(raised.value)


def test_a_missing_key_is_an_ssh_error(tmp_path: Path) -> None:
    with pytest.raises(SshError, match="no SSH key file at"):
        sign(MESSAGE, tmp_path / "absent")


def test_a_file_that_is_not_a_key_is_an_ssh_error(tmp_path: Path) -> None:
    not_a_key = tmp_path / "notes.txt"
    not_a_key.write_text("hello\n", encoding="utf-8")
    with pytest.raises(SshError) as raised:
        sign(MESSAGE, not_a_key, timeout=10)
    assert "\n" not in str(raised.value)


def test_a_missing_ssh_keygen_is_an_ssh_error(make_key: MakeKey, tmp_path: Path) -> None:
    key = make_key("maria")
    absent = str(tmp_path / "no-such-ssh-keygen")
    with pytest.raises(SshError, match="was not found"):
        sign(MESSAGE, key, program=absent)
    with pytest.raises(SshError, match="was not found"):
        verify(MESSAGE, sign(MESSAGE, key), [public(key)], "maria", program=absent)


# --- fingerprints ----------------------------------------------------------------------------------------------


def test_fingerprint_matches_ssh_keygen(make_key: MakeKey) -> None:
    for key in (make_key("maria"), make_key("maria-ecdsa", "ecdsa"), make_key("maria-rsa", "rsa")):
        assert fingerprint(public(key)) == keygen_fingerprint(key)
        assert fingerprint(" ".join(public(key).split()[:2])) == keygen_fingerprint(key)  # without comment


def test_fingerprint_rejects_what_is_not_a_public_key(make_key: MakeKey) -> None:
    ed25519, rsa = public(make_key("maria")).split()[:2], public(make_key("maria-rsa", "rsa")).split()[:2]
    for text in [
        "",
        "ssh-ed25519",
        "ssh-ed25519 !!!!",
        f"ssh-rsa {ed25519[1]}",  # the label does not match the key inside
        f"ecdsa-sha2-nistp256 {rsa[1]}",
        f"ssh-ed25519 {base64.b64encode(base64.b64decode(ed25519[1])[:-1]).decode()}",  # truncated
        f"ssh-ed25519 {base64.b64encode(base64.b64decode(ed25519[1]) + b'x').decode()}",  # trailing bytes
        f"ssh-ed25519-cert-v01@openssh.com {ed25519[1]}",
        f'command="true" ssh-ed25519 {ed25519[1]}',  # authorized_keys options are not a key
        "-----BEGIN OPENSSH PRIVATE KEY-----",
    ]:
        assert fingerprint(text) is None, text


# --- other namespaces: git commit signatures ---------------------------------------------------------------------


def test_a_git_signature_verifies_in_the_git_namespace_only(make_key: MakeKey, tmp_path: Path) -> None:
    key = make_key("maria")
    payload = b"tree 0123\nauthor Maria <m@example.org> 1924000000 +0000\n\n\xe9t\xe9 (latin-1, not UTF-8)\n"
    signature = signature_in(GIT_NAMESPACE, key, payload, tmp_path)
    assert verify(payload, signature, [public(key)], "maria", namespace=GIT_NAMESPACE) == Verdict(
        True, keygen_fingerprint(key), None, ())
    assert verify(payload, signature, [public(key)], "maria").reason == (
        "not an agreed consent signature (namespace 'git')")
    assert verify(payload + b" ", signature, [public(key)], "maria", namespace=GIT_NAMESPACE).reason == (
        "the signature is over other content")
    assert verify(payload, signature, [public(make_key("li"))], "maria", namespace=GIT_NAMESPACE).reason == (
        "signed by a key not listed for maria")


def test_a_consent_signature_is_not_a_git_signature(make_key: MakeKey) -> None:
    key = make_key("maria")
    verdict = verify(MESSAGE, sign(MESSAGE, key), [public(key)], "maria", namespace=GIT_NAMESPACE)
    assert (verdict.valid, verdict.reason) == (False, f"not a git signature (namespace '{NAMESPACE}')")


@pytest.mark.parametrize("namespace", ["", 'git" cert-authority', "a b", "-n"])
def test_a_namespace_that_cannot_be_one_is_refused(make_key: MakeKey, namespace: str) -> None:
    key = make_key("maria")
    with pytest.raises(ValueError, match="not an SSH signature namespace"):
        verify(MESSAGE, sign(MESSAGE, key), [public(key)], "maria", namespace=namespace)


# --- the environment ssh-keygen signs in -------------------------------------------------------------------------


def askpass_environment(tmp_path: Path) -> dict[str, str]:
    """An environment whose ssh-askpass answers the passphrase of the key ``maria-locked``."""
    script = tmp_path / "askpass"
    script.write_text("#!/bin/sh\necho 'correct horse'\n", encoding="ascii")
    script.chmod(0o700)
    return {"PATH": "/usr/bin:/bin", "SSH_ASKPASS": str(script), "SSH_ASKPASS_REQUIRE": "force", "DISPLAY": ":0"}


def test_sign_runs_ssh_keygen_in_the_environment_given(make_key: MakeKey, tmp_path: Path) -> None:
    key = make_key("maria-locked", passphrase="correct horse")
    signature = sign(MESSAGE, key, timeout=10, environment=askpass_environment(tmp_path))
    assert verify(MESSAGE, signature, [public(key)], "maria").valid


def test_without_askpass_no_askpass_program_is_started(make_key: MakeKey, tmp_path: Path) -> None:
    key = make_key("maria-locked", passphrase="correct horse")
    environment = askpass_environment(tmp_path)
    assert without_askpass(environment) == {**environment, "SSH_ASKPASS_REQUIRE": "never"}
    assert environment["SSH_ASKPASS_REQUIRE"] == "force"  # a copy: the caller's mapping is untouched
    with pytest.raises(SshError, match="needs a passphrase"):
        sign(MESSAGE, key, timeout=10, environment=without_askpass(environment))
