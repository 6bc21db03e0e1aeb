"""Where the cursor is, read from the lines of a buffer that may not parse."""

from __future__ import annotations

from agreed.lsp.places import ITEM, Place, enclosing, place_at, tokens

AGREEMENT = """\
id: demo
status: draft
parties:
  - id: ana
    name: Ana
results:
  deliverables:
  - id: d1
    what: >-
      Ship it: the whole thing
    owner: ana
    for:
      - ana
  purpose: x
""".splitlines()


def test_tokens_of_dashes_and_keys() -> None:
    assert [(token.col, token.key) for token in tokens("  - - id: a")] == [(2, ITEM), (4, ITEM), (6, "id")]
    assert tokens("# a comment") == ()
    assert tokens("") == ()
    assert tokens("---") == ()
    assert tokens('  "quoted": 1')[0].key == "quoted"


def test_enclosing_follows_indentation_and_list_dashes_at_their_key_column() -> None:
    assert enclosing(AGREEMENT, 4, 4) == ("parties", ITEM)
    assert enclosing(AGREEMENT, 10, 4) == ("results", "deliverables", ITEM)
    assert enclosing(AGREEMENT, 12, 8) == ("results", "deliverables", ITEM, "for", ITEM)
    assert enclosing(AGREEMENT, 13, 2) == ("results",)
    assert enclosing(AGREEMENT, 9, 6) == ("results", "deliverables", ITEM, "what")


def test_place_on_a_key_in_a_value_and_where_a_key_is_typed() -> None:
    assert place_at(AGREEMENT, 1, 2) == Place((), "status", True, False, "st")
    assert place_at(AGREEMENT, 1, 10) == Place((), "status", False, True, "dr")
    assert place_at(AGREEMENT, 10, 11) == Place(("results", "deliverables", ITEM), "owner", False, True, "")
    broken = [*AGREEMENT[:5], "    rol", "  - id: [unclosed"]
    assert place_at(broken, 5, 7) == Place(("parties", ITEM), None, False, False, "rol", frozenset({"id", "name"}))



def test_sibling_keys_are_those_of_the_same_mapping() -> None:
    typing = [*AGREEMENT[:11], "    ", *AGREEMENT[11:]]
    assert place_at(typing, 11, 4).present == {"id", "what", "owner", "for"}
    assert place_at(["id: x", "", "status: draft"], 1, 0).present == {"id", "status"}
