"""The digest renderers: text lines on standard output, a failed file's problems on standard error where it stood."""

from __future__ import annotations

import json

from agreed.consent.digest import DigestError
from agreed.problem import Problem, Severity
from agreed.report.digest import DIGEST_FORMATS, Digested, Digests, Written

DIGEST = "sha256:" + "a" * 64
BROKEN = DigestError("b.yaml", (Problem("b.yaml", 3, 9, "S100", Severity.ERROR, "bad status"),))


def test_text_keeps_the_order_named_with_each_failure_on_standard_error() -> None:
    digests = Digests((Digested("a.yaml", DIGEST), Digested("b.yaml", BROKEN), Digested("-", DIGEST)))
    assert DIGEST_FORMATS.render("text", digests) == (
        Written(f"{DIGEST} a.yaml\n"),
        Written("b.yaml:3:9: S100 error bad status\n", to_stderr=True),
        Written(f"agreed: error: {BROKEN.message}\n", to_stderr=True),
        Written(f"{DIGEST} -\n"),
    )


def test_json_is_one_document_on_standard_output() -> None:
    (written,) = DIGEST_FORMATS.render("json", Digests((Digested("a.yaml", DIGEST), Digested("b.yaml", BROKEN))))
    assert not written.to_stderr
    document = json.loads(written.text)
    assert document["files"][0] == {"path": "a.yaml", "digest": DIGEST}
    assert document["files"][1]["problems"][0]["rule"] == "S100"
    assert written.text.endswith("}\n")
