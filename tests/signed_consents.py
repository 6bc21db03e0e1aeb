"""A generated repository of agreements with SSH-signed and author-email consent, as a pull request would bring it: for
the consent benchmark (tests/benchmarks/bench_consent.py) and the test that the gate's verdicts do not depend on how
many ``ssh-keygen`` processes check signatures at once (tests/consent/test_parallel_verification.py).

N copies of the shipped contracts/sales-onboarding.yaml (distinct ids and file names, evidence ``[ssh-signature,
author-email]``). The branch ``base`` holds them as ``proposed``, with maria's public key listed in
``parties[].keys``; the commits after it add the consent records and activate every agreement:

- maria's records are SSH-signed (one ed25519 key shared by all agreements), written with the library
  (``agreed.consent.ssh.sign`` and ``agreed.consent.ledger``, what ``agreed sign --key`` does), in a commit authored
  by someone else;
- daniel's records are unsigned, in a commit authored by his email (``author-email`` evidence);
- a last commit moves every agreement from ``proposed`` to ``active`` (a record change: the digest is kept).

``forged`` picks agreements whose signed record is not good evidence, each in its own way (:data:`FORGERIES`).
"""

from __future__ import annotations

import datetime
import os
import subprocess
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from agreed.consent.digest import digest_document
from agreed.consent.ledger import new_record, write_record
from agreed.consent.ssh import consent_message, sign
from agreed.document import read_document

TEMPLATE = Path(__file__).resolve().parents[1] / "contracts" / "sales-onboarding.yaml"
FOLDER = "contracts"
BASE = "base"
SIGNER, SIGNER_EMAIL = "maria", "maria.chen@example.com"  # consents with an SSH-signed record
AUTHOR, AUTHOR_EMAIL = "daniel", "daniel.okafor@example.com"  # consents by authoring the commit that adds the record
OTHER_EMAIL = "assistant@example.org"  # authors every commit that is not daniel's
SIGNED_AT = datetime.datetime(2031, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "NO_COLOR": "1",
       "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": OTHER_EMAIL}
ENV.pop("AGREED_DEBUG", None)
OTHER_DIGEST = "sha256:" + "0" * 64


def git(root: Path, *arguments: str, email: str = OTHER_EMAIL) -> str:
    """Run git in ``root`` as the author ``email``; its standard output."""
    env = {**ENV, "GIT_AUTHOR_NAME": email.split("@")[0], "GIT_AUTHOR_EMAIL": email}
    return subprocess.run(["git", *arguments], cwd=root, env=env, check=True, capture_output=True,
                          text=True).stdout


def commit_all(root: Path, message: str, email: str = OTHER_EMAIL) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "--no-gpg-sign", "-m", message, email=email)


def make_key(folder: Path, name: str = SIGNER) -> tuple[Path, str]:
    """A passphrase-less ed25519 key in ``folder``: the private key file and its one-line public key."""
    key = folder / f"{name}_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True,
                   capture_output=True)
    return key, key.with_name(key.name + ".pub").read_text(encoding="ascii").strip()


def _replace_once(text: str, old: str, new: str) -> str:
    if old not in text:
        raise SystemExit(f"signed_consents: {TEMPLATE.name} no longer contains {old!r}; update the generator")
    return text.replace(old, new, 1)


def agreement_text(template: str, index: int, public_key: str) -> str:
    """Copy ``index`` of the template: its own id, ``proposed``, maria's key listed, SSH or author-email evidence."""
    text = _replace_once(template, "\nid: sales-onboarding\n", f"\nid: sales-onboarding-{index:04d}\n")
    text = _replace_once(text, "\nstatus: active\n", "\nstatus: proposed\n")
    text = _replace_once(text, "    keys: []", f'    keys: ["{public_key}"]')  # maria is the first party
    return _replace_once(text, "  evidence: [review, signed-commit]", "  evidence: [ssh-signature, author-email]")


def _digest(path: Path) -> tuple[str, str]:
    """(agreement id, digest) of an agreement file."""
    document = read_document(path, str(path))
    digest = digest_document(document)
    if not isinstance(digest, str):
        raise SystemExit(f"signed_consents: {path.name} has no digest: {digest.message}")
    return str(document.data["id"]), digest


# How a forged record's signature is made, from (agreement id, digest, maria's key, another key): each is refused
# for another reason, and the first only by ssh-keygen itself (its envelope is in order).
Forgery = Callable[[str, str, Path, Path], str]
FORGERIES: Mapping[str, Forgery] = {
    "other terms": lambda agreement, digest, key, other: sign(consent_message(agreement, SIGNER, OTHER_DIGEST), key),
    "other party": lambda agreement, digest, key, other: sign(consent_message(agreement, AUTHOR, digest), key),
    "key not listed": lambda agreement, digest, key, other: sign(consent_message(agreement, SIGNER, digest), other),
}


def record_consents(files: Sequence[Path], party: str, key: Path | None, forged: Mapping[int, str] | None = None,
                    other_key: Path | None = None) -> None:
    """Write ``party``'s consent record beside each file, SSH-signed with ``key`` when given; the files whose index
    ``forged`` names get a signature made the way :data:`FORGERIES` says (with ``other_key`` as the key not
    listed)."""
    for index, path in enumerate(files):
        agreement_id, digest = _digest(path)
        if key is None:
            signature = None
        elif forged and index in forged:
            signature = FORGERIES[forged[index]](agreement_id, digest, key, other_key or key)
        else:
            signature = sign(consent_message(agreement_id, party, digest), key)
        write_record(path, new_record(agreement_id, party, digest, lambda: SIGNED_AT, signature))


def activate(files: Sequence[Path]) -> None:
    for path in files:
        path.write_text(path.read_text(encoding="utf-8").replace("\nstatus: proposed\n", "\nstatus: active\n", 1),
                        encoding="utf-8")


def build(root: Path, count: int, key: Path, public_key: str, forged: Mapping[int, str] | None = None,
          other_key: Path | None = None) -> list[Path]:
    """The repository of ``count`` agreements at ``root`` (see the module's doc); the agreement files."""
    (root / FOLDER).mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    template = TEMPLATE.read_text(encoding="utf-8")
    files = [root / FOLDER / f"sales-onboarding-{index:04d}.yaml" for index in range(count)]
    for index, path in enumerate(files):
        path.write_text(agreement_text(template, index, public_key), encoding="utf-8")
    commit_all(root, f"Propose {count} agreements")
    git(root, "branch", BASE)
    record_consents(files, SIGNER, key, forged, other_key)
    commit_all(root, f"{SIGNER} consents (SSH-signed records)")
    record_consents(files, AUTHOR, None)
    commit_all(root, f"{AUTHOR} consents (records authored by {AUTHOR})", email=AUTHOR_EMAIL)
    activate(files)
    commit_all(root, f"Activate {count} agreements")
    return files
