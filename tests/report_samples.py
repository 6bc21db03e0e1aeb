"""A small draft whose one deliverable draws findings with known words ("Robust", "etc."), for the report tests that
run every format over a file with findings."""

from __future__ import annotations

DRAFT_WITH_FINDINGS = """\
agreed: 1
id: x
title: t
status: draft
parties:
  - id: maria
    name: Maria Chen
results:
  deliverables:
    - id: d1
      what: Robust thing, etc.
"""
DRAFT_WITH_AN_OWNER = DRAFT_WITH_FINDINGS + "      owner: maria\n"
"""The same, with the deliverable owned: its findings are the prose rules' alone."""
