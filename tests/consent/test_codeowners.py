"""The CODEOWNERS block: entries from the parties' handles, and a managed block that leaves the user's lines alone."""

from __future__ import annotations

from typing import Any

import pytest

from agreed.agreement import read_agreement
from agreed.consent.codeowners import (
    BEGIN,
    END,
    CodeownersError,
    Entry,
    UnwritablePath,
    current_block,
    differences,
    entry_for,
    missing_handles,
    pattern,
    render_block,
    unusable_handles,
    updated,
)

USER_LINES = "# team rules\n* @acme/platform\n/docs/ @acme/writers\n"


def _with_handles(agreement: dict[str, Any], *handles: str | None) -> dict[str, Any]:
    for party, handle in zip(agreement["parties"], handles, strict=True):
        if handle is not None:
            party["handle"] = handle
    return agreement


def test_entry_adds_the_at_sign_once(minimal_agreement: dict[str, Any]) -> None:
    entry = entry_for("contracts/demo.yaml", read_agreement(_with_handles(minimal_agreement, "mchen", "@liwei")))
    assert entry == Entry("contracts/demo.yaml", ("@mchen", "@liwei"), ())


def test_entry_lists_parties_without_a_handle(minimal_agreement: dict[str, Any]) -> None:
    entry = entry_for("contracts/demo.yaml", read_agreement(_with_handles(minimal_agreement, "mchen", None)))
    assert entry.owners == ("@mchen",)
    assert entry.unowned == ("li",)
    assert missing_handles([entry]) == ["contracts/demo.yaml: li"]


@pytest.mark.parametrize("data", [None, [], {"parties": "maria"}, {"parties": ["maria", {"handle": ""}]}])
def test_entry_reads_odd_data_leniently(data: Any) -> None:
    entry = entry_for("contracts/odd.yaml", read_agreement(data))
    assert entry.owners == ()


def test_pattern_is_anchored_and_escaped() -> None:
    assert pattern("contracts/demo.yaml") == "/contracts/demo.yaml"
    assert pattern("contracts/q1 plan #2.yaml") == "/contracts/q1\\ plan\\ \\#2.yaml"
    assert pattern("contracts/[x]*.yaml") == "/contracts/\\[x\\]\\*.yaml"


@pytest.mark.parametrize("path", ["contracts/x\n/.github/workflows/\t@attacker\n#.yaml", "contracts/a\tb.yaml",
                                  "contracts/a\rb.yaml", "contracts/a\x85b.yaml", "contracts/a\u2028b.yaml",
                                  "contracts/a\x00b.yaml", "contracts/a\x1bb.yaml"])
def test_a_path_that_codeowners_cannot_express_is_refused(path: str, minimal_agreement: dict[str, Any]) -> None:
    with pytest.raises(UnwritablePath, match="rename the file") as refused:
        entry_for(path, read_agreement(minimal_agreement))
    assert len(str(refused.value).splitlines()) == 1  # the message names the file on one line, escaped
    with pytest.raises(UnwritablePath):
        pattern(path)


@pytest.mark.parametrize("handle", ["x\n/.github/ @attacker", "x @attacker", "x\t@attacker", "@org/team", "x#y",
                                    "-x", "ma\u00efa"])
def test_a_handle_that_is_not_a_user_name_is_not_written(handle: str, minimal_agreement: dict[str, Any]) -> None:
    entry = entry_for("contracts/demo.yaml", read_agreement(_with_handles(minimal_agreement, handle, "liwei")))
    assert entry == Entry("contracts/demo.yaml", ("@liwei",), (), ("maria",))
    block = render_block([entry])
    assert block.splitlines()[1:-1] == ["/contracts/demo.yaml @liwei",
                                        "# /contracts/demo.yaml: a handle that is not a code-host user name for maria"]
    assert unusable_handles([entry]) == ["contracts/demo.yaml: maria"]


def test_a_party_id_in_a_comment_stays_on_its_line(minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["parties"][0]["id"] = "x\n/.github/ @attacker"
    block = render_block([entry_for("contracts/demo.yaml", read_agreement(minimal_agreement))])
    assert block.splitlines()[1:-1] == ["# /contracts/demo.yaml: no code-host handle for x\\n/.github/ @attacker, li"]


def test_block_sorted_by_path_with_comment_for_missing_handles() -> None:
    block = render_block([Entry("contracts/b.yaml", ("@kim",), ("lee",)), Entry("contracts/a.yaml", ("@x", "@y"), ()),
                          Entry("contracts/c.yaml", (), ("p", "q"))])
    assert block.splitlines() == [
        BEGIN,
        "/contracts/a.yaml @x @y",
        "/contracts/b.yaml @kim",
        "# /contracts/b.yaml: no code-host handle for lee",
        "# /contracts/c.yaml: no code-host handle for p, q",  # no owner-less pattern: it would drop earlier owners
        END,
    ]


def test_new_file_is_the_block() -> None:
    block = render_block([Entry("contracts/a.yaml", ("@x",), ())])
    assert updated(None, block) == block
    assert updated("", block) == block


def test_block_is_appended_after_the_user_lines() -> None:
    block = render_block([Entry("contracts/a.yaml", ("@x",), ())])
    text = updated(USER_LINES, block)
    assert text == USER_LINES + "\n" + block  # last: in CODEOWNERS the last matching pattern wins
    assert updated(USER_LINES.rstrip("\n"), block) == USER_LINES + "\n" + block


def test_block_is_replaced_in_place_and_user_lines_kept() -> None:
    old = render_block([Entry("contracts/a.yaml", ("@x",), ())])
    new = render_block([Entry("contracts/a.yaml", ("@x", "@z"), ())])
    text = USER_LINES + old + "/later/ @someone\n"
    result = updated(text, new)
    assert result == USER_LINES + new + "/later/ @someone\n"
    assert updated(result, new) == result  # idempotent
    assert current_block(result) == new


def test_differences_empty_when_up_to_date_and_a_diff_otherwise() -> None:
    block = render_block([Entry("contracts/a.yaml", ("@x",), ())])
    assert differences(USER_LINES + block, block, "CODEOWNERS") == []
    diff = differences(USER_LINES, block, "CODEOWNERS")
    assert diff[0].startswith("--- CODEOWNERS (current)")
    assert "+/contracts/a.yaml @x\n" in diff


@pytest.mark.parametrize("text", [f"{BEGIN}\n/x @y\n", f"/x @y\n{END}\n", f"{END}\n{BEGIN}\n",
                                  f"{BEGIN}\n{END}\n{BEGIN}\n{END}\n"])
def test_malformed_block_is_an_error(text: str) -> None:
    with pytest.raises(CodeownersError, match="BEGIN"):
        updated(text, render_block([]))


def test_no_block() -> None:
    assert current_block(USER_LINES) is None
