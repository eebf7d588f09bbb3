"""Benchmarks, run with `make bench` (see README.md in this folder)."""
