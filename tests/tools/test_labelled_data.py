"""The labelled statement sets in tests/data follow the format of tests/data/LABELLING.md, and the checker that says so
refuses rows that break it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from labelled import (
    HEADER,
    LabelError,
    Span,
    data_files,
    file_problems,
    format_span,
    parse_span,
    read_rows,
)

GOOD_ROW = "\t".join(
    (
        "r001",
        "dev",
        "requirements",
        "public-sector",
        "vagueness,weak-verb,time",
        "weak=should | subjective=robust | time=soon | subjective=robust#2",
        "Ops should build a robust cache and a robust queue soon.",
    )
)


def write(folder: Path, name: str, *rows: str, header: tuple[str, ...] = HEADER) -> Path:
    path = folder / name
    path.write_text("\n".join(["\t".join(header), *rows]) + "\n", encoding="utf-8")
    return path


def with_field(row: str, index: int, value: str) -> str:
    fields = row.split("\t")
    fields[index] = value
    return "\t".join(fields)


@pytest.mark.parametrize("path", data_files(), ids=lambda path: path.name)
def test_labelled_file_follows_the_guide(path: Path) -> None:
    assert file_problems(path) == []


def test_labelled_good_row_is_read_with_its_spans(tmp_path: Path) -> None:
    [row] = read_rows(write(tmp_path, "requirements.tsv", GOOD_ROW))
    assert row.labels == {"vagueness", "weak-verb", "time"}
    assert row.spans is not None
    assert [(span.kind, span.category, row.text[span.start : span.end]) for span in row.spans] == [
        ("weak", "weak-verb", "should"),
        ("subjective", "vagueness", "robust"),
        ("time", "time", "soon"),
        ("subjective", "vagueness", "robust"),
    ]
    assert row.spans[1].start == row.text.index("robust")
    assert row.spans[3].start == row.text.rindex("robust")


@pytest.mark.parametrize(
    ("index", "value", "problem"),
    [
        (0, "r002", "should be number 001"),
        (0, "a001", "should start with 'r'"),
        (0, "r1", "not a letter and 3 digits"),
        (1, "holdout", "should be 'dev'"),
        (2, "spec", "genre 'spec' is not one of"),
        (3, "Public Sector", "domain"),
        (4, "weak-verb,vagueness,time", "must be unique and in the order"),
        (4, "vagueness,time", "differ from the categories of the spans"),
        (4, "vague", "unknown label 'vague'"),
        (5, "weak=should | vague=robust | time=soon", "unknown kind 'vague'"),
        (5, "weak=should | subjective=sturdy | time=soon", "'sturdy' is not in the text"),
        (5, "weak=should | subjective=robust#3 | time=soon", "occurrence 3 of 'robust'"),
        (5, "weak=should | subjective=robust#1 | time=soon", "nothing for the first"),
        (5, "weak=should | subjective=Robust | time=soon", "'Robust' is not in the text"),
        (5, "weak=should | subjective=robust | time=soo", "part of a longer word ('soon')"),
        (5, "weak=should | subjective= robust | time=soon", "starts or ends with a space"),
        (5, "weak=should|subjective=robust | time=soon", "a space on each side of |"),
        (5, "weak=should | subjective=robust | time=soon | time=soon", "same kind twice"),
        (5, "should | subjective=robust | time=soon", "is not kind=phrase"),
        (6, "Ops should build a robust cache and a robust queue soon. ", "trailing"),
        (6, "Ops should build a robust  cache and a robust queue soon.", "doubled"),
        (6, "Ops should build a robust cache\tand a robust queue soon.", "expected 7 fields"),
        (6, "", "text is empty"),
    ],
)
def test_labelled_checker_refuses_a_bad_row(tmp_path: Path, index: int, value: str, problem: str) -> None:
    path = write(tmp_path, "requirements.tsv", with_field(GOOD_ROW, index, value))
    [found] = file_problems(path)
    assert found.startswith("requirements.tsv:2: ")
    assert problem in found
    with pytest.raises(LabelError, match=r"requirements\.tsv:2"):
        read_rows(path)


def test_labelled_checker_refuses_a_gap_in_the_ids(tmp_path: Path) -> None:
    third = with_field(with_field(GOOD_ROW, 0, "r003"), 1, "dev")
    second_missing = write(tmp_path, "requirements.tsv", GOOD_ROW, third)
    assert file_problems(second_missing) == [
        "requirements.tsv:3: id 'r003' should be number 002: ids count up from 001 in file order",
        "requirements.tsv:3: split 'dev' should be 'holdout' (holdout when n % 5 is 2 or 4)",
    ]


def test_labelled_checker_refuses_a_wrong_header(tmp_path: Path) -> None:
    path = write(tmp_path, "requirements.tsv", GOOD_ROW, header=("id", "split", "labels", "text"))
    header_problem = f"requirements.tsv:1: the header must be the tab-separated fields {' '.join(HEADER)}"
    assert file_problems(path) == [header_problem]


def test_labelled_checker_refuses_a_label_in_the_precise_set(tmp_path: Path) -> None:
    row = with_field(GOOD_ROW, 0, "p001")
    [problem] = file_problems(write(tmp_path, "precise.tsv", row))
    assert "every row of precise.tsv is labelled '-'" in problem
    precise = with_field(with_field(with_field(row, 4, "-"), 5, "-"), 6, "Ops will build 2 caches by 2027-03-01.")
    assert file_problems(write(tmp_path, "precise.tsv", precise)) == []


WORDS = st.lists(st.sampled_from(["soon", "robust", "so", "on", "TBD", "by", "Q3", "X", "(a)", "etc."]), min_size=1)


@given(words=WORDS, data=st.data())
def test_labelled_span_written_back_reads_as_the_same_words(words: list[str], data: st.DataObject) -> None:
    text = " ".join(words)
    first = data.draw(st.integers(0, len(words) - 1))
    last = data.draw(st.integers(first, len(words) - 1))
    start = len(" ".join(words[:first])) + (1 if first else 0)
    end = len(" ".join(words[: last + 1]))
    span = Span("time", "time", start, end)
    assert parse_span(format_span(span, text), text) == span
