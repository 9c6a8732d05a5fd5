"""Data for the benchmarks (evaluation sets, generators)."""
