"""Maintainer tools: the benchmark and what it shares with the tests."""
