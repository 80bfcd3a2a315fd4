"""Scoring against externally labelled data (see docs/evaluation.md)."""
