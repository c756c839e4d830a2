"""Benchmarks of the portal at registry scale; run them with ``python bench/run.py``."""
