"""Benchmarks and load tests (see README.md).

A package, so that the shared data modules under ``bench/data`` have one import path.
"""
