"""Score the linter's text rules against the labelled statement sets in ``tests/data/``.

Every ``*.tsv`` file is read through ``labelled.py`` (the format is in ``tests/data/LABELLING.md``). The script
reports, for the dev split, the holdout split and both:

- statement level: per category (vagueness, weak-verb, accountability, time) and micro, true and false positives,
  false negatives, precision, recall and F1, per file and over all files but ``precise.tsv``;
- per rule: precision (findings that overlap a gold span of the rule's category / findings) and recall (gold spans
  of the kinds the rule covers that one of its findings covers / those gold spans), over all files but
  ``precise.tsv``;
- span agreement per category: of the gold spans of a category, in statements the rules flag for that category,
  the share that a finding of that category covers (a finding covers a gold span when it overlaps at least half of
  its characters);
- ``precise.tsv``: the false-positive rate, statements with any finding of any text rule at any severity.

Examples::

    python tests/tools/evaluate_rules.py                       # every file; dev, holdout and all
    python tests/tools/evaluate_rules.py --split dev --show-errors
    python tests/tools/evaluate_rules.py --min-severity warning --json

``--show-errors`` lists the false positives and negatives of dev rows only: the holdout is never shown row by row,
so tuning cannot read it. The check is injectable: ``evaluate(judge(rows, check), ...)`` takes any callable
``text -> findings``, so the metrics are tested without the ``agreed`` library.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from labelled import CATEGORIES, KIND_CATEGORY, PRECISE_FILE, SPLITS, Row, Span, data_files, format_span, read_all

SEVERITIES: dict[str, int] = {"info": 1, "warning": 2, "error": 3}
TOOLKIT = Path(__file__).resolve().parents[2] / "toolkit"
ALL_BUT_PRECISE = f"all but {PRECISE_FILE}"
HOLDOUT_REFUSAL = "--show-errors lists dev rows only: the holdout is never shown row by row, so tuning cannot read it"
VAGUENESS_KINDS = tuple(kind for kind, category in KIND_CATEGORY.items() if category == "vagueness")

# The kinds of gold span each text rule looks for: its recall is measured on those spans.
RULE_KINDS: dict[str, tuple[str, ...]] = {
    "V101": ("subjective",),
    "V102": ("quantifier", "frequency"),
    "V103": ("loophole",),
    "V104": ("open-ended",),
    "V105": ("comparative",),
    "V106": ("superlative",),
    "V107": ("activity",),
    "V108": ("placeholder",),
    "V109": ("weak",),
    "V110": VAGUENESS_KINDS,  # a team's declared terms can stand for any vague kind
    "A205": ("passive",),
    "A206": ("collective", "several"),
    "T301": ("time",),
}


@dataclass(frozen=True)
class Finding:
    """One finding of a text rule: its code, category, severity and the characters it marks."""

    rule: str
    category: str
    severity: int
    start: int
    end: int


Check = Callable[[str], Iterable[Finding]]


@dataclass(frozen=True)
class Judged:
    """A labelled row with every finding the rules report on its text, at any severity."""

    row: Row
    findings: tuple[Finding, ...]

    def categories(self, min_severity: int) -> frozenset[str]:
        """The categories the rules flag at ``min_severity`` or above (others, such as structure, are left out)."""
        return frozenset(f.category for f in self.findings if f.severity >= min_severity) & frozenset(CATEGORIES)


def rule_category(rule: str, reported: str) -> str:
    """The category of a rule: that of the kinds it covers, else the one its findings report."""
    kinds = RULE_KINDS.get(rule, ())
    return KIND_CATEGORY[kinds[0]] if kinds else reported


def reported_category(rule: str, reported: str) -> str:
    """The category of a finding; a hedge rule still reported under vagueness counts as weak-verb."""
    if reported == "vagueness" and rule_category(rule, reported) == "weak-verb":
        return "weak-verb"
    return reported


def overlap(finding: Finding, span: Span) -> int:
    """How many characters the finding and the gold span share."""
    return max(0, min(finding.end, span.end) - max(finding.start, span.start))


def covers(finding: Finding, span: Span) -> bool:
    """Whether the finding overlaps at least half of the gold span's characters."""
    return 2 * overlap(finding, span) >= span.end - span.start


