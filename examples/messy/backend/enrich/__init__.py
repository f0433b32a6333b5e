"""Acme Enrich's backend, a year on: three SDK styles, a wrapper not everyone uses, and drift.

Each deliberate problem carries a comment naming the evdict code it shows (`# EV605: ...`).
"""
