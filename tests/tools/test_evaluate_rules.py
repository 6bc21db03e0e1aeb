"""The figures of evaluate_rules.py on a handful of rows whose every number is known, with a fake check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from evaluate_rules import (
    Counts,
    Finding,
    Judged,
    evaluate,
    judge,
    parse_args,
    render,
    reported_category,
    run,
)
from labelled import HEADER, Row, parse_row


def row(file: str, row_id: str, split: str, labels: str, spans: str, text: str) -> Row:
    return parse_row([row_id, split, "requirements", "data", labels, spans, text], file)


def at(rule: str, category: str, text: str, phrase: str, severity: int = 2) -> Finding:
    start = text.index(phrase)
    return Finding(rule, category, severity, start, start + len(phrase))


R1 = "Ops should build a robust cache soon."
R2 = "The team will ship 3 reports."
R3 = "Li will ship 3 reports by 2027-01-01."
R4 = "We will improve it."
R5 = "Ops will help."
P1 = "Ana will send 2 files by 2027-02-01."
P2 = "Ana will send 3 files by 2027-02-01."
R1_SPANS = "weak=should | subjective=robust | time=soon"

ROWS = [
    row("requirements.tsv", "r001", "dev", "vagueness,weak-verb,time", R1_SPANS, R1),
    row("requirements.tsv", "r002", "dev", "accountability", "collective=The team", R2),
    row("requirements.tsv", "r003", "dev", "-", "-", R3),
    row("requirements.tsv", "r004", "holdout", "vagueness,accountability", "collective=We | comparative=improve", R4),
    row("requirements.tsv", "r005", "holdout", "vagueness", "activity=help", R5),
    row("precise.tsv", "p001", "dev", "-", "-", P1),
    row("precise.tsv", "p002", "holdout", "-", "-", P2),
]

FINDINGS: dict[str, tuple[Finding, ...]] = {
    R1: (at("V109", "weak-verb", R1, "should", severity=1), at("V101", "vagueness", R1, "robust")),
    R3: (at("V102", "vagueness", R3, "3 reports"),),
    R4: (at("A206", "accountability", R4, "We"), at("V105", "vagueness", R4, "improve it")),
    P1: (at("T301", "time", P1, "by 2027", severity=1),),
}


def fake_check(text: str) -> tuple[Finding, ...]:
    return FINDINGS.get(text, ())


def judged() -> list[Judged]:
    return judge(ROWS, fake_check)


def test_statement_level_counts_per_category_and_split() -> None:
    reports = evaluate(judged(), ["dev", "holdout", "all"], min_severity=1).statements["all but precise.tsv"]
    dev = reports["dev"]
    assert dev.statements == 3
    assert dev.counts == {
        "vagueness": Counts(tp=1, fp=1, fn=0),
        "weak-verb": Counts(tp=1, fp=0, fn=0),
        "accountability": Counts(tp=0, fp=0, fn=1),
        "time": Counts(tp=0, fp=0, fn=1),
    }
    assert (round(dev.micro.precision, 4), dev.micro.recall, round(dev.micro.f1, 4)) == (0.6667, 0.5, 0.5714)
    holdout = reports["holdout"]
    assert holdout.counts["vagueness"] == Counts(tp=1, fp=0, fn=1)
    assert holdout.counts["accountability"] == Counts(tp=1, fp=0, fn=0)
    assert reports["all"].micro == Counts(tp=4, fp=1, fn=3)


def test_statement_level_per_file_and_without_the_hedges_below_warning() -> None:
    statements = evaluate(judged(), ["dev"], min_severity=2).statements
    assert list(statements) == ["requirements.tsv", "precise.tsv", "all but precise.tsv"]
    assert statements["requirements.tsv"]["dev"].counts["weak-verb"] == Counts(tp=0, fp=0, fn=1)
    assert statements["precise.tsv"]["dev"].micro == Counts(tp=0, fp=0, fn=0)


def test_per_rule_precision_and_recall_on_spans() -> None:
    rules = evaluate(judged(), ["dev", "holdout"], min_severity=1).rules
    dev = {rule: (c.findings, c.matched, c.gold, c.covered) for rule, c in rules["dev"].items()}
    assert dev["V109"] == (1, 1, 1, 1)
    assert dev["V101"] == (1, 1, 1, 1)
    assert dev["V102"] == (1, 0, 0, 0)
    assert dev["T301"] == (0, 0, 1, 0)
    assert dev["A206"] == (0, 0, 1, 0)
    assert dev["V110"] == (0, 0, 1, 0)  # a declared term may stand for any vague kind
    holdout = {rule: (c.findings, c.matched, c.gold, c.covered) for rule, c in rules["holdout"].items()}
    assert holdout["V105"] == (1, 1, 1, 1)
    assert holdout["A206"] == (1, 1, 1, 1)
    assert holdout["V107"] == (0, 0, 1, 0)
    assert rules["dev"]["V102"].precision == 0.0
    assert rules["holdout"]["V107"].recall == 0.0


def test_per_rule_counts_only_findings_at_the_minimum_severity() -> None:
    rules = evaluate(judged(), ["dev"], min_severity=2).rules["dev"]
    assert (rules["V109"].findings, rules["V109"].gold, rules["V109"].covered) == (0, 1, 0)


def test_span_agreement_counts_gold_spans_of_flagged_categories() -> None:
    spans = evaluate(judged(), ["dev", "holdout"], min_severity=1).spans
    dev = {category: (a.covered, a.gold) for category, a in spans["dev"].items()}
    assert dev == {"vagueness": (1, 1), "weak-verb": (1, 1), "accountability": (0, 0), "time": (0, 0)}
    holdout = {category: (a.covered, a.gold) for category, a in spans["holdout"].items()}
    assert holdout == {"vagueness": (1, 1), "weak-verb": (0, 0), "accountability": (1, 1), "time": (0, 0)}


def test_span_agreement_needs_half_of_the_gold_span() -> None:
    text = "Ops will publish the notes as appropriate."
    gold = row("agreements.tsv", "a001", "dev", "vagueness", "loophole=as appropriate", text)
    for phrase, covered in [("appropriate", 1), ("as appr", 1), ("s as ap", 0), ("as", 0), ("notes as", 0)]:
        finding = at("V103", "vagueness", text, phrase)
        agreement = evaluate([Judged(gold, (finding,))], ["dev"], min_severity=1).spans["dev"]["vagueness"]
        assert (agreement.covered, agreement.gold) == (covered, 1), phrase


def test_false_positive_rate_on_the_precise_set_counts_any_severity() -> None:
    precise = evaluate(judged(), ["dev", "holdout", "all"], min_severity=3).precise
    assert (precise["dev"].flagged, precise["dev"].statements, precise["dev"].rate) == (1, 1, 1.0)
    assert (precise["holdout"].flagged, precise["holdout"].statements) == (0, 1)
    assert precise["all"].rate == 0.5
    assert dict(precise["all"].rules) == {"T301": 1}


def test_errors_list_dev_rows_only() -> None:
    shown = render(evaluate(judged(), ["dev", "holdout", "all"], min_severity=1), show_errors=True)
    errors = shown.split("== errors of dev rows")[1]
    assert "FN time            r001" in errors
    assert "gold: weak=should | subjective=robust | time=soon" in errors
    assert "FP vagueness       r003" in errors
    assert "found: V102 '3 reports'" in errors
    assert "FP (precise)       p001" in errors
    assert errors.count("p001") == 1
    assert "r005" not in errors
    assert "r005" not in shown


def test_show_errors_is_refused_on_the_holdout(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        parse_args(["--split", "holdout", "--show-errors"])
    assert exit_info.value.code == 2
    assert "the holdout is never shown row by row" in capsys.readouterr().err


def test_a_hedge_reported_under_vagueness_counts_as_weak_verb() -> None:
    assert reported_category("V109", "vagueness") == "weak-verb"
    assert reported_category("V109", "weak-verb") == "weak-verb"
    assert reported_category("V101", "vagueness") == "vagueness"
    assert reported_category("Z999", "vagueness") == "vagueness"


def test_run_reads_the_files_and_writes_json(tmp_path: Path) -> None:
    fields = ("r001", "dev", "requirements", "data", "vagueness,weak-verb,time", R1_SPANS, R1)
    lines = ["\t".join(HEADER), "\t".join(fields)]
    data = tmp_path / "requirements.tsv"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    payload = json.loads(run(parse_args(["--data", str(data), "--json", "--show-errors"]), fake_check))
    assert payload["files"] == ["requirements.tsv"]
    vagueness = payload["statement_level"]["requirements.tsv"]["all"]["categories"]["vagueness"]
    assert vagueness == {"tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert payload["rules"]["dev"]["T301"]["recall"] == 0.0
    assert payload["span_agreement"]["dev"]["time"] == {"gold": 0, "covered": 0, "agreement": 0.0}
    assert payload["precise"] == {}
    assert [(e["kind"], e["category"], e["id"]) for e in payload["errors"]] == [("FN", "time", "r001")]