def judge(rows: Iterable[Row], check: Check) -> list[Judged]:
    """Run the check once on every row."""
    return [Judged(row, tuple(check(row.text))) for row in rows]


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


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
        scores = {"precision": self.precision, "recall": self.recall, "f1": self.f1}
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, **{k: round(v, 4) for k, v in scores.items()}}


@dataclass(frozen=True)
class Error:
    """A false positive ("FP") or false negative ("FN") of one category on one row."""

    kind: str
    category: str
    judged: Judged

    def to_dict(self) -> dict[str, Any]:
        row = self.judged.row
        return {
            "kind": self.kind,
            "category": self.category,
            "file": row.file,
            "id": row.id,
            "text": row.text,
            "gold": [format_span(span, row.text) for span in row.spans],
            "found": [_describe(finding, row.text) for finding in self.judged.findings],
        }


@dataclass
class StatementReport:
    """Statement-level counts per category, and the errors behind them."""

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
        return {"statements": self.statements, "categories": categories, "micro": self.micro.to_dict()}


def statement_level(judged: Iterable[Judged], min_severity: int) -> StatementReport:
    """Compare the categories the rules flag with the gold labels of every row."""
    report = StatementReport()
    for item in judged:
        report.statements += 1
        flagged = item.categories(min_severity)
        for category in CATEGORIES:
            _score(report, item, category, category in flagged)
    return report


def _score(report: StatementReport, item: Judged, category: str, flagged: bool) -> None:
    gold = category in item.row.labels
    counts = report.counts[category]
    if gold and flagged:
        counts.tp += 1
    elif flagged:
        counts.fp += 1
        report.errors.append(Error("FP", category, item))
    elif gold:
        counts.fn += 1
        report.errors.append(Error("FN", category, item))


@dataclass
class RuleCounts:
    """Span counts of one rule: its findings and the gold spans of the kinds it covers."""

    category: str
    kinds: tuple[str, ...]
    findings: int = 0
    matched: int = 0
    gold: int = 0
    covered: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.findings)

    @property
    def recall(self) -> float:
        return _ratio(self.covered, self.gold)

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "kinds": list(self.kinds),
            "findings": self.findings,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "gold": self.gold,
            "covered": self.covered,
            "recall": round(self.recall, 4),
        }


def per_rule(judged: Iterable[Judged], min_severity: int) -> dict[str, RuleCounts]:
    """Precision and recall on spans of every rule in RULE_KINDS and of every rule that reported something."""
    rules = {rule: RuleCounts(KIND_CATEGORY[kinds[0]], kinds) for rule, kinds in RULE_KINDS.items()}
    for item in judged:
        spans = item.row.spans
        findings = [f for f in item.findings if f.severity >= min_severity]
        for finding in findings:
            counts = rules.setdefault(finding.rule, RuleCounts(rule_category(finding.rule, finding.category), ()))
            counts.findings += 1
            counts.matched += any(s.category == counts.category and overlap(finding, s) for s in spans)
        for rule, counts in rules.items():
            for span in (s for s in spans if s.kind in counts.kinds):
                counts.gold += 1
                counts.covered += any(f.rule == rule and covers(f, span) for f in findings)
    return dict(sorted(rules.items()))


@dataclass
class SpanAgreement:
    """Gold spans of one category in the statements flagged for it, and how many a finding of it covers."""

    gold: int = 0
    covered: int = 0

    @property
    def share(self) -> float:
        return _ratio(self.covered, self.gold)

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "covered": self.covered, "agreement": round(self.share, 4)}


