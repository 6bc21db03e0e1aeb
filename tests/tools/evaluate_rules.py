"""Score the linter's statement rules against ``tests/data/statements.tsv``.

For each category (vagueness, accountability, time) the script reports true positives,
false positives, false negatives, precision, recall and F1, plus a micro average over
the three categories. The labels follow ``tests/data/LABELLING.md``.

Examples::

    python tests/tools/evaluate_rules.py                 # dev, holdout and all
    python tests/tools/evaluate_rules.py --split dev --show-errors
    python tests/tools/evaluate_rules.py --min-severity warning --json

The prediction function is injectable: ``evaluate(rows, predict)`` takes any callable
``text -> set of categories``, so the metrics can be tested without the ``agreed``
library.
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

CATEGORIES: tuple[str, ...] = ("vagueness", "accountability", "time")
SPLITS: tuple[str, ...] = ("dev", "holdout")
HEADER: tuple[str, ...] = ("id", "split", "domain", "labels", "text")
NO_LABEL = "-"
SEVERITIES: dict[str, int] = {"info": 1, "warning": 2, "error": 3}
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT / "tests" / "data" / "statements.tsv"
TOOLKIT = ROOT / "toolkit"

Predictor = Callable[[str], Iterable[str]]


class _CategoryLike(Protocol):
    @property
    def value(self) -> str: ...


class Finding(Protocol):
    """The parts of ``agreed.lint.engine.StatementFinding`` that the evaluation uses."""

    @property
    def category(self) -> _CategoryLike: ...

    @property
    def severity(self) -> int: ...


@dataclass(frozen=True)
class Row:
    """One labelled statement."""

    id: str
    split: str
    domain: str
    labels: frozenset[str]
    text: str


@dataclass
class Counts:
    """Confusion counts for one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class Error:
    """A false positive ("FP") or false negative ("FN") for one category of a row."""

    kind: str
    category: str
    row: Row

    def to_dict(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "category": self.category,
            "id": self.row.id,
            "split": self.row.split,
            "text": self.row.text,
        }


@dataclass
class Report:
    """Per-category counts and the errors behind them, for one set of rows."""

    statements: int = 0
    counts: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in CATEGORIES})
    errors: list[Error] = field(default_factory=list)

    @property
    def micro(self) -> Counts:
        total = Counts()
        for counts in self.counts.values():
            total.add(counts)
        return total

    def to_dict(self) -> dict[str, Any]:
        categories = {name: counts.to_dict() for name, counts in self.counts.items()}
        return {
            "statements": self.statements,
            "categories": categories,
            "micro": self.micro.to_dict(),
        }


def _ratio(numerator: int, denominator: int) -> float:
    """Return numerator / denominator, or 0.0 when nothing was counted."""
    return numerator / denominator if denominator else 0.0


def parse_labels(value: str) -> frozenset[str]:
    """Parse the ``labels`` column: ``-``, or categories joined by commas in order."""
    if value == NO_LABEL:
        return frozenset()
    labels = value.split(",")
    if any(label not in CATEGORIES for label in labels):
        raise ValueError(f"unknown label in {value!r}; expected {NO_LABEL!r} or some of {CATEGORIES}")
    if labels != [c for c in CATEGORIES if c in labels]:
        raise ValueError(f"labels {value!r} must be unique and in the order {','.join(CATEGORIES)}")
    return frozenset(labels)


def parse_row(fields: Sequence[str], line: int) -> Row:
    """Build a Row from one TSV line; raise ValueError naming the line on bad input."""
    if len(fields) != len(HEADER):
        raise ValueError(f"line {line}: expected {len(HEADER)} fields separated by tabs, not {len(fields)}")
    row_id, split, domain, labels, text = fields
    if split not in SPLITS:
        raise ValueError(f"line {line}: split {split!r} is not one of {SPLITS}")
    if not text.strip():
        raise ValueError(f"line {line}: empty text")
    try:
        return Row(row_id, split, domain, parse_labels(labels), text)
    except ValueError as exc:
        raise ValueError(f"line {line}: {exc}") from exc


