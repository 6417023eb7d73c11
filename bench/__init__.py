"""Benchmarks: ``python -m bench <suite> [--json out.jsonl]``; pytest-benchmark cases under ``bench/``."""