def span_agreement(judged: Iterable[Judged], min_severity: int) -> dict[str, SpanAgreement]:
    """Span agreement per category."""
    agreement = {category: SpanAgreement() for category in CATEGORIES}
    for item in judged:
        flagged = item.categories(min_severity)
        findings = [f for f in item.findings if f.severity >= min_severity]
        for span in (s for s in item.row.spans if s.category in flagged):
            agreement[span.category].gold += 1
            agreement[span.category].covered += any(
                f.category == span.category and covers(f, span) for f in findings
            )
    return agreement


@dataclass
class PreciseReport:
    """Statements of the precise set with any finding, at any severity, and the rules behind them."""

    statements: int = 0
    flagged: int = 0
    rules: Counter[str] = field(default_factory=Counter)
    rows: list[Judged] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return _ratio(self.flagged, self.statements)

    def to_dict(self) -> dict[str, Any]:
        rules = dict(sorted(self.rules.items()))
        return {"statements": self.statements, "flagged": self.flagged, "rate": round(self.rate, 4), "rules": rules}


def false_positive_rate(judged: Iterable[Judged]) -> PreciseReport:
    """The share of statements with any finding of any text rule, whatever its severity."""
    report = PreciseReport()
    for item in judged:
        report.statements += 1
        if item.findings:
            report.flagged += 1
            report.rows.append(item)
            report.rules.update({f.rule for f in item.findings})
    return report


@dataclass
class Evaluation:
    """Every figure of one run, per split name (dev, holdout, all)."""

    files: list[str]
    statements: dict[str, dict[str, StatementReport]]  # scope (a file, or ALL_BUT_PRECISE) -> split -> report
    rules: dict[str, dict[str, RuleCounts]]
    spans: dict[str, dict[str, SpanAgreement]]
    precise: dict[str, PreciseReport]

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "statement_level": {
                scope: {split: report.to_dict() for split, report in reports.items()}
                for scope, reports in self.statements.items()
            },
            "rules": {split: {r: c.to_dict() for r, c in rules.items()} for split, rules in self.rules.items()},
            "span_agreement": {
                split: {c: a.to_dict() for c, a in agreement.items()} for split, agreement in self.spans.items()
            },
            "precise": {split: report.to_dict() for split, report in self.precise.items()},
        }


def select(judged: Iterable[Judged], split: str) -> list[Judged]:
    """The rows of one split, or every row for ``all``."""
    return [item for item in judged if split in ("all", item.row.split)]


def evaluate(judged: Sequence[Judged], splits: Sequence[str], min_severity: int) -> Evaluation:
    """Compute every figure for each split name."""
    files = list(dict.fromkeys(item.row.file for item in judged))
    labelled = [item for item in judged if item.row.file != PRECISE_FILE]
    precise = [item for item in judged if item.row.file == PRECISE_FILE]
    scopes = {name: [item for item in judged if item.row.file == name] for name in files}
    scopes[ALL_BUT_PRECISE] = labelled
    return Evaluation(
        files=files,
        statements={
            scope: {split: statement_level(select(rows, split), min_severity) for split in splits}
            for scope, rows in scopes.items()
        },
        rules={split: per_rule(select(labelled, split), min_severity) for split in splits},
        spans={split: span_agreement(select(labelled, split), min_severity) for split in splits},
        precise={split: false_positive_rate(select(precise, split)) for split in splits} if precise else {},
    )


def dev_errors(evaluation: Evaluation) -> list[Error]:
    """The statement-level errors of dev rows in every labelled file (the precise set's are listed on their own)."""
    errors: list[Error] = []
    for scope, reports in evaluation.statements.items():
        if scope not in (ALL_BUT_PRECISE, PRECISE_FILE) and "dev" in reports:
            errors.extend(reports["dev"].errors)
    return errors


# Rendering


def _describe(finding: Finding, text: str) -> str:
    return f"{finding.rule} {text[finding.start : finding.end]!r}"


