"""Reproducible benchmarks: ``make bench`` (``python -m bench``)."""
