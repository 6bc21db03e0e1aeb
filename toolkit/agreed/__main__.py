"""``python -m agreed`` runs the command line."""

from __future__ import annotations

from agreed.cli import main

main()
