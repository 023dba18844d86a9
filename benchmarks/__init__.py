"""Benchmarks: measurements to run by hand, not tests (see benchmarks/README.md)."""