def load_rows(path: Path) -> list[Row]:
    """Read and check the labelled statements file."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or tuple(header) != HEADER:
            raise ValueError(f"{path}: header must be the tab-separated fields {', '.join(HEADER)}")
        rows = [parse_row(fields, line) for line, fields in enumerate(reader, start=2)]
    ids = [row.id for row in rows]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{path}: duplicate ids")
    return rows


def evaluate(rows: Iterable[Row], predict: Predictor) -> Report:
    """Compare ``predict(text)`` with the gold labels of every row.

    Categories that are not among CATEGORIES (such as "structure") are ignored.
    """
    report = Report()
    for row in rows:
        report.statements += 1
        predicted = set(predict(row.text)) & set(CATEGORIES)
        for category in CATEGORIES:
            _score(report, row, category, category in predicted)
    return report


def _score(report: Report, row: Row, category: str, predicted: bool) -> None:
    gold = category in row.labels
    counts = report.counts[category]
    if gold and predicted:
        counts.tp += 1
    elif predicted:
        counts.fp += 1
        report.errors.append(Error("FP", category, row))
    elif gold:
        counts.fn += 1
        report.errors.append(Error("FN", category, row))


def predictor_from(check: Callable[[str], Iterable[Finding]], min_severity: int) -> Predictor:
    """Turn a ``check_statement``-like function into a predictor.

    A category is predicted when a finding of that category has a severity of at
    least ``min_severity``.
    """

    def predict(text: str) -> set[str]:
        return {f.category.value for f in check(text) if int(f.severity) >= min_severity}

    return predict


def select(rows: Iterable[Row], split: str) -> list[Row]:
    """Rows of one split, or all rows for ``all``."""
    return [row for row in rows if split in ("all", row.split)]


_TABLE_ROW = "{:<16}{:>5}{:>5}{:>5}{:>11}{:>8}{:>8}"
_SCORE_NAMES = ("precision", "recall", "f1")


def format_report(name: str, report: Report) -> str:
    """Render one report as a plain-text table."""
    title = f"== {name} ({report.statements} statements) =="
    lines = [title, _TABLE_ROW.format("category", "tp", "fp", "fn", *_SCORE_NAMES)]
    for category, c in [*report.counts.items(), ("micro", report.micro)]:
        scores = (f"{score:.3f}" for score in (c.precision, c.recall, c.f1))
        lines.append(_TABLE_ROW.format(category, c.tp, c.fp, c.fn, *scores))
    return "\n".join(lines)


def format_errors(errors: Iterable[Error]) -> str:
    """Render false positives and negatives, grouped by category and kind."""
    ordered = sorted(errors, key=lambda e: (CATEGORIES.index(e.category), e.kind, e.row.id))
    if not ordered:
        return "no errors"
    return "\n".join(f"{e.kind} {e.category:<15} {e.row.id} [{e.row.split}] {e.row.text}" for e in ordered)


def split_names(split: str) -> list[str]:
    """Return the splits to report: the one asked for, or each split then ``all``."""
    return [*SPLITS, "all"] if split == "all" else [split]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Score the linter's statement rules against statements.tsv.")
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help="labelled TSV (default: %(default)s)",
    )
    parser.add_argument(
        "--split",
        choices=[*SPLITS, "all"],
        default="all",
        help="rows to score (default: all)",
    )
    parser.add_argument(
        "--min-severity",
        choices=list(SEVERITIES),
        default="info",
        help="lowest finding severity that counts as a prediction (default: info)",
    )
    parser.add_argument("--show-errors", action="store_true", help="list false positives and negatives")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser


def run(args: argparse.Namespace, predict: Predictor) -> str:
    """Evaluate and render the output for parsed arguments."""
    rows = load_rows(args.data)
    reports = {name: evaluate(select(rows, name), predict) for name in split_names(args.split)}
    errors = reports[split_names(args.split)[-1]].errors
    if args.json:
        payload: dict[str, Any] = {
            "min_severity": args.min_severity,
            "splits": {name: report.to_dict() for name, report in reports.items()},
        }
        if args.show_errors:
            payload["errors"] = [e.to_dict() for e in errors]
        return json.dumps(payload, indent=2, ensure_ascii=False)
    blocks = [format_report(name, report) for name, report in reports.items()]
    if args.show_errors:
        blocks.append(f"== errors ({args.split}) ==\n{format_errors(errors)}")
    return "\n\n".join(blocks)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if TOOLKIT.is_dir() and str(TOOLKIT) not in sys.path:
        sys.path.append(str(TOOLKIT))  # an installed ``agreed`` still takes precedence
    try:
        # Imported here so that the module (and evaluate) works without the library.
        from agreed.lint.engine import check_statement
    except ImportError as exc:
        print(
            f"cannot import agreed.lint.engine ({exc}); install the package first",
            file=sys.stderr,
        )
        return 2
    predict = functools.cache(predictor_from(check_statement, SEVERITIES[args.min_severity]))
    try:
        print(run(args, predict))
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
