from __future__ import annotations

import functools
from pathlib import Path

import pytest

from agreed.lint import batch
from agreed.lint.engine import lint_document
from agreed.lint.rule import LintContext

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def many_files(tmp_path: Path) -> list[batch.Source]:
    good = (REPO / "contracts" / "sales-onboarding.yaml").read_text()
    sources = []
    for index in range(3 * batch.FILES_PER_WORKER):
        path = tmp_path / f"a{index:03d}.yaml"
        # every seventh file is vague and ownerless, every eleventh is broken YAML
        text = good.replace("      owner: ", "      x-was: ", 1).replace("      what: ", "      what: Several ", 1) \
            if index % 7 == 0 else good
        path.write_text("a: [1,\n" if index % 11 == 0 else text)
        sources.append((path, path.name))
    return sources


def test_workers_give_the_same_problems_in_the_same_order(many_files: list[batch.Source]) -> None:
    check = functools.partial(lint_document, context=LintContext())
    sequential = batch.check_files(many_files, check, jobs=1)
    parallel = batch.check_files(many_files, check, jobs=2)
    assert sequential  # the fixture really has findings
    assert {problem.rule for problem in sequential} >= {"S001", "A201", "V102"}
    assert parallel == sequential


def test_few_files_are_checked_in_process(many_files: list[batch.Source], monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process pool was started for a handful of files")

    monkeypatch.setattr(batch, "ProcessPoolExecutor", no_pool)
    check = functools.partial(lint_document, context=LintContext())
    assert batch.check_files(many_files[:10], check, jobs=4) == batch.check_files(many_files[:10], check, jobs=1)
