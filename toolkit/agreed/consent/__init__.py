"""Mutual consent: the digest of the terms, signatures and the evidence that each party agreed."""
