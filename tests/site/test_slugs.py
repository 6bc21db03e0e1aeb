"""File names of the site's pages: safe for every file system and link, unique, independent of order."""

from __future__ import annotations

import re

from agreed.site.slugs import fold, unique_names


def test_fold_keeps_lower_case_ascii_letters_digits_and_hyphens() -> None:
    assert fold("Tomás Herrera") == "tomas-herrera"
    assert fold("../../etc/passwd") == "etc-passwd"
    assert fold("日本語") == "item"
    assert len(fold("x" * 500)) == 60


def test_names_that_collide_or_are_reserved_get_a_hash_and_order_does_not_matter() -> None:
    keys = {"a.yaml": "Q1 plan", "b.yaml": "q1-plan", "c.yaml": "con", "d.yaml": "other"}
    names = unique_names(keys)
    assert names["d.yaml"] == "other"
    assert re.fullmatch(r"q1-plan-[0-9a-f]{8}", names["a.yaml"])
    assert re.fullmatch(r"con-[0-9a-f]{8}", names["c.yaml"])
    assert len(set(names.values())) == len(names)
    assert unique_names(dict(reversed(list(keys.items())))) == names


def test_a_hashed_name_that_another_id_holds_is_lengthened() -> None:
    first = unique_names({"a": "x", "b": "x"})
    clash = {"a": "x", "b": "x", "c": first["a"]}
    names = unique_names(clash)
    assert len(set(names.values())) == 3
    assert names["c"] == first["a"]
