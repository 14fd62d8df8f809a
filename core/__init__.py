"""Shared building blocks with no knowledge of the catalogue: errors, text helpers, checks."""
