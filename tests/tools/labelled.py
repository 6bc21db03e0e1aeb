"""Read the labelled statement sets in ``tests/data/*.tsv`` and check them against the labelling guide.

``tests/data/LABELLING.md`` defines the format. Every file is tab-separated with the header
``id split genre domain labels spans text``; ``spans`` marks the words behind each label as ``kind=phrase`` items
joined by `` | ``, where ``phrase#2`` names the second occurrence of the phrase in the text.

``read_rows`` returns the rows of one file and raises ``LabelError`` listing every problem; ``file_problems``
returns the problems instead. Both the data tests (``test_labelled_data.py``) and ``evaluate_rules.py`` read the
files through this module, so the evaluation never scores a row the checks would refuse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

CATEGORIES: tuple[str, ...] = ("vagueness", "weak-verb", "accountability", "time")
SPLITS: tuple[str, ...] = ("dev", "holdout")
GENRES: tuple[str, ...] = (
    "agreement",
    "requirements",
    "okr",
    "service-level",
    "team-agreement",
    "charter",
    "relationship",
)
HEADER: tuple[str, ...] = ("id", "split", "genre", "domain", "labels", "spans", "text")
NO_LABEL = "-"
SPAN_SEPARATOR = " | "

KIND_CATEGORY: dict[str, str] = {
    "subjective": "vagueness",
    "quantifier": "vagueness",
    "loophole": "vagueness",
    "open-ended": "vagueness",
    "comparative": "vagueness",
    "superlative": "vagueness",
    "activity": "vagueness",
    "placeholder": "vagueness",
    "frequency": "vagueness",
    "weak": "weak-verb",
    "passive": "accountability",
    "collective": "accountability",
    "several": "accountability",
    "time": "time",
}

ID_PREFIX: dict[str, str] = {
    "statements.tsv": "s",
    "requirements.tsv": "r",
    "agreements.tsv": "a",
    "precise.tsv": "p",
    "unseen.tsv": "u",
}
PRECISE_FILE = "precise.tsv"
DATA = Path(__file__).resolve().parents[1] / "data"

_ID = re.compile(r"(?P<prefix>[a-z])(?P<number>\d{3})")
_DOMAIN = re.compile(r"[a-z]+(?:[-_][a-z]+)*")
_OCCURRENCE = re.compile(r"(?P<phrase>.+?)#(?P<occurrence>\d+)")
_STRAY_WHITESPACE = re.compile(r"^\s|\s$|\s\s|[^\S ]")


class LabelError(ValueError):
    """A labelled file breaks the format; the message lists every problem found."""


@dataclass(frozen=True)
class Span:
    """The words behind one label: ``text[start:end]`` shows the problem of this kind."""

    kind: str
    category: str
    start: int
    end: int


@dataclass(frozen=True)
class Row:
    """One labelled statement."""

    file: str
    id: str
    split: str
    genre: str
    domain: str
    labels: frozenset[str]
    spans: tuple[Span, ...]
    text: str


def split_of(number: int) -> str:
    """The split of the row numbered ``number``: holdout when number % 5 is 2 or 4."""
    return "holdout" if number % 5 in (2, 4) else "dev"


def parse_labels(value: str) -> frozenset[str]:
    """Parse the ``labels`` column: ``-``, or categories joined by commas in their fixed order."""
    if value == NO_LABEL:
        return frozenset()
    labels = value.split(",")
    unknown = [label for label in labels if label not in CATEGORIES]
    if unknown:
        raise ValueError(f"unknown label {unknown[0]!r} in {value!r}; expected {NO_LABEL!r} or some of {CATEGORIES}")
    if labels != [c for c in CATEGORIES if c in labels]:
        raise ValueError(f"labels {value!r} must be unique and in the order {','.join(CATEGORIES)}")
    return frozenset(labels)


def parse_spans(value: str, text: str) -> tuple[Span, ...]:
    """Parse the ``spans`` column against the row's text."""
    if value == NO_LABEL:
        return ()
    spans = tuple(parse_span(item, text) for item in value.split(SPAN_SEPARATOR))
    if len(set(spans)) != len(spans):
        raise ValueError(f"spans {value!r} mark the same words with the same kind twice")
    return spans


def parse_span(item: str, text: str) -> Span:
    """Parse one ``kind=phrase`` or ``kind=phrase#n`` item and locate it in ``text``."""
    if "|" in item:
        raise ValueError(f"span {item!r}: separate span items with {SPAN_SEPARATOR!r}, a space on each side of |")
    kind, equals, marked = item.partition("=")
    if not equals or not marked:
        raise ValueError(f"span {item!r} is not kind=phrase")
    if kind not in KIND_CATEGORY:
        raise ValueError(f"span {item!r}: unknown kind {kind!r}; expected one of {', '.join(KIND_CATEGORY)}")
    phrase, occurrence = _phrase_and_occurrence(marked)
    if phrase != phrase.strip():
        raise ValueError(f"span {item!r}: the phrase starts or ends with a space")
    start = _nth_occurrence(text, phrase, occurrence)
    if start is None:
        raise ValueError(f"span {item!r}: occurrence {occurrence} of {phrase!r} is not in the text")
    end = start + len(phrase)
    if _cuts_a_word(text, start, end):
        raise ValueError(
            f"span {item!r}: occurrence {occurrence} of {phrase!r} is part of a longer word "
            f"({_word_around(text, start, end)!r}); occurrences are counted as substrings"
        )
    return Span(kind, KIND_CATEGORY[kind], start, end)


