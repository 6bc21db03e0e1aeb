"""Renegotiation history: the git adapter, semantic diffs and timelines."""
