"""Benchmarks and the corpus generator they share; run by hand (see README.md), not by `make test`."""
