"""Helpers for testing scrapers and the parser: builders, assertions, strategies."""