def format_span(span: Span, text: str) -> str:
    """Write a span back as its ``kind=phrase[#n]`` item (the inverse of ``parse_span``)."""
    phrase = text[span.start : span.end]
    occurrence = sum(1 for start in _occurrences(text, phrase) if start <= span.start)
    return f"{span.kind}={phrase}" if occurrence == 1 else f"{span.kind}={phrase}#{occurrence}"


def _phrase_and_occurrence(marked: str) -> tuple[str, int]:
    match = _OCCURRENCE.fullmatch(marked)
    if match is None:
        return marked, 1
    occurrence = int(match["occurrence"])
    if occurrence < 2:
        raise ValueError(f"span phrase {marked!r}: write #2, #3, ... for a later occurrence, nothing for the first")
    return match["phrase"], occurrence


def _occurrences(text: str, phrase: str) -> Iterator[int]:
    start = text.find(phrase)
    while start != -1:
        yield start
        start = text.find(phrase, start + 1)


def _nth_occurrence(text: str, phrase: str, occurrence: int) -> int | None:
    for count, start in enumerate(_occurrences(text, phrase), start=1):
        if count == occurrence:
            return start
    return None


def _cuts_a_word(text: str, start: int, end: int) -> bool:
    """Whether the phrase begins or ends inside a word of the text ("some" in "handsome")."""
    before = start > 0 and text[start - 1].isalnum() and text[start].isalnum()
    after = end < len(text) and text[end].isalnum() and text[end - 1].isalnum()
    return before or after


def _word_around(text: str, start: int, end: int) -> str:
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


def parse_row(fields: Sequence[str], file: str) -> Row:
    """Build a Row from the fields of one line; raise ValueError on a field that breaks the format."""
    if len(fields) != len(HEADER):
        raise ValueError(f"expected {len(HEADER)} fields separated by tabs, not {len(fields)}")
    for name, value in zip(HEADER, fields, strict=True):
        if not value:
            raise ValueError(f"{name} is empty")
        if _STRAY_WHITESPACE.search(value):
            raise ValueError(f"{name} {value!r} has a leading, trailing, doubled or non-space whitespace")
    row_id, split, genre, domain, labels, spans, text = fields
    return Row(file, row_id, split, genre, domain, parse_labels(labels), parse_spans(spans, text), text)


def row_problems(row: Row, number: int, prefix: str | None) -> Iterator[str]:
    """What is wrong with a parsed row that should be the ``number``-th of its file."""
    match = _ID.fullmatch(row.id)
    if match is None:
        yield f"id {row.id!r} is not a letter and 3 digits"
    elif prefix is not None and match["prefix"] != prefix:
        yield f"id {row.id!r} should start with {prefix!r} in {row.file}"
    elif int(match["number"]) != number:
        yield f"id {row.id!r} should be number {number:03d}: ids count up from 001 in file order"
    if row.split != split_of(number):
        yield f"split {row.split!r} should be {split_of(number)!r} (holdout when n % 5 is 2 or 4)"
    if row.genre not in GENRES:
        yield f"genre {row.genre!r} is not one of {', '.join(GENRES)}"
    if not _DOMAIN.fullmatch(row.domain):
        yield f"domain {row.domain!r} is not a lower-case word (words joined by - or _)"
    yield from _span_problems(row)
    if row.file == PRECISE_FILE and (row.labels or row.spans):
        yield f"every row of {PRECISE_FILE} is labelled {NO_LABEL!r} with spans {NO_LABEL!r}"


def _span_problems(row: Row) -> Iterator[str]:
    marked = {span.category for span in row.spans}
    if marked != row.labels:
        labels = ",".join(c for c in CATEGORIES if c in row.labels) or NO_LABEL
        from_spans = ",".join(c for c in CATEGORIES if c in marked) or NO_LABEL
        yield f"labels {labels!r} differ from the categories of the spans ({from_spans!r})"


def file_problems(path: Path) -> list[str]:
    """Every problem of one labelled file, each as ``file:line: message``."""
    return _read(path)[1]


def read_rows(path: Path) -> list[Row]:
    """The rows of one labelled file; raise LabelError listing every problem if it breaks the format."""
    rows, problems = _read(path)
    if problems:
        raise LabelError("\n".join(problems))
    return rows


def read_all(paths: Iterable[Path]) -> list[Row]:
    """The rows of several labelled files, file after file."""
    return [row for path in paths for row in read_rows(path)]


def data_files(folder: Path = DATA) -> list[Path]:
    """The labelled files present in ``folder``, in name order."""
    return sorted(folder.glob("*.tsv"))


def _read(path: Path) -> tuple[list[Row], list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = handle.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        return [], [f"{path.name}:1: the file is empty; it needs the header {' '.join(HEADER)}"]
    header = tuple(lines[0].split("\t"))
    if header != HEADER:
        return [], [f"{path.name}:1: the header must be the tab-separated fields {' '.join(HEADER)}"]
    rows: list[Row] = []
    problems: list[str] = []
    prefix = ID_PREFIX.get(path.name)
    for line, text in enumerate(lines[1:], start=2):
        try:
            row = parse_row(text.split("\t"), path.name)
        except ValueError as exc:
            problems.append(f"{path.name}:{line}: {exc}")
            continue
        rows.append(row)
        problems.extend(f"{path.name}:{line}: {problem}" for problem in row_problems(row, line - 1, prefix))
    return rows, problems
