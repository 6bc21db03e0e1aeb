"""Benchmark: the project's sentence splitter against sentence-splitting libraries, for accuracy and cost.

The text rules split prose into sentences and clauses (``agreed.text.sentences``) to read a word in its context. A
library would replace that code if it split as well at a cost the pre-commit path can carry: all text rules
together have 0.5 ms per statement. Each splitter runs over the same short texts, whose sentence boundaries are
marked by ``|``; a text with bullets must come out as three pieces. ``syntok`` and ``pysbd`` are timed when they are
installed (``pip install syntok pysbd``; neither is a dependency of the project). The table gives how many texts
each splits right, its import time and its time per text.

Run from the repository root::

    python tests/benchmarks/bench_sentences.py

The project's splitter also breaks at semicolons on purpose (a clause each side reads as its own statement), so it
is counted right on a text whose only difference is a semicolon split. Not collected by pytest.
"""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "toolkit"))

CASES = [
 "Maria will send the draft by 2027-03-01.|Li reviews it within 5 working days.",
 "The service shall respond in under 2.5 s for 99.9% of requests.|Note: latency is measured at the load balancer.",
 "Dr. Ruiz owns the protocol.|She will brief the 12 ward managers by 2027-02-10.",
 "Acme Inc. will deliver v2.1 of the API by 2027-05-01.|The U.S. team tests it.",
 "Send the report (e.g. the Q1 pack) to the CFO.|Ask Finance for figures, i.e. the audited totals.",
 "Deliver item No. 5 first.|Then item No. 6.",
 "Target: 95% first-contact resolution.|Owner: Ana Ruiz.",
 "We answer in #support within 4 working hours!|Escalations go to the on-call engineer.",
 "Is the export ready?|If not, Li tells Omar by 16:00.",
 "3.2 Performance requirements|The API returns p95 latency under 300 ms.",
 "The vendor will patch critical CVEs within 72 h; high ones within 14 days.",
 "Ship the fix by Mon. 12 Jan. 2027.|Ops confirms on the status page.",
 "Mr. Smith and Ms. Jones sign the contract by 2027-01-31.|Legal files it.",
 "Costs stay under EUR 1.2 m.|Finance reports monthly.",
 "See section 4.3.|The format is in Table 2.",
 "The St. Louis warehouse ships 400 orders a day.|The Berlin warehouse ships 300.",
 "Publish the guide at https://example.org/guide.html by 2027-04-01.|Li announces it.",
 "Reply to each ticket within 1 business day, cf. the SLA.|Close it within 5.",
 "The pilot runs from 1 Mar. to 30 Apr. 2027.|Results go to the board.",
 "Each agent handles 40 calls a day, approx. 8 an hour.|Supervisors check the queue hourly.",
 "Sales will call the top 5 accounts.\n- Maria calls Acme.\n- Li calls Globex.",
 "We will meet every Monday at 09:00 a.m.|Minutes go out the same day.",
 "The app uses OAuth 2.0 and TLS 1.3.|Tokens expire after 15 minutes.",
 "Approval needs two signatures, viz. the CFO's and the COO's.|Either may delegate.",
 "The report covers Jan.-Mar. 2027.|It is due on 2027-04-15.",
]
Splitter = Callable[[str], list[str]]


def _text_and_gold(case: str) -> tuple[str, list[str] | None]:
    if "\n" in case:
        return case.replace("|", " "), None  # bullets: three pieces, whatever their exact bounds
    parts = [part.strip() for part in case.split("|")]
    return " ".join(parts), parts


def ours(text: str) -> list[str]:
    from agreed.text.sentences import sentences

    return [text[start:end] for start, end in sentences(text)]


def with_syntok(text: str) -> list[str]:
    import syntok.segmenter as segmenter  # type: ignore[import-not-found]  # optional, for comparison

    paragraphs = segmenter.process(text)
    return ["".join(str(token) for token in sentence) for paragraph in paragraphs for sentence in paragraph]


def with_pysbd(text: str) -> list[str]:
    import pysbd  # type: ignore[import-not-found]  # optional, for comparison

    return list(pysbd.Segmenter(language="en", clean=False).segment(text))


def _right(splitter: Splitter, case: str) -> bool:
    text, gold = _text_and_gold(case)
    got = [piece.strip() for piece in splitter(text) if piece.strip()]
    if gold is None:
        return len(got) == 3
    joined_at_semicolons = [piece for part in gold for piece in (p.strip() for p in part.split(";")) if piece]
    return got in (gold, joined_at_semicolons)


def measure(name: str, module: str, splitter: Splitter, repeat: int = 20) -> str:
    started = time.perf_counter()
    try:
        importlib.import_module(module)
    except ImportError:
        return f"{name:<10}{'not installed':>12}"
    imported = time.perf_counter() - started
    right = sum(_right(splitter, case) for case in CASES)
    started = time.perf_counter()
    for round_ in range(repeat):
        for case in CASES:
            splitter(_text_and_gold(case)[0] + " " * (round_ + 1))  # a new string each round: no cache helps
    per_text = (time.perf_counter() - started) / (repeat * len(CASES))
    return f"{name:<10}{right:>7}/{len(CASES):<4}{imported * 1e3:>10.1f}{per_text * 1e3:>12.3f}"


def main() -> int:
    print(f"{'splitter':<10}{'right':>12}{'import ms':>10}{'ms/text':>12}")
    splitters: tuple[tuple[str, str, Splitter], ...] = (
        ("agreed", "agreed.text.sentences", ours), ("syntok", "syntok.segmenter", with_syntok),
        ("pysbd", "pysbd", with_pysbd),
    )
    for name, module, splitter in splitters:
        print(measure(name, module, splitter))
    return 0


if __name__ == "__main__":
    sys.exit(main())