def _score_cell(counts: Counts) -> str:
    return f"{counts.precision:5.3f} {counts.recall:5.3f} {counts.f1:5.3f} {counts.tp:>4}/{counts.fp}/{counts.fn}"


def format_statements(scope: str, reports: dict[str, StatementReport]) -> str:
    """One table per scope: a row per category, columns per split."""
    head = "".join(f"{f'{split} ({report.statements})':<30}" for split, report in reports.items())
    lines = [
        f"== statement level: {scope} ==",
        f"{'':<16}{head}".rstrip(),
        (f"{'category':<16}" + f"{'P     R     F1    tp/fp/fn':<30}" * len(reports)).rstrip(),
    ]
    first = next(iter(reports.values()))
    names = [c for c in first.counts if any(r.counts[c] != Counts() for r in reports.values())]
    for name in [*names, "micro"]:
        cells = (r.micro if name == "micro" else r.counts[name] for r in reports.values())
        lines.append(f"{name:<16}" + "".join(f"{_score_cell(c):<30}" for c in cells).rstrip())
    return "\n".join(lines)


def format_rules(rules: dict[str, dict[str, RuleCounts]]) -> str:
    """A row per rule: findings and precision, gold spans and recall, per split."""
    splits = list(rules)
    lines = [
        "== per rule (spans, all files but precise.tsv) ==",
        f"{'rule':<6}{'kinds':<24}" + "".join(f"{split:<26}" for split in splits).rstrip(),
        (f"{'':<30}" + f"{'found   P      gold   R':<26}" * len(splits)).rstrip(),
    ]
    for rule in sorted({r for counts in rules.values() for r in counts}):
        first = next(counts[rule] for counts in rules.values() if rule in counts)
        kinds = ",".join(first.kinds) if len(first.kinds) < len(VAGUENESS_KINDS) else "any vagueness kind"
        cells = (_rule_cell(counts.get(rule)) for counts in rules.values())
        lines.append(f"{rule:<6}{kinds:<24}" + "".join(f"{cell:<26}" for cell in cells).rstrip())
    return "\n".join(lines)


def _rule_cell(counts: RuleCounts | None) -> str:
    if counts is None:
        return "-"
    precision = f"{counts.precision:5.3f}" if counts.findings else "    -"
    recall = f"{counts.recall:5.3f}" if counts.gold else "    -"
    return f"{counts.findings:>5} {precision} {counts.gold:>5} {recall}"


def format_spans(spans: dict[str, dict[str, SpanAgreement]]) -> str:
    """A row per category: covered / gold spans in flagged statements, per split."""
    lines = [
        "== span agreement (gold spans in statements flagged for their category, covered by a finding of it) ==",
        f"{'category':<16}" + "".join(f"{split:<22}" for split in spans).rstrip(),
    ]
    for category in CATEGORIES:
        cells = (spans[split][category] for split in spans)
        lines.append(f"{category:<16}" + "".join(f"{a.share:5.3f} ({a.covered}/{a.gold})".ljust(22) for a in cells))
    return "\n".join(line.rstrip() for line in lines)


def format_precise(precise: dict[str, PreciseReport]) -> str:
    """The false-positive rate on the precise set, per split, and the rules that fired on it."""
    if not precise:
        return f"== {PRECISE_FILE}: not present =="
    lines = [f"== false positives on {PRECISE_FILE} (any text rule, any severity) =="]
    for split, report in precise.items():
        rules = ", ".join(f"{rule} {count}" for rule, count in sorted(report.rules.items())) or "none"
        lines.append(f"{split:<9}{report.flagged}/{report.statements} = {report.rate:.3f}   rules: {rules}")
    return "\n".join(lines)


