"""Tools for developers: realistic corpora for tests and benchmarks."""
