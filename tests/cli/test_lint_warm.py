"""``agreed lint`` over 1,000 generated agreements: a warm run (every result from the cache, the cross-file findings
included) prints exactly what the cold run before it printed, findings and positions alike, and after one file
changes, exactly what a run without the cache prints.

The text rules are switched off by the configuration to keep the cold run to a few seconds: the cache stores every
rule's findings the same way, and the document and cross-file rules (duplicate ids, shared identities, the roster)
are what spans files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from ruamel.yaml import YAML

from agreed.cli import main
from agreed.lint.rule import TextRule
from agreed.lint.rules import ALL_RULES
from generated_agreements import generate

AGREEMENTS = 1000
VARIANTS = 8  # agreements generated in full (slow); the others are copies renamed throughout
SHARED_ID = 7  # every seventh copy keeps its variant's agreement id: duplicate ids for the cross-file rule


def _identities(text: str) -> tuple[str, list[str]]:
    """The agreement's id, and its parties' ids, e-mail addresses and handles: what a copy renames."""
    data = YAML(typ="safe").load(text)
    found = [data["id"]]
    for party in data.get("parties", []):
        found += [party[key] for key in ("id", "email", "handle") if isinstance(party.get(key), str)]
    return data["id"], sorted(set(found), key=len, reverse=True)


def _copy(text: str, number: int) -> str:
    agreement_id, identities = _identities(text)
    renamed = {name: name.replace("@", f"-{number}@") if "@" in name else f"{name}-{number}" for name in identities}
    if number % SHARED_ID == 0:
        renamed[agreement_id] = agreement_id
    pattern = re.compile("|".join(rf"(?<![\w.-]){re.escape(name)}(?![\w-])" for name in identities))
    return pattern.sub(lambda match: renamed[match.group(0)], text)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    variants = generate(VARIANTS, root / "variants")
    folder = root / "contracts"
    folder.mkdir()
    for number in range(AGREEMENTS):
        variant = variants[number % VARIANTS]
        text = variant.read_text(encoding="utf-8")
        copy = text if number < VARIANTS else _copy(text, number)
        (folder / f"{number // 100:02d}" / f"{variant.stem}-{number:04d}.yaml").parent.mkdir(exist_ok=True)
        (folder / f"{number // 100:02d}" / f"{variant.stem}-{number:04d}.yaml").write_text(copy, encoding="utf-8")
    off = "".join(f"  {rule.code}: off\n" for rule in ALL_RULES if isinstance(rule, TextRule))
    (root / ".agreed.yaml").write_text(f"rules:\n{off}", encoding="utf-8")
    return root


def _lint(*arguments: str) -> Result:
    return CliRunner().invoke(main, ["lint", "--format", "json", "--today", "2031-01-06", *arguments])


def test_a_warm_run_prints_what_a_cold_run_prints(corpus: Path, monkeypatch: pytest.MonkeyPatch,
                                                  user_cache_home: Path) -> None:
    monkeypatch.chdir(corpus)
    cold, warm = _lint(), _lint()
    assert cold.exit_code in (0, 1), cold.output
    assert (warm.exit_code, warm.stdout) == (cold.exit_code, cold.stdout)
    assert re.search(rf'"files": {AGREEMENTS}\b', cold.stdout)
    assert cold.stdout.count('"K901"') >= 100  # duplicate ids: the cross-file findings come from the cache too
    assert len(list((user_cache_home / "repos").rglob("v4/*.json"))) == 1  # one file: every result, cross-file findings

    taken = _identities(next((corpus / "contracts").rglob("*-0001.yaml")).read_text(encoding="utf-8"))[0]
    changed = next((corpus / "contracts").rglob("*-0501.yaml"))
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace(_identities(text)[0], taken), encoding="utf-8")  # a new duplicate id
    edited_without, edited_warm = _lint("--no-cache"), _lint()
    assert edited_without.stdout != cold.stdout
    assert (edited_warm.exit_code, edited_warm.stdout) == (edited_without.exit_code, edited_without.stdout)