def format_errors(errors: Iterable[Error], precise: PreciseReport | None) -> str:
    """False positives and negatives of dev rows, with the gold spans and the findings."""
    ordered = sorted(errors, key=lambda e: (CATEGORIES.index(e.category), e.kind, e.judged.row.file, e.judged.row.id))
    lines = [f"{e.kind} {e.category:<15} {e.judged.row.id} {_detail(e.judged)}" for e in ordered]
    if precise is not None:
        lines.extend(f"FP {'(precise)':<15} {item.row.id} {_detail(item)}" for item in precise.rows)
    return "\n".join(lines) if lines else "no errors"


def _detail(item: Judged) -> str:
    row = item.row
    gold = " | ".join(format_span(span, row.text) for span in row.spans) or "-"
    found = ", ".join(_describe(finding, row.text) for finding in item.findings) or "-"
    return f"{row.text}\n    gold: {gold}\n    found: {found}"


def render(evaluation: Evaluation, show_errors: bool) -> str:
    """The plain-text report."""
    blocks = [format_statements(scope, reports) for scope, reports in evaluation.statements.items()]
    blocks += [format_rules(evaluation.rules), format_spans(evaluation.spans), format_precise(evaluation.precise)]
    if show_errors:
        errors = format_errors(dev_errors(evaluation), evaluation.precise.get("dev"))
        blocks.append(f"== errors of dev rows (the holdout is never listed) ==\n{errors}")
    return "\n\n".join(blocks)


def to_json(evaluation: Evaluation, min_severity: str, show_errors: bool) -> str:
    """The JSON report."""
    payload: dict[str, Any] = {"min_severity": min_severity, **evaluation.to_dict()}
    if show_errors:
        payload["errors"] = [e.to_dict() for e in dev_errors(evaluation)]
        dev = evaluation.precise.get("dev")
        payload["precise_false_positives"] = [Error("FP", "-", item).to_dict() for item in dev.rows] if dev else []
    return json.dumps(payload, indent=2, ensure_ascii=False)


# Command line


def split_names(split: str) -> list[str]:
    """The splits to report: the one asked for, or each split then ``all``."""
    return [*SPLITS, "all"] if split == "all" else [split]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Score the linter's text rules against the labelled statement sets.")
    parser.add_argument(
        "--data",
        type=Path,
        action="append",
        help="a labelled TSV file; repeat for several (default: every tests/data/*.tsv)",
    )
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all", help="rows to score (default: all)")
    parser.add_argument(
        "--min-severity",
        choices=list(SEVERITIES),
        default="info",
        help="lowest finding severity that counts as a prediction (default: info); the precise set counts any",
    )
    parser.add_argument("--show-errors", action="store_true", help="list the false positives and negatives of dev rows")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the arguments; refuse to list holdout rows."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.show_errors and args.split == "holdout":
        parser.error(HOLDOUT_REFUSAL)
    return args


def run(args: argparse.Namespace, check: Check) -> str:
    """Read the files, evaluate and render the output for parsed arguments."""
    rows = read_all(args.data or data_files())
    evaluation = evaluate(judge(rows, check), split_names(args.split), SEVERITIES[args.min_severity])
    if args.json:
        return to_json(evaluation, args.min_severity, args.show_errors)
    return render(evaluation, args.show_errors)


def agreed_check() -> Check:
    """The text rules of the installed ``agreed``, as a Check (imported here so the metrics work without it)."""
    from agreed.lint.engine import check_statement

    def check(text: str) -> tuple[Finding, ...]:
        return tuple(
            Finding(f.rule, reported_category(f.rule, f.category.value), int(f.severity), f.start, f.end)
            for f in check_statement(text)
        )

    return functools.cache(check)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if TOOLKIT.is_dir() and str(TOOLKIT) not in sys.path:
        sys.path.append(str(TOOLKIT))  # an installed ``agreed`` still takes precedence
    try:
        check = agreed_check()
    except ImportError as exc:
        print(f"cannot import agreed.lint.engine ({exc}); install the package first", file=sys.stderr)
        return 2
    try:
        print(run(args, check))
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
